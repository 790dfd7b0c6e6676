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
