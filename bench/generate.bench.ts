/**
 * Stage 2 benchmark: generating the whole real Plesk set (both schema sets: types, descriptors,
 * packets, client), the way `plesk-codegen generate` does, and type-checking the result.
 *
 * - in-process median of warm runs, split by stage;
 * - a cold run in a fresh process (`plesk-codegen generate`, what a build step pays), with its
 *   peak resident memory;
 * - `tsc --noEmit --strict` of the generated tree.
 * The baseline in the same run is the cold run of `plesk-codegen --help` (Node start-up and the
 * CLI entry, which loads no generator module), so the difference shows what generating costs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, REAL_SCHEMAS_DIR, ROOT } from './support.js';
import { pathToFileURL } from 'node:url';
import { generate } from '../generator/generate.js';

const root = ROOT;
const schemaDir = REAL_SCHEMAS_DIR;

/**
 * Runs the CLI in a fresh Node process: wall time seen from here, and the child's own peak
 * resident memory (it reports `process.resourceUsage().maxRSS` when the command returns).
 */
function runCli(args: string[]): { ms: number; maxRssKiB: number } {
  const cliModule = pathToFileURL(join(root, 'dist', 'cli.js')).href;
  const script = `const io={out(){},err(t){process.stderr.write(t)}};import(${JSON.stringify(cliModule)}).then(async(m)=>{const code=await m.main(${JSON.stringify(args)},io);process.stdout.write(JSON.stringify({code,maxRssKiB:process.resourceUsage().maxRSS}));});`;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t;
  const result = JSON.parse(r.stdout || '{}') as { code?: number; maxRssKiB?: number };
  if (r.status !== 0 || result.code !== 0) throw new Error(`plesk-codegen ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, maxRssKiB: result.maxRssKiB ?? 0 };
}

export default async function generateBench(): Promise<{ title: string; markdown: string }> {
  const scratch = join(root, 'bench', 'out');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'generate-'));
  const out = join(dir, 'tree');
  try {
    // Warm, in-process.
    generate(schemaDir);
    const runs = 7;
    const totals: number[] = [];
    const load: number[] = [];
    const bind: number[] = [];
    const emit: number[] = [];
    let fileCount = 0;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const r = generate(schemaDir);
      totals.push(performance.now() - t);
      load.push(r.timings.loadMs);
      bind.push(r.timings.bindMs);
      emit.push(r.timings.emitMs);
      fileCount = r.files.size;
      bytes = [...r.files.values()].reduce((n, c) => n + Buffer.byteLength(c), 0);
    }

    // Cold, in a fresh process, with the baseline of the same process doing nothing.
    const coldRuns = 3;
    const cold: { ms: number; maxRssKiB: number }[] = [];
    const base: { ms: number; maxRssKiB: number }[] = [];
    for (let i = 0; i < coldRuns; i++) {
      base.push(runCli(['--help']));
      cold.push(runCli(['generate', '--schemas', schemaDir, '--out', out]));
    }
    const coldMs = median(cold.map((c) => c.ms));
    const baseMs = median(base.map((c) => c.ms));
    const peakMiB = Math.max(...cold.map((c) => c.maxRssKiB)) / 1024;
    const basePeakMiB = Math.max(...base.map((c) => c.maxRssKiB)) / 1024;

    // Type-check of the generated tree.
    writeFileSync(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: ['node'], skipLibCheck: true },
        include: ['**/*.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    const tscTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = spawnSync(tsc, ['-p', out], { encoding: 'utf8' });
      tscTimes.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`tsc failed on the generated tree:\n${r.stdout}${r.stderr}`);
    }
    const tscMs = median(tscTimes);

    const f = (n: number): string => n.toFixed(0);
    const markdown = [
      `Schema set: \`${schemaDir.split('/').slice(-2).join('/')}\` (request and response sets). Output: ${fileCount} files, ${(bytes / 1024).toFixed(0)} KiB.`,
      '',
      '| measure | ms | target |',
      '|---|---:|---|',
      `| generate both sets, in process, warm (median of ${runs}) | ${f(median(totals))} | < 1000 |`,
      `|  … read and resolve XSD | ${f(median(load))} | |`,
      `|  … binding model | ${f(median(bind))} | |`,
      `|  … emit (ts-morph, templates, descriptors) | ${f(median(emit))} | |`,
      `| \`plesk-codegen generate\`, fresh process (median of ${coldRuns}) | ${f(coldMs)} | < 1000 |`,
      `| baseline: \`plesk-codegen --help\`, fresh process (Node start-up) | ${f(baseMs)} | |`,
      `| \`tsc --strict --noEmit\` of the generated tree (median of 3) | ${f(tscMs)} | < 5000 |`,
      '',
      `Generating adds ${f(coldMs - baseMs)} ms to a bare start of the command, loading the generator's modules (TypeScript through ts-morph among them) included. Peak resident memory of the generating process: ${peakMiB.toFixed(0)} MiB (${basePeakMiB.toFixed(0)} MiB for the bare start).`,
    ].join('\n');
    return { title: 'Generating the real Plesk set', markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
