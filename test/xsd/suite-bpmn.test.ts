/**
 * The bpmn suite through the general core (see suite-codec.ts): generate from its entry XSDs
 * and root elements, `tsc --strict` clean, every sample judged against libxml2's verdict.
 * `definitions` holds `process` and `bpmndi:BPMNDiagram` through substitution groups; the root's
 * foreign attributes (`xs:anyAttribute`: `modeler:executionPlatform`) keep their prefix's
 * declaration in `$attrs`.
 */
import { expect, it } from 'vitest';
import { runSuite, summary, suiteIndex } from './suite-codec.js';

/** Samples where we disagree with libxml2 today, and why (a fix makes this test fail until the entry goes). */
const known: Record<string, unknown> = {};

it('bpmn: generates, type-checks, and agrees with libxml2 on every sample but the known ones', async () => {
  const report = await runSuite('bpmn', {});
  console.log(summary(report));
  expect(report.typecheck).toBe('');
  const want = Object.fromEntries(suiteIndex('bpmn').map((r) => [r.sample, known[r.sample] ?? (r.verdict === 'valid' ? 'round-trip' : 'refused')]));
  expect(report.outcomes, 'a sample\'s outcome changed: when a construct starts to work, remove its entry from `known` above (or restate why it fails)').toEqual(want);
}, 120_000);
