/**
 * Serializer: value → XML text, in schema (particle) order, checking everything the schema says
 * while writing.
 *
 * ## One writer, three modes
 * The writer is compiled from the plans (`plan.ts`) once: one closure per complex type (on its
 * first value, so recursive and thunked types cost nothing until used), one per element (given its
 * value; a particle reads it from its property), and one text record per simple type (for element
 * text and for attribute values) with a shortcut for the common values that need a single test: a
 * plain string with nothing to escape (one regex test), an enumerated value (one lookup of its
 * escaped text, or of the whole element), a safe integer within exact bounds, a boolean.
 * Everything else takes the full conversion and check (`toLexical` in `simple.ts`). On the first
 * try, an object whose content is a sequence of elements occurring at most once (most content
 * models) is written from its keys in one pass when they follow schema order (`recordWriter`), and
 * an item of a repeating choice hands the value it found to its branch's element: no property is
 * then looked up by name (a megamorphic lookup, as every type shares the writers' code). Each
 * writer returns the text it writes ('' for nothing) and its caller joins the pieces in a local
 * string: a module-level accumulator would cost a write barrier for every piece stored into the
 * module's state (6.5% of the writer's time under perf). The writers check every rule on the way;
 * every rule the value can break goes through `fail` (or `refuse`), and what that does is the only
 * thing that differs between the modes:
 * - `FAST` (validating, the first try): the first violation throws a private sentinel; no
 *   property path is kept and no message is built while all is well.
 * - `DESCRIBE` (validating, after the sentinel): the same writers walk the value again, keeping
 *   the property path, and record every violation; `serialize` then throws a
 *   `SchemaViolationError` listing all of them. It never returns partial output.
 * - `LAX` (`validate: false`): the rules are not enforced; the writer writes what it was given
 *   where it can (every present branch of a choice, a `null` that is not nillable as `xsi:nil`).
 *   A value that cannot be turned into text at all (a number where a string belongs) is still
 *   refused.
 * So there is no second serializer to keep in step with this one, no fallback and no switch:
 * what the first try accepts is exactly what the describing walk finds no fault with
 * (`test/runtime/serialize-modes.test.ts` holds the two to each other on the real set).
 *
 * Notes on the binding as written:
 * - A property whose value is `undefined` counts as absent.
 * - `$unknown` (elements kept by lenient parsing) is accepted and not written: its position in
 *   the content is not known.
 * - `XmlFragment`s are written as given, except for namespace declarations on their outermost
 *   elements: one already in scope is left out, `xmlns=""` is added where the surrounding output
 *   has a default namespace the fragment does not use (`nsfrag.ts`); a prefix bound nowhere is a
 *   violation. With validation on they must be well-formed, and the content of an untyped
 *   element is checked as parsing checks it (a `<packet>` inside must be a valid packet: libxml2
 *   validates it, and so does Plesk).
 * - An untyped element's `AnyElement` value writes its `attributes` as given.
 */
import { notInstalled, type RootDesc, type XmlFragment, type XsiTypeDesc } from './descriptors.js';
import { SchemaViolationError, type Violation } from './errors.js';
import { E, G, elemType, rootNode, type CPlan, type ENode, type GNode, type PNode, type WNode } from './plan.js';
import { fixedValue, notXmlChar, toLexical, type Problem, type SPlan } from './simple.js';
import { escapeAttr, escapeText, RE_ATTR_NOT_PLAIN, RE_TEXT_NOT_PLAIN } from './escape.js';
import { XML_NS, XSI } from './nsfrag.js';
import type { NamespacePrefixes } from './nsprefix.js';

export { escapeAttr, escapeText } from './escape.js';

