/**
 * A small, namespace-aware DOM for XSD documents, built on saxes (a conforming, non-validating
 * XML parser that reports each start tag's line).
 *
 * Each node knows its namespace URI, its attributes (namespace declarations removed; character
 * and entity references decoded), its child elements, its text, and where it starts (`file`,
 * 1-based `line` of the `<`). The prefix map in scope is kept so QName-valued attributes
 * (`type="xs:string"`, `base="string"`) can be resolved later.
 *
 * A DOCTYPE is allowed (W3C schemas such as `xmldsig-core-schema.xsd` carry one). Its internal
 * subset is read for one thing only: general entities with a literal value (`<!ENTITY dsig
 * 'http://…'>`), which are expanded where referenced, as libxml2 does when it reads a schema.
 * Nothing external is ever read: an entity with a SYSTEM/PUBLIC identifier, or an external DTD
 * subset, is not loaded, and a reference to such an entity is an error. Expansion is bounded
 * (`MAX_EXPANSION` characters per document in total), so nested entities cannot blow up
 * ("billion laughs"). Attribute defaults declared in the subset (`<!ATTLIST … #FIXED …>`) are
 * not applied, again as libxml2 reads schemas.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** Prefix → namespace URI. The key `''` is the default namespace (absent when there is none). */
export type PrefixMap = ReadonlyMap<string, string>;

export interface XsdNode {
  /** Local name of the element (`element`, `complexType`, …). */
  readonly local: string;
  /** Namespace URI of the element, `null` when it has none. */
  readonly ns: string | null;
  /** Attributes as written (namespace declarations excluded); values are entity-decoded. */
  readonly attrs: Readonly<Record<string, string>>;
  /** Child elements in document order. */
  readonly children: XsdNode[];
  /** All text directly inside the element and inside its descendants, concatenated in order. */
  readonly text: string;
  /** File the node comes from, relative to the schema directory. */
  readonly file: string;
  /** 1-based line of the element's start tag. */
  readonly line: number;
  /** Namespace prefixes in scope at this element. */
  readonly prefixes: PrefixMap;
}

/** A malformed document: where the XML is broken and why. */
export interface XmlProblem {
  readonly line: number;
  readonly message: string;
}

export type ParseResult = { ok: true; root: XsdNode } | { ok: false; problem: XmlProblem };

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Most characters that entity references may add to one document. */
export const MAX_EXPANSION = 1 << 20;

interface Building {
  /** The name as written (`xs:element`). */
  name: string;
  local: string;
  ns: string | null;
  attrs: Record<string, string>;
  children: XsdNode[];
  text: string;
  line: number;
  prefixes: PrefixMap;
}

function splitName(name: string): [prefix: string, local: string] {
  const i = name.indexOf(':');
  return i < 0 ? ['', name] : [name.slice(0, i), name.slice(i + 1)];
}

class Problem extends Error {}

/**
 * The general entities of a DOCTYPE's internal subset, each with its replacement text, and
 * the names of those that cannot be used (external, unparsed, or holding markup).
 */
export function internalEntities(doctype: string): { values: Map<string, string>; unusable: Map<string, string> } {
  const values = new Map<string, string>();
  const unusable = new Map<string, string>();
  const open = doctype.indexOf('[');
  const close = doctype.lastIndexOf(']');
  if (open < 0 || close < open) return { values, unusable };
  // Comments and processing instructions may hold anything, quotes included.
  const subset = doctype.slice(open + 1, close).replace(/<!--[\s\S]*?-->/g, ' ').replace(/<\?[\s\S]*?\?>/g, ' ');
  const decl = /<!ENTITY\s+(%\s+)?([^\s%;&<>"']+)\s+(?:"([^"]*)"|'([^']*)'|((?:SYSTEM|PUBLIC)\b[^>]*))\s*>/g;
  let budget = MAX_EXPANSION;
  for (let m = decl.exec(subset); m !== null; m = decl.exec(subset)) {
    const [, percent, name, dq, sq, external] = m;
    if (percent !== undefined) continue; // parameter entities shape the DTD only
    if (values.has(name) || unusable.has(name)) continue; // the first declaration binds (XML 1.0 §4.2)
    if (external !== undefined) {
      unusable.set(name, `entity "${name}" is external; external entities are never loaded`);
      continue;
    }
    const literal = dq ?? sq ?? '';
    let failure: string | undefined;
    // Character references are replaced in the literal; references to earlier general entities
    // are expanded now (their values are already expanded), so saxes inserts plain text.
    const value = literal.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[^\s&;]+);/g, (ref, body: string) => {
      if (body.startsWith('#')) {
        const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        try {
          return String.fromCodePoint(code);
        } catch {
          failure ??= `entity "${name}" has the invalid character reference ${ref}`;
          return '';
        }
      }
      const predefined = PREDEFINED[body];
      if (predefined !== undefined) return predefined;
      const inner = values.get(body);
      if (inner === undefined) {
        failure ??= unusable.get(body) ?? `entity "${name}" refers to "${body}", which is not declared before it as an internal entity`;
        return '';
      }
      budget -= inner.length;
      if (budget < 0) failure ??= `entity expansion exceeds ${MAX_EXPANSION} characters`;
      return budget < 0 ? '' : inner;
    });
    if (failure === undefined && value.includes('<')) failure = `entity "${name}" holds markup, which is not supported in a schema`;
    if (failure !== undefined) unusable.set(name, failure);
    else values.set(name, value);
  }
  return { values, unusable };
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/**
 * An ENTITIES table for saxes: the predefined entities plus the document's own, each expansion
 * counted against the document's budget; an unusable entity throws with its reason.
 */
function entityTable(doctype: string, budget: { left: number }): Record<string, string> {
  const table: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(PREDEFINED)) table[k] = v;
  const { values, unusable } = internalEntities(doctype);
  for (const [name, value] of values) {
    if (name in PREDEFINED) continue;
    Object.defineProperty(table, name, {
      enumerable: true,
      get() {
        budget.left -= value.length;
        if (budget.left < 0) throw new Problem(`entity expansion exceeds ${MAX_EXPANSION} characters`);
        return value;
      },
    });
  }
  for (const [name, reason] of unusable) {
    Object.defineProperty(table, name, {
      enumerable: true,
      get() {
        throw new Problem(reason);
      },
    });
  }
  return table;
}

