/**
 * A registration whose answer was lost (a 5xx after AWS registered it) is retried by the SDK and
 * refused with ResourceAlreadyExistsException (API model): the directory the plan saw
 * unregistered is now registered, so it is adopted rather than failing the step.
 */
import type { CreateRecovery } from '../kind.js';

const REGISTERED_STATES = new Set(['REGISTERING', 'REGISTERED']);

export const directoryCreateRecovery: CreateRecovery = {
  operation: 'RegisterWorkspaceDirectory',
  existsCode: 'ResourceAlreadyExistsException',
  findRead(input) {
    if (typeof input.DirectoryId !== 'string') return undefined;
    return { operation: 'DescribeWorkspaceDirectories', input: { DirectoryIds: [input.DirectoryId] } };
  },
  pick(input, output) {
    const directories = Array.isArray(output.Directories) ? (output.Directories as Record<string, any>[]) : [];
    const directory = directories.find((entry) => entry.DirectoryId === input.DirectoryId);
    return directory !== undefined && REGISTERED_STATES.has(String(directory.State)) ? directory : undefined;
  },
  idOf: (directory) => String(directory.DirectoryId),
  adoptedOutput: ([directory]) => ({ DirectoryId: directory!.DirectoryId, State: directory!.State, adopted: true }),
};