export interface SerializeOptions {
  /** `true` for two spaces, or the indent string; compact output by default. */
  readonly indent?: boolean | string;
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` first (default true). */
  readonly declaration?: boolean;
  /** Check the value against the schema before writing (default true). */
  readonly validate?: boolean;
}

const DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const NIL_TAIL = ` xsi:nil="true" xmlns:xsi="${XSI}"/>`;

// -------------------------------------------------------------------------------------------------
// The state of the document being written (one at a time; saved around a nested call)

const FAST = 0;
const DESCRIBE = 1;
const LAX = 2;
type Mode = typeof FAST | typeof DESCRIBE | typeof LAX;

/** Thrown by `fail` in FAST mode: the value breaks a rule, describe it in a second walk. */
const BROKEN = { broken: true };

let mode: Mode = FAST;
/** Keep the property path (every mode but FAST). */
let track = false;
/** Default namespace in scope. */
let ns = '';
/** The indent string, or null for compact output. */
let ind: string | null = null;
/** Newline and indentation per depth, for `ind`. */
let nls: string[] = [];
/** Path segments: property names and array indexes (kept when `track`). */
let path: (string | number)[] = [];
let violations: Violation[] = [];
/** The document being written (untyped content is checked against its global element). */
let docRoot: RootDesc | null = null;
/** Its namespace prefixes (`nsprefix.ts`), or null. */
let tbl: NamespacePrefixes | null = null;
/** The prefixes of `tbl` written (`NamespacePrefixes.finish`). */
let usedNs = 0;
/**
 * The properties of the object being written that were found present and written (each object
 * gives its parent's count back when done). In FAST mode an object with no more keys than that
 * has no property its type does not know: the full check (`checkKnown`) runs only when the
 * numbers differ. A property belongs to one particle or attribute, so none is counted twice.
 */
let seen = 0;
/** Scratch for simple-type problems (always left empty). */
const problems: Problem[] = [];

function pathString(extra: string | undefined): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s.length === 0 ? seg : `.${seg}`;
  }
  if (extra !== undefined) s += s.length === 0 ? extra : `.${extra}`;
  return s;
}

/**
 * The value breaks a rule of the schema. FAST: throws `BROKEN`. DESCRIBE: records the violation
 * and returns true (leave out what it concerns). LAX: returns false (write it anyway).
 */
export function fail(message: string, extra?: string): boolean {
  if (mode === FAST) throw BROKEN;
  if (mode === LAX) return false;
  violations.push({ path: pathString(extra), message });
  return true;
}

/** The value cannot be written at all (a simple value's conversion failed): recorded in LAX mode too. */
function refuse(message: string, extra?: string): void {
  if (mode === FAST) throw BROKEN;
  violations.push({ path: pathString(extra), message });
}

/** Newline and indentation for `depth` (only called with `ind` set). */
function nl(depth: number): string {
  let s = nls[depth];
  if (s === undefined) {
    s = `\n${ind!.repeat(depth)}`;
    nls[depth] = s;
  }
  return s;
}

/**
 * Writes `value` as the document described by `root`. Throws `SchemaViolationError` listing every
 * problem (with validation on, the default); never returns partial output.
 */
export function serialize(root: RootDesc, value: unknown, options: SerializeOptions = {}): string {
  const indent = options.indent === true ? '  ' : typeof options.indent === 'string' && options.indent !== '' ? options.indent : null;
  const r = write(root, value, options.validate === false ? LAX : FAST, indent);
  if (r.violations.length > 0) throw new SchemaViolationError(r.violations);
  // With indentation every element starts on a new line, the root too: drop that first newline.
  const xml = indent !== null ? r.xml.slice(1) : r.xml;
  if (options.declaration === false) return xml;
  return indent !== null ? `${DECL}\n${xml}` : DECL + xml;
}

/**
 * The describing walk alone: the text written and every violation (each with its path), as
 * `serialize` finds them after its first try fails. For tests: `serialize` must return exactly
 * this text when the list is empty and throw exactly this list otherwise.
 */
export function describeSerialization(root: RootDesc, value: unknown): { readonly xml: string; readonly violations: readonly Violation[] } {
  return write(root, value, DESCRIBE, null);
}

function write(root: RootDesc, value: unknown, first: Mode, indent: string | null): { xml: string; violations: Violation[] } {
  // Saved for a nested call (a getter that serializes): the state is the module's.
  const [m0, t0, n0, i0, l0, p0, v0, r0, s0, b0] = [mode, track, ns, ind, nls, path, violations, docRoot, seen, tbl];
  const writer = elemWriter(rootNode(root));
  docRoot = root;
  tbl = root.prefixes ?? null;
  if (ind !== indent) {
    ind = indent;
    nls = [];
  }
  try {
    if (first === FAST) {
      try {
        return { xml: walk(writer, root, value, FAST), violations: [] };
      } catch (e) {
        if (e !== BROKEN) throw e;
      }
      first = DESCRIBE;
    }
    const xml = walk(writer, root, value, first);
    return { xml, violations };
  } finally {
    [mode, track, ns, ind, nls, path, violations, docRoot, seen, tbl] = [m0, t0, n0, i0, l0, p0, v0, r0, s0, b0];
  }
}

/** Never pushed to: the path of FAST mode. */
const NO_PATH: (string | number)[] = [];

function walk(writer: ElemWriter, root: RootDesc, value: unknown, m: Mode): string {
  mode = m;
  track = m !== FAST;
  ns = '';
  seen = 0;
  path = track ? [root.xmlName] : NO_PATH;
  violations = track ? [] : violations;
  usedNs = 0;
  // What the root's value says of the document itself (`SchemaLocations`, where installed).
  const hints = rootHints !== null && isObject(value) ? rootHints(value) : null;
  const xml = writer(hints === null ? value : hints.value, 0);
  const done = tbl !== null ? tbl.finish(xml, root.xmlName, usedNs) : xml;
  return hints === null ? done : hints.finish(done);
}

/**
 * Properties of the root's value that are not the root element's but the document's (the
 * `SchemaLocations` of `locations.ts`): given the root's value, null when it has none, else the
 * value without them and what finishes the written document with them.
 */
export type RootHints = (v: Record<string, unknown>) => { readonly value: Record<string, unknown>; finish(xml: string): string } | null;

let rootHints: RootHints | null = null;

/** Installs the root's document properties (called by `locations.ts`). */
export function useRootHints(h: RootHints): void {
  rootHints = h;
}

// -------------------------------------------------------------------------------------------------
// Value tests and messages

/** A plain object (not null, not an array): an `object`/`simple` value or a group item. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isFragment(v: unknown): v is XmlFragment {
  return typeof v === 'object' && v !== null && typeof (v as { xml?: unknown }).xml === 'string';
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

/** The number of enumerable keys of `v`. */
function keyCount(v: Record<string, unknown>): number {
  let n = 0;
  for (const _ in v) n++;
  return n;
}

/** Properties of `v` its type does not have (`undefined` values and `$unknown` do not count). */
export function checkKnown(v: Record<string, unknown>, known: ReadonlySet<string>, typeName: string): void {
  for (const k in v) {
    if (!known.has(k) && v[k] !== undefined && k !== '$unknown') fail(`unknown property (type ${typeName} has no property ${JSON.stringify(k)})`, k);
  }
}

function checkOccurs(n: number, min: number, max: number, what: string): void {
  if (n < min) fail(`${n} ${what}; at least ${min} required`);
  else if (n > max) fail(`${n} ${what}; at most ${max} allowed`);
}

/** Whether any of `props` is present (not `undefined`) on `v`. */
function anyPresent(props: readonly string[], v: Record<string, unknown>): boolean {
  for (let i = 0; i < props.length; i++) if (v[props[i]] !== undefined) return true;
  return false;
}

// -------------------------------------------------------------------------------------------------
// Simple values

/**
 * How a text record checks a value before the full conversion (`toLexical`): `FULL`, none;
 * `PLAIN_STRING`, a string without facets (one test that it holds XML characters only and needs
 * no escaping); `ENUM`, an enumerated string (one lookup of its escaped text); `INTEGER`, a safe
 * integer within exact bounds (infinite when there are none); `BOOLEAN`, a boolean without facets.
 */
const FULL = 0;
const PLAIN_STRING = 1;
const ENUM = 2;
const INTEGER = 3;
const BOOLEAN = 4;
type Quick = typeof FULL | typeof PLAIN_STRING | typeof ENUM | typeof INTEGER | typeof BOOLEAN;

/** A simple type as written in element text or in an attribute value. */
interface Txt {
  readonly sp: SPlan;
  readonly attr: boolean;
  readonly quick: Quick;
  readonly notPlain: RegExp;
  /** ENUM: each enumeration value the full check accepts → its escaped text. */
  readonly known: ReadonlyMap<string, string> | null;
  readonly min: number;
  readonly max: number;
  readonly minX: number;
  readonly maxX: number;
}

const elemTexts = new WeakMap<SPlan, Txt>();
const attrTexts = new WeakMap<SPlan, Txt>();

function txtOf(sp: SPlan, attr: boolean): Txt {
  const cache = attr ? attrTexts : elemTexts;
  let t = cache.get(sp);
  if (t === undefined) {
    t = compileTxt(sp, attr);
    cache.set(sp, t);
  }
  return t;
}

function compileTxt(sp: SPlan, attr: boolean): Txt {
  let quick: Quick = FULL;
  let known: Map<string, string> | null = null;
  let bounds: readonly number[] = [-Infinity, Infinity, -Infinity, Infinity];
  if (sp.kind === 'string' && sp.plain) quick = PLAIN_STRING;
  else if (sp.kind === 'string' && sp.enumeration !== null) {
    quick = ENUM;
    known = new Map();
    for (const x of sp.enumeration) {
      const lex = toLexical(sp, x, problems, true);
      if (problems.length === 0 && lex !== undefined) known.set(x, attr ? escapeAttr(lex) : escapeText(lex));
      problems.length = 0;
    }
  } else if (sp.kind === 'integer' && (sp.plain || sp.intBounds !== null)) {
    quick = INTEGER;
    if (sp.intBounds !== null) bounds = sp.intBounds;
  } else if (sp.kind === 'boolean' && sp.plain) quick = BOOLEAN;
  const [min, max, minX, maxX] = bounds;
  return { sp, attr, quick, notPlain: attr ? RE_ATTR_NOT_PLAIN : RE_TEXT_NOT_PLAIN, known, min, max, minX, maxX };
}

/** A simple value's escaped text; undefined when it cannot be written (reported, under `extra`). */
function text(t: Txt, v: unknown, extra: string | undefined): string | undefined {
  switch (t.quick) {
    case PLAIN_STRING:
      if (typeof v === 'string' && !t.notPlain.test(v)) return v;
      break;
    case ENUM:
      if (typeof v === 'string') {
        const s = t.known!.get(v);
        if (s !== undefined) return s;
      }
      break;
    case INTEGER:
      if (typeof v === 'number' && Number.isSafeInteger(v) && v >= t.min && v <= t.max && v > t.minX && v < t.maxX) return String(v);
      break;
    case BOOLEAN:
      if (v === true) return 'true';
      if (v === false) return 'false';
      break;
  }
  return fullText(t, v, extra);
}

function fullText(t: Txt, v: unknown, extra: string | undefined): string | undefined {
  const lex = toLexical(t.sp, v, problems, mode !== LAX);
  if (problems.length > 0) {
    const ps = problems.splice(0);
    for (const p of ps) refuse(p.msg, extra);
    return undefined;
  }
  return lex === undefined ? undefined : t.attr ? escapeAttr(lex) : escapeText(lex);
}

// -------------------------------------------------------------------------------------------------
// Elements

/** The tags of an element, as written with or without its namespace declaration. */
export interface Tags {
  /** The element name, for messages. */
  readonly x: string;
  /** With a prefix of the document's table: its bit (`NamespacePrefixes.used`); else 0. */
  readonly bit: number;
  /** `<x` (with `xmlns="…"` when declared) */
  readonly open: string;
  /** `<x>` */
  readonly gt: string;
  /** `<x/>` */
  readonly empty: string;
  /** `</x>` */
  readonly close: string;
}

export function tags(x: string, open: string): Tags {
  return { x, bit: 0, open, gt: `${open}>`, empty: `${open}/>`, close: `</${x}>` };
}

/** A type's writer, compiled on its first call (types may be recursive or thunked). */
interface TypeSlot {
  write(v: unknown, t: Tags, depth: number): string;
}
/** The content a particle contributes from an object's properties. */
type PartWriter = (obj: Record<string, unknown>, depth: number) => string;
/** One item of a repeating group. */
type ItemWriter = (item: unknown, depth: number) => string;
/** Writes an element, given its value. */
type ElemWriter = (v: unknown, depth: number) => string;

const elemWriters = new WeakMap<ENode, ElemWriter>();

/** The writer of element `e`, compiled once. */
function elemWriter(e: ENode): ElemWriter {
  let w = elemWriters.get(e);
  if (w === undefined) {
    w = compileElem(e);
    elemWriters.set(e, w);
  }
  return w;
}

/**
 * Property `from` of `o`, with its name pushed onto the path (when kept); undefined when absent
 * (a violation when `required`).
 */
function own(o: Record<string, unknown>, from: string, required: boolean, missing: string): unknown {
  const v = o[from];
  if (v === undefined) {
    if (required) fail(missing, from);
    return v;
  }
  seen++;
  if (track) path.push(from);
  return v;
}

/** `xsi:nil="true"` for `null`, when the element is nillable. */
function writeNil(nillable: boolean, t: Tags, depth: number): string {
  if (!nillable && fail(`null is not allowed: element <${t.x}> is not nillable`)) return '';
  return ind === null ? t.open + NIL_TAIL : nl(depth) + t.open + NIL_TAIL;
}

function compileElem(e: ENode): ElemWriter {
  const x = e.xmlName;
  const ens = e.desc.namespace ?? '';
  // Without a namespace change and with one: the element's namespace against the one in scope.
  const same = tags(x, `<${x}`);
  const decl = tags(x, `<${x} xmlns="${escapeAttr(ens)}"`);
  // With the prefix the document's table gives the namespace (asked again for another table).
  let pFor: NamespacePrefixes | null | 0 = 0;
  let pt: Tags | null = null;
  const tg = (): Tags => {
    if (pFor !== tbl) pt = (pFor = tbl) && tbl!.tags(x, ens);
    const t = pt ?? (ens === ns ? same : decl);
    usedNs |= t.bit;
    return t;
  };
  const nillable = e.nillable;
  const tp = elemType(e);
  if (tp.simple !== null) {
    const txt = txtOf(tp.simple, false);
    const fixed = e.desc.fixed;
    const fixedText = fixed === undefined ? undefined : escapeText(fixed);
    // An enumerated value: the whole element, known in advance.
    const whole = new Map<string, string>();
    if (txt.known !== null) for (const [v, t] of txt.known) if (fixedText === undefined || t === fixedText) whole.set(v, t.length === 0 ? same.empty : same.gt + t + same.close);
    const hasWhole = whole.size > 0;
    return (v, depth) => {
      const t = tg();
      let w: string | undefined;
      if (hasWhole && typeof v === 'string' && t === same && (w = whole.get(v)) !== undefined) w = ind === null ? w : nl(depth) + w;
      else if (v === null) w = writeNil(nillable, t, depth);
      else {
        let s = text(txt, v, undefined);
        w = '';
        // Another text of the fixed value (written as libxml2 compares it: fixed.ts), or another value.
        if (s !== undefined && fixed !== undefined && s !== fixedText) s = fixedValue(tp.simple).write(tp.simple, fixed, v, true, s, escapeText) ?? (fail(`must be the fixed value ${JSON.stringify(fixed)}`) ? undefined : s);
        if (s !== undefined) {
          w = s.length === 0 ? t.empty : t.gt + s + t.close;
          if (ind !== null) w = nl(depth) + w;
        }
      }
      return w;
    };
  }
  const type = typeSlot(tp.complex);
  // Stand-ins for `xsi:type`: an abstract type's, or a concrete one's derived types (`xsitype.ts`).
  const cd = tp.complex.desc;
  const xsiTypes = cd.xsiTypes ?? cd.derivedTypes;
  const xsi =
    xsiTypes !== undefined && xsiTypeWriter !== null
      ? xsiTypeWriter(tp.complex.name, xsiTypes, x, ens, same, decl, (t, depth) => writeNil(nillable, t, depth), cd.xsiTypes === undefined ? tp.complex : null, e.desc.block)
      : null;
  return (v, depth) => {
    const t = xsi !== null ? null : tg();
    let w: string;
    if (t === null) w = xsi!(v, depth);
    else if (v === null) w = writeNil(nillable, t, depth);
    else if (t !== decl) w = type.write(v, t, depth);
    else {
      const saved = ns;
      ns = ens;
      w = type.write(v, decl, depth);
      ns = saved;
    }
    return w;
  };
}

/** The default namespace in scope (for `xsitype.ts`). */
export function currentNs(): string {
  return ns;
}

/** An element's text, written with its namespace `ens` as the default one (for `xsitype.ts`). */
export function writeTypeInNs(cp: CPlan, v: unknown, t: Tags, ens: string, depth: number): string {
  const saved = ns;
  ns = ens;
  const w = typeSlot(cp).write(v, t, depth);
  ns = saved;
  return w;
}

/** An element declared with a type that has `xsi:type` stand-ins: how it is written (`xsitype.ts`), for the trees that have such types. */
export type XsiTypeWriter = (
  declaredName: string,
  choices: readonly XsiTypeDesc[],
  x: string,
  ens: string,
  same: Tags,
  decl: Tags,
  nil: (t: Tags, depth: number) => string,
  /** The declared type, where it is concrete (a value without `$type` is its own). */
  declared: CPlan | null,
  /** The element's `block`. */
  block: string | undefined,
) => (v: unknown, depth: number) => string;

let xsiTypeWriter: XsiTypeWriter | null = null;

/** Installs the `xsi:type` writer (called by `xsitype.ts`). */
export function useXsiTypeWriter(w: XsiTypeWriter): void {
  xsiTypeWriter = w;
}

// -------------------------------------------------------------------------------------------------
// Complex types

const typeSlots = new WeakMap<CPlan, TypeSlot>();

function typeSlot(cp: CPlan): TypeSlot {
  let s = typeSlots.get(cp);
  if (s === undefined) {
    const slot: TypeSlot = {
      write(v, t, depth) {
        slot.write = compileType(cp);
        return slot.write(v, t, depth);
      },
    };
    typeSlots.set(cp, slot);
    s = slot;
  }
  return s;
}

function compileType(cp: CPlan): (v: unknown, t: Tags, depth: number) => string {
  switch (cp.shape) {
    case 'flag':
      return (v, t, depth) => {
        if (v !== true && fail(`expected true (the empty element <${t.x}/>), got ${describeValue(v)}`)) return '';
        return ind === null ? t.empty : nl(depth) + t.empty;
      };
    case 'any': {
      const w = untyped(cp.name);
      return (v, t, depth) => {
        const s = w.element(v, t, ns, tbl, depth === 0, mode !== LAX, docRoot!);
        return s === undefined ? '' : ind === null ? s : nl(depth) + s;
      };
    }
    case 'array': {
      const g = cp.root!;
      const item = itemWriter(g);
      const { min, max } = g;
      return (v, t, depth) => {
        if (!Array.isArray(v)) {
          fail(`expected an array (type ${cp.name}), got ${describeValue(v)}`);
          return '';
        }
        const len = v.length;
        if (len < min || len > max) checkOccurs(len, min, max, `items (type ${cp.name})`);
        if (len === 0) return ind === null ? t.empty : nl(depth) + t.empty;
        let w = '';
        for (let i = 0; i < len; i++) {
          if (track) path.push(i);
          w += item(v[i], depth + 1);
          if (track) path.pop();
        }
        return ind === null ? t.gt + w + t.close : nl(depth) + t.gt + w + nl(depth) + t.close;
      };
    }
    case 'simple': {
      const attrs = attrsWriter(cp);
      const props = cp.props;
      const txt = txtOf(cp.text!, false);
      return (v, t, depth) => {
        if (!isObject(v)) {
          fail(`expected an object with a value property (type ${cp.name}), got ${describeValue(v)}`);
          return '';
        }
        checkKnown(v, props, cp.name);
        const s0 = seen;
        const a = attrs === null ? '' : attrs(v);
        seen = s0;
        const sv = v.value;
        if (sv === undefined) {
          fail('missing the text value', 'value');
          return '';
        }
        const s = text(txt, sv, 'value');
        if (s === undefined) return '';
        const w = s.length === 0 ? `${t.open}${a}/>` : `${t.open}${a}>${s}${t.close}`;
        return ind === null ? w : nl(depth) + w;
      };
    }
    case 'object': {
      const attrs = attrsWriter(cp);
      // Mixed content: its own writer (`mixed.ts`), off the way of element-only content.
      if (cp.mixed) return mixedWriter!(cp, attrs);
      const props = cp.props;
      const g = cp.root;
      const content = g === null ? null : partWriter(g);
      // A required sequence (most content models) of elements: see `recordWriter`.
      const inOrder = g !== null && g.compositor === 'sequence' && g.min === 1 && g.max === 1 && attrs === null ? recordWriter(g.items) : null;
      return (v, t, depth) => {
        if (!isObject(v)) {
          fail(`expected an object (type ${cp.name}), got ${describeValue(v)}`);
          return '';
        }
        const s0 = seen;
        if (mode !== FAST) checkKnown(v, props, cp.name);
        const a = attrs === null ? '' : attrs(v);
        // In FAST mode, properties in schema order are written as they come (see `recordWriter`).
        let w = inOrder !== null && mode === FAST ? inOrder(v, depth + 1) : null;
        if (w === null) {
          w = content === null ? '' : content(v, depth + 1);
          if (mode === FAST && keyCount(v) !== seen - s0) checkKnown(v, props, cp.name);
        }
        seen = s0;
        // Nothing written (absent or empty content): an empty-element tag.
        if (w === '') w = a.length === 0 ? t.empty : `${t.open}${a}/>`;
        else w = (a.length === 0 ? t.gt : `${t.open}${a}>`) + w + (ind === null ? t.close : nl(depth) + t.close);
        return ind === null ? w : nl(depth) + w;
      };
    }
  }
}

/**
 * For a sequence of elements that occur at most once (most content models), in FAST mode: the
 * object's keys in one pass, each written as it comes when the keys follow schema order (object
 * literals and parsed values mostly do), instead of reading each element's property by name (a
 * megamorphic lookup, shared by every type) and then counting the keys for unknown ones. Null
 * when the keys are in another order, an unknown or `$unknown` key comes, or a required element
 * is missing: the general way then writes the object (or describes what is wrong). A property
 * skipped over is read by name, so one that for-in does not see (a getter of a prototype) is not
 * taken for absent.
 */
function recordWriter(items: readonly PNode[]): ((v: Record<string, unknown>, depth: number) => string | null) | null {
  if (!items.every((n) => n.kind === E && n.max <= 1)) return null;
  const names = items.map((n) => n.property!);
  const required = items.map((n) => n.min > 0);
  const writers = items.map((n) => elemWriter(n as ENode));
  const n = names.length;
  // Whether the elements from `i` up to `j` are absent and may be.
  const skippable = (v: Record<string, unknown>, i: number, j: number): boolean => {
    for (; i < j; i++) if (required[i] || v[names[i]] !== undefined) return false;
    return true;
  };
  return (v, depth) => {
    let w = '';
    let i = 0;
    for (const k in v) {
      const x = v[k];
      if (x === undefined) continue;
      let j = i;
      while (j < n && names[j] !== k) j++;
      if (j === n || !skippable(v, i, j)) return null;
      w += writers[j](x, depth);
      i = j + 1;
    }
    return skippable(v, i, n) ? w : null;
  };
}

/** The attributes of an object or simple-content value as text. */
function attrsWriter(cp: CPlan): ((v: Record<string, unknown>) => string) | null {
  if (cp.attrs.length === 0 && !cp.anyAttr) return null;
  const list = cp.attrs.map((a, i) => ({
    a,
    // A namespaced attribute gets a prefix of its own, declared beside it; the XML namespace's
    // (`xml:lang`) has `xml`, which is bound by definition and may be bound to nothing else.
    head:
      a.desc.namespace === undefined
        ? ` ${a.xmlName}="`
        : a.desc.namespace === XML_NS
          ? ` xml:${a.xmlName}="`
          : ` xmlns:a${i}="${escapeAttr(a.desc.namespace)}" a${i}:${a.xmlName}="`,
    txt: txtOf(a.simple, true),
    fixedText: a.desc.fixed === undefined ? undefined : escapeAttr(a.desc.fixed),
  }));
  // xs:anyAttribute: `$attrs` written by anyattr.ts (installed by the types that have it).
  const extras = cp.anyAttr ? anyAttrs(cp.name) : null;
  const taken = (name: string): boolean => cp.attrMap.has(name);
  return (v) => {
    let s = '';
    for (let i = 0; i < list.length; i++) {
      const { a, head, txt, fixedText } = list[i];
      const av = v[a.property];
      if (av === undefined) {
        if (a.required) fail(`missing the required attribute ${a.xmlName}`, a.property);
        continue;
      }
      seen++;
      const t = text(txt, av, a.property);
      if (t === undefined) continue;
      const ft = fixedText === undefined || t === fixedText ? t : fixedValue(a.simple).write(a.simple, a.desc.fixed!, av, false, t, escapeAttr);
      if (ft === undefined && fail(`must be the fixed value ${JSON.stringify(a.desc.fixed)}`, a.property)) continue;
      s += `${head}${ft ?? t}"`;
    }
    if (extras !== null) {
      const extra = v.$attrs;
      if (extra !== undefined) {
        seen++;
        s += extras(extra, '$attrs', taken);
      }
    }
    return s;
  };
}

