/**
 * Makes the mutating calls of the plan's steps: single steps one call each, batchable steps
 * coalesced into lanes (one lane per operation + shared input) that fill each call up to the
 * batch maximum at the moment the rate limit lets it go. Handles retries by class:
 * throttling is retried; a transient failure of a batch create is never blindly retried — each
 * item is re-read (the kind's CreateRecovery: desktops by DirectoryId + UserName) and adopted if it
 * exists, and only the missing ones are sent again, so nothing is created twice.
 */
import { ApplyError } from '../errors.js';
import type { CreateRecovery } from '../kinds/kind.js';
import { KINDS, kindDefinition } from '../kinds/index.js';
import { callOperation, type ApiPort } from '../model/api-port.js';
import type { OperationName } from '../model/api-operations.js';
import type { PlanStep, StepBatch } from '../model/plan-step.js';
import type { AuditEntry, AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { ApiQueues } from '../limiter/queues.js';
import { batchItemsOf, batchKeyOf, mergeBatchInput, splitBatchOutput, type BatchItem } from './batch.js';
import { classifyCallError, describeCallError } from './call-error.js';

export type CallOutput = Record<string, any>;

export interface StepCallerOptions {
  readonly port: ApiPort;
  readonly queues: ApiQueues;
  readonly clock: Clock;
  readonly environment: string;
  readonly countCall: (operation: string) => void;
  readonly audit?: AuditLog;
  /** Wall-clock time for audit lines. @default () => new Date() */
  readonly wallTime?: () => Date;
  /** Attempts per call at the executor level (on top of the SDK's own retries). @default 3 */
  readonly maxAttempts?: number;
  /** First executor-level retry delay; doubles per attempt. @default 1000 */
  readonly retryBaseMs?: number;
  readonly signal?: AbortSignal;
  /**
   * The port of another Region a step calls (PlanStep.region: a standby desktop's); it refuses a
   * Region the spec does not declare. @default none: a step with a Region fails
   */
  readonly portIn?: (region: string) => ApiPort;
}

/** The kind's recovery for this step's operation, if a create of that kind can be found again. */
function createRecoveryOf(step: PlanStep): CreateRecovery | undefined {
  const recovery = kindDefinition(step.kind)?.createRecovery;
  return recovery?.operation === step.operation ? recovery : undefined;
}

interface Submission {
  readonly step: PlanStep;
  readonly items: BatchItem[];
  attempts: number;
  resolve(output: CallOutput): void;
  reject(error: unknown): void;
}

export class StepCaller {
  private readonly lanes = new Map<string, BatchLane>();
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;

  constructor(readonly options: StepCallerOptions) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 1000;
  }

  /** Run one step's call (coalesced with others when the step is batchable). */
  call(step: PlanStep, input: Record<string, unknown>): Promise<CallOutput> {
    // a step in another Region is sent alone: batch lanes share one Region's port
    if (!step.batch || step.region !== undefined) return this.callSingle(step, input);
    const key = batchKeyOf(step.operation, step.batch, input);
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = new BatchLane(this, step.operation, step.batch, input);
      this.lanes.set(key, lane);
    }
    return lane.submit(step, batchItemsOf(step.batch, input));
  }

  private async callSingle(step: PlanStep, input: Record<string, unknown>): Promise<CallOutput> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const output = await this.send(step.operation, input, step.region);
        this.audit(step.operation, [step.key], idsIn(input, output), output);
        const failure = failedItemOf(output);
        if (failure !== undefined) throw new ApplyError('APPLY_ITEM_FAILED', `${step.operation} refused ${step.key}: ${failure}`);
        return output;
      } catch (error) {
        this.auditError(step.operation, [step.key], idsIn(input), error);
        const adopted = await this.adoptExisting(step, input, error);
        if (adopted !== undefined) return adopted;
        if (classifyCallError(error) !== 'throttled' || attempt >= this.maxAttempts) throw error;
        await this.backOff(attempt);
      }
    }
  }

  /** One API call through the operation's queue, counted; in `region` when given (PlanStep.region). */
  send(operation: OperationName, input: Record<string, unknown>, region?: string): Promise<CallOutput> {
    const port = region === undefined ? this.options.port : this.portIn(region);
    return this.options.queues.run(
      operation,
      () => {
        this.options.countCall(operation);
        return callOperation(port, operation, input);
      },
      this.options.signal,
    );
  }

  private portIn(region: string): ApiPort {
    if (this.options.portIn === undefined)
      throw new ApplyError('APPLY_REGION_NOT_DECLARED', `a step calls Region ${region}, and this apply reaches no Region but the environment's`);
    return this.options.portIn(region);
  }

  /** A read the executor needs to decide (re-read before re-create): throttling is retried. */
  private async sendRetryingThrottles(operation: OperationName, input: Record<string, unknown>, region?: string): Promise<CallOutput> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.send(operation, input, region);
      } catch (error) {
        if (classifyCallError(error) === 'terminal' || attempt >= this.maxAttempts) throw error;
        await this.backOff(attempt);
      }
    }
  }

  backOff(attempt: number): Promise<void> {
    return this.options.clock.sleep(Math.min(30_000, this.retryBaseMs * 2 ** (attempt - 1)), this.options.signal);
  }

  canRetry(submission: Submission): boolean {
    return submission.attempts < this.maxAttempts;
  }

  /**
   * A single create whose answer was lost (a 5xx after AWS made it) is retried by the SDK and
   * refused as existing: what the plan saw missing is there now, so it is adopted (and audited)
   * rather than failing the step.
   */
  private async adoptExisting(step: PlanStep, input: Record<string, unknown>, error: unknown): Promise<CallOutput | undefined> {
    const recovery = createRecoveryOf(step);
    const aws = error as { awsCode?: string; name?: string };
    if (recovery === undefined || (aws.awsCode ?? aws.name) !== recovery.existsCode) return undefined;
    // the resource is looked for where the create was sent (a step in another Region: there)
    const found = await this.findCreated(recovery, input, step.region);
    if (found === undefined) return undefined;
    this.auditAdopted(step.operation, [step.key], [recovery.idOf(found)]);
    return recovery.adoptedOutput([found]);
  }

  /** An audit line for resources an earlier call made whose answer was lost (found by a re-read). */
  auditAdopted(operation: string, keys: readonly string[], ids: readonly string[]): void {
    this.record(operation, keys, ids, { result: 'adopted' });
  }

  /** One audit line: time, environment, operation, keys and ids, plus the outcome fields. */
  private record(operation: string, keys: readonly string[], ids: readonly string[], outcome: Pick<AuditEntry, 'result'> & Partial<AuditEntry>): void {
    this.options.audit?.record({
      time: (this.options.wallTime ?? (() => new Date()))().toISOString(),
      environment: this.options.environment,
      operation,
      keys,
      ids,
      ...outcome,
    });
  }

  /** The resource a create request may already have made, by the kind's re-read (in `region` when given). */
  async findCreated(recovery: CreateRecovery, request: BatchItem, region?: string): Promise<CallOutput | undefined> {
    const read = recovery.findRead(request);
    if (read === undefined) return undefined;
    return recovery.pick(request, await this.sendRetryingThrottles(read.operation, read.input, region));
  }

  audit(operation: string, keys: readonly string[], ids: readonly string[], output: CallOutput, failedItems = 0): void {
    this.record(operation, keys, ids, {
      result: failedItems > 0 ? 'partial' : 'ok',
      ...(failedItems > 0 ? { failedItems } : {}),
      ...(typeof output.$metadata?.requestId === 'string' ? { requestId: output.$metadata.requestId } : {}),
    });
  }

  auditError(operation: string, keys: readonly string[], ids: readonly string[], error: unknown): void {
    const aws = error as { awsCode?: string; requestId?: string; code?: string };
    this.record(operation, keys, ids, {
      result: 'error',
      ...(aws.requestId ? { requestId: aws.requestId } : {}),
      errorCode: aws.awsCode ?? aws.code ?? 'Unknown',
    });
  }
}

