/**
 * The consumer compile matrix (see `test/support/consumer-matrix.ts`): generated trees, with the
 * README's example and the seed-packet consumer beside them, type-check without a diagnostic
 * under every common consumer configuration, with TypeScript 7 and 5.9, `skipLibCheck` off.
 *
 * `npm test` runs the cheap and most informative part: the embedded tree (with the default
 * options, with `--naming xml --integers bigint`, and with `--no-client`) under every
 * configuration and both versions, and the real tree under the configurations where its size
 * matters (`strictest`, `everything`) with TypeScript 7. `CONSUMER_MATRIX=full` (set by
 * `.ci/run`) runs the real tree under every configuration with both versions as well.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerateOptions } from '../../generator/generate.js';
import { CONSUMER_CONFIGS, CONSUMER_FILES, TYPESCRIPT_VERSIONS, compileConsumer, createConsumerProjects } from '../support/consumer-matrix.js';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { generateToTemp, removeTemp } from '../support/tree.js';

const FULL = process.env.CONSUMER_MATRIX === 'full';
const TS7 = TYPESCRIPT_VERSIONS.filter((v) => v.name === 'TypeScript 7');

interface TreeCase {
  label: string;
  schemas: string;
  options: GenerateOptions;
  configs: readonly string[];
  versions: typeof TYPESCRIPT_VERSIONS;
  /** Consumer files beside the tree (the README example needs the client; both name camelCase properties). */
  consumers: readonly string[];
}

const ALL = CONSUMER_CONFIGS.map((c) => c.name);
const SEEDS_ONLY = CONSUMER_FILES.filter((f) => f.endsWith('seeds.check.ts'));
const cases: TreeCase[] = [
  { label: 'embedded set', schemas: EMBEDDED_SCHEMAS_DIR, options: {}, configs: ALL, versions: TYPESCRIPT_VERSIONS, consumers: CONSUMER_FILES },
  { label: 'embedded set, --naming xml --integers bigint', schemas: EMBEDDED_SCHEMAS_DIR, options: { naming: 'xml', integers: 'bigint' }, configs: ['strictest', 'everything'], versions: TYPESCRIPT_VERSIONS, consumers: [] },
  { label: 'embedded set, --no-client', schemas: EMBEDDED_SCHEMAS_DIR, options: { client: false }, configs: ['strictest', 'everything', 'dom'], versions: TYPESCRIPT_VERSIONS, consumers: SEEDS_ONLY },
  FULL
    ? { label: 'real Plesk set', schemas: REAL_SCHEMAS_DIR, options: {}, configs: ALL, versions: TYPESCRIPT_VERSIONS, consumers: CONSUMER_FILES }
    : { label: 'real Plesk set', schemas: REAL_SCHEMAS_DIR, options: {}, configs: ['strictest', 'everything'], versions: TS7, consumers: CONSUMER_FILES },
];

describe.each(cases)('a consumer of the $label', ({ schemas, options, configs, versions, consumers }) => {
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

  const runs = CONSUMER_CONFIGS.filter((c) => configs.includes(c.name)).flatMap((config) => versions.map((ts) => ({ config, ts })));
  it.each(runs)('compiles clean: $config.name ($config.what), $ts.name', ({ config, ts }) => {
    expect(compileConsumer(projects[config.packageType], config, ts)).toBe('');
  });
});
