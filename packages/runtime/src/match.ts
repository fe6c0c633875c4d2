/**
 * Matching elements against a complex type's content model, for the one reader (`parse.ts`).
 *
 * Two layers, one meaning. `Matcher.accept` walks `GState`s (one per group particle instance)
 * and is the definition of what the content model takes next; with `skip` it also passes over
 * missing required particles, reporting each, which is how a violation is described. On top of
 * it, each complex type gets an automaton (`TypeAutomaton`) whose states are matcher states with
 * the counters capped where larger counts decide nothing (a count of an unbounded particle
 * matters only up to its `minOccurs`). Its transitions are learned lazily: the first time an
 * element name is met in a state, the matcher itself is run on a copy of the state to find where
 * the name leads, which element or wildcard it matches, and which repeating groups start a new
 * item on the way; that is kept, and from then on the element costs one lookup. Whether a state
 * may end the element is `satisfied` of the state. So the reader matches every element through
 * the automaton, and when an element has no transition (a violation, an unknown element in
 * lenient mode, or a type with more states than are kept) it turns the automaton state back into
 * the matcher states it stands for (`matcherState`) and lets the matcher describe what is wrong.
 */
import { E, G, W, elemType, findKey, wildcardAdmits, type CPlan, type ENode, type GNode, type KeyIndex, type PNode, type TPlan, type WNode } from './plan.js';
import { isSpace, type SPlan } from './simple.js';

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
    if (!isSpace(s.charCodeAt(i))) return false;
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

// -------------------------------------------------------------------------------------------------
// The automaton

/** What an element's value is built as: its type's shape (the reader's frame kinds 1–6). */
export const K_OBJECT = 1;
export const K_ARRAY = 2;
export const K_SIMPLE = 3;
export const K_SIMPLE_CONTENT = 4;
export const K_FLAG = 5;
export const K_ANY = 6;

export function kindOf(tp: TPlan): number {
  if (tp.simple !== null) return K_SIMPLE;
  switch (tp.complex.shape) {
    case 'object':
      return K_OBJECT;
    case 'array':
      return K_ARRAY;
    case 'simple':
      return K_SIMPLE_CONTENT;
    case 'flag':
      return K_FLAG;
    default:
      return K_ANY;
  }
}

/** How a group particle's instance finds the object its elements go to. */
export const R_NONE = 0;
/** The repeating group of an `array`-shaped type: each iteration pushes an item to the value. */
export const R_ARRAY = 1;
/** A repeating group in an object: each iteration pushes an item to the array property of the slot. */
export const R_PROPERTY = 2;

/** Most automaton states kept per type; beyond, the matcher runs on each element of the type. */
const MAX_STATES = 2000;

/** Where an element leads from one automaton state. */
export interface Transition {
  readonly to: AutoState;
  /** The element matched, or null when a wildcard matched (`wildcard`). */
  readonly element: ENode | null;
  readonly wildcard: WNode | null;
  /** Slots (repeating groups) starting a new item before the element, in order; null: none. */
  readonly newItems: readonly number[] | null;
  /** Slot whose current item receives the element's value (-1: the enclosing element's value). */
  readonly owner: number;
  /** The element's kind (`K_*`), its complex type's automaton, its simple type. */
  readonly kind: number;
  readonly automaton: TypeAutomaton | null;
  readonly simple: SPlan | null;
}

export interface AutoState {
  /** A representative matcher state (never run itself: transitions are learned on copies). */
  readonly rep: GState;
  /** Learned transitions: element keys and where they lead (a map once there are many). */
  readonly keys: string[];
  readonly transitions: Transition[];
  map: Map<string, Transition> | null;
  /** Whether the element may end here: -1 not known yet, 0 no, 1 yes. */
  final: number;
}

