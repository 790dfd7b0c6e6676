/** `connectionAliases:` — keyed by connection string; associated with at most one directory per Region. */
import type { ConnectionAliasProperties } from './properties.js';
import { connectionAliasKey } from '../../model/keys.js';
import { list, mapOf, obj, type SchemaType } from '../../spec/schema-builders.js';
import { ACCOUNT_ID, TAGS } from '../../spec/schema-fragments.js';
import { DIRECTORY_REF, directoryRef } from '../directory/ref.js';
import { defineKindSpec, sectionOf } from '../kind-spec.js';

const connectionAlias = obj('A connection alias (cross-Region redirection), keyed by its connection string.', {
  associate: list('Directories to associate (at most one).', DIRECTORY_REF, { uniqueItems: true }),
  sharedWith: list('Accounts the alias is shared with.', ACCOUNT_ID, { uniqueItems: true }),
  tags: TAGS,
});

export type SpecConnectionAlias = SchemaType<typeof connectionAlias>;

const connectionAliases = mapOf('Connection aliases, keyed by connection string (an FQDN).', connectionAlias, {
  title: 'connection string (FQDN)',
  maxLength: 255,
  pattern: '^[.0-9a-zA-Z-]{1,255}$',
});

export const connectionAliasSpec = defineKindSpec({
  section: 'connectionAliases',
  schema: connectionAliases,
  toDesired(entries, context) {
    for (const [connectionString, entry] of Object.entries(entries)) {
      const path = ['connectionAliases', connectionString];
      const associate = (entry.associate ?? []).flatMap((ref, i) => directoryRef(context, ref, [...path, 'associate', i]) ?? []);
      const properties: ConnectionAliasProperties = { connectionString, associate, sharedWith: entry.sharedWith ?? [] };
      context.add({ kind: 'connectionAlias', key: connectionAliasKey(connectionString), properties, tags: entry.tags ?? {}, path });
    }
  },
  checks(spec, report) {
    for (const [connectionString, entry] of Object.entries(sectionOf(spec, 'connectionAliases', connectionAliases) ?? {})) {
      if ((entry.associate ?? []).length > 1) {
        report(
          'SPEC_ALIAS_DIRECTORIES',
          `connection alias "${connectionString}" can be associated with one directory per Region, not ${entry.associate!.length}`,
          ['connectionAliases', connectionString, 'associate', 1],
        );
      }
    }
  },
});
