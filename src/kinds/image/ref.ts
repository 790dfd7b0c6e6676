/** References to images: the name of an entry under `images`, or an image id. */
import type { ResourceRef } from '../../model/desired.js';
import { imageKey } from '../../model/keys.js';
import { str } from '../../spec/schema-builders.js';
import type { SpecPath } from '../../spec/source-locator.js';
import type { IdFormat, ToDesiredContext } from '../kind-spec.js';
import { namedRef } from '../named-ref.js';

export const IMAGE_REF = str('An image: the name of an entry under `images`, or an image id (wsi-…).', { minLength: 1 });

const IMAGE_ID: IdFormat = { prefix: 'wsi-', pattern: /^wsi-[0-9a-z]{9,63}$/, shape: 'wsi- and 9–63 lowercase letters or digits' };

export function imageRef(context: ToDesiredContext, ref: string, path: SpecPath): ResourceRef {
  return namedRef(context, 'image', ref, IMAGE_ID, context.spec.images as Record<string, unknown> | undefined, imageKey, path);
}
