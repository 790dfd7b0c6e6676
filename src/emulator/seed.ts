/**
 * What exists before anyone calls the API: the accounts (and the access keys that sign as each),
 * the Regions served, per account and Region the Directory Service directories that can be
 * registered (or already are), EC2 images for BYOL import and the account's own images, plus the
 * public catalogue every account sees — Amazon's bundles and images and the WorkSpaces applications.
 * The built-in catalogue is small; a seed adds real public ids (e.g. `wsb-bh8rsxt14`).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Json = Record<string, any>; // API data as the wire carries it

export interface SeedDirectory {
  id: string;
  name?: string;
  type?: 'SIMPLE_AD' | 'AD_CONNECTOR' | 'MICROSOFT_AD';
  users?: string[] | '*';
  subnets?: string[];
  /** Region of the directory (default: the seed's `region`). */
  region?: string;
  /** Already registered with WorkSpaces when the emulator starts (a `wsd-` id always is). */
  registered?: boolean;
  /** PERSONAL (default) or POOLS; a POOLS directory is WorkSpaces-native (`wsd-`), SAML 2.0 users. */
  workspaceType?: 'PERSONAL' | 'POOLS';
}
/** An image the account already owns (e.g. one `images.<name>.id` of a spec adopts). */
export interface SeedImage {
  id: string;
  name: string;
  os?: 'WINDOWS' | 'LINUX';
  description?: string;
  region?: string;
  sharedWith?: string[];
  updateAvailable?: boolean;
  tenancy?: 'DEFAULT' | 'DEDICATED';
}
export interface SeedPublicBundle {
  id: string;
  name: string;
  computeType: string;
  rootVolumeGib: number;
  userVolumeGib: number;
  /** Public image id (built-in or `publicImages`); default: the built-in Windows or Linux one. */
  image?: string;
  protocols?: ('PCOIP' | 'WSP')[];
  operatingSystem?: string;
  description?: string;
}
export interface SeedPublicImage {
  id: string;
  name: string;
  os?: 'WINDOWS' | 'LINUX';
  description?: string;
}
export interface SeedApplication {
  id: string;
  name: string;
  description?: string;
  licenseType?: 'LICENSED' | 'UNLICENSED';
  computeTypes?: string[];
  operatingSystems?: string[];
}
export interface SeedAccount {
  id: string;
  /** Access key ids whose requests act as this account (SigV4 credential scope). */
  accessKeys?: string[];
  directories?: SeedDirectory[];
  images?: SeedImage[];
  ec2ImageIds?: string[];
}
export interface EmulatorSeed {
  /** The default account: requests signed with a key no account claims (or unsigned) act as it. */
  account?: string;
  /** The default Region (unsigned requests; seed entries without `region`). */
  region?: string;
  /** Regions served besides the default and those seed entries name; others are refused. */
  regions?: string[];
  accessKeys?: string[];
  directories?: SeedDirectory[];
  images?: SeedImage[];
  ec2ImageIds?: string[];
  /** More accounts, each with its own state and rate buckets. */
  accounts?: SeedAccount[];
  publicBundles?: SeedPublicBundle[];
  publicImages?: SeedPublicImage[];
  applications?: SeedApplication[];
}

export type ResolvedDirectory = Required<Omit<SeedDirectory, 'region'>>;
export interface ResolvedScope {
  account: string;
  region: string;
  directories: ResolvedDirectory[];
  images: SeedImage[];
  ec2ImageIds: string[];
}
/** Read-only public data every account and Region sees. */
export interface Catalogue {
  bundles: readonly Json[];
  images: readonly Json[];
  applications: readonly Json[];
}
export interface ResolvedSeed {
  account: string;
  region: string;
  regions: string[];
  /** access key id → account */
  accessKeys: Map<string, string>;
  accounts: string[];
  /** `${account}/${region}` → what that scope starts with */
  scopes: Map<string, ResolvedScope>;
  catalogue: Catalogue;
  /** the default scope's directories (kept for callers of the one-account seed) */
  directories: ResolvedDirectory[];
  ec2ImageIds: string[];
}

export const DEFAULT_DIRECTORY: ResolvedDirectory = {
  id: 'd-9067a1b2c3',
  name: 'corp.example.com',
  type: 'SIMPLE_AD',
  users: '*',
  subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'],
  registered: false,
  workspaceType: 'PERSONAL',
};

