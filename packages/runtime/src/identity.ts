/**
 * Identity constraints (`xs:key`, `xs:keyref`, `xs:unique`; XML Schema 1.0, 3.11) checked on a
 * document the reader has accepted: duplicate key sequences, key fields that are missing, and
 * keyref values that no key in scope has, each reported with the element's path and line:column.
 *
 * Why a pass of its own rather than hooks in the reader: a constraint is decided only when the
 * element that declares it closes (a keyref may point forward), and its selector and fields are
 * paths over names, not over the content model the reader matches. So this module reads the
 * document again (saxes, as the reader does), building a light tree of names, attributes, text
 * and positions, with each element's declaration found by name in its parent's type (element
 * names identify declarations within a type: XML Schema's "Element Declarations Consistent").
 * It runs only once a tree whose schema declares constraints has enabled it
 * (`enableIdentityConstraints`, called by its descriptors), and then only for documents whose
 * descriptors declare a constraint somewhere (`hasIdentityConstraints`, computed once per root):
 * schemas without any (Plesk's) pay nothing, and their bundles do not hold this module.
 *
 * Values are compared as XML Schema says, by typed value: each field's text is read through its
 * attribute's or element's simple type (`1` and `01` are one `xs:int`), and values of different
 * kinds (a number and a string) never match. A field that selects more than one node, or an
 * element with element content, is a violation, as libxml2 reports it.
 *
 * Key sequences of a constraint declared on a descendant reach a keyref through the
 * descendants' node tables (3.11.5: a value that two descendants' tables hold differently is
 * left out).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { ComplexDesc, IdentityDesc, IdentityPathDesc, ParticleDesc, RootDesc, TypeRef } from './descriptors.js';
import { deref, isComplex } from './descriptors.js';
import type { Violation } from './errors.js';
import { E, G, elemType, nameKey, rootNode, type CPlan, type ENode, type GNode, type TPlan } from './plan.js';
import { parseSimple, type Problem, type SPlan } from './simple.js';
import { readerExtensions } from './parse.js';
import { xsiTypeOf } from './xsitype.js';
import { XSI } from './nsfrag.js';

const hasIdentity = new WeakMap<RootDesc, boolean>();

/** Whether any element reachable from `root` declares an identity constraint (computed once per root). */
export function hasIdentityConstraints(root: RootDesc): boolean {
  let known = hasIdentity.get(root);
  if (known === undefined) {
    known = (root.identity?.length ?? 0) > 0 || typeDeclares(root.type, new Set());
    hasIdentity.set(root, known);
  }
  return known;
}

function typeDeclares(t: TypeRef, seen: Set<ComplexDesc>): boolean {
  const d = deref(t);
  if (!isComplex(d) || seen.has(d)) return false;
  seen.add(d);
  return d.content !== undefined && particleDeclares(d.content, seen);
}

function particleDeclares(p: ParticleDesc, seen: Set<ComplexDesc>): boolean {
  if (p.particle === 'any') return false;
  if (p.particle === 'element') return (p.identity?.length ?? 0) > 0 || typeDeclares(p.type, seen);
  return p.particles.some((c) => particleDeclares(c, seen));
}

/** An element of the document, as much as identity constraints need of it. */
interface Node {
  readonly key: string;
  readonly attrs: Map<string, string>;
  text: string;
  readonly children: Node[];
  readonly parent: Node | null;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  /** Its declaration and type, when the schema gives one (not inside wildcards and untyped content). */
  readonly e: ENode | null;
  readonly t: TPlan | null;
  readonly identity: readonly IdentityDesc[] | undefined;
}

/** Where a declaration sits in its parent type: for paths (`group[i].element`). */
interface Placement {
  readonly e: ENode;
  /** The innermost repeating group around it, with its item property. */
  readonly group: GNode | null;
}

const placements = new WeakMap<CPlan, Map<string, Placement>>();

