// writeTree's failure paths, with node:fs made to fail at chosen calls: a write failing half-way
// leaves the old tree as it was and nothing beside it; a failing swap puts the old tree back; a
// file that appears in the old tree during the write is never deleted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as realFs from 'node:fs';
import { join } from 'node:path';
import { SCRATCH_DIR } from '../support/tree.js';

const failures = vi.hoisted(() => ({ writeFileSync: -1, renameSync: -1, afterRename: undefined as undefined | (() => void) }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  let writes = 0;
  let renames = 0;
  return {
    ...fs,
    writeFileSync: (...args: Parameters<typeof fs.writeFileSync>) => {
      if (failures.writeFileSync >= 0 && writes++ === failures.writeFileSync) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return fs.writeFileSync(...args);
    },
    renameSync: (...args: Parameters<typeof fs.renameSync>) => {
      if (failures.renameSync >= 0 && renames++ === failures.renameSync) throw Object.assign(new Error('EXDEV: cross-device link not permitted, rename'), { code: 'EXDEV' });
      fs.renameSync(...args);
      failures.afterRename?.();
    },
  };
});

const { writeTree, MANIFEST_FILE } = await import('../../generator/emit/write.js');

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string): void => {
    for (const name of realFs.readdirSync(dir).sort()) {
      const path = join(dir, name);
      const r = rel === '' ? name : `${rel}/${name}`;
      if (realFs.statSync(path).isDirectory()) walk(path, r);
      else out[r] = realFs.readFileSync(path, 'utf8');
    }
  };
  walk(root, '');
  return out;
}

const files = (tag: string) => new Map(Array.from({ length: 6 }, (_, i) => [`sub${i % 2}/file${i}.ts`, `// ${tag} ${i}\n`]));

let dir: string;
let tree: string;
beforeEach(() => {
  realFs.mkdirSync(SCRATCH_DIR, { recursive: true });
  dir = realFs.mkdtempSync(join(SCRATCH_DIR, 'failures-'));
  tree = join(dir, 'tree');
  writeTree(tree, files('old'));
  realFs.writeFileSync(join(dir, 'neighbour.txt'), 'the user\'s\n');
  Object.assign(failures, { writeFileSync: -1, renameSync: -1, afterRename: undefined });
});
afterEach(() => {
  Object.assign(failures, { writeFileSync: -1, renameSync: -1, afterRename: undefined });
  realFs.rmSync(dir, { recursive: true, force: true });
});

describe('writeTree on failure', () => {
  it('a write failing half-way leaves the old tree and nothing beside it', () => {
    const before = snapshot(dir);
    failures.writeFileSync = 3;
    expect(() => writeTree(tree, files('new'))).toThrow(/ENOSPC/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a failing swap puts the old tree back', () => {
    const before = snapshot(dir);
    failures.renameSync = 1; // the first rename moves the old tree aside, the second brings the new one
    expect(() => writeTree(tree, files('new'))).toThrow(/EXDEV/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('keeps a file that appears in the old tree during the write, and says where it is', () => {
    failures.afterRename = () => {
      failures.afterRename = undefined;
      // The old tree has just been moved into the staging folder: someone writes into it.
      const stage = realFs.readdirSync(dir).find((n) => n.startsWith('.tree.plesk-codegen-'))!;
      realFs.writeFileSync(join(dir, stage, 'old', 'sub0', 'late.txt'), 'written meanwhile\n');
    };
    const result = writeTree(tree, files('new'));
    expect(result.leftover).toBeDefined();
    expect(realFs.readFileSync(join(result.leftover!, 'sub0', 'late.txt'), 'utf8')).toBe('written meanwhile\n');
    expect(snapshot(tree)[MANIFEST_FILE]).toBeDefined();
    expect(snapshot(tree)['sub0/file0.ts']).toBe('// new 0\n');
  });
});