export const scopeKey = (account: string, region: string): string => `${account}/${region}`;

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export function resolveSeed(seed: EmulatorSeed | string | undefined): ResolvedSeed {
  const given = typeof seed === 'string' ? readSeedFile(seed) : (seed ?? {});
  const account = given.account ?? '123456789012';
  const region = given.region ?? 'us-east-1';
  checkAccount(account, 'account');
  checkRegion(region, 'region');
  const accounts: SeedAccount[] = [
    { id: account, accessKeys: given.accessKeys, directories: given.directories ?? [DEFAULT_DIRECTORY], images: given.images, ec2ImageIds: given.ec2ImageIds },
    ...(given.accounts ?? []),
  ];
  const regions = new Set([region, ...(given.regions ?? [])]);
  const accessKeys = new Map<string, string>();
  const scopes = new Map<string, ResolvedScope>();
  const scopeOf = (id: string, r: string): ResolvedScope => {
    const key = scopeKey(id, r);
    let scope = scopes.get(key);
    if (!scope) {
      scope = { account: id, region: r, directories: [], images: [], ec2ImageIds: [] };
      scopes.set(key, scope);
    }
    return scope;
  };
  accounts.forEach((entry, index) => {
    const at = index === 0 ? '' : `accounts[${index - 1}].`;
    checkAccount(entry.id, `${at}id`);
    if (index > 0 && entry.id === account) throw new Error(`seed: ${at}id ${entry.id} is the default account`);
    for (const key of entry.accessKeys ?? []) {
      if (accessKeys.has(key)) throw new Error(`seed: access key ${key} belongs to two accounts`);
      accessKeys.set(key, entry.id);
    }
    scopeOf(entry.id, region).ec2ImageIds.push(...(entry.ec2ImageIds ?? (index === 0 ? ['ami-0123456789abcdef0'] : [])));
    (entry.directories ?? []).forEach((d, i) => {
      const r = d?.region ?? region;
      checkRegion(r, `${at}directories[${i}].region`);
      regions.add(r);
      scopeOf(entry.id, r).directories.push(resolveDirectory(d, `${at}directories[${i}]`));
    });
    (entry.images ?? []).forEach((image, i) => {
      const r = image?.region ?? region;
      checkRegion(r, `${at}images[${i}].region`);
      regions.add(r);
      scopeOf(entry.id, r).images.push(resolveImage(image, `${at}images[${i}]`));
    });
  });
  for (const r of regions) checkRegion(r, 'regions');
  const catalogue = resolveCatalogue(given);
  const home = scopeOf(account, region);
  return {
    account,
    region,
    regions: [...regions],
    accessKeys,
    accounts: accounts.map((a) => a.id),
    scopes,
    catalogue,
    directories: home.directories,
    ec2ImageIds: home.ec2ImageIds,
  };
}

function checkAccount(account: unknown, at: string): void {
  if (typeof account !== 'string' || !ACCOUNT.test(account)) throw new Error(`seed: ${at} must be 12 digits, got ${JSON.stringify(account)}`);
}

function checkRegion(region: unknown, at: string): void {
  if (typeof region !== 'string' || !REGION.test(region)) throw new Error(`seed: ${at} must be a Region name like eu-west-1, got ${JSON.stringify(region)}`);
}

function readSeedFile(path: string): EmulatorSeed {
  const parsed: unknown = parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`seed ${path}: expected a mapping`);
  return parsed as EmulatorSeed;
}

function resolveDirectory(d: SeedDirectory, at: string): ResolvedDirectory {
  if (typeof d?.id !== 'string' || !/^(d-[0-9a-f]{8,63}|wsd-[0-9a-z]{8,63})$/.test(d.id))
    throw new Error(`seed: ${at}.id must look like d-0123456789 or wsd-012345678`);
  const native = d.id.startsWith('wsd-');
  if (d.workspaceType === 'POOLS' && !native) throw new Error(`seed: ${at}: a POOLS directory is WorkSpaces-native (a wsd- id)`);
  return {
    id: d.id,
    name: d.name ?? `${d.id}.example.com`,
    type: d.type ?? 'SIMPLE_AD',
    users: d.users ?? '*',
    subnets: d.subnets ?? ['subnet-0aaa1111', 'subnet-0bbb2222'],
    registered: native || d.registered === true,
    workspaceType: d.workspaceType ?? 'PERSONAL',
  };
}

