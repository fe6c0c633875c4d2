/**
 * Asks libxml2 itself (the libxml2-wasm build the tests use) which code points each table-driven
 * XSD character class escape matches, and writes `generator/binding/unicode-classes.ts`.
 *
 *   npx tsx scripts/probe-libxml2-unicode.ts [--check]
 *
 * `--check` compares the probe with the committed module instead of writing it (exit code 1 on a
 * difference).
 *
 * Why: libxml2 matches `\p{L}`, `\d`, `\i`… with its own tables (Unicode 4.0.1 data, where the
 * `<…, First>`/`<…, Last>` ranges of UnicodeData contribute only their two end points, and XML 1.0
 * fourth-edition name characters), not with JavaScript's current Unicode tables. Plesk validates
 * packets with libxml2, so the generated patterns must accept exactly libxml2's sets.
 *
 * How: for each escape `E` with complement `N` (`\p{X}`/`\P{X}`, `\d`/`\D`…), one schema with two
 * element types, `a` with pattern `(E)*` and `b` with pattern `(N)*`. A document `<r><a>T</a><b>T</b></r>`
 * holding a run T of consecutive XML characters tells, by which of the two elements libxml2 refuses,
 * whether the whole run is in the class, wholly outside, or mixed; mixed runs are halved until every
 * code point is settled (a single code point refused by both or accepted by both is an error). Only
 * code points that may occur in an XML document are probed (tab, LF, CR, U+0020–U+D7FF,
 * U+E000–U+FFFD, U+10000–U+10FFFF); the others (C0 controls, surrogates, U+FFFE, U+FFFF) are in no
 * class of the table — no XML value can hold them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XmlDocument, XmlLibError, XsdValidator } from 'libxml2-wasm';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../generator/binding/unicode-classes.ts');

/** The general categories of XML Schema 1.0 Part 2, F.1.1 (`\p{Cs}` and `\p{LC}` are not XSD; libxml2 refuses them). */
const CATEGORIES = ['L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'Z', 'Zs', 'Zl', 'Zp', 'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn'];

/** The block escapes the pattern converter supports (names only: the code points come from libxml2). */
const BLOCKS = [
  'BasicLatin', 'Latin-1Supplement', 'LatinExtended-A', 'LatinExtended-B', 'IPAExtensions', 'SpacingModifierLetters',
  'CombiningDiacriticalMarks', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari',
  'Bengali', 'Thai', 'Georgian', 'HangulJamo', 'LatinExtendedAdditional', 'GreekExtended', 'GeneralPunctuation',
  'SuperscriptsandSubscripts', 'CurrencySymbols', 'LetterlikeSymbols', 'NumberForms', 'Arrows', 'MathematicalOperators',
  'MiscellaneousTechnical', 'BoxDrawing', 'BlockElements', 'GeometricShapes', 'MiscellaneousSymbols', 'Dingbats',
  'CJKSymbolsandPunctuation', 'Hiragana', 'Katakana', 'CJKUnifiedIdeographs', 'HangulSyllables', 'PrivateUse',
  'CJKCompatibilityIdeographs', 'AlphabeticPresentationForms', 'HalfwidthandFullwidthForms', 'Specials',
];

/** Table key, the escape, its complement. */
const PROBES: [key: string, pos: string, neg: string][] = [
  ...CATEGORIES.map((c): [string, string, string] => [c, `\\p{${c}}`, `\\P{${c}}`]),
  ['\\d', '\\d', '\\D'],
  ['\\w', '\\w', '\\W'],
  ['\\i', '\\i', '\\I'],
  ['\\c', '\\c', '\\C'],
  ...BLOCKS.map((b): [string, string, string] => [`Is${b}`, `\\p{Is${b}}`, `\\P{Is${b}}`]),
];

/** Escapes whose sets the converter writes by hand: probed only to confirm them. */
const CONFIRM: [name: string, pos: string, neg: string, want: (cp: number) => boolean][] = [
  ['.', '.', '[\\n\\r]', (cp) => cp !== 0x0a && cp !== 0x0d],
  ['\\s', '\\s', '\\S', (cp) => cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d],
];

/** Every code point that can occur in an XML 1.0 document, ascending. */
function xmlChars(): Uint32Array {
  const spans: [number, number][] = [[0x09, 0x0a], [0x0d, 0x0d], [0x20, 0xd7ff], [0xe000, 0xfffd], [0x10000, 0x10ffff]];
  const n = spans.reduce((s, [lo, hi]) => s + hi - lo + 1, 0);
  const out = new Uint32Array(n);
  let k = 0;
  for (const [lo, hi] of spans) for (let c = lo; c <= hi; c++) out[k++] = c;
  return out;
}

const CPS = xmlChars();
/** Each code point as element text (character references where raw text would change or break). */
const TEXT = Array.from(CPS, (c) => (c < 0x20 || c === 0x26 || c === 0x3c || c === 0x3e ? `&#x${c.toString(16)};` : String.fromCodePoint(c)));

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function validatorFor(pos: string, neg: string): XsdValidator {
  const el = (name: string, pattern: string) =>
    `<xs:element name="${name}"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="${attr(pattern)}"/></xs:restriction></xs:simpleType></xs:element>`;
  const xsd = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="r"><xs:complexType><xs:sequence>${el('a', `(${pos})*`)}${el('b', `(${neg})*`)}</xs:sequence></xs:complexType></xs:element></xs:schema>`;
  const doc = XmlDocument.fromString(xsd);
  try {
    return XsdValidator.fromDoc(doc);
  } catch (e) {
    const details = e instanceof XmlLibError ? e.details.map((d) => d.message.trim()).join('; ') : String(e);
    throw new Error(`libxml2 refuses the patterns ${pos} / ${neg}: ${details}`);
  }
}

/** Which of `a` (all in the class) and `b` (none in the class) libxml2 accepts for the run CPS[lo, hi). */
function ask(v: XsdValidator, lo: number, hi: number): { all: boolean; none: boolean } {
  const text = TEXT.slice(lo, hi).join('');
  const doc = XmlDocument.fromString(`<r><a>${text}</a><b>${text}</b></r>`);
  try {
    v.validate(doc);
    return { all: true, none: true };
  } catch (e) {
    if (!(e instanceof XmlLibError)) throw e;
    const refused = new Set(e.details.map((d) => /Element '([ab])'/.exec(d.message)?.[1] ?? '?'));
    if (refused.has('?')) throw new Error(`unexpected libxml2 diagnostic: ${e.details.map((d) => d.message.trim()).join('; ')}`);
    return { all: !refused.has('a'), none: !refused.has('b') };
  } finally {
    doc.dispose();
  }
}

/** Membership (1/0) of every XML character, indexed like CPS. */
function probe(pos: string, neg: string): { member: Uint8Array; queries: number } {
  const v = validatorFor(pos, neg);
  const member = new Uint8Array(CPS.length);
  let queries = 0;
  const settle = (lo: number, hi: number): void => {
    queries++;
    const { all, none } = ask(v, lo, hi);
    if (all && none) throw new Error(`${pos}: libxml2 accepts U+${CPS[lo].toString(16)}… both in ${pos} and in ${neg}`);
    if (all) member.fill(1, lo, hi);
    else if (none) return;
    else if (hi - lo === 1) throw new Error(`${pos}: libxml2 refuses U+${CPS[lo].toString(16).toUpperCase()} both in ${pos} and in ${neg}`);
    else {
      const mid = (lo + hi) >>> 1;
      settle(lo, mid);
      settle(mid, hi);
    }
  };
  const STEP = 512;
  for (let lo = 0; lo < CPS.length; lo += STEP) settle(lo, Math.min(CPS.length, lo + STEP));
  v.dispose();
  return { member, queries };
}

/** Membership → sorted, disjoint, non-adjacent inclusive code-point ranges. */
function ranges(member: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < member.length; k++) {
    if (member[k] === 0) continue;
    const c = CPS[k];
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === c - 1) last[1] = c;
    else out.push([c, c]);
  }
  return out;
}

const B36 = (n: number) => n.toString(36);

/**
 * The compact text form of ranges: `;`-separated items, each `gap` or `gap+len` in base 36, where
 * `gap` is the distance from the end of the previous range (from -1 for the first) to the start,
 * and `len` (default 0) is end − start.
 */
function encode(rs: readonly [number, number][]): string {
  let prev = -1;
  return rs
    .map(([lo, hi]) => {
      const item = hi === lo ? B36(lo - prev) : `${B36(lo - prev)}+${B36(hi - lo)}`;
      prev = hi;
      return item;
    })
    .join(';');
}

function main(): void {
  const check = process.argv.includes('--check');
  const started = performance.now();
  for (const [name, pos, neg, want] of CONFIRM) {
    const { member } = probe(pos, neg);
    for (let k = 0; k < CPS.length; k++)
      if ((member[k] === 1) !== want(CPS[k])) throw new Error(`libxml2's ${name} differs from what the converter writes at U+${CPS[k].toString(16).toUpperCase()}`);
    console.log(`confirmed ${name}`);
  }
  const table: [string, string, number][] = [];
  for (const [key, pos, neg] of PROBES) {
    const t = performance.now();
    const { member, queries } = probe(pos, neg);
    const rs = ranges(member);
    const count = member.reduce((s, m) => s + m, 0);
    // libxml2 never matches \p{Cn} ("unassigned" is not in its tables); any other empty set means an unknown escape.
    if ((count === 0 && key !== 'Cn') || count === CPS.length) throw new Error(`${pos} matches ${count === 0 ? 'nothing' : 'everything'}: libxml2 probably does not know it`);
    table.push([key, encode(rs), rs.length]);
    console.log(`${key.padEnd(28)} ${String(count).padStart(7)} code points ${String(rs.length).padStart(5)} ranges ${String(queries).padStart(6)} queries ${(performance.now() - t).toFixed(0)} ms`);
  }
  const body = table.map(([key, text, n]) => `  ${JSON.stringify(key)}: ${JSON.stringify(text)}, // ${n} range${n === 1 ? '' : 's'}`).join('\n');
  const out = `// GENERATED by scripts/probe-libxml2-unicode.ts — do not edit; regenerate with
//   npx tsx scripts/probe-libxml2-unicode.ts
//
// The code points libxml2 (the libxml2-wasm build the tests use) matches with each table-driven XSD
// character class escape, found by asking libxml2 to validate runs of characters against the
// patterns \`(\\p{X})*\` and \`(\\P{X})*\` (see the script). libxml2's tables come from Unicode 4.0.1
// data, and ranges given in UnicodeData only by their first and last code point (CJK ideographs,
// Hangul syllables, private use…) contribute just those two code points; \`\\i\` and \`\\c\` follow the
// XML 1.0 fourth-edition letter/digit/combining/extender tables. Only code points that can occur in
// an XML document were probed; the others (C0 controls but tab/LF/CR, surrogates, U+FFFE, U+FFFF)
// are in no class. libxml2 matches nothing with \`\\p{Cn}\`.
//
// Keys: general categories (\`L\`, \`Nd\`…), block escapes (\`IsBasicLatin\`…) and the multi-character
// escapes \`\\d\`, \`\\w\`, \`\\i\`, \`\\c\`. Values: sorted, disjoint, non-adjacent inclusive ranges in a
// compact text form: \`;\`-separated items \`gap\` or \`gap+len\` in base 36, where \`gap\` is the
// distance from the end of the previous range (from -1 for the first) to the start, and \`len\`
// (default 0) is end − start. \`generator/binding/regex.ts\` decodes them.

export const LIBXML2_CLASSES: Readonly<Record<string, string>> = {
${body}
};
`;
  if (check) {
    const now = readFileSync(OUT, 'utf8');
    const strip = (s: string) => s.slice(s.indexOf('export const LIBXML2_CLASSES'));
    if (strip(now) !== strip(out)) {
      console.error(`${OUT} differs from what libxml2 answers now; rerun without --check`);
      process.exitCode = 1;
    } else console.log(`${OUT} is up to date`);
  } else {
    writeFileSync(OUT, out);
    console.log(`wrote ${OUT} (${Buffer.byteLength(out)} bytes)`);
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
