/**
 * Runs a tree generated with `--import-extension ts` directly under Node's type stripping, with
 * Node 22 and 24 from the `node` npm package (npm is the only network this needs), after
 * `npm run build`:
 *
 *   node scripts/type-stripping.mjs [22 24 …]
 *
 * For each version: installs `node@<version>` into a temporary folder, generates the embedded
 * schemas' tree into `test/out/` (inside the repository, so that `plesk-api-codegen-runtime`
 * resolves to the workspace's built package), and runs a `.ts` consumer that does a round trip
 * and a client call against the tree's stand-in, with `--experimental-strip-types` (on by default
 * from Node 23.6; the flag is still accepted). Exit code 1 when any version fails.
 *
 * Not part of `npm test` (it downloads Node builds); `.ci/run` runs it after the tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const versions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['22', '24'];

function run(cmd, args, cwd) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8' });
}

mkdirSync(join(root, 'test', 'out'), { recursive: true });
const work = mkdtempSync(join(root, 'test', 'out', 'strip-'));
const nodes = mkdtempSync(join(tmpdir(), 'plesk-nodes-'));
let failed = 0;
try {
  const tree = join(work, 'plesk');
  const gen = run(process.execPath, [join(root, 'bin', 'plesk-codegen.js'), 'generate', '--schemas', join(root, 'schemas', '1.6.9.1'), '--out', tree, '--import-extension', 'ts'], root);
  if (gen.status !== 0) throw new Error(`generate failed:\n${gen.stdout}${gen.stderr}`);
  writeFileSync(join(work, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(
    join(work, 'main.ts'),
    `import { PleskClient, PleskOperationError, parseRequest, serializeRequest, type RequestPacket } from './plesk/index.ts';
import { startStandin } from './plesk/testing/standin.ts';

const packet: RequestPacket = { operators: [{ server: [{ srvMan: { id: 'web', operation: 'restart' } }] }] };
const back = parseRequest(serializeRequest(packet));
const standin = await startStandin({ tls: true, auth: { login: 'admin', password: 'pw' } });
standin.enqueue('<packet version="1.6.9.1"><server><srv_man><result><status>ok</status><id>web</id></result></srv_man></server></packet>');
standin.enqueue('<packet version="1.6.9.1"><server><srv_man><result><status>error</status><errcode>1013</errcode><errtext>no</errtext></result></srv_man></server></packet>');
const client = new PleskClient({ ...standin.connection, ca: standin.ca, auth: { login: 'admin', password: 'pw' } });
const ok = await client.server.srvMan({ id: 'web', operation: 'restart' });
const failure = await client.server.srvMan({ id: 'web', operation: 'stop' }).catch((error: unknown) => error);
await client.close();
await standin.close();
console.log(JSON.stringify({ roundTrip: JSON.stringify(back) === JSON.stringify(packet), status: ok.status, errcode: failure instanceof PleskOperationError ? failure.errcode : String(failure) }));
`,
  );
  const want = JSON.stringify({ roundTrip: true, status: 'ok', errcode: 1013 });
  for (const version of versions) {
    const dir = join(nodes, version);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
    const install = run('npm', ['install', `node@${version}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
    const node = join(dir, 'node_modules', '.bin', 'node');
    const actual = install.status === 0 ? run(node, ['--version'], dir).stdout.trim() : '';
    if (install.status !== 0 || actual === '') {
      console.error(`Node ${version}: could not install node@${version} from npm:\n${install.stderr}`);
      failed++;
      continue;
    }
    const r = run(node, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', 'main.ts'], work);
    const got = r.stdout.trim();
    if (r.status === 0 && got === want) console.log(`Node ${actual}: the --import-extension ts tree runs under type stripping (round trip, client call, typed error).`);
    else {
      console.error(`Node ${actual}: FAILED (exit ${r.status})\n${got}\n${r.stderr}`);
      failed++;
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(nodes, { recursive: true, force: true });
}
process.exit(failed === 0 ? 0 : 1);
