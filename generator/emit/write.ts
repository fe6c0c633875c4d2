/**
 * Writing a generated tree: all or nothing. Files go to a temporary folder beside the target,
 * which then replaces the target in two renames; on any failure the old tree stays as it was.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export function writeTree(outDir: string, files: Map<string, string>): void {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const temp = join(parent, `.${target.split(sep).pop()}.tmp-${process.pid}`);
  const old = join(parent, `.${target.split(sep).pop()}.old-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  try {
    for (const [path, content] of files) {
      const file = join(temp, ...path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    const hadOld = existsSync(target);
    if (hadOld) renameSync(target, old);
    try {
      renameSync(temp, target);
    } catch (error) {
      if (hadOld) renameSync(old, target);
      throw error;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

export interface TreeDifference {
  missing: string[];
  extra: string[];
  changed: string[];
}

/** How the tree on disk differs from the expected files. */
export function diffTree(outDir: string, files: Map<string, string>): TreeDifference {
  const root = resolve(outDir);
  const onDisk = new Set<string>();
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else onDisk.add(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [path, content] of files) {
    if (!onDisk.has(path)) missing.push(path);
    else if (readFileSync(join(root, ...path.split('/')), 'utf8') !== content) changed.push(path);
  }
  const extra = [...onDisk].filter((p) => !files.has(p)).sort();
  return { missing, extra, changed };
}