/**
 * Attributes kept as written (`$attrs` of `xs:anyAttribute`, `attributes` of an untyped element)
 * as text: `extraAttrs` of `anyattr.ts`, installed by the types that have either.
 */
export type ExtraAttrsWriter = (extra: unknown, prop: string, taken: (name: string) => boolean) => string;

let extraAttrsWriter: ExtraAttrsWriter | null = null;

/** Installs the writer of `$attrs` (called by `anyattr.ts`). */
export function useExtraAttrsWriter(w: ExtraAttrsWriter): void {
  extraAttrsWriter = w;
}

function anyAttrs(what: string): ExtraAttrsWriter {
  return extraAttrsWriter ?? notInstalled(what, 'anyAttributes');
}

// -------------------------------------------------------------------------------------------------
// Content kept as XML (`xs:anyType`, `xs:any`): `untyped.ts`, installed by the trees that have it

/**
 * How content kept as XML is checked and written: an untyped element (`xs:anyType`) and a
 * wildcard's fragment, each returned as the text to write (undefined when refused, reported
 * through `fail`). `ns` is the default namespace in scope, `check` false without validation.
 */
export interface UntypedWriter {
  element(v: unknown, t: Tags, ns: string, tbl: NamespacePrefixes | null, top: boolean, check: boolean, root: RootDesc): string | undefined;
  /** `lax`: the document's root, when the wildcard's content is processed laxly (not `skip`). */
  wildcard(v: unknown, ns: string, check: boolean, lax: RootDesc | null): string | undefined;
}

