/**
 * The client's HTTP layer, measured three ways against one another in the same run: Node's own
 * `node:https` (what the client uses, packages/runtime/src/client/transport.ts), undici (the
 * previous layer, a devDependency here only as this baseline) and Node's global `fetch`.
 *
 * - Bundle: esbuild, ESM for Node, minified — the bytes each layer adds to a consumer, and
 *   whether that bundle starts at all. Then whole client consumers: the embedded tree's client,
 *   the real tree's client, the real tree's `clientFor` with one operation, and the real tree's
 *   `server` codecs under the generic core.
 * - Requests per second on loopback against the stand-in (keep-alive, 8 in flight), over HTTP
 *   for all three and over HTTPS with the stand-in's certificate as `ca` (global fetch has no
 *   per-request CA, so it sits that one out).
 * - Cold start: a fresh process that makes one request to the stand-in and exits; the median
 *   of several runs of each bundled layer.
 */
import { buildSync } from 'esbuild';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Agent, fetch as undiciFetch } from 'undici';
import { nodeTransport } from '../packages/runtime/src/client/transport.js';
import { startStandin, type Standin } from '../packages/runtime/src/testing/standin.js';
import { generate } from '../generator/generate.js';
import { writeTree } from '../generator/emit/write.js';
import { median, REAL_SCHEMAS_DIR, ROOT } from './support.js';

const run = promisify(execFile);
const OK = '<packet version="1.6.9.1"><server><srv_man><result><status>ok</status><id>web</id></result></srv_man></server></packet>';
const BODY = '<packet version="1.6.9.1"><server><srv_man><id>web</id><operation>stop</operation></srv_man></server></packet>';

interface Built {
  bytes: number;
  gzip: number;
  file: string;
}

function bundle(entry: string, outfile: string): Built {
  const result = buildSync({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'node', conditions: ['plesk-codegen-source'], logLevel: 'silent', write: false });
  const code = result.outputFiles[0]!.contents;
  writeFileSync(outfile, code);
  return { bytes: code.length, gzip: gzipSync(code).length, file: outfile };
}

/** Runs a bundle with node (asynchronously: the stand-in answers from this process); '' when it exits 0, else its first error line. */
async function starts(file: string, env: Record<string, string>): Promise<string> {
  try {
    // A crash in a minified bundle makes Node print the whole offending line and a caret line as
    // wide as its column: hundreds of KiB of stderr, beyond execFile's default 1 MiB buffer.
    await run(process.execPath, [file], { env: { ...process.env, ...env }, timeout: 20_000, maxBuffer: 64 * 1024 * 1024 });
    return '';
  } catch (e) {
    const err = e as { stderr?: string; code?: unknown; signal?: unknown };
    const lines = (err.stderr ?? '').split('\n').map((l) => l.trim());
    const thrown = lines.find((l) => /^\w*Error\b/.test(l) && l.length < 500);
    if (thrown !== undefined) return thrown;
    return err.signal ? `killed by ${String(err.signal)}` : `exit ${String(err.code ?? '?')}, no error line`;
  }
}

