/**
 * Seeded mutations of XML documents, for the differential test against libxml2
 * (test/codec/differential.test.ts).
 *
 * A document is read into a small tree (elements, attributes, text; comments and processing
 * instructions dropped, CDATA read as text), one mutation is applied at a place chosen by a
 * seeded random generator, and the tree is written back. Everything is a pure function of the
 * seed, so a mutant can be rebuilt from the seed and its number alone.
 *
 * This module does not import the runtime it helps to test (it reads XML with saxes directly).
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attrs: [string, string][];
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

/** Reads a well-formed document into a tree (its root element). */
export function readTree(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attrs: Object.entries(tag.attributes as Record<string, string>), children: [] };
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  const onText = (t: string): void => {
    if (stack.length > 0) stack[stack.length - 1].children.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml.replace(/^\uFEFF/, '')).close();
  if (root === undefined) throw new Error('no root element');
  return root;
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

/**
 * The document's structure as a string: element names, attribute names (not namespace
 * declarations, not `xsi:*`) and children, children sorted (so `xs:all` content written in
 * schema order compares equal); text is left out. Two documents with the same structure lost no
 * element and no attribute.
 */
export function structure(el: XmlElement): string {
  const attrs = el.attrs
    .map(([n]) => n)
    .filter((n) => !n.startsWith('xmlns') && !/:(nil|type|schemaLocation|noNamespaceSchemaLocation)$/.test(n))
    .sort();
  const kids = el.children.filter((c): c is XmlElement => typeof c !== 'string').map(structure).sort();
  return `<${el.name}${attrs.map((a) => ` ${a}`).join('')}>${kids.join('')}</>`;
}

