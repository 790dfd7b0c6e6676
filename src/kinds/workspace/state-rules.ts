/**
 * The WorkSpace state rules (design.md, api notes §3): which states each call accepts, which
 * states pass on their own (wait for them) and which need a human (block with the reason).
 */
export const STOPPABLE_STATES = ['AVAILABLE', 'IMPAIRED', 'UNHEALTHY', 'ERROR'] as const;
export const STARTABLE_STATES = ['STOPPED'] as const;
export const MODIFIABLE_STATES = ['AVAILABLE', 'STOPPED'] as const;
export const MIGRATABLE_STATES = ['AVAILABLE', 'STOPPED', 'ERROR'] as const;
export const REBUILDABLE_STATES = ['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED', 'REBOOTING'] as const;
export const REBOOTABLE_STATES = ['AVAILABLE', 'UNHEALTHY', 'REBOOTING'] as const;
export const RESTORABLE_STATES = ['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED'] as const;
/** ModifyWorkspaceState: AVAILABLE ⇄ ADMIN_MAINTENANCE only (api notes §3). */
export const MAINTENANCE_ENTRY_STATES = ['AVAILABLE'] as const;

/** States that end by themselves; a step waits for them rather than being refused. */
const TRANSITIONAL_STATES = new Set(['PENDING', 'STARTING', 'STOPPING', 'REBOOTING', 'REBUILDING', 'RESTORING', 'UPDATING', 'MAINTENANCE']);

export interface StateVerdict {
  /** The call can go now. */
  readonly ready: boolean;
  /** Wait for one of these first. */
  readonly waitFor?: readonly string[];
  /** Cannot run: why. */
  readonly blocked?: string;
}

/** May a call that accepts `allowed` be made on a desktop in `state` (now, after a wait, or never)? */
export function verdictFor(operation: string, state: string | undefined, allowed: readonly string[]): StateVerdict {
  if (state === undefined || allowed.includes(state)) return { ready: true };
  if (state === 'ADMIN_MAINTENANCE') return { ready: false, blocked: `${operation} is refused in ADMIN_MAINTENANCE; return the desktop to AVAILABLE first` };
  if (state === 'SUSPENDED') return { ready: false, blocked: `${operation} is refused while SUSPENDED (an image is being created from it)` };
  if (state === 'TERMINATING' || state === 'TERMINATED') return { ready: false, blocked: `the desktop is ${state}` };
  if (TRANSITIONAL_STATES.has(state)) return { ready: false, waitFor: allowed };
  return { ready: false, blocked: `${operation} needs ${allowed.join('|')}, the desktop is ${state}` };
}

/** What `runningState` a live state amounts to (STOPPING is on its way to stopped). */
export function runningStateOf(state: string | undefined): 'running' | 'stopped' | undefined {
  if (state === undefined) return undefined;
  if (state === 'STOPPED' || state === 'STOPPING') return 'stopped';
  if (['ERROR', 'SUSPENDED', 'TERMINATING', 'TERMINATED'].includes(state)) return undefined;
  return 'running';
}

/** Inclusive order of non-GPU compute sizes, for reasons ("up" once per 6 h, "down" once per 30 days). */
export const COMPUTE_SIZE_ORDER = ['VALUE', 'STANDARD', 'PERFORMANCE', 'POWER', 'POWERPRO', 'GENERALPURPOSE_4XLARGE', 'GENERALPURPOSE_8XLARGE'];
