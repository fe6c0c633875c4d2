/**
 * `xsi:type` when reading and writing: which type an element holds. Where the declared type is
 * abstract (its descriptor lists `xsiTypes`), the element must name one of the types derived from
 * it, and the value records the choice in `$type` (`XsiTyped`). Where it is concrete, `xsi:type`
 * may name the type itself (the value is the declared type's) or, where the descriptor lists
 * `derivedTypes` (trees of the general core), a type derived from it (the value carries `$type`).
 * The type's `block` is applied when the lists are made (a blocked type is not in them); the
 * element's `block` here, against each type's derivation methods (`by`). A concrete type without
 * `derivedTypes` (a Plesk tree's) refuses a derived type: a documented difference from libxml2.
 *
 * The reader calls `xsiTypeOf` for each element with attributes: one scan of names it already
 * has, so documents without `xsi:type` cost one prefix comparison per attribute. It does so once
 * a tree whose schema has abstract types has called `enableXsiTypes` (its descriptors do): the
 * module stays out of other trees' bundles.
 */
import type { ComplexDesc, XsiTypeDesc } from './descriptors.js';
import { typePlan, type CPlan, type TPlan } from './plan.js';
import { readerExtensions } from './parse.js';
import { escapeAttr } from './escape.js';
import { XSI } from './nsfrag.js';
import { currentNs, describeValue, fail, tags, useXsiTypeWriter, writeTypeInNs, type XsiTypeWriter } from './serialize.js';

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
export function xsiTypeOf(declared: ComplexDesc, raw: string | undefined, nsm: Readonly<Record<string, string>> | null, block?: string): XsiChoice {
  const abstract = declared.xsiTypes;
  if (raw === undefined) {
    return abstract === undefined ? null : `type ${declared.name} is abstract: the element must name a type derived from it with xsi:type (${abstract.map((c) => c.xmlName).join(', ')})`;
  }
  const value = raw.trim();
  const colon = value.indexOf(':');
  const prefix = colon < 0 ? '' : value.slice(0, colon);
  const local = colon < 0 ? value : value.slice(colon + 1);
  const ns = nsm?.[prefix] ?? (prefix === '' ? '' : undefined);
  if (ns === undefined) return `xsi:type "${raw}": the prefix "${prefix}" is not declared`;
  if (abstract === undefined && local === declared.name) return null;
  const choices = abstract ?? declared.derivedTypes;
  if (choices === undefined) {
    return `xsi:type "${raw}" is supported only where the declared type is abstract or has derived types listed, or to name the declared type itself (${declared.name})`;
  }
  for (const c of choices) {
    if (c.xmlName === local && (c.namespace ?? '') === ns) {
      const barred = blocked(c, block);
      if (barred !== undefined) return `xsi:type "${raw}": the element blocks types derived by ${barred} (block="${block}")`;
      return { type: typePlan(c.type), name: c.name };
    }
  }
  const what = abstract !== undefined ? `the abstract type ${declared.name}` : `type ${declared.name}`;
  return `xsi:type "${raw}" is not a type that may stand where ${what} is declared (${choices.map((c) => c.xmlName).join(', ')})`;
}

/** The derivation method of `c` that an element's `block` refuses, if any. */
function blocked(c: XsiTypeDesc, block: string | undefined): string | undefined {
  if (block === undefined || c.by === undefined) return undefined;
  return c.by.split(' ').find((m) => block.split(' ').includes(m));
}

/**
 * Writing an element declared with a type that has stand-ins: the value names, in `$type`, the
 * derived type it is (`XsiTyped`), written as `xsi:type` (with a prefix for a type in another
 * namespace than the element's, which is the default one inside its start tag) and with that
 * type's writer. `$type` is not a property of the derived type, so its writer sees the value
 * without it. A value without `$type` is the declared type's, where that is concrete (`declared`).
 */
const xsiTypedWriter: XsiTypeWriter = (declaredName, choices, x, ens, same, decl, nil, declared, block) => {
  const byName = new Map(choices.map((c) => [c.name, c]));
  const names = choices.map((c) => JSON.stringify(c.name)).join(', ');
  return (v, depth) => {
    const t = ens === currentNs() ? same : decl;
    if (v === null) return nil(t, depth);
    const name = typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>).$type : undefined;
    if (name === undefined && declared !== null) return writeTypeInNs(declared, v, t, ens, depth);
    const choice = typeof name === 'string' ? byName.get(name) : undefined;
    if (choice === undefined) {
      const what = declared === null ? `type ${declaredName} is abstract: $type must name the type of the value, one of ${names}` : `$type must name a type derived from ${declaredName}, one of ${names}`;
      fail(`${what}${name === undefined ? '' : `, not ${describeValue(name)}`}`, '$type');
      return '';
    }
    const barred = blocked(choice, block);
    if (barred !== undefined) {
      fail(`element <${x}> blocks types derived by ${barred} (block="${block}"): $type cannot be ${JSON.stringify(choice.name)}`, '$type');
      return '';
    }
    const dt = typePlan(choice.type);
    const tns = choice.namespace ?? '';
    if (dt.complex === null || (tns === '' && ens !== '')) {
      fail(`xsi:type ${choice.xmlName} cannot be written here`, '$type');
      return '';
    }
    const qname = tns === ens ? choice.xmlName : `xt:${choice.xmlName}`;
    const open = `${t.open} xsi:type="${escapeAttr(qname)}" xmlns:xsi="${XSI}"${tns === ens ? '' : ` xmlns:xt="${escapeAttr(tns)}"`}`;
    const rest: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    delete rest.$type;
    return writeTypeInNs(dt.complex, rest, tags(x, open), ens, depth);
  };
};

/** Makes reading and writing honour `xsi:type` where abstract types are declared (called by generated descriptors). */
export function enableXsiTypes(): void {
  useXsiTypeWriter(xsiTypedWriter);
  readerExtensions.xsiType = (declared, attrs, nsm, block) => {
    const raw = attrs === null ? undefined : xsiTypeAttribute(attrs, nsm);
    return raw === undefined && declared.xsiTypes === undefined ? null : xsiTypeOf(declared, raw, nsm, block);
  };
}
