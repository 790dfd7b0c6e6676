/**
 * The daemon's HTTP face (node:http, 127.0.0.1 by default): /healthz (alive), /readyz
 * (200 or 503 with the reasons as JSON), /metrics (Prometheus text), /status (JSON), the status
 * page (`/`, `/environments/ENV`, its assets), the per-environment JSON
 * (/api/v1/environments/ENV) and the control endpoints (POST /api/v1/environments/ENV/
 * reconcile|suspend|resume), which need `Authorization: Bearer TOKEN` and are disabled
 * without a configured token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { silentLogger } from '../log/logger.js';
import { isAuthorized } from './control-access.js';
import { logEvent } from './log-event.js';
import type { ReconcileRequestResult } from './loop.js';
import type { DaemonMetrics } from './metrics.js';
import type { Readiness } from './readiness.js';
import { STATUS_CSS, STATUS_JS } from './status-page-assets.js';

export const CONTROL_ACTIONS = ['reconcile', 'suspend', 'resume'] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

/** What the control endpoints do; each returns undefined for an unknown environment. */
export interface DaemonControl {
  reconcile(env: string): ReconcileRequestResult;
  suspend(env: string): boolean;
  resume(env: string): boolean;
}

/** HTML and JSON views of the daemon's state; `undefined` means "no such environment". */
export interface DaemonViews {
  overviewPage(query: URLSearchParams): string;
  environmentPage(env: string): string | undefined;
  environment(env: string): unknown;
}

export interface DaemonServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly metrics: DaemonMetrics;
  readonly readiness: () => Readiness;
  readonly status: () => unknown;
  readonly views?: DaemonViews;
  readonly control?: DaemonControl;
  /** The bearer token of the control endpoints; without one they answer 403. */
  readonly controlToken?: string;
  readonly logger?: Logger;
}

export interface DaemonServer {
  /** `http://HOST:PORT` actually bound. */
  readonly url: string;
  close(): Promise<void>;
}

/** The page loads its own CSS and script only; nothing inline, no other origin. */
const PAGE_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const ROUTES = [
  '/',
  '/environments/ENV',
  '/healthz',
  '/readyz',
  '/metrics',
  '/status',
  '/api/v1/environments/ENV',
  'POST /api/v1/environments/ENV/{reconcile,suspend,resume}',
];

export async function startDaemonServer(options: DaemonServerOptions): Promise<DaemonServer> {
  const server = createServer((request, response) => {
    route(options, request, response).catch((error: unknown) => sendJson(response, 500, { error: (error as Error).message }));
  });
  // keep-alive scrapers must not hold shutdown hostage
  server.keepAliveTimeout = 5_000;
  await listen(server, options.host, options.port);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, close: () => close(server) };
}

async function route(options: DaemonServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = url.pathname;
  const control = /^\/api\/v1\/environments\/([^/]+)\/([a-z]+)$/.exec(path);
  if (control) return handleControl(options, request, response, decodeURIComponent(control[1]!), control[2]!);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return sendJson(response, 405, { error: 'only GET here; control endpoints are POST /api/v1/environments/ENV/ACTION' });
  if (path === '/healthz') return sendText(response, 200, 'text/plain; charset=utf-8', 'ok\n');
  if (path === '/readyz') {
    const readiness = options.readiness();
    return sendJson(response, readiness.ready ? 200 : 503, readiness);
  }
  if (path === '/metrics') return sendText(response, 200, options.metrics.contentType, await options.metrics.text());
  if (path === '/status' || path === '/api/v1/environments') return sendJson(response, 200, options.status());
  if (options.views && routeView(options.views, path, url.searchParams, response)) return;
  sendJson(response, 404, { error: `no route ${path}`, routes: ROUTES });
}

