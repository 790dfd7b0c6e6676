/** `connectClientAddIns:` — Amazon Connect client add-ins, at most one per directory. */
import type { ConnectClientAddInProperties } from './properties.js';
import { connectClientAddInKey } from '../../model/keys.js';
import { list, obj, str, type SchemaType } from '../../spec/schema-builders.js';
import { HTTP_URL } from '../../spec/schema-fragments.js';
import { declaredDirectories, directoryId, DIRECTORY_REF } from '../directory/ref.js';
import { defineKindSpec, sectionOf } from '../kind-spec.js';

const connectClientAddIn = obj(
  'An Amazon Connect client add-in.',
  {
    directory: DIRECTORY_REF,
    name: str('Add-in name.', { minLength: 1, maxLength: 64 }),
    url: str('Add-in URL.', { title: 'http(s) URL', minLength: 1, maxLength: 1024, pattern: HTTP_URL }),
  },
  ['directory', 'name', 'url'],
);

export type SpecConnectClientAddIn = SchemaType<typeof connectClientAddIn>;

const addIns = list('Amazon Connect client add-ins (one per directory).', connectClientAddIn);

export const connectClientAddInSpec = defineKindSpec({
  section: 'connectClientAddIns',
  schema: addIns,
  toDesired(entries, context) {
    entries.forEach((addIn, index) => {
      const path = ['connectClientAddIns', index];
      const id = directoryId(context, addIn.directory, [...path, 'directory']);
      if (id === undefined) return;
      const properties: ConnectClientAddInProperties = { directoryId: id, name: addIn.name, url: addIn.url };
      context.add({ kind: 'connectClientAddIn', key: connectClientAddInKey(id, addIn.name), properties, tags: {}, path });
    });
  },
  checks(spec, report) {
    const directories = declaredDirectories(spec);
    const addInsByDirectory = new Map<string, number>();
    (sectionOf(spec, 'connectClientAddIns', addIns) ?? []).forEach((addIn, index) => {
      const id = (Object.hasOwn(directories, addIn.directory) ? directories[addIn.directory]?.id : undefined) ?? addIn.directory;
      const first = addInsByDirectory.get(id);
      if (first === undefined) {
        addInsByDirectory.set(id, index);
        return;
      }
      report(
        'SPEC_ADDIN_PER_DIRECTORY',
        `directory "${addIn.directory}" already has a Connect client add-in (connectClientAddIns[${first}]); one per directory`,
        ['connectClientAddIns', index],
        'key',
      );
    });
  },
});
