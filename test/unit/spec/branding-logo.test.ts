/** Branding logos are files next to the spec: their hash is desired state, a missing one is an error on the entry. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClientBrandingProperties } from '../../../src/kinds/client-branding/properties.js';
import { formatDiagnostic } from '../../../src/spec/diagnostic.js';
import { loadSpecFile } from '../../../src/spec/load-spec.js';

const dir = mkdtempSync(join(tmpdir(), 'wsr-logo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function specWithLogo(logo: string): string {
  const path = join(dir, `spec-${logo.replace(/\W/g, '')}.yaml`);
  writeFileSync(
    path,
    `apiVersion: wsr/v1
kind: Environment
metadata: {name: t, account: "123456789012", region: us-east-1}
clientBranding:
  d-1234567890:
    windows: {supportLink: https://help.example.com, logo: ${logo}}
`,
  );
  return path;
}

describe('client branding logos', () => {
  it('the logo file, relative to the spec, is hashed into the desired state', () => {
    const bytes = Buffer.from('not really a png');
    writeFileSync(join(dir, 'logo.png'), bytes);
    const result = loadSpecFile(specWithLogo('logo.png'));
    const branding = result.desired!.resources[0].properties as ClientBrandingProperties;
    expect(branding).toMatchObject({ platform: 'DeviceTypeWindows', logoFile: 'logo.png', logoSha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('a missing logo is an error at the branding entry', () => {
    const path = specWithLogo('missing.png');
    const result = loadSpecFile(path);
    expect(result.desired).toBeUndefined();
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([`${path}:6:5: error SPEC_LOGO: logo missing.png: no such file`]);
  });
});
