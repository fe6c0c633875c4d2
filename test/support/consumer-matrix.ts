/**
 * The consumer compile matrix: a generated tree placed in a consumer's project the way a user
 * places it (`src/plesk/`, next to the consumer's own files), type-checked under each tsconfig
 * a consumer commonly has, with TypeScript 7 (the repository's `typescript`) and 5.9 (the
 * workspace `tools/typescript-5`, which keeps its `tsc` out of the root `node_modules/.bin`).
 *
 * `skipLibCheck` is off (except where the caller chooses a cheaper run), so the runtime
 * package's declaration files are checked like the tree's own sources: a consumer who turns it
 * on must not be hiding our errors. A diagnostic anywhere fails the configuration.
 *
 * Used by `test/consumer/matrix.test.ts` (a part in `npm test`, the whole with
 * `CONSUMER_MATRIX=full` from `.ci/run`).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT } from './seeds.js';
import { checkEveryModule } from './tree.js';

export interface ConsumerConfig {
  /** Short name, used in test titles and file names. */
  name: string;
  /** What kind of project it stands for. */
  what: string;
  /** The consumer package's `type` (a CommonJS project has none, or `commonjs`). */
  packageType: 'module' | 'commonjs';
  compilerOptions: Record<string, unknown>;
  /**
   * The oldest TypeScript 5 that knows every option of the configuration (`module: Preserve` 5.4,
   * `isolatedDeclarations` 5.5, `erasableSyntaxOnly` 5.8; a CommonJS project with NodeNext 5.8,
   * the first to let it import an ES module, as Node 20.19+ does); absent: 5.0.
   */
  since?: string;
  /** Only for TypeScript 5 (TypeScript 7 removed `moduleResolution: Node10`). */
  typescript5Only?: true;
}

/** Every flag that makes TypeScript stricter than `strict`, as the strictest consumers set them. */
export const STRICTEST_FLAGS = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitReturns: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  allowUnreachableCode: false,
  allowUnusedLabels: false,
} as const;

const NODE = { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'] } as const;

export const CONSUMER_CONFIGS: readonly ConsumerConfig[] = [
  { name: 'node', what: 'Node: lib ES2023, module NodeNext, strict', packageType: 'module', compilerOptions: { ...NODE, strict: true } },
  { name: 'dom', what: 'default lib (DOM included), module NodeNext', packageType: 'module', compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } },
  { name: 'bundler', what: 'moduleResolution Bundler, module ESNext, default lib', packageType: 'module', compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } },
  { name: 'preserve', what: 'moduleResolution Bundler, module Preserve', packageType: 'module', compilerOptions: { module: 'Preserve', moduleResolution: 'Bundler', strict: true }, since: '5.4' },
  { name: 'commonjs', what: 'a CommonJS project (no "type": "module"), module NodeNext', packageType: 'commonjs', compilerOptions: { ...NODE, strict: true }, since: '5.8' },
  {
    name: 'commonjs-node10',
    what: 'a CommonJS project, module CommonJS with moduleResolution Node10 (TypeScript 5)',
    packageType: 'commonjs',
    compilerOptions: { module: 'CommonJS', moduleResolution: 'Node10', strict: true },
    typescript5Only: true,
  },
  { name: 'verbatim', what: 'verbatimModuleSyntax + isolatedModules', packageType: 'module', compilerOptions: { ...NODE, strict: true, verbatimModuleSyntax: true, isolatedModules: true } },
  { name: 'erasable', what: 'erasableSyntaxOnly (Node type stripping)', packageType: 'module', compilerOptions: { ...NODE, strict: true, erasableSyntaxOnly: true }, since: '5.8' },
  { name: 'isolated-declarations', what: 'isolatedDeclarations (with declaration)', packageType: 'module', compilerOptions: { ...NODE, strict: true, declaration: true, isolatedDeclarations: true }, since: '5.5' },
  { name: 'strictest', what: 'strict plus every stricter flag', packageType: 'module', compilerOptions: { ...NODE, ...STRICTEST_FLAGS } },
  {
    name: 'older-targets',
    what: 'target and lib ES2020, useDefineForClassFields off',
    packageType: 'module',
    compilerOptions: { ...NODE, strict: true, target: 'ES2020', lib: ['ES2020'], useDefineForClassFields: false },
  },
  {
    name: 'everything',
    what: 'the strictest flags with verbatimModuleSyntax, erasableSyntaxOnly and isolatedDeclarations, default lib',
    packageType: 'module',
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', ...STRICTEST_FLAGS, verbatimModuleSyntax: true, isolatedModules: true, erasableSyntaxOnly: true, declaration: true, isolatedDeclarations: true },
    since: '5.8',
  },
];

export interface TypeScriptVersion {
  name: string;
  /** Command and leading arguments that run this version's tsc. */
  command: [string, ...string[]];
}

