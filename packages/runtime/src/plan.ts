/**
 * Compiled forms of complex types and content models, shared by the serializer and the parser.
 * Plans are built lazily, once per descriptor object (cached in WeakMaps), so recursive and
 * thunked types cost nothing until used. Also the value tests both serializers share.
 */
import type { AnyDesc, AttrDesc, ComplexDesc, ElemDesc, GroupDesc, ParticleDesc, SimpleDesc, TypeRef } from './descriptors.js';
import { deref, isComplex } from './descriptors.js';
import { simplePlan, type SPlan } from './simple.js';

export const E = 0;
export const G = 1;
export const W = 2;

/** Key of an element or attribute name: `local`, or `{ns}local` when namespaced. */
export function nameKey(local: string, ns: string | undefined): string {
  return ns === undefined || ns === '' ? local : `{${ns}}${local}`;
}

interface NodeBase {
  readonly min: number;
  readonly max: number;
  /** Can match nothing. */
  readonly nullable: boolean;
  /** Element keys that can start this particle. */
  readonly fk: ReadonlySet<string>;
  /** A wildcard can start this particle. */
  readonly fw: boolean;
  /** Element keys anywhere in this particle. */
  readonly nk: ReadonlySet<string>;
  /** A wildcard anywhere in this particle. */
  readonly nw: boolean;
  /** Properties this particle puts on the object it is part of. */
  readonly props: readonly string[];
}

export interface ENode extends NodeBase {
  readonly kind: typeof E;
  readonly d: ElemDesc;
  readonly x: string;
  readonly key: string;
  readonly p: string;
  readonly nil: boolean;
  /** The element's default and fixed values (copied from `d`: one object shape for all nodes). */
  readonly def: string | undefined;
  readonly fix: string | undefined;
  /** The element's type, resolved on first use. */
  tp: TPlan | undefined;
}

export interface WNode extends NodeBase {
  readonly kind: typeof W;
  readonly d: AnyDesc;
  readonly p: string;
}

export interface GNode extends NodeBase {
  readonly kind: typeof G;
  readonly g: 's' | 'c' | 'a';
  /** Item array property (groups with max > 1 inside an object). */
  readonly p: string | undefined;
  readonly items: readonly PNode[];
  /** One iteration can be empty. */
  readonly bodyNullable: boolean;
  /** Choice/all: key → item index that can start with it; sequence: same as reach[0]. */
  readonly first: ReadonlyMap<string, number>;
  readonly firstWild: number;
  /** Choice: key → branch index, for any key inside the branch (error recovery). */
  readonly names: ReadonlyMap<string, number>;
  readonly namesWild: number;
  /** Sequence, for each position i (0..n): keys that can come next from items i.. skipping nullable ones. */
  readonly reach: readonly ReadonlyMap<string, number>[];
  /** `first` and `reach` as `KeyIndex`es (the matcher's lookups when nothing is skipped). */
  readonly firstIx: KeyIndex;
  readonly reachIx: readonly KeyIndex[];
  readonly reachWild: readonly number[];
  /** Sequence, for each position i: keys anywhere in items i.. (error recovery). */
  readonly ahead: readonly ReadonlyMap<string, number>[];
  readonly aheadWild: readonly number[];
  /** Sequence: items i.. are all nullable. */
  readonly nullFrom: readonly boolean[];
  /** Choice: properties of each branch. */
  readonly branchProps: readonly (readonly string[])[];
  /** Properties of one item object (groups with max > 1). */
  readonly itemProps: ReadonlySet<string>;
}

export type PNode = ENode | GNode | WNode;

/**
 * A small key → index table for the parser's hot lookups: the keys in an array searched with
 * `===` when there are few (cheaper than hashing each element name saxes hands over), the map
 * otherwise.
 */
export interface KeyIndex {
  readonly keys: readonly string[] | null;
  readonly vals: readonly number[];
  readonly map: ReadonlyMap<string, number>;
}

const LINEAR_MAX = 8;

function keyIndex(map: ReadonlyMap<string, number>): KeyIndex {
  return map.size <= LINEAR_MAX ? { keys: [...map.keys()], vals: [...map.values()], map } : { keys: null, vals: [], map };
}

/** `ix`'s index for `key`, or -1. */
export function findKey(ix: KeyIndex, key: string): number {
  const keys = ix.keys;
  if (keys === null) return ix.map.get(key) ?? -1;
  for (let i = 0; i < keys.length; i++) if (keys[i] === key) return ix.vals[i];
  return -1;
}

export interface APlan {
  readonly d: AttrDesc;
  readonly x: string;
  readonly key: string;
  readonly p: string;
  readonly sp: SPlan;
  readonly req: boolean;
}

