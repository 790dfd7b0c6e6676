/** `bundles:` — custom bundles keyed by bundle name: an image plus hardware and storage. */
import type { BundleProperties } from './properties.js';
import { bundleKey } from '../../model/keys.js';
import { mapOf, obj, str, type SchemaType } from '../../spec/schema-builders.js';
import { DESCRIPTION, TAGS } from '../../spec/schema-fragments.js';
import { IMAGE_NAME } from '../image/spec.js';
import { IMAGE_REF, imageRef } from '../image/ref.js';
import { compact, defineKindSpec, sectionOf, type ValidSpec } from '../kind-spec.js';
import { workspaceFields } from '../workspace/schema.js';
import { checkVolumeCombination } from '../workspace/volume-combination.js';

const bundle = obj(
  'A custom bundle: an image plus hardware and storage.',
  {
    description: str('Bundle description.', DESCRIPTION),
    image: IMAGE_REF,
    computeType: workspaceFields.computeType,
    rootVolumeGib: workspaceFields.rootVolumeGib,
    userVolumeGib: workspaceFields.userVolumeGib,
    tags: TAGS,
  },
  ['image', 'computeType', 'userVolumeGib'],
);

export type SpecBundle = SchemaType<typeof bundle>;

const bundles = mapOf('Custom bundles, keyed by bundle name.', bundle, IMAGE_NAME);

/** The bundles the spec declares (a workspace's volumes must fit its bundle's). */
export function specBundles(spec: ValidSpec): Readonly<Record<string, SpecBundle>> {
  return sectionOf(spec, 'bundles', bundles) ?? {};
}

export const bundleSpec = defineKindSpec({
  section: 'bundles',
  schema: bundles,
  referredToAs: 'bundle',
  toDesired(entries, context) {
    for (const [name, entry] of Object.entries(entries)) {
      const path = ['bundles', name];
      const properties: BundleProperties = compact({
        name,
        description: entry.description,
        image: imageRef(context, entry.image, [...path, 'image']),
        computeType: entry.computeType,
        rootVolumeGib: entry.rootVolumeGib,
        userVolumeGib: entry.userVolumeGib,
      });
      context.add({ kind: 'bundle', key: bundleKey(name), properties, tags: entry.tags ?? {}, path });
    }
  },
  checks(spec, report) {
    for (const [name, entry] of Object.entries(specBundles(spec))) {
      checkVolumeCombination(entry.rootVolumeGib, entry.userVolumeGib, entry.computeType, ['bundles', name, 'rootVolumeGib'], report);
    }
  },
});
