/**
 * A small, namespace-aware DOM for XSD documents, built on fast-xml-parser's ordered output.
 *
 * Each node knows its namespace URI (resolved through the `xmlns` declarations in scope), its
 * attributes (namespace declarations removed), its child elements, its text, and where it starts
 * (`file`, 1-based `line`). The prefix map in scope is kept so QName-valued attributes
 * (`type="xs:string"`, `base="string"`) can be resolved later.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

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

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
  captureMetaData: true,
});

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Offsets at which each line starts: `lineStarts[n]` is the offset of line n+1. */
function lineStartTable(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function splitName(name: string): [prefix: string, local: string] {
  const i = name.indexOf(':');
  return i < 0 ? ['', name] : [name.slice(0, i), name.slice(i + 1)];
}

/**
 * Parses one XSD document. Returns the root element, or the first well-formedness problem
 * (line and message) when the text is not well-formed XML.
 */
export function parseXsd(text: string, file: string): ParseResult {
  const check = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (check !== true) {
    return { ok: false, problem: { line: check.err.line, message: check.err.msg } };
  }
  const ordered = parser.parse(text) as OrderedNode[];
  const starts = lineStartTable(text);
  const rootEntry = ordered.find((n) => tagOf(n) !== undefined);
  if (rootEntry === undefined) return { ok: false, problem: { line: 1, message: 'document has no root element' } };
  const initial: Map<string, string> = new Map([['xml', XML_NS]]);
  return { ok: true, root: build(rootEntry, initial, file, starts) };
}

function tagOf(entry: OrderedNode): string | undefined {
  for (const key in entry) {
    if (key !== ':@' && key !== '#text' && key !== '#comment' && !key.startsWith('?')) return key;
  }
  return undefined;
}

function build(entry: OrderedNode, scope: PrefixMap, file: string, starts: number[]): XsdNode {
  const tag = tagOf(entry)!;
  const rawAttrs = entry[':@'] ?? {};
  let prefixes = scope;
  const attrs: Record<string, string> = {};
  for (const key in rawAttrs) {
    const value = String(rawAttrs[key]);
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (prefixes === scope) prefixes = new Map(scope);
      const prefix = key === 'xmlns' ? '' : key.slice(6);
      if (value === '') (prefixes as Map<string, string>).delete(prefix);
      else (prefixes as Map<string, string>).set(prefix, value);
    } else {
      attrs[key] = value;
    }
  }
  const [prefix, local] = splitName(tag);
  const ns = prefixes.get(prefix) ?? null;
  const meta = (entry as Record<symbol, { startIndex?: number } | undefined>)[META];
  const line = meta?.startIndex !== undefined ? lineOf(starts, meta.startIndex) : 0;
  const children: XsdNode[] = [];
  let text = '';
  const body = entry[tag];
  if (Array.isArray(body)) {
    for (const child of body as OrderedNode[]) {
      if ('#text' in child) {
        text += String(child['#text']);
        continue;
      }
      if (tagOf(child) === undefined) continue;
      const node = build(child, prefixes, file, starts);
      children.push(node);
      text += node.text;
    }
  }
  return { local, ns, attrs, children, text, file, line, prefixes };
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
