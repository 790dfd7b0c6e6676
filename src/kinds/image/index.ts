/** The image kind: custom WorkSpaces images and who they are shared with. */
import type { ImageProperties } from './properties.js';
import type { KindDefinition } from '../kind.js';
import { destroysMember } from '../destroying-call.js';
import { imageExport } from './export.js';
import { imageSpec } from './spec.js';
import { diffImage } from './diff.js';
import { readImages } from './read.js';
import { CUSTOM_IMPORT_WAITER, imageSteps, imageWarnings } from './rules.js';

export const imageKind: KindDefinition<ImageProperties> = {
  kind: 'image',
  spec: imageSpec,
  description: 'custom images (wsi-…): create/copy/import, sharing with accounts',
  destroyingCalls: { DeleteWorkspaceImage: destroysMember('ImageId') },
  tagging: { resourceType: 'workspaceimage', idPrefixes: ['wsi-'] },
  export: imageExport,
  read: readImages,
  diff: diffImage,
  steps: imageSteps,
  readWith: ['bundle'],
  warnings: imageWarnings,
  waiter: { operation: 'DescribeWorkspaceImages', idsMember: 'ImageIds', max: 25, listMember: 'Images', idField: 'ImageId', stateField: 'State' },
  waiterFor: (step) => (step.operation === 'ImportCustomWorkspaceImage' ? CUSTOM_IMPORT_WAITER : undefined),
  idsFromOutput(step, output) {
    return typeof output.ImageId === 'string' ? { [step.key]: output.ImageId } : {};
  },
  desiredReferences(desired) {
    const source = desired.properties.source;
    if (source.type === 'fromWorkspace' && 'key' in source.workspace) return [source.workspace.key];
    if (source.type === 'updatedFrom' && 'key' in source.image) return [source.image.key];
    return [];
  },
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    image: ImageProperties;
  }
}