function placementsOf(cp: CPlan): Map<string, Placement> {
  let map = placements.get(cp);
  if (map === undefined) {
    map = new Map();
    const visit = (n: ENode | GNode | { kind: number }, group: GNode | null): void => {
      if (n.kind === E) {
        const e = n as ENode;
        if (!map!.has(e.key)) map!.set(e.key, { e, group });
      } else if (n.kind === G) {
        const g = n as GNode;
        const inner = g.max > 1 && g.property !== undefined ? g : group;
        for (const item of g.items) visit(item, inner);
      }
    };
    if (cp.root !== null) visit(cp.root, null);
    placements.set(cp, map);
  }
  return map;
}

/**
 * Makes reading check identity constraints. Generated descriptor modules whose elements declare
 * any call it when loaded; trees without constraints never do, so this module stays out of
 * their bundles.
 */
export function enableIdentityConstraints(): void {
  readerExtensions.identity = identityViolations;
}

/**
 * The identity-constraint violations of a document the reader has accepted against `root`
 * (empty when its schema declares none). `text` is the decoded document.
 */
export function identityViolations(root: RootDesc, text: string): Violation[] {
  if (!hasIdentityConstraints(root)) return [];
  const tree = readTree(root, text);
  if (tree === null) return [];
  const out: Violation[] = [];
  check(tree, out);
  return out;
}

function readTree(root: RootDesc, text: string): Node | null {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let top: Node | null = null;
  let cur: Node | null = null;
  let startLine = 1;
  let startColumn = 1;
  parser.on('opentagstart', () => {
    startLine = parser.line;
    // The position is just past the name; the tag starts at its `<`.
    startColumn = parser.column;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const key = nameKey(tag.local, tag.uri);
    const attrs = new Map<string, string>();
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || (a.prefix === '' && a.local === 'xmlns')) continue;
      attrs.set(nameKey(a.local, a.uri), a.value);
    }
    const column = Math.max(1, startColumn - tag.name.length - 1);
    let e: ENode | null = null;
    let path: string;
    let identity: readonly IdentityDesc[] | undefined;
    if (cur === null) {
      e = rootNode(root);
      path = e.property;
      identity = root.identity;
    } else {
      const cp = cur.t?.complex ?? null;
      const placed = cp === null ? undefined : placementsOf(cp).get(key);
      e = placed?.e ?? null;
      path = childPath(cur, key, placed);
      identity = e?.desc.identity;
    }
    let t = e === null ? null : elemType(e);
    if (t?.complex?.desc.xsiTypes !== undefined) {
      // An abstract declared type: the element's type is the one its xsi:type names.
      const xsi = Object.values(tag.attributes).find((a) => a.uri === XSI && a.local === 'type');
      if (xsi !== undefined) {
        const raw = xsi.value.trim();
        const prefix = raw.includes(':') ? raw.slice(0, raw.indexOf(':')) : '';
        const uri = parser.resolve(prefix) ?? (prefix === '' ? '' : undefined);
        const choice = xsiTypeOf(t.complex.desc, raw, uri === undefined ? {} : { [prefix]: uri });
        if (choice !== null && typeof choice !== 'string') t = choice.type;
      }
    }
    const node: Node = { key, attrs, text: '', children: [], parent: cur, line: startLine, column, path, e, t, identity };
    if (cur === null) top = node;
    else cur.children.push(node);
    cur = node;
  });
  parser.on('text', (t: string) => {
    if (cur !== null) cur.text += t;
  });
  parser.on('cdata', (t: string) => {
    if (cur !== null) cur.text += t;
  });
  parser.on('closetag', () => {
    cur = cur?.parent ?? null;
  });
  try {
    parser.write(text).close();
  } catch {
    return null; // the reader has reported the document's syntax already
  }
  return top;
}

/** The property path of a child, in the reader's terms as far as names tell it. */
function childPath(parent: Node, key: string, placed: Placement | undefined): string {
  if (placed === undefined) return `${parent.path}.${key}`;
  const { e, group } = placed;
  const before = parent.children.filter((c) => c.key === key).length;
  if (group !== null) {
    const map = placementsOf(parent.t!.complex!);
    const inGroup = (c: Node): boolean => map.get(c.key)?.group === group;
    const index = group.compositor === 'choice' ? parent.children.filter(inGroup).length : before;
    return `${parent.path}.${group.property}[${index}].${e.property}`;
  }
  return e.max > 1 ? `${parent.path}.${e.property}[${before}]` : `${parent.path}.${e.property}`;
}

