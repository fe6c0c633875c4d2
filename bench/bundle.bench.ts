/**
 * Bundle size of consumers, minified with esbuild (ESM, `platform: node`), and what weighs what
 * inside each bundle (esbuild's metafile: bytes of output per input module, grouped).
 *
 * - Client consumers (issue 10: one `server` operation, ≤ 100 KiB minified): each creates a
 *   client from a URL and calls `server.srvMan` once against the stand-in; the bundle is run to
 *   show it starts and works. The embedded tree's `PleskClient`; the real tree's
 *   `clientFor([server.srvMan])` (a client of that one operation, client-for.ts); the real
 *   tree's `PleskClient` (every operator) and `clientFor([server.srvMan, requestSettings])` (a
 *   client that may send the packet's `request-settings`, whose `xs:anyType` values bring the
 *   untyped-content writer) for reference.
 * - Codec consumers of the real tree, no client: only `server` (`operators/server.js`) against
 *   the full packet codecs (`request.js` + `response.js`).
 *
 * The runtime package resolves to its sources (condition `plesk-codegen-source`), so the
 * figures follow the working tree without a build.
 */
import { buildSync, type Metafile } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { generate } from '../generator/generate.js';
import { writeTree } from '../generator/emit/write.js';
import { startStandin } from '../packages/runtime/src/testing/standin.js';
import { REAL_SCHEMAS_DIR, ROOT } from './support.js';

const run = promisify(execFile);
const KIB = 1024;
const OK = '<packet version="1.6.9.1"><server><srv_man><result><status>ok</status><id>web</id></result></srv_man></server></packet>';

interface Built {
  bytes: number;
  gzip: number;
  file: string;
  metafile: Metafile;
}

function bundle(entry: string): Built {
  const file = entry.replace(/\.m?[jt]s$/, '.bundle.mjs');
  const result = buildSync({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    conditions: ['plesk-codegen-source'],
    metafile: true,
    logLevel: 'silent',
  });
  const code = readFileSync(file);
  return { bytes: code.length, gzip: gzipSync(code).length, file, metafile: result.metafile };
}

/** The groups of input modules a bundle is broken down into, first match wins. */
const GROUPS: [string, RegExp][] = [
  ['saxes (+ xmlchars)', /node_modules\/(saxes|xmlchars)\//],
  ['runtime: client (`client/*`)', /packages\/runtime\/src\/client\//],
  ['runtime: reading (`parse`, `match`, `plan`, `nsfrag`)', /packages\/runtime\/src\/(parse|match|plan|nsfrag)\.ts$/],
  ['runtime: writing (`serialize`, `escape`; `untyped`, `anyattr` where installed)', /packages\/runtime\/src\/(serialize|escape|untyped|anyattr)\.ts$/],
  ['runtime: simple types (`simple`; `lexical`, `listunion`, `numbers`, `facets` where installed)', /packages\/runtime\/src\/(simple|lexical|listunion|numbers|facets)\.ts$/],
  ['runtime: other (errors, descriptor format, …)', /packages\/runtime\/src\//],
  ['tree: descriptors', /\/descriptors\/[^/]+\.ts$/],
  ['tree: client, operators, packets', /\.(ts|js)$/],
];

function breakdown(metafile: Metafile): Map<string, number> {
  const sums = new Map<string, number>(GROUPS.map(([name]) => [name, 0]));
  const out = Object.values(metafile.outputs)[0]!;
  for (const [path, { bytesInOutput }] of Object.entries(out.inputs)) {
    const group = GROUPS.find(([, re]) => re.test(path))?.[0] ?? 'other';
    sums.set(group, (sums.get(group) ?? 0) + bytesInOutput);
  }
  return sums;
}

/** '' when the bundle exits 0 and printed the call's result, else its first error line. */
async function works(file: string, url: string): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [file], { env: { ...process.env, PLESK_URL: url }, timeout: 20_000 });
    return stdout.includes('"status":"ok"') ? '' : `printed ${stdout.trim().slice(0, 60)}`;
  } catch (e) {
    const err = e as { stderr?: string };
    const lines = (err.stderr ?? String(e)).split('\n').map((l) => l.trim());
    return lines.find((l) => /^\w*Error\b/.test(l)) ?? 'failed';
  }
}

const kib = (n: number): string => (n / KIB).toFixed(1);