let untypedWriter: UntypedWriter | null = null;

/** Installs the writer of content kept as XML (called by `untyped.ts`). */
export function useUntypedWriter(w: UntypedWriter): void {
  untypedWriter = w;
}

/** The installed writer of content kept as XML; `what` names the type or particle that needs it. */
function untyped(what: string): UntypedWriter {
  return untypedWriter ?? notInstalled(what, 'untypedContent');
}

/** The writer of an `xs:any` particle's values (`XmlFragment`s). */
function wildcardWriter(w: WNode): (v: unknown, depth: number) => string {
  const u = untyped(`the wildcard ${w.property}`);
  const lax = w.desc.processContents !== 'skip';
  return (v, depth) => {
    const xml = u.wildcard(v, ns, mode !== LAX, lax ? docRoot : null);
    return xml === undefined ? '' : ind === null ? xml : nl(depth) + xml;
  };
}

// -------------------------------------------------------------------------------------------------
// Content

function partWriter(n: PNode): PartWriter {
  if (n.kind === G) return n.max > 1 ? repeatedGroup(n) : n.min === 0 ? optionalGroup(n) : groupBody(n);
  const p = n.property;
  const { min, max } = n;
  const missing = n.kind === E ? `missing the required element <${n.xmlName}>` : `missing (at least ${min} elements required)`;
  const one: ElemWriter = n.kind === E ? elemWriter(n) : wildcardWriter(n);
  if (max <= 1) {
    // Read from its property of the object given.
    return (o, depth) => {
      const v = own(o, p, min > 0, missing);
      if (v === undefined) return '';
      const w = one(v, depth);
      if (track) path.pop();
      return w;
    };
  }
  return repeated(p, min, max, missing, n.kind === E ? `<${n.xmlName}> elements` : 'elements', one);
}