// ---- Evaluating --------------------------------------------------------------------------------

function testName(test: string, key: string): boolean {
  if (test === '*') return true;
  if (test.endsWith('}*')) return key.startsWith(test.slice(0, -1)) && key.indexOf('}', 1) === test.length - 2;
  return test === key;
}

/** The elements `path`'s element steps select, from `context` (document order). */
function selectElements(context: Node, path: IdentityPathDesc): Node[] {
  const steps = path.steps;
  if (steps.length === 0) return [context];
  const out: Node[] = [];
  const walk = (n: Node, depth: number): void => {
    // `chain` of names below context: match the last `steps.length` names (descendant) or all.
    for (const c of n.children) {
      const d = depth + 1;
      if (path.descendant ? d >= steps.length : d <= steps.length) {
        if (matchesChain(c, context, steps, path.descendant === true)) out.push(c);
      }
      if (path.descendant || d < steps.length) walk(c, d);
    }
  };
  walk(context, 0);
  return out;
}

/** Whether the names from `context` down to `n` end with `steps` (and, unless `anyDepth`, are exactly them). */
function matchesChain(n: Node, context: Node, steps: readonly string[], anyDepth: boolean): boolean {
  let x: Node | null = n;
  for (let i = steps.length - 1; i >= 0; i--) {
    if (x === null || x === context || !testName(steps[i], x.key)) return false;
    x = x.parent;
  }
  return anyDepth ? x !== null : x === context;
}

type FieldValue = { ok: true; value: string } | { ok: false; message: string } | null;

/** One field of a selected node: its typed value as a comparable string, `null` when absent. */
function fieldValue(n: Node, alternatives: readonly IdentityPathDesc[]): FieldValue {
  const found: { value: string }[] = [];
  let complex = false;
  for (const path of alternatives) {
    for (const target of selectElements(n, path)) {
      if (path.attribute !== undefined) {
        for (const [key, raw] of target.attrs) {
          if (!testName(path.attribute, key)) continue;
          const sp = target.t?.complex?.attrMap.get(key)?.simple ?? null;
          found.push({ value: typedKey(sp, raw) });
        }
      } else {
        const t = target.t;
        const sp = t === null ? null : t.simple ?? t.complex.text;
        if (t !== null && sp === null) {
          complex = true;
          continue;
        }
        found.push({ value: typedKey(sp, target.text) });
      }
    }
  }
  if (found.length > 1) return { ok: false, message: 'selects more than one node' };
  if (found.length === 0) return complex ? { ok: false, message: 'selects an element that has no simple content' } : null;
  return { ok: true, value: found[0].value };
}

/** A value's identity as XML Schema compares it: its kind and its value read through its type. */
function typedKey(sp: SPlan | null, raw: string): string {
  if (sp === null) return `s:${raw}`;
  const problems: Problem[] = [];
  const v = parseSimple(sp, raw, problems);
  if (problems.length > 0) return `s:${raw}`; // the reader refused it already
  switch (sp.kind) {
    case 'number':
    case 'integer':
    case 'bigint':
      return `n:${String(v)}`;
    case 'decimal':
      return `n:${canonicalDecimal(String(v))}`;
    case 'boolean':
      return `b:${String(v)}`;
    case 'list':
      return `l:${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))}`;
    default:
      return `s:${String(v)}`;
  }
}

function canonicalDecimal(s: string): string {
  const m = /^([+-]?)0*(\d*)(?:\.(\d*?)0*)?$/.exec(s.trim());
  if (m === null) return s;
  const int = m[2] === '' ? '0' : m[2];
  const frac = m[3] ?? '';
  const sign = m[1] === '-' && (int !== '0' || frac !== '') ? '-' : '';
  return frac === '' ? `${sign}${int}` : `${sign}${int}.${frac}`;
}