/** The status page, its assets and the per-environment JSON; false when the path is none of them. */
function routeView(views: DaemonViews, path: string, query: URLSearchParams, response: ServerResponse): boolean {
  if (path === '/') {
    sendPage(response, 200, views.overviewPage(query));
    return true;
  }
  if (path === '/assets/status.css') return sendAsset(response, 'text/css; charset=utf-8', STATUS_CSS);
  if (path === '/assets/status.js') return sendAsset(response, 'text/javascript; charset=utf-8', STATUS_JS);
  const page = /^\/environments\/([^/]+)$/.exec(path);
  if (page) {
    const env = decodeURIComponent(page[1]!);
    const text = views.environmentPage(env);
    if (text === undefined) sendJson(response, 404, { error: `no environment ${env}` });
    else sendPage(response, 200, text);
    return true;
  }
  const api = /^\/api\/v1\/environments\/([^/]+)$/.exec(path);
  if (api) {
    const env = decodeURIComponent(api[1]!);
    const detail = views.environment(env);
    if (detail === undefined) sendJson(response, 404, { error: `no environment ${env}` });
    else sendJson(response, 200, detail);
    return true;
  }
  return false;
}

async function handleControl(options: DaemonServerOptions, request: IncomingMessage, response: ServerResponse, env: string, action: string): Promise<void> {
  request.resume(); // the body is not used; drain it so the socket can be reused
  const logger = options.logger ?? silentLogger();
  if (request.method !== 'POST') return sendJson(response, 405, { code: 'METHOD_NOT_ALLOWED', error: `${action} is POST` });
  if (!isControlAction(action))
    return sendJson(response, 404, { code: 'CONTROL_UNKNOWN_ACTION', error: `no action ${action}; one of ${CONTROL_ACTIONS.join(', ')}` });
  if (!options.controlToken || !options.control) {
    logEvent(logger, 'WSR_W5017', { action, reason: 'disabled' });
    return sendJson(response, 403, {
      code: 'CONTROL_DISABLED',
      error: 'control endpoints are disabled: start the daemon with --control-token-file or WSR_CONTROL_TOKEN',
    });
  }
  // authenticate before saying whether the environment exists
  if (!isAuthorized(request.headers.authorization, options.controlToken)) {
    logEvent(logger, 'WSR_W5017', { action, reason: request.headers.authorization ? 'wrong token' : 'no token' });
    response.setHeader('www-authenticate', 'Bearer realm="wsr"');
    return sendJson(response, 401, { code: 'CONTROL_UNAUTHORIZED', error: 'missing or wrong bearer token' });
  }
  const outcome = runControl(options.control, action, env);
  if (outcome === 'unknown-environment') return sendJson(response, 404, { code: 'ENVIRONMENT_UNKNOWN', error: `no environment ${env}` });
  if (outcome === 'suspended')
    return sendJson(response, 409, { code: 'ENVIRONMENT_SUSPENDED', error: `${env} is suspended; resume it first (wsr resume ${env})` });
  sendJson(response, 202, { env, action, outcome });
}

function runControl(control: DaemonControl, action: ControlAction, env: string): ReconcileRequestResult | 'suspended-now' | 'resumed' {
  if (action === 'reconcile') return control.reconcile(env);
  if (action === 'suspend') return control.suspend(env) ? 'suspended-now' : 'unknown-environment';
  return control.resume(env) ? 'resumed' : 'unknown-environment';
}

function isControlAction(action: string): action is ControlAction {
  return (CONTROL_ACTIONS as readonly string[]).includes(action);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendText(response, status, 'application/json; charset=utf-8', `${JSON.stringify(body, null, 2)}\n`);
}

function sendPage(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...PAGE_SECURITY_HEADERS });
  response.end(body);
}

function sendAsset(response: ServerResponse, contentType: string, body: string): true {
  response.writeHead(200, { 'content-type': contentType, 'cache-control': 'max-age=300', 'x-content-type-options': 'nosniff' });
  response.end(body);
  return true;
}

function sendText(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