/** A group repeating inside an object: an array property of items. */
function repeatedGroup(g: GNode): PartWriter {
  return repeated(g.property!, g.min, g.max, `missing (at least ${g.min} required)`, 'items', itemWriter(g));
}

/** An array property `p` of `min`..`max` occurrences (`what`, in messages), each written by `one`. */
function repeated(p: string, min: number, max: number, missing: string, what: string, one: (v: unknown, depth: number) => string): PartWriter {
  return (o, depth) => {
    const v = own(o, p, min > 0, missing);
    if (v === undefined) return '';
    let w = '';
    if (!Array.isArray(v)) fail(`expected an array, got ${describeValue(v)}`);
    else {
      const len = v.length;
      if (len < min || len > max) checkOccurs(len, min, max, what);
      for (let i = 0; i < len; i++) {
        if (track) path.push(i);
        w += one(v[i], depth);
        if (track) path.pop();
      }
    }
    if (track) path.pop();
    return w;
  };
}

/** An optional group: skipped when none of its properties is present. */
function optionalGroup(g: GNode): PartWriter {
  const props = g.props;
  const body = groupBody(g);
  return (o, depth) => (anyPresent(props, o) ? body(o, depth) : '');
}

/** A group's content in one object. */
function groupBody(g: GNode): PartWriter {
  const parts = g.items.map(partWriter);
  if (g.compositor === 'choice') {
    const bp = g.branchProps;
    return (o, depth) => {
      let chosen = -1;
      let more = false;
      for (let i = 0; i < bp.length; i++) {
        if (anyPresent(bp[i], o)) {
          if (chosen < 0) chosen = i;
          else more = true;
        }
      }
      return writeChoice(g, parts, chosen, more, o, depth);
    };
  }
  if (g.compositor === 'all' && parts.length > 1) return allBody(g, parts);
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    const [a, b] = parts;
    return (o, depth) => a(o, depth) + b(o, depth);
  }
  return (o, depth) => {
    let w = '';
    for (let i = 0; i < parts.length; i++) w += parts[i](o, depth);
    return w;
  };
}

