/**
 * The reqif suite through the general core (see suite-codec.ts): generate from its entry XSDs
 * and root elements, `tsc --strict` clean, every sample judged against libxml2's verdict.
 * The sample declares `encoding='ASCII'` (read: its bytes are all ASCII, so UTF-8). It round-trips: its root's
 * `xsi:schemaLocation` is kept (`$schemaLocation`), its mixed XHTML content keeps its order (`$content`), and
 * its element-only `xs:all` content (`DATATYPE-DEFINITION-ENUMERATION`, …) is written in the value's key order,
 * which reading makes the document's.
 */
import { expect, it } from 'vitest';
import { runSuite, summary, suiteIndex } from './suite-codec.js';

/** Samples where we disagree with libxml2 today, and why (a fix makes this test fail until the entry goes). */
const known: Record<string, unknown> = {};

it('reqif: generates, type-checks, and agrees with libxml2 on every sample but the known ones', async () => {
  const report = await runSuite('reqif', {});
  console.log(summary(report));
  expect(report.typecheck).toBe('');
  const want = Object.fromEntries(suiteIndex('reqif').map((r) => [r.sample, known[r.sample] ?? (r.verdict === 'valid' ? 'round-trip' : 'refused')]));
  expect(report.outcomes, 'a sample\'s outcome changed: when a construct starts to work, remove its entry from `known` above (or restate why it fails)').toEqual(want);
}, 120_000);
