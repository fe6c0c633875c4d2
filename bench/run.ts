/**
 * `npm run bench`: runs every benchmark module in bench/ (files named `*.bench.ts`), in name
 * order, and writes their sections to bench/RESULTS.md. Each module's default export returns a
 * Markdown section. Figures are measured here and now: compare only ratios taken in one run.
 *
 * Each module runs in a fresh process of its own. In one shared process, what an earlier module
 * ran (the generator reading XSDs with saxes, a client and stand-in exchanging packets) left V8's
 * optimized code of the shared libraries tuned for other call patterns: the codec module then
 * measured its parse, and even the bare saxes floor, at two to three times the ratio a process of
 * its own measures — a figure of the benchmark's order, not of the runtime.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** In a child: run the one module named by BENCH_MODULE and write its section as JSON to BENCH_SECTION_OUT. */
async function runOne(file: string, out: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<BenchSection> };
  writeFileSync(out, JSON.stringify(await mod.default()));
}

function runInChild(file: string): BenchSection {
  const dir = mkdtempSync(join(os.tmpdir(), 'plesk-bench-'));
  const out = join(dir, 'section.json');
  try {
    process.stderr.write(`bench: ${file}\n`);
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_MODULE: file, BENCH_SECTION_OUT: out },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`bench: ${file} failed (exit ${r.status ?? r.signal})`);
    return JSON.parse(readFileSync(out, 'utf8')) as BenchSection;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_MODULE !== undefined && process.env.BENCH_SECTION_OUT !== undefined) {
  await runOne(process.env.BENCH_MODULE, process.env.BENCH_SECTION_OUT);
  process.exit(0);
}

const loadBefore = os.loadavg()[0];
const sections: BenchSection[] = files.map(runInChild);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\`. Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  'Absolute times vary between machines; the ratios compare against a baseline measured in the same run.',
  `Load average (1 min) at the start ${loadBefore.toFixed(1)}, at the end ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores: with other work running, ratios against small baselines drift.`,
  '',
].join('\n');
// A run of some modules only (`npm run bench -- codec`) replaces their sections and keeps the
// others as the last run wrote them (each section says when its figures are from another run).
const resultsPath = join(here, 'RESULTS.md');
const blocks = new Map<string, string>();
if (only.length > 0) {
  let previous = '';
  try {
    previous = readFileSync(resultsPath, 'utf8');
  } catch {
    // no earlier results: write the new sections alone
  }
  for (const block of previous.split(/^(?=## )/m).slice(1)) blocks.set(block.slice(3, block.indexOf('\n')), block.trimEnd());
}
for (const s of sections) blocks.set(s.title, `## ${s.title}\n\n${only.length > 0 ? `_Measured in a run of ${only.join(', ')} alone._\n\n` : ''}${s.markdown.trim()}`);
writeFileSync(resultsPath, `${header}\n${[...blocks.values()].join('\n\n')}\n`);
process.stderr.write(`bench: wrote bench/RESULTS.md (${sections.length} sections)\n`);
