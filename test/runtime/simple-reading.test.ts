/**
 * The reading fast paths of `simple.ts`: integers and collapsed whitespace are checked by loops
 * (not regular expressions), and integer bounds beyond the safe range still give the fast path
 * to safe values. Each is held to its definition: the lexical space as a regular expression,
 * collapsing as XML Schema defines it, and the bounds' messages as the full check gives them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimpleDesc } from '../../packages/runtime/src/descriptors.js';
import { applyWhiteSpace, isIntegerLex, parseSimple, simplePlan, type Problem } from '../../packages/runtime/src/simple.js';

/** Strings made of the characters that matter here. */
const text = fc.string({ unit: fc.constantFrom('0', '7', '9', '+', '-', ' ', '\t', '\n', '\r', 'a', '.', '٣') });

describe('integer lexical form and whitespace collapsing, by loops', () => {
  it('isIntegerLex is [+-]?[0-9]+', () => {
    fc.assert(fc.property(text, (s) => isIntegerLex(s) === /^[+-]?[0-9]+$/.test(s)), { seed: 20261130, numRuns: 5000 });
    for (const s of ['', '+', '-', '+-1', '1-', ' 1']) expect(isIntegerLex(s), s).toBe(false);
    for (const s of ['0', '+0', '-12', '007']) expect(isIntegerLex(s), s).toBe(true);
  });

  it('collapse replaces each whitespace run by one space and trims', () => {
    fc.assert(fc.property(text, (s) => applyWhiteSpace('collapse', s) === s.replace(/[\t\n\r ]+/g, ' ').trim()), { seed: 20261130, numRuns: 5000 });
  });
});

describe('integer bounds beyond the safe range', () => {
  const read = (d: SimpleDesc, s: string): [unknown, string[]] => {
    const out: Problem[] = [];
    const v = parseSimple(simplePlan(d), s, out);
    return [v, out.map((p) => p.msg)];
  };
  const type = (bounds: Partial<SimpleDesc>): SimpleDesc => ({ name: 't', kind: 'integer', whiteSpace: 'collapse', ...bounds });

  it.each([
    // given bounds, text → value, messages
    [{ minInclusive: '0', maxInclusive: '18446744073709551615' }, ' 42 ', 42, []],
    [{ minInclusive: '0', maxInclusive: '18446744073709551615' }, '-1', -1, ['-1 is less than the minimum 0']],
    [{ minInclusive: '-9223372036854775808', maxInclusive: '9223372036854775807' }, '-9007199254740991', -9007199254740991, []],
    [{ minInclusive: '9007199254740993' }, '5', 5, ['5 is less than the minimum 9007199254740993']],
    [{ maxInclusive: '-9007199254740993' }, '5', 5, ['5 is greater than the maximum -9007199254740993']],
    [{ minExclusive: '-18446744073709551616', maxExclusive: '18446744073709551616' }, '0', 0, []],
    [{ maxExclusive: '-18446744073709551616' }, '0', 0, ['0 must be less than -18446744073709551616']],
    [{ minInclusive: '0', maxInclusive: '18446744073709551615' }, '9007199254740992', undefined, ['9007199254740992 is outside the safe integer range ±(2^53−1)']],
  ] as const)('%j: %j', (bounds, s, value, messages) => {
    expect(read(type(bounds), s)).toEqual([value, messages]);
  });
});
