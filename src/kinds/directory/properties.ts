/**
 * What a desired (and a live) directory holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */
import type {
  CertificateBasedAuthProperties,
  ClientProperties,
  SamlProperties,
  SelfservicePermissions,
  StreamingProperties,
  WorkspaceAccessProperties,
  WorkspaceCreationProperties,
} from '@aws-sdk/client-workspaces';
import type { ResourceRef } from '../../model/desired.js';

export interface DirectoryProperties {
  readonly directoryId: string;
  /** RegisterWorkspaceDirectory parameters (immutable after registration except via re-register). */
  readonly subnetIds?: readonly string[];
  readonly enableSelfService?: boolean;
  readonly tenancy?: 'DEDICATED' | 'SHARED';
  /** IP groups to associate (refs to ipGroup keys or wsipg- ids); undefined = don't manage. */
  readonly ipGroups?: readonly ResourceRef[];
  readonly selfservicePermissions?: SelfservicePermissions;
  readonly workspaceCreationProperties?: WorkspaceCreationProperties;
  readonly workspaceAccessProperties?: WorkspaceAccessProperties;
  readonly samlProperties?: SamlProperties;
  readonly certificateBasedAuthProperties?: CertificateBasedAuthProperties;
  readonly clientProperties?: ClientProperties;
  readonly streamingProperties?: StreamingProperties;
  readonly endpointEncryptionMode?: 'STANDARD_TLS' | 'FIPS_VALIDATED';
}
