/**
 * The serializer's fast path: one writer closure per element particle and per complex type,
 * compiled lazily from the plans (cached in WeakMaps), appending to one string accumulator with
 * `+=`. It keeps no property path and collects no messages: it answers only "valid, and here is
 * the XML" or "not sure". On "not sure" (a violation, or something it leaves to the full
 * serializer: fragments, namespaces, `$attrs`, …) `serialize` runs the full, path-keeping
 * serializer, which writes or reports exactly as it always did. So the fast path must never
 * accept a value the full serializer refuses, and must write the very same text. It runs only
 * for compact, validated output (no `indent`, `validate` not false).
 */
import { escapeAttr, escapeText, RE_ATTR_NOT_PLAIN, RE_TEXT_NOT_PLAIN } from './escape.js';
import { E, G, anyPresent, elemType, isObject, isUnknownProp, type CPlan, type ENode, type GNode, type PNode } from './plan.js';
import { RE_NOT_XML_CHAR, toLexical, type Problem, type SPlan } from './simple.js';

/** Writes a whole element for its value; false: not written (fall back to the full serializer). */
type ElemWriter = (v: unknown) => boolean;
/** The tags of one element. */
interface Tags {
  /** `<x` */
  readonly open: string;
  /** `<x>` */
  readonly openGt: string;
  /** `</x>` */
  readonly close: string;
  /** `<x/>` */
  readonly empty: string;
}
/** Writes an element of a complex type, given its tags. */
type TypeWriter = (v: unknown, tags: Tags) => boolean;
/** Writes the content a particle contributes from an object's properties. */
type PartWriter = (obj: Record<string, unknown>) => boolean;
/** The escaped lexical form of a simple value, or undefined. */
type TextWriter = (v: unknown) => string | undefined;

const NIL_TAIL = ' xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>';

/** The accumulator the writers append to (one document at a time; saved around nested calls). */
let out = '';

/** Writes the element `e` holding `value`; returns the XML, or undefined when the full serializer must run. */
export function fastWrite(e: ENode, value: unknown): string | undefined {
  const saved = out;
  out = '';
  try {
    return elemWriter(e)(value) ? out : undefined;
  } finally {
    out = saved;
  }
}

function onlyKnown(v: Record<string, unknown>, known: ReadonlySet<string>): boolean {
  for (const k in v) if (isUnknownProp(v, k, known)) return false;
  return true;
}

const NEVER = (): false => false;

// -------------------------------------------------------------------------------------------------
// Simple values

const textWriters = new WeakMap<SPlan, TextWriter>();
const attrWriters = new WeakMap<SPlan, TextWriter>();
const scratch: Problem[] = [];
/** Enumerated string types: each valid value → its escaped text. */
const enumTexts = new WeakMap<SPlan, ReadonlyMap<string, string>>();

function textWriter(sp: SPlan, attr: boolean): TextWriter {
  const cache = attr ? attrWriters : textWriters;
  let w = cache.get(sp);
  if (w === undefined) {
    w = compileText(sp, attr);
    cache.set(sp, w);
  }
  return w;
}

function compileText(sp: SPlan, attr: boolean): TextWriter {
  const esc = attr ? escapeAttr : escapeText;
  const notPlain = attr ? RE_ATTR_NOT_PLAIN : RE_TEXT_NOT_PLAIN;
  const generic: TextWriter = (v) => {
    const lex = toLexical(sp, v, scratch, true);
    if (scratch.length > 0) {
      scratch.length = 0;
      return undefined;
    }
    return lex === undefined ? undefined : esc(lex);
  };
  switch (sp.kind) {
    case 'string': {
      if (sp.plain) return (v) => (typeof v === 'string' && !notPlain.test(v) ? v : generic(v));
      if (sp.enumeration !== null) {
        // Each enumeration value the full check accepts, with its escaped text: one lookup.
        const known = new Map<string, string>();
        for (const x of sp.enumeration) {
          const t = generic(x);
          if (t !== undefined) known.set(x, t);
        }
        enumTexts.set(sp, known);
        return (v) => {
          if (typeof v === 'string') {
            const t = known.get(v);
            if (t !== undefined) return t;
          }
          return generic(v);
        };
      }
      return generic;
    }
    case 'integer': {
      if (sp.plain) return (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : generic(v));
      // Bounds the only facets, all exact as numbers (`intBounds`): compare numbers, not decimal strings.
      const b = sp.intBounds;
      if (b === null) return generic;
      const [min, max, minX, maxX] = b;
      return (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max && v > minX && v < maxX ? String(v) : generic(v));
    }
    case 'boolean':
      if (sp.plain) return (v) => (v === true ? 'true' : v === false ? 'false' : generic(v));
      return generic;
    default:
      return generic;
  }
}

