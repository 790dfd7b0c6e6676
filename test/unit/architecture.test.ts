/**
 * The import boundaries of architecture.md, checked on the TypeScript syntax tree of every
 * src/**\/*.ts file (so multi-line and type-only imports are told apart exactly).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/kinds/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SRC = join(ROOT, 'src');

interface ImportFact {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

interface SourceFacts {
  /** Path relative to src/, with forward slashes. */
  readonly file: string;
  /** Static imports, re-exports, `import('…')` calls and `import('…').T` types, with a literal specifier. */
  readonly imports: readonly ImportFact[];
  /**
   * Reads of the clock, randomness, timers and the process: `Date.now()`, `new Date()` (without a
   * value: `new Date(ms)` only converts), `performance.now()`, `Math.random()`, `setTimeout`,
   * `setInterval`, any `process.…`.
   */
  readonly impureCalls: readonly string[];
  /** `import(x)` whose specifier is not a string literal: no checker can see where it leads. */
  readonly computedImports: readonly string[];
  /** String literals equal to a kind name of the registry, as `file:line 'kind'`. */
  readonly kindNameLiterals: readonly string[];
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
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

const KIND_NAMES: ReadonlySet<string> = new Set(KINDS.map((definition) => definition.kind));
const CLOCK_AND_RANDOM_CALLS = ['Date.now', 'Math.random', 'performance.now', 'setTimeout', 'globalThis.setTimeout', 'setInterval', 'globalThis.setInterval'];

/** The facts of one source file; `file` is its path relative to src/ (`spec/x.ts`). */
function factsOf(file: string, text: string): SourceFacts {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const imports: ImportFact[] = [];
  const impureCalls: string[] = [];
  const computedImports: string[] = [];
  const kindNameLiterals: string[] = [];
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier))
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node) });
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      imports.push({ specifier: node.argument.literal.text, typeOnly: true });
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source);
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [specifier] = node.arguments;
        if (specifier !== undefined && ts.isStringLiteral(specifier)) imports.push({ specifier: specifier.text, typeOnly: false });
        else computedImports.push(`${file}:${lineOf(node)} ${node.getText(source)}`);
      }
      if (CLOCK_AND_RANDOM_CALLS.includes(callee)) impureCalls.push(`${callee}()`);
    }
    if (ts.isIdentifier(node) && ['setInterval', 'setTimeout'].includes(node.text) && !ts.isCallExpression(node.parent)) impureCalls.push(node.text);
    if (ts.isNewExpression(node) && node.expression.getText(source) === 'Date' && (node.arguments ?? []).length === 0) impureCalls.push('new Date()');
    if (ts.isPropertyAccessExpression(node) && ['process', 'globalThis.process'].includes(node.expression.getText(source)))
      impureCalls.push(node.getText(source));
    if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      KIND_NAMES.has(node.text) &&
      !ts.isImportDeclaration(node.parent) &&
      !ts.isExportDeclaration(node.parent)
    ) {
      kindNameLiterals.push(`${file}:${lineOf(node)} '${node.text}'`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file, imports, impureCalls, computedImports, kindNameLiterals };
}

const SOURCES = listSources(SRC).map((path) => factsOf(relative(SRC, path).split('\\').join('/'), readFileSync(path, 'utf8')));
const FILES: ReadonlySet<string> = new Set(SOURCES.map((facts) => facts.file));

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

/** The src/-relative source file a relative import names (`../kinds/index.js` from plan/build.ts → kinds/index.ts). */
function importedFile(file: string, specifier: string, files: ReadonlySet<string> = FILES): string | undefined {
  const target = resolved(file, specifier)?.replace(/\.js$/, '.ts');
  return target !== undefined && files.has(target) ? target : undefined;
}

/** Every import cycle (type-only imports included), each as `a.ts → b.ts → a.ts`, by Tarjan's strongly connected components. */
function importCycles(sources: readonly SourceFacts[]): string[] {
  const files = new Set(sources.map((facts) => facts.file));
  const edges = new Map(
    sources.map((facts) => [facts.file, [...new Set(facts.imports.flatMap((fact) => importedFile(facts.file, fact.specifier, files) ?? []))]]),
  );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const connect = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = stack.splice(stack.indexOf(file));
    if (component.length > 1 || edges.get(file)!.includes(file)) cycles.push([...component.sort(), component[0]].join(' → '));
  };
  for (const file of edges.keys()) if (!index.has(file)) connect(file);
  return cycles;
}

/**
 * Kind names may be written only where a kind is defined: its folder, the key table and the
 * emulator (which keeps its own words on purpose). Anywhere else a `'pool'` means per-kind
 * knowledge outside the kind's folder (architecture.md, "No kind name outside kinds/").
 */
const KIND_NAME_HOMES = (file: string): boolean => inside(file, 'kinds', 'emulator') || file === 'model/keys.ts' || file.endsWith('.generated.ts'); // generated from the schema the kinds describe

