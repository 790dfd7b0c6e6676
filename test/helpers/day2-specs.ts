/** Spec text for day-2 tests: one environment on the emulator's seeded directory, plus a body. */
export const DAY2_DIRECTORY = 'd-9067a1b2c3';

/** The header, a pruning policy and the seeded directory (registered by wsr, so owned); then `body`. */
export function day2Spec(body: string, options: { readonly policy?: string; readonly directory?: string } = {}): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: day2, account: "123456789012", region: us-east-1}
policy: {prune: true, allowDestroy: true${options.policy ? `, ${options.policy}` : ''}}
defaults:
  workspace: {directory: corp, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
directories:
  corp: {id: ${DAY2_DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]${options.directory ? `, ${options.directory}` : ''}}
${body}`;
}
