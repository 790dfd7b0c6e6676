/**
 * HTTP front: AWS JSON 1.1 (`POST /`, `X-Amz-Target: WorkspacesService.<Op>`, and
 * `ResourceGroupsTaggingAPI_20170126.GetResources`), STS query-protocol
 * GetCallerIdentity, and the `/_emulator/*` admin endpoints. Never crashes on bad input.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Emulator } from './emulator.js';
import type { Family } from './store.js';
import { AwsError } from './errors.js';
import { answerSts } from './sts.js';
import { TAGGING_TARGET_PREFIX } from './tagging.js';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;
const JSON_11 = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'WorkspacesService.';

class BodyTooLarge extends Error {}

export interface AdminAccess {
  /**
   * When set, every `/_emulator/*` request must carry `Authorization: Bearer <token>`; when not,
   * only loopback clients may use them (they dump registration codes, reset and force state).
   */
  readonly adminToken?: string;
}

export function createEmulatorServer(emulator: Emulator, access: AdminAccess = {}): Server {
  return createServer((req, res) => {
    handle(emulator, req, res, access).catch((error: unknown) => {
      process.stderr.write(`wsr emulator: request failed: ${String(error)}\n`);
      if (!res.headersSent) sendAws(res, new AwsError('InternalFailure', 'internal error', { status: 500 }).body(), 500);
      else res.end();
    });
  });
}

async function handle(emulator: Emulator, req: IncomingMessage, res: ServerResponse, access: AdminAccess): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path.startsWith('/_emulator/')) {
    const refusal = adminRefusal(req, access);
    if (refusal !== undefined) return sendJson(res, 403, { error: refusal });
    return admin(emulator, req, res, path);
  }
  let raw: string;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    res.setHeader('Connection', 'close');
    return sendAws(res, new AwsError('RequestEntityTooLargeException', `Request body exceeds ${MAX_BODY_BYTES} bytes`).body(), 413);
  }
  const target = header(req, 'x-amz-target');
  const caller = emulator.callerOf(header(req, 'authorization'));
  if (!target && String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    // STS answers for the account of the signing key, whatever Region its scope names (STS is global)
    const answer = answerSts(new URLSearchParams(raw), emulator.accountOf(header(req, 'authorization')), randomUUID());
    res.writeHead(answer.status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': randomUUID() });
    res.end(answer.body);
    return;
  }
  const prefix = [TARGET_PREFIX, TAGGING_TARGET_PREFIX].find((candidate) => target?.startsWith(candidate));
  if (req.method !== 'POST' || !target || !prefix) {
    return sendAws(res, new AwsError('UnknownOperationException', `Unknown operation ${target ?? `${req.method} ${path}`}`).body(), 400);
  }
  let input: unknown;
  try {
    input = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return sendAws(res, new AwsError('SerializationException', 'The request body is not valid JSON.').body(), 400);
  }
  // a request signed for a Region this endpoint does not serve is refused before anything else
  if (caller instanceof AwsError) return sendAws(res, caller.body(), caller.status);
  const operation = target.slice(prefix.length);
  const result = prefix === TAGGING_TARGET_PREFIX ? await emulator.callTagging(operation, input, caller) : await emulator.call(operation, input, caller);
  sendAws(res, result.body, result.status);
}

async function admin(emulator: Emulator, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const route = `${req.method} ${path}`;
  switch (route) {
    case 'GET /_emulator/calls':
      return sendJson(res, 200, emulator.callCounts());
    case 'GET /_emulator/state':
      return sendJson(res, 200, emulator.dump());
    case 'POST /_emulator/reset':
      emulator.reset();
      return sendJson(res, 200, { reset: true });
    case 'POST /_emulator/reset-calls':
      emulator.resetCalls();
      return sendJson(res, 200, { reset: true });
    case 'POST /_emulator/advance':
      return advance(emulator, req, res);
    case 'POST /_emulator/pool-session':
      return poolSession(emulator, req, res);
    case 'POST /_emulator/set-state':
      return setState(emulator, req, res);
    case 'POST /_emulator/connection':
      return setConnection(emulator, req, res);
    case 'POST /_emulator/account-link-invitation':
      return receiveInvitation(emulator, req, res);
    default:
      return sendJson(res, 404, { error: `no admin route ${route}` });
  }
}

