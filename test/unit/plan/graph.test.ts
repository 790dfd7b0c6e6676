import { describe, expect, it } from 'vitest';
import { Graph } from '../../../src/plan/graph.js';

function graphOf(edges: readonly [string, string][], nodes: readonly string[]): Graph {
  const graph = new Graph();
  for (const node of nodes) graph.add(node);
  for (const [before, after] of edges) graph.connect(before, after);
  return graph;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

describe('Graph', () => {
  it('orders dependencies first, ties by the comparator', () => {
    const graph = graphOf([['c', 'a']], ['a', 'b', 'c']);
    expect(graph.topoOrder(byName)).toEqual(['b', 'c', 'a']);
  });

  it('gives the same order whatever the insertion order', () => {
    const one = graphOf([['x', 'z'], ['y', 'z']], ['z', 'y', 'x']);
    const two = graphOf([['y', 'z'], ['x', 'z']], ['x', 'z', 'y']);
    expect(one.topoOrder(byName)).toEqual(two.topoOrder(byName));
  });

  it('reports a cycle instead of an order, and finds it', () => {
    const graph = graphOf([['a', 'b'], ['b', 'c'], ['c', 'a']], ['a', 'b', 'c', 'd']);
    expect(graph.topoOrder(byName)).toBeUndefined();
    expect(graph.findCycle()).toEqual(['a', 'b', 'c', 'a']);
  });

  it('finds no cycle in a DAG of 30k nodes (no recursion limit)', () => {
    const graph = new Graph();
    for (let index = 0; index < 30_000; index++) graph.add(`n${index}`);
    for (let index = 1; index < 30_000; index++) graph.connect(`n${index - 1}`, `n${index}`);
    expect(graph.findCycle()).toBeUndefined();
  });
});
