/** Bundles as spec entries for `wsr export`: `bundles.<name>` with the image by its spec name (or id). */
import type { BundleProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { SpecBundle } from './spec.js';
import { SPEC_IMAGE_OR_BUNDLE_NAME, compact, describable, nonEmptyMap, refId, withTags } from '../export-entry.js';
import type { ExportReferences, KindExport } from '../kind.js';

export const bundleExport: KindExport<BundleProperties> = {
  readFor: 'everything',
  inScope: (bundle, scope) => scope.everything || scope.isUsed(bundle.id!),
  uses: (bundle) => [refId(props(bundle).image)],
  cannotExport(bundle) {
    const name = props(bundle).name;
    return SPEC_IMAGE_OR_BUNDLE_NAME.test(name ?? '') ? undefined : `name "${name}" does not fit the spec's pattern`;
  },
  names: (adopted) => new Map(adopted.map((bundle) => [bundle.id!, props(bundle).name])),
  toSpec: (adopted, references) => ({ bundles: nonEmptyMap(adopted.map((bundle) => [props(bundle).name, bundleEntry(bundle, references)])) }),
};

function bundleEntry(bundle: LiveResource<BundleProperties>, references: ExportReferences): SpecBundle {
  const p = props(bundle);
  return withTags(
    compact({
      description: describable(p.description),
      image: references.nameOf(refId(p.image)),
      computeType: p.computeType as SpecBundle['computeType'],
      rootVolumeGib: p.rootVolumeGib,
      userVolumeGib: p.userVolumeGib,
    }),
    bundle,
  );
}

function props(bundle: LiveResource<BundleProperties>): BundleProperties {
  return bundle.properties;
}
