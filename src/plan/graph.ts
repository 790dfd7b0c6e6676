/**
 * A generic directed acyclic graph of string ids: add nodes, connect `before → after`,
 * order topologically with a tie-break, find a cycle. Knows no resource kinds.
 */
import { PriorityQueue } from './priority-queue.js';

export class Graph {
  private readonly successors = new Map<string, string[]>();
  private readonly predecessorCount = new Map<string, number>();

  add(id: string): void {
    if (this.successors.has(id)) return;
    this.successors.set(id, []);
    this.predecessorCount.set(id, 0);
  }

  has(id: string): boolean {
    return this.successors.has(id);
  }

  /** `before` must come before `after`. Both must have been added. */
  connect(before: string, after: string): void {
    const list = this.successors.get(before);
    if (list === undefined || !this.successors.has(after)) throw new Error(`unknown node in edge ${before} → ${after}`);
    list.push(after);
    this.predecessorCount.set(after, this.predecessorCount.get(after)! + 1);
  }

  get size(): number {
    return this.successors.size;
  }

  /**
   * Kahn's algorithm; among ready nodes the smallest by `compare` goes first, so the order is
   * stable whatever the insertion order. Returns undefined when there is a cycle.
   */
  topoOrder(compare: (a: string, b: string) => number): string[] | undefined {
    const remaining = new Map(this.predecessorCount);
    const ready = new PriorityQueue<string>(compare);
    for (const [id, count] of remaining) if (count === 0) ready.push(id);
    const order: string[] = [];
    while (ready.size > 0) {
      const id = ready.pop()!;
      order.push(id);
      for (const next of this.successors.get(id)!) {
        const count = remaining.get(next)! - 1;
        remaining.set(next, count);
        if (count === 0) ready.push(next);
      }
    }
    return order.length === this.successors.size ? order : undefined;
  }

  /** One cycle as a path `[a, b, …, a]`, or undefined (iterative DFS: no stack overflow on 100k nodes). */
  findCycle(): string[] | undefined {
    const state = new Map<string, 'open' | 'done'>();
    for (const root of this.successors.keys()) {
      if (state.has(root)) continue;
      const path: string[] = [];
      const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
      state.set(root, 'open');
      path.push(root);
      while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        const successors = this.successors.get(frame.id)!;
        if (frame.next >= successors.length) {
          state.set(frame.id, 'done');
          stack.pop();
          path.pop();
          continue;
        }
        const next = successors[frame.next++];
        const seen = state.get(next);
        if (seen === 'open') return [...path.slice(path.indexOf(next)), next];
        if (seen === undefined) {
          state.set(next, 'open');
          path.push(next);
          stack.push({ id: next, next: 0 });
        }
      }
    }
    return undefined;
  }
}

/** A step as the walker sees it: an id and the ids it waits for. */
export interface StepNode {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

/**
 * Who waits for whom among a plan's steps: the one walker of the planner (a step downstream of a
 * blocked or deferred one is held with it) and of the executor (a step starts when what it waits
 * for has succeeded; everything downstream of a failure is skipped naming its root cause).
 * A dependency outside the plan (dropped by `--target`) counts as already done.
 */
export class StepGraph {
  private readonly dependents = new Map<string, string[]>();
  private readonly waitingOn = new Map<string, number>();

  constructor(steps: readonly StepNode[]) {
    for (const step of steps) {
      this.dependents.set(step.id, []);
      this.waitingOn.set(step.id, 0);
    }
    for (const step of steps) {
      for (const dependency of new Set(step.dependsOn)) {
        const parent = this.dependents.get(dependency);
        if (parent === undefined) continue;
        parent.push(step.id);
        this.waitingOn.set(step.id, this.waitingOn.get(step.id)! + 1);
      }
    }
  }

  /** Steps that wait for nothing in the plan. */
  ready(): string[] {
    return [...this.waitingOn].filter(([, count]) => count === 0).map(([id]) => id);
  }

  /** `id` succeeded: the dependents that now wait for nothing more. */
  release(id: string): string[] {
    const nowReady: string[] = [];
    for (const dependent of this.dependents.get(id) ?? []) {
      const count = this.waitingOn.get(dependent)! - 1;
      this.waitingOn.set(dependent, count);
      if (count === 0) nowReady.push(dependent);
    }
    return nowReady;
  }

  /**
   * Visits everything downstream of `root`, depth first in plan order, each step once. `visit`
   * returns false for a step the walk must not pass (already settled, or a root of its own).
   */
  walkDownstream(root: string, visit: (id: string) => boolean): void {
    const seen = new Set<string>([root]);
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const dependents = this.dependents.get(frame.id) ?? [];
      if (frame.next >= dependents.length) {
        stack.pop();
        continue;
      }
      const id = dependents[frame.next++]!;
      if (seen.has(id)) continue;
      seen.add(id);
      if (visit(id)) stack.push({ id, next: 0 });
    }
  }
}
