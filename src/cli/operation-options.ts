/**
 * Options `plan` and `apply` share for day-2 operations: one-shot actions for this run
 * (`--reboot/--rebuild/--restore KEY…`, like Terraform's `-replace`) and the disruption override.
 */
import { Option, type Command } from 'commander';
import type { Logger } from 'pino';
import { WHEN_CONNECTED, type WhenConnected } from '../model/desired.js';
import { LOG_CODES } from '../log/codes.js';

export interface OperationOptions {
  readonly reboot?: string[];
  readonly rebuild?: string[];
  readonly restore?: string[];
  readonly whenConnected?: WhenConnected;
  readonly ignoreWindows?: boolean;
}

export function addOperationOptions(command: Command): Command {
  return command
    .option('--reboot <KEY...>', 'reboot these desktops in this run (e.g. workspace/d-1234567890/alice)')
    .option('--rebuild <KEY...>', 'rebuild these desktops in this run (destructive: root volume from the image, user volume from its last snapshot)')
    .option('--restore <KEY...>', 'restore these desktops to their last snapshot in this run (destructive; the plan shows the snapshot time)')
    .option('--ignore-windows', 'emergency: run disruptive steps outside policy.windows (logged as WSR_W3002)')
    .addOption(
      new Option(
        '--when-connected <policy>',
        'a step that would interrupt a connected user: defer it to a later run, or proceed (overrides policy.disruption.whenConnected)',
      ).choices(WHEN_CONNECTED),
    );
}

/**
 * The plan request's one-shot actions and disruption override from the parsed options; with
 * `apply --plan`, those the saved plan was made with when the command line gives none.
 */
export function operationRequestOf(
  options: OperationOptions,
  saved?: { readonly requestedActions?: Readonly<Record<string, readonly string[]>>; readonly whenConnected?: WhenConnected; readonly ignoreWindows?: boolean },
): { requestedActions: Readonly<Record<string, readonly string[]>>; whenConnected?: WhenConnected; ignoreWindows?: boolean } {
  const given = { reboot: options.reboot ?? [], rebuild: options.rebuild ?? [], restore: options.restore ?? [] };
  const none = Object.values(given).every((keys) => keys.length === 0);
  const whenConnected = options.whenConnected ?? saved?.whenConnected;
  return {
    requestedActions: none && saved?.requestedActions ? saved.requestedActions : given,
    ...(whenConnected === undefined ? {} : { whenConnected }),
    ...(options.ignoreWindows || saved?.ignoreWindows ? { ignoreWindows: true } : {}),
  };
}

/** `--ignore-windows` is an emergency override: always on the record. */
export function logIgnoredWindows(options: OperationOptions, logger: Pick<Logger, 'warn'>, environment: string): void {
  if (options.ignoreWindows) logger.warn({ code: 'WSR_W3002', environment }, LOG_CODES.WSR_W3002.message);
}
