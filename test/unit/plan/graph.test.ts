import { describe, expect, it } from 'vitest';
import { Graph, StepGraph } from '../../../src/plan/graph.js';

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
    const one = graphOf(
      [
        ['x', 'z'],
        ['y', 'z'],
      ],
      ['z', 'y', 'x'],
    );
    const two = graphOf(
      [
        ['y', 'z'],
        ['x', 'z'],
      ],
      ['x', 'z', 'y'],
    );
    expect(one.topoOrder(byName)).toEqual(two.topoOrder(byName));
  });

  it('reports a cycle instead of an order, and finds it', () => {
    const graph = graphOf(
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ],
      ['a', 'b', 'c', 'd'],
    );
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

describe('StepGraph (the one walker of planner and executor)', () => {
  // a → b → d, a → c → d, e alone; x waits for a step outside the plan (dropped by --target)
  const steps = [
    { id: 'a', dependsOn: [] },
    { id: 'b', dependsOn: ['a'] },
    { id: 'c', dependsOn: ['a'] },
    { id: 'd', dependsOn: ['b', 'c'] },
    { id: 'e', dependsOn: [] },
    { id: 'x', dependsOn: ['not-in-plan'] },
  ];

  it('starts the steps that wait for nothing in the plan, a dependency outside it counting as done', () => {
    expect(new StepGraph(steps).ready()).toEqual(['a', 'e', 'x']);
  });

  it('releases a step only when everything it waits for has succeeded', () => {
    const graph = new StepGraph(steps);
    expect(graph.release('a')).toEqual(['b', 'c']);
    expect(graph.release('b')).toEqual([]);
    expect(graph.release('c')).toEqual(['d']);
  });

  it('walks everything downstream of a failure once, depth first in plan order', () => {
    const visited: string[] = [];
    new StepGraph(steps).walkDownstream('a', (id) => (visited.push(id), true));
    expect(visited).toEqual(['b', 'd', 'c']);
  });

  it('does not walk past a step the visitor stops at (a root of its own)', () => {
    const visited: string[] = [];
    new StepGraph(steps).walkDownstream('a', (id) => (visited.push(id), id !== 'b'));
    expect(visited).toEqual(['b', 'c', 'd']);
  });
});
