/**
 * What a desired (and a live) pool holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */
import type { Capacity, ApplicationSettingsRequest, TimeoutSettings } from '@aws-sdk/client-workspaces';
import type { ResourceRef } from '../../model/desired.js';

export interface PoolProperties {
  readonly name: string;
  readonly description: string;
  readonly bundle: ResourceRef;
  readonly directory: ResourceRef;
  readonly capacity: Capacity;
  readonly runningMode?: 'AUTO_STOP' | 'ALWAYS_ON';
  readonly applicationSettings?: ApplicationSettingsRequest;
  readonly timeoutSettings?: TimeoutSettings;
  readonly desiredState?: 'running' | 'stopped';
}
