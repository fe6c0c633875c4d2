/**
 * The content-model matcher shared by the parser and its fast path: one `GState` per group
 * particle instance, walked by `accept`. The parser (`parse.ts`) runs it on every element; the
 * fast path (`fastparse.ts`) runs it only to learn, once per state and element name, where an
 * element leads, and caches that as a transition.
 */
import { E, G, W, findKey, wildcardAdmits, type ENode, type GNode, type KeyIndex, type PNode, type WNode } from './plan.js';

/** Something with a property path, computed only when a message needs it. */
export interface PathSource {
  readonly path: string;
}

/** Matcher state of one group particle instance. */
export class GState {
  g: GNode;
  /** Iterations started. */
  it = 0;
  /** Current item (sequence) or branch (choice); -1 before the first. */
  i = -1;
  /** Occurrences of the current item when it is an element or wildcard. */
  cnt = 0;
  child: GState | null = null;
  /** A child state kept for reuse when the next group item starts. */
  spareChild: GState | null = null;
  seen: Uint8Array | null = null;
  tgt: Record<string, unknown>;
  /** Index of the current item in its array (repeating groups), else -1. */
  idx = -1;
  ptgt: Record<string, unknown>;
  /** Where the group sits: its path is the enclosing element's or group item's. */
  pp: PathSource;
  /** The array value of an `array`-shaped type, when this is its repeating group. */
  arr: unknown[] | null;

  constructor(g: GNode, ptgt: Record<string, unknown>, pp: PathSource, arr: unknown[] | null) {
    this.g = g;
    this.tgt = ptgt;
    this.ptgt = ptgt;
    this.pp = pp;
    this.arr = arr;
  }

  reset(g: GNode, ptgt: Record<string, unknown>, pp: PathSource, arr: unknown[] | null): void {
    this.g = g;
    this.it = 0;
    this.i = -1;
    this.cnt = 0;
    this.child = null;
    this.seen = null;
    this.idx = -1;
    this.tgt = ptgt;
    this.ptgt = ptgt;
    this.pp = pp;
    this.arr = arr;
  }

  get ppath(): string {
    return this.pp.path;
  }

  get path(): string {
    if (this.idx < 0) return this.pp.path;
    if (this.arr !== null) return `${this.pp.path}[${this.idx}]`;
    return `${this.pp.path}.${this.g.property!}[${this.idx}]`;
  }
}

