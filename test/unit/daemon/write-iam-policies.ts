/** Rewrites examples/iam/*.json from the operations the sources call (see iam-policy-documents.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectedPolicies, POLICY_FILES, REPO_ROOT } from './iam-policy-documents.js';

const policies = expectedPolicies();
for (const name of Object.keys(POLICY_FILES) as (keyof typeof POLICY_FILES)[]) {
  writeFileSync(join(REPO_ROOT, POLICY_FILES[name]), `${JSON.stringify(policies[name], null, 2)}\n`);
  process.stdout.write(`wrote ${POLICY_FILES[name]}\n`);
}