function showSequence(values: readonly string[]): string {
  return `[${values.map((v) => `'${v.slice(2)}'`).join(', ')}]`;
}

/** A constraint's node table: key sequence → the node that has it. */
type Table = Map<string, Node>;

interface Tables {
  /** Per constraint name: the tables of this element and its descendants, for keyrefs above. */
  readonly byName: Map<string, Table[]>;
}

/**
 * Checks the constraints declared in `n`'s subtree, innermost first; returns the node tables of
 * the keys and uniques in it, for keyrefs declared further up.
 */
function check(n: Node, out: Violation[]): Tables {
  const below: Tables = { byName: new Map() };
  for (const c of n.children) {
    const t = check(c, out);
    for (const [name, tables] of t.byName) {
      const list = below.byName.get(name) ?? [];
      list.push(...tables);
      below.byName.set(name, list);
    }
  }
  if (n.identity === undefined) return below;
  const own = new Map<string, Table>();
  // Keys and uniques first, so a keyref on the same element sees them.
  for (const c of n.identity) if (c.constraint !== 'keyref') own.set(c.name, table(n, c, out));
  for (const c of n.identity) {
    if (c.constraint !== 'keyref' || c.refer === undefined) continue;
    const target = own.get(c.refer) ?? merged(below.byName.get(c.refer) ?? []);
    for (const [node, seq] of sequences(n, c, out)) {
      if (!target.has(seq.join('\u0000'))) {
        out.push({ path: node.path, message: `no match found for key-sequence ${showSequence(seq)} of keyref "${c.name}" (refers to "${c.refer}")`, line: node.line, column: node.column });
      }
    }
  }
  const result: Tables = { byName: new Map(below.byName) };
  for (const [name, t] of own) result.byName.set(name, [t]);
  return result;
}

/** The key sequences of a constraint's selected nodes (all fields present), reporting field problems. */
function sequences(n: Node, c: IdentityDesc, out: Violation[]): [Node, string[]][] {
  const result: [Node, string[]][] = [];
  const selected = new Set<Node>();
  for (const path of c.selector) for (const s of selectElements(n, path)) selected.add(s);
  const ordered = [...selected].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const s of ordered) {
    const seq: string[] = [];
    let complete = true;
    for (let i = 0; i < c.fields.length; i++) {
      const v = fieldValue(s, c.fields[i]);
      if (v === null) {
        complete = false;
        if (c.constraint === 'key') {
          out.push({ path: s.path, message: `field ${i + 1} of key "${c.name}" selects nothing: every element the key selects must have each field`, line: s.line, column: s.column });
        }
        break;
      }
      if (!v.ok) {
        complete = false;
        out.push({ path: s.path, message: `field ${i + 1} of ${c.constraint} "${c.name}" ${v.message}`, line: s.line, column: s.column });
        break;
      }
      seq.push(v.value);
    }
    if (complete) result.push([s, seq]);
  }
  return result;
}

function table(n: Node, c: IdentityDesc, out: Violation[]): Table {
  const t: Table = new Map();
  for (const [node, seq] of sequences(n, c, out)) {
    const key = seq.join('\u0000');
    const first = t.get(key);
    if (first !== undefined) {
      out.push({
        path: node.path,
        message: `duplicate key-sequence ${showSequence(seq)} in ${c.constraint} "${c.name}" (first at line ${first.line}, column ${first.column})`,
        line: node.line,
        column: node.column,
      });
      continue;
    }
    t.set(key, node);
  }
  return t;
}

/** The descendants' tables of one constraint as one (3.11.5: a sequence two of them hold is left out). */
function merged(tables: Table[]): Table {
  if (tables.length === 1) return tables[0];
  const out: Table = new Map();
  const conflicting = new Set<string>();
  for (const t of tables) {
    for (const [k, node] of t) {
      if (out.has(k)) conflicting.add(k);
      else out.set(k, node);
    }
  }
  for (const k of conflicting) out.delete(k);
  return out;
}
