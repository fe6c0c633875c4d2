/**
 * `xsi:type` when reading: which type an element holds. Where the declared type is abstract
 * (its descriptor lists `xsiTypes`), the element must name one of the types derived from it,
 * and the value records the choice in `$type` (`XsiTyped`). Where the declared type is concrete,
 * `xsi:type` may name that type itself; naming a type derived from a concrete one is refused
 * (the value's TypeScript type is the declared one, which could not hold the derived content; a
 * documented difference from libxml2).
 *
 * The reader calls `xsiTypeOf` for each element with attributes: one scan of names it already
 * has, so documents without `xsi:type` cost one prefix comparison per attribute.
 */
import type { ComplexDesc } from './descriptors.js';
import { typePlan, type TPlan } from './plan.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** The raw `xsi:type` value of a start tag (prefixes resolved through `nsm`), or undefined. */
export function xsiTypeAttribute(attrs: Readonly<Record<string, string>>, nsm: Readonly<Record<string, string>> | null): string | undefined {
  if (nsm === null) return undefined;
  for (const an in attrs) {
    const colon = an.indexOf(':');
    if (colon < 0 || an.slice(colon + 1) !== 'type') continue;
    if (nsm[an.slice(0, colon)] === XSI) return attrs[an];
  }
  return undefined;
}

/** What `xsi:type` selects for an element of type `declared`. */
export type XsiChoice =
  /** Read it as its declared type (no `xsi:type`, or one naming the declared type). */
  | null
  /** Read it as `type`; the value's `$type` is `name`. */
  | { readonly type: TPlan; readonly name: string }
  /** A violation, to report at the element. */
  | string;

/**
 * The type an element declared with `declared` holds, from its `xsi:type` (`raw`, undefined when
 * absent) resolved with the namespace bindings `nsm`.
 */
export function xsiTypeOf(declared: ComplexDesc, raw: string | undefined, nsm: Readonly<Record<string, string>> | null): XsiChoice {
  const choices = declared.xsiTypes;
  if (raw === undefined) {
    return choices === undefined ? null : `type ${declared.name} is abstract: the element must name a type derived from it with xsi:type (${choices.map((c) => c.xmlName).join(', ')})`;
  }
  const value = raw.trim();
  const colon = value.indexOf(':');
  const prefix = colon < 0 ? '' : value.slice(0, colon);
  const local = colon < 0 ? value : value.slice(colon + 1);
  const ns = nsm?.[prefix] ?? (prefix === '' ? '' : undefined);
  if (ns === undefined) return `xsi:type "${raw}": the prefix "${prefix}" is not declared`;
  if (choices === undefined) {
    if (local === declared.name) return null;
    return `xsi:type "${raw}" is supported only where the declared type is abstract, or to name the declared type itself (${declared.name})`;
  }
  for (const c of choices) {
    if (c.xmlName === local && (c.namespace ?? '') === ns) return { type: typePlan(c.type), name: c.name };
  }
  return `xsi:type "${raw}" is not a type that may stand where the abstract type ${declared.name} is declared (${choices.map((c) => c.xmlName).join(', ')})`;
}
