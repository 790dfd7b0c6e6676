/** Root and user volume sizes the API accepts together (workspaces and bundles). */
import type { SpecPath } from '../../spec/source-locator.js';
import type { ReportRule } from '../kind-spec.js';

/** The API accepts [80, 10|50|100] and [175+, 100+] (GPU types also 100/100). */
export function checkVolumeCombination(
  root: number | undefined,
  user: number | undefined,
  computeType: string | undefined,
  path: SpecPath,
  report: ReportRule,
): void {
  if (root === undefined || user === undefined) return;
  if (root === 80 && [10, 50, 100].includes(user)) return;
  if (root >= 175 && user >= 100) return;
  if (computeType?.startsWith('GRAPHICS') && root >= 100 && user >= 100) return;
  report(
    'SPEC_VOLUME_COMBO',
    `root ${root} GiB with user ${user} GiB is not a combination the API accepts (root 80 with user 10, 50 or 100; or root ≥ 175 with user ≥ 100)`,
    path,
  );
}
