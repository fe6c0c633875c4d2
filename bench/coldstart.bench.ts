/**
 * Cold start of a consumer of the real bindings: a fresh `node` process that imports the whole
 * generated tree (its `index.js`: every operator's codecs and the client with its transport),
 * compiled and bundled by esbuild, and parses one small response — against a bare `node` start
 * (`node` running an empty module) measured in the same rounds. What the consumer pays is the
 * difference.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { generate } from '../generator/generate.js';
import { writeTree } from '../generator/emit/write.js';
import { median, REAL_SCHEMAS_DIR, ROOT } from './support.js';

const ROUNDS = 21;
const TARGET_MS = 60;

const RESPONSE = '<packet version="1.6.9.1"><server><get_protos><result><status>ok</status><protos><proto>1.6.9.1</proto></protos></result></get_protos></server></packet>';

function run(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const t = performance.now() - t0;
  if (r.status !== 0) throw new Error(`bench: ${args.join(' ')} failed: ${r.stderr}`);
  return t;
}

export default async function coldStartBench(): Promise<{ title: string; markdown: string }> {
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'bench', 'out', 'cold-'));
  try {
    const tree = join(dir, 'tree');
    writeTree(tree, generate(REAL_SCHEMAS_DIR).files);
    const consumers = {
      'the whole tree (`index.js`: every operator, the client and its transport)': `import { parseResponse, PleskClient } from './tree/index.js';`,
      'the `server` operator only (`operators/server.js`)': `import { parseResponse } from './tree/operators/server.js'; const PleskClient = 0;`,
    };
    const bundles: [string, string][] = [];
    let k = 0;
    for (const [label, imports] of Object.entries(consumers)) {
      const entry = join(dir, `consumer-${k}.ts`);
      writeFileSync(entry, `${imports}\nconst v = parseResponse(${JSON.stringify(RESPONSE)}) as { operators: unknown[] };\nif (v.operators.length !== 1 || PleskClient === undefined) throw new Error('unexpected');\n`);
      const out = join(dir, `consumer-${k}.mjs`);
      buildSync({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'silent' });
      bundles.push([label, out]);
      k++;
    }
    const empty = join(dir, 'empty.mjs');
    writeFileSync(empty, '');
    // Warm the file cache, then alternate the contenders in every round.
    for (const [, out] of bundles) run([out]);
    run([empty]);
    const times: number[][] = [[], ...bundles.map(() => [])];
    for (let r = 0; r < ROUNDS; r++) {
      const order = [0, ...bundles.map((_, i) => i + 1)];
      if (r % 2 === 1) order.reverse();
      for (const j of order) times[j].push(run([j === 0 ? empty : bundles[j - 1][1]]));
    }
    const bare = median(times[0]);
    const rows = bundles.map(([label], i) => {
      const t = median(times[i + 1]);
      const over = t - bare;
      return `| ${label} | ${t.toFixed(1)} | ${over.toFixed(1)} | ${over <= TARGET_MS ? 'met' : '**missed**'} (≤ ${TARGET_MS} ms over a bare start) |`;
    });
    const markdown = [
      `Fresh \`node\` processes (median of ${ROUNDS}, contenders alternating in every round): import the real set's generated tree, compiled and bundled by esbuild (minified ESM, dependencies included), and parse one small response. Bare start (\`node\` running an empty module): ${bare.toFixed(1)} ms.`,
      '',
      '| consumer | ms | ms over a bare start | target |',
      '|---|---:|---:|---|',
      ...rows,
    ].join('\n');
    process.stderr.write(`${markdown}\n`);
    return { title: 'Cold start: importing the real tree and parsing a first response', markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