/** Wall time of a fresh process, ms. */
function coldStart(file: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [file], { env: { ...process.env, ...env }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${file} exited ${code}`))));
  });
}

type Post = () => Promise<void>;

async function rate(post: Post, seconds: number): Promise<number> {
  for (let i = 0; i < 50; i++) await post(); // warm-up: connections open, code compiled
  const inFlight = 8;
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await post();
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

export default async function transportBench(): Promise<{ title: string; markdown: string }> {
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'bench', 'out', 'transport-'));
  const standins: Standin[] = [];
  try {
    const http = await startStandin({ handler: () => OK });
    const https = await startStandin({ tls: true, handler: () => OK });
    standins.push(http, https);
    const env = { PLESK_URL: http.url };

    // ---- each layer alone: one POST, bundled -------------------------------------------------
    const layers: { name: string; source: string }[] = [
      {
        name: '`node:https` (the client’s `transport.ts`)',
        source: `import { nodeTransport } from '${join(ROOT, 'packages/runtime/src/client/transport.ts')}';
const t = nodeTransport({ rejectUnauthorized: true, ca: process.env.PLESK_CA ? [process.env.PLESK_CA] : undefined });
const r = await t.transport({ url: new URL(process.env.PLESK_URL), method: 'POST', headers: [['Content-Type', 'text/xml']], body: new TextEncoder().encode(${JSON.stringify(BODY)}), signal: new AbortController().signal, maxResponseBytes: 1 << 26, errorBodyBytes: 4096 });
if (r.status !== 200) throw new Error('status ' + r.status);
t.close();`,
      },
      {
        name: 'undici (`Agent` with `connect.ca` + `fetch`)',
        source: `import { Agent, fetch } from 'undici';
const dispatcher = new Agent({ connect: { ca: process.env.PLESK_CA, rejectUnauthorized: true } });
const r = await fetch(process.env.PLESK_URL, { method: 'POST', body: ${JSON.stringify(BODY)}, headers: { 'Content-Type': 'text/xml' }, dispatcher });
await r.arrayBuffer();
await dispatcher.close();`,
      },
      {
        name: 'global `fetch` (no per-request CA)',
        source: `const r = await fetch(process.env.PLESK_URL, { method: 'POST', body: ${JSON.stringify(BODY)}, headers: { 'Content-Type': 'text/xml' } });
await r.arrayBuffer();`,
      },
    ];
    const layerRows: string[] = [];
    const cold: { name: string; ms: number | undefined; error: string }[] = [];
    for (const [i, layer] of layers.entries()) {
      writeFileSync(join(dir, `layer-${i}.mjs`), layer.source);
      const built = bundle(join(dir, `layer-${i}.mjs`), join(dir, `layer-${i}.bundle.mjs`));
      const error = await starts(built.file, env);
      layerRows.push(`| ${layer.name} | ${built.bytes} | ${(built.bytes / 1024).toFixed(1)} | ${error ? `no: \`${error.slice(0, 90)}\`` : 'yes'} |`);
      const runs: number[] = [];
      if (!error) for (let k = 0; k < 7; k++) runs.push(await coldStart(built.file, env));
      cold.push({ name: layer.name, ms: error ? undefined : median(runs), error });
    }
    // Unbundled, as Node loads it from node_modules (undici's own ESM/CJS files).
    writeFileSync(join(dir, 'undici-unbundled.mjs'), layers[1]!.source.replace("from 'undici'", `from '${join(ROOT, 'node_modules/undici/index.js')}'`));
    const unbundled: number[] = [];
    for (let k = 0; k < 7; k++) unbundled.push(await coldStart(join(dir, 'undici-unbundled.mjs'), env));
    cold.push({ name: 'undici, not bundled (from node_modules)', ms: median(unbundled), error: '' });
    const nodeCold = cold[0]!.ms!;

    // ---- whole consumers ----------------------------------------------------------------------
    const { files } = generate(REAL_SCHEMAS_DIR);
    writeTree(join(dir, 'real'), files);
    const consumers: { name: string; source: string }[] = [
      {
        name: 'embedded tree (`server`, `backup-manager`): `PleskClient`, one `server.srvMan` call',
        source: `import { PleskClient } from '${join(ROOT, 'generated/1.6.9.1/client.js')}';
const c = new PleskClient({ url: process.env.PLESK_URL, auth: { login: 'admin', password: 'pw' } });
console.log(await c.server.srvMan({ id: 'web', operation: 'stop' }));
await c.close();`,
      },
      {
        name: 'real tree (rpc-2015, every operator): `PleskClient`, one `server.srvMan` call',
        source: `import { PleskClient } from '${join(dir, 'real/client.js')}';
const c = new PleskClient({ url: process.env.PLESK_URL, auth: { login: 'admin', password: 'pw' } });
console.log(await c.server.srvMan({ id: 'web', operation: 'stop' }));
await c.close();`,
      },
      {
        name: 'real tree: `clientFor([server.srvMan])` (client-for.ts), one `srvMan` call',
        source: `import { clientFor } from '${join(dir, 'real/client-for.js')}';
import * as server from '${join(dir, 'real/operators/server.js')}';
const c = clientFor([server.srvMan], { url: process.env.PLESK_URL, auth: { login: 'admin', password: 'pw' } });
console.log(await c.server.srvMan({ id: 'web', operation: 'stop' }));
await c.close();`,
      },
      {
        name: 'real tree: `PleskClientCore` + `operators/server.js` codecs, one `srvMan`',
        source: `import { PleskClientCore } from 'plesk-api-codegen-runtime/client';
import { serializeRequest, parseResponse } from '${join(dir, 'real/operators/server.js')}';
const c = new PleskClientCore({ serializeRequest, parseResponse }, { url: process.env.PLESK_URL, auth: { login: 'admin', password: 'pw' } });
console.log(await c.requestOperation({ operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }] }] }, false));
await c.close();`,
      },
      {
        name: 'the client runtime alone (`plesk-api-codegen-runtime/client`, no codecs, no saxes)',
        source: `import { PleskClientCore } from 'plesk-api-codegen-runtime/client';