function resolveImage(image: SeedImage, at: string): SeedImage {
  if (typeof image?.id !== 'string' || !/^wsi-[0-9a-z]{9,63}$/.test(image.id)) throw new Error(`seed: ${at}.id must look like wsi-0123456789`);
  if (typeof image.name !== 'string' || image.name === '') throw new Error(`seed: ${at}.name is required`);
  return image;
}

function resolveCatalogue(given: EmulatorSeed): Catalogue {
  const images = [...AMAZON_IMAGES];
  for (const [i, image] of (given.publicImages ?? []).entries()) {
    if (typeof image?.id !== 'string' || !/^wsi-[0-9a-z]{9,63}$/.test(image.id)) throw new Error(`seed: publicImages[${i}].id must look like wsi-0123456789`);
    images.push(publicImage(image.id, image.name ?? image.id, image.os ?? 'WINDOWS', image.description));
  }
  const bundles = [...AMAZON_BUNDLES];
  for (const [i, bundle] of (given.publicBundles ?? []).entries()) {
    const at = `publicBundles[${i}]`;
    if (typeof bundle?.id !== 'string' || !/^wsb-[0-9a-z]{8,63}$/.test(bundle.id)) throw new Error(`seed: ${at}.id must look like wsb-bh8rsxt14`);
    if (!bundle.computeType || !Number.isInteger(bundle.rootVolumeGib) || !Number.isInteger(bundle.userVolumeGib))
      throw new Error(`seed: ${at} needs computeType, rootVolumeGib and userVolumeGib`);
    const image = images.find((candidate) => candidate.ImageId === (bundle.image ?? (isLinux(bundle) ? 'wsi-amzlnx20001' : 'wsi-amzwin10001')));
    if (!image) throw new Error(`seed: ${at}.image ${bundle.image} is not a public image (built in or under publicImages)`);
    const linux = image.OperatingSystem?.Type === 'LINUX';
    bundles.push(
      amazonBundle(bundle.id, bundle.name ?? bundle.id, bundle.computeType, bundle.rootVolumeGib, bundle.userVolumeGib, linux, {
        image: image.ImageId,
        protocols: bundle.protocols,
        operatingSystem: bundle.operatingSystem,
        description: bundle.description,
      }),
    );
  }
  const applications = [...APPLICATIONS];
  for (const [i, application] of (given.applications ?? []).entries()) {
    if (typeof application?.id !== 'string' || !/^wsa-[0-9a-z]{8,63}$/.test(application.id))
      throw new Error(`seed: applications[${i}].id must look like wsa-0123456789`);
    applications.push({
      ApplicationId: application.id,
      Name: application.name ?? application.id,
      Description: application.description ?? application.name ?? application.id,
      LicenseType: application.licenseType ?? 'LICENSED',
      Owner: 'AMAZON',
      State: 'AVAILABLE',
      SupportedComputeTypeNames: application.computeTypes ?? ['STANDARD', 'PERFORMANCE', 'POWER', 'POWERPRO'],
      SupportedOperatingSystemNames: application.operatingSystems ?? ['WINDOWS_10', 'WINDOWS_11', 'WINDOWS_SERVER_2022'],
      Created: 1700000000,
    });
  }
  for (const [list, what] of [
    [bundles, 'BundleId'],
    [images, 'ImageId'],
    [applications, 'ApplicationId'],
  ] as const) {
    const ids = list.map((item) => item[what]);
    const twice = ids.find((id, index) => ids.indexOf(id) !== index);
    if (twice) throw new Error(`seed: public ${what} ${twice} is declared twice`);
  }
  return { bundles, images, applications };
}

const isLinux = (bundle: SeedPublicBundle): boolean => /LINUX|UBUNTU|RHEL|ROCKY/.test(bundle.operatingSystem ?? '');

function publicImage(id: string, name: string, os: 'WINDOWS' | 'LINUX', description?: string): Json {
  return {
    ImageId: id,
    Name: name,
    Description: description ?? `${name} by Amazon`,
    OperatingSystem: { Type: os },
    State: 'AVAILABLE',
    RequiredTenancy: 'DEFAULT',
    OwnerAccountId: 'AMAZON',
  };
}

