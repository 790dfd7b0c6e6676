/** A problem found in a spec: data, never a throw. Printed one per line, compiler style. */
import type { SourceLocation } from '../errors.js';

export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable UPPER_SNAKE code (`SPEC_UNKNOWN_FIELD`); tests and automation rely on it. */
  code: string;
  summary: string;
  location?: SourceLocation;
}

/** `file:line:col: error SPEC_UNKNOWN_FIELD: unknown field "bundel" (did you mean "bundle"?)` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.col}: ` : '';
  return `${where}${d.severity} ${d.code}: ${d.summary.replace(/\s*\n\s*/g, ' ')}`;
}

export function specError(code: string, summary: string, location?: SourceLocation): Diagnostic {
  return location ? { severity: 'error', code, summary, location } : { severity: 'error', code, summary };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** File order, then line and column; the same diagnostic twice is reported once. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const id = formatDiagnostic(d);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.col ?? 0) - (b.location?.col ?? 0));
}
