/**
 * What the runtime as a package of its own, and `--package`, cost and save, measured in one run:
 * - bundle: an application using two trees (the embedded set and the real set, as an app talking
 *   to two API versions would), minified with esbuild: one shared runtime, against the same trees
 *   bundled separately (what a copy of the runtime per tree would add up to);
 * - generating: `--package` (compiling to JavaScript and `.d.ts`) against plain TypeScript output,
 *   real set, in process;
 * - a consumer's `tsc --noEmit` over the real tree: from the `--package` declarations against
 *   from the TypeScript sources, with TypeScript 7 and 5.9, both with `skipLibCheck`.
 */
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generate } from '../generator/generate.js';
import { writeTree } from '../generator/emit/write.js';
import { median, REAL_SCHEMAS_DIR, ROOT } from './support.js';
import { TYPESCRIPT_VERSIONS } from '../test/support/consumer-matrix.js';

const EMBEDDED = join(ROOT, 'schemas', '1.6.9.1');

function bundle(entry: string): { bytes: number; gzip: number } {
  const result = buildSync({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  const code = result.outputFiles[0].contents;
  return { bytes: code.length, gzip: gzipSync(code).length };
}

function timed(f: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}

export default async function packagesBench(): Promise<{ title: string; markdown: string }> {
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'bench', 'out', 'packages-'));
  try {
    writeTree(join(dir, 'a'), generate(EMBEDDED).files);
    writeTree(join(dir, 'b'), generate(REAL_SCHEMAS_DIR, { protocolVersion: '1.6.6.0' }).files);
    const use = (name: string, tree: string): string => `import { PleskClient as ${name} } from './${tree}/index.js';\n`;
    writeFileSync(join(dir, 'a.ts'), `${use('A', 'a')}console.log(new A({ host: 'a', auth: { secretKey: 'k' } }));\n`);
    writeFileSync(join(dir, 'b.ts'), `${use('B', 'b')}console.log(new B({ host: 'b', auth: { secretKey: 'k' } }));\n`);
    writeFileSync(join(dir, 'both.ts'), `${use('A', 'a')}${use('B', 'b')}console.log(new A({ host: 'a', auth: { secretKey: 'k' } }), new B({ host: 'b', auth: { secretKey: 'k' } }));\n`);
    writeFileSync(join(dir, 'runtime.ts'), "import * as r from 'plesk-api-codegen-runtime';\nimport * as c from 'plesk-api-codegen-runtime/client';\nconsole.log(r, c);\n");
    const [a, b, both, runtime] = ['a', 'b', 'both', 'runtime'].map((f) => bundle(join(dir, `${f}.ts`)));

    const plain = timed(() => generate(REAL_SCHEMAS_DIR), 3);
    const packaged = timed(() => generate(REAL_SCHEMAS_DIR, { package: '@acme/real' }), 3);

    // A consumer of the real tree: from its sources, and from the --package declarations.
    const consumer = (from: string): string => `import { PleskClient, serializeRequest, type RequestPacket } from '${from}';\nexport const p: RequestPacket = { operators: [{ server: [{ getProtos: true }] }] };\nexport const x: string = serializeRequest(p);\nexport type C = PleskClient;\n`;
    const sources = join(dir, 'sources');
    writeTree(join(sources, 'tree'), generate(REAL_SCHEMAS_DIR, { protocolVersion: '1.6.6.0' }).files);
    writeFileSync(join(sources, 'main.ts'), consumer('./tree/index.js'));
    const declarations = join(dir, 'declarations');
    writeTree(join(declarations, 'node_modules', '@acme', 'real'), generate(REAL_SCHEMAS_DIR, { package: '@acme/real', protocolVersion: '1.6.6.0' }).files);
    writeFileSync(join(declarations, 'main.ts'), consumer('@acme/real'));
    const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')], strict: true, noEmit: true, skipLibCheck: true };
    for (const d of [sources, declarations]) {
      writeFileSync(join(d, 'package.json'), '{ "type": "module", "private": true }\n');
      writeFileSync(join(d, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['main.ts'] }));
    }
    const compilers = Object.fromEntries(TYPESCRIPT_VERSIONS.map((v) => [v.name, v.command]));
    const tsc = (cmd: string[], project: string): number =>
      timed(() => {
        const r = spawnSync(cmd[0], [...cmd.slice(1), '-p', project], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`tsc failed over ${project}:\n${r.stdout}${r.stderr}`);
      }, 3);
    const tscRows = Object.entries(compilers).map(([name, cmd]) => {
      const fromSources = tsc(cmd, sources);
      const fromDeclarations = tsc(cmd, declarations);
      return `| ${name} | ${(fromSources / 1000).toFixed(2)} s | ${(fromDeclarations / 1000).toFixed(2)} s | ${(fromDeclarations / fromSources).toFixed(2)} |`;
    });

    const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
    const markdown = [
      'An application using two trees (the embedded set and the real set), each creating a client, minified with esbuild (ESM, Node):',
      '',
      '| bundle | minified | gzip |',
      '|---|---:|---:|',
      `| the runtime alone (\`.\` and \`./client\`) | ${kib(runtime.bytes)} | ${kib(runtime.gzip)} |`,
      `| embedded tree + runtime | ${kib(a.bytes)} | ${kib(a.gzip)} |`,
      `| real tree + runtime | ${kib(b.bytes)} | ${kib(b.gzip)} |`,
      `| both trees, one shared runtime (the package) | ${kib(both.bytes)} | ${kib(both.gzip)} |`,
      `| both trees, a runtime copy each (sum of the two above) | ${kib(a.bytes + b.bytes)} | ${kib(a.gzip + b.gzip)} |`,
      '',
      `Sharing saves ${kib(a.bytes + b.bytes - both.bytes)} minified (${(((a.bytes + b.bytes - both.bytes) / (a.bytes + b.bytes)) * 100).toFixed(0)}%), about one runtime per extra tree.`,
      '',
      `Generating the real set in process: ${(plain / 1000).toFixed(2)} s as TypeScript, ${(packaged / 1000).toFixed(2)} s with \`--package\` (compiled to JavaScript and \`.d.ts\`, one file at a time): ${(packaged / plain).toFixed(1)}× (median of 3).`,
      '',
      "A consumer's `tsc --noEmit` over the real tree (`skipLibCheck`, median of 3):",
      '',
      '| compiler | from the `.ts` sources | from the `--package` `.d.ts` | ratio |',
      '|---|---:|---:|---:|',
      ...tscRows,
    ].join('\n');
    return { title: 'Runtime package and --package: bundle sharing, compile cost, consumer type-check', markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
