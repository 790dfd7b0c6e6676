/**
 * The daemon as an operator meets it: `wsr daemon` (process) over three environments — one in
 * sync, one drifted, one with an invalid spec — against `wsr emulator` (process).
 * - the status page in headless Debian Chromium (playwright-core, system browser): each
 *   environment's state, the drifted one's grouped changes, readable without JavaScript,
 *   refreshing by itself, an accessibility smoke check; screenshots in test/output/ (gitignored);
 * - `wsr status`, `reconcile`, `suspend`, `resume` against it; control without the token is 401;
 *   a suspended environment is not reconciled by the schedule;
 * - a webhook receiver that fails its first requests still gets exactly one notification per
 *   state change.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runWsr, startWsrServer, type WsrServer } from '../helpers/run-wsr.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const OUTPUT_DIR = fileURLToPath(new URL('../output/daemon-status-page/', import.meta.url));
const TOKEN = 'e2e-control-token-0123456789abcdef';
// every second: the tests wait for a few cycles, and each cycle is a plan of one or three small specs
const CYCLE = '* * * * * *';
const POLL = { timeout: 30_000, interval: 250 };

const IN_SYNC = `apiVersion: wsr/v1
kind: Environment
metadata: {name: in-sync, account: "123456789012", region: us-east-1}
ipGroups:
  hq:
    description: head office
    rules: [{cidr: 198.51.100.0/24, description: HQ}]
`;
/** What the drifted environment looked like when it was applied. */
const DRIFTED_APPLIED = `apiVersion: wsr/v1
kind: Environment
metadata: {name: drifted, account: "123456789012", region: us-east-1}
ipGroups:
  office:
    description: head office and VPN
    rules:
      - {cidr: 203.0.113.0/24, description: VPN}
`;
/** Its spec now: one more rule on office (update) and a new group (create). */
const DRIFTED = `${DRIFTED_APPLIED}      - {cidr: 192.0.2.0/24, description: branch}
  lab:
    description: lab network
    rules: [{cidr: 10.20.0.0/16, description: lab}]
`;
const INVALID = `apiVersion: wsr/v1
kind: Environment
metadata: {name: invalid, account: "123456789012", region: us-east-1}
ipGroups:
  guests:
    descripton: a typo the validator names
`;
/** The invalid environment once repaired: nothing declared, nothing to do. */
const REPAIRED = `apiVersion: wsr/v1
kind: Environment
metadata: {name: invalid, account: "123456789012", region: us-east-1}
`;

type WsrProcess = WsrServer;

const started: WsrProcess[] = [];
let workdir: string;
let specs: string;
let emulator: WsrProcess;
let daemon: WsrProcess;
let receiver: WebhookReceiver;

