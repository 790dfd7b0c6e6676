/**
 * Desktops as spec entries for `wsr export`: each desktop as template fields (directory and
 * bundle by their spec names, or ids), grouped into `workspaces` templates with shared values in
 * `defaults.workspace` (export-templates.ts).
 */
import type { WorkspaceDesiredProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { SpecWorkspaceFields } from './schema.js';
import { compact, exportableTags, refId } from '../export-entry.js';
import type { ExportReferences, KindExport } from '../kind.js';
import { workspaceTemplates, type DesktopEntry } from './export-templates.js';

const GONE_STATES = new Set(['TERMINATING', 'TERMINATED']);
/** The spec's patterns for workspace names and compute types (schemas/wsr-v1.schema.json). */
const SPEC_WORKSPACE_NAME = /^[a-zA-Z0-9_()][a-zA-Z0-9_.()-]{1,63}$/;
const SPEC_COMPUTE_TYPE = /^[A-Z0-9_]+$/;

export const workspaceExport: KindExport<WorkspaceDesiredProperties> = {
  readFor: 'scope',
  inScope: (workspace, scope) => scope.rootInScope(props(workspace).directoryId),
  uses: (workspace) => [refId(props(workspace).bundle)],
  cannotExport(workspace) {
    if (GONE_STATES.has(workspace.state ?? '')) return `${workspace.state} (on its way out)`;
    const p = props(workspace);
    if (p.workspaceName !== undefined && !SPEC_WORKSPACE_NAME.test(p.workspaceName))
      return `workspace name "${p.workspaceName}" does not fit the spec's pattern`;
    const compute = p.workspaceProperties?.ComputeTypeName;
    if (compute !== undefined && !SPEC_COMPUTE_TYPE.test(compute)) return `compute type "${compute}" cannot be written in a spec`;
    return undefined;
  },
  toSpec(adopted, references) {
    const templates = workspaceTemplates(adopted.map((workspace) => desktopEntry(workspace, references)));
    return compact({
      defaults: templates.defaults && { workspace: templates.defaults },
      workspaces: templates.templates.length > 0 ? templates.templates : undefined,
    });
  },
};

function desktopEntry(workspace: LiveResource<WorkspaceDesiredProperties>, references: ExportReferences): DesktopEntry {
  const p = props(workspace);
  const wp = p.workspaceProperties;
  const alwaysOn = wp.RunningMode === 'ALWAYS_ON';
  const timeout = wp.RunningModeAutoStopTimeoutInMinutes;
  const fields: SpecWorkspaceFields = compact({
    directory: references.nameOf(p.directoryId),
    bundle: references.nameOf(refId(p.bundle)),
    runningMode: wp.RunningMode as SpecWorkspaceFields['runningMode'],
    // meaningless on ALWAYS_ON (the diff ignores it there), and the spec accepts only hours
    autoStopTimeoutMinutes: !alwaysOn && timeout !== undefined && timeout >= 60 && timeout <= 2880 && timeout % 60 === 0 ? timeout : undefined,
    computeType: wp.ComputeTypeName,
    rootVolumeGib: wp.RootVolumeSizeGib,
    userVolumeGib: wp.UserVolumeSizeGib,
    protocols: wp.Protocols && wp.Protocols.length > 0 ? ([...wp.Protocols].sort() as SpecWorkspaceFields['protocols']) : undefined,
    encryption: encryptionOf(p),
    tags: exportableTags(workspace.tags),
  });
  return compact({ userName: p.userName, workspaceName: p.workspaceName, fields });
}

/** Encryption is chosen at launch: written only when something is encrypted (else "don't care"). */
function encryptionOf(p: WorkspaceDesiredProperties): SpecWorkspaceFields['encryption'] {
  if (!p.rootVolumeEncryptionEnabled && !p.userVolumeEncryptionEnabled && p.volumeEncryptionKey === undefined) return undefined;
  return compact({ volumeKey: p.volumeEncryptionKey, rootVolume: p.rootVolumeEncryptionEnabled ?? false, userVolume: p.userVolumeEncryptionEnabled ?? false });
}

function props(workspace: LiveResource<WorkspaceDesiredProperties>): WorkspaceDesiredProperties {
  return workspace.properties;
}
