/**
 * Credentials for `metadata.roleArn`: the default chain's identity assumes the environment's
 * role through STS, so one CI job or daemon serves many accounts of an Organization. The
 * temporary keys are cached until five minutes before they expire and never logged.
 */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { createStsClient, type ClientOptions, type CredentialsProvider } from './client.js';
import { toAwsError } from './errors.js';

const REFRESH_MARGIN_MS = 5 * 60_000;

export interface AssumeRoleOptions {
  readonly roleArn: string;
  /** Shown in CloudTrail as the session name. @default 'wsr' */
  readonly sessionName?: string;
  /** How the base identity's STS client is made (region, endpoint, profile). */
  readonly base: ClientOptions;
  /** Milliseconds clock for expiry. @default Date.now */
  readonly now?: () => number;
}

export function assumeRoleCredentials(options: AssumeRoleOptions): CredentialsProvider {
  const now = options.now ?? Date.now;
  let cached: Awaited<ReturnType<CredentialsProvider>> | undefined;
  let pending: Promise<Awaited<ReturnType<CredentialsProvider>>> | undefined;
  const assume = async () => {
    const sts = createStsClient(options.base);
    try {
      const output = await sts.send(new AssumeRoleCommand({ RoleArn: options.roleArn, RoleSessionName: options.sessionName ?? 'wsr' }));
      const credentials = output.Credentials;
      if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error('AssumeRole answered without credentials');
      return {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken,
        expiration: credentials.Expiration,
      };
    } catch (error) {
      throw toAwsError(error, 'AssumeRole');
    } finally {
      sts.destroy();
    }
  };
  return async () => {
    if (cached && (cached.expiration === undefined || cached.expiration.getTime() - REFRESH_MARGIN_MS > now())) return cached;
    // concurrent first calls share one AssumeRole
    pending ??= assume().finally(() => (pending = undefined));
    cached = await pending;
    return cached;
  };
}
