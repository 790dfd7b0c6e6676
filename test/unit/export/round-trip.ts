/** Export → YAML → spec loader → diff against the same live state: the adoption round trip, as a test helper. */
import { diffKinds } from '../../../src/diff/diff-kinds.js';
import { exportSpec, type ExportOptions } from '../../../src/export/export-spec.js';
import { renderExportedSpec } from '../../../src/export/render-exported-spec.js';
import type { LiveState } from '../../../src/model/live.js';
import { buildPlan } from '../../../src/plan/build.js';
import { loadSpecText } from '../../../src/spec/load-spec.js';

export const EXPORT_OPTIONS: ExportOptions = { name: 'adopted', account: '123456789012', region: 'eu-west-1' };

export function roundTrip(live: LiveState, options: Partial<ExportOptions> = {}) {
  const exported = exportSpec(live, { ...EXPORT_OPTIONS, ...options });
  const text = renderExportedSpec(exported);
  const loaded = loadSpecText(text, 'exported.yaml');
  const diff = loaded.desired ? diffKinds(loaded.desired, live) : undefined;
  const plan = loaded.desired ? buildPlan({ desired: loaded.desired, live, now: '2026-11-25T12:00:00.000Z' }) : undefined;
  return { exported, text, diagnostics: loaded.diagnostics, desired: loaded.desired, changes: diff?.changes, plan };
}