/**
 * An `xs:all`: its elements in the order of the object's keys (a parsed value's keys are in
 * document order, so a round trip keeps it; a value built by hand is written as its keys were
 * written), then, in schema order, those it does not have (to report the required ones).
 */
function allBody(g: GNode, parts: readonly PartWriter[]): PartWriter {
  const index = new Map<string, number>();
  g.items.forEach((it, i) => {
    if (it.kind !== G) index.set(it.property, i);
  });
  return (o, depth) => {
    let w = '';
    const done: boolean[] = [];
    for (const k in o) {
      const i = index.get(k);
      if (i === undefined || done[i] === true) continue;
      done[i] = true;
      w += parts[i](o, depth);
    }
    for (let i = 0; i < parts.length; i++) if (done[i] !== true) w += parts[i](o, depth);
    return w;
  };
}

/** A choice's content, its first present branch `chosen` found (`more`: another is present too). */
function writeChoice(g: GNode, parts: readonly PartWriter[], chosen: number, more: boolean, o: Record<string, unknown>, depth: number): string {
  if (chosen < 0) {
    if (!g.bodyNullable) fail(`one of ${choiceNames(g)} is required (choice)`);
    return '';
  }
  if (more) {
    const bp = g.branchProps;
    const present: number[] = [];
    for (let i = 0; i < bp.length; i++) if (anyPresent(bp[i], o)) present.push(i);
    const found = present.map((i) => bp[i].filter((p) => o[p] !== undefined).join('+')).join(' and ');
    if (!fail(`only one of ${choiceNames(g)} may be present (choice); found ${found}`)) {
      // Without validation, write what was given: every present branch, in schema order.
      let w = '';
      for (const i of present) w += parts[i](o, depth);
      return w;
    }
  }
  return parts[chosen](o, depth);
}

