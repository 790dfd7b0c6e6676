/** How a workspace template combines with `defaults.workspace`: the template wins field by field. */
import type { SpecPath } from '../../spec/source-locator.js';
import type { ValidSpec } from '../kind-spec.js';
import { specTemplates, type SpecWorkspaceFields, type SpecWorkspaceTemplate } from './schema.js';

export type WorkspaceField = keyof SpecWorkspaceFields;

export interface EffectiveTemplate {
  fields: SpecWorkspaceFields;
  /** Where each effective field was written: in the template itself or under defaults. */
  pathOf(field: WorkspaceField): SpecPath;
  /** True when the field comes from the template, not from defaults. */
  isOwn(field: WorkspaceField): boolean;
}

/** `defaults.workspace`, if the spec has it. */
export function workspaceDefaultsOf(spec: ValidSpec): SpecWorkspaceFields | undefined {
  return spec.defaults?.workspace as SpecWorkspaceFields | undefined;
}

export function effectiveTemplate(spec: ValidSpec, index: number): EffectiveTemplate {
  const template: SpecWorkspaceTemplate = specTemplates(spec)[index]!;
  const defaults = workspaceDefaultsOf(spec) ?? {};
  const fields: SpecWorkspaceFields = { ...defaults, ...withoutUndefined(template) };
  if (defaults.encryption && template.encryption) fields.encryption = { ...defaults.encryption, ...template.encryption };
  // a default auto-stop timeout does not apply to a template that switches to ALWAYS_ON
  if (fields.runningMode === 'ALWAYS_ON' && template.autoStopTimeoutMinutes === undefined && template.runningMode !== undefined) {
    delete fields.autoStopTimeoutMinutes;
  }
  const isOwn = (field: WorkspaceField): boolean => template[field] !== undefined;
  return {
    fields,
    isOwn,
    pathOf: (field) => (isOwn(field) ? ['workspaces', index, field] : ['defaults', 'workspace', field]),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
