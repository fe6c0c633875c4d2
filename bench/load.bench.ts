/**
 * Stage 1 benchmark: reading and resolving the real Plesk schema sets (request and response,
 * 77 files on disk, 58 + 59 loaded) with `loadSchemaSets`, the way every command starts.
 */
import { median, REAL_SCHEMAS_DIR } from './support.js';
import { compareSets, loadDocuments, resolveLoadedSet, type ParseCache } from '../generator/model/index.js';
import { loadSchemaSets } from '../generator/profiles/plesk/schemas.js';

const schemaDir = REAL_SCHEMAS_DIR;

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export default async function loadBench(): Promise<{ title: string; markdown: string }> {
  const runs = 10;
  const cold = time(() => loadSchemaSets(schemaDir));
  for (let i = 0; i < 2; i++) loadSchemaSets(schemaDir); // warm-up
  const total: number[] = [];
  const parse: number[] = [];
  const resolveTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    total.push(time(() => loadSchemaSets(schemaDir)));
    const cache: ParseCache = new Map();
    let loaded: ReturnType<typeof loadDocuments>[] = [];
    parse.push(time(() => (loaded = [loadDocuments(schemaDir, 'agent_input.xsd', cache), loadDocuments(schemaDir, 'agent_output.xsd', cache)])));
    resolveTimes.push(time(() => compareSets(resolveLoadedSet(loaded[0]), resolveLoadedSet(loaded[1]))));
  }
  const sets = loadSchemaSets(schemaDir);
  const fmt = (ms: number) => ms.toFixed(1);
  const markdown = [
    `\`loadSchemaSets\` on \`${schemaDir.split('/').slice(-2).join('/')}\`: ${sets.input.files.length} + ${sets.output.files.length} files, ${sets.input.types.size} + ${sets.output.types.size} global types. Median of ${runs} runs after a warm-up; "cold" is the first call in the process.`,
    '',
    '| Measure | ms |',
    '| --- | ---: |',
    `| cold first load (both sets, compare) | ${fmt(cold)} |`,
    `| warm load, median (both sets, compare) | ${fmt(median(total))} |`,
    `| warm load, min / max | ${fmt(Math.min(...total))} / ${fmt(Math.max(...total))} |`,
    `| of which read + validate + parse + index, median | ${fmt(median(parse))} |`,
    `| of which resolve + compare, median | ${fmt(median(resolveTimes))} |`,
  ].join('\n');
  process.stderr.write(`load: cold ${fmt(cold)} ms, warm median ${fmt(median(total))} ms\n`);
  return { title: 'Schema loading (stage 1)', markdown };
}
