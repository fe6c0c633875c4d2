/**
 * Compiled forms of complex types and content models, shared by the serializer and the parser.
 * Plans are built lazily, once per descriptor object (cached in WeakMaps), so recursive and
 * thunked types cost nothing until used.
 */
import type { AnyDesc, AttrDesc, ComplexDesc, ElemDesc, GroupDesc, ParticleDesc, RootDesc, SimpleDesc, TypeRef } from './descriptors.js';
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
  readonly firstKeys: ReadonlySet<string>;
  /** A wildcard can start this particle. */
  readonly startsWithWildcard: boolean;
  /** Element keys anywhere in this particle. */
  readonly allKeys: ReadonlySet<string>;
  /** A wildcard anywhere in this particle. */
  readonly hasWildcard: boolean;
  /** Properties this particle puts on the object it is part of. */
  readonly props: readonly string[];
}

export interface ENode extends NodeBase {
  readonly kind: typeof E;
  readonly desc: ElemDesc;
  readonly xmlName: string;
  readonly key: string;
  readonly property: string;
  readonly nillable: boolean;
  /** The element's default and fixed values (copied from `desc`: one object shape for all nodes). */
  readonly defaultValue: string | undefined;
  readonly fixedValue: string | undefined;
  /** The element's type, resolved on first use. */
  typePlan: TPlan | undefined;
}

export interface WNode extends NodeBase {
  readonly kind: typeof W;
  readonly desc: AnyDesc;
  readonly property: string;
}

export interface GNode extends NodeBase {
  readonly kind: typeof G;
  readonly compositor: GroupDesc['particle'];
  /** Item array property (groups with max > 1 inside an object). */
  readonly property: string | undefined;
  readonly items: readonly PNode[];
  /** One iteration can be empty. */
  readonly bodyNullable: boolean;
  readonly firstWild: number;
  /** Choice: key → branch index, for any key inside the branch (error recovery). */
  readonly names: ReadonlyMap<string, number>;
  readonly namesWild: number;
  /** Sequence, for each position i (0..n): keys that can come next from items i.. skipping nullable ones. */
  readonly reach: readonly ReadonlyMap<string, number>[];
  /** Choice/all: key → item index that can start with it (sequence: as `reach[0]`), and `reach`, as `KeyIndex`es (the matcher's lookups when nothing is skipped). */
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
  readonly desc: AttrDesc;
  readonly xmlName: string;
  readonly key: string;
  readonly property: string;
  readonly simple: SPlan;
  readonly required: boolean;
}

export interface CPlan {
  readonly desc: ComplexDesc;
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
  readonly text: SPlan | null;
  readonly anyAttr: boolean;
  readonly mixed: boolean;
}

export type TPlan = { readonly complex: CPlan; readonly simple: null } | { readonly complex: null; readonly simple: SPlan };

const cplans = new WeakMap<ComplexDesc, CPlan>();
const EMPTY_SET: ReadonlySet<string> = new Set();

export function typePlan(t: TypeRef): TPlan {
  const d = deref(t);
  return isComplex(d) ? { complex: complexPlan(d), simple: null } : { complex: null, simple: simplePlan(d as SimpleDesc) };
}

export function elemType(e: ENode): TPlan {
  let tp = e.typePlan;
  if (tp === undefined) {
    tp = typePlan(e.desc.type);
    e.typePlan = tp;
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
  const attrs: APlan[] = (d.attributes ?? []).map((a) => ({
    desc: a,
    xmlName: a.xmlName,
    key: nameKey(a.xmlName, a.namespace),
    property: a.property,
    simple: simplePlan(a.type),
    required: a.required === true,
  }));
  const attrMap = new Map(attrs.map((a) => [a.key, a]));
  let root: GNode | null = null;
  let arrayRoot = false;
  if ((d.shape === 'object' || d.shape === 'array') && d.content !== undefined) {
    let c: ParticleDesc = d.content;
    if (d.shape === 'array') {
      while (c.particle !== 'element' && c.particle !== 'any' && c.maxOccurs === 1 && c.particles.length === 1) c = c.particles[0];
      if (c.particle === 'element' || c.particle === 'any' || c.maxOccurs <= 1) {
        throw new Error(`runtime: type ${d.name} has the array shape but its content is not a repeating group`);
      }
      arrayRoot = true;
      root = compileParticle(c) as GNode;
    } else {
      const n = compileParticle(c);
      root = n.kind === G ? n : makeGroup('sequence', 1, 1, undefined, [n]);
    }
  }
  const props = new Set<string>();
  for (const a of attrs) props.add(a.property);
  if (root !== null && !arrayRoot) for (const p of root.props) props.add(p);
  if (d.shape === 'simple') props.add('value');
  if (d.anyAttribute) props.add('$attrs');
  props.add('$unknown');
  return {
    desc: d,
    name: d.name,
    shape: d.shape,
    attrs,
    attrMap,
    root,
    arrayRoot,
    names: root?.allKeys ?? EMPTY_SET,
    propOf: collectProps(root),
    hasWild: root?.hasWildcard ?? false,
    props,
    text: d.shape === 'simple' && d.text !== undefined ? simplePlan(d.text) : null,
    anyAttr: d.anyAttribute === true,
    mixed: d.mixed === true,
  };
}

function collectProps(root: GNode | null): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (n: PNode): void => {
    if (n.kind === E) {
      if (!m.has(n.key)) m.set(n.key, n.property);
    } else if (n.kind === G) n.items.forEach(walk);
  };
  if (root !== null) walk(root);
  return m;
}

