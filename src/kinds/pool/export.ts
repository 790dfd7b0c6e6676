/** Pools as spec entries for `wsr export`: `pools.<name>` with directory and bundle by their spec names (or ids). */
import type { PoolProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { SpecPool } from './spec.js';
import { SPEC_DESCRIPTION, compact, nonEmptyMap, nonEmptyObject, refId, withTags } from '../export-entry.js';
import type { ExportReferences, KindExport } from '../kind.js';

/** The spec's pattern for pool names (schemas/wsr-v1.schema.json). */
const SPEC_POOL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const poolExport: KindExport<PoolProperties> = {
  readFor: 'everything',
  inScope: (pool, scope) => scope.everything || scope.rootInScope(refId(props(pool).directory)),
  uses: (pool) => [refId(props(pool).bundle)],
  cannotExport(pool) {
    const p = props(pool);
    if (!SPEC_POOL_NAME.test(p.name ?? '')) return `pool name "${p.name}" does not fit the spec's pattern`;
    // the spec requires a description (CreateWorkspacesPool does)
    if (!SPEC_DESCRIPTION.test(p.description ?? '')) return 'pool description is empty or has characters the spec does not allow';
    return undefined;
  },
  toSpec: (adopted, references) => ({ pools: nonEmptyMap(adopted.map((pool) => [props(pool).name, poolEntry(pool, references)])) }),
};

function poolEntry(pool: LiveResource<PoolProperties>, references: ExportReferences): SpecPool {
  const p = props(pool);
  const timeouts = p.timeoutSettings;
  return withTags(
    compact({
      description: p.description,
      directory: references.nameOf(refId(p.directory)),
      bundle: references.nameOf(refId(p.bundle)),
      capacity: p.capacity.DesiredUserSessions ?? 0,
      runningMode: p.runningMode,
      applicationSettings: p.applicationSettings && compact({ status: p.applicationSettings.Status!, settingsGroup: p.applicationSettings.SettingsGroup }),
      timeouts:
        timeouts &&
        nonEmptyObject(
          compact({
            disconnectSeconds: timeouts.DisconnectTimeoutInSeconds,
            idleDisconnectSeconds: timeouts.IdleDisconnectTimeoutInSeconds,
            maxUserDurationSeconds: timeouts.MaxUserDurationInSeconds,
          }),
        ),
    }),
    pool,
  );
}

function props(pool: LiveResource<PoolProperties>): PoolProperties {
  return pool.properties;
}
