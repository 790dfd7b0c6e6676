/** `images:` — custom images keyed by image name, each with exactly one source. */
import type { ImageProperties, ImageSource } from './properties.js';
import { imageKey } from '../../model/keys.js';
import { list, mapOf, obj, oneOfValues, str, type SchemaType } from '../../spec/schema-builders.js';
import { ACCOUNT_ID, DESCRIPTION, REGION, TAGS } from '../../spec/schema-fragments.js';
import type { SpecPath } from '../../spec/source-locator.js';
import { compact, defineKindSpec, type ToDesiredContext } from '../kind-spec.js';
import { workspaceRef } from '../workspace/ref.js';
import { IMAGE_REF, imageRef } from './ref.js';

/** Names of images and bundles as the API allows them. */
export const IMAGE_NAME = { title: 'image or bundle name', minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9_./()\\\\-]+$' };

const importCustom = obj(
  'Import a Windows 10/11 image (ImportCustomWorkspaceImage); give exactly one of ec2ImageId, ec2ImportTaskId, imageBuildVersionArn.',
  {
    ec2ImageId: str('The AMI id.', { title: 'AMI id (ami-…)', pattern: '^ami-([a-f0-9]{8}|[a-f0-9]{17})$' }),
    ec2ImportTaskId: str('An EC2 VM import task.', { title: 'EC2 import task id (import-ami-…)', pattern: '^import-ami-([a-zA-Z0-9]{8}|[a-zA-Z0-9]{17})$' }),
    imageBuildVersionArn: str('An EC2 Image Builder image version.', {
      title: 'Image Builder image version ARN',
      minLength: 1,
      maxLength: 2048,
      pattern:
        '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image/[a-z0-9-_]+/(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))$',
    }),
    infrastructureConfigurationArn: str('The EC2 Image Builder infrastructure configuration the import runs on.', {
      title: 'Image Builder infrastructure configuration ARN',
      minLength: 1,
      maxLength: 2048,
      pattern: '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):infrastructure-configuration/[a-z0-9-_]+$',
    }),
    computeType: oneOfValues('The compute the image is for (default BASE).', ['BASE', 'GRAPHICS_G4DN', 'GRAPHICS_G6']),
    protocol: oneOfValues('The streaming protocol.', ['PCOIP', 'DCV', 'BYOP']),
    osVersion: oneOfValues('The Windows version.', ['Windows_10', 'Windows_11']),
  },
  ['infrastructureConfigurationArn', 'protocol', 'osVersion'],
);

const image = obj('A custom image. Give exactly one source: fromWorkspace, copyFrom, importByol, importCustom, updatedFrom or id.', {
  description: str('Image description.', DESCRIPTION),
  fromWorkspace: str('Capture the image from a workspace: its id (ws-…) or `directory/user`.', { minLength: 1 }),
  copyFrom: obj(
    'Copy an image from another Region.',
    {
      imageId: str('The source image id.', { title: 'image id (wsi-…)', pattern: '^wsi-[0-9a-z]{9,63}$' }),
      region: REGION,
    },
    ['imageId', 'region'],
  ),
  importByol: obj(
    'Import a BYOL image from an EC2 AMI.',
    {
      ec2ImageId: str('The AMI id.', { title: 'AMI id (ami-…)', pattern: '^ami-([a-f0-9]{8}|[a-f0-9]{17})$' }),
      ingestionProcess: oneOfValues('How the image is ingested.', [
        'BYOL_REGULAR',
        'BYOL_GRAPHICS',
        'BYOL_GRAPHICSPRO',
        'BYOL_GRAPHICS_G4DN',
        'BYOL_REGULAR_WSP',
        'BYOL_GRAPHICS_G4DN_WSP',
        'BYOL_REGULAR_BYOP',
        'BYOL_GRAPHICS_G4DN_BYOP',
      ]),
      applications: list('Microsoft Office to subscribe to.', oneOfValues('An application.', ['Microsoft_Office_2016', 'Microsoft_Office_2019']), {
        minItems: 1,
        maxItems: 5,
        uniqueItems: true,
      }),
    },
    ['ec2ImageId', 'ingestionProcess'],
  ),
  importCustom,
  updatedFrom: IMAGE_REF,
  id: str('An existing image, only managed (sharing, tags).', { title: 'image id (wsi-…)', pattern: '^wsi-[0-9a-z]{9,63}$' }),
  sharedWith: list('Accounts the image is shared with.', ACCOUNT_ID, { uniqueItems: true }),
  tags: TAGS,
});

