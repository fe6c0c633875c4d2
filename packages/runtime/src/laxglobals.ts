/**
 * The global element declarations of a set besides its root (`RootDesc.globals`: a Plesk set's
 * `<descriptor>`, declared by descriptor.xsd) in content processed laxly. libxml2 validates an
 * element there that a global declaration declares, at any depth: in untyped (`xs:anyType`)
 * content and in what a lax or strict wildcard matched (a descriptor's `<extension>`). The reader
 * checks the root's own declaration there by itself; this module, installed by the roots that
 * list `globals` (`withSupport(root, laxGlobals)`: a Plesk tree's `REQUEST_ROOT` and
 * `RESPONSE_ROOT`), adds the others, and the check of what lax wildcards matched (reading and
 * writing). A bundle of roots without `globals` (the embedded tree, `clientFor`'s narrowed
 * packets) carries none of it.
 */
import type { RootDesc } from './descriptors.js';
import { globalNodes } from './plan.js';
import { readerExtensions, untypedContentViolations, type LaxReader } from './parse.js';

/** Installs the checks (a `RuntimeFeature` for `withSupport`). */
export function laxGlobals(): void {
  readerExtensions.global = (root: RootDesc, key: string) => globalNodes(root).get(key);
  readerExtensions.lax = laxChecked;
}

/**
 * Reading: the element a lax or strict wildcard matched (`xml`, from offset `start` of the
 * document), processed laxly as libxml2 does — an element in it matching a global declaration
 * must be valid (strict wildcards are read as lax ones: a documented difference). Read again only
 * when it may hold such an element's name.
 */
function laxChecked(r: LaxReader, xml: string, start: number, at: string): void {
  let named = false;
  for (const g of globalNodes(r.gRoot).values()) named ||= xml.includes(g.xmlName);
  if (!named) return;
  const vs = untypedContentViolations(r.gRoot, xml);
  if (vs.length === 0) return;
  const tgt = r.capTgt;
  const arr = r.capMulti && tgt !== null && !Array.isArray(tgt) ? (tgt[r.capProp] as unknown[]) : null;
  const value = `${at}${arr !== null ? `[${arr.length - 1}]` : ''}`;
  // Where the fragment starts in the document (its declarations added by nsfrag.ts may shift columns of its first line).
  const before = r.src.slice(0, start).split('\n');
  const line0 = before.length;
  const col0 = before[before.length - 1]!.length + 1 - '<untyped-content>'.length;
  for (const v of vs) {
    const l = v.line ?? 1;
    // The path starts with the matched element's own name: the wildcard's value is that element.
    r.report(`${value}${v.path.replace(/^[^.[]+/, '')}`, v.message, line0 + l - 1, l === 1 ? col0 + (v.column ?? 0) - 1 : (v.column ?? 0), false);
  }
}
