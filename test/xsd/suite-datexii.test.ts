/**
 * The datexii suite through the general core (see suite-codec.ts): generate from its entry XSDs
 * and root elements, `tsc --strict` clean, every sample judged against libxml2's verdict.
 * `xsi:type` picks concrete subtypes of abstract types (read into `$type`, written back); the 19
 * `xs:unique` of the root are checked. The root's `xsi:schemaLocation` is kept (`$schemaLocation`),
 * so the sample round-trips.
 */
import { expect, it } from 'vitest';
import { runSuite, summary, suiteIndex } from './suite-codec.js';

/** Samples where we disagree with libxml2 today, and why (a fix makes this test fail until the entry goes). */
const known: Record<string, unknown> = {};

it('datexii: generates, type-checks, and agrees with libxml2 on every sample but the known ones', async () => {
  const report = await runSuite('datexii', {});
  console.log(summary(report));
  expect(report.typecheck).toBe('');
  const want = Object.fromEntries(suiteIndex('datexii').map((r) => [r.sample, known[r.sample] ?? (r.verdict === 'valid' ? 'round-trip' : 'refused')]));
  expect(report.outcomes, 'a sample\'s outcome changed: when a construct starts to work, remove its entry from `known` above (or restate why it fails)').toEqual(want);
}, 120_000);
