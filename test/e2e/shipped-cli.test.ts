/**
 * What ships is what is tested: bin/wsr.js runs the compiled dist/ (never the sources through
 * tsx), `npm ci` builds it, and tsx is a development dependency only.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WSR_BIN, runWsr } from '../helpers/run-wsr.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const sdkVersion = (
  JSON.parse(readFileSync(new URL('../../node_modules/@aws-sdk/client-workspaces/package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('the shipped CLI', () => {
  it('bin/wsr.js runs dist/ and never the sources: next to src/ but without dist/ it refuses with one line', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'wsr-bin-'));
    mkdirSync(join(copy, 'bin'));
    cpSync(WSR_BIN, join(copy, 'bin', 'wsr.js'));
    cpSync(new URL('../../src', import.meta.url), join(copy, 'src'), { recursive: true });

    const run = await runWsr(['--version'], { bin: join(copy, 'bin', 'wsr.js') });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error CLI_NOT_BUILT: dist/main.js is missing (run `npm run build`, or `npm ci`, which builds it)\n');
  });

  it('npm ci builds dist/ (prepare) and tsx/typescript are development dependencies only', () => {
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.build).toContain('tsc -p tsconfig.build.json');
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(Object.keys(pkg.dependencies)).not.toContain('typescript');
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['tsx', 'typescript']));
  });

  it("wsr version names wsr, the AWS SDK and Node versions; --version prints wsr's alone", async () => {
    const version = await runWsr(['version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`wsr ${pkg.version}\n@aws-sdk/client-workspaces ${sdkVersion}\nnode ${process.version}\n`);
    const flag = await runWsr(['--version']);
    expect(flag.stdout).toBe(`${pkg.version}\n`);
  });
});
