import { describe, expect, it } from 'vitest';
import { xsdPatternToJs } from '../../generator/binding/regex.js';

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
    ['\\d+', '\\p{Nd}+'],
    ['\\D', '\\P{Nd}'],
    ['\\s', '[ \\t\\n\\r]'],
    ['\\S', '[^ \\t\\n\\r]'],
    ['\\w', '[^\\p{P}\\p{Z}\\p{C}]'],
    ['\\p{Lu}', '\\p{Lu}'],
    ['\\P{L}', '[^\\p{L}]'],
    ['\\p{IsBasicLatin}', '[\\u{0}-\\u{7F}]'],
    ['\\-\\.', '-\\.'],
    ['a/b', 'a\\/b'],
    ['[a-z]', '[a-z]'],
    ['[^a-z]', '[^a-z]'],
    ['[a-]', '[a\\-]'],
    ['[\\-\\+]', '[\\-+]'],
    ['[a-z-[aeiou]]', '(?:(?![aeiou])[a-z])'],
    ['[\\w-[\\d]]', '(?:(?![\\p{Nd}])[^\\p{P}\\p{Z}\\p{C}])'],
    ['[^\\S]', '(?![^ \\t\\n\\r])[^]'],
    ['[/0-9a-zA-Z_\\-]+', '[/0-9a-zA-Z_\\-]+'],
    ['[0-9a-zA-Z]{1}[\\-a-zA-Z0-9_.]{0,16}', '[0-9a-zA-Z]{1}[\\-a-zA-Z0-9_.]{0,16}'],
    [EMAIL, '[\\-+._\\p{L}\\p{N}]*@(?:[\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.)*[\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.?'],
  ];
  it.each(table)('%s → %s', (given, want) => {
    expect(xsdPatternToJs(given)).toBe(want);
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
