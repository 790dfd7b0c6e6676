/** References to bundles: the name of an entry under `bundles`, or a bundle id (an Amazon public bundle). */
import type { ResourceRef } from '../../model/desired.js';
import { bundleKey } from '../../model/keys.js';
import { str } from '../../spec/schema-builders.js';
import type { SpecPath } from '../../spec/source-locator.js';
import type { IdFormat, ToDesiredContext } from '../kind-spec.js';
import { namedRef } from '../named-ref.js';

export const BUNDLE_REF = str('A bundle: the name of an entry under `bundles`, or a bundle id (wsb-…, e.g. an Amazon public bundle).', {
  minLength: 1,
});

const BUNDLE_ID: IdFormat = { prefix: 'wsb-', pattern: /^wsb-[0-9a-z]{8,63}$/, shape: 'wsb- and 8–63 lowercase letters or digits' };

export function bundleRef(context: ToDesiredContext, ref: string, path: SpecPath): ResourceRef {
  return namedRef(context, 'bundle', ref, BUNDLE_ID, context.spec.bundles as Record<string, unknown> | undefined, bundleKey, path);
}