export interface CPlan {
  readonly d: ComplexDesc;
  readonly name: string;
  readonly shape: ComplexDesc['shape'];
  readonly attrs: readonly APlan[];
  readonly attrMap: ReadonlyMap<string, APlan>;
  /** Content model as a group (an element or wildcard alone is wrapped in a sequence). */
  readonly root: GNode | null;
  /** `array` shape: the root is the repeating group whose items form the value. */
  readonly arrayRoot: boolean;
  /** Every element key in the content model. */
  readonly names: ReadonlySet<string>;
  /** Element key → property name, for messages about elements met out of place. */
  readonly propOf: ReadonlyMap<string, string>;
  readonly hasWild: boolean;
  /** Every property an `object`/`simple` value may have. */
  readonly props: ReadonlySet<string>;
  readonly sp: SPlan | null;
  readonly anyAttr: boolean;
  readonly mixed: boolean;
}

export type TPlan = { readonly cp: CPlan; readonly sp: null } | { readonly cp: null; readonly sp: SPlan };

const cplans = new WeakMap<ComplexDesc, CPlan>();
const EMPTY_SET: ReadonlySet<string> = new Set();

export function typePlan(t: TypeRef): TPlan {
  const d = deref(t);
  return isComplex(d) ? { cp: complexPlan(d), sp: null } : { cp: null, sp: simplePlan(d as SimpleDesc) };
}

export function elemType(e: ENode): TPlan {
  let tp = e.tp;
  if (tp === undefined) {
    tp = typePlan(e.d.t);
    e.tp = tp;
  }
  return tp;
}

export function complexPlan(d: ComplexDesc): CPlan {
  let p = cplans.get(d);
  if (p === undefined) {
    p = compileComplex(d);
    cplans.set(d, p);
  }
  return p;
}

function compileComplex(d: ComplexDesc): CPlan {
  const attrs: APlan[] = (d.attrs ?? []).map((a) => ({
    d: a,
    x: a.x,
    key: nameKey(a.x, a.ns),
    p: a.p,
    sp: simplePlan(a.t),
    req: a.req === true,
  }));
  const attrMap = new Map(attrs.map((a) => [a.key, a]));
  let root: GNode | null = null;
  let arrayRoot = false;
  if ((d.shape === 'object' || d.shape === 'array') && d.c !== undefined) {
    let c: ParticleDesc = d.c;
    if (d.shape === 'array') {
      while (c.k !== 'e' && c.k !== 'any' && c.max === 1 && c.items.length === 1) c = c.items[0];
      if (c.k === 'e' || c.k === 'any' || c.max <= 1) {
        throw new Error(`runtime: type ${d.n} has the array shape but its content is not a repeating group`);
      }
      arrayRoot = true;
      root = compileParticle(c) as GNode;
    } else {
      const n = compileParticle(c);
      root = n.kind === G ? n : makeGroup('s', 1, 1, undefined, [n]);
    }
  }
  const props = new Set<string>();
  for (const a of attrs) props.add(a.p);
  if (root !== null && !arrayRoot) for (const p of root.props) props.add(p);
  if (d.shape === 'simple') props.add('value');
  if (d.anyAttr) props.add('$attrs');
  props.add('$unknown');
  return {
    d,
    name: d.n,
    shape: d.shape,
    attrs,
    attrMap,
    root,
    arrayRoot,
    names: root?.nk ?? EMPTY_SET,
    propOf: collectProps(root),
    hasWild: root?.nw ?? false,
    props,
    sp: d.shape === 'simple' && d.s !== undefined ? simplePlan(d.s) : null,
    anyAttr: d.anyAttr === true,
    mixed: d.mixed === true,
  };
}

function collectProps(root: GNode | null): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (n: PNode): void => {
    if (n.kind === E) {
      if (!m.has(n.key)) m.set(n.key, n.p);
    } else if (n.kind === G) n.items.forEach(walk);
  };
  if (root !== null) walk(root);
  return m;
}

function compileParticle(d: ParticleDesc): PNode {
  if (d.k === 'e') {
    const key = nameKey(d.x, d.ns);
    const set = new Set([key]);
    return { kind: E, d, x: d.x, key, p: d.p, nil: d.nil === true, def: d.def, fix: d.fix, min: d.min, max: d.max, nullable: d.min === 0, fk: set, fw: false, nk: set, nw: false, props: [d.p], tp: undefined };
  }
  if (d.k === 'any') {
    return { kind: W, d, p: d.p, min: d.min, max: d.max, nullable: d.min === 0, fk: EMPTY_SET, fw: true, nk: EMPTY_SET, nw: true, props: [d.p] };
  }
  return makeGroup(d.k, d.min, d.max, d.max > 1 ? d.p : undefined, d.items.map(compileParticle), d);
}

