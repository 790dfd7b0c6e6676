/**
 * `wsr export`: turn what the account already runs into a spec (adoption). The YAML goes to
 * stdout, or to `--out` (never over an existing file without `--force`); logs go to stderr.
 * Export makes no mutating call.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { connectionOptionsOf, globalOptionsOf, loggerOptionsOf } from '../global-options.js';
import { createLogger } from '../../log/logger.js';
import { logPlanEvents } from '../../log/log-plan-events.js';
import { EngineEvents } from '../../model/engine-events.js';
import { DEFAULT_EXPORT_NAME, exportEnvironment, isScopeRootId } from '../../engine/export-environment.js';
import { SpecError } from '../../errors.js';

/** The embedded emulator serves any Region; this one matches the quick start. */
const EMULATOR_REGION = 'us-east-1';
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

interface ExportCommandOptions {
  readonly directory: string[];
  readonly out?: string;
  readonly force?: boolean;
  readonly name: string;
  readonly includeManaged?: boolean;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write a spec for what the account already runs (adoption); makes no changes')
    .option('--directory <d-…>', 'export only this directory and what it uses (repeatable)', collect, [])
    .option('--out <file>', 'write the spec to this file instead of stdout')
    .option('--force', 'let --out replace an existing file')
    .option('--name <env>', 'metadata.name of the spec (its ownership tag value)', DEFAULT_EXPORT_NAME)
    .option('--include-managed', 'also adopt resources tagged wsr:env=<another environment>')
    .action(runExportCommand);
}

async function runExportCommand(options: ExportCommandOptions, command: Command): Promise<void> {
  checkOptions(options);
  const global = globalOptionsOf(command);
  const logger = createLogger(loggerOptionsOf(global));
  const events = new EngineEvents();
  logPlanEvents(events, logger);
  const result = await exportEnvironment({
    connection: { ...connectionOptionsOf(global, logger), region: regionOf(global.region, global.emulator ?? false) },
    name: options.name,
    directories: options.directory.length > 0 ? options.directory : undefined,
    includeManaged: options.includeManaged ?? false,
    events,
  });
  if (options.out === undefined) {
    process.stdout.write(result.text);
    return;
  }
  await writeFile(options.out, result.text, { flag: options.force ? 'w' : 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') throw refuseOverwrite(options.out!);
    throw new SpecError('EXPORT_WRITE_FAILED', `cannot write ${options.out}: ${error.code ?? error.message}`);
  });
}

/** Flags are checked before any call: a typo must not cost a full read of the account. */
function checkOptions(options: ExportCommandOptions): void {
  for (const id of options.directory) {
    if (!isScopeRootId(id)) throw new SpecError('EXPORT_DIRECTORY_INVALID', `--directory ${id}: expected a directory id (d- and 8–63 hex digits)`);
  }
  if (!ENVIRONMENT_NAME.test(options.name)) {
    throw new SpecError('EXPORT_NAME_INVALID', `--name ${options.name}: expected 1–64 letters, digits, _ . - (starting with a letter or digit)`);
  }
  if (options.out !== undefined && !options.force && existsSync(options.out)) throw refuseOverwrite(options.out);
}

function refuseOverwrite(file: string): SpecError {
  return new SpecError('EXPORT_OUT_EXISTS', `${file} exists; refusing to overwrite it`, { hint: 'add --force to replace it, or choose another --out' });
}

/** --region, then the SDK's environment variables; the embedded emulator needs none. */
function regionOf(flag: string | undefined, emulator: boolean): string {
  const region = flag ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (region !== undefined && region !== '') return region;
  if (emulator) return EMULATOR_REGION;
  throw new SpecError('EXPORT_NO_REGION', 'no Region to export from', { hint: 'pass --region or set AWS_REGION' });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
