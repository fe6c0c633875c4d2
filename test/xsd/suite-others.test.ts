/**
 * Any further suite found in the suites folder (`XSD_SUITES_DIR`, default `../shared/xsd-suites`)
 * besides the five with tests of their own: a folder with an INDEX.tsv (and catalog.tsv) laid out
 * as the README there describes runs the same way (suite-codec.ts), with no known disagreements:
 * every sample must agree with libxml2's verdict. Drop a suite in to judge the generator on it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSuite, summary, SUITES_DIR } from './suite-codec.js';

const OWN = new Set(['amadeus', 'bpmn', 'datexii', 'reqif', 'ubl']);
const others = existsSync(SUITES_DIR)
  ? readdirSync(SUITES_DIR)
      .filter((d) => !OWN.has(d) && existsSync(join(SUITES_DIR, d, 'INDEX.tsv')))
      .sort()
  : [];

describe.runIf(others.length > 0)('further suites', () => {
  it.each(others)('%s: generates, type-checks, and agrees with libxml2 on every sample', async (suite) => {
    const report = await runSuite(suite, { integers: 'bigint' });
    console.log(summary(report));
    expect(report.typecheck).toBe('');
    expect(Object.entries(report.outcomes).filter(([, o]) => o !== 'round-trip' && o !== 'refused')).toEqual([]);
  }, 300_000);
});