function makeGroup(g: 's' | 'c' | 'a', min: number, max: number, p: string | undefined, items: PNode[], d?: GroupDesc): GNode {
  const n = items.length;
  let bodyNullable: boolean;
  if (g === 'c') bodyNullable = n === 0 || items.some((i) => i.nullable);
  else bodyNullable = items.every((i) => i.nullable);

  const first = new Map<string, number>();
  let firstWild = -1;
  const names = new Map<string, number>();
  let namesWild = -1;
  const reach: Map<string, number>[] = new Array<Map<string, number>>(n + 1);
  const reachWild: number[] = new Array<number>(n + 1);
  const ahead: Map<string, number>[] = new Array<Map<string, number>>(n + 1);
  const aheadWild: number[] = new Array<number>(n + 1);
  const nullFrom: boolean[] = new Array<boolean>(n + 1);
  reach[n] = new Map();
  reachWild[n] = -1;
  ahead[n] = new Map();
  aheadWild[n] = -1;
  nullFrom[n] = true;
  for (let i = n - 1; i >= 0; i--) {
    const it = items[i];
    const r = new Map<string, number>();
    for (const k of it.fk) r.set(k, i);
    if (it.nullable) for (const [k, j] of reach[i + 1]) if (!r.has(k)) r.set(k, j);
    reach[i] = r;
    reachWild[i] = it.fw ? i : it.nullable ? reachWild[i + 1] : -1;
    const a = new Map<string, number>();
    for (const k of it.nk) a.set(k, i);
    for (const [k, j] of ahead[i + 1]) if (!a.has(k)) a.set(k, j);
    ahead[i] = a;
    aheadWild[i] = it.nw ? i : aheadWild[i + 1];
    nullFrom[i] = it.nullable && nullFrom[i + 1];
  }
  const fk = new Set<string>();
  let fw = false;
  if (g === 's') {
    for (const k of reach[0].keys()) fk.add(k);
    for (const [k, i] of reach[0]) first.set(k, i);
    firstWild = reachWild[0];
    fw = firstWild >= 0;
  } else {
    items.forEach((it, i) => {
      for (const k of it.fk) {
        if (first.has(k)) {
          throw new Error(`runtime: element <${k}> can start two branches of a ${g === 'c' ? 'choice' : 'all group'} (${d?.p ?? 'anonymous'}): the content model is not deterministic`);
        }
        first.set(k, i);
        fk.add(k);
      }
      if (it.fw && firstWild < 0) firstWild = i;
    });
    fw = firstWild >= 0;
  }
  const nk = new Set<string>();
  let nw = false;
  items.forEach((it, i) => {
    for (const k of it.nk) {
      nk.add(k);
      if (!names.has(k)) names.set(k, i);
    }
    if (it.nw) {
      nw = true;
      if (namesWild < 0) namesWild = i;
    }
  });
  const inner: string[] = [];
  const branchProps = items.map((it) => it.props);
  for (const bp of branchProps) for (const q of bp) if (!inner.includes(q)) inner.push(q);
  const props = max > 1 ? (p !== undefined ? [p] : []) : inner;
  return {
    kind: G,
    g,
    min,
    max,
    p,
    items,
    nullable: min === 0 || bodyNullable,
    bodyNullable,
    fk,
    fw,
    nk,
    nw,
    props,
    first,
    firstIx: keyIndex(first),
    firstWild,
    names,
    namesWild,
    reach,
    reachIx: reach.map(keyIndex),
    reachWild,
    ahead,
    aheadWild,
    nullFrom,
    branchProps,
    itemProps: new Set(inner),
  };
}

/** Whether a wildcard's namespace constraint admits an element in namespace `ns` ('' for none). */
export function wildcardAdmits(w: WNode, ns: string): boolean {
  const c = w.d.ns;
  if (c === '##any' || c === '') return true;
  if (c === '##other') return ns !== '';
  for (const tok of c.split(/\s+/)) {
    if (tok === '##local' || tok === '##targetNamespace') {
      if (ns === '') return true;
    } else if (tok === ns) return true;
  }
  return false;
}

// -------------------------------------------------------------------------------------------------
// Values, as the serializer and its fast path see them

/** A plain object (not null, not an array): an `object`/`simple` value or a group item. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether any of `props` is present (not `undefined`) on `v`. */
export function anyPresent(props: readonly string[], v: Record<string, unknown>): boolean {
  for (let i = 0; i < props.length; i++) if (v[props[i]] !== undefined) return true;
  return false;
}

/** Whether property `k` of `v` is one the type does not have (`undefined` values and `$unknown` do not count). */
export function isUnknownProp(v: Record<string, unknown>, k: string, known: ReadonlySet<string>): boolean {
  return !known.has(k) && v[k] !== undefined && k !== '$unknown';
}

const rootNodes = new WeakMap<object, ENode>();

/** The root element of a document as an element particle (occurs exactly once). */
export function rootNode(root: { readonly x: string; readonly ns?: string; readonly t: TypeRef }): ENode {
  let n = rootNodes.get(root);
  if (n === undefined) {
    const d: ElemDesc = { k: 'e', x: root.x, p: root.x, t: root.t, min: 1, max: 1, ...(root.ns !== undefined ? { ns: root.ns } : {}) };
    n = compileParticle(d) as ENode;
    rootNodes.set(root, n);
  }
  return n;
}
