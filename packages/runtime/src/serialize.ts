/**
 * Serializer: value → XML text, in schema (particle) order, checking everything the schema says
 * while writing. One pass both writes and collects violations; when any is found the output is
 * dropped and a `SchemaViolationError` listing all of them is thrown.
 *
 * Compact, validated output (no `indent`, `validate` not false) first runs the compiled fast path
 * (`fastwrite.ts`); only when it is not sure does the pass below run, so text and violations are
 * always this file's.
 *
 * Notes on the binding as written:
 * - A property whose value is `undefined` counts as absent.
 * - `$unknown` (elements kept by lenient parsing) is accepted and not written: its position in
 *   the content is not known.
 * - `XmlFragment`s are written as given, except for namespace declarations on their outermost
 *   elements: one already in scope is left out, `xmlns=""` is added where the surrounding output
 *   has a default namespace the fragment does not use (`nsfrag.ts`); a prefix bound nowhere is a
 *   violation. With validation on they must be well-formed, and the
 *   content of an untyped element is checked as parsing checks it (a `<packet>` inside must be
 *   a valid packet: libxml2 validates it, and so does Plesk).
 * - An untyped element's `AnyElement` value writes its `attributes` as given.
 */
import { SaxesParser } from 'saxes';
import type { RootDesc, XmlFragment } from './descriptors.js';
import { SchemaViolationError, type Violation } from './errors.js';
import { E, G, anyPresent, elemType, isObject, isUnknownProp, rootNode, type CPlan, type ENode, type GNode, type PNode, type WNode } from './plan.js';
import { RE_NOT_XML_CHAR, notXmlChar, toLexical, uPlus, type Problem } from './simple.js';
import { escapeAttr, escapeText } from './escape.js';
import { fastWrite } from './fastwrite.js';
import { untypedContentViolations } from './parse.js';
import { fastPaths } from './fastpaths.js';
import { placeFragment, type NsScope } from './nsfrag.js';

export { escapeAttr, escapeText } from './escape.js';

