/**
 * `plesk-codegen diff` on two real sets: the real rpc-2015 set against a copy with three edits
 * (an element made required, an element renamed, an enumeration value added; the README's
 * example), made here in a temporary folder.
 *
 * - in process, warm: the whole comparison (both sets of both versions loaded, the schema walk,
 *   both binding models and the API comparison), split by stage;
 * - `plesk-codegen diff` in a fresh process, what a CI step pays (target ≤ 1 s);
 * - baseline in the same run: `plesk-codegen --help` in a fresh process (Node start-up).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, REAL_SCHEMAS_DIR, ROOT } from './support.js';
import type { SchemaSets } from '../generator/profiles/plesk/schemas.js';
import { ParseReuse, readDiffInput } from '../generator/diff/inputs.js';
import { compareSchemaSets } from '../generator/diff/compare.js';
import { compareApis } from '../generator/diff/api.js';
import { diffSchemaDirs } from '../generator/diff/index.js';

const EDITS: [string, string, string][] = [
  ['plesk_domain.xsd', '<xs:element name="property" type="PleskPhysHostingPropertyType" minOccurs="0" maxOccurs="unbounded"/>\n\t\t\t<xs:element name="ip_address" type="ip_address" minOccurs="0" maxOccurs="2"/>', '<xs:element name="property" type="PleskPhysHostingPropertyType" maxOccurs="unbounded"/>\n\t\t\t<xs:element name="ip_address" type="ip_address" minOccurs="0" maxOccurs="2"/>'],
  ['webspace.xsd', '<xs:element name="dom_id" type="int"/>', '<xs:element name="site-id" type="int"/>'],
  ['plesk_dns.xsd', '<xs:enumeration value="CNAME"/>', '<xs:enumeration value="CNAME"/><xs:enumeration value="CAA"/>'],
];

function editedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plesk-diff-bench-'));
  cpSync(REAL_SCHEMAS_DIR, dir, { recursive: true });
  for (const [file, from, to] of EDITS) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    if (text.split(from).length !== 2) throw new Error(`bench edit of ${file} does not match exactly once`);
    writeFileSync(path, text.replace(from, to));
  }
  return dir;
}

/**
 * Runs the CLI in a fresh Node process: wall time seen from here, and the CPU time the child
 * used (user + system, from `process.resourceUsage()` when the command returns), which a busy
 * machine inflates much less than wall time.
 */
function runCli(args: string[], expected: number): { ms: number; cpuMs: number } {
  const cliModule = pathToFileURL(join(ROOT, 'dist', 'cli.js')).href;
  const script = `const io={out(){},err(t){process.stderr.write(t)}};import(${JSON.stringify(cliModule)}).then(async(m)=>{const code=await m.main(${JSON.stringify(args)},io);const u=process.resourceUsage();process.stdout.write(JSON.stringify({code,cpu:(u.userCPUTime+u.systemCPUTime)/1000}));});`;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - t;
  const out = JSON.parse(r.stdout || '{}') as { code?: number; cpu?: number };
  if (out.code !== expected) throw new Error(`plesk-codegen ${args.join(' ')} exited ${out.code}, not ${expected}: ${r.stderr}`);
  return { ms, cpuMs: out.cpu ?? 0 };
}

const time = (fn: () => void): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

export default async function diffBench(): Promise<{ title: string; markdown: string }> {
  const copy = editedCopy();
  try {
    const runs = 7;
    for (let i = 0; i < 2; i++) diffSchemaDirs(REAL_SCHEMAS_DIR, copy); // warm-up
    const total: number[] = [];
    const load: number[] = [];
    const walk: number[] = [];
    const api: number[] = [];
    let changes = 0;
    for (let i = 0; i < runs; i++) {
      total.push(time(() => (changes = diffSchemaDirs(REAL_SCHEMAS_DIR, copy).schema.length)));
      let a!: SchemaSets;
      let b!: SchemaSets;
      load.push(
        time(() => {
          const reuse = new ParseReuse();
          a = readDiffInput(REAL_SCHEMAS_DIR, {}, reuse).sets;
          b = readDiffInput(copy, {}, reuse).sets;
        }),
      );
      walk.push(time(() => (compareSchemaSets('request', a.input, b.input), compareSchemaSets('response', a.output, b.output))));
      api.push(time(() => compareApis(a, b)));
    }
    const fresh: { ms: number; cpuMs: number }[] = [];
    const base: { ms: number; cpuMs: number }[] = [];
    for (let i = 0; i < 5; i++) {
      fresh.push(runCli(['diff', REAL_SCHEMAS_DIR, copy, '--format', 'json'], 1));
      base.push(runCli(['--help'], 0));
    }
    const f = (ms: number) => ms.toFixed(0);
    const freshMs = median(fresh.map((r) => r.ms));
    const freshCpu = median(fresh.map((r) => r.cpuMs));
    const loadAvg = os.loadavg()[0];
    const markdown = [
      `Old: \`${REAL_SCHEMAS_DIR.split('/').slice(-2).join('/')}\`; new: a copy with three edits (${changes} schema changes found). Both are full real sets (58 + 59 files each).`,
      '',
      '| measure | ms | target |',
      '|---|---:|---|',
      `| diff, in process, warm (median of ${runs}) | ${f(median(total))} | |`,
      `|  … load both versions (4 schema sets; the new version's unchanged files are not parsed again) | ${f(median(load))} | |`,
      `|  … schema walk (requests and responses) | ${f(median(walk))} | |`,
      `|  … TypeScript API (two binding models, compared) | ${f(median(api))} | |`,
      `| \`plesk-codegen diff --format json\`, fresh process, wall (median of 5) | ${f(freshMs)} | ≤ 1000 ${freshMs <= 1000 ? '(met)' : '(MISSED)'} |`,
      `| … the same, CPU time of the process (user + system) | ${f(freshCpu)} | ≤ 1000 ${freshCpu <= 1000 ? '(met)' : '(MISSED)'} |`,
      `| baseline: \`plesk-codegen --help\`, fresh process, wall / CPU | ${f(median(base.map((r) => r.ms)))} / ${f(median(base.map((r) => r.cpuMs)))} | |`,
      '',
      `Load average while measuring: ${loadAvg.toFixed(1)} on ${os.cpus().length} cores (wall times of a busy machine are inflated; CPU time much less).`,
    ].join('\n');
    process.stderr.write(`diff: in process ${f(median(total))} ms, fresh ${f(freshMs)} ms (CPU ${f(freshCpu)} ms)\n`);
    return { title: 'Comparing two real sets (`plesk-codegen diff`)', markdown };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
