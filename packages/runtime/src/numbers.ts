/**
 * The `number` (xs:float, xs:double), `decimal` (every digit kept, as a string) and `bigint`
 * (integers generated with `--integers bigint`) kinds of simple values: their lexical forms and
 * conversions (`descriptors.ts` says how XML maps to values). `simple.ts` keeps strings,
 * booleans and safe integers, and reaches these only through `numberTypes`, `decimalTypes` and
 * `bigintTypes`, which the descriptors of such types install (`withSupport`). (Bounds of
 * decimals and bigints are compared as decimals in `simple.ts`, with those of integers.)
 */
import { isIntegerLex, refused, show, typeName, useKind, wrongType } from './simple.js';

const RE_DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
/** XML Schema 1.0's lexical form: `INF` and `-INF`, not `+INF` (an XSD 1.1 form libxml2 refuses). */
const RE_DOUBLE = /^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?INF|NaN)$/;

function parseDouble(s: string): number {
  if (s === 'INF') return Infinity;
  if (s === '-INF') return -Infinity;
  return Number(s);
}

/** Support for xs:float and xs:double (`number` values): a `RuntimeFeature` for `withSupport`. */
export function numberTypes(): void {
  useKind('number', {
    // libxml2 (and so Plesk) refuses whitespace after INF, -INF and NaN, not after other numbers,
    // and not where an enumeration or a pattern makes it collapse the value first.
    parse: (p, lex, out, raw) =>
      RE_DOUBLE.test(lex) && !(/^-?INF$|^NaN$/.test(lex) && /[ \t\n\r]$/.test(raw) && p.enumeration === null && p.desc.patterns === undefined)
        ? parseDouble(lex)
        : refused(out, `${show(raw)} is not a valid floating-point number`),
    write: (_p, v, out) => {
      if (typeof v !== 'number') return wrongType(out, 'a number', v);
      return v === Infinity ? 'INF' : v === -Infinity ? '-INF' : Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v);
    },
    compare: (a, b) => {
      const x = parseDouble(a);
      const y = parseDouble(b);
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
    },
  });
}

/** Support for xs:decimal (`decimal` values, strings): a `RuntimeFeature` for `withSupport`. */
export function decimalTypes(): void {
  useKind('decimal', {
    parse: (_p, lex, out) => (RE_DECIMAL.test(lex) ? lex : refused(out, `${show(lex)} is not a valid decimal`)),
    write: (_p, v, out) =>
      typeof v === 'string' && RE_DECIMAL.test(v) ? v : refused(out, typeof v === 'string' ? `${show(v)} is not a valid decimal` : `expected a decimal string, got ${typeName(v)}`),
  });
}

/** Support for integers bound to `bigint` (`--integers bigint`): a `RuntimeFeature` for `withSupport`. */
export function bigintTypes(): void {
  useKind('bigint', {
    parse: (_p, lex, out) => (isIntegerLex(lex) ? BigInt(lex) : refused(out, `${show(lex)} is not a valid integer`)),
    write: (_p, v, out) => (typeof v === 'bigint' ? v.toString() : wrongType(out, 'a bigint', v)),
  });
}