/** Why an admin request is refused, or undefined when it may run. */
function adminRefusal(req: IncomingMessage, access: AdminAccess): string | undefined {
  if (access.adminToken !== undefined && access.adminToken !== '') {
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    const wanted = Buffer.from(`Bearer ${access.adminToken}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted) ? undefined : 'admin routes need Authorization: Bearer <--admin-token>';
  }
  return isLoopbackAddress(req.socket.remoteAddress)
    ? undefined
    : 'admin routes are for local use: this client is not on loopback (start the emulator with --admin-token to allow it)';
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms (a dual-stack socket reports ::ffff:127.0.0.1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Ten years: any advance a test needs, and far from where the clock stops being a number. */
export const MAX_ADVANCE_SECONDS = 10 * 365 * 24 * 3600;

async function advance(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const seconds = Number(body?.seconds);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_SECONDS) {
    return sendJson(res, 400, { error: `body must be {"seconds": n} with 0 <= n <= ${MAX_ADVANCE_SECONDS}` });
  }
  emulator.advance(seconds);
  return sendJson(res, 200, { now: emulator.clock.now() });
}

const STATEFUL_FAMILIES = new Set(['workspaces', 'directories', 'images', 'bundles', 'aliases', 'pools']);

/** Body {"id", "state", "family"?: "workspaces"}: forces a state no API call reaches (e.g. ERROR). */
async function setState(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const family = String(body?.family ?? 'workspaces');
  if (!STATEFUL_FAMILIES.has(family) || typeof body?.id !== 'string' || typeof body?.state !== 'string') {
    return sendJson(res, 400, { error: `body must be {"id", "state", "family"?} with family one of ${[...STATEFUL_FAMILIES].join(', ')}` });
  }
  if (!emulator.forceState(family as Family, body.id, body.state)) return sendJson(res, 404, { error: `no ${family} ${body.id}` });
  return sendJson(res, 200, { id: body.id, state: body.state });
}

/** Body {"workspaceId", "state": "CONNECTED"|"DISCONNECTED", "lastConnectedAt"?: epoch seconds}: a user at a desktop. */
async function setConnection(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const state = body?.state;
  const at = body?.lastConnectedAt;
  if (
    typeof body?.workspaceId !== 'string' ||
    (state !== 'CONNECTED' && state !== 'DISCONNECTED') ||
    (at !== undefined && !(typeof at === 'number' && Number.isFinite(at)))
  ) {
    return sendJson(res, 400, { error: 'body must be {"workspaceId", "state": "CONNECTED"|"DISCONNECTED", "lastConnectedAt"?: epoch seconds}' });
  }
  if (!emulator.setConnection(body.workspaceId, state, at as number | undefined)) return sendJson(res, 404, { error: `no workspaces ${body.workspaceId}` });
  return sendJson(res, 200, { workspaceId: body.workspaceId, state });
}

/** Body {"sourceAccountId"}: another account invites this one to link (only it could send that). */
async function receiveInvitation(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const { receiveInvitation: receive } = await import('./operations/account.js');
  try {
    const link = receive(emulator.store, String(body?.sourceAccountId ?? ''));
    emulator.saveStateFile();
    return sendJson(res, 200, link);
  } catch (error) {
    if (error instanceof AwsError) return sendJson(res, 400, error.body());
    throw error;
  }
}

/** A user connecting to a pool (there is no API for that): body {"poolId", "userId"}. */
async function poolSession(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const { connectPoolUser } = await import('./operations/pools.js');
  try {
    const session = connectPoolUser(emulator.storeOfPool(String(body?.poolId)), emulator.clock, String(body?.poolId), String(body?.userId));
    emulator.saveStateFile();
    return sendJson(res, 200, session);
  } catch (error) {
    if (error instanceof AwsError) return sendJson(res, 400, error.body());
    throw error;
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  try {
    const raw = await readBody(req);
    return raw.trim() === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES)
        tooLarge = true; // keep draining so the answer reaches the client
      else chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function sendAws(res: ServerResponse, body: unknown, status: number): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': JSON_11, 'x-amzn-RequestId': randomUUID(), 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
