/**
 * The JSON Schema of a saved plan (format version 1). `schemas/plan-v1.schema.json` is this
 * object printed by `npm run gen:plan-schema` (scripts/print-plan-schema.ts) (a unit test keeps them equal).
 */
import { CHANGE_ACTIONS } from '../model/change.js';
import { KIND_NAMES } from '../kinds/index.js';

export const PLAN_SCHEMA_ID = 'https://wsr.dev/schemas/plan-v1.schema.json';

const stateWait = {
  type: 'object',
  required: ['timeoutSeconds'],
  additionalProperties: false,
  properties: {
    states: { type: 'array', items: { type: 'string' } },
    gone: { type: 'boolean' },
    timeoutSeconds: { type: 'number', minimum: 0 },
  },
} as const;

const idRef = {
  type: 'object',
  required: ['$idOf'],
  additionalProperties: false,
  properties: { $idOf: { type: 'string' } },
} as const;

const counts = { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } } as const;

export const PLAN_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: PLAN_SCHEMA_ID,
  title: 'wsr saved plan, format version 1',
  type: 'object',
  required: ['version', 'environment', 'account', 'region', 'createdAt', 'fingerprint', 'changes', 'steps', 'summary', 'readCalls', 'unmanaged', 'warnings'],
  additionalProperties: false,
  properties: {
    version: { const: 1 },
    environment: { type: 'string', minLength: 1 },
    account: { type: 'string' },
    region: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    changes: { type: 'array', items: { $ref: '#/$defs/change' } },
    steps: { type: 'array', items: { $ref: '#/$defs/step' } },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['create', 'update', 'migrate', 'replace', 'delete', 'noop', 'blocked', 'destructive', 'steps'],
      properties: Object.fromEntries(
        ['create', 'update', 'migrate', 'replace', 'delete', 'noop', 'blocked', 'deferred', 'destructive', 'steps', 'unhealthy'].map((name) => [
          name,
          { type: 'integer', minimum: 0 },
        ]),
      ),
    },
    readCalls: counts,
    unmanaged: { type: 'array', items: { type: 'string' } },
    warnings: { type: 'array', items: { type: 'string' } },
    specHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    madeWith: {
      type: 'object',
      additionalProperties: false,
      required: ['destroy', 'targets', 'refreshOnly', 'allowDestroy'],
      properties: {
        destroy: { type: 'boolean' },
        targets: { type: 'array', items: { type: 'string' } },
        refreshOnly: { type: 'boolean' },
        allowDestroy: { type: 'boolean' },
        requestedActions: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        whenConnected: { enum: ['defer', 'proceed'] },
        ignoreWindows: { type: 'boolean' },
      },
    },
    windows: {
      type: 'object',
      additionalProperties: false,
      required: ['open', 'note', 'ignored'],
      properties: { open: { type: 'boolean' }, note: { type: 'string' }, ignored: { type: 'boolean' } },
    },
    destroyCap: {
      type: 'object',
      additionalProperties: false,
      required: ['limit', 'source'],
      properties: {
        limit: { type: 'integer', minimum: 0 },
        source: { enum: ['default', 'policy.maxDestroy', '--max-destroy'] },
        managed: { type: 'integer', minimum: 0 },
      },
    },
    signature: { type: 'string', pattern: '^hmac-sha256:[0-9a-f]{64}$' },
  },
  $defs: {
    kind: { enum: [...KIND_NAMES] },
    action: { enum: [...CHANGE_ACTIONS] },
    fieldChange: {
      type: 'object',
      required: ['path'],
      additionalProperties: false,
      properties: { path: { type: 'string' }, before: true, after: true },
    },
    change: {
      type: 'object',
      required: ['kind', 'key', 'action', 'reason', 'fields'],
      additionalProperties: false,
      properties: {
        kind: { $ref: '#/$defs/kind' },
        key: { type: 'string', minLength: 1 },
        action: { $ref: '#/$defs/action' },
        reason: { type: 'string' },
        fields: { type: 'array', items: { $ref: '#/$defs/fieldChange' } },
        desired: { type: 'object' },
        live: { type: 'object' },
      },
    },
    step: {
      type: 'object',
      required: ['id', 'key', 'kind', 'action', 'operation', 'input', 'dependsOn', 'destructive', 'reason'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1 },
        key: { type: 'string', minLength: 1 },
        kind: { $ref: '#/$defs/kind' },
        action: { $ref: '#/$defs/action' },
        operation: { type: 'string', pattern: '^[A-Z][A-Za-z]+$' },
        input: { type: 'object' },
        batch: {
          type: 'object',
          required: ['member', 'max'],
          additionalProperties: false,
          properties: { member: { type: 'string' }, max: { type: 'integer', minimum: 1 } },
        },
        dependsOn: { type: 'array', items: { type: 'string' } },
        destructive: { type: 'boolean' },
        reason: { type: 'string' },
        before: stateWait,
        after: stateWait,
        target: { anyOf: [{ type: 'string' }, idRef] },
        produces: { type: 'string' },
        blocked: { type: 'string' },
        deferred: { type: 'string' },
        region: { type: 'string' },
      },
    },
  },
} as const;
