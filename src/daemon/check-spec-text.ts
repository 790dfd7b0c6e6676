/** The daemon's spec check: the spec loader's diagnostics for the text just read, as one verdict. */
import { formatDiagnostic } from '../spec/diagnostic.js';
import { loadSpecText } from '../spec/load-spec.js';
import type { SpecVerdict } from './loop.js';

export function checkSpecText(file: string, text: string): SpecVerdict {
  const loaded = loadSpecText(text, file);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0 && loaded.desired !== undefined) return { ok: true, desired: loaded.desired };
  const first = errors[0];
  if (!first) return { ok: false, code: 'SPEC_INVALID', message: `${file}: the spec did not load` };
  const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
  return { ok: false, code: first.code, message: `${formatDiagnostic(first)}${more}` };
}
