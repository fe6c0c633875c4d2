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
/** Markup written as it is (a comment, a PI, a CDATA section, a character or entity reference): made by mutations only. */
export interface XmlRaw {
  raw: string;
}
export type XmlNode = XmlElement | string | XmlRaw;
const isElement = (c: XmlNode): c is XmlElement => typeof c !== 'string' && !('raw' in c);

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
  const kids = el.children.filter(isElement).map(structure).sort();
  return `<${el.name}${attrs.map((a) => ` ${a}`).join('')}>${kids.join('')}</>`;
}

/** Writes a tree back as XML (empty elements as `<x/>`). */
export function writeTree(el: XmlElement): string {
  const attrs = el.attrs.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('');
  if (el.children.length === 0) return `<${el.name}${attrs}/>`;
  const inner = el.children.map((c) => (typeof c === 'string' ? escapeText(c) : 'raw' in c ? c.raw : writeTree(c))).join('');
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

const XS = 'http://www.w3.org/2001/XMLSchema';

/** Lengths around the schemas' length facets (1, 2, 3, 5, 10, 16, 20, 200, 255). */
const LENGTHS = [0, 1, 2, 3, 4, 5, 6, 10, 11, 16, 17, 20, 21, 200, 201, 255, 256];
/** Characters of one, two, three and four UTF-8 bytes (the last two UTF-16 units), a no-break space, a fullwidth letter. */
const LENGTH_CHARS = ['a', '\u00e9', '\u4e2d', '\u{1d7d8}', '\u{1f600}', '\u00a0', '\uff41', '1'];
/** Whitespace variants: XML whitespace raw and as references (a reference to CR survives line-end normalization), and a no-break space. */
const SPACES = [' ', '  ', '\t', '\n', '\r\n', '\r', '\u00a0', '&#9;', '&#10;', '&#13;', '&#xA0;', '&#x20;', '\u2003', '\u3000', '\u0085', '\u2028'];
/** Markup put anywhere: comments, PIs, CDATA sections, references (some not well-formed). */
const MARKUP = [
  '<!--x-->', '<!---->', '<!-- - -->', '<?pi x?>', '<?pi?>', '<![CDATA[]]>', '<![CDATA[ ]]>', '<![CDATA[x]]>', '<![CDATA[<a/>]]>', '<![CDATA[\n]]>',
  '&#x20;', '&#32;', '&#x31;', '&#49;', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#0;', '&#xD800;', '&#xFFFE;', '&#x1F600;', '&#x10FFFF;',
  '&#x110000;', '&nbsp;', '&#x85;', '&#xA0;', '&#9;', '&#13;', ']]>', '<?xml version="1.0"?>', '<!--a--b-->', '&#x;', '&#-1;', '&#x1;', '&#x7F;',
];
/** Text put into element-only or empty content. */
const TEXTS = [' ', '\n  ', '\t', '\r\n', 'x', ' x ', '0', '\u00a0', '&#160;', '&#32;', '&#13;', '\u2028', '\u200b', '.'];
/** Namespace declarations added to an element. */
const NAMESPACE_DECLARATIONS: readonly [string, string][] = [
  ['xmlns', ''], ['xmlns', 'urn:fuzz'], ['xmlns', XSI], ['xmlns:foo', 'urn:foo'], ['xmlns:xsi', XSI], ['xmlns:xs', XS], ['xmlns:xsi', 'urn:not-xsi'],
  ['xmlns:xml', 'http://www.w3.org/XML/1998/namespace'], ['xmlns:xml', 'urn:x'], ['xmlns:foo', ''], ['xmlns:xmlns', 'urn:x'], ['xmlns:a-b.c', 'urn:foo'],
];
/** Attributes of the xml and xsi namespaces and of foreign ones, with the declaration they need. */
const SPECIAL_ATTRIBUTES: readonly [string, string, ([string, string] | undefined)?][] = [
  ['xml:lang', 'en'], ['xml:lang', ''], ['xml:space', 'preserve'], ['xml:space', 'default'], ['xml:space', 'bogus'], ['xml:base', 'http://example.com/'], ['xml:id', 'a1'],
  ['xsi:type', 'string', ['xmlns:xsi', XSI]], ['xsi:type', 'xs:string', ['xmlns:xsi', XSI]], ['xsi:type', 'xs:string', ['xmlns:xs', XS]], ['xsi:type', 'int', ['xmlns:xsi', XSI]],
  ['xsi:type', '', ['xmlns:xsi', XSI]], ['xsi:type', 'foo:bar', ['xmlns:xsi', XSI]], ['xsi:type', ' string ', ['xmlns:xsi', XSI]], ['xsi:type', 'NoneType', ['xmlns:xsi', XSI]],
  ['xsi:type', 'resultType', ['xmlns:xsi', XSI]], ['xsi:type', 'xs:anyType', ['xmlns:xsi', XSI]],
  ['xsi:schemaLocation', 'urn:x x.xsd', ['xmlns:xsi', XSI]], ['xsi:schemaLocation', 'odd', ['xmlns:xsi', XSI]], ['xsi:noNamespaceSchemaLocation', 'agent_input.xsd', ['xmlns:xsi', XSI]],
  ['xsi:noNamespaceSchemaLocation', '', ['xmlns:xsi', XSI]], ['xsi:foo', '1', ['xmlns:xsi', XSI]], ['xsi:nil', 'true', ['xmlns:xsi', XSI]],
  ['foo:bar', '1', ['xmlns:foo', 'urn:foo']], ['foo:bar', '1'], ['xmlns:foo', 'urn:foo'], ['version', '1.6.7.0'], ['id', '1'], ['name', '&amp;'],
];
/** Operator elements an operation is moved into. */
const OPERATORS = ['server', 'customer', 'webspace', 'site', 'dns', 'mail', 'ip', 'session', 'reseller', 'user', 'secret_key', 'ui', 'bogus'];
/** Values for the packet's version attribute. */
const VERSIONS = ['1.6.7.0', '1.6.9.1', '1.6.3.0', '', ' 1.6.7.0 ', 'abc', '9.9.9.9', '1.6.7.0.1', '1'];
/** What may come before the root: a byte order mark, XML declarations, DOCTYPEs, comments, PIs. */
const PROLOGS = [
  '\uFEFF', '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="utf-8"?>', "<?xml version='1.0' encoding='UTF-8'?>\n",
  '<?xml version="1.0" encoding="ISO-8859-1"?>', '<?xml version="1.0" encoding="US-ASCII"?>', '<?xml version="1.0" encoding="UTF-16"?>', '<?xml version="1.0" encoding="bogus"?>',
  '<?xml version="1.0" standalone="yes"?>', '<?xml version="1.0" encoding="UTF-8" standalone="no"?>', '<?xml version="1.0" standalone="maybe"?>',
  '<?xml version="1.1"?>', '<?xml version="1.1"?>', '<?xml version="2.0"?>', '<?xml encoding="UTF-8"?>', ' <?xml version="1.0"?>', '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n',
  '<?xml version="1.0" ?>\n\n', '<?XML version="1.0"?>', '<!-- c -->', '<?pi x?>\n', '\n', '<!DOCTYPE packet>', '<!DOCTYPE packet [ ]>',
  '<!DOCTYPE packet SYSTEM "http://example.com/packet.dtd">', '<!DOCTYPE packet [<!ENTITY x "1">]>', '<!DOCTYPE packet [<!ATTLIST packet version CDATA "1.6.7.0">]>',
  '<!DOCTYPE packet [<!ENTITY a "a"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
];
/** What may come after the root. */
const EPILOGS = ['\n', '<!-- c -->', '<?pi?>', ' x', '<packet/>', '\uFEFF', '&#32;'];

/** The text of a leaf element. */
function textOf(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === 'string').join('');
}

