/**
 * The daemon's HTTP face (node:http, 127.0.0.1 by default): /healthz (alive), /readyz
 * (200 or 503 with the reasons as JSON), /metrics (Prometheus text) and /status (JSON:
 * condition and last plan summary per environment).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DaemonMetrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export interface DaemonServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly metrics: DaemonMetrics;
  readonly readiness: () => Readiness;
  readonly status: () => unknown;
}

export interface DaemonServer {
  /** `http://HOST:PORT` actually bound. */
  readonly url: string;
  close(): Promise<void>;
}

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
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { error: 'only GET' });
  if (path === '/healthz') return sendText(response, 200, 'text/plain; charset=utf-8', 'ok\n');
  if (path === '/readyz') {
    const readiness = options.readiness();
    return sendJson(response, readiness.ready ? 200 : 503, readiness);
  }
  if (path === '/metrics') return sendText(response, 200, options.metrics.contentType, await options.metrics.text());
  if (path === '/status') return sendJson(response, 200, options.status());
  sendJson(response, 404, { error: `no route ${path}`, routes: ['/healthz', '/readyz', '/metrics', '/status'] });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendText(response, status, 'application/json; charset=utf-8', `${JSON.stringify(body, null, 2)}\n`);
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
