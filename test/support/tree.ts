/**
 * Generating trees into temporary folders and type-checking them with the project's tsc.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
 * Type-checks a generated tree with `tsc --strict --noEmit`, plus extra consumer files copied
 * into `<tree>/__consumer__/`. Returns tsc's output ('' when clean).
 */
export function typecheck(treeDir: string, consumers: string[] = []): string {
  for (const file of consumers) {
    const target = join(treeDir, '__consumer__', basename(file));
    mkdirSync(join(treeDir, '__consumer__'), { recursive: true });
    copyFileSync(file, target);
  }
  return tscProject(treeDir, { skipLibCheck: true, noUnusedLocals: false }, { include: ['**/*.ts'] });
}
