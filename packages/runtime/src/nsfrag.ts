/**
 * Namespace context of `XmlFragment`s: what a fragment carries when it is captured, and what the
 * serializer adds or leaves out when it writes one.
 *
 * ## The representation: a fragment is namespace-complete ("exclusive" style)
 * A captured fragment (an `xs:any` match, an untyped element's child content, lenient mode's
 * `$unknown`) is cut out of a document in which namespace declarations made on its ancestors are
 * in scope. Kept as the bare text, `<sig:X>` would lose the binding of `sig`, so writing it back
 * fails (libxml2: "Namespace prefix sig … is not defined") and writing it into another document
 * could change its meaning. So on capture, each outermost element of the fragment receives the
 * in-scope declarations that its subtree visibly uses (the prefixes of element and attribute
 * names, and the prefix of an `xsi:type` QName value) and does not declare itself; the default
 * namespace counts when an unprefixed element name uses it. This is what Exclusive XML
 * Canonicalization does, rather than copying every binding in scope (its "inclusive" mode): a
 * fragment from a document with a dozen `xmlns:*` on the root would otherwise carry all of them
 * on every element, and the fragment would depend on bindings it does not use. Prefixes hidden in
 * other QName-valued content (an attribute typed `xs:QName` in a schema the fragment does not
 * name) cannot be seen and are not kept: the same limit exclusive canonicalization has.
 *
 * The invariant: every prefix a fragment uses is declared inside it, and an unprefixed element
 * name not under a default declaration inside it is in no namespace. Documents without namespace
 * declarations (Plesk's) capture fragments exactly as written.
 *
 * ## Writing
 * The serializer knows the bindings in scope where it writes the fragment (its own default
 * namespace, plus the declarations of an `AnyElement`'s attributes). On each outermost element
 * it drops a declaration that binds a prefix to the URI already in scope (so a round trip writes
 * no declaration twice), adds `xmlns=""` where the fragment's unprefixed names are in no
 * namespace but the surrounding output has a default namespace, and reports a prefix that is
 * bound neither in the fragment nor around it (output libxml2 would refuse).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { escapeAttr } from './escape.js';

/** The XML Schema instance namespace (`xsi:type`, `xsi:nil`), one constant for the reader and the writer. */
export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** The XML namespace: its prefix `xml` is bound by definition, and to nothing else. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Bindings in scope: prefix → URI, `''` for the default namespace (`''` as URI: none). */
export type NsScope = Readonly<Record<string, string>>;

/** One outermost element of a fragment. */
interface Top {
  /** Offset just after `<name` in the fragment text. */
  readonly nameEnd: number;
  /** Offsets of the start tag. */
  readonly start: number;
  readonly end: number;
  /** Its own namespace declarations (prefix → URI, `''`: default). */
  readonly decls: Record<string, string>;
  /** Prefixes (`''`: the default namespace) used in its subtree and not declared there. */
  readonly needs: Set<string>;
}

const WRAP = '<w>';

/** One attribute of a start tag (sticky: attributes follow each other). */
const RE_ATTR = /[ \t\r\n]+([^ \t\r\n=/>]+)[ \t\r\n]*=[ \t\r\n]*(?:"[^"]*"|'[^']*')/y;

/**
 * The outermost elements of `xml` with what each needs from outside; `null` when `xml` is not
 * well-formed (the caller reports that elsewhere). `outer` resolves prefixes not declared in the
 * fragment (only used to recognise `xsi:type`).
 */
function scan(xml: string, outer: NsScope): Top[] | null {
  const tops: Top[] = [];
  // Per open element: its in-fragment bindings (inherited) and the top it belongs to.
  const stack: { b: Record<string, string> | null; top: Top }[] = [];
  const p = new SaxesParser({ position: true, xmlns: false });
  const src = `${WRAP}${xml}</w>`;
  let failed = false;
  p.on('error', () => {
    failed = true;
  });
  const use = (pre: string, b: Record<string, string> | null, top: Top): void => {
    if (pre === 'xml' || pre === 'xmlns') return;
    if (b === null || !(pre in b)) top.needs.add(pre);
  };
  p.on('opentag', (t: SaxesTagPlain) => {
    if (stack.length === 0) {
      // The wrapper.
      stack.push({ b: null, top: null as unknown as Top });
      return;
    }
    const parent = stack[stack.length - 1];
    let b = parent.b;
    let own: Record<string, string> | null = null;
    for (const an in t.attributes) {
      if (an === 'xmlns' || an.startsWith('xmlns:')) {
        const pre = an === 'xmlns' ? '' : an.slice(6);
        (own ??= {})[pre] = t.attributes[an];
      }
    }
    if (own !== null) b = { ...(b ?? {}), ...own };
    let top = parent.top;
    if (stack.length === 1) {
      const start = src.lastIndexOf('<', p.position - 1) - WRAP.length;
      top = { start, nameEnd: start + 1 + t.name.length, end: p.position - WRAP.length, decls: own ?? {}, needs: new Set() };
      tops.push(top);
    }
    const c = t.name.indexOf(':');
    use(c < 0 ? '' : t.name.slice(0, c), b, top);
    for (const an in t.attributes) {
      const ac = an.indexOf(':');
      if (ac < 0) continue;
      const pre = an.slice(0, ac);
      if (pre === 'xmlns') continue;
      use(pre, b, top);
      if (an.slice(ac + 1) === 'type' && (b?.[pre] ?? outer[pre]) === XSI) {
        const v = t.attributes[an].trim();
        const vc = v.indexOf(':');
        use(vc < 0 ? '' : v.slice(0, vc), b, top);
      }
    }
    if (!t.isSelfClosing) stack.push({ b, top });
  });
  p.on('closetag', (t: SaxesTagPlain) => {
    if (!t.isSelfClosing) stack.pop();
  });
  try {
    p.write(src).close();
  } catch {
    return null;
  }
  return failed ? null : tops;
}

