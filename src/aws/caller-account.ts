/** The account guard's one STS call: which account do these credentials belong to? */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { WsrError } from '../errors.js';
import { toAwsError } from './errors.js';

export async function callerAccountOf(sts: STSClient): Promise<string> {
  const identity = await sts.send(new GetCallerIdentityCommand({})).catch((error: unknown) => {
    throw toAwsError(error, 'GetCallerIdentity');
  });
  if (!identity.Account) throw new WsrError('AWS_NO_ACCOUNT', 'STS GetCallerIdentity answered without an account', { source: 'aws' });
  return identity.Account;
}
