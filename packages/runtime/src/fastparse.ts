/**
 * The parser's fast path: strict parsing of valid documents, with no property paths, no
 * positions and no messages. It answers only "valid, and here is the value" or "not sure"; on
 * "not sure" `parse` runs the full parser (`parse.ts`) on the same text, which builds the value or
 * reports exactly as it always did. So this path must never accept a document the full parser
 * refuses, and must build the very same value.
 *
 * What it leaves to the full parser (gives up at once): any saxes error, a DOCTYPE, a declared
 * encoding other than UTF-8 on bytes, namespace declarations and prefixed names (so `xsi:nil`
 * too), unknown or `$attrs` attributes, wildcard matches, an element the content model does not
 * take next, missing content, text in element-only content, and any simple value with a problem.
 *
 * ## The compiled matcher
 * Each complex type gets an automaton whose states are the states of the full parser's own
 * matcher (`match.ts`), with occurrence counters capped where the counts no longer change any
 * decision (a count of an unbounded particle matters only up to its `minOccurs`). Transitions are
 * learned lazily: the first time an element name is met in a state, the full matcher itself is
 * run on a copy of the state to find where the name leads, which element it matches, and which
 * repeating groups start a new item on the way; that is kept as a transition, and from then on
 * the element costs one lookup. Whether a state may end the element is `satisfied` of the
 * state — the condition under which the full parser reports nothing missing.
 */
import { SaxesParser, type SaxesTagPlain, type XMLDecl } from 'saxes';
import { GState, Matcher, isWs, satisfied, type PathSource } from './match.js';
import { E, G, elemType, type CPlan, type ENode, type GNode, type WNode } from './plan.js';
import { parseSimple, type Problem, type SPlan } from './simple.js';

/** Thrown from inside the saxes handlers when the fast path gives up. */
const BAIL: unique symbol = Symbol('fastparse: not sure');

const K_OBJ = 1;
const K_ARR = 2;
const K_SIMPLE = 3;
const K_SCONT = 4;
const K_FLAG = 5;
const K_ANY = 6;

/** Slot kinds: how a group particle's instance finds the object its elements go to. */
const R_NONE = 0;
/** The repeating group of an `array`-shaped type: each iteration pushes an item to the value. */
const R_ARRAY = 1;
/** A repeating group in an object: each iteration pushes an item to the array property `p`. */
const R_PROP = 2;

/** Most automaton states kept per type; beyond, the full parser handles the type's elements. */
const MAX_STATES = 2000;

/** Where an element leads from one automaton state. */
interface Trans {
  readonly to: DState;
  readonly e: ENode;
  /** Slots (repeating groups) starting a new item before the element, in order; null: none. */
  readonly its: readonly number[] | null;
  /** Slot whose current item receives the element's value (-1: the element's own value). */
  readonly owner: number;
  /** The element's type. */
  readonly kind: number;
  readonly ft: FType | null;
  readonly sp: SPlan | null;
}

interface DState {
  /** A representative matcher state (never run itself: transitions are learned on copies). */
  readonly st: GState;
  /** Learned transitions: element names and where they lead (a map once there are many). */
  readonly keys: string[];
  readonly trans: Trans[];
  map: Map<string, Trans> | null;
  /** Whether the element may end here: -1 not known yet, 0 no, 1 yes. */
  fin: number;
}

/** A complex type, compiled for the fast path. */
interface FType {
  readonly cp: CPlan;
  readonly kind: number;
  /** Initial automaton state; null when the type has no content model. */
  readonly start: DState | null;
  readonly slotOf: Map<GNode, number>;
  readonly slotRep: number[];
  readonly slotProp: string[];
  /** For `R_PROP` slots: the slot owning the object the item array is a property of (-1: the value). */
  readonly slotParentOwner: number[];
  /** For every slot: the nearest repeating slot at or above it (-1: the element's own value). */
  readonly ownerOf: number[];
  readonly nslots: number;
  readonly states: Map<string, DState>;
  readonly hasReq: boolean;
}

const ftypes = new WeakMap<CPlan, FType>();
const DUMMY_PATH: PathSource = { path: '' };

function fastType(cp: CPlan): FType {
  let ft = ftypes.get(cp);
  if (ft === undefined) {
    ft = compileType(cp);
    ftypes.set(cp, ft);
  }
  return ft;
}

function kindOf(shape: CPlan['shape']): number {
  switch (shape) {
    case 'object':
      return K_OBJ;
    case 'array':
      return K_ARR;
    case 'simple':
      return K_SCONT;
    case 'flag':
      return K_FLAG;
    default:
      return K_ANY;
  }
}

