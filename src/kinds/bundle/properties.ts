/**
 * What a desired (and a live) bundle holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */
import type { ResourceRef } from '../../model/desired.js';

export interface BundleProperties {
  readonly name: string;
  readonly description?: string;
  readonly image: ResourceRef;
  readonly computeType: string;
  readonly rootVolumeGib?: number;
  readonly userVolumeGib: number;
}
