/**
 * The daemon's spec check: loads the file with the spec module (spec/load-spec.ts) and
 * turns its diagnostics into one verdict. Until that module lands, a YAML syntax check
 * stands in, so a broken file is still caught before it reaches reconcile.
 */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { SpecVerdict } from './loop.js';

interface DiagnosticLike {
  readonly severity: string;
  readonly code: string;
  readonly summary: string;
  readonly location?: { readonly file: string; readonly line: number; readonly col: number };
}

interface LoadSpecModule {
  loadSpecFile(path: string): Promise<{ desired?: unknown; diagnostics: readonly DiagnosticLike[] }> | { desired?: unknown; diagnostics: readonly DiagnosticLike[] };
}

// a variable specifier keeps the typecheck green while spec/load-spec.ts is still being written
const LOAD_SPEC_MODULE = '../spec/load-spec.js';

export async function checkSpecFile(file: string): Promise<SpecVerdict> {
  const module = await import(LOAD_SPEC_MODULE).then((m: LoadSpecModule) => m, () => undefined);
  if (!module) return checkYamlSyntax(file);
  const loaded = await module.loadSpecFile(file);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0 && loaded.desired !== undefined) return { ok: true };
  const first = errors[0];
  if (!first) return { ok: false, code: 'SPEC_INVALID', message: `${file}: the spec did not load` };
  const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
  return { ok: false, code: first.code, message: `${whereOf(first, file)}${first.summary}${more}` };
}

async function checkYamlSyntax(file: string): Promise<SpecVerdict> {
  const document = parseDocument(await readFile(file, 'utf8'), { prettyErrors: false });
  const first = document.errors[0];
  if (!first) return { ok: true };
  const position = first.linePos?.[0];
  const where = position ? `${file}:${position.line}:${position.col}: ` : `${file}: `;
  return { ok: false, code: 'SPEC_YAML_SYNTAX', message: `${where}${first.message.split('\n')[0]}` };
}

function whereOf(diagnostic: DiagnosticLike, file: string): string {
  const at = diagnostic.location;
  return at ? `${at.file}:${at.line}:${at.col}: ` : `${file}: `;
}
