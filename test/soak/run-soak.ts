/**
 * `npm run soak [-- --count 300 --workers 8 --seed 2026]`: the transition oracle's long run.
 * fast-check generates `count` day-2 transitions (pairs of specs across every kind: adds, removes
 * and modifications, several at once); each is applied before → after ONCE against its own
 * emulator at realistic timing (0.002 time scale, 20 % throttling). Prints how many converged in
 * one apply (exit 0, no refused call, empty re-plan) and, for those that did not, the counter-
 * example shrunk to the fewest kinds that still fail (each changed kind is reverted in turn and
 * kept reverted while the transition still fails). Exit 1 if any transition did not converge.
 */
import fc from 'fast-check';
import { day2TransitionArb } from '../helpers/arbitraries.js';
import { renderDay2Spec, type Day2Shape } from '../helpers/day2-specs.js';
import { runTransitions } from '../helpers/day2-transitions.js';
import { describeOutcome, type TransitionOutcome } from '../helpers/transition-oracle.js';

interface SoakOptions {
  readonly count: number;
  readonly workers: number;
  readonly seed: number;
  /** Counter-examples shrunk (each shrink step is a transition run). */
  readonly shrink: number;
  /** Run only these generated transitions (by index, as the report names them: `--only 69,102`). */
  readonly only?: readonly number[];
}

function optionsFrom(argv: readonly string[]): SoakOptions {
  const value = (name: string, fallback: number): number => {
    const index = argv.indexOf(`--${name}`);
    if (index === -1) return fallback;
    const parsed = Number(argv[index + 1]);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} needs a whole number, got ${argv[index + 1]}`);
    return parsed;
  };
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex === -1 ? undefined : (argv[onlyIndex + 1] ?? '').split(',').map(Number);
  if (only?.some((index) => !Number.isInteger(index) || index < 0))
    throw new Error(`--only needs comma-separated transition numbers, got ${argv[onlyIndex + 1]}`);
  return { count: value('count', 300), workers: value('workers', 8), seed: value('seed', 2026), shrink: value('shrink', 5), ...(only ? { only } : {}) };
}

type Pair = { before: Day2Shape; after: Day2Shape };

function caseOf(pair: Pair, name: string) {
  return { name, before: renderDay2Spec(pair.before), after: renderDay2Spec(pair.after) };
}

/** Reverts one kind's change at a time and keeps the revert while the transition still fails. */
async function shrink(pair: Pair, name: string, workers: number): Promise<{ pair: Pair; outcome: TransitionOutcome }> {
  let current = pair;
  let outcome = (await runTransitions([caseOf(current, name)], { workers: 1 }))[0];
  const keys = Object.keys(current.after) as (keyof Day2Shape)[];
  for (const key of keys) {
    if (JSON.stringify(current.before[key]) === JSON.stringify(current.after[key])) continue;
    const candidates: Pair[] = [
      { before: current.before, after: { ...current.after, [key]: current.before[key] } },
      { before: { ...current.before, [key]: current.after[key] }, after: current.after },
    ];
    const tried = await runTransitions(
      candidates.map((candidate, index) => caseOf(candidate, `${name} without ${String(key)} (${index})`)),
      { workers: Math.min(2, workers) },
    );
    const still = tried.findIndex((result) => !result.converged);
    if (still !== -1) {
      current = candidates[still];
      outcome = tried[still];
    }
  }
  return { pair: current, outcome };
}

async function main(): Promise<void> {
  const options = optionsFrom(process.argv.slice(2));
  const started = performance.now();
  const pairs = fc.sample(day2TransitionArb, { numRuns: options.count, seed: options.seed });
  // the same sample, so `--only 69` replays exactly the transition #69 of the full run
  const indices = options.only ?? pairs.map((_, index) => index);
  let done = 0;
  const outcomes = await runTransitions(
    indices.map((index) => caseOf(pairs[index], `generated #${index}`)),
    {
      workers: options.workers,
      onOutcome: (outcome) => {
        done += 1;
        if (!outcome.converged || done % 25 === 0)
          process.stderr.write(`[${done}/${indices.length}] ${outcome.converged ? 'ok' : `NOT CONVERGED ${outcome.name}`}\n`);
      },
    },
  );
  const failed = outcomes.map((outcome, position) => ({ outcome, index: indices[position] })).filter(({ outcome }) => !outcome.converged);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(
    `soak: ${outcomes.length - failed.length}/${outcomes.length} generated transitions converged in one apply (time scale 0.002, throttle 20 %, seed ${options.seed}, ${options.workers} workers, ${seconds} s)\n`,
  );
  for (const { index } of failed.slice(0, options.shrink)) {
    const shrunk = await shrink(pairs[index], `generated #${index}`, options.workers);
    process.stdout.write(
      `\ncounter-example #${index} (shrunk):\n--- before\n${renderDay2Spec(shrunk.pair.before)}--- after\n${renderDay2Spec(shrunk.pair.after)}${describeOutcome(shrunk.outcome)}\n`,
    );
  }
  for (const { outcome, index } of failed.slice(options.shrink)) {
    process.stdout.write(
      `\nnot converged #${index} (not shrunk):\n--- before\n${renderDay2Spec(pairs[index].before)}--- after\n${renderDay2Spec(pairs[index].after)}${describeOutcome(outcome)}\n`,
    );
  }
  process.exitCode = failed.length === 0 ? 0 : 1;
}

await main();
