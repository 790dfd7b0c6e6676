/**
 * One error family for the whole tool. Every error carries a stable UPPER_SNAKE `code`
 * that tests, logs and automation rely on; the CLI prints it as one line (cli/print-error.ts).
 */
import type { SourceLocation } from './model/source-location.js';

const WSR_ERROR_BRAND = Symbol.for('wsr.error');

export type ErrorSource = 'user' | 'aws' | 'internal';

export type { SourceLocation };

export interface WsrErrorOptions {
  readonly source?: ErrorSource;
  readonly location?: SourceLocation;
  readonly hint?: string;
  readonly cause?: unknown;
  /** Its details already reached the user (a spec's diagnostics, one line each): print nothing more. */
  readonly reported?: boolean;
}

export class WsrError extends Error {
  readonly [WSR_ERROR_BRAND] = true;
  readonly code: string;
  readonly source: ErrorSource;
  readonly location?: SourceLocation;
  readonly hint?: string;
  readonly reported: boolean;

  constructor(code: string, message: string, options: WsrErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.source = options.source ?? 'internal';
    this.location = options.location;
    this.hint = options.hint;
    this.reported = options.reported ?? false;
  }
}

/** Bad input from the user: spec files, flags, saved plans. */
export class SpecError extends WsrError {
  constructor(code: string, message: string, options: WsrErrorOptions = {}) {
    super(code, message, { source: 'user', ...options });
  }
}

/** The plan cannot be made or must not be applied (stale, destroy limit, account mismatch…). */
export class PlanError extends WsrError {
  constructor(code: string, message: string, options: WsrErrorOptions = {}) {
    super(code, message, { source: 'user', ...options });
  }
}

/** Applying a plan failed (root causes only). */
export class ApplyError extends WsrError {
  constructor(code: string, message: string, options: WsrErrorOptions = {}) {
    super(code, message, { source: 'internal', ...options });
  }
}

export interface AwsErrorOptions extends WsrErrorOptions {
  /** The AWS error name, e.g. `InvalidResourceStateException`. */
  readonly awsCode?: string;
  readonly requestId?: string;
  readonly operation?: string;
  readonly httpStatus?: number;
}

/** An AWS API call failed; classified once in aws/errors.ts. */
export class AwsError extends WsrError {
  readonly awsCode?: string;
  readonly requestId?: string;
  readonly operation?: string;
  readonly httpStatus?: number;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(code, message, { source: 'aws', ...options });
    this.awsCode = options.awsCode;
    this.requestId = options.requestId;
    this.operation = options.operation;
    this.httpStatus = options.httpStatus;
  }
}

export function isWsrError(value: unknown): value is WsrError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[WSR_ERROR_BRAND] === true;
}