// -------------------------------------------------------------------------------------------------
// Elements

const elemWriters = new WeakMap<ENode, ElemWriter>();

function elemWriter(e: ENode): ElemWriter {
  let w = elemWriters.get(e);
  if (w === undefined) {
    // The element's type is resolved on the first value (types may be recursive or thunked).
    let impl: ElemWriter | undefined;
    w = (v) => (impl ??= compileElem(e))(v);
    elemWriters.set(e, w);
  }
  return w;
}

function compileElem(e: ENode): ElemWriter {
  if (e.desc.namespace !== undefined && e.desc.namespace !== '') return NEVER;
  const open = `<${e.xmlName}`;
  const openGt = `${open}>`;
  const close = `</${e.xmlName}>`;
  const empty = `${open}/>`;
  const tags: Tags = { open, openGt, close, empty };
  const nilTag = open + NIL_TAIL;
  const nil = e.nillable;
  const tp = elemType(e);
  if (tp.simple !== null) {
    const tw = textWriter(tp.simple, false);
    const fix = e.desc.fixed;
    const fixText = fix === undefined ? undefined : escapeText(fix);
    const known = enumTexts.get(tp.simple);
    if (known !== undefined) {
      // An enumerated value: the whole element, written once.
      const whole = new Map<string, string>();
      for (const [x, t] of known) if (fixText === undefined || t === fixText) whole.set(x, t.length === 0 ? empty : openGt + t + close);
      return (v) => {
        if (typeof v === 'string') {
          const w = whole.get(v);
          if (w !== undefined) {
            out += w;
            return true;
          }
        }
        if (v === null && nil) {
          out += nilTag;
          return true;
        }
        const t = v === null ? undefined : tw(v);
        if (t === undefined || (fixText !== undefined && t !== fixText)) return false;
        out += t.length === 0 ? empty : openGt + t + close;
        return true;
      };
    }
    return (v) => {
      if (v === null) {
        if (!nil) return false;
        out += nilTag;
        return true;
      }
      const t = tw(v);
      if (t === undefined || (fixText !== undefined && t !== fixText)) return false;
      out += t.length === 0 ? empty : openGt + t + close;
      return true;
    };
  }
  const cw = typeWriter(tp.complex);
  return (v) => {
    if (v === null) {
      if (!nil) return false;
      out += nilTag;
      return true;
    }
    return cw(v, tags);
  };
}

// -------------------------------------------------------------------------------------------------
// Complex types

const typeWriters = new WeakMap<CPlan, TypeWriter>();

function typeWriter(cp: CPlan): TypeWriter {
  let w = typeWriters.get(cp);
  if (w === undefined) {
    let impl: TypeWriter | undefined;
    w = (v, tags) => (impl ??= compileType(cp))(v, tags);
    typeWriters.set(cp, w);
  }
  return w;
}

function compileType(cp: CPlan): TypeWriter {
  switch (cp.shape) {
    case 'flag':
      return (v, tags) => {
        if (v !== true) return false;
        out += tags.empty;
        return true;
      };
    case 'any':
      return (v, tags) => {
        if (v === true) out += tags.empty;
        else if (typeof v === 'string' && !RE_NOT_XML_CHAR.test(v)) out += tags.openGt + escapeText(v) + tags.close;
        else return false;
        return true;
      };
    case 'array': {
      const g = cp.root!;
      const item = itemWriter(g);
      const min = g.min;
      const max = g.max;
      return (v, tags) => {
        if (!Array.isArray(v)) return false;
        const len = v.length;
        if (len < min || len > max) return false;
        if (len === 0) {
          out += tags.empty;
          return true;
        }
        out += tags.openGt;
        for (let i = 0; i < len; i++) if (!item(v[i])) return false;
        out += tags.close;
        return true;
      };
    }
    case 'simple': {
      const attrs = attrsWriter(cp);
      const props = cp.props;
      const tw = textWriter(cp.text!, false);
      return (v, tags) => {
        if (!isObject(v) || !onlyKnown(v, props)) return false;
        const a = attrs === null ? '' : attrs(v);
        if (a === undefined) return false;
        const sv = v.value;
        if (sv === undefined) return false;
        const t = tw(sv);
        if (t === undefined) return false;
        out += t.length === 0 ? `${tags.open}${a}/>` : `${tags.open}${a}>${t}${tags.close}`;
        return true;
      };
    }
    case 'object': {
      const attrs = attrsWriter(cp);
      const props = cp.props;
      const content = cp.root === null ? null : partWriter(cp.root);
      return (v, tags) => {
        if (!isObject(v) || !onlyKnown(v, props)) return false;
        const a = attrs === null ? '' : attrs(v);
        if (a === undefined) return false;
        if (content === null) {
          out += a.length === 0 ? tags.empty : `${tags.open}${a}/>`;
          return true;
        }
        const before = out;
        out += a.length === 0 ? tags.openGt : `${tags.open}${a}>`;
        const mark = out;
        if (!content(v)) return false;
        // Nothing written (absent or empty content): an empty-element tag.
        if (out === mark) out = before + (a.length === 0 ? tags.empty : `${tags.open}${a}/>`);
        else out += tags.close;
        return true;
      };
    }
  }
}

