/**
 * The consumer compile matrix (see `test/support/consumer-matrix.ts`): generated trees, with the
 * README's example and the seed-packet consumer beside them, type-check without a diagnostic
 * under every common consumer configuration, with TypeScript 7 and 5.9, `skipLibCheck` off, and
 * with TypeScript 5.0, the oldest the README names, under every configuration it has the options
 * of (`supports`).
 *
 * `npm test` runs the cheap and most informative part (about 20 tsc runs): the embedded tree
 * under every configuration with TypeScript 7 and under the version-sensitive ones (module
 * resolution, lib) with 5.9 as well, declaration files checked under `everything` (every strict
 * flag, verbatimModuleSyntax, erasableSyntaxOnly, isolatedDeclarations, default lib with DOM);
 * the option variants and the real tree under `everything`; TypeScript 5.0 over the embedded tree
 * under `strictest` and `commonjs-node10`. `CONSUMER_MATRIX=full` (set by `.ci/run` after
 * `npm test`) runs every tree under every configuration with every version, declaration files
 * checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerateOptions } from '../../generator/generate.js';
import {
  CONSUMER_CONFIGS,
  CONSUMER_FILES,
  OLDEST_TYPESCRIPT,
  TYPESCRIPT_VERSIONS,
  compileConsumer,
  createConsumerProjects,
  supports,
  type TypeScriptVersion,
} from '../support/consumer-matrix.js';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR, REPO_ROOT } from '../support/seeds.js';
import { generateToTemp, removeTemp } from '../support/tree.js';

const FULL = process.env.CONSUMER_MATRIX === 'full';
const BOTH = TYPESCRIPT_VERSIONS;
const EVERY = [...TYPESCRIPT_VERSIONS, OLDEST_TYPESCRIPT];
const TS7 = TYPESCRIPT_VERSIONS.filter((v) => v.name === 'TypeScript 7');
const ALL = CONSUMER_CONFIGS.map((c) => c.name);
/** The configurations where the TypeScript versions differ most: module resolution, lib, everything strict (and the one TypeScript 7 has not). */
const VERSION_SENSITIVE = ['dom', 'bundler', 'commonjs', 'commonjs-node10', 'everything'];
const SEEDS_ONLY = CONSUMER_FILES.filter((f) => f.endsWith('seeds.check.ts'));

interface Run {
  config: string;
  versions: readonly TypeScriptVersion[];
  /** Check declaration files too (`skipLibCheck` off). */
  libCheck: boolean;
}

interface TreeCase {
  label: string;
  schemas: string;
  options: GenerateOptions;
  /** Consumer files beside the tree (the README example needs the client; both name camelCase properties). */
  consumers: readonly string[];
  runs: Run[];
}

/** Every configuration with every version, declaration files checked: the full matrix. */
const everyRun: Run[] = ALL.map((config) => ({ config, versions: EVERY, libCheck: true }));

const cases: TreeCase[] = [
  {
    label: 'embedded set',
    schemas: EMBEDDED_SCHEMAS_DIR,
    options: {},
    consumers: CONSUMER_FILES,
    runs: FULL
      ? everyRun
      : [
          ...ALL.map((config) => ({ config, versions: VERSION_SENSITIVE.includes(config) ? BOTH : TS7, libCheck: config === 'everything' })),
          { config: 'strictest', versions: [OLDEST_TYPESCRIPT], libCheck: true },
          { config: 'commonjs-node10', versions: [OLDEST_TYPESCRIPT], libCheck: false },
        ],
  },
  {
    label: 'embedded set, --naming xml --integers bigint',
    schemas: EMBEDDED_SCHEMAS_DIR,
    options: { naming: 'xml', integers: 'bigint' },
    consumers: [],
    runs: FULL ? everyRun : [{ config: 'everything', versions: BOTH, libCheck: false }],
  },
  {
    label: 'embedded set, --no-client',
    schemas: EMBEDDED_SCHEMAS_DIR,
    options: { client: false },
    consumers: SEEDS_ONLY,
    runs: FULL ? everyRun : [{ config: 'everything', versions: TS7, libCheck: false }],
  },
  {
    label: 'real Plesk set',
    schemas: REAL_SCHEMAS_DIR,
    options: {},
    consumers: CONSUMER_FILES,
    runs: FULL ? everyRun : [{ config: 'everything', versions: TS7, libCheck: false }],
  },
];

describe('the compilers of the matrix', () => {
  it.each([
    { name: 'TypeScript 7', version: /^Version 7\./ },
    { name: 'TypeScript 5.9', version: /^Version 5\.9\./ },
    { name: 'TypeScript 5.0', version: /^Version 5\.0\./ },
  ])('$name is the version it is named after', ({ name, version }) => {
    const [command, ...args] = EVERY.find((v) => v.name === name)!.command;
    expect(spawnSync(command, [...args, '-v'], { encoding: 'utf8' }).stdout.trim()).toMatch(version);
  });

  it("leaves the repository's own tsc (node_modules/.bin) at TypeScript 7", () => {
    // An npm alias (`typescript-5@npm:typescript@5`) would link its bin as `tsc` there too.
    const run = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-v'], { encoding: 'utf8' });
    expect(run.stdout.trim()).toMatch(/^Version 7\./);
  });
});

describe.each(cases)('a consumer of the $label', ({ schemas, options, consumers, runs }) => {
  let tree: string;
  let projects: ReturnType<typeof createConsumerProjects>;
  let parent: string;
  beforeAll(() => {
    tree = generateToTemp(schemas, options);
    parent = join(tree, '..', 'consumers');
    projects = createConsumerProjects(parent, tree, consumers);
  });
  afterAll(() => {
    rmSync(parent, { recursive: true, force: true });
    removeTemp(tree);
  });

  const table = runs.flatMap(({ config, versions, libCheck }) => {
    const found = CONSUMER_CONFIGS.find((c) => c.name === config)!;
    return versions.filter((ts) => supports(found, ts)).map((ts) => ({ config: found, ts, libCheck, lib: libCheck ? 'declaration files checked' : 'skipLibCheck' }));
  });
  it.each(table)('compiles clean: $config.name ($config.what), $ts.name, $lib', ({ config, ts, libCheck }) => {
    expect(compileConsumer(projects[config.packageType], config, ts, libCheck)).toBe('');
  });
});
