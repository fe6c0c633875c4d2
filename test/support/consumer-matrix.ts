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
  { name: 'preserve', what: 'moduleResolution Bundler, module Preserve', packageType: 'module', compilerOptions: { module: 'Preserve', moduleResolution: 'Bundler', strict: true } },
  { name: 'commonjs', what: 'a CommonJS project (no "type": "module"), module NodeNext', packageType: 'commonjs', compilerOptions: { ...NODE, strict: true } },
  { name: 'verbatim', what: 'verbatimModuleSyntax + isolatedModules', packageType: 'module', compilerOptions: { ...NODE, strict: true, verbatimModuleSyntax: true, isolatedModules: true } },
  { name: 'erasable', what: 'erasableSyntaxOnly (Node type stripping)', packageType: 'module', compilerOptions: { ...NODE, strict: true, erasableSyntaxOnly: true } },
  { name: 'isolated-declarations', what: 'isolatedDeclarations (with declaration)', packageType: 'module', compilerOptions: { ...NODE, strict: true, declaration: true, isolatedDeclarations: true } },
  { name: 'strictest', what: 'strict plus every stricter flag', packageType: 'module', compilerOptions: { ...NODE, ...STRICTEST_FLAGS } },
  {
    name: 'everything',
    what: 'the strictest flags with verbatimModuleSyntax, erasableSyntaxOnly and isolatedDeclarations, default lib',
    packageType: 'module',
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', ...STRICTEST_FLAGS, verbatimModuleSyntax: true, isolatedModules: true, erasableSyntaxOnly: true, declaration: true, isolatedDeclarations: true },
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