interface BundleExtras {
  image?: string;
  protocols?: string[];
  operatingSystem?: string;
  description?: string;
}

function amazonBundle(id: string, name: string, computeType: string, root: number, user: number, linux: boolean, extras: BundleExtras = {}): Json {
  const protocols = extras.protocols ?? (linux ? ['WSP'] : ['PCOIP']);
  return {
    BundleId: id,
    Name: name,
    Owner: 'AMAZON',
    Description: extras.description ?? `${name} (${protocols.includes('WSP') ? 'WSP' : 'PCoIP'})`,
    ImageId: extras.image ?? (linux ? 'wsi-amzlnx20001' : 'wsi-amzwin10001'),
    RootStorage: { Capacity: String(root) },
    UserStorage: { Capacity: String(user) },
    ComputeType: { Name: computeType },
    State: 'AVAILABLE',
    BundleType: 'REGULAR',
    // the default protocol of a bundle: Linux bundles are WSP (DCV), these Windows ones PCoIP
    Protocols: protocols,
    OperatingSystem: extras.operatingSystem ?? (linux ? 'AMAZON_LINUX_2' : 'WINDOWS_10'),
  };
}

const AMAZON_BUNDLES: readonly Json[] = [
  amazonBundle('wsb-valwin0001', 'Value with Windows 10', 'VALUE', 80, 10, false),
  amazonBundle('wsb-stdwin0001', 'Standard with Windows 10', 'STANDARD', 80, 50, false),
  amazonBundle('wsb-perwin0001', 'Performance with Windows 10', 'PERFORMANCE', 80, 100, false),
  amazonBundle('wsb-powwin0001', 'Power with Windows 10', 'POWER', 175, 100, false),
  amazonBundle('wsb-pwpwin0001', 'PowerPro with Windows 10', 'POWERPRO', 175, 100, false),
  amazonBundle('wsb-stdlnx0001', 'Standard with Amazon Linux 2', 'STANDARD', 80, 50, true),
  amazonBundle('wsb-perlnx0001', 'Performance with Amazon Linux 2', 'PERFORMANCE', 80, 100, true),
];

/** Amazon-owned images the public bundles point at; usable, never listed as the account's own. */
const AMAZON_IMAGES: readonly Json[] = [
  publicImage('wsi-amzwin10001', 'Windows_10_Amazon', 'WINDOWS', 'Windows 10 by Amazon'),
  publicImage('wsi-amzlnx20001', 'Amazon_Linux_2', 'LINUX', 'Amazon Linux 2 by Amazon'),
];

/** A small catalogue of WorkSpaces applications (read-only in AWS too). */
const APPLICATIONS: readonly Json[] = [
  {
    ApplicationId: 'wsa-msoffice21',
    Name: 'Microsoft Office Professional Plus 2021',
    Description: 'Office 2021',
    LicenseType: 'LICENSED',
    Owner: 'AMAZON',
    State: 'AVAILABLE',
    SupportedComputeTypeNames: ['STANDARD', 'PERFORMANCE', 'POWER', 'POWERPRO'],
    SupportedOperatingSystemNames: ['WINDOWS_10', 'WINDOWS_11', 'WINDOWS_SERVER_2022'],
    Created: 1700000000,
  },
  {
    ApplicationId: 'wsa-visio2021p',
    Name: 'Microsoft Visio Professional 2021',
    Description: 'Visio 2021',
    LicenseType: 'LICENSED',
    Owner: 'AMAZON',
    State: 'AVAILABLE',
    SupportedComputeTypeNames: ['STANDARD', 'PERFORMANCE', 'POWER', 'POWERPRO'],
    SupportedOperatingSystemNames: ['WINDOWS_10', 'WINDOWS_11'],
    Created: 1700000000,
  },
  {
    ApplicationId: 'wsa-project21p',
    Name: 'Microsoft Project Professional 2021',
    Description: 'Project 2021',
    LicenseType: 'LICENSED',
    Owner: 'AMAZON',
    State: 'AVAILABLE',
    SupportedComputeTypeNames: ['STANDARD', 'PERFORMANCE', 'POWER', 'POWERPRO'],
    SupportedOperatingSystemNames: ['WINDOWS_10', 'WINDOWS_11'],
    Created: 1700000000,
  },
];
