/**
 * Writing content kept as XML: an element declared without a type (`xs:anyType`, whose value is
 * `true | string | XmlFragment | AnyElement`) and a wildcard's fragments (`xs:any`). With
 * validation on, a fragment must be well-formed, and the content of an untyped element is
 * checked as parsing checks it (a `<packet>` inside must be a valid packet: libxml2 validates
 * it, and so does Plesk); a fragment's namespace declarations are fitted to where it is written
 * (`nsfrag.ts`).
 *
 * The serializer reaches this module only through `untypedContent`, which the descriptors of
 * such content install (`withSupport(…, untypedContent)`: the generated `xs_anyType` and every
 * wildcard particle), so a bundle whose descriptors have none (a Plesk client of a few
 * operations) carries none of it: the fragment checks, a second saxes parser for them, and the
 * namespace fitting. Reading: the value of an untyped element (`untypedValue`), and the
 * namespace context of the fragments kept from untyped elements and wildcards (`nsfrag.ts`
 * `withNsContext`, which the reader otherwise gets only from `parse` for lenient mode's
 * `$unknown`, not from the client's `parseStrict`).
 */
import type { AnyElementValue, RootDesc, XmlFragment } from './descriptors.js';
import { escapeText } from './escape.js';
import { XML_NS, placeFragment, withNsContext, type NsScope } from './nsfrag.js';
import { readerExtensions, untypedContentViolations, type AttrFrame, type UntypedFrame } from './parse.js';
import { checkKnown, describeValue, fail, isFragment, isObject, useUntypedWriter, type Tags } from './serialize.js';
import { extraAttrs } from './anyattr.js';
import { RE_NOT_XML_CHAR, notXmlChar, uPlus } from './simple.js';
import { SaxesParser } from 'saxes';
import type { NamespacePrefixes } from './nsprefix.js';

/** The properties of an `AnyElement` (an untyped element with attributes). */
const ANY_ELEMENT_PROPS = new Set(['attributes', 'content']);

// xsi:type is one of an untyped element's attributes (kept with the declarations its prefixes need: parse.ts).
const untypedTaken = (name: string): boolean => name === 'xsi:nil';

/** An untyped (`xs:anyType`) element: `true | string | XmlFragment | { attributes, content? }`. */
function element(v: unknown, t: Tags, ns: string, tbl: NamespacePrefixes | null, top: boolean, check: boolean, root: RootDesc): string | undefined {
  let content: unknown = v;
  let attrs = '';
  if (isObject(v) && !isFragment(v)) {
    checkKnown(v, ANY_ELEMENT_PROPS, 'AnyElement');
    const given = v.attributes;
    // Without the declarations the writer makes itself (see `NamespacePrefixes.own`).
    attrs = extraAttrs(tbl !== null && isObject(given) ? tbl.own(given, t, ns, top, fail) : given, 'attributes', untypedTaken);
    if (check && tbl === null && isObject(given)) namespacesOk(given, ns);
    content = v.content ?? true;
    if (isObject(content) && !isFragment(content)) {
      fail(`expected a string or an XmlFragment, got ${describeValue(content)}`, 'content');
      return undefined;
    }
  }
  if (content === true) return `${t.open}${attrs}/>`;
  if (typeof content === 'string') {
    const bad = notXmlChar(content);
    if (bad !== undefined && fail(bad)) return undefined;
    return `${t.open}${attrs}>${escapeText(content)}${t.close}`;
  }
  if (isFragment(content)) {
    const prop = content === v ? undefined : 'content';
    if (check && fragmentOk(content.xml)) {
      // Untyped content is checked as libxml2 checks it (laxly): a <packet> (or another global element of the set) inside must be valid.
      for (const u of untypedContentViolations(root, content.xml)) fail(`in the XmlFragment${u.path === '' ? '' : ` at ${u.path}`}: ${u.message}`, prop);
    }
    return `${t.open}${attrs}>${placed(content.xml, anyScope(v, ns), prop)}${t.close}`;
  }
  fail(`expected true, a string, an XmlFragment or { attributes, content } (xs:anyType), got ${describeValue(v)}`);
  return undefined;
}

/**
 * The value of an untyped element as read, when it closes at `position` in `src`: `true` when
 * empty, its text, or its content as an `XmlFragment` (with the namespace declarations it uses
 * from around it); an `AnyElement` when it has attributes.
 */
