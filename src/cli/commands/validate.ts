/** `wsr validate <spec...>`: every diagnostic of every file on stderr, `<file>: valid` on stdout. */
import type { Command } from 'commander';
import { EXIT_ERROR } from '../exit-codes.js';
import { formatDiagnostic } from '../../spec/diagnostic.js';
import { loadSpecFile } from '../../spec/load-spec.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check spec files (schema, references, API rules); exit 0 when all are valid, 1 otherwise')
    .argument('<spec...>', 'spec files to check')
    .action((files: string[]) => {
      const allValid = files.map(validateFile).every(Boolean);
      if (!allValid) process.exitCode = EXIT_ERROR;
    });
}

function validateFile(file: string): boolean {
  const result = loadSpecFile(file);
  for (const diagnostic of result.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (!result.desired) return false;
  process.stdout.write(`${file}: valid\n`);
  return true;
}
