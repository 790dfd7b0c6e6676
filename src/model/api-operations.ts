/**
 * The operations wsr can call, with the SDK's own input and output types (type-only imports: the
 * pure core never loads the SDK at run time). Plan steps, the step builder and the ApiPort are
 * typed by this map, so a misspelled operation or input member fails `tsc` instead of reaching
 * AWS as a ValidationException. It lists every WorkSpaces operation of the API model
 * (src/emulator/model/workspaces-input-model.json) plus the tagging API's GetResources; README
 * "Operation map" says which of them wsr calls and why.
 */
import type * as workspaces from '@aws-sdk/client-workspaces';
import type { GetResourcesInput, GetResourcesOutput, TagResourcesInput, TagResourcesOutput } from '@aws-sdk/client-resource-groups-tagging-api';

export interface ApiOperations {
  AcceptAccountLinkInvitation: { input: workspaces.AcceptAccountLinkInvitationRequest; output: workspaces.AcceptAccountLinkInvitationResult };
  AssociateConnectionAlias: { input: workspaces.AssociateConnectionAliasRequest; output: workspaces.AssociateConnectionAliasResult };
  AssociateIpGroups: { input: workspaces.AssociateIpGroupsRequest; output: workspaces.AssociateIpGroupsResult };
  AssociateWorkspaceApplication: { input: workspaces.AssociateWorkspaceApplicationRequest; output: workspaces.AssociateWorkspaceApplicationResult };
  AuthorizeIpRules: { input: workspaces.AuthorizeIpRulesRequest; output: workspaces.AuthorizeIpRulesResult };
  CopyWorkspaceImage: { input: workspaces.CopyWorkspaceImageRequest; output: workspaces.CopyWorkspaceImageResult };
  CreateAccountLinkInvitation: { input: workspaces.CreateAccountLinkInvitationRequest; output: workspaces.CreateAccountLinkInvitationResult };
  CreateConnectClientAddIn: { input: workspaces.CreateConnectClientAddInRequest; output: workspaces.CreateConnectClientAddInResult };
  CreateConnectionAlias: { input: workspaces.CreateConnectionAliasRequest; output: workspaces.CreateConnectionAliasResult };
  CreateIpGroup: { input: workspaces.CreateIpGroupRequest; output: workspaces.CreateIpGroupResult };
  CreateStandbyWorkspaces: { input: workspaces.CreateStandbyWorkspacesRequest; output: workspaces.CreateStandbyWorkspacesResult };
  CreateTags: { input: workspaces.CreateTagsRequest; output: workspaces.CreateTagsResult };
  CreateUpdatedWorkspaceImage: { input: workspaces.CreateUpdatedWorkspaceImageRequest; output: workspaces.CreateUpdatedWorkspaceImageResult };
  CreateWorkspaceBundle: { input: workspaces.CreateWorkspaceBundleRequest; output: workspaces.CreateWorkspaceBundleResult };
  CreateWorkspaceImage: { input: workspaces.CreateWorkspaceImageRequest; output: workspaces.CreateWorkspaceImageResult };
  CreateWorkspaces: { input: workspaces.CreateWorkspacesRequest; output: workspaces.CreateWorkspacesResult };
  CreateWorkspacesPool: { input: workspaces.CreateWorkspacesPoolRequest; output: workspaces.CreateWorkspacesPoolResult };
  DeleteAccountLinkInvitation: { input: workspaces.DeleteAccountLinkInvitationRequest; output: workspaces.DeleteAccountLinkInvitationResult };
  DeleteClientBranding: { input: workspaces.DeleteClientBrandingRequest; output: workspaces.DeleteClientBrandingResult };
  DeleteConnectClientAddIn: { input: workspaces.DeleteConnectClientAddInRequest; output: workspaces.DeleteConnectClientAddInResult };
  DeleteConnectionAlias: { input: workspaces.DeleteConnectionAliasRequest; output: workspaces.DeleteConnectionAliasResult };
  DeleteIpGroup: { input: workspaces.DeleteIpGroupRequest; output: workspaces.DeleteIpGroupResult };
  DeleteTags: { input: workspaces.DeleteTagsRequest; output: workspaces.DeleteTagsResult };
  DeleteWorkspaceBundle: { input: workspaces.DeleteWorkspaceBundleRequest; output: workspaces.DeleteWorkspaceBundleResult };
  DeleteWorkspaceImage: { input: workspaces.DeleteWorkspaceImageRequest; output: workspaces.DeleteWorkspaceImageResult };
  DeployWorkspaceApplications: { input: workspaces.DeployWorkspaceApplicationsRequest; output: workspaces.DeployWorkspaceApplicationsResult };
  DeregisterWorkspaceDirectory: { input: workspaces.DeregisterWorkspaceDirectoryRequest; output: workspaces.DeregisterWorkspaceDirectoryResult };
  DescribeAccount: { input: workspaces.DescribeAccountRequest; output: workspaces.DescribeAccountResult };
  DescribeAccountModifications: { input: workspaces.DescribeAccountModificationsRequest; output: workspaces.DescribeAccountModificationsResult };
  DescribeApplicationAssociations: { input: workspaces.DescribeApplicationAssociationsRequest; output: workspaces.DescribeApplicationAssociationsResult };
  DescribeApplications: { input: workspaces.DescribeApplicationsRequest; output: workspaces.DescribeApplicationsResult };
  DescribeBundleAssociations: { input: workspaces.DescribeBundleAssociationsRequest; output: workspaces.DescribeBundleAssociationsResult };
  DescribeClientBranding: { input: workspaces.DescribeClientBrandingRequest; output: workspaces.DescribeClientBrandingResult };
  DescribeClientProperties: { input: workspaces.DescribeClientPropertiesRequest; output: workspaces.DescribeClientPropertiesResult };
  DescribeConnectClientAddIns: { input: workspaces.DescribeConnectClientAddInsRequest; output: workspaces.DescribeConnectClientAddInsResult };
  DescribeConnectionAliasPermissions: {
    input: workspaces.DescribeConnectionAliasPermissionsRequest;
    output: workspaces.DescribeConnectionAliasPermissionsResult;
  };
  DescribeConnectionAliases: { input: workspaces.DescribeConnectionAliasesRequest; output: workspaces.DescribeConnectionAliasesResult };
  DescribeCustomWorkspaceImageImport: {
    input: workspaces.DescribeCustomWorkspaceImageImportRequest;
    output: workspaces.DescribeCustomWorkspaceImageImportResult;
  };
  DescribeImageAssociations: { input: workspaces.DescribeImageAssociationsRequest; output: workspaces.DescribeImageAssociationsResult };
  DescribeIpGroups: { input: workspaces.DescribeIpGroupsRequest; output: workspaces.DescribeIpGroupsResult };
  DescribeTags: { input: workspaces.DescribeTagsRequest; output: workspaces.DescribeTagsResult };
  DescribeWorkspaceAssociations: { input: workspaces.DescribeWorkspaceAssociationsRequest; output: workspaces.DescribeWorkspaceAssociationsResult };
  DescribeWorkspaceBundles: { input: workspaces.DescribeWorkspaceBundlesRequest; output: workspaces.DescribeWorkspaceBundlesResult };
  DescribeWorkspaceDirectories: { input: workspaces.DescribeWorkspaceDirectoriesRequest; output: workspaces.DescribeWorkspaceDirectoriesResult };
  DescribeWorkspaceImagePermissions: { input: workspaces.DescribeWorkspaceImagePermissionsRequest; output: workspaces.DescribeWorkspaceImagePermissionsResult };
  DescribeWorkspaceImages: { input: workspaces.DescribeWorkspaceImagesRequest; output: workspaces.DescribeWorkspaceImagesResult };
  DescribeWorkspaceSnapshots: { input: workspaces.DescribeWorkspaceSnapshotsRequest; output: workspaces.DescribeWorkspaceSnapshotsResult };
  DescribeWorkspaces: { input: workspaces.DescribeWorkspacesRequest; output: workspaces.DescribeWorkspacesResult };
  DescribeWorkspacesConnectionStatus: {
    input: workspaces.DescribeWorkspacesConnectionStatusRequest;
    output: workspaces.DescribeWorkspacesConnectionStatusResult;
  };
  DescribeWorkspacesPoolSessions: { input: workspaces.DescribeWorkspacesPoolSessionsRequest; output: workspaces.DescribeWorkspacesPoolSessionsResult };
  DescribeWorkspacesPools: { input: workspaces.DescribeWorkspacesPoolsRequest; output: workspaces.DescribeWorkspacesPoolsResult };
  DisassociateConnectionAlias: { input: workspaces.DisassociateConnectionAliasRequest; output: workspaces.DisassociateConnectionAliasResult };
  DisassociateIpGroups: { input: workspaces.DisassociateIpGroupsRequest; output: workspaces.DisassociateIpGroupsResult };
  DisassociateWorkspaceApplication: { input: workspaces.DisassociateWorkspaceApplicationRequest; output: workspaces.DisassociateWorkspaceApplicationResult };
  GetAccountLink: { input: workspaces.GetAccountLinkRequest; output: workspaces.GetAccountLinkResult };
  ImportClientBranding: { input: workspaces.ImportClientBrandingRequest; output: workspaces.ImportClientBrandingResult };
  ImportCustomWorkspaceImage: { input: workspaces.ImportCustomWorkspaceImageRequest; output: workspaces.ImportCustomWorkspaceImageResult };
  ImportWorkspaceImage: { input: workspaces.ImportWorkspaceImageRequest; output: workspaces.ImportWorkspaceImageResult };
  ListAccountLinks: { input: workspaces.ListAccountLinksRequest; output: workspaces.ListAccountLinksResult };
  ListAvailableManagementCidrRanges: { input: workspaces.ListAvailableManagementCidrRangesRequest; output: workspaces.ListAvailableManagementCidrRangesResult };
  MigrateWorkspace: { input: workspaces.MigrateWorkspaceRequest; output: workspaces.MigrateWorkspaceResult };
  ModifyAccount: { input: workspaces.ModifyAccountRequest; output: workspaces.ModifyAccountResult };
  ModifyCertificateBasedAuthProperties: {
    input: workspaces.ModifyCertificateBasedAuthPropertiesRequest;
    output: workspaces.ModifyCertificateBasedAuthPropertiesResult;
  };
  ModifyClientProperties: { input: workspaces.ModifyClientPropertiesRequest; output: workspaces.ModifyClientPropertiesResult };
  ModifyEndpointEncryptionMode: { input: workspaces.ModifyEndpointEncryptionModeRequest; output: workspaces.ModifyEndpointEncryptionModeResponse };
  ModifySamlProperties: { input: workspaces.ModifySamlPropertiesRequest; output: workspaces.ModifySamlPropertiesResult };
  ModifySelfservicePermissions: { input: workspaces.ModifySelfservicePermissionsRequest; output: workspaces.ModifySelfservicePermissionsResult };
  ModifyStreamingProperties: { input: workspaces.ModifyStreamingPropertiesRequest; output: workspaces.ModifyStreamingPropertiesResult };
  ModifyWorkspaceAccessProperties: { input: workspaces.ModifyWorkspaceAccessPropertiesRequest; output: workspaces.ModifyWorkspaceAccessPropertiesResult };
  ModifyWorkspaceCreationProperties: { input: workspaces.ModifyWorkspaceCreationPropertiesRequest; output: workspaces.ModifyWorkspaceCreationPropertiesResult };
  ModifyWorkspaceProperties: { input: workspaces.ModifyWorkspacePropertiesRequest; output: workspaces.ModifyWorkspacePropertiesResult };
  ModifyWorkspaceState: { input: workspaces.ModifyWorkspaceStateRequest; output: workspaces.ModifyWorkspaceStateResult };
  RebootWorkspaces: { input: workspaces.RebootWorkspacesRequest; output: workspaces.RebootWorkspacesResult };
  RebuildWorkspaces: { input: workspaces.RebuildWorkspacesRequest; output: workspaces.RebuildWorkspacesResult };
  RegisterWorkspaceDirectory: { input: workspaces.RegisterWorkspaceDirectoryRequest; output: workspaces.RegisterWorkspaceDirectoryResult };
  RejectAccountLinkInvitation: { input: workspaces.RejectAccountLinkInvitationRequest; output: workspaces.RejectAccountLinkInvitationResult };
  RestoreWorkspace: { input: workspaces.RestoreWorkspaceRequest; output: workspaces.RestoreWorkspaceResult };
  RevokeIpRules: { input: workspaces.RevokeIpRulesRequest; output: workspaces.RevokeIpRulesResult };
  StartWorkspaces: { input: workspaces.StartWorkspacesRequest; output: workspaces.StartWorkspacesResult };
  StartWorkspacesPool: { input: workspaces.StartWorkspacesPoolRequest; output: workspaces.StartWorkspacesPoolResult };
  StopWorkspaces: { input: workspaces.StopWorkspacesRequest; output: workspaces.StopWorkspacesResult };
  StopWorkspacesPool: { input: workspaces.StopWorkspacesPoolRequest; output: workspaces.StopWorkspacesPoolResult };
  TerminateWorkspaces: { input: workspaces.TerminateWorkspacesRequest; output: workspaces.TerminateWorkspacesResult };
  TerminateWorkspacesPool: { input: workspaces.TerminateWorkspacesPoolRequest; output: workspaces.TerminateWorkspacesPoolResult };
  TerminateWorkspacesPoolSession: { input: workspaces.TerminateWorkspacesPoolSessionRequest; output: workspaces.TerminateWorkspacesPoolSessionResult };
  UpdateConnectClientAddIn: { input: workspaces.UpdateConnectClientAddInRequest; output: workspaces.UpdateConnectClientAddInResult };
  UpdateConnectionAliasPermission: { input: workspaces.UpdateConnectionAliasPermissionRequest; output: workspaces.UpdateConnectionAliasPermissionResult };
  UpdateRulesOfIpGroup: { input: workspaces.UpdateRulesOfIpGroupRequest; output: workspaces.UpdateRulesOfIpGroupResult };
  UpdateWorkspaceBundle: { input: workspaces.UpdateWorkspaceBundleRequest; output: workspaces.UpdateWorkspaceBundleResult };
  UpdateWorkspaceImagePermission: { input: workspaces.UpdateWorkspaceImagePermissionRequest; output: workspaces.UpdateWorkspaceImagePermissionResult };
  UpdateWorkspacesPool: { input: workspaces.UpdateWorkspacesPoolRequest; output: workspaces.UpdateWorkspacesPoolResult };
  /** Resource Groups Tagging API (another service, its own budget): tags of up to 100 resources per call. */
  GetResources: { input: GetResourcesInput; output: GetResourcesOutput };
  TagResources: { input: TagResourcesInput; output: TagResourcesOutput };
}

export type OperationName = keyof ApiOperations;
export type OperationInput<O extends OperationName> = ApiOperations[O]['input'];
export type OperationOutput<O extends OperationName> = ApiOperations[O]['output'];