export default async function bundleBench(): Promise<{ title: string; markdown: string }> {
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'bench', 'out', 'bundle-'));
  const standin = await startStandin({ handler: () => OK });
  try {
    const { files } = generate(REAL_SCHEMAS_DIR);
    writeTree(join(dir, 'real'), files);
    const source = [...files.values()].reduce((n, c) => n + Buffer.byteLength(c), 0);
    const call = (make: string): string =>
      `const c = ${make};\nconsole.log(JSON.stringify(await c.server.srvMan({ id: 'web', operation: 'stop' })));\nawait c.close();\n`;
    const options = `{ url: process.env.PLESK_URL, auth: { login: 'admin', password: 'pw' } }`;
    const clients: { name: string; source: string; target: boolean }[] = [
      {
        name: 'embedded tree: `PleskClient`',
        source: `import { PleskClient } from '${join(ROOT, 'generated/1.6.9.1/client.js')}';\n${call(`new PleskClient(${options})`)}`,
        target: true,
      },
      {
        name: 'real tree: `clientFor([server.srvMan])`',
        source: `import { clientFor } from './real/client-for.js';\nimport * as server from './real/operators/server.js';\n${call(`clientFor([server.srvMan], ${options})`)}`,
        target: true,
      },
      {
        name: 'real tree: `PleskClient` (every operator; reference)',
        source: `import { PleskClient } from './real/client.js';\n${call(`new PleskClient(${options})`)}`,
        target: false,
      },
      {
        name: 'real tree: `clientFor([server.srvMan, requestSettings])` (may send request-settings, untyped content; reference)',
        source: `import { clientFor, requestSettings } from './real/client-for.js';\nimport * as server from './real/operators/server.js';\n${call(`clientFor([server.srvMan, requestSettings], ${options})`)}`,
        target: false,
      },
    ];
    const built: (Built & { name: string; target: boolean; error: string })[] = [];
    for (const [i, c] of clients.entries()) {
      const entry = join(dir, `client-${i}.mjs`);
      writeFileSync(entry, c.source);
      const b = bundle(entry);
      built.push({ ...b, name: c.name, target: c.target, error: await works(b.file, standin.url) });
    }

    const use = `const xml = serializeRequest({ operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }] }] });\nconsole.log(xml, parseResponse('<packet><server><srv_man><result><status>ok</status><id>web</id></result></srv_man></server></packet>'));\n`;
    writeFileSync(join(dir, 'server-only.ts'), `import { serializeRequest, parseResponse } from './real/operators/server.js';\n${use}`);
    writeFileSync(join(dir, 'full.ts'), `import { serializeRequest } from './real/request.js';\nimport { parseResponse } from './real/response.js';\n${use}`);
    const serverOnly = bundle(join(dir, 'server-only.ts'));
    const full = bundle(join(dir, 'full.ts'));

    const groups = GROUPS.map(([name]) => name);
    const parts = built.map((b) => breakdown(b.metafile));
    const markdown = [
      '**Client consumers** (each creates a client from a URL and calls `server.srvMan` once; the bundle is run against the stand-in). Aim (issue 10): ≤ 100 KiB minified.',
      '',
      '| consumer | bytes | KiB | gzip KiB | ≤ 100 KiB | starts, one call |',
      '|---|---:|---:|---:|---|---|',
      ...built.map(
        (b) =>
          `| ${b.name} | ${b.bytes} | ${kib(b.bytes)} | ${kib(b.gzip)} | ${b.target ? (b.bytes <= 100 * KIB ? 'yes' : `**no** (${kib(b.bytes - 100 * KIB)} KiB over)`) : '—'} | ${b.error ? `fails: \`${b.error.slice(0, 80)}\`` : 'yes'} |`,
      ),
      '',
      'What weighs what (KiB of minified output per group of input modules, from esbuild’s metafile):',
      '',
      `| group | ${built.map((b) => b.name.replace(/ \(.*\)/, '')).join(' | ')} |`,
      `|---|${built.map(() => '---:').join('|')}|`,
      ...groups.filter((g) => parts.some((p) => (p.get(g) ?? 0) > 0)).map((g) => `| ${g} | ${parts.map((p) => kib(p.get(g) ?? 0)).join(' | ')} |`),
      '',
      `**Codec consumers of the real tree** (no client; ${files.size} files, ${kib(source)} KiB of TypeScript):`,
      '',
      '| consumer | bytes | KiB | gzip KiB |',
      '|---|---:|---:|---:|',
      `| only \`server\`: \`operators/server.js\` | ${serverOnly.bytes} | ${kib(serverOnly.bytes)} | ${kib(serverOnly.gzip)} |`,
      `| every operator: \`request.js\` + \`response.js\` | ${full.bytes} | ${kib(full.bytes)} | ${kib(full.gzip)} |`,
      '',
      `The server-only codec bundle is ${(serverOnly.bytes / full.bytes).toFixed(2)}× the full one; the one-operation \`clientFor\` bundle is ${(built[1]!.bytes / built[2]!.bytes).toFixed(2)}× the real \`PleskClient\`’s.`,
    ].join('\n');
    return { title: 'Bundle size of a consumer', markdown };
  } finally {
    await standin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