function splitText(t: string, rnd: () => number): string[] {
  const at = 1 + Math.floor(rnd() * (t.length - 1));
  return [t.slice(0, at), t.slice(at)];
}

/**
 * Lexical neighbours of a value, by what it looks like (the mutator knows no types): for
 * integers signs, leading zeros, whitespace and the edges of every integer type; for booleans
 * their other forms; for dates and times impossible days, leap days, 24:00, time zones; for
 * decimals and doubles their special forms; for other text case changes, surrounding whitespace
 * and near misses.
 */
export function lexicalNeighbours(text: string): string[] {
  const t = text.trim();
  const common = ['', ` ${t} `, `${t}\u00a0`, `${t}${t}`, `${t} ${t}`];
  if (/^[+-]?[0-9]+$/.test(t)) {
    const n = t.replace(/^[+-]/, '');
    return [
      ...common, `+${n}`, `-${n}`, `0${n}`, `00${n}`, `+0${n}`, `\t${t}\n`, `${t}.0`, `${t}.`, `${t}e0`, `0x${n}`, `${n}\uff10`, `\u0661${n}`, `- ${n}`, `+-${n}`, `${t}-`,
      '0', '-0', '+0', '00', '-1', '1', '2147483647', '2147483648', '-2147483648', '-2147483649', '4294967295', '4294967296', '32767', '32768', '-32768', '-32769',
      '65535', '65536', '99999', '100000', '9007199254740991', '9007199254740992', '9223372036854775807', '9223372036854775808', '-9223372036854775808',
      '-9223372036854775809', '18446744073709551615', '18446744073709551616', '9'.repeat(24), '9'.repeat(25), `${'0'.repeat(30)}1`,
    ];
  }
  if (/^(?:true|false)$/i.test(t)) {
    return [...common, 'true', 'false', '1', '0', ' true ', '\ttrue\n', 'TRUE', 'True', 'FALSE', 'yes', 'no', 't', 'f', '01', '+1', '1.0', 'true false', 'on'];
  }
  const date = /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(.*)$/.exec(t);
  if (date !== null) {
    const [, , , , rest] = date;
    const d = (ymd: string): string => `${ymd}${rest}`;
    return [
      ...common, d('2015-02-29'), d('2016-02-29'), d('1900-02-29'), d('2000-02-29'), d('2015-04-31'), d('2015-00-10'), d('2015-13-01'), d('2015-01-00'), d('2015-01-32'),
      d('0000-01-01'), d('-0001-01-01'), d('0001-01-01'), d('12015-01-01'), d('02015-01-01'), d('2015-1-1'), d('15-01-01'), `${t}Z`, `${t}+14:00`, `${t}+14:01`,
      `${t}-00:00`, `${t}+00:60`, `${t}+1:00`, `${t}z`, `${t}T00:00:00`, `${t} `, ` ${t}`, t.replace(/-/g, '/'),
      ...(rest.startsWith('T')
        ? [t.replace(/T.*/, 'T24:00:00'), t.replace(/T.*/, 'T24:00:01'), t.replace(/T.*/, 'T23:59:60'), t.replace(/T.*/, 'T23:59:59.5'), t.replace(/T.*/, 'T23:59:59.'),
          t.replace(/T.*/, 'T1:00:00'), t.replace(/T.*/, 'T10:00'), t.replace('T', ' '), t.replace('T', 't'), t.replace(/T.*/, 'T10:00:00.000000000001Z')]
        : ['2015-01-01T10:00:00', '2015-01-01Z', '2015-01-01+02:00']),
    ];
  }
  if (/^[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t)) {
    return [...common, '1.5', '1.', '.5', '-.5', '+1.5', '1e3', '1E3', '1e', 'INF', '-INF', '+INF', 'NaN', 'nan', 'inf', '1.5.5', '0x10', '1,5', '-0.0', '+.5e-3'];
  }
  return [
    ...common, t.toUpperCase(), t.toLowerCase(), t.charAt(0).toUpperCase() + t.slice(1), ` ${t}`, `${t} `, `\t${t}\n`, `${t}\r\n`, `${t}x`, t.slice(0, -1), t.slice(1),
    `${t}\u00e9`, `${t}\u{1f600}`, t.replace(/./u, '\u00a0'), t.replace(/ /g, '  '), t.replace(/ /g, '\t'), `a${t.replace(/^./u, '\u00c9')}`, '-', '*', '@',
  ];
}

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
  | 'insert'
  | 'lexical'
  | 'length'
  | 'spaces'
  | 'markup'
  | 'text'
  | 'namespace'
  | 'special-attribute'
  | 'move'
  | 'nest'
  | 'root'
  | 'prolog';