/** Whether `xml` could use a namespace at all (no colon and no `xmlns`: surely not). */
function mayUseNs(xml: string): boolean {
  return xml.indexOf(':') >= 0 || xml.indexOf('xmlns') >= 0;
}


/**
 * On capture: `xml` (cut from a document where `ctx` is in scope) with the declarations its
 * outermost elements need added to them. Returns `xml` itself when nothing is missing.
 */
export function withNsContext(xml: string, ctx: NsScope | null): string {
  if (ctx === null) return xml;
  // Without a prefix or a default namespace around it, nothing can be missing.
  if (xml.indexOf(':') < 0 && (ctx[''] ?? '') === '') return xml;
  const tops = scan(xml, ctx);
  if (tops === null) return xml;
  let out = '';
  let at = 0;
  for (const top of tops) {
    let add = '';
    for (const pre of top.needs) {
      const uri = ctx[pre];
      if (pre === '') {
        if (uri !== undefined && uri !== '') add += ` xmlns="${escapeAttr(uri)}"`;
      } else if (uri !== undefined && uri !== '') add += ` xmlns:${pre}="${escapeAttr(uri)}"`;
    }
    if (add === '') continue;
    out += xml.slice(at, top.nameEnd) + add;
    at = top.nameEnd;
  }
  return at === 0 ? xml : out + xml.slice(at);
}

/**
 * On writing: `xml` (a namespace-complete fragment) as written where `scope` is in scope —
 * declarations already in scope dropped from its outermost elements, `xmlns=""` added where
 * needed — and the prefixes that are bound nowhere.
 */
export function placeFragment(xml: string, scope: NsScope): { xml: string; unbound: string[] } {
  const dflt = scope[''] ?? '';
  if (!mayUseNs(xml) && dflt === '') return { xml, unbound: [] };
  const tops = scan(xml, scope);
  if (tops === null) return { xml, unbound: [] };
  const unbound: string[] = [];
  let out = '';
  let at = 0;
  for (const top of tops) {
    // The start tag after its name is a run of attributes: walk them in order (a declaration's
    // text may also occur inside another attribute's value) and drop those already in scope.
    const tagSrc = xml.slice(top.nameEnd, top.end);
    let tag = '';
    let changed = false;
    RE_ATTR.lastIndex = 0;
    let last = 0;
    for (let m = RE_ATTR.exec(tagSrc); m !== null; m = RE_ATTR.exec(tagSrc)) {
      const an = m[1];
      if (an === 'xmlns' || an.startsWith('xmlns:')) {
        const pre = an === 'xmlns' ? '' : an.slice(6);
        // (An explicit xmlns="" where no default namespace is in scope is harmless and kept, so
        // that the fragment reads back as it was.)
        if ((pre === '' ? dflt : scope[pre]) === top.decls[pre] && (pre !== '' || dflt !== '')) {
          tag += tagSrc.slice(last, m.index);
          last = RE_ATTR.lastIndex;
          changed = true;
        }
      }
    }
    tag += tagSrc.slice(last);
    let add = '';
    for (const pre of top.needs) {
      if (pre in top.decls) continue;
      if (pre === '') {
        if (dflt !== '') add += ' xmlns=""';
      } else if (scope[pre] === undefined || scope[pre] === '') {
        if (!unbound.includes(pre)) unbound.push(pre);
      }
    }
    if (!changed && add === '') continue;
    out += xml.slice(at, top.nameEnd) + add + tag;
    at = top.end;
  }
  return { xml: at === 0 ? xml : out + xml.slice(at), unbound };
}