/** A complex type, compiled for reading. Slots are its group particles, numbered in document order. */
export interface TypeAutomaton {
  readonly plan: CPlan;
  /** Initial state; null when the type has no content model. */
  readonly start: AutoState | null;
  readonly slotOf: Map<GNode, number>;
  readonly slotRepeat: number[];
  readonly slotProperty: string[];
  /** For `R_PROPERTY` slots: the slot owning the object the item array is a property of (-1: the value). */
  readonly slotParentOwner: number[];
  /** For every slot: the nearest repeating slot at or above it (-1: the element's own value). */
  readonly ownerOf: number[];
  readonly states: Map<string, AutoState>;
  /** Some attribute is required. */
  readonly hasRequired: boolean;
}

const automata = new WeakMap<CPlan, TypeAutomaton>();
const NO_PATH: PathSource = { path: '' };

/** The automaton of `cp`, compiled (with no state learned yet) on first use. */
export function automatonOf(cp: CPlan): TypeAutomaton {
  return automata.get(cp) ?? compileAutomaton(cp);
}

function compileAutomaton(cp: CPlan): TypeAutomaton {
  const slotOf = new Map<GNode, number>();
  const slotRepeat: number[] = [];
  const slotProperty: string[] = [];
  const slotParentOwner: number[] = [];
  const ownerOf: number[] = [];
  const walk = (g: GNode, parent: number): void => {
    const s = slotRepeat.length;
    slotOf.set(g, s);
    const rep = parent < 0 && cp.arrayRoot ? R_ARRAY : g.max > 1 ? R_PROPERTY : R_NONE;
    const parentOwner = parent < 0 ? -1 : ownerOf[parent];
    slotRepeat.push(rep);
    slotProperty.push(g.property as string);
    slotParentOwner.push(parentOwner);
    ownerOf.push(rep === R_NONE ? parentOwner : s);
    for (const it of g.items) if (it.kind === G) walk(it, s);
  };
  const states = new Map<string, AutoState>();
  let start: AutoState | null = null;
  if (cp.root !== null) {
    walk(cp.root, -1);
    const st = new GState(cp.root, {}, NO_PATH, cp.arrayRoot ? [] : null);
    start = newState(st);
    states.set(canon(st), start);
  }
  const a: TypeAutomaton = {
    plan: cp,
    start,
    slotOf,
    slotRepeat,
    slotProperty,
    slotParentOwner,
    ownerOf,
    states,
    hasRequired: cp.attrs.some((ap) => ap.required),
  };
  automata.set(cp, a);
  return a;
}

function newState(rep: GState): AutoState {
  return { rep, keys: [], transitions: [], map: null, final: -1 };
}

/** A copy of a matcher state (with throw-away targets: the copy only learns where names lead). */
function copyState(s: GState): GState {
  const c = new GState(s.g, {}, NO_PATH, s.arr !== null ? [] : null);
  c.it = s.it;
  c.i = s.i;
  c.cnt = s.cnt;
  c.seen = s.seen === null ? null : s.seen.slice();
  c.idx = s.idx;
  c.child = s.child === null ? null : copyState(s.child);
  return c;
}

/**
 * Caps the counters of `s` where larger counts decide nothing (unbounded particles: a count is
 * compared with the particle's minimum and maximum only), and returns a key naming the state.
 */
function canon(s: GState): string {
  const g = s.g;
  if (g.max === Infinity) {
    const cap = Math.max(g.min, 1);
    if (s.it > cap) s.it = cap;
  }
  let k = `${s.it}:${s.i}`;
  if (g.compositor === 'all') {
    const seen = s.seen;
    if (seen !== null) {
      for (let j = 0; j < seen.length; j++) {
        const it = g.items[j];
        if (it.max === Infinity && seen[j] > Math.max(it.min, 1)) seen[j] = Math.max(it.min, 1);
      }
      k += `:${seen.join('.')}`;
    }
  } else if (s.i >= 0) {
    const cur = g.items[s.i];
    if (cur.kind === G) k += s.child === null ? '()' : `(${canon(s.child)})`;
    else {
      if (cur.max === Infinity) {
        const cap = Math.max(cur.min, 1);
        if (s.cnt > cap) s.cnt = cap;
      }
      k += `:${s.cnt}`;
    }
  }
  return k;
}