/** Writes a tree back as XML (empty elements as `<x/>`). */
export function writeTree(el: XmlElement): string {
  const attrs = el.attrs.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('');
  if (el.children.length === 0) return `<${el.name}${attrs}/>`;
  const inner = el.children.map((c) => (typeof c === 'string' ? escapeText(c) : writeTree(c))).join('');
  return `<${el.name}${attrs}>${inner}</${el.name}>`;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Text values tried where a value is replaced: edge cases of Plesk's and XML Schema's simple types. */
const VALUES = [
  '', ' ', '0', '1', '-1', 'true', 'false', 'yes', 'ok', 'error', ' ok ', 'abc', '1.5', '-0', 'INF', 'NaN', '007',
  '9007199254740993', '99999999999999999999', '2015-01-01', '2015-13-45', '12:00:00', 'P1D', 'AAAA', 'A=B',
  'a b', 'x'.repeat(300), '\u00e9\u4e2d', '1.0.0.0', 'http://example.com/', '-', '+5', ' 5 ', '1e3',
];

/** Names tried for added attributes (besides names taken from the document itself). */
const ATTRIBUTE_NAMES = ['fuzz', 'id', 'name', 'xml:lang', 'version', 'type'];

/** xsi:nil values tried: the boolean's lexical forms and values that are not booleans. */
const NIL_VALUES = ['true', 'false', '1', '0', 'yes', ' true ', ' ok '];

export type MutationKind =
  | 'delete'
  | 'duplicate'
  | 'swap'
  | 'rename'
  | 'empty'
  | 'value'
  | 'attribute'
  | 'whitespace'
  | 'nil'
  | 'insert';

export const MUTATION_KINDS: readonly MutationKind[] = ['delete', 'duplicate', 'swap', 'rename', 'empty', 'value', 'attribute', 'whitespace', 'nil', 'insert'];

export interface Mutant {
  kind: MutationKind;
  /** What was done, for messages (`delete packet/server/get_protos`). */
  what: string;
  xml: string;
}

interface Place {
  el: XmlElement;
  parent: XmlElement | null;
  path: string;
}

function places(root: XmlElement): Place[] {
  const out: Place[] = [];
  const walk = (el: XmlElement, parent: XmlElement | null, path: string): void => {
    out.push({ el, parent, path });
    for (const c of el.children) if (typeof c !== 'string') walk(c, el, `${path}/${c.name}`);
  };
  walk(root, null, root.name);
  return out;
}

const clone = (el: XmlElement): XmlElement => structuredClone(el);
const elementChildren = (el: XmlElement): XmlElement[] => el.children.filter((c): c is XmlElement => typeof c !== 'string');
const isLeaf = (el: XmlElement): boolean => el.children.every((c) => typeof c === 'string');

/**
 * Applies one mutation of `kind` to a copy of `root`, at a place chosen by `rnd`. Returns
 * `undefined` when the document offers no place for that kind (no two siblings to swap, …).
 */
export function mutate(root: XmlElement, kind: MutationKind, rnd: () => number): Mutant | undefined {
  const doc = clone(root);
  const all = places(doc);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const inner = all.filter((p) => p.parent !== null);
  const names = [...new Set(all.map((p) => p.el.name))];
  const done = (what: string): Mutant => ({ kind, what, xml: writeTree(doc) });
  switch (kind) {
    case 'delete': {
      if (inner.length === 0) return undefined;
      const p = pick(inner);
      p.parent!.children.splice(p.parent!.children.indexOf(p.el), 1);
      return done(`delete ${p.path}`);
    }
    case 'duplicate': {
      if (inner.length === 0) return undefined;
      const p = pick(inner);
      p.parent!.children.splice(p.parent!.children.indexOf(p.el) + 1, 0, clone(p.el));
      return done(`duplicate ${p.path}`);
    }
    case 'swap': {
      const parents = all.filter((p) => elementChildren(p.el).length >= 2);
      if (parents.length === 0) return undefined;
      const p = pick(parents);
      const kids = elementChildren(p.el);
      const i = Math.floor(rnd() * (kids.length - 1));
      const a = p.el.children.indexOf(kids[i]);
      const b = p.el.children.indexOf(kids[i + 1]);
      [p.el.children[a], p.el.children[b]] = [p.el.children[b], p.el.children[a]];
      return done(`swap ${p.path}/${kids[i].name} with the next element`);
    }
    case 'rename': {
      if (inner.length === 0) return undefined;
      const p = pick(inner);
      const to = rnd() < 0.7 ? pick(names) : `${p.el.name}x`;
      if (to === p.el.name) return undefined;
      const from = p.el.name;
      p.el.name = to;
      return done(`rename ${p.path} (${from}) to ${to}`);
    }
    case 'empty': {
      const withContent = inner.filter((p) => p.el.children.length > 0);
      if (withContent.length === 0) return undefined;
      const p = pick(withContent);
      p.el.children = [];
      return done(`empty ${p.path}`);
    }
    case 'value': {
      const leaves = inner.filter((p) => isLeaf(p.el));
      if (leaves.length === 0) return undefined;
      const p = pick(leaves);
      const texts = leaves.map((l) => l.el.children.join('')).filter((t) => t.trim() !== '');
      const v = rnd() < 0.25 && texts.length > 0 ? pick(texts) : pick(VALUES);
      p.el.children = v === '' ? [] : [v];
      return done(`value of ${p.path} := ${JSON.stringify(v)}`);
    }
    case 'attribute': {
      const p = pick(all);
      const seen = all.flatMap((q) => q.el.attrs.map(([n]) => n)).filter((n) => !n.startsWith('xmlns'));
      const name = rnd() < 0.3 && seen.length > 0 ? pick(seen) : pick(ATTRIBUTE_NAMES);
      if (p.el.attrs.some(([n]) => n === name)) return undefined;
      const value = pick(['1', 'en', 'ok', '']);
      p.el.attrs.push([name, value]);
      return done(`attribute ${name}="${value}" on ${p.path}`);
    }
    case 'whitespace': {
      const p = pick(all);
      const ws = pick([' ', '\n  ', '\t', '\r\n']);
      const at = Math.floor(rnd() * (p.el.children.length + 1));
      p.el.children.splice(at, 0, ws);
      return done(`whitespace ${JSON.stringify(ws)} in ${p.path} at child ${at}`);
    }
    case 'insert': {
      // A new child: a copy of the whole packet (the one global declaration), of another element,
      // or an empty element named like one of the document's.
      const p = pick(all);
      const how = rnd();
      const child = how < 0.3 ? clone(root) : how < 0.65 ? clone(pick(all).el) : { name: pick(names), attrs: [], children: [] };
      const at = Math.floor(rnd() * (p.el.children.length + 1));
      p.el.children.splice(at, 0, child);
      return done(`insert <${child.name}>${how < 0.3 ? ' (the whole packet)' : ''} in ${p.path} at child ${at}`);
    }
    case 'nil': {
      const p = pick(inner);
      if (p === undefined) return undefined;
      const value = pick(NIL_VALUES);
      const prefix = pick(['xsi', 'i']);
      doc.attrs.push([`xmlns:${prefix}`, XSI]);
      p.el.attrs.push([`${prefix}:nil`, value]);
      const how = rnd();
      if (how < 0.4) p.el.children = [];
      else if (how < 0.55) p.el.children = [pick([' ', '\n'])];
      return done(`${prefix}:nil="${value}" on ${p.path}${how < 0.4 ? ' (emptied)' : how < 0.55 ? ' (whitespace only)' : ''}`);
    }
  }
}
