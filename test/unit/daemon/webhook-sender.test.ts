import { afterEach, describe, expect, it } from 'vitest';
import { WebhookSender } from '../../../src/daemon/webhook-sender.js';
import { Notifier } from '../../../src/daemon/notifier.js';
import { newEnvironmentState } from '../../../src/daemon/environment-state.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';

let receiver: WebhookReceiver | undefined;
let sender: WebhookSender | undefined;
afterEach(async () => {
  sender?.stop();
  await receiver?.close();
});

const FAST = { baseDelayMs: 5, maxDelayMs: 20 };

describe('WebhookSender', () => {
  it('retries a failing receiver and delivers each notification exactly once, in order, once it is back', async () => {
    receiver = await startWebhookReceiver();
    receiver.failNext(3);
    sender = new WebhookSender(FAST);
    const target = { name: 'ops', url: receiver.url, format: 'json' as const };
    for (const id of ['a', 'b', 'c']) sender.enqueue(target, { id, type: 'drift.detected', env: 'prod', body: { id } });
    await sender.idle();
    expect(receiver.accepted.map((n) => n.delivery)).toEqual(['a', 'b', 'c']);
    expect(receiver.requests).toBe(6);
  });

  it('never blocks the caller: enqueue returns at once while the receiver hangs', async () => {
    // a receiver that accepts the connection and never answers (until the request is aborted)
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as unknown as typeof fetch;
    const blocked = new WebhookSender({ ...FAST, fetch: hanging, timeoutMs: 10_000 });
    const started = performance.now();
    for (let i = 0; i < 50; i++)
      blocked.enqueue({ name: 'slow', url: 'http://127.0.0.1:9/', format: 'json' }, { id: String(i), type: 'stalled', env: 'prod', body: {} });
    expect(performance.now() - started).toBeLessThan(50);
    blocked.stop();
    await blocked.idle();
  });

  it('gives up after maxAttempts and moves on to the next notification', async () => {
    receiver = await startWebhookReceiver();
    receiver.failNext(2);
    sender = new WebhookSender({ ...FAST, maxAttempts: 2 });
    const target = { name: 'ops', url: receiver.url, format: 'json' as const };
    sender.enqueue(target, { id: 'lost', type: 'stalled', env: 'prod', body: {} });
    sender.enqueue(target, { id: 'next', type: 'recovered', env: 'prod', body: {} });
    await sender.idle();
    expect(receiver.accepted.map((n) => n.delivery)).toEqual(['next']);
  });

  it('bounds the queue of a receiver that stays down (the oldest is dropped)', async () => {
    const down = (async () => new Response('down', { status: 503 })) as typeof fetch;
    sender = new WebhookSender({ baseDelayMs: 60_000, maxQueued: 3, fetch: down });
    const target = { name: 'ops', url: 'http://127.0.0.1:9/', format: 'json' as const };
    for (let i = 0; i < 10; i++) sender.enqueue(target, { id: String(i), type: 'stalled', env: 'prod', body: {} });
    const lanes = (sender as unknown as { lanes: Map<string, { queue: { id: string }[] }> }).lanes;
    expect([...lanes.values()][0]!.queue.map((n) => n.id)).toEqual(['7', '8', '9']);
  });
});

describe('Notifier formats', () => {
  it('sends the generic JSON body and a Slack-compatible text message, each to its subscribers', async () => {
    receiver = await startWebhookReceiver();
    sender = new WebhookSender(FAST);
    const notifier = new Notifier({
      mode: 'apply',
      sender,
      publicUrl: 'https://wsr.example.com/',
      subscriptionsFor: () => [
        { name: 'generic', url: `${receiver!.url}?json`, format: 'json' },
        { name: 'slack', url: `${receiver!.url}?slack`, format: 'slack' },
        { name: 'only-failures', url: `${receiver!.url}?failures`, format: 'json', events: ['apply.failed'] },
      ],
    });
    const state = Object.assign(newEnvironmentState('prod', 'prod.yaml'), {
      reconciles: 1,
      lastRun: {
        runId: 'prod-1',
        result: 'applied' as const,
        startedAt: 0,
        ms: 4_000,
        apiCalls: 9,
        throttled: 0,
        usedLastGoodSpec: false,
        apply: { succeeded: 3, failed: 0, skipped: 0 },
      },
    });
    notifier.environmentChanged(state);
    notifier.environmentChanged(state);
    await sender.idle();
    expect(receiver.accepted).toHaveLength(2);
    const [generic, slack] = receiver.accepted;
    expect(generic!.body).toMatchObject({
      type: 'apply.finished',
      environment: 'prod',
      severity: 'info',
      sync: 'in-sync',
      url: 'https://wsr.example.com/environments/prod',
      run: { runId: 'prod-1', apiCalls: 9 },
    });
    expect(generic!.body.summary).toBe('apply finished: 3 step(s) succeeded in 4 s');
    expect(slack!.body).toEqual({
      text: ':white_check_mark: wsr <https://wsr.example.com/environments/prod|prod>: apply finished: 3 step(s) succeeded in 4 s',
    });
    expect(generic!.delivery).toBe(slack!.delivery);
  });
});