/** The matcher, run on state copies to learn transitions; records the group iterations. */
class Learner extends Matcher {
  slotOf: Map<GNode, number> = new Map();
  started: number[] = [];

  override iterate(st: GState): void {
    super.iterate(st);
    this.started.push(this.slotOf.get(st.g)!);
  }

  missingBetween(): void {
    this.missingCurrent();
  }

  missingCurrent(): void {
    throw new Error('runtime: the matcher skipped content while learning');
  }
}

const learner = new Learner();

/** The transition for `key` (namespace `ns`) from `ds`: found, or learned now; null when the matcher does not take it there. */
export function transition(a: TypeAutomaton, ds: AutoState, key: string, ns: string): Transition | null {
  if (ds.map !== null) {
    const t = ds.map.get(key);
    if (t !== undefined) return t;
  } else {
    const keys = ds.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return ds.transitions[i];
  }
  return learn(a, ds, key, ns);
}

function learn(a: TypeAutomaton, ds: AutoState, key: string, ns: string): Transition | null {
  if (a.states.size >= MAX_STATES) return null;
  const st = copyState(ds.rep);
  const L = learner;
  L.slotOf = a.slotOf;
  L.started = [];
  L.mNode = null;
  L.mSt = null;
  if (!L.accept(st, key, ns, false)) return null;
  const m = L.mNode as ENode | WNode | null;
  const mSt = L.mSt as GState | null;
  if (m === null || mSt === null) return null;
  const started = L.started.filter((s) => a.slotRepeat[s] !== R_NONE);
  const owner = a.ownerOf[a.slotOf.get(mSt.g)!];
  const ck = canon(st);
  let to = a.states.get(ck);
  if (to === undefined) {
    to = newState(st);
    a.states.set(ck, to);
  }
  // An element's type, resolved now; a wildcard has none.
  const tp = m.kind === E ? (m.typePlan ?? elemType(m)) : null;
  const t: Transition = {
    to,
    element: tp !== null ? (m as ENode) : null,
    wildcard: tp !== null ? null : (m as WNode),
    newItems: started.length > 0 ? started : null,
    owner,
    kind: tp !== null ? kindOf(tp) : 0,
    automaton: tp?.complex ? automatonOf(tp.complex) : null,
    simple: tp !== null ? tp.simple : null,
  };
  if (ds.map !== null) ds.map.set(key, t);
  else {
    ds.keys.push(key);
    ds.transitions.push(t);
    if (ds.keys.length > 8) ds.map = new Map(ds.keys.map((k, j) => [k, ds.transitions[j]]));
  }
  return t;
}

/** Whether the element may end in state `ds`. */
export function isFinal(ds: AutoState): boolean {
  if (ds.final < 0) ds.final = satisfied(copyState(ds.rep)) ? 1 : 0;
  return ds.final === 1;
}

/**
 * The matcher states `ds` stands for, with the real targets and paths of one element being read:
 * `value` is its value (an object, or the array of an `array`-shaped type), `items[s]` and
 * `indexes[s]` the current item of each repeating slot and its index in its array, `where` the
 * element (for paths). From here the matcher takes over the element's remaining content.
 */
export function matcherState(a: TypeAutomaton, ds: AutoState, value: unknown, items: readonly Record<string, unknown>[], indexes: readonly number[], where: PathSource): GState {
  const build = (r: GState, ptgt: Record<string, unknown>, pp: PathSource, arr: unknown[] | null): GState => {
    const s = a.slotOf.get(r.g)!;
    const st = new GState(r.g, ptgt, pp, arr);
    st.it = r.it;
    st.i = r.i;
    st.cnt = r.cnt;
    st.seen = r.seen === null ? null : r.seen.slice();
    if (a.slotRepeat[s] !== R_NONE && r.it > 0) {
      st.tgt = items[s];
      st.idx = indexes[s];
    }
    if (r.child !== null) st.child = build(r.child, st.tgt, st, null);
    return st;
  };
  return build(ds.rep, value as Record<string, unknown>, where, a.plan.arrayRoot ? (value as unknown[]) : null);
}