function untypedValue(f: UntypedFrame, src: string, position: number): AnyElementValue {
  let content: string | XmlFragment | undefined;
  if (f.hasChild) content = { xml: withNsContext(src.slice(f.innerStart, src.lastIndexOf('<', position - 1)), f.nsm) };
  else if (f.text.length > 0) content = f.text;
  if (f.anyAttrs === null) return content ?? true;
  return content === undefined ? { attributes: f.anyAttrs } : { attributes: f.anyAttrs, content };
}

/**
 * The namespaces of an untyped element's attributes as written where the writer declares no
 * prefixes of its own (a tree without namespaces, as Plesk's): each prefix declared among them,
 * as Namespaces in XML 1.0 allows (no prefix declared empty, `xml` and `xmlns` not redeclared),
 * and no default namespace that would move the element out of its own (libxml2 refuses each).
 */
function namespacesOk(attrs: Record<string, unknown>, ns: string): void {
  for (const an of Object.keys(attrs)) {
    const av = attrs[an];
    const colon = an.indexOf(':');
    const prefix = colon < 0 ? '' : an.slice(0, colon);
    if (an === 'xmlns') {
      if (av !== ns) fail(`xmlns="${String(av)}" would move the element out of its namespace ("${ns}")`, 'attributes');
    } else if (prefix === 'xmlns') {
      const p = an.slice(6);
      if (p === 'xmlns' || (p === 'xml') !== (av === XML_NS) || av === '') fail(`the namespace declaration ${an}="${String(av)}" is not allowed (Namespaces in XML 1.0)`, 'attributes');
    } else if (prefix !== '' && prefix !== 'xml' && typeof attrs[`xmlns:${prefix}`] !== 'string') {
      fail(`attribute ${an}: its prefix ${prefix} is not declared (add "xmlns:${prefix}" to the attributes)`, 'attributes');
    }
  }
}

/** An `xs:any` particle's value: an `XmlFragment`; `lax` the document's root where it is processed laxly. */
function wildcard(v: unknown, ns: string, check: boolean, lax: RootDesc | null): string | undefined {
  if (!isFragment(v)) {
    fail(`expected an XmlFragment ({ xml }), got ${describeValue(v)}`);
    return undefined;
  }
  if (check && fragmentOk(v.xml) && lax !== null && readerExtensions.global) {
    // Lax (and strict) wildcards' elements are checked as parsing checks them: one matching a global declaration must be valid.
    for (const u of untypedContentViolations(lax, v.xml)) fail(`in the XmlFragment${u.path.includes('.') ? ` at ${u.path.slice(u.path.indexOf('.') + 1)}` : ''}: ${u.message}`);
  }
  return placed(v.xml, { '': ns }, undefined);
}

/** The bindings in scope inside an untyped element: the default namespace `ns` and its own declarations. */
function anyScope(v: unknown, ns: string): NsScope {
  const scope: Record<string, string> = { '': ns };
  const attrs = isObject(v) && !isFragment(v) && isObject(v.attributes) ? v.attributes : null;
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

/** Whether `xml` is well-formed content; reports a violation when it is not. */
function fragmentOk(xml: string): boolean {
  const what = 'the XmlFragment';
  const bad = RE_NOT_XML_CHAR.exec(xml);
  if (bad !== null) {
    fail(`${what} contains ${uPlus(bad[0])}, which XML 1.0 does not allow`);
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
  if (err !== null) fail(`${what} is not well-formed XML (${err})`);
  return err === null;
}

/** A fragment as written where `scope` is in scope (see `nsfrag.ts`); reports prefixes bound nowhere. */
function placed(xml: string, scope: NsScope, prop: string | undefined): string {
  const r = placeFragment(xml, scope);
  for (const pre of r.unbound) fail(`the XmlFragment uses the namespace prefix ${pre}, which is declared neither in it nor around it`, prop);
  return r.xml;
}

/**
 * Support for content kept as XML (`xs:anyType` elements, `xs:any` wildcards) in writing and
 * reading: a `RuntimeFeature` for `withSupport`, called by the descriptors that have such content.
 */
export function untypedContent(): void {
  useUntypedWriter({ element, wildcard });
  readerExtensions.fragment = withNsContext;
  readerExtensions.untyped = untypedValue;
  readerExtensions.anyAttr = keepAttribute;
}

/** Keeps an attribute of an untyped element as read, with the declaration of its prefix (`ns`), which may have been made on an ancestor: written elsewhere, it means the same. */
function keepAttribute(f: AttrFrame, name: string, value: string, ns: string): void {
  const kept = (f.anyAttrs ??= Object.create(null) as Record<string, string>);
  kept[name] = value;
  const colon = name.indexOf(':');
  if (colon > 0 && ns !== XML_NS) kept[`xmlns:${name.slice(0, colon)}`] ??= ns;
}
