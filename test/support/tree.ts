/**
 * Generating trees into temporary folders and type-checking them with the project's tsc.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { generate, type GenerateOptions } from '../../generator/generate.js';
import { writeTree } from '../../generator/emit/write.js';
import { REPO_ROOT } from './seeds.js';

export const TSC = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');

/** Scratch space inside the repository (git-ignored), so generated trees resolve its node_modules. */
export const SCRATCH_DIR = join(REPO_ROOT, 'test', 'out');

/** Generates the bindings of `schemaDir` into a new temporary folder; returns it. */
export function generateToTemp(schemaDir: string, options: GenerateOptions = {}): string {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  const dir = mkdtempSync(join(SCRATCH_DIR, 'tree-'));
  const out = join(dir, 'tree');
  writeTree(out, generate(schemaDir, options).files);
  return out;
}

export function removeTemp(treeDir: string): void {
  rmSync(join(treeDir, '..'), { recursive: true, force: true });
}

/** The compiler options every type-check here starts from: a Node ESM project, strict. */
export const BASE_COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  lib: ['ES2023'],
  types: ['node'],
  strict: true,
  noEmit: true,
} as const;

/**
 * Writes `<dir>/tsconfig.json` (the base options with `compilerOptions` over them, and `files` or
 * `include` as given) and runs the project's tsc on it. Returns tsc's output: '' when clean.
 */
export function tscProject(dir: string, compilerOptions: Record<string, unknown>, scope: { files: string[] } | { include: string[] }): string {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...BASE_COMPILER_OPTIONS, ...compilerOptions }, ...scope }));
  try {
    execFileSync(TSC, ['-p', dir, '--pretty', 'false'], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message;
  }
}

/**
 * The line that spares a consumer's tsc the descriptor modules (templates/descriptors.ts.hbs:
 * their constants are declared with their types, so checking them adds nothing a consumer uses).
 */
export const NO_CHECK_LINE = '// @ts-nocheck\n';

/**
 * Removes `NO_CHECK_LINE` from every module under `dir` (a copy of a tree), so that a type-check
 * here covers the descriptors too: the generator's guarantee that they match the runtime's
 * descriptor types stays tested although consumers do not check them. Returns a function that
 * puts the lines back (for a tree that is checked against its manifest afterwards).
 */
export function checkEveryModule(dir: string): () => void {
  const changed: [string, string][] = [];
  const visit = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        const at = text.indexOf(NO_CHECK_LINE);
        if (at >= 0 && at === text.lastIndexOf(NO_CHECK_LINE)) {
          writeFileSync(path, text.slice(0, at) + text.slice(at + NO_CHECK_LINE.length));
          changed.push([path, text]);
        }
      }
    }
  };
  visit(dir);
  return () => changed.forEach(([path, text]) => writeFileSync(path, text));
}

/**
 * Type-checks a generated tree with `tsc --strict --noEmit` (descriptor modules included, see
 * `checkEveryModule`), plus extra consumer files copied
 * into `<tree>/__consumer__/`. Returns tsc's output ('' when clean).
 */
export function typecheck(treeDir: string, consumers: string[] = []): string {
  const restore = checkEveryModule(treeDir);
  try {
    return typecheckAsIs(treeDir, consumers);
  } finally {
    restore();
  }
}

function typecheckAsIs(treeDir: string, consumers: string[]): string {
  for (const file of consumers) {
    const target = join(treeDir, '__consumer__', basename(file));
    mkdirSync(join(treeDir, '__consumer__'), { recursive: true });
    copyFileSync(file, target);
  }
  return tscProject(treeDir, { skipLibCheck: true, noUnusedLocals: false }, { include: ['**/*.ts'] });
}
