/** Process entry: build the CLI program and run it; nothing else. */
import { runCli } from './cli/program.js';

// The SDK warns on every Node 20 start that releases after January 2027 need Node 22. We pin the
// SDK through the lockfile and document the Node policy in the README; the warning only adds noise
// to plan output in CI. An operator can still turn it back on by setting the variable to "false".
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
