/**
 * Fixed values (`fixed="…"` on element and attribute declarations), compared as libxml2 compares
 * them: an element's text must be the fixed text exactly as written (`012` is not an element's
 * fixed `12`, nor ` 12 ` its `12`); an attribute of a list or union type is compared as
 * whitespace-collapsed text (`'1 true'` is not `'true true'` of a list of booleans, although their
 * items are equal), any other attribute by its value (`' 123 '` of an integer is `123`). Written,
 * a value is compared by value, and written as the fixed text where libxml2 compares text.
 *
 * A `RuntimeFeature` (`withSupport`): installed by the descriptors of the complex types that
 * declare a fixed value, so bundles of schemas without one (Plesk's) carry none of it.
 */
import { applyWhiteSpace, parseSimple, useFixedValues, type SPlan } from './simple.js';

/** Installs the fixed-value rule. */
export function fixedValues(): void {
  useFixedValues({ is, write });
}

function is(p: SPlan, fixed: string, raw: string, value: unknown, element: boolean): boolean {
  const asText = lexical(p, fixed, element);
  if (asText !== undefined) return (element ? raw : applyWhiteSpace('collapse', raw)) === asText;
  return sameItems(parseSimple(p, fixed, []), value);
}

function write(p: SPlan, fixed: string, value: unknown, element: boolean, s: string, escape: (x: string) => string): string | undefined {
  if (!sameItems(parseSimple(p, fixed, []), value)) return undefined;
  const text = lexical(p, fixed, element);
  return text === undefined ? s : escape(text);
}

function lexical(p: SPlan, fixed: string, element: boolean): string | undefined {
  if (element) return fixed;
  return p.kind === 'list' || p.kind === 'union' ? applyWhiteSpace('collapse', fixed) : undefined;
}

function sameItems(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameItems(a[i], b[i])) return false;
  return true;
}