function compileParticle(d: ParticleDesc): PNode {
  if (d.particle === 'element') {
    const key = nameKey(d.xmlName, d.namespace);
    const set = new Set([key]);
    return { kind: E, desc: d, xmlName: d.xmlName, key, property: d.property, nillable: d.nillable === true, defaultValue: d.default, fixedValue: d.fixed, min: d.minOccurs, max: d.maxOccurs, nullable: d.minOccurs === 0, firstKeys: set, startsWithWildcard: false, allKeys: set, hasWildcard: false, props: [d.property], typePlan: undefined };
  }
  if (d.particle === 'any') {
    return { kind: W, desc: d, property: d.property, min: d.minOccurs, max: d.maxOccurs, nullable: d.minOccurs === 0, firstKeys: EMPTY_SET, startsWithWildcard: true, allKeys: EMPTY_SET, hasWildcard: true, props: [d.property] };
  }
  return makeGroup(d.particle, d.minOccurs, d.maxOccurs, d.maxOccurs > 1 ? d.property : undefined, d.particles.map(compileParticle), d);
}

function makeGroup(g: GroupDesc['particle'], min: number, max: number, p: string | undefined, items: PNode[], d?: GroupDesc): GNode {
  const n = items.length;
  let bodyNullable: boolean;
  if (g === 'choice') bodyNullable = n === 0 || items.some((i) => i.nullable);
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
    for (const k of it.firstKeys) r.set(k, i);
    if (it.nullable) for (const [k, j] of reach[i + 1]) if (!r.has(k)) r.set(k, j);
    reach[i] = r;
    reachWild[i] = it.startsWithWildcard ? i : it.nullable ? reachWild[i + 1] : -1;
    const a = new Map<string, number>();
    for (const k of it.allKeys) a.set(k, i);
    for (const [k, j] of ahead[i + 1]) if (!a.has(k)) a.set(k, j);
    ahead[i] = a;
    aheadWild[i] = it.hasWildcard ? i : aheadWild[i + 1];
    nullFrom[i] = it.nullable && nullFrom[i + 1];
  }
  const fk = new Set<string>();
  let fw = false;
  if (g === 'sequence') {
    for (const k of reach[0].keys()) fk.add(k);
    for (const [k, i] of reach[0]) first.set(k, i);
    firstWild = reachWild[0];
    fw = firstWild >= 0;
  } else {
    items.forEach((it, i) => {
      for (const k of it.firstKeys) {
        if (first.has(k)) {
          throw new Error(`runtime: element <${k}> can start two branches of a ${g === 'choice' ? 'choice' : 'all group'} (${d?.property ?? 'anonymous'}): the content model is not deterministic`);
        }
        first.set(k, i);
        fk.add(k);
      }
      if (it.startsWithWildcard && firstWild < 0) firstWild = i;
    });
    fw = firstWild >= 0;
  }
  const nk = new Set<string>();
  let nw = false;
  items.forEach((it, i) => {
    for (const k of it.allKeys) {
      nk.add(k);
      if (!names.has(k)) names.set(k, i);
    }
    if (it.hasWildcard) {
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
    compositor: g,
    min,
    max,
    property: p,
    items,
    nullable: min === 0 || bodyNullable,
    bodyNullable,
    firstKeys: fk,
    startsWithWildcard: fw,
    allKeys: nk,
    hasWildcard: nw,
    props,
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
  return namespaceAdmits(w.desc.namespaces, ns);
}

/** Whether the namespace constraint `c` (`AnyDesc.namespaces`) admits namespace `ns` ('' for none). */
export function namespaceAdmits(c: string | undefined, ns: string): boolean {
  if (c === '##any' || !c) return true;
  // `##other`, with `!URI` for each namespace it leaves out besides none.
  if (c.startsWith('##other')) return ns !== '' && !`${c} `.includes(` !${ns} `);
  for (const tok of c.split(/\s+/)) {
    if (tok === '##local' || tok === '##targetNamespace') {
      if (ns === '') return true;
    } else if (tok === ns) return true;
  }
  return false;
}

const rootNodes = new WeakMap<object, ENode>();

/** The root element of a document as an element particle (occurs exactly once). */
export function rootNode(root: RootDesc): ENode {
  let n = rootNodes.get(root);
  if (n === undefined) {
    const d: ElemDesc = { particle: 'element', xmlName: root.xmlName, property: root.xmlName, type: root.type, minOccurs: 1, maxOccurs: 1, ...(root.namespace !== undefined ? { namespace: root.namespace } : {}) };
    n = compileParticle(d) as ENode;
    rootNodes.set(root, n);
  }
  return n;
}

const globalNodeMaps = new WeakMap<RootDesc, ReadonlyMap<string, ENode>>();

/**
 * The global element declarations of `root`'s set by element key: the root's and
 * `root.globals` (what lax content validates an element against when its name matches one).
 */
export function globalNodes(root: RootDesc): ReadonlyMap<string, ENode> {
  let m = globalNodeMaps.get(root);
  if (m === undefined) {
    const r = rootNode(root);
    const map = new Map<string, ENode>([[r.key, r]]);
    for (const g of root.globals ?? []) {
      const n = rootNode(g as RootDesc);
      if (!map.has(n.key)) map.set(n.key, n);
    }
    m = map;
    globalNodeMaps.set(root, m);
  }
  return m;
}
