/**
 * Child process of measureOfflinePlan: `offline-plan-case.ts <spec> <captured-state.json> <case> <desktops>`
 * loads the spec, reads the captured live state, plans (as preparePlan does, without the API) and
 * prints one OfflinePlanCase as JSON.
 */
import { readFileSync } from 'node:fs';
import { loadDesiredState } from '../../../src/engine/plan-environment.js';
import type { LiveState } from '../../../src/model/live.js';
import { buildPlan } from '../../../src/plan/build.js';
import { tagCandidates } from '../../../src/diff/tag-candidates.js';
import { callsOfPlan, OFFLINE_PLAN_CASES, type OfflinePlanCase, type OfflinePlanCaseName } from './offline-plan.js';

const [specFile, stateFile, name, desktops] = process.argv.slice(2);
if (!OFFLINE_PLAN_CASES.includes(name as OfflinePlanCaseName)) throw new Error(`case must be one of ${OFFLINE_PLAN_CASES.join(', ')}, got ${name}`);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const desired = loadDesiredState(specFile!);
const specLoaded = performance.now();
const live = JSON.parse(readFileSync(stateFile!, 'utf8')) as LiveState;
const stateLoaded = performance.now();
// the tag candidates decide what a live plan reads next; offline, the captured state has the tags it needs
// an account read empty while the spec has desktops holds every step unless destroys are allowed: a first fill is exactly that
const options = { allowDestroy: name === 'create' };
tagCandidates(desired, live, options);
const plan = buildPlan({ desired, live, options, now: new Date(0).toISOString() });
const planned = performance.now();
const cpu = process.cpuUsage(cpuBefore);
const result: OfflinePlanCase = {
  desktops: Number(desktops),
  case: name as OfflinePlanCaseName,
  ms: Math.round(planned - started),
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  specLoadMs: Math.round(specLoaded - started),
  stateLoadMs: Math.round(stateLoaded - specLoaded),
  planMs: Math.round(planned - stateLoaded),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  steps: plan.steps.length,
  applyCalls: callsOfPlan(plan),
};
process.stdout.write(JSON.stringify(result));
