/** Process entry: build the CLI program and run it; nothing else. */
import { runCli } from './cli/program.js';

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