/**
 * Submissions of one batchable operation with equal shared input. A send is scheduled in the
 * operation's queue for every `max` items waiting; when it gets its turn it takes as many as
 * fit, so calls are as full as the readiness of steps allows.
 */
class BatchLane {
  /** Waiting submissions, oldest at `head` (O(1) take, instead of Array.shift()). */
  private pending: Submission[] = [];
  private head = 0;
  /** Items in pending[head…], kept as submissions come and go (no re-sum per submission). */
  private waitingItems = 0;
  private scheduledSends = 0;

  constructor(
    private readonly caller: StepCaller,
    private readonly operation: OperationName,
    private readonly batch: StepBatch,
    private readonly template: Readonly<Record<string, unknown>>,
  ) {}

  submit(step: PlanStep, items: BatchItem[]): Promise<CallOutput> {
    if (items.length === 0 || items.length > this.batch.max) {
      return Promise.reject(new ApplyError('APPLY_BAD_BATCH', `${step.id} has ${items.length} items in ${this.batch.member}; 1..${this.batch.max} expected`));
    }
    return new Promise((resolve, reject) => {
      this.enqueue({ step, items, attempts: 0, resolve, reject });
    });
  }

  private enqueue(submission: Submission): void {
    this.pending.push(submission);
    this.waitingItems += submission.items.length;
    while (this.scheduledSends * this.batch.max < this.waitingItems) {
      this.scheduledSends += 1;
      this.caller.options.queues.run(this.operation, () => this.sendNext(), this.caller.options.signal).catch((error: unknown) => this.rejectAll(error));
    }
  }

