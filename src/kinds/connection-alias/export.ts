/** Connection aliases as spec entries for `wsr export`: `connectionAliases.<connection string>` with associations and sharing. */
import type { ConnectionAliasProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { SpecConnectionAlias } from './spec.js';
import { compact, nonEmptyMap, refId, withTags } from '../export-entry.js';
import type { ExportReferences, KindExport } from '../kind.js';

/** The spec's pattern for connection strings (schemas/wsr-v1.schema.json). */
const SPEC_CONNECTION_STRING = /^[.0-9a-zA-Z-]{1,255}$/;

export const connectionAliasExport: KindExport<ConnectionAliasProperties> = {
  readFor: 'everything',
  inScope: (alias, scope) => scope.everything || props(alias).associate.some((ref) => scope.rootInScope(refId(ref))),
  cannotExport(alias) {
    const connectionString = props(alias).connectionString;
    return SPEC_CONNECTION_STRING.test(connectionString ?? '') ? undefined : `connection string "${connectionString}" does not fit the spec's pattern`;
  },
  toSpec: (adopted, references) => ({ connectionAliases: nonEmptyMap(adopted.map((alias) => [props(alias).connectionString, aliasEntry(alias, references)])) }),
};

function aliasEntry(alias: LiveResource<ConnectionAliasProperties>, references: ExportReferences): SpecConnectionAlias {
  const p = props(alias);
  const associate = p.associate.map((ref) => references.nameOf(refId(ref))).sort();
  return withTags(
    compact({ associate: associate.length > 0 ? associate : undefined, sharedWith: p.sharedWith.length > 0 ? [...p.sharedWith].sort() : undefined }),
    alias,
  );
}

function props(alias: LiveResource<ConnectionAliasProperties>): ConnectionAliasProperties {
  return alias.properties;
}
