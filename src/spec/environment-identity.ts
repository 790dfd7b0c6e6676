/**
 * Checks across spec files (one CLI invocation, one daemon): an environment is
 * (metadata.name, account, Region), and two files with the same identity would fight over
 * the same resources (one terminating what the other recreates), so both are refused, naming
 * both files. Two environments of one account and Region must not both manage one directory's
 * settings (IP groups, property sets): one declares it under `directories`, the others
 * reference it read-only by its id (`directory: d-…`).
 */
import { kindDefinition } from '../kinds/index.js';
import type { DesiredState } from '../model/desired.js';
import { specError, type Diagnostic } from './diagnostic.js';

export interface LoadedSpec {
  readonly file: string;
  readonly desired: DesiredState;
}

/** `corp-prod (123456789012/eu-west-1)` */
export function environmentIdentity(desired: Pick<DesiredState, 'environment'>): string {
  const { name, account, region } = desired.environment;
  return `${name} (${account}/${region})`;
}

export function crossSpecDiagnostics(specs: readonly LoadedSpec[]): Diagnostic[] {
  return [...duplicateIdentities(specs), ...managedTwice(specs)];
}

function duplicateIdentities(specs: readonly LoadedSpec[]): Diagnostic[] {
  const firstFile = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const { file, desired } of specs) {
    const identity = environmentIdentity(desired);
    const earlier = firstFile.get(identity);
    if (earlier === undefined) {
      firstFile.set(identity, file);
      continue;
    }
    const [one, two] = [earlier, file].sort();
    const summary = `${one} and ${two} both define environment ${identity}; each environment needs its own metadata.name (both are refused)`;
    diagnostics.push(specError('ENV_DUPLICATE', summary, { file: earlier, line: 1, col: 1 }), specError('ENV_DUPLICATE', summary, { file, line: 1, col: 1 }));
  }
  return diagnostics;
}

/** Resources only one environment of an account and Region may manage (a directory's settings), declared by two. */
function managedTwice(specs: readonly LoadedSpec[]): Diagnostic[] {
  const manager = new Map<string, { file: string; environment: string }>();
  const diagnostics: Diagnostic[] = [];
  for (const { file, desired } of specs) {
    for (const resource of desired.resources) {
      const rule = kindDefinition(resource.kind)?.spec.managedByOneEnvironment;
      if (rule === undefined) continue;
      const scope = `${desired.environment.account}/${desired.environment.region}/${resource.key}`;
      const earlier = manager.get(scope);
      if (earlier === undefined) {
        manager.set(scope, { file, environment: desired.environment.name });
        continue;
      }
      if (earlier.environment === desired.environment.name) continue; // reported as ENV_DUPLICATE
      diagnostics.push(
        specError(
          rule.code,
          `${resource.key} is managed by environment ${earlier.environment} (${earlier.file}) and by ${desired.environment.name}: ${rule.advice(resource.key)}`,
          resource.source ?? { file, line: 1, col: 1 },
        ),
      );
    }
  }
  return diagnostics;
}
