/** References to IP groups: the name of an entry under `ipGroups`, or a group id. */
import type { ResourceRef } from '../../model/desired.js';
import { ipGroupKey } from '../../model/keys.js';
import type { SpecPath } from '../../spec/source-locator.js';
import type { IdFormat, ToDesiredContext } from '../kind-spec.js';
import { namedRef } from '../named-ref.js';

const IP_GROUP_ID: IdFormat = { prefix: 'wsipg-', pattern: /^wsipg-[0-9a-z]{8,63}$/, shape: 'wsipg- and 8–63 lowercase letters or digits' };

export function ipGroupRef(context: ToDesiredContext, ref: string, path: SpecPath): ResourceRef {
  return namedRef(context, 'IP group', ref, IP_GROUP_ID, context.spec.ipGroups as Record<string, unknown> | undefined, ipGroupKey, path);
}
