import { afterEach, describe, expect, it } from 'vitest';
import { DaemonMetrics } from '../../../src/daemon/metrics.js';
import { startDaemonServer, type DaemonServer } from '../../../src/daemon/server.js';
import type { Readiness } from '../../../src/daemon/readiness.js';

let server: DaemonServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(readiness: Readiness, status: unknown = {}) {
  const metrics = new DaemonMetrics({ defaultMetrics: false });
  metrics.recordSpecLoadError('prod');
  server = await startDaemonServer({ host: '127.0.0.1', port: 0, metrics, readiness: () => readiness, status: () => status });
  return server.url;
}

describe('daemon HTTP server (loopback, port 0)', () => {
  it('answers /healthz while the process is alive', async () => {
    const url = await serve({ ready: false, reasons: ['starting'] });
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('answers /readyz 503 with the reasons as JSON, and 200 when ready', async () => {
    const unready = await fetch(`${await serve({ ready: false, reasons: ['prod: first reconcile not finished'] })}/readyz`);
    expect(unready.status).toBe(503);
    expect(await unready.json()).toEqual({ ready: false, reasons: ['prod: first reconcile not finished'] });
    await server?.close();
    const ready = await fetch(`${await serve({ ready: true, reasons: [] })}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('serves Prometheus text on /metrics and the status document on /status', async () => {
    const url = await serve({ ready: true, reasons: [] }, { environments: [{ env: 'prod' }] });
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('wsr_spec_load_errors_total{env="prod"} 1');
    expect(await (await fetch(`${url}/status`)).json()).toEqual({ environments: [{ env: 'prod' }] });
  });

  it('answers unknown paths 404 and other methods 405', async () => {
    const url = await serve({ ready: true, reasons: [] });
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    expect((await fetch(`${url}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('daemon control endpoints', () => {
  const TOKEN = '0123456789abcdef0123456789abcdef';
  const calls: string[] = [];
  const control = {
    reconcile: (env: string) => (
      calls.push(`reconcile ${env}`), env === 'prod' ? ('queued' as const) : env === 'paused' ? ('suspended' as const) : ('unknown-environment' as const)
    ),
    suspend: (env: string) => (calls.push(`suspend ${env}`), env === 'prod'),
    resume: (env: string) => (calls.push(`resume ${env}`), env === 'prod'),
  };

  async function serveControl(controlToken: string | undefined) {
    calls.length = 0;
    server = await startDaemonServer({
      host: '127.0.0.1',
      port: 0,
      metrics: new DaemonMetrics({ defaultMetrics: false }),
      readiness: () => ({ ready: true, reasons: [] }),
      status: () => ({}),
      control,
      controlToken,
    });
    return server.url;
  }

  const post = (url: string, path: string, token?: string) =>
    fetch(`${url}${path}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers 403 CONTROL_DISABLED when no token is configured, and does nothing', async () => {
    const url = await serveControl(undefined);
    const response = await post(url, '/api/v1/environments/prod/suspend', TOKEN);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'CONTROL_DISABLED' });
    expect(calls).toEqual([]);
  });

  it('answers 401 without the token or with a wrong one, before saying whether the environment exists', async () => {
    const url = await serveControl(TOKEN);
    for (const [path, token] of [
      ['/api/v1/environments/prod/reconcile', undefined],
      ['/api/v1/environments/nope/suspend', 'wrong-token-wrong-token'],
    ] as const) {
      const response = await post(url, path, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="wsr"');
    }
    expect(calls).toEqual([]);
  });

  it('runs reconcile, suspend and resume with the token: 202, 404 unknown, 409 suspended', async () => {
    const url = await serveControl(TOKEN);
    expect((await post(url, '/api/v1/environments/prod/reconcile', TOKEN)).status).toBe(202);
    expect((await post(url, '/api/v1/environments/prod/suspend', TOKEN)).status).toBe(202);
    expect((await post(url, '/api/v1/environments/prod/resume', TOKEN)).status).toBe(202);
    expect((await post(url, '/api/v1/environments/nope/suspend', TOKEN)).status).toBe(404);
    const suspended = await post(url, '/api/v1/environments/paused/reconcile', TOKEN);
    expect(suspended.status).toBe(409);
    expect(await suspended.json()).toMatchObject({ code: 'ENVIRONMENT_SUSPENDED' });
    expect((await post(url, '/api/v1/environments/prod/explode', TOKEN)).status).toBe(404);
    expect((await fetch(`${url}/api/v1/environments/prod/reconcile`)).status).toBe(405);
    expect(calls).toEqual(['reconcile prod', 'suspend prod', 'resume prod', 'suspend nope', 'reconcile paused']);
  });
});
