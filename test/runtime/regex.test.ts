import { describe, expect, it } from 'vitest';
import { XmlDocument, XmlLibError, XsdValidator } from 'libxml2-wasm';
import { LIBXML2_CLASS_KEYS, libxml2Class, xsdPatternToJs } from '../../generator/binding/regex.js';
import { random as rng } from '../support/random.js';

const EMAIL = '[\\-\\+\\p{L}\\p{N}\\._]*@([\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.)*[\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.?';
const IPV4 = '([01]?\\p{Nd}{1,2}|2([0-4]\\p{Nd}|5[0-5]))(\\.([01]?\\p{Nd}{1,2}|2([0-4]\\p{Nd}|5[0-5]))){3}';

describe('xsdPatternToJs: conversion table', () => {
  const table: [given: string, want: string][] = [
    ['abc', 'abc'],
    ['^a$', '\\^a\\$'],
    ['a|b', 'a|b'],
    ['(ab)+', '(?:ab)+'],
    ['a{2,}', 'a{2,}'],
    ['a{1,3}', 'a{1,3}'],
    ['.', '[^\\n\\r]'],
    ['\\s', '[\\t\\n\\r ]'],
    ['\\S', '[^\\t\\n\\r ]'],
    ['\\-\\.', '-\\.'],
    ['a/b', 'a\\/b'],
    ['[a-z]', '[a-z]'],
    ['[^a-z]', '[^a-z]'],
    ['[a-]', '[\\-a]'],
    ['[\\-\\+]', '[+\\-]'],
    ['[a-z-[aeiou]]', '[b-df-hj-np-tv-z]'],
    ['[^a-z-[\\n]]', '[^\\na-z]'],
    ['[^\\S]', '[\\t\\n\\r ]'],
    ['[/0-9a-zA-Z_\\-]+', '[\\-/-9A-Z_a-z]+'],
    ['[0-9a-zA-Z]{1}[\\-a-zA-Z0-9_.]{0,16}', '[0-9A-Za-z]{1}[\\-.0-9A-Z_a-z]{0,16}'],
    // Table-driven escapes: libxml2's code points, written out.
    ['\\p{Lt}', '[\\u{1C5}\\u{1C8}\\u{1CB}\\u{1F2}\\u{1F88}-\\u{1F8F}\\u{1F98}-\\u{1F9F}\\u{1FA8}-\\u{1FAF}\\u{1FBC}\\u{1FCC}\\u{1FFC}]'],
    ['\\p{Zs}', '[ \\u{A0}\\u{1680}\\u{180E}\\u{2000}-\\u{200A}\\u{202F}\\u{205F}\\u{3000}]'],
    ['[^\\p{Zs}]', '[^ \\u{A0}\\u{1680}\\u{180E}\\u{2000}-\\u{200A}\\u{202F}\\u{205F}\\u{3000}]'],
    ['\\p{Co}', '[\\u{E000}\\u{F8FF}\\u{F0000}\\u{FFFFD}\\u{100000}\\u{10FFFD}]'],
    ['\\P{Co}', '[^\\u{E000}\\u{F8FF}\\u{F0000}\\u{FFFFD}\\u{100000}\\u{10FFFD}]'],
    ['\\p{Cn}', '[]'],
    ['\\P{Cn}', '[^]'],
    ['[\\p{Cc}-[\\s]]', '[\\u{7F}-\\u{9F}]'],
    // libxml2 drops the negation of \P{…} inside a class: [\P{X}] is [\p{X}].
    ['[\\P{Co}]', '[\\u{E000}\\u{F8FF}\\u{F0000}\\u{FFFFD}\\u{100000}\\u{10FFFD}]'],
    ['[^\\P{Co}]', '[^\\u{E000}\\u{F8FF}\\u{F0000}\\u{FFFFD}\\u{100000}\\u{10FFFD}]'],
    ['\\p{IsBasicLatin}', '[\\t\\n\\r -\\u{7F}]'],
    ['\\p{IsHangulSyllables}', '[\\u{AC00}-\\u{D7AF}]'],
    ['\\p{IsPrivateUse}', '[\\u{E000}-\\u{F8FF}\\u{F0000}-\\u{10FFFF}]'],
  ];
  it.each(table)('%s → %s', (given, want) => {
    expect(xsdPatternToJs(given)).toBe(want);
  });

  it('writes every table-driven escape out as explicit code points (no \\p{…} of the JavaScript tables)', () => {
    for (const p of [EMAIL, IPV4, '\\d\\D\\w\\W\\i\\I\\c\\C', '[\\p{L}-[\\p{Lu}]]\\P{N}', '[^\\P{IsGreek}]']) {
      const out = xsdPatternToJs(p);
      expect(out).not.toMatch(/\\[pP]\{/);
      expect(() => new RegExp(out, 'u')).not.toThrow();
    }
  });

  it('keeps patterns of the real set small', () => {
    // Seven [\p{L}\p{N}…] classes: a few KB each.
    expect(xsdPatternToJs(EMAIL).length).toBeLessThan(40_000);
    expect(xsdPatternToJs(IPV4).length).toBeLessThan(2_000);
  });
});

describe('xsdPatternToJs: matching', () => {
  const full = (p: string) => new RegExp(`^(?:${xsdPatternToJs(p)})$`, 'u');
  const table: [pattern: string, yes: string[], no: string[]][] = [
    [EMAIL, ['user@example.com', 'a.b-c+d@sub.dömain.de.', 'ünï@xn--d.com', '@host'], ['user@', 'user@-host', 'a b@c.d', 'user@host..com']],
    [IPV4, ['10.0.0.1', '255.255.255.255', '192.168.1.20'], ['256.1.1.1', '1.2.3', '1.2.3.4.5']],
    ['^x$', ['^x$'], ['x']],
    ['.+', ['a b'], ['a\nb', 'a\rb']],
    ['\\d+', ['0123', '١٢٣'], ['12a']],
    ['\\i\\c*', ['_a-1', 'élan', 'a:b'], ['1a', '-a']],
    ['[\\i-[:]][\\c-[:]]*', ['ncname'], ['a:b', ':a']],
    ['[a-z-[aeiou]]+', ['bcd'], ['bad']],
    ['[^\\S]+', [' \t'], ['a']],
    ['\\w+', ['abc1é'], ['a b', 'a.b']],
    ['\\p{IsBasicLatin}+', ['plain'], ['naïve']],
    ['[\\i\\d]+', ['a1'], ['-']],
    // libxml2's tables (Unicode 4.0.1; CJK ideographs and Hangul syllables by their end points only).
    ['\\p{L}', ['A', 'ü', '\u4E00', '\u9FA5', '\uAC00', '\uD7A3'], ['\u4E2D', '\uA685', '\u1C22', '\uD7EB', '\uAC01', '\u{1FBF8}', '1']],
    ['\\p{Lo}', ['\u4E00', '\u9FA5'], ['\u4E01', '\u9FA4', '\u9FA6', '\u9FFF']],
    ['\\p{Nd}+', ['0123', '\u0661\u0662'], ['\u{1FBF0}', '\u{1FBF5}', '\u{1FBF9}', 'a']],
    ['\\d+', ['09'], ['\u{1FBF0}', '\u{1FBF9}']],
    ['\\P{L}', ['1', '\u4E2D', '\uA685'], ['a', '\u4E00']],
    ['[^\\p{L}\\p{N}]', ['\u4E2D', '-'], ['\u9FA5', '7']],
    ['\\p{Co}', ['\uE000', '\uF8FF'], ['\uE001', '\uF8FE']],
    ['\\p{Cn}?', [''], ['\u0378', '\u{E0000}', 'a']],
    ['\\i', ['a', '_', ':', '\u4E2D'], ['-', '1']],
    [EMAIL, ['a@b.c', 'a@ü.de', 'a@\u4E00.c', 'a@\u9FA5.c'], ['a@中.c', 'a@\uA685.c', '\u4E2D@b.c', 'a@\u{1FBF8}.c']],
  ];
  it.each(table)('%s', (pattern, yes, no) => {
    const re = full(pattern);
    for (const s of yes) expect(re.test(s), s).toBe(true);
    for (const s of no) expect(re.test(s), s).toBe(false);
  });
});

describe('xsdPatternToJs: refusals', () => {
  const table: [given: string, message: RegExp][] = [
    ['\\p{IsKlingon}', /block escape \\p\{IsKlingon\}.*not supported/],
    ['\\p{Foo}', /unknown character property/],
    ['a{,3}', /invalid quantifier/],
    ['(ab', /missing \)/],
    ['[a', /unterminated character class/],
    ['\\k', /unknown escape \\k/],
    ['*a', /without anything to repeat/],
    ['a)', /unexpected|unbalanced/],
    ['[z-a]', /out of order/],
    ['a{3,1}', /max < min/],
  ];
  it.each(table)('%s', (given, message) => {
    expect(() => xsdPatternToJs(given)).toThrow(message);
  });
});

