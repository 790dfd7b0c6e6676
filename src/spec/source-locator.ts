/**
 * Maps a path in the parsed spec (`['workspaces', 3, 'bundel']`) back to a line and column in the
 * YAML text, so every diagnostic points at the offending key or value.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceLocation } from '../errors.js';

export type SpecPath = readonly (string | number)[];

export class SourceLocator {
  /** Key → pair per map node, built on first use: large maps are searched once, not per lookup. */
  private readonly pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    readonly file: string,
  ) {}

  /** Where the value at `path` starts; falls back to the nearest ancestor that exists. */
  value(path: SpecPath): SourceLocation {
    const { node, pair } = this.walk(path);
    return this.at(node) ?? this.at(pair?.key) ?? this.start();
  }

  /** Where the key of the last path segment is (or the list item, for an index). */
  key(path: SpecPath): SourceLocation {
    const { node, pair, complete } = this.walk(path);
    if (complete && pair) return this.at(pair.key) ?? this.at(node) ?? this.start();
    return this.at(node) ?? this.at(pair?.key) ?? this.start();
  }

  /** A scalar as written (`012345678901`, not the number YAML made of it), if the path leads to one. */
  writtenText(path: SpecPath): string | undefined {
    const { node, complete } = this.walk(path);
    return complete && isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  }

  /** The location of a byte offset in the text. */
  offset(offset: number): SourceLocation {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, col };
  }

  start(): SourceLocation {
    return { file: this.file, line: 1, col: 1 };
  }

  private at(node: unknown): SourceLocation | undefined {
    const range = (node as Node | undefined)?.range;
    return range ? this.offset(range[0]) : undefined;
  }

  /** Follow the path as far as it goes; `complete` says whether it went all the way. */
  private walk(path: SpecPath): { node: unknown; pair?: Pair; complete: boolean } {
    let node: unknown = this.document.contents;
    let pair: Pair | undefined;
    for (const segment of path) {
      const next = this.child(node, segment);
      if (!next) return { node, pair, complete: false };
      node = next.node;
      pair = next.pair;
    }
    return { node, pair, complete: true };
  }

  private child(node: unknown, segment: string | number): { node: unknown; pair?: Pair } | undefined {
    if (isSeq(node)) {
      const item = node.items[Number(segment)];
      return item === undefined ? undefined : { node: item };
    }
    if (!isMap(node)) return undefined;
    const pair = node.items.length <= SMALL_MAP ? findPair(node, String(segment)) : this.pairsOf(node).get(String(segment));
    return pair ? { node: pair.value, pair } : undefined;
  }

  private pairsOf(map: YAMLMap): Map<string, Pair> {
    let index = this.pairIndex.get(map);
    if (index) return index;
    index = new Map();
    for (const item of map.items) {
      if (isPair(item) && !index.has(keyText(item))) index.set(keyText(item), item);
    }
    this.pairIndex.set(map, index);
    return index;
  }
}

/** Maps up to this size are searched directly: cheaper than building an index for each of 10,000 entries. */
const SMALL_MAP = 16;

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item) => isPair(item) && keyText(item) === key) as Pair | undefined;
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** `workspaces[3].bundle` — how a path reads in a message. */
export function formatPath(path: SpecPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(top level)' : text;
}
