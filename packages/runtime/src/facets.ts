/**
 * The facets checked on a value's lexical form beyond enumeration and bounds: `pattern`
 * (JavaScript sources converted by the generator, all derivation steps must match), `length`,
 * `minLength`, `maxLength` (in characters, octets for `hexBinary`/`base64Binary`, items for
 * lists), `totalDigits` and `fractionDigits`. Each type with such facets gets its check compiled
 * once; it lists failures in the same order as a type without them (enumeration, pattern,
 * lengths, bounds, digits).
 *
 * `simple.ts` reaches this only through `lexicalFacets`, which the descriptors with such facets
 * install (`withSupport`), so a bundle whose types have none carries none of it.
 */
import type { SimpleDesc } from './descriptors.js';
import { checkBounds, checkEnumeration, codePointLength, facetFailed, show, splitDecimal, useLexicalFacets, type FacetCheck, type SPlan } from './simple.js';

/** A value's length as length facets count it: list items (separated by one space after collapsing), octets or characters. */
function lengthOf(p: SPlan, lex: string): number {
  if (p.kind === 'list') return lex.length === 0 ? 0 : lex.split(' ').length;
  return p.octets !== null ? p.octets(lex) : codePointLength(lex);
}

function compile(d: SimpleDesc): FacetCheck {
  const patterns = d.patterns?.map((step) =>
    step.map((src) => {
      try {
        return new RegExp(`^(?:${src})$`, 'u');
      } catch (e) {
        throw new Error(`runtime: pattern of ${d.name} does not compile: /${src}/u (${(e as Error).message})`);
      }
    }),
  );
  const hasLen = d.length !== undefined || d.minLength !== undefined || d.maxLength !== undefined;
  const hasDigits = d.totalDigits !== undefined || d.fractionDigits !== undefined;
  return (p, lex, out) => {
    checkEnumeration(p, lex, out);
    if (patterns !== undefined) {
      for (const step of patterns) {
        let ok = false;
        for (const re of step) {
          if (re.test(lex)) {
            ok = true;
            break;
          }
        }
        if (!ok) {
          facetFailed(out, `${show(lex)} does not match the pattern of ${p.name} (${(d.patternSources ?? d.patterns!).map((s) => s.join(' | ')).join(' & ')})`);
          break;
        }
      }
    }
    if (hasLen) {
      const n = lengthOf(p, lex);
      const unit = p.kind === 'list' ? 'items' : p.octets === null ? 'characters' : 'octets';
      if (d.length !== undefined && n !== d.length) facetFailed(out, `${show(lex)} has ${n} ${unit}; the length must be ${d.length}`);
      if (d.minLength !== undefined && n < d.minLength) facetFailed(out, `${show(lex)} has ${n} ${unit}; at least ${d.minLength} required`);
      if (d.maxLength !== undefined && n > d.maxLength) facetFailed(out, `${show(lex)} has ${n} ${unit}; at most ${d.maxLength} allowed`);
    }
    checkBounds(p, lex, out);
    if (hasDigits) {
      const x = splitDecimal(lex);
      if (d.totalDigits !== undefined && x.int.length + x.frac.length > d.totalDigits) facetFailed(out, `${lex} has more than ${d.totalDigits} digits in total`);
      if (d.fractionDigits !== undefined && x.frac.length > d.fractionDigits) facetFailed(out, `${lex} has more than ${d.fractionDigits} fraction digits`);
    }
  };
}

/**
 * Support for the pattern, length and digit facets: a `RuntimeFeature` for `withSupport`,
 * called by the descriptors that have one of them.
 */
export function lexicalFacets(): void {
  useLexicalFacets(compile);
}
