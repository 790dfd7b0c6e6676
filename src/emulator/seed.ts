/**
 * What exists in the account before anyone calls the API: the Directory Service directories that
 * can be registered, EC2 images for BYOL import, and the Amazon-owned public bundles.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface SeedDirectory {
  id: string;
  name: string;
  type?: 'SIMPLE_AD' | 'AD_CONNECTOR' | 'MICROSOFT_AD';
  users?: string[] | '*';
  subnets?: string[];
}
export interface EmulatorSeed {
  account?: string;
  region?: string;
  directories?: SeedDirectory[];
  ec2ImageIds?: string[];
}
export interface ResolvedSeed {
  account: string;
  region: string;
  directories: Required<SeedDirectory>[];
  ec2ImageIds: string[];
}

export const DEFAULT_DIRECTORY: Required<SeedDirectory> = {
  id: 'd-9067a1b2c3',
  name: 'corp.example.com',
  type: 'SIMPLE_AD',
  users: '*',
  subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'],
};

export function resolveSeed(seed: EmulatorSeed | string | undefined): ResolvedSeed {
  const given = typeof seed === 'string' ? readSeedFile(seed) : (seed ?? {});
  const account = given.account ?? '123456789012';
  if (!/^\d{12}$/.test(account)) throw new Error(`seed: account must be 12 digits, got ${JSON.stringify(account)}`);
  const directories = (given.directories ?? [DEFAULT_DIRECTORY]).map((d, i) => resolveDirectory(d, i));
  return {
    account,
    region: given.region ?? 'us-east-1',
    directories,
    ec2ImageIds: given.ec2ImageIds ?? ['ami-0123456789abcdef0'],
  };
}

function readSeedFile(path: string): EmulatorSeed {
  const parsed: unknown = parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`seed ${path}: expected a mapping`);
  return parsed as EmulatorSeed;
}

function resolveDirectory(d: SeedDirectory, index: number): Required<SeedDirectory> {
  if (typeof d?.id !== 'string' || !/^(d-[0-9a-f]{8,63}|wsd-[0-9a-z]{8,63})$/.test(d.id)) throw new Error(`seed: directories[${index}].id must look like d-0123456789`);
  return {
    id: d.id,
    name: d.name ?? `${d.id}.example.com`,
    type: d.type ?? 'SIMPLE_AD',
    users: d.users ?? '*',
    subnets: d.subnets ?? ['subnet-0aaa1111', 'subnet-0bbb2222'],
  };
}

type Json = Record<string, any>; // API data as the wire carries it

function amazonBundle(id: string, name: string, computeType: string, root: number, user: number, linux: boolean): Json {
  return {
    BundleId: id,
    Name: name,
    Owner: 'AMAZON',
    Description: `${name} (${linux ? 'WSP' : 'PCoIP'})`,
    ImageId: linux ? 'wsi-amzlnx20001' : 'wsi-amzwin10001',
    RootStorage: { Capacity: String(root) },
    UserStorage: { Capacity: String(user) },
    ComputeType: { Name: computeType },
    State: 'AVAILABLE',
    BundleType: 'REGULAR',
    // the default protocol of a bundle: Linux bundles are WSP (DCV), these Windows ones PCoIP
    Protocols: linux ? ['WSP'] : ['PCOIP'],
    OperatingSystem: linux ? 'AMAZON_LINUX_2' : 'WINDOWS_10',
  };
}

export const AMAZON_BUNDLES: readonly Json[] = [
  amazonBundle('wsb-valwin0001', 'Value with Windows 10', 'VALUE', 80, 10, false),
  amazonBundle('wsb-stdwin0001', 'Standard with Windows 10', 'STANDARD', 80, 50, false),
  amazonBundle('wsb-perwin0001', 'Performance with Windows 10', 'PERFORMANCE', 80, 100, false),
  amazonBundle('wsb-powwin0001', 'Power with Windows 10', 'POWER', 175, 100, false),
  amazonBundle('wsb-pwpwin0001', 'PowerPro with Windows 10', 'POWERPRO', 175, 100, false),
  amazonBundle('wsb-stdlnx0001', 'Standard with Amazon Linux 2', 'STANDARD', 80, 50, true),
  amazonBundle('wsb-perlnx0001', 'Performance with Amazon Linux 2', 'PERFORMANCE', 80, 100, true),
];

/** Amazon-owned images the public bundles point at; usable, never listed as the account's own. */
export const AMAZON_IMAGES: readonly Json[] = [
  { ImageId: 'wsi-amzwin10001', Name: 'Windows_10_Amazon', Description: 'Windows 10 by Amazon', OperatingSystem: { Type: 'WINDOWS' }, State: 'AVAILABLE', RequiredTenancy: 'DEFAULT', OwnerAccountId: 'AMAZON' },
  { ImageId: 'wsi-amzlnx20001', Name: 'Amazon_Linux_2', Description: 'Amazon Linux 2 by Amazon', OperatingSystem: { Type: 'LINUX' }, State: 'AVAILABLE', RequiredTenancy: 'DEFAULT', OwnerAccountId: 'AMAZON' },
];

/** A small catalogue of WorkSpaces applications (read-only in AWS too). */
export const APPLICATIONS: readonly Json[] = [
  { ApplicationId: 'wsa-msoffice21', Name: 'Microsoft Office Professional Plus 2021', Description: 'Office 2021', LicenseType: 'LICENSED', Owner: 'AMAZON', State: 'AVAILABLE', SupportedComputeTypeNames: ['STANDARD', 'PERFORMANCE', 'POWER', 'POWERPRO'], SupportedOperatingSystemNames: ['WINDOWS_10', 'WINDOWS_11', 'WINDOWS_SERVER_2022'], Created: 1700000000 },
  { ApplicationId: 'wsa-visio2021p', Name: 'Microsoft Visio Professional 2021', Description: 'Visio 2021', LicenseType: 'LICENSED', Owner: 'AMAZON', State: 'AVAILABLE', SupportedComputeTypeNames: ['STANDARD', 'PERFORMANCE', 'POWER', 'POWERPRO'], SupportedOperatingSystemNames: ['WINDOWS_10', 'WINDOWS_11'], Created: 1700000000 },
  { ApplicationId: 'wsa-project21p', Name: 'Microsoft Project Professional 2021', Description: 'Project 2021', LicenseType: 'LICENSED', Owner: 'AMAZON', State: 'AVAILABLE', SupportedComputeTypeNames: ['STANDARD', 'PERFORMANCE', 'POWER', 'POWERPRO'], SupportedOperatingSystemNames: ['WINDOWS_10', 'WINDOWS_11'], Created: 1700000000 },
];