function compileType(cp: CPlan): FType {
  const slotOf = new Map<GNode, number>();
  const slotRep: number[] = [];
  const slotProp: string[] = [];
  const slotParentOwner: number[] = [];
  const ownerOf: number[] = [];
  const walk = (g: GNode, parent: number): void => {
    const s = slotRep.length;
    slotOf.set(g, s);
    const rep = parent < 0 && cp.arrayRoot ? R_ARRAY : g.max > 1 ? R_PROP : R_NONE;
    const parentOwner = parent < 0 ? -1 : ownerOf[parent];
    slotRep.push(rep);
    slotProp.push(g.property as string);
    slotParentOwner.push(parentOwner);
    ownerOf.push(rep === R_NONE ? parentOwner : s);
    for (const it of g.items) if (it.kind === G) walk(it, s);
  };
  const states = new Map<string, DState>();
  let start: DState | null = null;
  if (cp.root !== null) {
    walk(cp.root, -1);
    const st = new GState(cp.root, {}, DUMMY_PATH, cp.arrayRoot ? [] : null);
    start = newState(st);
    states.set(canon(st), start);
  }
  return {
    cp,
    kind: kindOf(cp.shape),
    start,
    slotOf,
    slotRep,
    slotProp,
    slotParentOwner,
    ownerOf,
    nslots: slotRep.length,
    states,
    hasReq: cp.attrs.some((a) => a.required),
  };
}

function newState(st: GState): DState {
  return { st, keys: [], trans: [], map: null, fin: -1 };
}