/**
 * Parses one XSD document. Returns the root element, or the first well-formedness problem
 * (line and message) when the text is not well-formed XML.
 */
export function parseXsd(text: string, file: string): ParseResult {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let problem: XmlProblem | undefined;
  const fail = (message: string, line = parser.line): void => {
    problem ??= { line, message };
  };
  let lastClosed: Building | undefined;
  parser.on('error', (e) => {
    const message = e.message.replace(/^\d+:\d+: /, '');
    // saxes names neither tag; the one it just closed is the start tag left open.
    if (message === 'unexpected close tag.' && lastClosed !== undefined) {
      fail(`end tag does not match the start tag <${lastClosed.name}> of line ${lastClosed.line}`);
    } else fail(message);
  });
  const budget = { left: MAX_EXPANSION };
  parser.on('doctype', (doctype) => {
    parser.ENTITIES = entityTable(doctype, budget);
  });

  const stack: Building[] = [];
  let root: XsdNode | undefined;
  let startLine = 0;
  parser.on('opentagstart', () => {
    // Fired once the name is read: if the character that ended it was a line break, the
    // name (and its `<`) is on the line before.
    startLine = parser.column === 0 ? parser.line - 1 : parser.line;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const scope: PrefixMap = stack.length > 0 ? stack[stack.length - 1].prefixes : new Map([['xml', XML_NS]]);
    let prefixes = scope;
    const attrs: Record<string, string> = {};
    for (const key in tag.attributes) {
      const value = tag.attributes[key];
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (prefixes === scope) prefixes = new Map(scope);
        const prefix = key === 'xmlns' ? '' : key.slice(6);
        if (value === '') (prefixes as Map<string, string>).delete(prefix);
        else (prefixes as Map<string, string>).set(prefix, value);
      } else {
        attrs[key] = value;
      }
    }
    // saxes runs without its own namespace processing (three times faster here); the one
    // namespace well-formedness rule that matters for reading schemas is checked here.
    const [prefix, local] = splitName(tag.name);
    if (prefix !== '' && !prefixes.has(prefix)) fail(`namespace prefix "${prefix}" of <${tag.name}> is not declared`, startLine);
    for (const key in attrs) {
      const colon = key.indexOf(':');
      if (colon > 0 && !prefixes.has(key.slice(0, colon))) fail(`namespace prefix "${key.slice(0, colon)}" of attribute ${key} is not declared`, startLine);
    }
    stack.push({ name: tag.name, local, ns: prefixes.get(prefix) ?? null, attrs, children: [], text: '', line: startLine, prefixes });
  });
  const addText = (t: string): void => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const b = stack.pop();
    if (b === undefined) return;
    lastClosed = b;
    const { local, ns, attrs, children, text, line, prefixes } = b;
    const node: XsdNode = { local, ns, attrs, children, text, file, line, prefixes };
    if (stack.length > 0) {
      const parent = stack[stack.length - 1];
      parent.children.push(node);
      parent.text += node.text;
    } else {
      root ??= node;
    }
  });

  try {
    parser.write(text).close();
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    fail(e.message);
  }
  if (problem !== undefined) return { ok: false, problem };
  if (root === undefined) return { ok: false, problem: { line: 1, message: 'document has no root element' } };
  return { ok: true, root };
}

/**
 * Resolves a QName-valued attribute by the prefixes in scope at `node`. An unprefixed name takes
 * the default namespace, or no namespace when none is declared. Returns `undefined` for an
 * undeclared prefix.
 */
export function resolvePrefixed(node: XsdNode, value: string): { ns: string | null; local: string } | undefined {
  const [prefix, local] = splitName(value.trim());
  if (prefix === '') return { ns: node.prefixes.get('') ?? null, local };
  const ns = node.prefixes.get(prefix);
  return ns === undefined ? undefined : { ns, local };
}
