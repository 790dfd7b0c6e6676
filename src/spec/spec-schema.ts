/**
 * The JSON Schema (draft 2020-12) of a wsr/v1 spec, assembled from the environment-level parts
 * (metadata, policy) and each registered kind's section (kinds/<kind>/spec.ts), in registry order.
 * `schemas/wsr-v1.schema.json` is this object printed by `npm run gen:spec-schema` (scripts/print-schema.ts);
 * a unit test keeps the two identical. Constraints come from the WorkSpaces API model.
 */
import { KIND_NAMES, KINDS } from '../kinds/index.js';
import { bool, int, list, obj, oneOfValues, str, type Schema, type SchemaType } from './schema-builders.js';
import { ACCOUNT_ID, REGION } from './schema-fragments.js';

const policy = obj('What wsr may do to the account.', {
  prune: bool('Delete managed (tagged) resources the spec no longer lists. Default false.'),
  maxDestroy: int('Refuse a plan with more destructive steps than this.', { minimum: 0 }),
  protect: list('Kinds (`image`, `images`) or keys (`image/golden`) that are never destroyed.', str('A kind or key.', { minLength: 1 }), {
    uniqueItems: true,
  }),
  allowDestroy: bool('Allow destructive steps without --allow-destroy. Default false.'),
  gracePeriod: str(
    'Desktops of users no longer in the spec (e.g. removed from a group) are stopped and tagged wsr:removed-at first, and terminated only this long after (e.g. 72h, 7d). Re-adding the user in time keeps the desktop.',
    { title: 'duration like 30m, 72h or 7d', pattern: '^[1-9][0-9]{0,5}[mhd]$' },
  ),
  rollout: obj('How workspaces move onto a bundle’s new image.', {
    mode: oneOfValues('none (never, default) or rebuild.', ['none', 'rebuild']),
    batchSize: int('Desktops per wave. Default 25.', { minimum: 1, maximum: 1000 }),
  }),
  repair: obj(
    'Opt-in repair of desktops the spec wants running that are unhealthy (never by default: without it they are only reported). The repair is a one-shot step shown in the plan and gated like any disruptive or destructive step.',
    {
      unhealthy: oneOfValues('A desktop in UNHEALTHY: reboot (RebootWorkspaces).', ['reboot']),
      error: oneOfValues('A desktop in ERROR: restore (RestoreWorkspace, to its last snapshot) or rebuild (RebuildWorkspaces, root volume from the image).', [
        'restore',
        'rebuild',
      ]),
    },
  ),
  disruption: obj('Steps that interrupt a connected user (stop, reboot, rebuild, restore, migrate, terminate, compute or protocol change, pool stop/update).', {
    whenConnected: oneOfValues('defer (default): the step waits for a later run while the user is connected; proceed: run it anyway.', ['defer', 'proceed']),
    endPoolSessions: bool('With whenConnected: proceed, end a pool’s sessions (TerminateWorkspacesPoolSession) before stopping or updating it. Default false.'),
  }),
  windows: list(
    'Change windows (as Argo CD sync windows) for disruptive and destructive steps: inside an active deny window they wait until it ends; when allow windows exist they run only inside one. Other steps always run. `--ignore-windows` overrides them (logged).',
    obj(
      'One window.',
      {
        kind: oneOfValues('allow or deny.', ['allow', 'deny']),
        schedule: str('When the window opens: five-field cron (minute hour day-of-month month day-of-week) in timeZone, e.g. "0 22 * * 1-5".', {
          minLength: 9,
        }),
        duration: str('How long it stays open: hours and/or minutes, e.g. 6h, 90m, 1h30m.', { pattern: '^(?=.)([0-9]+h)?([0-9]+m)?$' }),
        timeZone: str('IANA time zone of the schedule, e.g. Europe/Berlin. Default UTC.', { minLength: 1 }),
        kinds: list('Resource kinds whose steps it governs (default: all).', oneOfValues('A resource kind.', KIND_NAMES), { minItems: 1, uniqueItems: true }),
      },
      ['kind', 'schedule', 'duration'],
    ),
  ),
});

export type SpecPolicy = SchemaType<typeof policy>;

const metadata = obj(
  'Which environment and account this is.',
  {
    name: str('Environment name; everything wsr creates is tagged wsr:env=<name>.', {
      title: 'environment name (letters, digits, _.-)',
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
    }),
    account: ACCOUNT_ID,
    region: REGION,
    roleArn: str('Role to assume (through STS) for this account.', { title: 'IAM role ARN', pattern: '^arn:aws[a-z-]{0,7}:iam::\\d{12}:role/\\S+$' }),
  },
  ['name', 'account', 'region'],
);

export type SpecMetadata = SchemaType<typeof metadata>;

/** `defaults.<name>` of every kind that has defaults. */
const defaults = obj(
  'Defaults applied under each entry.',
  Object.fromEntries(KINDS.flatMap(({ spec }) => (spec.defaults ? [[spec.defaults.name, spec.defaults.schema]] : []))) as Record<string, Schema>,
);

/** Each kind's section, in registry order. */
const sections: Record<string, Schema> = Object.fromEntries(KINDS.map(({ spec }) => [spec.section, spec.schema]));

export const SPEC_SCHEMA_ID = 'https://wsr.dev/schemas/wsr-v1.schema.json';

export const specSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SPEC_SCHEMA_ID,
  title: 'wsr/v1 Environment',
  ...obj(
    'One environment: one AWS account and Region, reconciled by wsr.',
    {
      apiVersion: { const: 'wsr/v1', description: 'Spec format version: wsr/v1.' },
      kind: { const: 'Environment', description: 'Always Environment.' },
      metadata,
      policy,
      defaults,
      ...sections,
    },
    ['apiVersion', 'kind', 'metadata'],
  ),
} satisfies Schema;