function choiceNames(g: GNode): string {
  return g.branchProps.map((b) => b.join('+')).join(', ');
}

/** One item of a repeating group (or of an `array`-shaped value): an object of the group's properties. */
function itemWriter(g: GNode): ItemWriter {
  const known = g.itemProps;
  const what = g.compositor === 'choice' ? 'choice item' : 'group item';
  const notObject = (item: unknown): string => {
    fail(`expected an object, got ${describeValue(item)}`);
    return '';
  };
  if (g.compositor === 'choice') {
    // Each property names one branch only: the item's own keys give the branch (and the unknown
    // properties) in one pass, instead of testing every branch's properties.
    const branchOf = new Map<string, number>();
    let unique = true;
    g.branchProps.forEach((props, i) => {
      for (const p of props) {
        if (branchOf.has(p)) unique = false;
        branchOf.set(p, i);
      }
    });
    if (unique) {
      const parts = g.items.map(partWriter);
      // A branch that is one element occurring at most once: its writer given the value (FAST mode).
      const given = g.items.map((n) => (n.kind === E && n.max <= 1 ? elemWriter(n) : null));
      // The last property looked up and its branch: items of one array mostly take one branch.
      let lastKey = '';
      let lastBranch = -1;
      return (item, depth) => {
        if (!isObject(item)) return notObject(item);
        let chosen = -1;
        let more = false;
        let x: unknown;
        for (const k in item) {
          const xk = item[k];
          if (xk === undefined) continue;
          let b: number | undefined = lastBranch;
          if (k !== lastKey) {
            b = branchOf.get(k);
            if (b !== undefined) {
              lastKey = k;
              lastBranch = b;
            }
          }
          if (b === undefined) {
            if (k !== '$unknown') fail(`unknown property (type ${what} has no property ${JSON.stringify(k)})`, k);
          } else if (chosen < 0) {
            chosen = b;
            x = xk;
          } else if (b !== chosen) {
            more = true;
            if (b < chosen) chosen = b;
          }
        }
        const s0 = seen;
        const w = chosen < 0 || more ? writeChoice(g, parts, chosen, more, item, depth) : mode === FAST && given[chosen] !== null ? given[chosen]!(x, depth) : parts[chosen](item, depth);
        seen = s0;
        return w;
      };
    }
  }
  const body = groupBody(g);
  return (item, depth) => {
    if (!isObject(item)) return notObject(item);
    const s0 = seen;
    if (mode !== FAST) checkKnown(item, known, what);
    const w = body(item, depth);
    if (mode === FAST && keyCount(item) !== seen - s0) checkKnown(item, known, what);
    seen = s0;
    return w;
  };
}

