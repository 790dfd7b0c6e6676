/**
 * `wsr validate <spec...>`: every diagnostic of every file on stderr, `<file>: valid` on stdout;
 * then the checks across files (spec/environment-identity.ts): two files with one environment
 * identity, or two environments managing one directory's settings, are errors naming both.
 */
import type { Command } from 'commander';
import { EXIT_ERROR } from '../exit-codes.js';
import { formatDiagnostic } from '../../spec/diagnostic.js';
import { loadSpecFile } from '../../spec/load-spec.js';
import { crossSpecDiagnostics, type LoadedSpec } from '../../spec/environment-identity.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check spec files (schema, references, API rules); exit 0 when all are valid, 1 otherwise')
    .argument('<spec...>', 'spec files to check')
    .action((files: string[]) => {
      const loaded = files.map(validateFile);
      const valid = loaded.filter((spec): spec is LoadedSpec => spec !== undefined);
      const across = crossSpecDiagnostics(valid);
      for (const diagnostic of across) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
      if (valid.length < files.length || across.length > 0) process.exitCode = EXIT_ERROR;
    });
}

function validateFile(file: string): LoadedSpec | undefined {
  const result = loadSpecFile(file);
  for (const diagnostic of result.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (!result.desired) return undefined;
  process.stdout.write(`${file}: valid\n`);
  return { file, desired: result.desired };
}
