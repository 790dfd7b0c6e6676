/**
 * Wire compatibility checked by a client no one here wrote: boto3 (Debian's python3-boto3, which
 * .ci/run installs when missing) drives a sample of the emulator's operations — one per family,
 * its own paginator, the tagging API and STS on the same port — and the error-code cases of
 * SPEC.md (ValidationException for constraint violations, InvalidParameterValuesException for bad
 * CIDRs and pools outside a POOLS directory, InvalidSignatureException for another Region).
 * Operations the installed botocore predates are reported, not faked.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';

const SCRIPT = fileURLToPath(new URL('./second-client/boto3_sample.py', import.meta.url));
const SEED = {
  account: '111111111111',
  accessKeys: ['AKIAACCOUNTA'],
  directories: [
    { id: 'd-9067a1b2c3', name: 'corp.example.com' },
    { id: 'wsd-kiosk0001', name: 'kiosks', workspaceType: 'POOLS' as const },
  ],
  accounts: [{ id: '222222222222', accessKeys: ['AKIAACCOUNTB'] }],
  publicBundles: [{ id: 'wsb-bh8rsxt14', name: 'Standard with Windows 10 (Server 2022 based)', computeType: 'STANDARD', rootVolumeGib: 80, userVolumeGib: 50 }],
  applications: [{ id: 'wsa-0123456789cd', name: 'Visual Studio 2022' }],
};

/**
 * The first Python that can import boto3: the one on PATH (a pyenv build may carry boto3 from pip),
 * else Debian's /usr/bin/python3, where .ci/run's python3-boto3 lands when PATH's python3 has none.
 */
function findBoto3(): { python: string; version: string } | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import boto3, botocore; print(boto3.__version__, botocore.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  return undefined;
}

const boto3 = findBoto3();
const version = boto3?.version;
if (!boto3) console.warn('second-client tests SKIPPED: no python3 with boto3 found (install Debian python3-boto3; .ci/run does when apt is available)');

interface CaseResult {
  case: string;
  ok?: boolean;
  code?: string;
  status?: number;
  value?: unknown;
  unsupported?: string;
}

describe.skipIf(!version)(`a second client: boto3 ${version ?? ''}`, () => {
  let emulator: TestEmulator;
  let results: Map<string, CaseResult>;

  beforeAll(async () => {
    emulator = await startTestEmulator({ seed: SEED });
    // asynchronously: the emulator answers from this same process
    const { stdout: output } = await promisify(execFile)(boto3?.python ?? 'python3', [SCRIPT, emulator.endpoint], {
      encoding: 'utf8',
      env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
      timeout: 60_000,
    });
    results = new Map(
      output
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as CaseResult)
        .map((result) => [result.case, result]),
    );
  });
  afterAll(() => emulator.stop());

  const result = (name: string): CaseResult => {
    const found = results.get(name);
    if (!found) throw new Error(`no result for ${name}`);
    return found;
  };
  /** A case the installed botocore can send; the others are reported as unsupported, never passed off. */
  const sent = (name: string): CaseResult | undefined => (result(name).unsupported ? undefined : result(name));

  it("drives one operation per family and boto3's own paginator", () => {
    expect(result('RegisterWorkspaceDirectory').ok).toBe(true);
    expect(result('DescribeWorkspaceDirectories').value).toEqual(['REGISTERED']);
    expect(result('CreateWorkspaces').value).toEqual([2, 0]);
    expect(result('DescribeWorkspaces (paginator)').value).toEqual(['alice', 'bob']);
    expect(result('TerminateWorkspaces (FailedRequests)').value).toEqual(['ResourceNotFound.Workspace']);
    expect(result('CreateIpGroup').value).toBe('wsipg-');
    expect(result('DescribeTags').value).toEqual([{ Key: 'team', Value: 'net' }]);
    expect(result('DescribeWorkspaceBundles AMAZON').value).toBe(true);
    expect(result('DescribeWorkspaceImages').value).toEqual([]);
    expect(result('CreateConnectionAlias').value).toBe('wsca-');
    expect(result('DescribeAccount').value).toBe('DISABLED');
    if (sent('ImportClientBranding')) expect(result('ImportClientBranding').value).toEqual(['DeviceTypeWindows']);
    if (sent('DescribeApplications')) expect(result('DescribeApplications').value).toEqual(['Visual Studio 2022']);
    if (sent('DescribeBundleAssociations AMAZON')) expect(result('DescribeBundleAssociations AMAZON').value).toEqual([]);
  });

  it('answers the error codes of SPEC.md', () => {
    for (const name of ['DescribeWorkspaces Limit=26', 'DescribeWorkspaces bad id', 'StartWorkspaces bad id']) {
      expect(result(name)).toMatchObject({ ok: false, code: 'ValidationException', status: 400 });
    }
    expect(result('CreateIpGroup bad CIDR')).toMatchObject({ ok: false, code: 'InvalidParameterValuesException', status: 400 });
    expect(result('DescribeWorkspaces other Region')).toMatchObject({ ok: false, code: 'InvalidSignatureException', status: 400 });
    if (sent('CreateWorkspacesPool personal directory')) {
      expect(result('CreateWorkspacesPool personal directory')).toMatchObject({ ok: false, code: 'InvalidParameterValuesException' });
      expect(result('CreateWorkspacesPool POOLS directory')).toMatchObject({ ok: true, value: 'CREATING' });
    }
  });

  it('serves the tagging API and STS on the same port, per account', () => {
    expect(result('GetResources').value).toEqual([['workspaceipgroup', [{ Key: 'team', Value: 'net' }]]]);
    expect(result('TagResources').value).toEqual({});
    expect(result('GetCallerIdentity A').value).toBe('111111111111');
    expect(result('GetCallerIdentity B').value).toBe('222222222222');
    expect(result('DescribeWorkspaceDirectories as B').value).toEqual([]);
  });
});