/** The `bin/tsc` of the `typescript` package that `fromPackage` (a package.json) resolves. */
function tscOf(fromPackage: string): string {
  return join(dirname(createRequire(fromPackage).resolve('typescript/package.json')), 'bin', 'tsc');
}

export const TYPESCRIPT_VERSIONS: readonly TypeScriptVersion[] = [
  { name: 'TypeScript 7', command: [process.execPath, tscOf(join(REPO_ROOT, 'package.json'))] },
  { name: 'TypeScript 5.9', command: [process.execPath, tscOf(join(REPO_ROOT, 'tools', 'typescript-5', 'package.json'))] },
];

/** The oldest TypeScript the README says the trees compile with (the workspace `tools/typescript-5.0`): not in the benchmark's versions. */
export const OLDEST_TYPESCRIPT: TypeScriptVersion = { name: 'TypeScript 5.0', command: [process.execPath, tscOf(join(REPO_ROOT, 'tools', 'typescript-5.0', 'package.json'))] };

/** Whether `ts` knows every option of `config` (see `ConsumerConfig.since`). */
export function supports(config: ConsumerConfig, ts: TypeScriptVersion): boolean {
  const version = /^TypeScript (\d+)(?:\.(\d+))?/.exec(ts.name);
  if (version === null) throw new Error(`unreachable: a TypeScript version named ${ts.name}`);
  const [major, minor] = [Number(version[1]), Number(version[2] ?? 0)];
  if (major >= 7) return config.typescript5Only !== true;
  const [sinceMajor, sinceMinor] = (config.since ?? '5.0').split('.').map(Number) as [number, number];
  return major > sinceMajor || (major === sinceMajor && minor >= sinceMinor);
}

/** The README's example and the seed-packet consumer: copied next to the tree in every project. */
export const CONSUMER_FILES = [join(REPO_ROOT, 'test', 'fixtures', 'consumer', 'readme.check.ts'), join(REPO_ROOT, 'test', 'fixtures', 'consumer', 'seeds.check.ts')];

/**
 * Creates a consumer project under `parent` for each package type: `src/plesk/` holds a copy of
 * the tree, `src/` the consumer files (their `../` imports pointed at `./plesk/`). The project
 * lives inside the repository, so `plesk-api-codegen-runtime` and `@types/node` resolve from its
 * node_modules as they would from a consumer's. Returns the project folder per package type.
 *
 * The copy's descriptor modules lose their `@ts-nocheck` line (`checkEveryModule`), so the matrix
 * checks them under every configuration too; `asShipped` keeps the tree exactly as generated
 * (what a consumer's tsc sees: bench/consumer-tsc.bench.ts).
 */
export function createConsumerProjects(
  parent: string,
  treeDir: string,
  consumerFiles: readonly string[] = CONSUMER_FILES,
  asShipped = false,
): Record<ConsumerConfig['packageType'], string> {
  mkdirSync(parent, { recursive: true });
  const projects = {} as Record<ConsumerConfig['packageType'], string>;
  for (const type of ['module', 'commonjs'] as const) {
    const dir = mkdtempSync(join(parent, `consumer-${type}-`));
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `consumer-${type}`, private: true, type }, null, 2)}\n`);
    cpSync(treeDir, join(dir, 'src', 'plesk'), { recursive: true });
    if (!asShipped) checkEveryModule(join(dir, 'src', 'plesk'));
    for (const file of consumerFiles) {
      const text = readFileSync(file, 'utf8').replace(/from '\.\.\//g, "from './plesk/");
      writeFileSync(join(dir, 'src', basename(file)), text);
    }
    projects[type] = dir;
  }
  return projects;
}

/**
 * Type-checks a consumer project under one configuration; returns tsc's diagnostics ('' when
 * clean). `libCheck: false` sets `skipLibCheck` (the tree's own `.ts` files are checked either
 * way; only declaration files, the runtime package's and `@types/node`, are skipped): a run
 * three times cheaper, for the configurations whose declaration files another run checks.
 */
export function compileConsumer(project: string, config: ConsumerConfig, ts: TypeScriptVersion, libCheck = true): string {
  const tsconfig = join(project, `tsconfig.${config.name}${libCheck ? '' : '.skiplib'}.json`);
  const compilerOptions = { target: 'ES2022', types: ['node'], skipLibCheck: !libCheck, noEmit: true, ...config.compilerOptions };
  writeFileSync(tsconfig, `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`);
  const [command, ...args] = ts.command;
  const run = spawnSync(command, [...args, '-p', tsconfig, '--pretty', 'false'], { encoding: 'utf8' });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.split(project).join('<project>').trim();
  if (run.status !== 0 && output === '') return `tsc exited with ${run.status ?? run.signal}`;
  return output;
}