  private async sendNext(): Promise<void> {
    this.scheduledSends -= 1;
    // steps readied by the same event arrive over a few microtasks: let them join this call
    await new Promise<void>((resolve) => setImmediate(resolve));
    const taken = this.take();
    if (taken.length === 0) return;
    try {
      await this.send(taken);
    } catch (error) {
      // never leave a taken step waiting forever, whatever went wrong while handling its answer
      for (const submission of taken) submission.reject(error);
    }
  }

  private async send(taken: Submission[]): Promise<void> {
    for (const submission of taken) submission.attempts += 1;
    const items = taken.flatMap((submission) => submission.items);
    const input = mergeBatchInput(this.batch, this.template, items);
    const keys = taken.map((submission) => submission.step.key);
    this.caller.options.countCall(this.operation);
    let output: CallOutput;
    try {
      output = await callOperation(this.caller.options.port, this.operation, input);
    } catch (error) {
      this.caller.auditError(this.operation, keys, idsIn(input), error);
      void this.afterCallError(taken, error);
      return;
    }
    this.afterCall(taken, items, output, keys, input);
  }

  private take(): Submission[] {
    const taken: Submission[] = [];
    let count = 0;
    while (this.head < this.pending.length && count + this.pending[this.head]!.items.length <= this.batch.max) {
      const next = this.pending[this.head]!;
      this.head += 1;
      taken.push(next);
      count += next.items.length;
    }
    this.waitingItems -= count;
    this.compact();
    return taken;
  }

  /** Drops the taken prefix once it is most of the array (amortised O(1) per submission). */
  private compact(): void {
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
  }

  private afterCall(taken: Submission[], items: BatchItem[], output: CallOutput, keys: string[], input: Record<string, unknown>): void {
    const results = splitBatchOutput(items, output);
    const failedItems = results.filter((result) => result.failure).length;
    this.caller.audit(this.operation, keys, idsIn(input, output), output, failedItems);
    let index = 0;
    for (const submission of taken) {
      const own = results.slice(index, index + submission.items.length);
      index += submission.items.length;
      const failure = own.find((result) => result.failure)?.failure;
      const merged = mergeItemOutputs(
        own.map((result) => result.output),
        output,
      );
      if (!failure) {
        submission.resolve(merged);
      } else if (createRecoveryOf(submission.step)?.existsCode === failure.code) {
        // the resource may be ours from an earlier, interrupted attempt: adopt it
        void this.recoverCreate(
          submission,
          new ApplyError('APPLY_ITEM_FAILED', `${this.operation} refused ${submission.step.key}: ${failure.code}: ${failure.message}`),
          false,
        );
      } else {
        submission.reject(new ApplyError('APPLY_ITEM_FAILED', `${this.operation} refused ${submission.step.key}: ${failure.code}: ${failure.message}`));
      }
    }
  }

  private async afterCallError(taken: Submission[], error: unknown): Promise<void> {
    const errorClass = classifyCallError(error);
    if (errorClass === 'transient' && taken.every((submission) => createRecoveryOf(submission.step) !== undefined)) {
      await Promise.all(taken.map((submission) => this.recoverCreate(submission, error, true)));
      return;
    }
    if (errorClass !== 'throttled') {
      for (const submission of taken) submission.reject(error);
      return;
    }
    const retry = taken.filter((submission) => this.caller.canRetry(submission));
    for (const submission of taken) if (!retry.includes(submission)) submission.reject(error);
    if (retry.length === 0) return;
    await this.caller.backOff(Math.max(...retry.map((submission) => submission.attempts))).catch(() => {});
    for (const submission of retry) this.enqueue(submission);
  }