function kindNameOffences(sources: readonly SourceFacts[]): Map<string, readonly string[]> {
  return new Map(
    sources.filter((facts) => !KIND_NAME_HOMES(facts.file) && facts.kindNameLiterals.length > 0).map((facts) => [facts.file, facts.kindNameLiterals]),
  );
}

/**
 * Files that name kinds today, each with who empties it. The list is exact: the test fails when a
 * file not listed names a kind AND when a listed file no longer does (then strike it here).
 */
const KIND_NAME_ALLOWED = new Map<string, string>([
  ['model/desired.ts', "a group template's desktop properties, `PropertiesByKind['workspace']` (model/ is a leaf and cannot import the kind)"],
  ['plan/plan-schema.ts', "the plan file's field `account`, not the kind"],
  ['spec/spec-schema.ts', "metadata's required field `account`, not the kind"],
]);

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

  it('keeps the pure core off the clock, randomness, timers and the process (time is passed in)', () => {
    const found = SOURCES.filter(PURE_CORE).flatMap((facts) => facts.impureCalls.map((call) => `${facts.file} calls ${call}`));
    expect(found).toEqual([]);
  });

  it('keeps the emulator independent of the reconciler: it imports nothing outside src/emulator/', () => {
    const found = violations(
      (facts) => inside(facts.file, 'emulator'),
      (facts, fact) => resolved(facts.file, fact.specifier) !== undefined && !inside(resolved(facts.file, fact.specifier)!, 'emulator'),
    );
    expect(found).toEqual([]);
  });

  it('keeps model/ a leaf: it imports nothing outside model/, not even types', () => {
    const found = violations(
      (facts) => inside(facts.file, 'model'),
      (facts, fact) => resolved(facts.file, fact.specifier) !== undefined && !inside(resolved(facts.file, fact.specifier)!, 'model'),
    );
    expect(found).toEqual([]);
  });

  it('keeps kinds/ off apply/, live/ and engine/ (a kind is rules and data, the machinery calls it)', () => {
    const found = violations(
      (facts) => inside(facts.file, 'kinds'),
      (facts, fact) => inside(resolved(facts.file, fact.specifier) ?? '', 'apply', 'live', 'engine'),
    );
    expect(found).toEqual([]);
  });

  it('keeps the rate limiter under both its users: limiter/ imports nothing from apply/ or live/', () => {
    const found = violations(
      (facts) => inside(facts.file, 'limiter'),
      (facts, fact) => inside(resolved(facts.file, fact.specifier) ?? '', 'apply', 'live', 'engine'),
    );
    expect(SOURCES.some((facts) => facts.file === 'limiter/queues.ts')).toBe(true);
    expect(found).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(importCycles(SOURCES)).toEqual([]);
  });

  it('resolves every relative import to a source file (so the cycle check sees every edge)', () => {
    const found = violations(
      () => true,
      (facts, fact) => fact.specifier.startsWith('.') && fact.specifier.endsWith('.js') && importedFile(facts.file, fact.specifier) === undefined,
    );
    expect(found).toEqual([]);
  });

  it('has no import() of a computed specifier', () => {
    expect(SOURCES.flatMap((facts) => facts.computedImports)).toEqual([]);
  });

  it('names kinds only in kinds/, model/keys.ts and the emulator (besides the listed files being emptied)', () => {
    const offending = kindNameOffences(SOURCES);
    expect([...offending.keys()].filter((file) => !KIND_NAME_ALLOWED.has(file)).map((file) => offending.get(file)!.join(', '))).toEqual([]);
    expect(
      [...KIND_NAME_ALLOWED.keys()].filter((file) => !offending.has(file)).map((file) => `${file} no longer names a kind: strike it from KIND_NAME_ALLOWED`),
    ).toEqual([]);
  });

  it('the kind-name check reports a kind name written in src/spec/ and leaves a kind folder alone', () => {
    const synthetic = [
      factsOf('spec/x.ts', "export const kind = 'pool';\n"),
      factsOf('kinds/pool/x.ts', "export const kind = 'pool';\n"),
      factsOf('spec/y.ts', "import { poolKey } from '../model/keys.js';\nexport const key = poolKey('pool-a');\n"),
    ];
    expect(kindNameOffences(synthetic)).toEqual(new Map([['spec/x.ts', ["spec/x.ts:1 'pool'"]]]));
  });

  it('the cycle check finds a cycle made of type-only imports', () => {
    const synthetic = [
      factsOf('model/a.ts', "import type { B } from './b.js';\nexport type A = B;\n"),
      factsOf('model/b.ts', "import type { A } from './a.js';\nexport type B = A | 1;\n"),
    ];
    expect(importCycles(synthetic)).toEqual(['model/a.ts → model/b.ts → model/a.ts']);
    expect(importCycles([synthetic[0]!, factsOf('model/b.ts', 'export type B = 1;\n')])).toEqual([]);
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