export interface SerializeOptions {
  /** `true` for two spaces, or the indent string; compact output by default. */
  readonly indent?: boolean | string;
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` first (default true). */
  readonly declaration?: boolean;
  /** Check the value against the schema before writing (default true). */
  readonly validate?: boolean;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>';

/** The properties of an `AnyElement` (an untyped element with attributes). */
const ANY_ELEMENT_PROPS = new Set(['attributes', 'content']);

const RE_ATTR_NAME = /^[A-Za-z_][A-Za-z0-9_.\-]*(?::[A-Za-z_][A-Za-z0-9_.\-]*)?$/;

function isFragment(v: unknown): v is XmlFragment {
  return typeof v === 'object' && v !== null && typeof (v as { xml?: unknown }).xml === 'string';
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

class Writer {
  out = '';
  readonly check: boolean;
  readonly violations: Violation[] = [];
  readonly problems: Problem[] = [];
  /** Path segments: property names and array indexes. */
  readonly path: (string | number)[] = [];
  readonly indent: string | null;
  readonly nls: string[] = [];
  /** Default namespace in scope. */
  ns = '';

  /** The document being written (untyped content is checked against its global element). */
  readonly root: RootDesc;

  constructor(check: boolean, indent: string | null, root: RootDesc) {
    this.check = check;
    this.indent = indent;
    this.root = root;
  }

  nl(depth: number): string {
    if (this.indent === null) return '';
    let s = this.nls[depth];
    if (s === undefined) {
      s = `\n${this.indent.repeat(depth)}`;
      this.nls[depth] = s;
    }
    return s;
  }

  pathString(extra?: string): string {
    let s = '';
    for (const seg of this.path) {
      if (typeof seg === 'number') s += `[${seg}]`;
      else s += s.length === 0 ? seg : `.${seg}`;
    }
    if (extra !== undefined) s += s.length === 0 ? extra : `.${extra}`;
    return s;
  }

  violation(message: string, extra?: string): void {
    this.violations.push({ path: this.pathString(extra), message });
  }

  /** Moves simple-type problems to violations; returns false when any was added. */
  flushProblems(extra?: string): boolean {
    const ps = this.problems;
    if (ps.length === 0) return true;
    for (const p of ps) this.violation(p.msg, extra);
    ps.length = 0;
    return false;
  }
}

/**
 * Writes `value` as the document described by `root`. Throws `SchemaViolationError` listing every
 * problem (with validation on, the default); never returns partial output.
 */
export function serialize(root: RootDesc, value: unknown, options: SerializeOptions = {}): string {
  const indent = options.indent === true ? '  ' : typeof options.indent === 'string' && options.indent !== '' ? options.indent : null;
  const node = rootNode(root);
  if (indent === null && options.validate !== false && fastPaths.write) {
    // Compiled writers first; only when they are not sure does the full serializer below run.
    const fast = fastWrite(node, value);
    if (fast !== undefined) return options.declaration === false ? fast : DECL + fast;
  }
  const w = new Writer(options.validate !== false, indent, root);
  w.path.push(root.xmlName);
  writeElement(w, node, value, 0);
  w.path.pop();
  if (w.violations.length > 0) throw new SchemaViolationError(w.violations);
  // With indentation every element starts on a new line, the root too: drop that first newline.
  const out = indent !== null ? w.out.slice(1) : w.out;
  if (options.declaration === false) return out;
  return indent !== null ? `${DECL}\n${out}` : DECL + out;
}

/** Whether `xml` is well-formed content; reports a violation when it is not. */
function checkFragment(w: Writer, xml: string, what: string): boolean {
  const bad = RE_NOT_XML_CHAR.exec(xml);
  if (bad !== null) {
    w.violation(`${what} contains ${uPlus(bad[0])}, which XML 1.0 does not allow`);
    return false;
  }
  const p = new SaxesParser({ position: true });
  let err: string | null = null;
  p.on('error', (e: Error) => {
    if (err === null) err = e.message;
  });
  p.on('doctype', () => {
    if (err === null) err = 'DOCTYPE is not allowed';
  });
  try {
    p.write(`<fragment-wrapper>${xml}</fragment-wrapper>`).close();
  } catch (e) {
    if (err === null) err = (e as Error).message;
  }
  if (err !== null) w.violation(`${what} is not well-formed XML (${err})`);
  return err === null;
}

/** Opening `<name` with a namespace declaration when the element's namespace differs from the one in scope. */
function openTag(w: Writer, e: ENode): string {
  const ns = e.desc.namespace ?? '';
  if (ns === w.ns) return `<${e.xmlName}`;
  return `<${e.xmlName} xmlns="${escapeAttr(ns)}"`;
}

function writeElement(w: Writer, e: ENode, v: unknown, depth: number): void {
  const check = w.check;
  if (v === null) {
    if (check && !e.nillable) {
      w.violation(`null is not allowed: element <${e.xmlName}> is not nillable`);
      return;
    }
    w.out += `${w.nl(depth)}${openTag(w, e)} xsi:nil="true" xmlns:xsi="${XSI}"/>`;
    return;
  }
  const tp = elemType(e);
  const savedNs = w.ns;
  if (tp.simple !== null) {
    const lex = toLexical(tp.simple, v, w.problems, check);
    const ok = w.flushProblems();
    if (lex === undefined || !ok) return;
    if (check && e.desc.fixed !== undefined && lex !== e.desc.fixed) {
      w.violation(`must be the fixed value ${JSON.stringify(e.desc.fixed)}`);
      return;
    }
    w.out += lex.length === 0 ? `${w.nl(depth)}${openTag(w, e)}/>` : `${w.nl(depth)}${openTag(w, e)}>${escapeText(lex)}</${e.xmlName}>`;
    return;
  }
  const cp = tp.complex;
  const open = openTag(w, e);
  w.ns = e.desc.namespace ?? '';
  writeComplex(w, e.xmlName, open, cp, v, depth);
  w.ns = savedNs;
}

function writeComplex(w: Writer, x: string, open: string, cp: CPlan, v: unknown, depth: number): void {
  const check = w.check;
  switch (cp.shape) {
    case 'flag':
      if (check && v !== true) {
        w.violation(`expected true (the empty element <${x}/>), got ${describeValue(v)}`);
        return;
      }
      w.out += `${w.nl(depth)}${open}/>`;
      return;
    case 'any': {
      // AnyElementValue: true | string | XmlFragment | { attributes, content? }.
      let content: unknown = v;
      let attrs = '';
      if (isObject(v) && !isFragment(v)) {
        if (check) unknownProps(w, v, ANY_ELEMENT_PROPS, 'AnyElement');
        attrs = extraAttrs(w, v.attributes, 'attributes', (name) => name === 'xsi:nil' || name === 'xsi:type');
        content = v.content ?? true;
        if (isObject(content) && !isFragment(content)) {
          if (check) w.violation(`expected a string or an XmlFragment, got ${describeValue(content)}`, 'content');
          return;
        }
      }
      if (content === true) w.out += `${w.nl(depth)}${open}${attrs}/>`;
      else if (typeof content === 'string') {
        if (check) {
          const bad = notXmlChar(content);
          if (bad !== undefined) {
            w.violation(bad);
            return;
          }
        }
        w.out += `${w.nl(depth)}${open}${attrs}>${escapeText(content)}</${x}>`;
      } else if (isFragment(content)) {
        if (check && checkFragment(w, content.xml, 'the XmlFragment')) {
          // Untyped content is checked as libxml2 checks it (laxly): a <packet> inside must be valid.
          const prop = content === v ? undefined : 'content';
          for (const u of untypedContentViolations(w.root, content.xml)) w.violation(`in the XmlFragment${u.path === '' ? '' : ` at ${u.path}`}: ${u.message}`, prop);
        }
        w.out += `${w.nl(depth)}${open}${attrs}>${placed(w, content.xml, anyScope(w, v), content === v ? undefined : 'content')}</${x}>`;
      } else if (check) w.violation(`expected true, a string, an XmlFragment or { attributes, content } (xs:anyType), got ${describeValue(v)}`);
      return;
    }
    case 'array': {
      if (!Array.isArray(v)) {
        if (check) w.violation(`expected an array (type ${cp.name}), got ${describeValue(v)}`);
        return;
      }
      const g = cp.root!;
      if (check) checkOccurs(w, v.length, g.min, g.max, `items (type ${cp.name})`);
      if (v.length === 0) {
        w.out += `${w.nl(depth)}${open}/>`;
        return;
      }
      w.out += `${w.nl(depth)}${open}>`;
      for (let i = 0; i < v.length; i++) {
        w.path.push(i);
        writeGroupItem(w, g, v[i], depth + 1);
        w.path.pop();
      }
      w.out += `${w.nl(depth)}</${x}>`;
      return;
    }
    case 'simple': {
      if (!isObject(v)) {
        if (check) w.violation(`expected an object with a value property (type ${cp.name}), got ${describeValue(v)}`);
        return;
      }
      if (check) unknownProps(w, v, cp.props, cp.name);
      const attrs = writeAttrs(w, cp, v);
      const sv = v.value;
      if (sv === undefined) {
        if (check) w.violation('missing the text value', 'value');
        return;
      }
      const lex = toLexical(cp.text!, sv, w.problems, check);
      const ok = w.flushProblems('value');
      if (lex === undefined || !ok) return;
      w.out += lex.length === 0 ? `${w.nl(depth)}${open}${attrs}/>` : `${w.nl(depth)}${open}${attrs}>${escapeText(lex)}</${x}>`;
      return;
    }
    case 'object': {
      if (!isObject(v)) {
        if (check) w.violation(`expected an object (type ${cp.name}), got ${describeValue(v)}`);
        return;
      }
      if (check) unknownProps(w, v, cp.props, cp.name);
      const attrs = writeAttrs(w, cp, v);
      const g = cp.root;
      if (g === null || !anyPresent(g.props, v)) {
        // Still check for missing required content.
        if (g !== null && check) {
          const mark = w.out;
          writeParticle(w, g, v, depth + 1);
          w.out = mark;
        }
        w.out += `${w.nl(depth)}${open}${attrs}/>`;
        return;
      }
      const head = `${w.out}${w.nl(depth)}${open}${attrs}`;
      const mark = `${head}>`;
      w.out = mark;
      writeParticle(w, g, v, depth + 1);
      // Nothing written (empty arrays): an empty-element tag.
      w.out = w.out === mark ? `${head}/>` : `${w.out}${w.nl(depth)}</${x}>`;
      return;
    }
  }
}

/**
 * Attributes kept as written (`$attrs` of `xs:anyAttribute`, `attributes` of an untyped element):
 * names must be XML names that `taken` does not claim, values strings of XML characters.
 */
function extraAttrs(w: Writer, extra: unknown, prop: string, taken: (name: string) => boolean): string {
  const check = w.check;
  if (!isObject(extra)) {
    if (check) w.violation(`expected an object of attribute names to string values, got ${describeValue(extra)}`, prop);
    return '';
  }
  let s = '';
  for (const name of Object.keys(extra)) {
    const val = extra[name];
    if (check) {
      if (!RE_ATTR_NAME.test(name) || taken(name)) {
        w.violation(`${JSON.stringify(name)} cannot be written as an extra attribute`, prop);
        continue;
      }
      if (typeof val !== 'string' || RE_NOT_XML_CHAR.test(val)) {
        w.violation(`attribute ${name}: expected a string of XML characters`, prop);
        continue;
      }
    }
    s += ` ${name}="${escapeAttr(String(val))}"`;
  }
  return s;
}

function writeAttrs(w: Writer, cp: CPlan, v: Record<string, unknown>): string {
  let s = '';
  const check = w.check;
  for (let i = 0; i < cp.attrs.length; i++) {
    const a = cp.attrs[i];
    const av = v[a.property];
    if (av === undefined) {
      if (check && a.required) w.violation(`missing the required attribute ${a.xmlName}`, a.property);
      continue;
    }
    const lex = toLexical(a.simple, av, w.problems, check);
    const ok = w.flushProblems(a.property);
    if (lex === undefined || !ok) continue;
    if (check && a.desc.fixed !== undefined && lex !== a.desc.fixed) {
      w.violation(`must be the fixed value ${JSON.stringify(a.desc.fixed)}`, a.property);
      continue;
    }
    if (a.desc.namespace !== undefined) s += ` xmlns:a${i}="${escapeAttr(a.desc.namespace)}" a${i}:${a.xmlName}="${escapeAttr(lex)}"`;
    else s += ` ${a.xmlName}="${escapeAttr(lex)}"`;
  }
  if (cp.anyAttr) {
    const extra = v.$attrs;
    if (extra !== undefined) s += extraAttrs(w, extra, '$attrs', (name) => cp.attrMap.has(name));
  }
  return s;
}

function unknownProps(w: Writer, v: Record<string, unknown>, known: ReadonlySet<string>, typeName: string): void {
  for (const k in v) {
    if (isUnknownProp(v, k, known)) w.violation(`unknown property (type ${typeName} has no property ${JSON.stringify(k)})`, k);
  }
}

function checkOccurs(w: Writer, n: number, min: number, max: number, what: string, extra?: string): void {
  if (n < min) w.violation(`${n} ${what}; at least ${min} required`, extra);
  else if (n > max) w.violation(`${n} ${what}; at most ${max} allowed`, extra);
}

function writeParticle(w: Writer, n: PNode, obj: Record<string, unknown>, depth: number): void {
  const check = w.check;
  if (n.kind === G) {
    if (n.max > 1) {
      const p = n.property!;
      const arr = obj[p];
      if (arr === undefined) {
        if (check && n.min > 0) w.violation(`missing (at least ${n.min} required)`, p);
        return;
      }
      w.path.push(p);
      if (!Array.isArray(arr)) {
        if (check) w.violation(`expected an array, got ${describeValue(arr)}`);
      } else {
        if (check) checkOccurs(w, arr.length, n.min, n.max, 'items');
        for (let i = 0; i < arr.length; i++) {
          w.path.push(i);
          writeGroupItem(w, n, arr[i], depth);
          w.path.pop();
        }
      }
      w.path.pop();
      return;
    }
    if (n.min === 0 && !anyPresent(n.props, obj)) return;
    writeGroupBody(w, n, obj, depth);
    return;
  }
  const p = n.property;
  const v = obj[p];
  if (v === undefined) {
    if (check && n.min > 0) {
      if (n.kind === E) w.violation(`missing the required element <${n.xmlName}>`, p);
      else w.violation(`missing (at least ${n.min} elements required)`, p);
    }
    return;
  }
  w.path.push(p);
  if (n.max > 1) {
    if (!Array.isArray(v)) {
      if (check) w.violation(`expected an array, got ${describeValue(v)}`);
    } else {
      if (check) checkOccurs(w, v.length, n.min, n.max, n.kind === E ? `<${n.xmlName}> elements` : 'elements');
      for (let i = 0; i < v.length; i++) {
        w.path.push(i);
        if (n.kind === E) writeElement(w, n, v[i], depth);
        else writeWildcard(w, n, v[i], depth);
        w.path.pop();
      }
    }
  } else if (n.kind === E) writeElement(w, n, v, depth);
  else writeWildcard(w, n, v, depth);
  w.path.pop();
}

/** The bindings in scope inside an untyped element: the default namespace and its own declarations. */
function anyScope(w: Writer, v: unknown): NsScope {
  const scope: Record<string, string> = { '': w.ns };
  const attrs = isObject(v) && !isFragment(v) && isObject(v.attributes) ? (v.attributes as Record<string, unknown>) : null;
  if (attrs !== null) {
    for (const an in attrs) {
      const av = attrs[an];
      if (typeof av !== 'string') continue;
      if (an === 'xmlns') scope[''] = av;
      else if (an.startsWith('xmlns:')) scope[an.slice(6)] = av;
    }
  }
  return scope;
}

/** A fragment as written where `scope` is in scope (see `nsfrag.ts`); reports prefixes bound nowhere. */
function placed(w: Writer, xml: string, scope: NsScope, prop: string | undefined): string {
  const r = placeFragment(xml, scope);
  if (w.check) for (const pre of r.unbound) w.violation(`the XmlFragment uses the namespace prefix ${pre}, which is declared neither in it nor around it`, prop);
  return r.xml;
}

function writeWildcard(w: Writer, _n: WNode, v: unknown, depth: number): void {
  if (!isFragment(v)) {
    if (w.check) w.violation(`expected an XmlFragment ({ xml }), got ${describeValue(v)}`);
    return;
  }
  if (w.check) checkFragment(w, v.xml, 'the XmlFragment');
  w.out += w.nl(depth) + placed(w, v.xml, { '': w.ns }, undefined);
}

function writeGroupItem(w: Writer, g: GNode, item: unknown, depth: number): void {
  if (!isObject(item)) {
    if (w.check) w.violation(`expected an object, got ${describeValue(item)}`);
    return;
  }
  if (w.check) unknownProps(w, item, g.itemProps, g.compositor === 'choice' ? 'choice item' : 'group item');
  writeGroupBody(w, g, item, depth);
}

function writeGroupBody(w: Writer, g: GNode, obj: Record<string, unknown>, depth: number): void {
  const items = g.items;
  if (g.compositor !== 'choice') {
    for (let i = 0; i < items.length; i++) writeParticle(w, items[i], obj, depth);
    return;
  }
  let chosen = -1;
  let extra: number[] | null = null;
  const bp = g.branchProps;
  for (let i = 0; i < items.length; i++) {
    if (anyPresent(bp[i], obj)) {
      if (chosen < 0) chosen = i;
      else (extra ??= [chosen]).push(i);
    }
  }
  if (chosen < 0) {
    if (w.check && !g.bodyNullable) w.violation(`one of ${choiceNames(g)} is required (choice)`);
    return;
  }
  if (extra !== null) {
    if (w.check) {
      w.violation(`only one of ${choiceNames(g)} may be present (choice); found ${extra.map((i) => bp[i].filter((p) => obj[p] !== undefined).join('+')).join(' and ')}`);
    } else {
      // Without validation, write what was given: every present branch, in schema order.
      for (const i of extra) writeParticle(w, items[i], obj, depth);
      return;
    }
  }
  writeParticle(w, items[chosen], obj, depth);
}

function choiceNames(g: GNode): string {
  return g.branchProps.map((b) => b.join('+')).join(', ');
}

