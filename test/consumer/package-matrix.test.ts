/**
 * The consumer compile matrix for a `--package` output: the package installed where a dependency
 * goes (`node_modules/@acme/plesk-api`, compiled JavaScript and declarations), imported by its
 * exports (`.`, `./operators/server`, `./testing`) from a TypeScript consumer and from a
 * JavaScript one checked with `checkJs` (JSDoc types), under every consumer configuration of the
 * tree's matrix (`test/support/consumer-matrix.ts`), `skipLibCheck` off. Both consumers hold a
 * `@ts-expect-error` for two branches of a choice, so the declarations keep choices exclusive.
 *
 * The embedded set: `npm test` runs TypeScript 7 under every configuration (each run a fraction
 * of a second); `CONSUMER_MATRIX=full` (set by `.ci/run`) adds TypeScript 5.9 and 5.0 wherever
 * they have the configuration's options. The real set (its package takes seconds to compile):
 * `npm test` runs `everything` with TypeScript 7, the full matrix every configuration with every
 * version.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.js';
import { writeTree } from '../../generator/emit/write.js';
import { CONSUMER_CONFIGS, OLDEST_TYPESCRIPT, TYPESCRIPT_VERSIONS, compileConsumer, supports, type ConsumerConfig } from '../support/consumer-matrix.js';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { SCRATCH_DIR } from '../support/tree.js';

const FULL = process.env.CONSUMER_MATRIX === 'full';
const EVERY = [...TYPESCRIPT_VERSIONS, OLDEST_TYPESCRIPT];
const TS7 = TYPESCRIPT_VERSIONS.filter((v) => v.name === 'TypeScript 7');

const TS_CONSUMER = `import { PleskClient, PleskOperationError, serializeRequest, type RequestPacket, type ServerOperatorTypeRequestItem } from '@acme/plesk-api';
import * as server from '@acme/plesk-api/operators/server';
import { startStandin } from '@acme/plesk-api/testing';

export const packet: RequestPacket = { operators: [{ server: [{ getProtos: true }] }] };
export const xml: string = serializeRequest(packet);
export function operation(item: ServerOperatorTypeRequestItem): string {
  return item.srvMan !== undefined ? item.srvMan.operation : 'get_protos';
}
// @ts-expect-error two branches of a choice
export const two: ServerOperatorTypeRequestItem = { getProtos: true, srvMan: { id: 'web', operation: 'stop' } };
export const connect = (host: string): PleskClient => new PleskClient({ host, auth: { login: 'admin', password: 'secret' } });
export const errors: (typeof PleskOperationError)[] = [PleskOperationError];
export const start: typeof startStandin = startStandin;
export const forServer: typeof server.serializeRequest = server.serializeRequest;
`;

const JS_CONSUMER = `// @ts-check
import { PleskClient, serializeRequest } from '@acme/plesk-api';

/** @type {import('@acme/plesk-api').RequestPacket} */
export const packet = { operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }] }] };
export const xml = serializeRequest(packet);
export const client = new PleskClient({ host: 'plesk.example', auth: { secretKey: 'key' } });
/** @type {import('@acme/plesk-api').ServerOperatorTypeRequestItem} */
// @ts-expect-error two branches of a choice
export const two = { getProtos: true, srvMan: { id: 'web', operation: 'stop' } };
`;

/**
 * The configurations of the tree's matrix, each with the JavaScript consumer checked beside the
 * TypeScript one (except with `isolatedDeclarations`, which TypeScript refuses with `allowJs`).
 */
const configs: ConsumerConfig[] = CONSUMER_CONFIGS.map((c) => ({
  ...c,
  name: `package-${c.name}`,
  compilerOptions: c.compilerOptions.isolatedDeclarations ? c.compilerOptions : { ...c.compilerOptions, allowJs: true, checkJs: true },
}));

/** Consumer projects (one per package type) with the `--package` output of `schemas` installed. */
function packageProjects(scratch: string, schemas: string): Record<ConsumerConfig['packageType'], string> {
  const projects = {} as Record<ConsumerConfig['packageType'], string>;
  const files = generate(schemas, { package: '@acme/plesk-api' }).files;
  for (const type of ['module', 'commonjs'] as const) {
    const dir = join(scratch, type);
    // Inside the repository: plesk-api-codegen-runtime (the peer dependency) and @types/node resolve from its node_modules.
    writeTree(join(dir, 'node_modules', '@acme', 'plesk-api'), files);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `package-consumer-${type}`, private: true, type }, null, 2)}\n`);
    writeFileSync(join(dir, 'src', 'main.ts'), TS_CONSUMER);
    // A CommonJS project's .js file is CommonJS: its ES import syntax would be an error of its own there.
    if (type === 'module') writeFileSync(join(dir, 'src', 'check.js'), JS_CONSUMER);
    projects[type] = dir;
  }
  return projects;
}

describe.each([
  { label: 'embedded set', schemas: EMBEDDED_SCHEMAS_DIR, runs: configs.flatMap((config) => (FULL ? EVERY : TS7).map((ts) => ({ config, ts }))) },
  {
    label: 'real Plesk set',
    schemas: REAL_SCHEMAS_DIR,
    runs: FULL ? configs.flatMap((config) => EVERY.map((ts) => ({ config, ts }))) : configs.filter((c) => c.name === 'package-everything').map((config) => ({ config, ts: TS7[0]! })),
  },
])('a consumer of a --package output ($label)', ({ schemas, runs }) => {
  let scratch: string;
  let projects: Record<ConsumerConfig['packageType'], string>;
  beforeAll(() => {
    mkdirSync(SCRATCH_DIR, { recursive: true });
    scratch = mkdtempSync(join(SCRATCH_DIR, 'package-consumers-'));
    projects = packageProjects(scratch, schemas);
  });
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const table = runs.filter(({ config, ts }) => supports(config, ts));
  it.each(table)('compiles clean: $config.name ($config.what), $ts.name, declaration files checked', ({ config, ts }) => {
    expect(compileConsumer(projects[config.packageType], config, ts, true)).toBe('');
  });
});
