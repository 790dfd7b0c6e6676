/**
 * What a desired (and a live) image holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */
import type { ResourceRef } from '../../model/desired.js';

export type CustomImageSource = { readonly Ec2ImageId: string } | { readonly Ec2ImportTaskId: string } | { readonly ImageBuildVersionArn: string };

export type ImageSource =
  | { readonly type: 'fromWorkspace'; readonly workspace: ResourceRef }
  | { readonly type: 'copyFrom'; readonly sourceImageId: string; readonly sourceRegion: string }
  | {
      readonly type: 'importByol';
      readonly ec2ImageId: string;
      readonly ingestionProcess: string;
      readonly applications?: readonly string[];
    }
  | {
      /** ImportCustomWorkspaceImage: a Windows 10/11 image built from an AMI, an EC2 import task or an Image Builder version. */
      readonly type: 'importCustom';
      /** Exactly one of Ec2ImageId, Ec2ImportTaskId, ImageBuildVersionArn (the API's ImageSourceIdentifier union). */
      readonly imageSource: CustomImageSource;
      readonly infrastructureConfigurationArn: string;
      readonly computeType: 'BASE' | 'GRAPHICS_G4DN' | 'GRAPHICS_G6';
      readonly protocol: 'PCOIP' | 'DCV' | 'BYOP';
      readonly osVersion: 'Windows_10' | 'Windows_11';
    }
  | { readonly type: 'updatedFrom'; readonly image: ResourceRef }
  /** An image that exists already and is only managed (sharing, tags). */
  | { readonly type: 'existing'; readonly imageId: string };

export interface ImageProperties {
  readonly name: string;
  readonly description?: string;
  readonly source: ImageSource;
  /** Accounts the image is shared with (UpdateWorkspaceImagePermission). */
  readonly sharedWith: readonly string[];
}
