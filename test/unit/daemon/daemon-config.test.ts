import { describe, expect, it } from 'vitest';
import { parseDaemonConfig, subscriptionsOf } from '../../../src/daemon/daemon-config.js';

const FILE = 'wsr-daemon.yaml';

describe('daemon config (--config)', () => {
  it('reads global and per-environment webhooks and endpoint overrides; URLs may come from the environment', () => {
    const config = parseDaemonConfig(
      `webhooks:
  - {name: ops, url: "https://hooks.example.com/a", format: slack, events: [apply.failed, stalled]}
environments:
  corp-prod:
    endpoint: http://127.0.0.1:4566
    webhooks:
      - {urlEnv: PROD_HOOK}
`,
      FILE,
      { PROD_HOOK: 'https://pager.example.com/x' },
    );
    expect(config.environments['corp-prod']?.endpoint).toBe('http://127.0.0.1:4566');
    expect(subscriptionsOf(config, 'corp-prod')).toEqual([
      { name: 'ops', url: 'https://hooks.example.com/a', format: 'slack', events: ['apply.failed', 'stalled'] },
      { name: 'environments.corp-prod.webhooks[0]', url: 'https://pager.example.com/x', format: 'json' },
    ]);
    expect(subscriptionsOf(config, 'staging')).toHaveLength(1);
  });

  it.each([
    ['an unknown field', 'webhooks:\n  - {url: "https://a.example.com", formt: slack}\n', /wsr-daemon\.yaml:2:\d+: webhooks\[0\]\.formt: unknown field/],
    [
      'an unknown event',
      'webhooks:\n  - url: "https://a.example.com"\n    events: [drift]\n',
      /wsr-daemon\.yaml:3:\d+: webhooks\[0\]\.events\[0\]: unknown event "drift"/,
    ],
    ['a bad format', 'webhooks:\n  - {url: "https://a.example.com", format: teams}\n', /webhooks\[0\]\.format: expected json or slack/],
    ['two URL sources', 'webhooks:\n  - {url: "https://a.example.com", urlEnv: X}\n', /expected exactly one of url, urlFile, urlEnv \(got url and urlEnv\)/],
    ['an unset URL variable', 'webhooks:\n  - {urlEnv: NOT_SET_ANYWHERE}\n', /webhooks\[0\]\.urlEnv: environment variable NOT_SET_ANYWHERE is not set/],
    ['a bad endpoint', 'environments:\n  prod: {endpoint: "ftp://x"}\n', /wsr-daemon\.yaml:2:\d+: environments\.prod\.endpoint: expected an http\(s\) URL/],
    ['YAML syntax', 'webhooks: [\n', /wsr-daemon\.yaml:\d+:\d+: /],
  ])('refuses %s with one line naming file:line and the field', (_name, text, message) => {
    expect(() => parseDaemonConfig(text, FILE, {})).toThrow(
      expect.objectContaining({ code: 'DAEMON_CONFIG_INVALID', message: expect.stringMatching(message) }),
    );
  });

  it('never puts a webhook URL in an error message (it may be a secret)', () => {
    expect(() => parseDaemonConfig('webhooks:\n  - {url: "not a url with SECRET"}\n', FILE, {})).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('SECRET') }),
    );
  });
});