/** Whitespace only (XML's four whitespace characters). */
export function isWs(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** The matcher: `accept` and the steps it takes; what it reports when skipping is left to subclasses. */
export abstract class Matcher {
  // Match results (set by the matcher)
  mNode: ENode | WNode | null = null;
  mTgt: Record<string, unknown> | null = null;
  mSt: GState | null = null;

  /** Reports what is missing in `st` from its current item up to (not including) item `j` (skipping only). */
  abstract missingBetween(st: GState, j: number): void;
  /** Reports what is missing in the current item of `st` (skipping only). */
  abstract missingCurrent(st: GState): void;

  // Content-model matcher. `accept` either consumes `key` (setting mNode/mTgt/mSt) and returns
  // true, or changes nothing and returns false. With `skip`, required particles may be passed
  // over to reach the element; each is reported missing.

  accept(st: GState, key: string, ns: string, skip: boolean): boolean {
    const g = st.g;
    const items = g.items;
    if (g.compositor === 'all') {
      const j = lookIx(items, g.firstIx, g.firstWild, key, ns);
      if (j < 0) return false;
      if (st.it === 0) this.iterate(st);
      const seen = st.seen!;
      if (seen[j] >= items[j].max) return false;
      seen[j]++;
      const it = items[j];
      if (it.kind === G) return false;
      this.match(it, st);
      return true;
    }
    // Continue in the current item or branch.
    if (st.it > 0 && st.i >= 0) {
      const cur = items[st.i];
      if (cur.kind === E) {
        if (cur.key === key && st.cnt < cur.max) {
          st.cnt++;
          this.match(cur, st);
          return true;
        }
      } else if (cur.kind === W) {
        if (st.cnt < cur.max && wildcardAdmits(cur, ns)) {
          st.cnt++;
          this.match(cur, st);
          return true;
        }
      } else if (this.accept(st.child!, key, ns, skip)) return true;
    }
    if (g.compositor === 'sequence') {
      if (st.it > 0) {
        const from = st.i + 1;
        const j = skip ? look(items, g.ahead[from], g.aheadWild[from], key, ns) : lookIx(items, g.reachIx[from], g.reachWild[from], key, ns);
        if (j >= 0) {
          if (!skip && !curSatisfied(st)) return false;
          if (skip) this.missingBetween(st, j);
          this.enter(st, j, key, ns, skip);
          return true;
        }
        if (st.it >= g.max) return false;
      }
      const j = skip ? look(items, g.ahead[0], g.aheadWild[0], key, ns) : lookIx(items, g.reachIx[0], g.reachWild[0], key, ns);
      if (j < 0) return false;
      if (st.it > 0) {
        if (!skip && !(curSatisfied(st) && g.nullFrom[st.i + 1])) return false;
        if (skip) this.missingBetween(st, items.length);
      }
      this.iterate(st);
      if (skip) this.missingBetween(st, j);
      this.enter(st, j, key, ns, skip);
      return true;
    }
    // Choice: start a new iteration with the branch that can take the element.
    const j = skip ? look(items, g.names, g.namesWild, key, ns) : lookIx(items, g.firstIx, g.firstWild, key, ns);
    if (j < 0) return false;
    if (st.it > 0) {
      if (st.it >= g.max) return false;
      if (!skip && !curSatisfied(st)) return false;
      if (skip) this.missingCurrent(st);
    }
    this.iterate(st);
    this.enter(st, j, key, ns, skip);
    return true;
  }

  iterate(st: GState): void {
    const g = st.g;
    st.it++;
    st.i = -1;
    st.cnt = 0;
    st.child = null;
    if (g.compositor === 'all') st.seen = new Uint8Array(g.items.length);
    if (st.arr !== null) {
      const item: Record<string, unknown> = {};
      st.idx = st.arr.length;
      st.arr.push(item);
      st.tgt = item;
    } else if (g.max > 1) {
      const p = g.property!;
      let arr = st.ptgt[p] as unknown[] | undefined;
      if (arr === undefined) {
        arr = [];
        st.ptgt[p] = arr;
      }
      const item: Record<string, unknown> = {};
      st.idx = arr.length;
      arr.push(item);
      st.tgt = item;
    }
  }

  enter(st: GState, j: number, key: string, ns: string, skip: boolean): void {
    st.i = j;
    const it = st.g.items[j];
    if (it.kind === G) {
      st.cnt = 0;
      // The previous child state is finished with (no open element refers to it): reuse it.
      let c = st.spareChild;
      if (c === null) {
        c = new GState(it, st.tgt, st, null);
        st.spareChild = c;
      } else c.reset(it, st.tgt, st, null);
      st.child = c;
      this.accept(c, key, ns, skip);
    } else {
      st.cnt = 1;
      st.child = null;
      this.match(it, st);
    }
  }

  match(n: ENode | WNode, st: GState): void {
    this.mNode = n;
    this.mTgt = st.tgt;
    this.mSt = st;
  }
}

function lookIx(items: readonly PNode[], ix: KeyIndex, wild: number, key: string, ns: string): number {
  const j = findKey(ix, key);
  if (j >= 0) return j;
  if (wild >= 0) {
    const it = items[wild];
    if (it.kind !== W || wildcardAdmits(it, ns)) return wild;
  }
  return -1;
}

function look(items: readonly PNode[], map: ReadonlyMap<string, number>, wild: number, key: string, ns: string): number {
  const j = map.get(key);
  if (j !== undefined) return j;
  if (wild >= 0) {
    const it = items[wild];
    if (it.kind !== W || wildcardAdmits(it, ns)) return wild;
  }
  return -1;
}

export function curSatisfied(st: GState): boolean {
  if (st.i < 0) return st.g.compositor !== 'choice' || st.g.bodyNullable;
  const cur = st.g.items[st.i];
  if (cur.kind === G) return st.child === null || satisfied(st.child);
  return st.cnt >= cur.min;
}

export function satisfied(st: GState): boolean {
  const g = st.g;
  if (st.it === 0) return g.nullable;
  let done: boolean;
  if (g.compositor === 'all') {
    done = true;
    const seen = st.seen!;
    for (let k = 0; k < g.items.length; k++) if (seen[k] < g.items[k].min) done = false;
  } else if (g.compositor === 'sequence') done = curSatisfied(st) && g.nullFrom[st.i + 1];
  else done = curSatisfied(st);
  return done && (st.it >= g.min || g.bodyNullable);
}
