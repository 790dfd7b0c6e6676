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
