/**
 * `wsr --version` and `wsr validate` must start fast (issue 11: within 0.25 s of `node -e 0`;
 * measured by `npm run bench`). What they load is what they statically import, so this follows
 * the static (non-type, non-dynamic) imports from the entry and fails when one drags in the SDK,
 * pino or the engine: load those with `await import()` in the command that needs them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../../src/', import.meta.url).pathname;

/** Relative .ts files and package names a file imports at load time. */
function staticImportsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && !isTypeOnly(statement) && ts.isStringLiteral(statement.moduleSpecifier))
      specifiers.push(statement.moduleSpecifier.text);
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier))
      specifiers.push(statement.moduleSpecifier.text);
  }
  return specifiers.map((specifier) => (specifier.startsWith('.') ? resolve(dirname(file), specifier.replace(/\.js$/, '.ts')) : specifier));
}

function isTypeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (clause === undefined) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.every((element) => element.isTypeOnly);
}

/** Every module loaded when `entry` is (src/ files relative to src/, packages by name). */
function loadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (module: string): void => {
    const name = module.startsWith('/') ? module.slice(SRC.length) : module;
    if (seen.has(name)) return;
    seen.add(name);
    if (module.startsWith('/') && existsSync(module)) staticImportsOf(module).forEach(visit);
  };
  visit(join(SRC, entry));
  return seen;
}

const HEAVY = /^(@aws-sdk\/|@smithy\/|pino|p-queue|prom-client|node-cron|engine\/|live\/|apply\/|emulator\/|daemon\/)/;

describe('CLI start-up loads only what the command needs', () => {
  it('wsr --version: the entry and the program load no SDK, logger, engine or command', () => {
    const loaded = [...loadedBy('main.ts')];
    expect(loaded.filter((module) => HEAVY.test(module) || module.startsWith('cli/commands/'))).toEqual([]);
    expect(loaded).toContain('cli/program.ts');
  });

  it('wsr validate: the spec loader, without the SDK, logger or engine', () => {
    const loaded = [...loadedBy('cli/commands/validate.ts')];
    expect(loaded.filter((module) => HEAVY.test(module))).toEqual([]);
    expect(loaded).toContain('spec/load-spec.ts');
  });
});
