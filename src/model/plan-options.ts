/** What a plan is asked to do beyond desired vs live: the CLI's and the daemon's plan flags. */
import type { WhenConnected } from './desired.js';

export interface PlanOptions {
  /** Plan the removal of everything the spec manages (owned). @default false */
  readonly destroy?: boolean;
  /** KIND/KEY: keep only these changes and what they depend on. @default all */
  readonly targets?: readonly string[];
  /** Changes only, no steps: a drift report. @default false */
  readonly refreshOnly?: boolean;
  /** Unblock destructive steps that look suspicious (a managed directory read empty). @default false */
  readonly allowDestroy?: boolean;
  /** List live resources that no spec entry owns in `plan.unmanaged`. @default false */
  readonly showUnmanaged?: boolean;
  /** Overrides policy.disruption.whenConnected (CLI `--when-connected`). @default the policy's */
  readonly whenConnected?: WhenConnected;
  /** One-shot actions asked for on the command line, by action (`--rebuild KEY…`). @default none */
  readonly requestedActions?: Readonly<Record<string, readonly string[]>>;
  /** Emergency: disruptive steps run whatever policy.windows says (the CLI logs it). @default false */
  readonly ignoreWindows?: boolean;
}
