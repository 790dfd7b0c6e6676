/**
 * Turns environment state changes into webhook deliveries: decides what is new
 * (notification-events.ts), formats it for each receiver (generic JSON or a Slack incoming
 * webhook message) and hands it to the sender's queue. Called from the loop; never awaits.
 */
import { randomUUID } from 'node:crypto';
import { conditionOf, syncStateOf, type EnvironmentState } from './environment-state.js';
import { notificationsFor, type NotificationFacts, type NotificationType, type NotifiedState } from './notification-events.js';
import type { WebhookSender, WebhookTarget } from './webhook-sender.js';

export interface WebhookSubscription extends WebhookTarget {
  /** Notification types sent to this receiver. @default every type */
  readonly events?: readonly NotificationType[];
}

export interface NotifierOptions {
  readonly mode: 'plan' | 'apply';
  readonly sender: WebhookSender;
  /** The receivers of one environment (global ones plus its own). */
  readonly subscriptionsFor: (env: string) => readonly WebhookSubscription[];
  /** Base URL of the status page for links in messages (e.g. https://wsr.example.com). */
  readonly publicUrl?: string;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export class Notifier {
  private readonly notified = new Map<string, NotifiedState>();

  constructor(private readonly options: NotifierOptions) {}

  environmentChanged(state: EnvironmentState): void {
    const { events, next } = notificationsFor(this.notified.get(state.env) ?? {}, state, this.options.mode);
    this.notified.set(state.env, next);
    if (events.length === 0) return;
    const subscriptions = this.options.subscriptionsFor(state.env);
    for (const facts of events) {
      const message = this.messageOf(facts, state);
      for (const subscription of subscriptions) {
        if (subscription.events && !subscription.events.includes(facts.type)) continue;
        const body = subscription.format === 'slack' ? slackBodyOf(message) : message;
        this.options.sender.enqueue(subscription, { id: message.id, type: facts.type, env: facts.env, body });
      }
    }
  }

  environmentRemoved(env: string): void {
    this.notified.delete(env);
  }

  private messageOf(facts: NotificationFacts, state: EnvironmentState): GenericNotification {
    const run = state.lastRun;
    const condition = conditionOf(state);
    return {
      id: randomUUID(),
      type: facts.type,
      severity: facts.severity,
      environment: facts.env,
      at: (this.options.now?.() ?? new Date()).toISOString(),
      summary: facts.summary,
      sync: syncStateOf(state, this.options.mode),
      condition: { type: condition.type, reason: condition.reason, message: condition.message },
      ...(run
        ? {
            run: {
              runId: run.runId,
              result: run.result,
              ms: run.ms,
              apiCalls: run.apiCalls,
              throttled: run.throttled,
              changesByKind: run.changesByKind ?? {},
              apply: run.apply,
            },
          }
        : {}),
      blocked: (state.lastPlan?.blocked ?? []).slice(0, 20),
      deferred: (state.lastPlan?.deferred ?? []).slice(0, 20),
      ...(this.options.publicUrl ? { url: `${this.options.publicUrl.replace(/\/$/, '')}/environments/${encodeURIComponent(facts.env)}` } : {}),
    };
  }
}

/** The generic JSON body (also what `format: json` receivers get). */
export interface GenericNotification {
  readonly id: string;
  readonly type: NotificationType;
  readonly severity: NotificationFacts['severity'];
  readonly environment: string;
  readonly at: string;
  readonly summary: string;
  readonly sync: string;
  readonly condition: { readonly type: string; readonly reason: string; readonly message: string };
  readonly run?: unknown;
  readonly blocked: readonly unknown[];
  readonly deferred: readonly unknown[];
  readonly url?: string;
}

const SLACK_ICON: Readonly<Record<NotificationFacts['severity'], string>> = { info: ':white_check_mark:', warning: ':warning:', error: ':rotating_light:' };

/** Slack incoming-webhook payload: `text` is required and is what notifications show. */
export function slackBodyOf(message: GenericNotification): { text: string } {
  const name = message.url ? `<${message.url}|${slackEscape(message.environment)}>` : `*${slackEscape(message.environment)}*`;
  return { text: `${SLACK_ICON[message.severity]} wsr ${name}: ${slackEscape(message.summary)}` };
}

/** Slack's control characters in mrkdwn text: &, < and >. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
