/** Images as spec entries for `wsr export`: `images.<name>` referring to the existing image by id, with its sharing. */
import type { ImageProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { SpecImage } from './spec.js';
import { SPEC_IMAGE_OR_BUNDLE_NAME, compact, describable, nonEmptyMap, withTags } from '../export-entry.js';
import type { KindExport } from '../kind.js';

export const imageExport: KindExport<ImageProperties> = {
  readFor: 'everything',
  inScope: (image, scope) => scope.everything || scope.isUsed(image.id!),
  cannotExport(image) {
    const name = props(image).name;
    if (!SPEC_IMAGE_OR_BUNDLE_NAME.test(name ?? '')) return `name "${name}" does not fit the spec's pattern`;
    return image.state === 'ERROR' ? 'image is in ERROR' : undefined;
  },
  names: (adopted) => new Map(adopted.map((image) => [image.id!, props(image).name])),
  toSpec: (adopted) => ({ images: nonEmptyMap(adopted.map((image) => [props(image).name, imageEntry(image)])) }),
};

function imageEntry(image: LiveResource<ImageProperties>): SpecImage {
  const p = props(image);
  return withTags(
    compact({ id: image.id!, description: describable(p.description), sharedWith: p.sharedWith.length > 0 ? [...p.sharedWith].sort() : undefined }),
    image,
  );
}

function props(image: LiveResource<ImageProperties>): ImageProperties {
  return image.properties;
}