  /**
   * Re-read before re-creating: adopt what exists, send again only what is missing. When the
   * service has refused the create because the resource exists (`mayResend` false) but the read
   * does not show it, that is AWS's read-after-create window (CreateWorkspaces: "If you immediately
   * call DescribeWorkspaces with this identifier, no information is returned"): read again, backing
   * off, rather than fail a step whose desktop is there.
   */
  private async recoverCreate(submission: Submission, cause: unknown, mayResend: boolean): Promise<void> {
    const recovery = createRecoveryOf(submission.step)!;
    try {
      for (let read = 1; ; read += 1) {
        const found = await Promise.all(submission.items.map((item) => this.caller.findCreated(recovery, item)));
        if (found.every((resource) => resource !== undefined)) {
          const adopted = found as CallOutput[];
          this.caller.auditAdopted(
            this.operation,
            [submission.step.key],
            adopted.map((resource) => recovery.idOf(resource)),
          );
          submission.resolve(recovery.adoptedOutput(adopted));
          return;
        }
        if (mayResend) {
          if (!this.caller.canRetry(submission)) break;
          await this.caller.backOff(submission.attempts);
          this.enqueue(submission);
          return;
        }
        if (read >= READS_WHILE_INVISIBLE) break;
        await this.caller.backOff(read);
      }
      submission.reject(cause);
    } catch (error) {
      submission.reject(error);
    }
  }

  private rejectAll(error: unknown): void {
    const waiting = this.pending.slice(this.head);
    this.pending = [];
    this.head = 0;
    this.waitingItems = 0;
    for (const submission of waiting) submission.reject(error);
  }
}

/**
 * Reads of a desktop the service says exists before giving up (backing off 1, 2, 4, 8, 16 s with the
 * default base: ~31 s, longer than AWS's read-after-create window is reported to last).
 */
const READS_WHILE_INVISIBLE = 6;

/**
 * The first refused item of a single (unbatched) call whose answer lists failures the way batch
 * operations do (`FailedStandbyRequests`, `FailedRequests`: ErrorCode + ErrorMessage): the step
 * failed even though the call returned.
 */
function failedItemOf(output: CallOutput): string | undefined {
  // TagResources: {ARN → {ErrorCode, ErrorMessage}} for the resources it did not tag
  const failedResources = Object.values((output.FailedResourcesMap ?? {}) as Record<string, Record<string, unknown>>);
  if (failedResources.length > 0) return `${String(failedResources[0]!.ErrorCode ?? 'Unknown')}: ${String(failedResources[0]!.ErrorMessage ?? '')}`;
  for (const [member, value] of Object.entries(output)) {
    if (!/^Failed\w*Requests$/.test(member) || !Array.isArray(value) || value.length === 0) continue;
    const first = value[0] as Record<string, unknown>;
    return `${String(first.ErrorCode ?? 'Unknown')}: ${String(first.ErrorMessage ?? '')}`;
  }
  return undefined;
}

/** Concatenate list members of several items' outputs; keep shared members (e.g. $metadata). */
function mergeItemOutputs(outputs: readonly Record<string, unknown>[], whole: CallOutput): CallOutput {
  if (outputs.length === 1) return outputs[0]!;
  const merged: CallOutput = { ...whole };
  for (const [member, value] of Object.entries(whole)) {
    if (Array.isArray(value)) merged[member] = outputs.flatMap((output) => (output[member] as unknown[]) ?? []);
  }
  return merged;
}

/** Members of refused batch items that hold the refused request (each kind's BatchItemIdentity.requestMember). */
const REQUEST_MEMBERS = new Set(
  KINDS.flatMap((definition) => (definition.batchItems?.requestMember === undefined ? [] : [definition.batchItems.requestMember])),
);

/** AWS ids in a call's input and output (members named `…Id`, lists named `…Ids`, batch items' ids and their refused requests'). */
export function idsIn(...records: readonly Record<string, unknown>[]): string[] {
  const ids = new Set<string>();
  const visit = (record: Record<string, unknown>, depth: number): void => {
    for (const [member, value] of Object.entries(record)) {
      if (member === '$metadata') continue;
      if (typeof value === 'string') {
        if (/Id$/.test(member)) ids.add(value);
        continue;
      }
      if (Array.isArray(value)) {
        if (/Ids$/.test(member)) {
          for (const id of value) if (typeof id === 'string') ids.add(id);
          continue;
        }
        if (depth >= 2) continue;
        for (const entry of value) {
          if (typeof entry === 'object' && entry !== null) visit(entry as Record<string, unknown>, depth + 1);
        }
        continue;
      }
      if (REQUEST_MEMBERS.has(member) && typeof value === 'object' && value !== null && depth < 2) {
        visit(value as Record<string, unknown>, depth + 1);
      }
    }
  };
  for (const record of records) visit(record, 0);
  return [...ids];
}

export { describeCallError };
