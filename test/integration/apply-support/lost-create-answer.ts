/** A session whose first CreateWorkspaces reaches the service but whose answer is lost (a socket hang-up). */
import { AwsError } from '../../../src/errors.js';
import type { Session } from '../../../src/engine/session.js';
import type { ApiPort } from '../../../src/kinds/kind.js';

export interface LossySession {
  readonly session: Session;
  /** How many answers were lost so far (at most one). */
  lost(): number;
}

export function withFirstCreateAnswerLost(session: Session): LossySession {
  let lost = 0;
  const real = session.port;
  const lossy: ApiPort = {
    async call(operation: string, input: Record<string, any>): Promise<Record<string, any>> {
      const output = await real.call(operation, input);
      if (operation === 'CreateWorkspaces' && lost === 0) {
        lost += 1;
        throw new AwsError('AWS_TRANSIENT', 'CreateWorkspaces failed (AWS RequestTimeout): socket hang up', { awsCode: 'RequestTimeout' });
      }
      return output;
    },
  };
  return { session: { ...session, port: lossy } as unknown as Session, lost: () => lost };
}
