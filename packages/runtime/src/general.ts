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
 * (`xs:anyAttribute` namespace constraints are checked when reading, in `parse.ts`; the writer
 * does not check the names of `$attrs` against them.)
 */
import type { APlan } from './plan.js';
import { readerExtensions, type AttrFrame, type IdReader } from './parse.js';
import { show } from './simple.js';
import { XSI } from './nsfrag.js';

/** An attribute value read: one of an `xs:ID` type must not be one read before. */
/** Per document being read: the `xs:ID` attribute values so far, with where each was. */
const idsOf = new WeakMap<IdReader, Map<string, string>>();

function uniqueId(r: IdReader, f: AttrFrame, a: APlan, v: unknown): void {
  const type = a.simple.desc;
  if (type.lexical !== 'ID' || type.kind !== 'string' || typeof v !== 'string') return;
  const property = a.property;
  let ids = idsOf.get(r);
  if (ids === undefined) idsOf.set(r, (ids = new Map()));
  const first = ids.get(v);
  if (first === undefined) ids.set(v, `${f.path}.${property} (line ${f.line}, column ${f.col})`);
  else r.report(`${f.path}.${property}`, `duplicate xs:ID value ${show(v)}: already the ID of ${first}`, f.line, f.col, false);
}

function keepXsiType(f: AttrFrame, name: string, value: string): boolean {
  const kept = (f.anyAttrs ??= Object.create(null) as Record<string, string>);
  kept[name] = value;
  kept[`xmlns:${name.slice(0, name.indexOf(':'))}`] ??= XSI;
  const qn = value.trim();
  const colon = qn.indexOf(':');
  const uri = colon > 0 && f.nsm !== null ? f.nsm[qn.slice(0, colon)] : undefined;
  if (uri !== undefined && uri !== '') kept[`xmlns:${qn.slice(0, colon)}`] ??= uri;
  return true;
}

/** Installs the general core's checks (called by generated codecs). */
export function enableGeneralCore(): void {
  readerExtensions.id = uniqueId;
  readerExtensions.anyXsi = keepXsiType;
}
