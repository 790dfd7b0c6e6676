/**
 * `wsr daemon --config FILE`: what the daemon needs beyond the specs: webhooks (global and per
 * environment) and per-environment connection overrides (an endpoint: a VPC endpoint, or one
 * emulator per account in tests). A webhook URL is a secret (Slack's is a bearer credential), so
 * it may come from a file or an environment variable instead of the config; it is never logged
 * or shown on the status page.
 *
 * ```yaml
 * webhooks:
 *   - {name: ops-slack, urlEnv: SLACK_WEBHOOK_URL, format: slack, events: [apply.failed, stalled]}
 * environments:
 *   corp-prod:
 *     endpoint: https://vpce-0abc.workspaces.eu-west-1.vpce.amazonaws.com
 *     webhooks: [{name: prod-pager, urlFile: /var/run/secrets/pager-url, format: json}]
 * ```
 */
import { readFileSync } from 'node:fs';
import { LineCounter, isSeq, parseDocument, type Document } from 'yaml';
import { SpecError } from '../errors.js';
import { NOTIFICATION_TYPES, type NotificationType } from './notification-events.js';
import type { WebhookSubscription } from './notifier.js';

export interface EnvironmentOverrides {
  readonly endpoint?: string;
  readonly webhooks: readonly WebhookSubscription[];
}

export interface DaemonConfig {
  readonly webhooks: readonly WebhookSubscription[];
  readonly environments: Readonly<Record<string, EnvironmentOverrides>>;
}

export const EMPTY_DAEMON_CONFIG: DaemonConfig = { webhooks: [], environments: {} };

type Path = readonly (string | number)[];

/** Reads and checks the config; a mistake is one DAEMON_CONFIG_INVALID naming file:line and the field. */
export function loadDaemonConfig(file: string, env: NodeJS.ProcessEnv = process.env): DaemonConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SpecError('DAEMON_CONFIG_UNREADABLE', `--config ${file}: ${(error as Error).message}`);
  }
  return parseDaemonConfig(text, file, env);
}

export function parseDaemonConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): DaemonConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const fail = (path: Path, message: string): never => {
    const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
    const offset = node?.range?.[0] ?? doc.errors[0]?.pos[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    const field = path.length ? ` ${formatPath(path)}:` : '';
    throw new SpecError('DAEMON_CONFIG_INVALID', `${file}:${line}:${col}:${field} ${message}`, { location: { file, line, col } });
  };
  if (doc.errors.length > 0) fail([], doc.errors[0]!.message.split('\n')[0]!);
  const root = doc.toJS() ?? {};
  if (typeof root !== 'object' || Array.isArray(root)) fail([], 'expected a mapping with webhooks and environments');
  checkKeys(root, [], ['webhooks', 'environments'], fail);
  const webhooks = webhooksOf(doc, root.webhooks, ['webhooks'], env, fail);
  const environments: Record<string, EnvironmentOverrides> = {};
  if (root.environments !== undefined && (typeof root.environments !== 'object' || root.environments === null || Array.isArray(root.environments)))
    fail(['environments'], 'expected a mapping of environment name → overrides');
  for (const [name, value] of Object.entries<Record<string, unknown>>(root.environments ?? {})) {
    const path = ['environments', name];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'expected a mapping with endpoint and/or webhooks');
    checkKeys(value, path, ['endpoint', 'webhooks'], fail);
    if (value.endpoint !== undefined && !isHttpUrl(value.endpoint))
      fail([...path, 'endpoint'], `expected an http(s) URL, got ${JSON.stringify(value.endpoint)}`);
    environments[name] = {
      ...(value.endpoint !== undefined ? { endpoint: value.endpoint as string } : {}),
      webhooks: webhooksOf(doc, value.webhooks, [...path, 'webhooks'], env, fail),
    };
  }
  return { webhooks, environments };
}

/** The receivers of one environment: the global ones, then its own. */
export function subscriptionsOf(config: DaemonConfig, env: string): readonly WebhookSubscription[] {
  return [...config.webhooks, ...(config.environments[env]?.webhooks ?? [])];
}

function webhooksOf(doc: Document, value: unknown, path: Path, env: NodeJS.ProcessEnv, fail: (path: Path, message: string) => never): WebhookSubscription[] {
  if (value === undefined) return [];
  if (!isSeq(doc.getIn(path, true))) fail(path, 'expected a list of webhooks');
  return (value as Record<string, unknown>[]).map((hook, index) => {
    const at = [...path, index];
    if (typeof hook !== 'object' || hook === null || Array.isArray(hook)) fail(at, 'expected a mapping with url (or urlFile/urlEnv), format and events');
    checkKeys(hook, at, ['name', 'url', 'urlFile', 'urlEnv', 'format', 'events'], fail);
    const sources = ['url', 'urlFile', 'urlEnv'].filter((key) => hook[key] !== undefined);
    if (sources.length !== 1) fail(at, `expected exactly one of url, urlFile, urlEnv (got ${sources.length === 0 ? 'none' : sources.join(' and ')})`);
    const url = urlOf(hook, at, env, fail);
    const format = hook.format ?? 'json';
    if (format !== 'json' && format !== 'slack') fail([...at, 'format'], `expected json or slack, got ${JSON.stringify(format)}`);
    const events = hook.events === undefined ? undefined : eventsOf(hook.events, [...at, 'events'], fail);
    const name = typeof hook.name === 'string' && hook.name !== '' ? hook.name : `${path.join('.')}[${index}]`;
    return { name, url, format: format as 'json' | 'slack', ...(events ? { events } : {}) };
  });
}

function urlOf(hook: Record<string, unknown>, at: Path, env: NodeJS.ProcessEnv, fail: (path: Path, message: string) => never): string {
  let url: unknown = hook.url;
  if (hook.urlFile !== undefined) {
    try {
      url = readFileSync(String(hook.urlFile), 'utf8').trim();
    } catch (error) {
      fail([...at, 'urlFile'], `cannot read ${String(hook.urlFile)}: ${(error as Error).message}`);
    }
  }
  if (hook.urlEnv !== undefined) {
    url = env[String(hook.urlEnv)]?.trim();
    if (!url) fail([...at, 'urlEnv'], `environment variable ${String(hook.urlEnv)} is not set`);
  }
  // the value itself stays out of the message: it may be a secret
  if (!isHttpUrl(url)) fail([...at, hook.url !== undefined ? 'url' : hook.urlFile !== undefined ? 'urlFile' : 'urlEnv'], 'expected an http(s) URL');
  return url as string;
}

function eventsOf(value: unknown, path: Path, fail: (path: Path, message: string) => never): NotificationType[] {
  if (!Array.isArray(value) || value.length === 0) fail(path, `expected a non-empty list of ${NOTIFICATION_TYPES.join(', ')}`);
  return (value as unknown[]).map((event, index) => {
    if ((NOTIFICATION_TYPES as readonly unknown[]).includes(event)) return event as NotificationType;
    return fail([...path, index], `unknown event ${JSON.stringify(event)}; one of ${NOTIFICATION_TYPES.join(', ')}`);
  });
}

function checkKeys(value: Record<string, unknown>, path: Path, allowed: readonly string[], fail: (path: Path, message: string) => never): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail([...path, key], `unknown field; expected one of ${allowed.join(', ')}`);
  }
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function formatPath(path: Path): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}
