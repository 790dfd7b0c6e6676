/** Child process of measurePurePlan: `pure-plan-case.ts <desktops> <mode>` prints one case as JSON. */
import { PURE_PLAN_MODES, runPurePlanCase, type PurePlanMode } from './pure-plan.js';

const [desktops, mode] = process.argv.slice(2);
if (!PURE_PLAN_MODES.includes(mode as PurePlanMode)) throw new Error(`mode must be one of ${PURE_PLAN_MODES.join(', ')}, got ${mode}`);
process.stdout.write(JSON.stringify(runPurePlanCase(Number(desktops), mode as PurePlanMode)));
