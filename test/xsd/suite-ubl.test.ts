/**
 * The ubl suite through the general core (see suite-codec.ts): generate from its entry XSDs
 * and root elements, `tsc --strict` clean, every sample judged against libxml2's verdict.
 * With `integers: 'bigint'` (the xmldsig X509SerialNumber is an unbounded xs:integer beyond 2^53). Every sample round-trips (base64 text in lines, as in the detached signature, keeps its line breaks: test/features/base64-layout.test.ts).
 */
import { expect, it } from 'vitest';
import { runSuite, summary, suiteIndex } from './suite-codec.js';

/** Samples where we disagree with libxml2 today, and why (a fix makes this test fail until the entry goes). */
const known: Record<string, unknown> = {};

it('ubl: generates, type-checks, and agrees with libxml2 on every sample but the known ones', async () => {
  const report = await runSuite('ubl', { integers: 'bigint' });
  console.log(summary(report));
  expect(report.typecheck).toBe('');
  const want = Object.fromEntries(suiteIndex('ubl').map((r) => [r.sample, known[r.sample] ?? (r.verdict === 'valid' ? 'round-trip' : 'refused')]));
  expect(report.outcomes, 'a sample\'s outcome changed: when a construct starts to work, remove its entry from `known` above (or restate why it fails)').toEqual(want);
}, 120_000);
