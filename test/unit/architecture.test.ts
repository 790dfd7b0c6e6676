/**
 * The import boundaries of architecture.md, checked on the TypeScript syntax tree of every
 * src/**\/*.ts file (so multi-line and type-only imports are told apart exactly).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const SRC = join(ROOT, 'src');

interface ImportFact {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

interface SourceFacts {
  /** Path relative to src/, with forward slashes. */
  readonly file: string;
  readonly imports: readonly ImportFact[];
  /** `Date.now()`, `Math.random()`, `setTimeout(…)` calls. */
  readonly impureCalls: readonly string[];
}

function listSources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (clause === undefined) return false; // side-effect import runs code
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function factsOf(path: string): SourceFacts {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const imports: ImportFact[] = [];
  const impureCalls: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) imports.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node) });
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) imports.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source);
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0])) imports.push({ specifier: node.arguments[0].text, typeOnly: false });
      if (['Date.now', 'Math.random', 'setTimeout', 'globalThis.setTimeout'].includes(callee)) impureCalls.push(`${callee}()`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file: relative(SRC, path).split('\\').join('/'), imports, impureCalls };
}

const SOURCES = listSources(SRC).map(factsOf);

function inside(file: string, ...folders: readonly string[]): boolean {
  return folders.some((folder) => file === folder || file.startsWith(`${folder}/`));
}

/** The src/-relative folder a relative import lands in (`../kinds/index.js` from plan/ → kinds/index.js). */
function resolved(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const parts = file.split('/').slice(0, -1);
  for (const segment of specifier.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.') parts.push(segment);
  }
  return parts.join('/');
}

function violations(select: (facts: SourceFacts) => boolean, check: (facts: SourceFacts, fact: ImportFact) => boolean): string[] {
  return SOURCES.filter(select).flatMap((facts) => facts.imports.filter((fact) => check(facts, fact)).map((fact) => `${facts.file} imports ${fact.specifier}`));
}

const PURE_CORE = (facts: SourceFacts): boolean =>
  (inside(facts.file, 'model', 'spec', 'kinds', 'diff', 'plan') || facts.file === 'log/codes.ts') && facts.file !== 'spec/load-spec.ts';
const IMPURE_MODULES = ['node:fs', 'fs', 'node:fs/promises', 'fs/promises', 'node:http', 'http', 'pino', 'p-queue', 'node-cron', 'prom-client'];

/** Breaks that exist today, each with why; the tests fail on any other one. */
const KNOWN_BREAKS: ReadonlyMap<string, string> = new Map<string, string>([]);

function withoutKnown(found: readonly string[]): string[] {
  return found.filter((line) => !KNOWN_BREAKS.has(line));
}

describe('architecture boundaries', () => {
  it('reads the source tree', () => {
    expect(SOURCES.length).toBeGreaterThan(20);
    expect(SOURCES.some((facts) => facts.file === 'plan/build.ts')).toBe(true);
  });

  it('imports @aws-sdk/* and @smithy/* at run time only in src/aws, src/live and src/apply', () => {
    const found = violations(
      (facts) => !inside(facts.file, 'aws', 'live', 'apply'),
      (_facts, fact) => !fact.typeOnly && /^@(aws-sdk|smithy)\//.test(fact.specifier),
    );
    expect(withoutKnown(found)).toEqual([]);
  });

  it('imports the LDAP client (ldapts) at run time only in src/directory-groups', () => {
    const found = violations(
      (facts) => !inside(facts.file, 'directory-groups'),
      (_facts, fact) => !fact.typeOnly && fact.specifier === 'ldapts',
    );
    expect(found).toEqual([]);
  });

  it('keeps the pure core free of I/O, logging, queues, schedulers and metrics', () => {
    const found = violations(PURE_CORE, (_facts, fact) => !fact.typeOnly && IMPURE_MODULES.includes(fact.specifier));
    expect(found).toEqual([]);
  });

  it('keeps the pure core off the clock and randomness (time is passed in)', () => {
    const found = SOURCES.filter(PURE_CORE).flatMap((facts) => facts.impureCalls.map((call) => `${facts.file} calls ${call}`));
    expect(found).toEqual([]);
  });

  it('keeps the emulator independent of the reconciler', () => {
    const found = violations(
      (facts) => inside(facts.file, 'emulator'),
      (facts, fact) => inside(resolved(facts.file, fact.specifier) ?? '', 'kinds', 'plan', 'apply', 'diff', 'live', 'engine', 'spec'),
    );
    expect(found).toEqual([]);
  });

  it('lets cli/ and daemon/ reach live/ and apply/ only through engine/', () => {
    const found = violations(
      (facts) => inside(facts.file, 'cli', 'daemon'),
      (facts, fact) => !fact.typeOnly && inside(resolved(facts.file, fact.specifier) ?? '', 'live', 'apply', 'kinds', 'diff'),
    );
    expect(found).toEqual([]);
  });

  it('keeps plan/graph.ts free of WorkSpaces knowledge', () => {
    const graph = SOURCES.find((facts) => facts.file === 'plan/graph.ts')!;
    expect(graph.imports.filter((fact) => fact.specifier.includes('kinds')).map((fact) => fact.specifier)).toEqual([]);
    expect(readFileSync(join(SRC, 'plan/graph.ts'), 'utf8')).not.toMatch(/workspace|directory|bundle/i);
  });
});