/** The attributes of an object or simple-content value as text; undefined: not sure. */
function attrsWriter(cp: CPlan): ((v: Record<string, unknown>) => string | undefined) | null {
  if (cp.attrs.length === 0 && !cp.anyAttr) return null;
  const list = cp.attrs.map((a) => ({
    p: a.property,
    req: a.required,
    head: ` ${a.xmlName}="`,
    tw: textWriter(a.simple, true),
    fix: a.desc.fixed === undefined ? undefined : escapeAttr(a.desc.fixed),
    ns: a.desc.namespace !== undefined,
  }));
  const anyAttr = cp.anyAttr;
  return (v) => {
    let s = '';
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const av = v[a.p];
      if (av === undefined) {
        if (a.req) return undefined;
        continue;
      }
      if (a.ns) return undefined;
      const t = a.tw(av);
      if (t === undefined || (a.fix !== undefined && t !== a.fix)) return undefined;
      s += `${a.head}${t}"`;
    }
    if (anyAttr && v.$attrs !== undefined) return undefined;
    return s;
  };
}

// -------------------------------------------------------------------------------------------------
// Content

function partWriter(n: PNode): PartWriter {
  const p = n.property;
  const min = n.min;
  const max = n.max;
  if (n.kind === E) {
    const ew = elemWriter(n);
    if (max <= 1) {
      return (o) => {
        const v = o[p!];
        return v === undefined ? min === 0 : ew(v);
      };
    }
    return repeated(n.property, min, max, ew);
  }
  if (n.kind === G) return max > 1 ? repeated(p!, min, max, itemWriter(n)) : groupBody(n, min === 0);
  // Wildcards are left to the full serializer (fragments are checked with a parser there).
  return (o) => o[p!] === undefined && min === 0;
}

/** An array property `p` of `min`..`max` items (absent: none), each written by `one`. */
function repeated(p: string, min: number, max: number, one: (v: unknown) => boolean): PartWriter {
  return (o) => {
    const v = o[p];
    if (v === undefined) return min === 0;
    if (!Array.isArray(v)) return false;
    const len = v.length;
    if (len < min || len > max) return false;
    for (let i = 0; i < len; i++) if (!one(v[i])) return false;
    return true;
  };
}

/** A group's content in one object; `optional`: skipped when none of its properties is present. */
function groupBody(g: GNode, optional: boolean): PartWriter {
  const parts = g.items.map(partWriter);
  let body: PartWriter;
  if (g.compositor !== 'choice') {
    if (parts.length === 1) body = parts[0];
    else if (parts.length === 2) {
      const [a, b] = parts;
      body = (o) => a(o) && b(o);
    } else {
      body = (o) => {
        for (let i = 0; i < parts.length; i++) if (!parts[i](o)) return false;
        return true;
      };
    }
  } else {
    const bp = g.branchProps;
    const nullable = g.bodyNullable;
    body = (o) => {
      let chosen = -1;
      for (let i = 0; i < bp.length; i++) {
        if (anyPresent(bp[i], o)) {
          if (chosen >= 0) return false;
          chosen = i;
        }
      }
      return chosen < 0 ? nullable : parts[chosen](o);
    };
  }
  if (!optional) return body;
  const props = g.props;
  return (o) => !anyPresent(props, o) || body(o);
}

/** One item of a repeating group (or of an `array`-shaped value): an object of the group's properties. */
function itemWriter(g: GNode): (item: unknown) => boolean {
  const known = g.itemProps;
  if (g.compositor === 'choice') {
    // A property naming one branch only: the branch is found from the item's own keys.
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
      const nullable = g.bodyNullable;
      return (item) => {
        if (!isObject(item)) return false;
        let chosen = -1;
        for (const k in item) {
          if (item[k] === undefined) continue;
          const b = branchOf.get(k);
          if (b === undefined) {
            if (k === '$unknown') continue;
            return false;
          }
          if (b !== chosen) {
            if (chosen >= 0) return false;
            chosen = b;
          }
        }
        return chosen < 0 ? nullable : parts[chosen](item);
      };
    }
  }
  const body = groupBody(g, false);
  return (item) => isObject(item) && onlyKnown(item, known) && body(item);
}
