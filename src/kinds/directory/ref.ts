/** References to directories: the local name of an entry under `directories`, or a directory id. */
import type { ResourceRef } from '../../model/desired.js';
import { directoryKey } from '../../model/keys.js';
import { str } from '../../spec/schema-builders.js';
import type { SpecPath } from '../../spec/source-locator.js';
import type { IdFormat, ValidSpec, ToDesiredContext } from '../kind-spec.js';

export const DIRECTORY_REF = str('A directory: the local name of an entry under `directories`, or a directory id (d-…).', {
  minLength: 1,
});

export const DIRECTORY_ID_PATTERN = '^(d-[0-9a-f]{8,63}|wsd-[0-9a-z]{8,63})$';
const DIRECTORY_ID: IdFormat = { prefix: 'd-', pattern: new RegExp(DIRECTORY_ID_PATTERN), shape: 'd- and 8–63 hex digits' };

/** The directories the spec declares, by local name (only what references need). */
export function declaredDirectories(spec: ValidSpec): Readonly<Record<string, { readonly id: string }>> {
  return (spec.directories as Record<string, { id: string }> | undefined) ?? {};
}

/** The directory id a reference names (a declared name or an id); reported and undefined when neither. */
export function directoryId(context: ToDesiredContext, ref: string, path: SpecPath): string | undefined {
  const declared = declaredDirectories(context.spec);
  if (Object.hasOwn(declared, ref)) return declared[ref]!.id;
  if (DIRECTORY_ID.pattern.test(ref)) return ref;
  if (ref.startsWith('d-') || ref.startsWith('wsd-')) context.badId('directory', ref, DIRECTORY_ID, path);
  else context.unknownRef('directory', ref, Object.keys(declared), path);
  return undefined;
}

/** A declared directory by key, an outside one by id. */
export function directoryRef(context: ToDesiredContext, ref: string, path: SpecPath): ResourceRef | undefined {
  const id = directoryId(context, ref, path);
  if (id === undefined) return undefined;
  const declared = Object.values(declaredDirectories(context.spec)).some((directory) => directory.id === id);
  return declared ? { key: directoryKey(id) } : { id };
}
