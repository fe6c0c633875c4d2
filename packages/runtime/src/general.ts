/**
 * What the general core's trees check and keep beyond what a Plesk tree needs, installed by their
 * codecs (`enableGeneralCore`), so that a Plesk client bundles none of it:
 *
 * - attributes of `xs:ID` types (and types derived from it) are unique in a document: a second
 *   one with the same value is a violation naming where the first was. As libxml2 does, neither
 *   elements of ID types nor `xs:IDREF` targets are checked; the writer does not check IDs.
 * - `xsi:type` on an untyped (`xs:anyType`) element, where any type may be named: kept among the
 *   element's attributes with the declarations of the prefixes it uses (its own, the type
 *   name's), so that it names the same type wherever it is written; the content is read as
 *   untyped content, not checked against the type named (libxml2 checks it: a documented
 *   difference).
 * - `xs:anyAttribute` namespace constraints when writing (`$attrs`): reading checks them in
 *   `parse.ts` (a constraint is only ever given by the general core's descriptors).
 */
import type { CPlan } from './plan.js';
import { namespaceAdmits } from './plan.js';
import { readerExtensions, type AttrFrame, type IdReader } from './parse.js';
import { useExtraAttrCheck } from './serialize.js';
import { show } from './simple.js';
import { XML_NS, XSI } from './nsfrag.js';

function uniqueId(r: IdReader, f: AttrFrame, property: string, v: unknown): void {
  if (typeof v !== 'string') return;
  const ids = (r.ids ??= new Map());
  const first = ids.get(v);
  if (first === undefined) ids.set(v, `${f.path}.${property} (line ${f.line}, column ${f.col})`);
  else r.report(`${f.path}.${property}`, `duplicate xs:ID value ${show(v)}: already the ID of ${first}`, f.line, f.col, false);
}

function keepXsiType(f: AttrFrame, name: string, value: string): void {
  const kept = (f.anyAttrs ??= Object.create(null) as Record<string, string>);
  kept[name] = value;
  kept[`xmlns:${name.slice(0, name.indexOf(':'))}`] ??= XSI;
  const qn = value.trim();
  const colon = qn.indexOf(':');
  const uri = colon > 0 && f.nsm !== null ? f.nsm[qn.slice(0, colon)] : undefined;
  if (uri !== undefined && uri !== '') kept[`xmlns:${qn.slice(0, colon)}`] ??= uri;
}

/**
 * Whether the extra attribute `name` of `extra` (`$attrs`, kept as read: a prefixed name with the
 * declaration of its prefix beside it) is in a namespace the wildcard of `cp` leaves out.
 */
function outsideWildcard(cp: CPlan, extra: Record<string, unknown>, name: string): boolean {
  const allowed = cp.anyAttrNs;
  if (allowed === null || name.startsWith('xmlns')) return false;
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const ns = colon < 0 ? '' : prefix === 'xml' ? XML_NS : extra[`xmlns:${prefix}`];
  return typeof ns === 'string' && !namespaceAdmits(allowed, ns);
}

/** Installs the general core's checks (called by generated codecs). */
export function enableGeneralCore(): void {
  readerExtensions.id = uniqueId;
  readerExtensions.untypedXsiType = keepXsiType;
  useExtraAttrCheck(outsideWildcard);
}