/** A copy of a matcher state (with throw-away targets: the copy only learns where names lead). */
function copyState(s: GState): GState {
  const c = new GState(s.g, {}, DUMMY_PATH, s.arr !== null ? [] : null);
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

/** The full matcher, run on state copies to learn transitions; records the group iterations. */
class Learner extends Matcher {
  slotOf: Map<GNode, number> = new Map();
  its: number[] = [];

  override iterate(st: GState): void {
    super.iterate(st);
    this.its.push(this.slotOf.get(st.g)!);
  }

  missingBetween(): void {
    throw new Error('fastparse: the matcher skipped content');
  }

  missingCurrent(): void {
    throw new Error('fastparse: the matcher skipped content');
  }
}

const learner = new Learner();

/** Where `key` leads from `ds`, learned now; null when the full matcher does not take it as an element there. */
function learn(ft: FType, ds: DState, key: string): Trans | null {
  if (ft.states.size >= MAX_STATES) return null;
  const st = copyState(ds.st);
  const L = learner;
  L.slotOf = ft.slotOf;
  L.its = [];
  L.mNode = null;
  L.mSt = null;
  if (!L.accept(st, key, '', false)) return null;
  const m = L.mNode as ENode | WNode | null;
  const mSt = L.mSt as GState | null;
  if (m === null || m.kind !== E || mSt === null) return null;
  const its = L.its.filter((s) => ft.slotRep[s] !== R_NONE);
  const owner = ft.ownerOf[ft.slotOf.get(mSt.g)!];
  const ck = canon(st);
  let to = ft.states.get(ck);
  if (to === undefined) {
    to = newState(st);
    ft.states.set(ck, to);
  }
  const tp = m.typePlan ?? elemType(m);
  const tr: Trans = {
    to,
    e: m,
    its: its.length > 0 ? its : null,
    owner,
    kind: tp.simple !== null ? K_SIMPLE : kindOf(tp.complex.shape),
    ft: tp.complex !== null ? fastType(tp.complex) : null,
    sp: tp.simple,
  };
  if (ds.map !== null) ds.map.set(key, tr);
  else {
    ds.keys.push(key);
    ds.trans.push(tr);
    if (ds.keys.length > 8) ds.map = new Map(ds.keys.map((k, j) => [k, ds.trans[j]]));
  }
  return tr;
}

function final(ds: DState): boolean {
  if (ds.fin < 0) ds.fin = satisfied(copyState(ds.st)) ? 1 : 0;
  return ds.fin === 1;
}

// -------------------------------------------------------------------------------------------------
// The reader

class Frame {
  kind = 0;
  e: ENode | null = null;
  ft: FType | null = null;
  sp: SPlan | null = null;
  ds: DState | null = null;
  value: unknown = undefined;
  /** Current item of each repeating slot. */
  tg: Record<string, unknown>[] = [];
  tgt: Record<string, unknown> | null = null;
  arr: unknown[] | null = null;
  text = '';
  hasChild = false;
  innerStart = 0;
}

const problems: Problem[] = [];

const rootTrans = new WeakMap<ENode, Trans>();

function rootTransOf(rootE: ENode): Trans {
  let tr = rootTrans.get(rootE);
  if (tr === undefined) {
    const tp = rootE.typePlan ?? elemType(rootE);
    const dummy = newState(new GState({ compositor: 'sequence', items: [] } as unknown as GNode, {}, DUMMY_PATH, null));
    tr = { to: dummy, e: rootE, its: null, owner: -1, kind: tp.simple !== null ? K_SIMPLE : kindOf(tp.complex.shape), ft: tp.complex !== null ? fastType(tp.complex) : null, sp: tp.simple };
    rootTrans.set(rootE, tr);
  }
  return tr;
}

class FastReader {
  readonly src: string;
  readonly rootE: ENode;
  readonly fromBytes: boolean;
  readonly parser: SaxesParser<{ position: false; xmlns: false }>;
  readonly frames: Frame[] = [new Frame()];
  readonly holder: Record<string, unknown> = {};
  depth = 0;
  /** Nesting inside the children of an `xs:anyType` element (0: none). */
  skip = 0;
  rootSeen = false;

  constructor(rootE: ENode, src: string, fromBytes: boolean) {
    this.src = src;
    this.rootE = rootE;
    this.fromBytes = fromBytes;
    this.parser = new SaxesParser({ position: false, xmlns: false });
  }

  run(): void {
    const p = this.parser;
    p.on('error', () => {
      throw BAIL;
    });
    p.on('doctype', () => {
      throw BAIL;
    });
    p.on('xmldecl', (d: XMLDecl) => {
      if (this.fromBytes && d.encoding !== undefined && !/^utf-?8$/i.test(d.encoding)) throw BAIL;
    });
    p.on('opentag', (t: SaxesTagPlain) => this.open(t));
    p.on('closetag', () => this.close());
    p.on('text', (t: string) => this.text(t));
    p.on('cdata', (t: string) => this.text(t));
    p.write(this.src);
    p.close();
  }

  open(tag: SaxesTagPlain): void {
    if (this.skip > 0) {
      this.laxChild(tag);
      this.skip++;
      return;
    }
    const parent = this.frames[this.depth];
    const key = tag.name;
    let tr: Trans;
    let tgt: Record<string, unknown>;
    switch (parent.kind) {
      case 0:
        if (this.rootSeen || key !== this.rootE.key) throw BAIL;
        this.rootSeen = true;
        tr = rootTransOf(this.rootE);
        tgt = this.holder;
        break;
      case K_OBJ:
      case K_ARR: {
        const ds = parent.ds;
        if (ds === null) throw BAIL;
        let found: Trans | undefined;
        if (ds.map === null) {
          const keys = ds.keys;
          for (let i = 0; i < keys.length; i++) {
            if (keys[i] === key) {
              found = ds.trans[i];
              break;
            }
          }
        } else found = ds.map.get(key);
        if (found === undefined) {
          const l = learn(parent.ft!, ds, key);
          if (l === null) throw BAIL;
          found = l;
        }
        tr = found;
        parent.ds = tr.to;
        const its = tr.its;
        if (its !== null) this.iterate(parent, its);
        tgt = tr.owner < 0 ? (parent.value as Record<string, unknown>) : parent.tg[tr.owner];
        break;
      }
      case K_ANY:
        this.laxChild(tag);
        parent.hasChild = true;
        this.skip = 1;
        return;
      default:
        throw BAIL;
    }
    const d = ++this.depth;
    let f = this.frames[d];
    if (f === undefined) {
      f = new Frame();
      this.frames[d] = f;
    }
    const e = tr.e;
    f.e = e;
    f.text = '';
    if (e.max > 1) {
      let arr = tgt[e.property] as unknown[] | undefined;
      if (arr === undefined) {
        arr = [];
        tgt[e.property] = arr;
      }
      f.arr = arr;
      f.tgt = null;
    } else {
      f.arr = null;
      f.tgt = tgt;
    }
    const attrs = tag.attributes;
    const kind = tr.kind;
    f.kind = kind;
    if (kind === K_SIMPLE) {
      f.sp = tr.sp;
      for (const _ in attrs) throw BAIL;
      return;
    }
    const ft = tr.ft!;
    f.ft = ft;
    switch (kind) {
      case K_OBJ:
      case K_SCONT: {
        const obj: Record<string, unknown> = {};
        f.value = obj;
        if (kind === K_SCONT) f.sp = ft.cp.text;
        else f.ds = ft.start;
        let n = 0;
        for (const an in attrs) {
          const ap = ft.cp.attrMap.get(an);
          if (ap === undefined) throw BAIL;
          const v = parseSimple(ap.simple, attrs[an], problems);
          if (problems.length > 0) {
            problems.length = 0;
            throw BAIL;
          }
          if (ap.desc.fixed !== undefined && v !== undefined && parseSimple(ap.simple, ap.desc.fixed, []) !== v) throw BAIL;
          obj[ap.property] = v;
          n++;
        }
        if (ft.hasReq && n < ft.cp.attrs.length) {
          for (const ap of ft.cp.attrs) if (ap.required && !(ap.property in obj)) throw BAIL;
        }
        return;
      }
      case K_ARR:
        f.value = [];
        f.ds = ft.start;
        break;
      case K_FLAG:
        f.value = true;
        break;
      default:
        f.value = undefined;
        f.hasChild = false;
        f.innerStart = this.parser.position;
        for (const _ in attrs) throw BAIL; // kept in an AnyElement by the full parser
        return;
    }
    for (const _ in attrs) throw BAIL;
  }

  /**
   * An element inside untyped content: the full parser validates one matching the global
   * declaration (the root element), and namespace declarations could make one match.
   */
  laxChild(tag: SaxesTagPlain): void {
    if (tag.name === this.rootE.key) throw BAIL;
    for (const an in tag.attributes) if (an.startsWith('xmlns')) throw BAIL;
  }

  /** Starts new items of the repeating groups `its` (in the order the full matcher does). */
  iterate(f: Frame, its: readonly number[]): void {
    const ft = f.ft!;
    const tg = f.tg;
    for (let k = 0; k < its.length; k++) {
      const s = its[k];
      const item: Record<string, unknown> = {};
      if (ft.slotRep[s] === R_ARRAY) (f.value as unknown[]).push(item);
      else {
        const po = ft.slotParentOwner[s];
        const pt = po < 0 ? (f.value as Record<string, unknown>) : tg[po];
        const p = ft.slotProp[s];
        let arr = pt[p] as unknown[] | undefined;
        if (arr === undefined) {
          arr = [];
          pt[p] = arr;
        }
        arr.push(item);
      }
      tg[s] = item;
    }
  }

  text(t: string): void {
    if (this.skip > 0) return;
    const f = this.frames[this.depth];
    switch (f.kind) {
      case K_SIMPLE:
      case K_SCONT:
      case K_ANY:
        f.text = f.text.length === 0 ? t : f.text + t;
        return;
      case 0:
        return;
      default:
        // Element-only content takes whitespace; empty content (a flag, or no content model) nothing.
        if ((!isWs(t) || f.kind === K_FLAG || f.ft!.start === null) && !f.ft!.cp.mixed) throw BAIL;
    }
  }

  close(): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    const f = this.frames[this.depth--];
    let v: unknown;
    switch (f.kind) {
      case K_SIMPLE:
        v = this.simpleValue(f, f.sp!);
        break;
      case K_SCONT:
        v = f.value;
        (v as Record<string, unknown>).value = this.simpleValue(f, f.sp!);
        break;
      case K_OBJ:
      case K_ARR: {
        const ds = f.ds;
        if (ds !== null && ds.fin !== 1 && !final(ds)) throw BAIL;
        v = f.value;
        break;
      }
      case K_FLAG:
        v = true;
        break;
      default:
        if (f.hasChild) {
          const end = this.src.lastIndexOf('<', this.parser.position - 1);
          v = { xml: this.src.slice(f.innerStart, end) };
        } else v = f.text.length > 0 ? f.text : true;
    }
    if (f.arr !== null) f.arr.push(v);
    else f.tgt![f.e!.property] = v;
    f.value = undefined;
    f.ds = null;
  }

  simpleValue(f: Frame, sp: SPlan): unknown {
    const e = f.e!;
    let t = f.text;
    if (t.length === 0 && e.defaultValue !== undefined) t = e.defaultValue;
    const v = parseSimple(sp, t, problems);
    if (problems.length > 0) {
      problems.length = 0;
      throw BAIL;
    }
    const fix = e.fixedValue;
    if (fix !== undefined && v !== undefined && (t.length > 0 ? parseSimple(sp, fix, []) : v) !== v) throw BAIL;
    return v;
  }
}

/** The marker `fastParse` returns when the full parser must run. */
export const NOT_SURE: unique symbol = Symbol('fastparse: not sure');

/**
 * Parses `src` (already decoded) as the document whose root element is `rootE`, strictly; returns
 * the root's value, or `NOT_SURE` when the full parser must run.
 */
export function fastParse(rootE: ENode, src: string, fromBytes: boolean): unknown {
  const r = new FastReader(rootE, src, fromBytes);
  try {
    r.run();
  } catch {
    // BAIL, or anything unexpected: the full parser decides.
    problems.length = 0;
    return NOT_SURE;
  }
  if (!r.rootSeen || r.depth !== 0) return NOT_SURE;
  return r.holder[rootE.property];
}
