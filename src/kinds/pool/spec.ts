/** `pools:` — WorkSpaces Pools keyed by pool name. */
import type { PoolProperties } from './properties.js';
import { poolKey } from '../../model/keys.js';
import { int, mapOf, obj, oneOfValues, str, type SchemaType } from '../../spec/schema-builders.js';
import { DESCRIPTION, TAGS } from '../../spec/schema-fragments.js';
import { BUNDLE_REF, bundleRef } from '../bundle/ref.js';
import { DIRECTORY_REF, directoryRef } from '../directory/ref.js';
import { compact, defineKindSpec } from '../kind-spec.js';

const pool = obj(
  'A WorkSpaces Pool (non-persistent desktops).',
  {
    description: str('Pool description.', DESCRIPTION),
    directory: DIRECTORY_REF,
    bundle: BUNDLE_REF,
    capacity: int('Desired concurrent user sessions.', { minimum: 0 }),
    runningMode: oneOfValues('AUTO_STOP or ALWAYS_ON.', ['AUTO_STOP', 'ALWAYS_ON']),
    applicationSettings: obj(
      'Persist application settings.',
      {
        status: oneOfValues('ENABLED or DISABLED.', ['ENABLED', 'DISABLED']),
        settingsGroup: str('Settings group name.', { title: 'settings group', maxLength: 100, pattern: "^[A-Za-z0-9_./()!*'-]+$" }),
      },
      ['status'],
    ),
    timeouts: obj('Session timeouts in seconds.', {
      disconnectSeconds: int('Seconds a disconnected session is kept.', { minimum: 60, maximum: 36000 }),
      idleDisconnectSeconds: int('Idle seconds before disconnect.', { minimum: 0, maximum: 36000 }),
      maxUserDurationSeconds: int('Longest session in seconds.', { minimum: 600, maximum: 432000 }),
    }),
    state: oneOfValues('running or stopped; leave out to not manage it.', ['running', 'stopped']),
    tags: TAGS,
  },
  ['description', 'directory', 'bundle', 'capacity'],
);

export type SpecPool = SchemaType<typeof pool>;

const pools = mapOf('WorkSpaces Pools, keyed by pool name.', pool, { title: 'pool name', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' });

export const poolSpec = defineKindSpec({
  section: 'pools',
  schema: pools,
  toDesired(entries, context) {
    for (const [name, entry] of Object.entries(entries)) {
      const path = ['pools', name];
      const directory = directoryRef(context, entry.directory, [...path, 'directory']);
      if (!directory) continue;
      const properties: PoolProperties = compact({
        name,
        description: entry.description,
        bundle: bundleRef(context, entry.bundle, [...path, 'bundle']),
        directory,
        capacity: { DesiredUserSessions: entry.capacity },
        runningMode: entry.runningMode,
        applicationSettings:
          entry.applicationSettings && compact({ Status: entry.applicationSettings.status, SettingsGroup: entry.applicationSettings.settingsGroup }),
        timeoutSettings:
          entry.timeouts &&
          compact({
            DisconnectTimeoutInSeconds: entry.timeouts.disconnectSeconds,
            IdleDisconnectTimeoutInSeconds: entry.timeouts.idleDisconnectSeconds,
            MaxUserDurationInSeconds: entry.timeouts.maxUserDurationSeconds,
          }),
        desiredState: entry.state,
      });
      context.add({ kind: 'pool', key: poolKey(name), properties, tags: entry.tags ?? {}, path });
    }
  },
});