/** The first kinds, as the reader's golden file (test/codec/violations.test.ts) was made with them. */
export const MUTATION_KINDS: readonly MutationKind[] = ['delete', 'duplicate', 'swap', 'rename', 'empty', 'value', 'attribute', 'whitespace', 'nil', 'insert'];

/**
 * Kinds added as an independent checker would mutate (issue 12): values replaced by lexical
 * neighbours of what they were (`lexical`: signs, leading zeros, overflow of each integer type,
 * boolean and date forms, enumeration values in other cases), strings of lengths around the
 * schemas' bounds in multi-byte and astral characters (`length`), whitespace and no-break spaces
 * around and inside values (`spaces`), comments, PIs, CDATA sections and character or entity
 * references put anywhere, values included (`markup`), text in element-only and empty content
 * (`text`), namespace declarations and prefixed names (`namespace`), `xml:*`, `xsi:*` and
 * foreign attributes, duplicated and removed attributes (`special-attribute`), elements moved to
 * another parent or operator (`move`), an element nested in a copy of itself (`nest`), the root
 * renamed and its `version` changed (`root`), and what comes before and after the root: byte
 * order mark, XML declarations, DOCTYPEs, comments (`prolog`).
 */
export const MORE_MUTATION_KINDS: readonly MutationKind[] = ['lexical', 'length', 'spaces', 'markup', 'text', 'namespace', 'special-attribute', 'move', 'nest', 'root', 'prolog'];

