import { WsrError } from '../errors.js';

/** Commands that exist in the contract but are not built yet say so and exit 1. */
export function notBuiltYet(name: string): () => never {
  return () => {
    throw new WsrError('NOT_BUILT_YET', `wsr ${name} is not built yet`, { source: 'user' });
  };
}