// The converted patterns against libxml2 itself (the libxml2-wasm build), so that the probed table
// (generator/binding/unicode-classes.ts) cannot silently drift from the libxml2 the project uses:
// for every table key, its escape and its negation, and for compound classes, thousands of
// deterministic sample code points (the end points of every range of the classes involved, their
// neighbours, and pseudo-random ones) are each validated as a one-character value by libxml2 and
// matched by the converted RegExp.
describe('xsdPatternToJs: cross-check with libxml2', () => {
  const isXmlChar = (c: number) => c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
  const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

  function seedOf(s: string): number {
    let h = 2166136261;
    for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
    return h >>> 0;
  }

  const FIXED = [0x09, 0x0a, 0x0d, 0x20, 0x2d, 0x3a, 0x5f, 0x7f, 0xa0, 0xfc, 0x4e00, 0x4e2d, 0x9fa5, 0x9fa6, 0xa685, 0x1c22, 0xac00, 0xac01, 0xd7a3, 0xd7eb, 0xd7ff, 0xe000, 0xe001, 0xf8ff, 0xfffd, 0x10000, 0x1d7ce, 0x1fbf0, 0x1fbf8, 0x20000, 0x2a6d6, 0xe0001, 0xf0000, 0x10fffd, 0x10ffff];

  /** Sample code points for a pattern whose classes come from `keys`: fixed, range ends and neighbours, random. */
  function samples(keys: readonly string[], seed: string, random = 2000): number[] {
    const out = new Set<number>(FIXED);
    for (const k of keys) for (const [lo, hi] of libxml2Class(k)!) for (const c of [lo - 1, lo, hi, hi + 1]) out.add(c);
    const next = rng(seedOf(seed));
    for (let k = 0; k < random; k++) {
      const r = next();
      const span = r < 0.5 ? [0x20, 0xfffd] : r < 0.75 ? [0x10000, 0x2ffff] : [0x20, 0x10ffff];
      out.add(span[0] + Math.floor(next() * (span[1] - span[0] + 1)));
    }
    return [...out].filter(isXmlChar).sort((a, b) => a - b);
  }

  /** Code points of `cps` libxml2 refuses as the value of an element restricted by `pattern`. */
  function libxml2Refuses(pattern: string, cps: readonly number[]): Set<number> {
    const attr = pattern.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const xsd = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="r"><xs:complexType><xs:sequence><xs:element name="e" maxOccurs="unbounded"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="${attr}"/></xs:restriction></xs:simpleType></xs:element></xs:sequence></xs:complexType></xs:element></xs:schema>`;
    const schemaDoc = XmlDocument.fromString(xsd);
    const validator = XsdValidator.fromDoc(schemaDoc);
    const refused = new Set<number>();
    try {
      const CHUNK = 1500;
      for (let at = 0; at < cps.length; at += CHUNK) {
        const chunk = cps.slice(at, at + CHUNK);
        // One element per line: line n + 2 holds chunk[n].
        const text = (c: number) => (c < 0x20 || c === 0x26 || c === 0x3c || c === 0x3e ? `&#x${c.toString(16)};` : String.fromCodePoint(c));
        const doc = XmlDocument.fromString(`<r>\n${chunk.map((c) => `<e>${text(c)}</e>\n`).join('')}</r>`);
        try {
          validator.validate(doc);
        } catch (e) {
          if (!(e instanceof XmlLibError)) throw e;
          for (const d of e.details) {
            if (!d.message.includes("[facet 'pattern']")) throw new Error(`unexpected libxml2 diagnostic: ${d.message}`);
            refused.add(chunk[d.line - 2]);
          }
        } finally {
          doc.dispose();
        }
      }
    } finally {
      validator.dispose();
      schemaDoc.dispose();
    }
    return refused;
  }

  /** Sample code points on which the converted pattern and libxml2 disagree, as readable strings. */
  function disagreements(pattern: string, cps: readonly number[]): string[] {
    const re = new RegExp(`^(?:${xsdPatternToJs(pattern)})$`, 'u');
    const refused = libxml2Refuses(pattern, cps);
    const out: string[] = [];
    for (const c of cps) {
      const ours = re.test(String.fromCodePoint(c));
      const theirs = !refused.has(c);
      if (ours !== theirs) out.push(`${hex(c)}: ours ${ours ? 'accepts' : 'refuses'}, libxml2 ${theirs ? 'accepts' : 'refuses'}`);
    }
    return out.slice(0, 20);
  }

  const escapes = (key: string): [string, string] => (key.startsWith('\\') ? [key, key.toUpperCase()] : [`\\p{${key}}`, `\\P{${key}}`]);

  it('knows every XSD category escape and \\d \\w \\i \\c', () => {
    for (const k of ['L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'Z', 'Zs', 'Zl', 'Zp', 'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn', '\\d', '\\w', '\\i', '\\c'])
      expect(LIBXML2_CLASS_KEYS).toContain(k);
  });

  it.each(LIBXML2_CLASS_KEYS.map((k) => [k]))('%s and its negation', (key) => {
    const cps = samples([key], key);
    expect(cps.length).toBeGreaterThan(1500);
    for (const p of escapes(key)) expect(disagreements(p, cps), p).toEqual([]);
  });

  const compounds: [pattern: string, keys: string[]][] = [
    ['[\\-\\+\\p{L}\\p{N}\\._]', ['L', 'N']],
    ['[^\\p{L}\\p{N}]', ['L', 'N']],
    ['[\\P{L}a]', ['L']],
    ['[^\\P{L}]', ['L']],
    ['[a-z-[\\P{L}]]', ['L']],
    ['[\\P{Lu}\\P{Nd}-[a]]', ['Lu', 'Nd']],
    ['[\\p{L}\\P{IsBasicLatin}]', ['L', 'IsBasicLatin']],
    ['[\\D\\S\\W\\I\\C]', ['\\d', '\\w', '\\i', '\\c']],
    ['[\\p{L}-[\\p{Lu}]]', ['L', 'Lu']],
    ['[^\\p{L}-[\\p{Nd}]]', ['L', 'Nd']],
    ['[\\w-[\\d]]', ['\\w', '\\d']],
    ['[\\i-[:]]', ['\\i']],
    ['[\\c-[:]]', ['\\c']],
    ['[\\p{IsGreek}\\p{IsCyrillic}-[\\p{Lu}]]', ['IsGreek', 'IsCyrillic', 'Lu']],
    ['[a-z\\p{Nd}-[5]]', ['Nd']],
    ['[^\\s\\p{Z}]', ['Z']],
    ['.', []],
    ['\\s', []],
    ['\\S', []],
  ];
  it.each(compounds)('%s', (pattern, keys) => {
    expect(disagreements(pattern, samples(keys, pattern))).toEqual([]);
  });
});
