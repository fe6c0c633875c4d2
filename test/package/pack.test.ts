/**
 * The generator and the runtime work from their npm packages, the way a user meets them:
 * `npm pack` both (as `npm publish` would, from the built `dist/`), install the tarballs into a
 * fresh project outside this repository (generator as a devDependency, runtime as a
 * dependency), and there:
 * - `plesk-codegen generate` from the embedded schemas and from the real set (PLESK_SCHEMAS_DIR),
 *   with no install advice (the project declares the runtime);
 * - `tsc --strict` compiles a consumer of both trees, which then runs under node: a round trip
 *   and a client call against the tree's stand-in, with each tree;
 * - `generate --package` output, installed as a dependency, runs from a plain `.mjs` file
 *   (exports `.`, `./operators/server`, `./testing`; nothing else reachable) and type-checks from
 *   its `.d.ts`; its error classes are the runtime's own, shared with the trees;
 * - after `npm prune --omit=dev` (the generator gone) the compiled consumer still runs (over
 *   plain HTTP: the stand-in's TLS certificates need its optional peers, dev dependencies here).
 *
 * npm only, `--prefer-offline` (the packages come from the npm cache, or from the registry).
 * Uses the `dist/` of both packages as `npm test` builds them (`npm run build`).
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_SCHEMAS_DIR, REPO_ROOT } from '../support/seeds.js';
import { TSC } from '../support/tree.js';

const HAVE_REAL_SET = existsSync(join(REAL_SCHEMAS_DIR, 'agent_input.xsd'));
if (!HAVE_REAL_SET) {
  console.warn(`pack test: the real-set part is skipped: no Plesk schema set at ${REAL_SCHEMAS_DIR} (set PLESK_SCHEMAS_DIR to one).`);
}

const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
}

function mustRun(cmd: string, args: string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const work = mkdtempSync(join(tmpdir(), 'plesk-pack-'));
const project = join(work, 'project');
const generated: Record<string, SpawnSyncReturns<string>> = {};

beforeAll(() => {
  for (const dist of ['dist/cli.js', 'packages/runtime/dist/index.js']) {
    if (!existsSync(join(REPO_ROOT, dist))) throw new Error(`${dist} is missing: run npm run build first (npm test does)`);
  }
  // Both tarballs, exactly as published. Scripts are skipped: `npm test` has built dist/ already,
  // and rebuilding here would rewrite files other test files are running.
  mustRun(npm, ['pack', '--workspaces', '--include-workspace-root', '--ignore-scripts', '--pack-destination', work, '--loglevel=error'], REPO_ROOT);
  const tarball = (prefix: string): string => join(work, readdirSync(work).find((f) => f.startsWith(prefix) && /^\d/.test(f.slice(prefix.length)))!);
  // Dev dependencies at the versions this repository uses (so the npm cache has them): @types/node
  // for tsc, and the stand-in's optional peers for its TLS certificates (tests use tls: true).
  const versionOf = (name: string): string => (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const devPeers = Object.fromEntries(['@types/node', '@peculiar/x509', 'reflect-metadata'].map((name) => [name, versionOf(name)]));

  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'pack-consumer',
        private: true,
        type: 'module',
        dependencies: { 'plesk-api-codegen-runtime': `file:${tarball('plesk-api-codegen-runtime-')}` },
        devDependencies: { 'plesk-api-codegen': `file:${tarball('plesk-api-codegen-')}`, ...devPeers },
      },
      null,
      2,
    ),
  );
  mustRun(npm, ['install', ...NPM_FLAGS], project);

  const codegen = join(project, 'node_modules', '.bin', 'plesk-codegen');
  const embedded = join(project, 'node_modules', 'plesk-api-codegen', 'schemas', '1.6.9.1');
  generated.embedded = run(codegen, ['generate', '--schemas', embedded, '--out', 'src/plesk'], project);
  generated.package = run(codegen, ['generate', '--schemas', embedded, '--out', 'plesk-api', '--package', '@acme/plesk-api', '--package-version', '1.0.0'], project);
  if (HAVE_REAL_SET) generated.real = run(codegen, ['generate', '--schemas', REAL_SCHEMAS_DIR, '--out', 'src/plesk-real', '--protocol-version', '1.6.6.0'], project);
  // The --package output as a dependency of the project, packed (so its `files` count) and installed.
  if (generated.package.status === 0) {
    mustRun(npm, ['pack', '--pack-destination', work, '--loglevel=error'], join(project, 'plesk-api'));
    mustRun(npm, ['install', ...NPM_FLAGS, '--save', join(work, 'acme-plesk-api-1.0.0.tgz')], project);
  }
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const STANDIN_REPLY = '<packet version="1.6.9.1"><server><srv_man><result><status>ok</status><id>web</id></result></srv_man></server></packet>';

/** A consumer of a tree: a round trip of a request, and a client call against the stand-in. */
function consumerSource(tree: string, version: string): string {
  return `import { PleskClient, parseRequest, serializeRequest, PleskOperationError, type RequestPacket } from './${tree}/index.js';
import { startStandin } from './${tree}/testing/standin.js';

export async function check(tls: boolean): Promise<{ roundTrip: boolean; status: string; errorShared: boolean }> {
  const packet: RequestPacket = { operators: [{ server: [{ srvMan: { id: 'web', operation: 'restart' } }] }] };
  const back = parseRequest(serializeRequest(packet));
  const standin = await startStandin({ tls, auth: { login: 'admin', password: 'pw' } });
  standin.enqueue('${STANDIN_REPLY.replace('1.6.9.1', version)}');
  const client = new PleskClient({ ...standin.connection, ca: standin.ca, auth: { login: 'admin', password: 'pw' } });
  try {
    const result = await client.server.srvMan({ id: 'web', operation: 'restart' });
    const { PleskOperationError: RuntimeError } = await import('plesk-api-codegen-runtime/client');
    return { roundTrip: JSON.stringify(back) === JSON.stringify(packet), status: String(result.status), errorShared: PleskOperationError === RuntimeError };
  } finally {
    await client.close();
    await standin.close();
  }
}
`;
}