// -------------------------------------------------------------------------------------------------
// Mixed content

/**
 * What the mixed-content writer (`mixed.ts`) writes with: the writer's own state and writers,
 * reached through these functions only.
 */
export interface MixedWriterKit {
  /** Newline and indentation for `depth`, or '' for compact output (and inside text). */
  lead(depth: number): string;
  /** Turns indentation off (`false`) or back on; returns whether it was on. */
  indenting(on: boolean): boolean;
  /** Pushes a path segment (when paths are kept); `pop` takes it off. */
  push(seg: string | number): void;
  pop(): void;
  /** The writer of one element of particle `e`, given its value. */
  element(e: ENode): (v: unknown, depth: number) => string;
  /** The writer of one `xs:any` item (an `XmlFragment`) of particle `w`. */
  wildcard(w: WNode): (v: unknown, depth: number) => string;
  /** The default namespace in scope. */
  ns(): string;
}

/** Compiles the writer of a mixed type's values, given its attributes' writer (see `mixed.ts`). */
export type MixedTypeWriter = (cp: CPlan, attrs: (v: Record<string, unknown>) => string, kit: MixedWriterKit) => (v: unknown, t: Tags, depth: number) => string;

let mixedWriter: ((cp: CPlan, attrs: ((v: Record<string, unknown>) => string) | null) => (v: unknown, t: Tags, depth: number) => string) | null = null;

/**
 * Installs the mixed-content writer (called by `mixed.ts`, which the descriptors of trees with
 * mixed types enable). Its kit is made here, so a bundle whose tree has no mixed types (and so
 * never calls this) carries neither.
 */
export function useMixedWriter(w: MixedTypeWriter): void {
  let saved: string | null = null;
  const kit: MixedWriterKit = {
    lead: (depth) => (ind === null ? '' : nl(depth)),
    indenting(on) {
      const was = ind !== null;
      if (!on && was) {
        saved = ind;
        ind = null;
      } else if (on && !was) ind = saved;
      return was;
    },
    push: (seg) => {
      if (track) path.push(seg);
    },
    pop: () => {
      if (track) path.pop();
    },
    element: (e) => elemWriter(e),
    wildcard: (w) => wildcardWriter(w),
    ns: () => ns,
  };
  mixedWriter = (cp, attrs) =>
    w(
      cp,
      // The attributes' `seen` counts belong to the mixed value, not to its parent's object.
      (v) => {
        const s0 = seen;
        const text = attrs === null ? '' : attrs(v);
        seen = s0;
        return text;
      },
      kit,
    );
}