/** Every kind: what the differential test draws from. */
export const ALL_MUTATION_KINDS: readonly MutationKind[] = [...MUTATION_KINDS, ...MORE_MUTATION_KINDS];

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
    for (const c of el.children) if (isElement(c)) walk(c, el, `${path}/${c.name}`);
  };
  walk(root, null, root.name);
  return out;
}

const clone = (el: XmlElement): XmlElement => structuredClone(el);
const elementChildren = (el: XmlElement): XmlElement[] => el.children.filter(isElement);
const isLeaf = (el: XmlElement): boolean => el.children.every((c) => !isElement(c));

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
  const done = (what: string, before = '', after = ''): Mutant => ({ kind, what, xml: before + writeTree(doc) + after });
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

    case 'lexical': {
      const leaves = inner.filter((p) => isLeaf(p.el));
      if (leaves.length === 0) return undefined;
      const p = pick(leaves);
      const text = textOf(p.el);
      const v = pick(lexicalNeighbours(text));
      p.el.children = v === '' ? [] : [v];
      return done(`value of ${p.path} ${JSON.stringify(text)} := ${JSON.stringify(v)}`);
    }
    case 'length': {
      const leaves = inner.filter((p) => isLeaf(p.el));
      if (leaves.length === 0) return undefined;
      const p = pick(leaves);
      const n = pick(LENGTHS);
      const ch = pick(LENGTH_CHARS);
      const v = ch.repeat(n);
      p.el.children = v === '' ? [] : [v];
      return done(`value of ${p.path} := ${n} × ${JSON.stringify(ch)}`);
    }
    case 'spaces': {
      // Whitespace (or a no-break space, which is not XML whitespace) before, after or inside a value.
      const leaves = inner.filter((p) => isLeaf(p.el));
      if (leaves.length === 0) return undefined;
      const p = pick(leaves);
      const text = textOf(p.el);
      const ws = pick(SPACES);
      const where = pick(['before', 'after', 'around', 'inside'] as const);
      const node = (): XmlNode => (ws.startsWith('&') ? { raw: ws } : ws);
      if (where === 'inside') {
        const at = Math.floor(rnd() * (text.length + 1));
        p.el.children = [text.slice(0, at), node(), text.slice(at)].filter((c) => c !== '');
      } else {
        p.el.children = [...(where !== 'after' ? [node()] : []), ...(text === '' ? [] : [text]), ...(where !== 'before' ? [node()] : [])];
      }
      return done(`${JSON.stringify(ws)} ${where} the value of ${p.path} (${JSON.stringify(text)})`);
    }
    case 'markup': {
      // Markup anywhere: between elements, into an empty element, or splitting a value.
      const p = pick(all);
      const how = rnd();
      if (how < 0.25 && isLeaf(p.el) && textOf(p.el) !== '') {
        // The same value in other markup: one character as a character reference, or all as CDATA.
        const text = textOf(p.el);
        const i = Math.floor(rnd() * text.length);
        const cp = text.codePointAt(i)!;
        const width = cp > 0xffff ? 2 : 1;
        const ref = rnd() < 0.5 ? `&#${cp};` : `&#x${cp.toString(16)};`;
        p.el.children = rnd() < 0.5 ? [text.slice(0, i), { raw: ref }, text.slice(i + width)].filter((c) => c !== '') : [{ raw: `<![CDATA[${text}]]>` }];
        return done(`the value of ${p.path} (${JSON.stringify(text)}) in other markup`);
      }
      const m = pick(MARKUP);
      const flat: XmlNode[] = [];
      for (const c of p.el.children) flat.push(...(typeof c === 'string' && c.length > 1 && rnd() < 0.5 ? splitText(c, rnd) : [c]));
      const at = Math.floor(rnd() * (flat.length + 1));
      flat.splice(at, 0, { raw: m });
      p.el.children = flat;
      return done(`${JSON.stringify(m)} in ${p.path} at child ${at}`);
    }
    case 'text': {
      // Text where the content is element-only or empty: whitespace-only or not.
      const targets = all.filter((q) => !isLeaf(q.el) || q.el.children.length === 0);
      if (targets.length === 0) return undefined;
      const p = pick(targets);
      const t = pick(TEXTS);
      const at = Math.floor(rnd() * (p.el.children.length + 1));
      p.el.children.splice(at, 0, t.startsWith('&') ? { raw: t } : t);
      return done(`text ${JSON.stringify(t)} in ${p.path} at child ${at}`);
    }
    case 'namespace': {
      const p = pick(all);
      const how = rnd();
      if (how < 0.6) {
        const [name, value] = pick(NAMESPACE_DECLARATIONS);
        if (p.el.attrs.some(([n]) => n === name)) return undefined;
        p.el.attrs.push([name, value]);
        return done(`${name}="${value}" on ${p.path}`);
      }
      // A prefixed name for the element: a declared namespace, an undeclared prefix, or xml/xsi.
      const prefix = pick(['foo', 'foo', 'bar', 'xsi', 'xml']);
      if (prefix === 'foo') p.el.attrs.push(['xmlns:foo', pick(['urn:foo', ''])]);
      if (prefix === 'xsi' && !all.some((q) => q.el.attrs.some(([n]) => n === 'xmlns:xsi'))) p.el.attrs.push(['xmlns:xsi', XSI]);
      const from = p.el.name;
      p.el.name = `${prefix}:${from}`;
      return done(`rename ${p.path} to ${p.el.name}`);
    }
    case 'special-attribute': {
      const p = pick(all);
      const how = rnd();
      if (how < 0.15 && p.el.attrs.length > 0) {
        const a = pick(p.el.attrs);
        p.el.attrs.push([a[0], a[1]]);
        return done(`duplicate attribute ${a[0]} on ${p.path}`);
      }
      if (how < 0.3) {
        const withAttrs = all.filter((q) => q.el.attrs.some(([n]) => !n.startsWith('xmlns')));
        if (withAttrs.length === 0) return undefined;
        const q = pick(withAttrs);
        const a = pick(q.el.attrs.filter(([n]) => !n.startsWith('xmlns')));
        q.el.attrs.splice(q.el.attrs.indexOf(a), 1);
        return done(`remove attribute ${a[0]} from ${q.path}`);
      }
      const [name, value, declare] = pick(SPECIAL_ATTRIBUTES);
      if (p.el.attrs.some(([n]) => n === name)) return undefined;
      if (declare !== undefined && !p.el.attrs.some(([n]) => n === declare[0])) p.el.attrs.push([declare[0], declare[1]]);
      p.el.attrs.push([name, value]);
      return done(`${name}="${value}" on ${p.path}`);
    }
    case 'move': {
      // An element moved under another parent: often an operation into another operator.
      const movable = all.filter((q) => q.path.split('/').length >= 3);
      if (movable.length === 0) return undefined;
      const p = pick(movable);
      p.parent!.children.splice(p.parent!.children.indexOf(p.el), 1);
      if (rnd() < 0.5) {
        const operator = pick(OPERATORS);
        doc.children.push({ name: operator, attrs: [], children: [p.el] });
        return done(`move ${p.path} into a new <${operator}>`);
      }
      const targets = places(doc);
      const q = pick(targets);
      const at = Math.floor(rnd() * (q.el.children.length + 1));
      q.el.children.splice(at, 0, p.el);
      return done(`move ${p.path} into ${q.path} at child ${at}`);
    }
    case 'nest': {
      // An element inside a copy of itself (deep duplication), or a whole subtree repeated deeper.
      if (inner.length === 0) return undefined;
      const p = pick(inner);
      const copy = clone(p.el);
      if (rnd() < 0.5) p.el.children.push(copy);
      else {
        const leaves = places(p.el).filter((q) => q.el !== p.el);
        if (leaves.length === 0) return undefined;
        pick(leaves).el.children.push(copy);
      }
      return done(`nest a copy of ${p.path} inside it`);
    }
    case 'root': {
      const how = rnd();
      if (how < 0.3) {
        const to = pick(['Packet', 'packets', 'request', 'response', 'server', 'system']);
        doc.name = to;
        return done(`rename the root to ${to}`);
      }
      const i = doc.attrs.findIndex(([n]) => n === 'version');
      if (how < 0.45) {
        if (i < 0) return undefined;
        doc.attrs.splice(i, 1);
        return done('remove the root\u2019s version');
      }
      const v = pick(VERSIONS);
      if (i < 0) doc.attrs.push(['version', v]);
      else doc.attrs[i] = ['version', v];
      return done(`version="${v}" on the root`);
    }
    case 'prolog': {
      const before = pick(PROLOGS);
      const after = rnd() < 0.2 ? pick(EPILOGS) : '';
      return done(`${JSON.stringify(before)} before the root${after ? `, ${JSON.stringify(after)} after it` : ''}`, before, after);
    }
  }
}