const codec = { serializeRequest: () => ${JSON.stringify(BODY)}, parseResponse: (x) => ({ operators: [] }) };
const c = new PleskClientCore(codec, { url: process.env.PLESK_URL, auth: { login: 'admin', password: 'pw' } });
console.log((await c.send(${JSON.stringify(BODY)})).status);
await c.close();`,
      },
    ];
    const consumerRows: string[] = [];
    for (const [i, consumer] of consumers.entries()) {
      writeFileSync(join(dir, `consumer-${i}.mjs`), consumer.source);
      const built = bundle(join(dir, `consumer-${i}.mjs`), join(dir, `consumer-${i}.bundle.mjs`));
      const error = await starts(built.file, env);
      const runs: number[] = [];
      if (!error) for (let k = 0; k < 5; k++) runs.push(await coldStart(built.file, env));
      consumerRows.push(
        `| ${consumer.name} | ${built.bytes} | ${(built.bytes / 1024).toFixed(1)} | ${(built.gzip / 1024).toFixed(1)} | ${built.bytes <= 100 * 1024 ? 'yes' : 'no'} | ${error ? `fails: \`${error.slice(0, 80)}\`` : `${median(runs).toFixed(0)} ms`} |`,
      );
    }

    // ---- requests per second --------------------------------------------------------------------
    const body = new TextEncoder().encode(BODY);
    const viaNode = (url: string, ca?: string): { post: Post; close(): void } => {
      const t = nodeTransport({ rejectUnauthorized: true, ...(ca === undefined ? {} : { ca: [ca] }) });
      const target = new URL(url);
      return {
        post: async () => {
          const r = await t.transport({ url: target, method: 'POST', headers: [['Content-Type', 'text/xml']], body, signal: new AbortController().signal, maxResponseBytes: 1 << 26, errorBodyBytes: 4096 });
          if (r.status !== 200) throw new Error(`status ${r.status}`);
        },
        close: () => t.close(),
      };
    };
    const viaUndici = (url: string, ca?: string): { post: Post; close(): Promise<void> } => {
      const dispatcher = new Agent({ connect: { ...(ca === undefined ? {} : { ca }), rejectUnauthorized: true } });
      return {
        post: async () => {
          const r = await undiciFetch(url, { method: 'POST', body: BODY, headers: { 'Content-Type': 'text/xml' }, dispatcher });
          await r.arrayBuffer();
          if (r.status !== 200) throw new Error(`status ${r.status}`);
        },
        close: () => dispatcher.close(),
      };
    };
    const viaFetch: Post = async () => {
      const r = await fetch(http.url, { method: 'POST', body: BODY, headers: { 'Content-Type': 'text/xml' } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`status ${r.status}`);
    };
    const seconds = 3;
    const n1 = viaNode(http.url);
    const nodeHttp = await rate(n1.post, seconds);
    n1.close();
    const u1 = viaUndici(http.url);
    const undiciHttp = await rate(u1.post, seconds);
    await u1.close();
    const fetchHttp = await rate(viaFetch, seconds);
    const n2 = viaNode(https.url, https.ca);
    const nodeHttps = await rate(n2.post, seconds);
    n2.close();
    const u2 = viaUndici(https.url, https.ca);
    const undiciHttps = await rate(u2.post, seconds);
    await u2.close();
    const r = (x: number): string => x.toFixed(0);
    const ratio = (x: number, base: number): string => `${(x / base).toFixed(2)}×`;

    const markdown = [
      'Node’s `node:https` (the client’s layer) against undici (the previous one) and global `fetch`; every',
      'figure from this run. Bundles: esbuild, ESM, `platform: node`, minified.',
      '',
      '**One POST, bundled: what each layer adds, and whether the bundle starts**',
      '',
      '| layer | bytes | KiB | starts |',
      '|---|---:|---:|---|',
      ...layerRows,
      '',
      `**Requests per second**, loopback, stand-in answering \`srv_man\`, keep-alive, 8 in flight, ${seconds} s each (ratio against \`node:https\`)`,
      '',
      '| layer | HTTP | HTTPS (stand-in certificate as `ca`) |',
      '|---|---:|---:|',
      `| \`node:https\` | ${r(nodeHttp)} | ${r(nodeHttps)} |`,
      `| undici | ${r(undiciHttp)} (${ratio(undiciHttp, nodeHttp)}) | ${r(undiciHttps)} (${ratio(undiciHttps, nodeHttps)}) |`,
      `| global \`fetch\` | ${r(fetchHttp)} (${ratio(fetchHttp, nodeHttp)}) | — (no per-request CA) |`,
      '',
      '**Cold start**: a fresh `node` process that makes one request over HTTP and exits (median of 7; ratio against `node:https`)',
      '',
      '| layer | ms |',
      '|---|---:|',
      ...cold.map((c) => `| ${c.name} | ${c.ms === undefined ? `does not start` : `${c.ms.toFixed(0)} (${ratio(c.ms, nodeCold)})`} |`),
      '',
      '**Client consumers, bundled** (each creates a client from a URL and calls one operation over HTTP; start = median of 5 fresh processes, request included)',
      '',
      '| consumer | bytes | KiB | gzip KiB | ≤ 100 KiB | starts, one call |',
      '|---|---:|---:|---:|---|---:|',
      ...consumerRows,
    ].join('\n');
    return { title: 'Client transport', markdown };
  } finally {
    await Promise.all(standins.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}