export type SpecImage = SchemaType<typeof image>;
export type SpecImportCustom = SchemaType<typeof importCustom>;

const images = mapOf('Custom images, keyed by image name.', image, IMAGE_NAME);

export const imageSpec = defineKindSpec({
  section: 'images',
  schema: images,
  referredToAs: 'image',
  toDesired(entries, context) {
    for (const [name, entry] of Object.entries(entries)) {
      const path = ['images', name];
      const source = imageSource(context, entry, path);
      if (!source) continue;
      const properties: ImageProperties = compact({ name, description: entry.description, source, sharedWith: entry.sharedWith ?? [] });
      context.add({ kind: 'image', key: imageKey(name), properties, tags: entry.tags ?? {}, path });
    }
  },
});

function imageSource(context: ToDesiredContext, entry: SpecImage, path: SpecPath): ImageSource | undefined {
  const given = (['fromWorkspace', 'copyFrom', 'importByol', 'importCustom', 'updatedFrom', 'id'] as const).filter((s) => entry[s] !== undefined);
  if (given.length !== 1) {
    const what = given.length === 0 ? 'none is given' : `${given.join(' and ')} are given`;
    context.error(
      'SPEC_IMAGE_SOURCE',
      `image needs exactly one source (fromWorkspace, copyFrom, importByol, importCustom, updatedFrom or id); ${what}`,
      context.locator.key(path),
    );
    return undefined;
  }
  if (entry.fromWorkspace !== undefined) return { type: 'fromWorkspace', workspace: workspaceRef(context, entry.fromWorkspace, [...path, 'fromWorkspace']) };
  if (entry.copyFrom) return { type: 'copyFrom', sourceImageId: entry.copyFrom.imageId, sourceRegion: entry.copyFrom.region };
  if (entry.importByol) {
    const { ec2ImageId, ingestionProcess, applications } = entry.importByol;
    return compact({ type: 'importByol' as const, ec2ImageId, ingestionProcess, applications });
  }
  if (entry.importCustom) return customImportSource(context, entry.importCustom, [...path, 'importCustom']);
  if (entry.updatedFrom !== undefined) return { type: 'updatedFrom', image: imageRef(context, entry.updatedFrom, [...path, 'updatedFrom']) };
  return { type: 'existing', imageId: entry.id! };
}

/** ImportCustomWorkspaceImage's ImageSource is a union: exactly one of its three members. */
function customImportSource(context: ToDesiredContext, custom: SpecImportCustom, path: SpecPath): ImageSource | undefined {
  const sources = [
    ...(custom.ec2ImageId === undefined ? [] : [{ Ec2ImageId: custom.ec2ImageId }]),
    ...(custom.ec2ImportTaskId === undefined ? [] : [{ Ec2ImportTaskId: custom.ec2ImportTaskId }]),
    ...(custom.imageBuildVersionArn === undefined ? [] : [{ ImageBuildVersionArn: custom.imageBuildVersionArn }]),
  ];
  if (sources.length !== 1) {
    context.error(
      'SPEC_IMAGE_SOURCE',
      `importCustom needs exactly one of ec2ImageId, ec2ImportTaskId, imageBuildVersionArn; ${sources.length} given`,
      context.locator.key(path),
    );
    return undefined;
  }
  return {
    type: 'importCustom',
    imageSource: sources[0]!,
    infrastructureConfigurationArn: custom.infrastructureConfigurationArn,
    computeType: custom.computeType ?? 'BASE',
    protocol: custom.protocol,
    osVersion: custom.osVersion,
  };
}
