/** `wsr version`: what a bug report needs — wsr's, the AWS SDK's and Node's versions. (`--version` prints wsr's alone.) */
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { WSR_VERSION } from '../../version.js';

export function registerVersionCommand(program: Command): void {
  program
    .command('version')
    .description('print the versions of wsr, the AWS SDK for JavaScript it calls AWS with, and Node.js')
    .action(() => {
      process.stdout.write(`wsr ${WSR_VERSION}\n@aws-sdk/client-workspaces ${sdkVersion()}\nnode ${process.version}\n`);
    });
}

/** Read from the installed package, not imported: the SDK itself is not loaded for this. */
function sdkVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@aws-sdk/client-workspaces/package.json') as { version: string }).version;
}
