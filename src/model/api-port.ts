/**
 * The one way the reconciler talks to the API: by operation name, with the SDK's input and
 * output types (model/api-operations.ts). aws/api-port.ts implements it over the SDK (counting
 * calls), live/ wraps it (read-only, paced), unit tests implement it in memory. Kinds never
 * import the SDK at run time.
 */
import type { OperationInput, OperationName, OperationOutput } from './api-operations.js';

export interface ApiPort {
  call<O extends OperationName>(operation: O, input: OperationInput<O>): Promise<OperationOutput<O>>;
}

/**
 * For generic machinery that passes along an operation it holds as data (a plan step's, a
 * waiter recipe's): the call without the per-operation types, which the data was checked
 * against when it was built.
 */
export function callOperation(port: ApiPort, operation: OperationName, input: Readonly<Record<string, unknown>>): Promise<Readonly<Record<string, any>>> {
  return port.call(operation, input as OperationInput<OperationName>) as Promise<Readonly<Record<string, any>>>;
}
