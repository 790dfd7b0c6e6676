/**
 * Every AWS-shaped error the emulator answers comes from here, so the wire format
 * (`__type`, `message`, modeled extra members, HTTP status) is decided in one place.
 */
export class AwsError extends Error {
  readonly type: string;
  readonly status: number;
  readonly extra: Record<string, unknown>;

  constructor(type: string, message: string, options: { status?: number; extra?: Record<string, unknown> } = {}) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = options.status ?? 400;
    this.extra = options.extra ?? {};
  }

  body(): Record<string, unknown> {
    return { __type: this.type, message: this.message, ...this.extra };
  }
}

export const invalidParameter = (message: string): AwsError => new AwsError('InvalidParameterValuesException', message);
export const validation = (message: string): AwsError => new AwsError('ValidationException', message);
export const notFound = (resourceId: string, what = 'resource'): AwsError =>
  new AwsError('ResourceNotFoundException', `The ${what} ${resourceId} could not be found.`, { extra: { ResourceId: resourceId } });
export const invalidState = (message: string): AwsError => new AwsError('InvalidResourceStateException', message);
export const limitExceeded = (message: string): AwsError => new AwsError('ResourceLimitExceededException', message);
export const associated = (message: string): AwsError => new AwsError('ResourceAssociatedException', message);
export const alreadyExists = (message: string): AwsError => new AwsError('ResourceAlreadyExistsException', message);
export const unavailable = (resourceId: string, message: string): AwsError =>
  new AwsError('ResourceUnavailableException', message, { extra: { ResourceId: resourceId } });
export const notSupported = (message: string, reason?: string): AwsError =>
  new AwsError('OperationNotSupportedException', message, reason ? { extra: { reason } } : {});
export const inProgress = (message: string): AwsError => new AwsError('OperationInProgressException', message);
export const inUse = (resourceId: string, message: string): AwsError => new AwsError('ResourceInUseException', message, { extra: { ResourceId: resourceId } });
export const conflict = (message: string): AwsError => new AwsError('ConflictException', message);
export const accessDenied = (message: string): AwsError => new AwsError('AccessDeniedException', message);
export const throttled = (operation: string): AwsError => new AwsError('ThrottlingException', `Rate exceeded for ${operation}`);
/** What --fail-rate injects: the contract names the 500 InternalServerError. */
export const injectedServerError = (): AwsError => new AwsError('InternalServerError', 'We encountered an internal error. Please try again.', { status: 500 });
export const internalFailure = (): AwsError => new AwsError('InternalFailure', 'We encountered an internal error. Please try again.', { status: 500 });
