/**
 * Attributes kept as written: those `xs:anyAttribute` admits (in `$attrs` of the object, both
 * ways) and, when writing, the `attributes` of an untyped element (`untyped.ts`). Read, a
 * prefixed name keeps the declaration of its prefix beside it, so it means the same wherever the
 * value is written (as fragments keep theirs: nsfrag.ts). Written, names must be XML names the
 * type does not claim, values strings of XML characters.
 *
 * The reader and writer reach this only through `anyAttributes`, which the types with
 * `xs:anyAttribute` install (`withSupport`; `untypedContent` uses `extraAttrs` directly), so a
 * bundle without either carries none of it.
 */
import { readerExtensions } from './parse.js';
import { describeValue, fail, isObject, useExtraAttrsWriter } from './serialize.js';
import { escapeAttr } from './escape.js';
import { RE_NOT_XML_CHAR } from './simple.js';
import { XML_NS } from './nsfrag.js';
const RE_ATTR_NAME = /^[A-Za-z_][A-Za-z0-9_.\-]*(?::[A-Za-z_][A-Za-z0-9_.\-]*)?$/;

/**
 * Attributes kept as written (`$attrs` of `xs:anyAttribute`, `attributes` of an untyped element):
 * names must be XML names that `taken` does not claim, values strings of XML characters.
 */
export function extraAttrs(extra: unknown, prop: string, taken: (name: string) => boolean): string {
  if (!isObject(extra)) {
    fail(`expected an object of attribute names to string values, got ${describeValue(extra)}`, prop);
    return '';
  }
  let s = '';
  for (const name of Object.keys(extra)) {
    const val = extra[name];
    if ((!RE_ATTR_NAME.test(name) || taken(name)) && fail(`${JSON.stringify(name)} cannot be written as an extra attribute`, prop)) continue;
    if ((typeof val !== 'string' || RE_NOT_XML_CHAR.test(val)) && fail(`attribute ${name}: expected a string of XML characters`, prop)) continue;
    s += ` ${name}="${escapeAttr(String(val))}"`;
  }
  return s;
}

/** Adds attribute `name` = `value` (in namespace `ns`) to `$attrs` of `obj`, with the declaration of its prefix. */
function keep(obj: Record<string, unknown>, name: string, value: string, ns: string): void {
  let extra = obj.$attrs as Record<string, string> | undefined;
  if (extra === undefined) {
    extra = Object.create(null) as Record<string, string>;
    obj.$attrs = extra;
  }
  extra[name] = value;
  const colon = name.indexOf(':');
  if (colon > 0 && ns !== XML_NS) extra[`xmlns:${name.slice(0, colon)}`] ??= ns;
}

/** Support for `xs:anyAttribute` (`$attrs`) in reading and writing: a `RuntimeFeature` for `withSupport`. */
export function anyAttributes(): void {
  readerExtensions.anyAttribute = keep;
  useExtraAttrsWriter(extraAttrs);
}
