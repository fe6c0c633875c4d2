/**
 * The public standards' schema suites in `../shared/xsd-suites` (README there), at the model
 * level: every entry XSD of every suite (column 3 of `INDEX.tsv`) loads and resolves with no
 * diagnostic, URL `schemaLocation`s going through the suite's `catalog.tsv`. The counts of
 * global types and elements over all entries are the suite README's figures (named complex +
 * named simple types; global elements), so a reader that drops or duplicates declarations fails.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDocuments, readCatalog, tryResolveLoadedSet, type LoadOptions, type ParseCache } from '../../generator/model/index.js';
import { repoRoot } from './helpers.js';

const suitesDir = process.env.XSD_SUITES_DIR ?? resolve(repoRoot, '../shared/xsd-suites');

/** suite → [XSD files reached, global types, global elements], from the suites' README. */
const want: Record<string, [files: number, types: number, elements: number]> = {
  bpmn: [5, 154 + 13, 154],
  datexii: [1, 388 + 218, 1],
  ubl: [78, 1282 + 4, 1685],
  reqif: [21, 85 + 32, 1],
  amadeus: [3, 160 + 60, 3],
};

/** Entry points the README names besides the samples' entry XSDs (what xsdata-samples generates from). */
function generatorEntries(suite: string): string[] {
  if (suite === 'ubl') {
    const dir = join(suitesDir, suite, 'schemas/maindoc');
    return readdirSync(dir).filter((f) => f.endsWith('.xsd')).sort().map((f) => `schemas/maindoc/${f}`);
  }
  if (suite === 'amadeus') return ['schemas/AMA_WSLink.xsd'];
  return [];
}

function entries(suite: string): string[] {
  const index = readFileSync(join(suitesDir, suite, 'INDEX.tsv'), 'utf8');
  return [...new Set([...index.split('\n').filter((l) => l.trim() !== '').map((l) => l.split('\t')[2]), ...generatorEntries(suite)])];
}

describe.each(Object.keys(want))('XSD suite %s', (suite) => {
  it('loads and resolves every entry XSD with no diagnostic', () => {
    const dir = join(suitesDir, suite);
    expect(existsSync(dir), `${dir} (set XSD_SUITES_DIR)`).toBe(true);
    const options: { catalog?: LoadOptions['catalog'] } = {};
    const catalogFile = join(dir, 'catalog.tsv');
    if (readFileSync(catalogFile, 'utf8').trim() !== '') {
      const { catalog, diagnostics } = readCatalog(catalogFile);
      expect(diagnostics).toEqual([]);
      options.catalog = catalog;
    }
    const cache: ParseCache = new Map();
    const files = new Set<string>();
    const types = new Set<string>();
    const elements = new Set<string>();
    const prefixes = new Map<string, string>();
    const problems: string[] = [];
    const list = entries(suite);
    for (const entry of list) {
      const { set, diagnostics } = tryResolveLoadedSet(loadDocuments(dir, entry, cache, options));
      for (const d of diagnostics) problems.push(`${entry}: ${d.file}:${d.line}: ${d.message}`);
      for (const f of set.files) files.add(f);
      for (const k of set.types.keys()) types.add(k);
      for (const k of set.elements.keys()) elements.add(k);
      for (const [ns, p] of set.prefixes) if (!prefixes.has(ns)) prefixes.set(ns, p);
    }
    console.log(`${suite}: ${list.length} entry XSDs, ${files.size} files, ${types.size} global types, ${elements.size} global elements`);
    expect(problems).toEqual([]);
    expect([files.size, types.size, elements.size]).toEqual(want[suite]);
    if (suite === 'ubl') {
      const ubl = (m: string) => prefixes.get(`urn:oasis:names:specification:ubl:schema:xsd:${m}-2`);
      expect([ubl('CommonBasicComponents'), ubl('CommonAggregateComponents'), ubl('Invoice')]).toEqual(['cbc', 'cac', undefined]);
    }
  });
});