async function startWsr(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<WsrProcess> {
  const wsr = await startWsrServer(args, { cwd: workdir, env });
  started.push(wsr);
  return wsr;
}

interface EnvStatus {
  env: string;
  sync: string;
  reconciles: number;
  suspended: boolean;
  running: boolean;
  condition: { type: string; reason: string };
}

async function statusOf(): Promise<Map<string, EnvStatus>> {
  const report = (await (await fetch(`${daemon.url}/status`)).json()) as { environments: EnvStatus[] };
  return new Map(report.environments.map((env) => [env.env, env]));
}

const cli = (...args: string[]) => runWsr([...args, '--daemon', daemon.url], { cwd: workdir, env: { WSR_CONTROL_TOKEN: '' } });
const cliWithToken = (...args: string[]) => runWsr([...args, '--daemon', daemon.url], { cwd: workdir, env: { WSR_CONTROL_TOKEN: TOKEN } });

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium (apt-get install chromium)`);
  workdir = await mkdtemp(join(tmpdir(), 'wsr-e2e-status-page-'));
  specs = join(workdir, 'specs');
  await mkdir(specs);
  await mkdir(OUTPUT_DIR, { recursive: true });
  emulator = await startWsr(['emulator', '--port', '0', '--time-scale', '0', '--no-rate-limits']);
  // the in-sync and drifted environments exist in the account as they were last applied
  await writeFile(join(workdir, 'in-sync.yaml'), IN_SYNC);
  await writeFile(join(workdir, 'drifted-applied.yaml'), DRIFTED_APPLIED);
  for (const file of ['in-sync.yaml', 'drifted-applied.yaml']) {
    const applied = await runWsr(['apply', file, '--endpoint', emulator.url, '--auto-approve'], { cwd: workdir });
    expect(applied.code, applied.stderr).toBe(0);
  }
  await writeFile(join(specs, 'in-sync.yaml'), IN_SYNC);
  await writeFile(join(specs, 'drifted.yaml'), DRIFTED);
  await writeFile(join(specs, 'invalid.yaml'), INVALID);
  receiver = await startWebhookReceiver();
  // the receiver is down for the first two deliveries, then comes back
  receiver.failNext(2);
  await writeFile(join(workdir, 'wsr-daemon.yaml'), `webhooks:\n  - {name: test-receiver, urlEnv: E2E_WEBHOOK_URL, format: json}\n`);
  daemon = await startWsr(
    ['daemon', specs, '--endpoint', emulator.url, '--mode', 'plan', '--schedule', CYCLE, '--listen', '127.0.0.1:0', '--config', 'wsr-daemon.yaml'],
    { WSR_CONTROL_TOKEN: TOKEN, E2E_WEBHOOK_URL: receiver.url },
  );
  await vi.waitFor(async () => {
    const status = await statusOf();
    expect([...status.values()].map((env) => [env.env, env.sync])).toEqual([
      ['drifted', 'drifted'],
      ['in-sync', 'in-sync'],
      ['invalid', 'stalled'],
    ]);
  }, POLL);
}, 90_000);

afterAll(async () => {
  for (const wsr of started.splice(0)) {
    if (wsr.child.exitCode !== null) continue;
    wsr.child.kill('SIGTERM');
    await new Promise((resolve) => wsr.child.once('exit', resolve));
  }
  await receiver?.close();
  await rm(workdir, { recursive: true, force: true });
});

async function withChromium<T>(options: { javaScriptEnabled: boolean }, use: (page: Page) => Promise<T>): Promise<T> {
  // a fresh profile per browser: nothing cached from another run
  const profile = await mkdtemp(join(tmpdir(), 'wsr-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      javaScriptEnabled: options.javaScriptEnabled,
      viewport: { width: 1280, height: 800 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return await use(page);
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** Each environment's badge, read from the rendered table. */
async function badges(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('tbody tr[data-env]');
  const result: Record<string, string> = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    result[(await row.getAttribute('data-env'))!] = (await row.locator('.badge').innerText()).trim();
  }
  return result;
}

/** Headings, labels, table headers, language, badge contrast: what a screen reader and a low-vision user need first. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // runs in the page; the project compiles without the DOM library
    const { document, getComputedStyle } = globalThis as any;
    const problems: string[] = [];
    if (!document.documentElement.lang) problems.push('html has no lang');
    if (!document.title.trim()) problems.push('page has no title');
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h: any) => ({
      level: Number(h.tagName[1]),
      text: h.textContent?.trim() ?? '',
    }));
    const h1s = headings.filter((h: { level: number }) => h.level === 1).length;
    if (h1s !== 1) problems.push(`expected one h1, found ${h1s}`);
    headings.forEach((h: { level: number; text: string }, i: number) => {
      if (!h.text) problems.push(`empty h${h.level}`);
      const previous = headings[i - 1];
      if (previous && h.level > previous.level + 1) problems.push(`heading level skips from h${previous.level} to h${h.level} at "${h.text}"`);
    });
    for (const control of document.querySelectorAll('input, select, textarea')) {
      const labelled = control.labels?.length || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
      if (!labelled) problems.push(`form control ${control.id || control.getAttribute('name')} has no label`);
    }
    for (const table of document.querySelectorAll('table')) {
      if (!table.getAttribute('aria-labelledby') && !table.querySelector('caption')) problems.push('table without a caption or aria-labelledby');
      for (const th of table.querySelectorAll('thead th'))
        if (th.getAttribute('scope') !== 'col') problems.push(`column header "${th.textContent}" without scope=col`);
    }
    for (const link of document.querySelectorAll('a')) if (!link.textContent?.trim()) problems.push(`link to ${link.getAttribute('href')} has no text`);
    // WCAG 2 contrast of each badge's text on its own background
    const luminance = (css: string) => {
      const [r, g, b] = css
        .match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map(Number)
        .map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const badge of document.querySelectorAll('.badge')) {
      const style = getComputedStyle(badge);
      const [light, dark] = [luminance(style.color), luminance(style.backgroundColor)].sort((a: number, b: number) => b - a);
      const ratio = (light! + 0.05) / (dark! + 0.05);
      if (ratio < 4.5) problems.push(`badge "${badge.textContent}" contrast ${ratio.toFixed(2)}:1 < 4.5:1`);
    }
    return problems;
  });
}

describe('wsr daemon status page in headless Chromium', () => {
  it('shows each environment state, the drifted one grouped changes, passes the accessibility smoke check, and refreshes itself', async () => {
    await withChromium({ javaScriptEnabled: true }, async (page) => {
      await page.goto(`${daemon.url}/`);
      expect(await page.locator('h1').innerText()).toBe('wsr daemon');
      expect(await badges(page)).toEqual({ drifted: 'Drifted', 'in-sync': 'In sync', invalid: 'Stalled' });
      expect(await page.locator('tr[data-env="invalid"]').innerText()).toContain('SPEC_UNKNOWN_FIELD');
      expect(await page.locator('tr[data-env="drifted"]').innerText()).toContain('ipGroup 2');
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.screenshot({ path: join(OUTPUT_DIR, 'overview.png'), fullPage: true });

      await page.getByRole('link', { name: 'drifted' }).click();
      await page.waitForURL(/\/environments\/drifted$/);
      const groups = await page.locator('section.group').evaluateAll((sections) =>
        sections.map((section) => ({
          heading: section.querySelector('h3')?.textContent,
          keys: Array.from(section.querySelectorAll('code.key'), (k: any) => k.textContent as string),
        })),
      );
      expect(groups).toEqual([
        { heading: 'To create (1)', keys: ['ipGroup/lab'] },
        { heading: 'To update (1)', keys: ['ipGroup/office'] },
      ]);
      expect(await page.locator('section.group-update').innerText()).toContain('AuthorizeIpRules');
      expect(await page.locator('#history-heading + table tbody tr').count()).toBeGreaterThan(0);
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.screenshot({ path: join(OUTPUT_DIR, 'drifted.png'), fullPage: true });

      // the page follows the daemon without a reload: suspend through the API, watch the badge change
      await page.goto(`${daemon.url}/`);
      const suspended = await fetch(`${daemon.url}/api/v1/environments/in-sync/suspend`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(suspended.status).toBe(202);
      await page.locator('tr[data-env="in-sync"] .badge', { hasText: 'Suspended' }).waitFor({ timeout: 15_000 });
      await fetch(`${daemon.url}/api/v1/environments/in-sync/resume`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    });
  }, 90_000);

  it('is readable without JavaScript (server-rendered), and shows no secret', async () => {
    await withChromium({ javaScriptEnabled: false }, async (page) => {
      await page.goto(`${daemon.url}/`);
      expect(await badges(page)).toMatchObject({ drifted: 'Drifted', invalid: 'Stalled' });
      const text = await page.content();
      await page.goto(`${daemon.url}/environments/drifted`);
      const detail = await page.content();
      for (const secret of [TOKEN, receiver.url, `127.0.0.1:${new URL(receiver.url).port}`]) {
        expect(text).not.toContain(secret);
        expect(detail).not.toContain(secret);
      }
      expect(detail).toContain('To create (1)');
    });
  }, 60_000);
});

describe('wsr status / reconcile / suspend / resume against the running daemon', () => {
  it('prints a table like flux get', async () => {
    const run = await cli('status');
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATE\s+READY\s+SUSPENDED\s+LAST RUN\s+DURATION\s+CALLS\s+MESSAGE$/);
    expect(lines.find((l) => l.startsWith('drifted '))).toMatch(/^drifted\s+drifted\s+True\s+False\s+\d+s ago/);
    expect(lines.find((l) => l.startsWith('invalid '))).toMatch(/^invalid\s+stalled\s+False\s+False\s+-.*SpecInvalid: SPEC_UNKNOWN_FIELD/);
  });

  it('refuses control without the token (401), suspends so that the schedule skips the environment, resumes, and reconciles now', async () => {
    const refused = await cli('suspend', 'drifted');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error CONTROL_UNAUTHORIZED: .*HTTP 401/);
    expect((await statusOf()).get('drifted')?.suspended).toBe(false);

    const suspended = await cliWithToken('suspend', 'drifted');
    expect(suspended.code, suspended.stderr).toBe(0);
    expect(suspended.stdout).toBe('drifted suspended\n');
    await vi.waitFor(async () => expect((await statusOf()).get('drifted')?.running).toBe(false), POLL);
    const before = await statusOf();
    // several schedule cycles pass: in-sync keeps being reconciled, drifted does not
    await vi.waitFor(async () => expect((await statusOf()).get('in-sync')!.reconciles).toBeGreaterThanOrEqual(before.get('in-sync')!.reconciles + 3), POLL);
    const after = await statusOf();
    expect(after.get('drifted')).toMatchObject({ suspended: true, sync: 'suspended', reconciles: before.get('drifted')!.reconciles });
    expect((await cli('status')).stdout).toMatch(/^drifted\s+suspended\s+True\s+True/m);

    const onSuspended = await cliWithToken('reconcile', 'drifted');
    expect(onSuspended.code).toBe(1);
    expect(onSuspended.stderr).toContain('error ENVIRONMENT_SUSPENDED');

    const resumed = await cliWithToken('resume', 'drifted');
    expect(resumed.stdout).toBe('drifted resumed\n');
    await vi.waitFor(async () => expect((await statusOf()).get('drifted')!.reconciles).toBeGreaterThan(after.get('drifted')!.reconciles), POLL);

    const now = await cliWithToken('reconcile', 'in-sync');
    expect(now.code, now.stderr).toBe(0);
    expect(now.stdout).toMatch(
      /^reconcile of in-sync requested \(queued(-after-current)?\)\nin-sync: in-sync · Ready InSync: live state matches the spec · last run in-sync in \d/,
    );

    const unknown = await cliWithToken('reconcile', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error ENVIRONMENT_UNKNOWN');
  }, 60_000);

  it('refuses to start with --control on a non-loopback address without a token', async () => {
    const run = await runWsr(['daemon', specs, '--endpoint', emulator.url, '--listen', '0.0.0.0:0', '--control'], {
      cwd: workdir,
      env: { WSR_CONTROL_TOKEN: '' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^error DAEMON_CONTROL_TOKEN_MISSING: --control on 0\.0\.0\.0 \(not loopback\) needs a bearer token; refusing to listen/);
    expect(run.stdout).toBe('');
  });
});

describe('webhook notifications from the running daemon', () => {
  it('delivers exactly one notification per state change, including the ones sent while the receiver was failing', async () => {
    // fix both: apply the drifted spec by hand, repair the invalid one
    const applied = await runWsr(['apply', join(specs, 'drifted.yaml'), '--endpoint', emulator.url, '--auto-approve'], { cwd: workdir });
    expect(applied.code, applied.stderr).toBe(0);
    await writeFile(join(specs, 'invalid.yaml'), REPAIRED);
    await vi.waitFor(async () => {
      const status = await statusOf();
      expect([...status.values()].map((env) => env.sync)).toEqual(['in-sync', 'in-sync', 'in-sync']);
    }, POLL);
    const settled = (await statusOf()).get('in-sync')!.reconciles;
    // a few more cycles in the same states must not notify again
    await vi.waitFor(async () => expect((await statusOf()).get('in-sync')!.reconciles).toBeGreaterThanOrEqual(settled + 3), POLL);
    await vi.waitFor(() => expect(receiver.accepted.length).toBeGreaterThanOrEqual(4), POLL);

    const byEnv = (env: string) => receiver.accepted.filter((n) => n.body.environment === env).map((n) => n.body.type);
    expect(byEnv('drifted')).toEqual(['drift.detected', 'recovered']);
    expect(byEnv('invalid')).toEqual(['stalled', 'recovered']);
    expect(byEnv('in-sync')).toEqual([]);
    expect(receiver.accepted).toHaveLength(4);
    expect(new Set(receiver.accepted.map((n) => n.delivery)).size).toBe(4);
    // the two failed attempts were retried, not lost and not duplicated
    expect(receiver.requests).toBe(6);
    expect(receiver.accepted[0]!.body).toMatchObject({ severity: expect.any(String), condition: { type: expect.any(String) }, at: expect.any(String) });
  }, 90_000);
});
