/**
 * Local names for directories in the spec: the first label of the directory's DNS name
 * (`corp.example.com` → `corp`), made unique with the id's tail, or the id when there is no name.
 */
import type { DirectoryProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';

export function directoryNames(directories: readonly LiveResource<DirectoryProperties>[]): Map<string, string> {
  const sorted = [...directories].sort((a, b) => (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0));
  const wanted = sorted.map((directory) => [directory.id!, preferredName(directory)] as const);
  const counts = new Map<string, number>();
  for (const [, name] of wanted) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const [id, name] of wanted) names.set(id, counts.get(name)! > 1 ? `${name}-${id.slice(id.indexOf('-') + 1)}` : name);
  return names;
}

function preferredName(directory: LiveResource<DirectoryProperties>): string {
  const dnsName = directory.details?.directoryName;
  const label =
    typeof dnsName === 'string'
      ? dnsName
          .split('.')[0]
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, '-')
      : '';
  // a name that looks like an id would be read as one
  return label === '' || /^(d|wsd|ws|wsb|wsi|wsipg)-/.test(label) ? directory.id! : label;
}
