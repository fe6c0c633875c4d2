/**
 * `npm run bench`: runs every benchmark module in bench/ (files named `*.bench.ts`), in name
 * order, and writes their sections to bench/RESULTS.md. Each module's default export returns a
 * Markdown section. Figures are measured here and now: compare only ratios taken in one run.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

export interface BenchSection {
  title: string;
  markdown: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const loadBefore = os.loadavg()[0];
const sections: BenchSection[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<BenchSection> };
  process.stderr.write(`bench: ${file}\n`);
  sections.push(await mod.default());
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\`. Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  'Absolute times vary between machines; the ratios compare against a baseline measured in the same run.',
  `Load average (1 min) at the start ${loadBefore.toFixed(1)}, at the end ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores: with other work running, ratios against small baselines drift.`,
  '',
].join('\n');
writeFileSync(join(here, 'RESULTS.md'), `${header}\n${sections.map((s) => `## ${s.title}\n\n${s.markdown.trim()}\n`).join('\n')}`);
process.stderr.write(`bench: wrote bench/RESULTS.md (${sections.length} sections)\n`);
