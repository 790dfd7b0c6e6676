/** References by name to entries a spec declares, or by AWS id to resources it does not. */
import type { ResourceRef } from '../model/desired.js';
import type { ResourceKey } from '../model/keys.js';
import type { SpecPath } from '../spec/source-locator.js';
import type { IdFormat, ToDesiredContext } from './kind-spec.js';

/** A declared entry by key, an outside one by id; an unknown name is reported (and keyed, so checks go on). */
export function namedRef(
  context: ToDesiredContext,
  what: string,
  ref: string,
  id: IdFormat,
  declared: Readonly<Record<string, unknown>> | undefined,
  keyOf: (name: string) => ResourceKey,
  path: SpecPath,
): ResourceRef {
  if (declared && Object.hasOwn(declared, ref)) return { key: keyOf(ref) };
  if (id.pattern.test(ref)) return { id: ref };
  if (ref.startsWith(id.prefix)) context.badId(what, ref, id, path);
  else context.unknownRef(what, ref, Object.keys(declared ?? {}), path);
  return { key: keyOf(ref) };
}
