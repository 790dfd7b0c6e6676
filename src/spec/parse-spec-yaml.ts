/**
 * YAML text → parsed document, or one-line diagnostics for hostile or broken input
 * (oversized, binary, tabs, duplicate keys, alias bombs, deep nesting, not a mapping).
 * Never throws.
 */
import { isCollection, isPair, LineCounter, parseDocument, visit, type Alias, type Document, type YAMLError } from 'yaml';
import type { SourceLocation } from '../errors.js';
import { specError, type Diagnostic } from './diagnostic.js';
import { SourceLocator } from './source-locator.js';

/** Larger files are refused before parsing (a 10,000-desktop spec is about 1 MB). */
export const SPEC_MAX_BYTES = 10 * 1024 * 1024;
/** Deeper nesting than any real spec needs; refused so hostile input cannot exhaust the stack. */
export const SPEC_MAX_DEPTH = 32;
/** Alias expansions allowed when building values (yaml's guard against "billion laughs"). */
export const SPEC_MAX_ALIASES = 100;

export interface ParsedSpec {
  document: Document;
  locator: SourceLocator;
  value: Record<string, unknown>;
}

export type ParseResult = { ok: true; parsed: ParsedSpec; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

const YAML_ERROR_CODES: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'SPEC_DUPLICATE_KEY',
  TAB_AS_INDENT: 'SPEC_TAB_INDENT',
};

export function parseSpecYaml(rawText: string, file: string): ParseResult {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const refused = refuseUnparsable(text, file);
  if (refused) return { ok: false, diagnostics: [refused] };
  const lineCounter = new LineCounter();
  let document: Document;
  try {
    // merge keys (`<<: *template`) are YAML 1.1, but fleets written by hand use them; aliases stay capped
    document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, merge: true });
  } catch {
    // the parser is recursive in places; a stack overflow means absurd nesting
    return { ok: false, diagnostics: [tooDeep({ file, line: 1, col: 1 })] };
  }
  const locator = new SourceLocator(document, lineCounter, file);
  if (document.errors.length > 0) return { ok: false, diagnostics: document.errors.map((e) => yamlDiagnostic(e, locator, text)) };
  const built = buildValue(document, locator);
  if ('code' in built) return { ok: false, diagnostics: [built] };
  return { ok: true, parsed: { document, locator, value: built.value }, warnings: document.warnings.map((w) => yamlWarning(w, locator)) };
}

/** Input refused before the parser sees it: too big to parse safely, or not text. */
function refuseUnparsable(text: string, file: string): Diagnostic | undefined {
  if (text.length > SPEC_MAX_BYTES) return specError('SPEC_TOO_LARGE', `spec is larger than ${SPEC_MAX_BYTES / 1024 / 1024} MB`, { file, line: 1, col: 1 });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const binaryAt = text.search(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/);
  if (binaryAt < 0) return undefined;
  return specError('SPEC_BINARY', 'spec contains binary or non-UTF-8 data (control characters are not allowed)', locationOfOffset(text, binaryAt, file));
}

/** The document as plain data, once it is known to be a mapping of sane depth and size. */
function buildValue(document: Document, locator: SourceLocator): { value: Record<string, unknown> } | Diagnostic {
  const deepAt = findTooDeep(document);
  if (deepAt !== undefined) return tooDeep(locator.offset(deepAt));
  const empty = specError('SPEC_EMPTY', 'spec is empty (expected apiVersion, kind, metadata…)', locator.start());
  if (document.contents === null) return empty;
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: SPEC_MAX_ALIASES });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias count/i.test(message)) {
      return specError('SPEC_ALIAS_LIMIT', `too many alias expansions (more than ${SPEC_MAX_ALIASES}); is this an alias bomb?`, locator.start());
    }
    const alias = unresolvedAlias(document);
    const where = alias?.range ? locator.offset(alias.range[0]) : locator.start();
    return specError('SPEC_YAML_SYNTAX', `invalid YAML: ${firstLine(message)}`, where);
  }
  if (value === null || value === undefined) return empty;
  if (typeof value === 'object' && !Array.isArray(value)) return { value: value as Record<string, unknown> };
  const what = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  return specError('SPEC_NOT_A_MAP', `spec must be a mapping (apiVersion, kind, metadata…), not ${what}`, locator.value([]));
}

/** The first alias whose anchor is not defined before it, for the error position. */
function unresolvedAlias(document: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(document, {
    Alias(_, alias) {
      if (alias.resolve(document) !== undefined) return undefined;
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}

function tooDeep(location: SourceLocation): Diagnostic {
  return specError('SPEC_TOO_DEEP', `spec nests deeper than ${SPEC_MAX_DEPTH} levels`, location);
}

function yamlWarning(warning: YAMLError, locator: SourceLocator): Diagnostic {
  return {
    severity: 'warning',
    code: 'SPEC_YAML_WARNING',
    summary: `YAML: ${firstLine(warning.message)} (read as plain text)`,
    location: locator.offset(warning.pos[0]),
  };
}

function yamlDiagnostic(error: YAMLError, locator: SourceLocator, text: string): Diagnostic {
  const code = YAML_ERROR_CODES[error.code] ?? 'SPEC_YAML_SYNTAX';
  const where = locator.offset(error.pos[0]);
  if (error.code === 'DUPLICATE_KEY') {
    const key = keyTextAt(text, error.pos[0]);
    return specError(code, `duplicate key "${key}"`, where);
  }
  if (error.code === 'TAB_AS_INDENT') return specError(code, 'tabs are not allowed as indentation; use spaces', where);
  if (error.code === 'MULTIPLE_DOCS') return specError(code, 'a spec file holds one YAML document (found "---" starting another)', where);
  return specError(code, `invalid YAML: ${firstLine(error.message)}`, where);
}

/** The key written at `offset` (up to its colon), for messages. */
function keyTextAt(text: string, offset: number): string {
  return /^[^:\n,{}]*/.exec(text.slice(offset, offset + 200))?.[0].trim() ?? '';
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return line.charAt(0).toLowerCase() + line.slice(1);
}

/** Offset of the first node nested deeper than the cap; iterative, so it cannot overflow itself. */
function findTooDeep(document: Document): number | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: document.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > SPEC_MAX_DEPTH) return node.range?.[0] ?? 0;
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

function locationOfOffset(text: string, offset: number, file: string): SourceLocation {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return { file, line, col };
}