describe('the generator and the runtime from their npm packages', () => {
  it('generate works in a fresh project, and says nothing about installing (the runtime is declared)', () => {
    expect(generated.embedded.stderr).toBe('');
    expect(generated.embedded.status).toBe(0);
    expect(generated.embedded.stdout).toMatch(/^Wrote \d+ files to src\/plesk/);
    expect(existsSync(join(project, 'src', 'plesk', 'runtime'))).toBe(false);
  });

  it.skipIf(!HAVE_REAL_SET)('generate works from the real schema set', () => {
    expect(generated.real.stderr).toBe('');
    expect(generated.real.status).toBe(0);
  });

  it('tsc --strict compiles consumers of the trees and of the --package output; they run', () => {
    writeFileSync(join(project, 'src', 'embedded.ts'), consumerSource('plesk', '1.6.9.1'));
    if (HAVE_REAL_SET) writeFileSync(join(project, 'src', 'real.ts'), consumerSource('plesk-real', '1.6.6.0'));
    // main.ts: over TLS (the stand-in's certificate needs its optional peers, dev dependencies
    // here); production.ts: plain HTTP, what still runs after `npm prune --omit=dev`.
    for (const [file, tls] of [['main', true], ['production', false]] as const) {
      const lines = ["import { check } from './embedded.js';", `const results = [await check(${tls})];`];
      if (HAVE_REAL_SET) lines.splice(1, 0, "import { check as checkReal } from './real.js';"), lines.push(`results.push(await checkReal(${tls}));`);
      lines.push('console.log(JSON.stringify(results));');
      writeFileSync(join(project, 'src', `${file}.ts`), `${lines.join('\n')}\n`);
    }
    // The --package output seen from TypeScript: its .d.ts, by its exports.
    writeFileSync(
      join(project, 'src', 'package-types.ts'),
      `import { PleskClient, serializeRequest, type RequestPacket } from '@acme/plesk-api';
import { serializeRequest as serializeServer } from '@acme/plesk-api/operators/server';
import { startStandin } from '@acme/plesk-api/testing';
export const packet: RequestPacket = { operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }] }] };
export const xml: string = serializeRequest(packet) + serializeServer(packet);
export type Client = PleskClient;
export const start: typeof startStandin = startStandin;
// @ts-expect-error an operation outside the enumeration does not compile
export const bad: RequestPacket = { operators: [{ server: [{ srvMan: { id: 'web', operation: 'explode' } }] }] };
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: ['node'], strict: true, outDir: 'dist', rootDir: 'src', skipLibCheck: false },
        include: ['src'],
      }),
    );
    const tsc = run(TSC, ['-p', project, '--pretty', 'false'], project);
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
    const results = JSON.parse(mustRun(process.execPath, ['dist/main.js'], project)) as unknown[];
    const want = { roundTrip: true, status: 'ok', errorShared: true };
    expect(results).toEqual(HAVE_REAL_SET ? [want, want] : [want]);
  });

  it('the --package output runs from a plain .mjs file, through its exports only', () => {
    expect(generated.package.stderr).toBe('');
    expect(generated.package.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(project, 'plesk-api', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: '@acme/plesk-api', version: '1.0.0', type: 'module', sideEffects: false, types: './index.d.ts' });
    expect(Object.keys(pkg.exports as object)).toEqual(['.', './operators/backup-manager', './operators/server', './client-for', './testing', './package.json']);
    const installed = join(project, 'node_modules', '@acme', 'plesk-api');
    expect(readdirSync(installed).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(existsSync(join(installed, 'plesk-codegen.manifest.json'))).toBe(false);
    expect(existsSync(join(installed, 'operators', 'server.js'))).toBe(true);
    writeFileSync(
      join(project, 'consumer.mjs'),
      `import { PleskClient, PleskOperationError, parseRequest, serializeRequest } from '@acme/plesk-api';
import * as server from '@acme/plesk-api/operators/server';
import { clientFor } from '@acme/plesk-api/client-for';
import { startStandin } from '@acme/plesk-api/testing';
import * as runtime from 'plesk-api-codegen-runtime/client';

const packet = { operators: [{ server: [{ srvMan: { id: 'web', operation: 'restart' } }] }] };
const xml = serializeRequest(packet);
const standin = await startStandin();
standin.enqueue('${STANDIN_REPLY.replace('<status>ok</status><id>web</id>', '<status>error</status><errcode>1013</errcode><errtext>no such service</errtext>')}');
const client = new PleskClient({ ...standin.connection, auth: { secretKey: 'key' } });
let caught;
try { await client.server.srvMan({ id: 'web', operation: 'restart' }); } catch (error) { caught = error; }
await client.close();
standin.enqueue('${STANDIN_REPLY}');
const picked = clientFor([server.srvMan], { ...standin.connection, auth: { secretKey: 'key' } });
const pickedResult = await picked.server.srvMan({ id: 'web', operation: 'restart' });
await picked.close();
await standin.close();
let hidden;
try { await import('@acme/plesk-api/request.js'); } catch (error) { hidden = error.code; }
console.log(JSON.stringify({
  roundTrip: JSON.stringify(parseRequest(xml)) === JSON.stringify(packet),
  operator: server.serializeRequest(packet) === xml,
  error: caught instanceof PleskOperationError && caught instanceof runtime.PleskOperationError ? caught.errcode : String(caught),
  picked: pickedResult.status,
  hidden,
}));
`,
    );
    expect(JSON.parse(mustRun(process.execPath, ['consumer.mjs'], project))).toEqual({ roundTrip: true, operator: true, error: 1013, picked: 'ok', hidden: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  });

  it('runs with production dependencies only (npm prune --omit=dev removes the generator)', () => {
    mustRun(npm, ['prune', '--omit=dev', ...NPM_FLAGS], project);
    expect(existsSync(join(project, 'node_modules', 'plesk-api-codegen'))).toBe(false);
    const results = JSON.parse(execFileSync(process.execPath, ['dist/production.js'], { cwd: project, encoding: 'utf8' })) as { status: string }[];
    expect(results.map((r) => r.status)).toEqual(HAVE_REAL_SET ? ['ok', 'ok'] : ['ok']);
  });
});
