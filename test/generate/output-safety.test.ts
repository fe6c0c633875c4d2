// --out is replaced only when plesk-codegen wrote it. Each refusal leaves every byte of the
// user's files in place (the whole folder is snapshotted before and compared after), exits 1
// and names the path and the reason; our own tree is replaced, files it no longer has removed,
// and nothing is left beside it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main, type CommandIo } from '../../generator/cli.js';
import { MANIFEST_FILE } from '../../generator/emit/write.js';
import { EMBEDDED_SCHEMAS_DIR } from '../support/seeds.js';
import { SCRATCH_DIR } from '../support/tree.js';

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

/** Every entry under `root`: files with their bytes (base64), links with their target, folders. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(root, path);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) out[rel] = `link:${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        out[`${rel}/`] = 'dir';
        walk(path);
      } else out[rel] = readFileSync(path).toString('base64');
    }
  };
  walk(root);
  return out;
}

let dir: string;
beforeEach(() => {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  dir = mkdtempSync(join(SCRATCH_DIR, 'safety-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function generate(out: string, extra: string[] = []): Promise<{ code: number; stderr: string; stdout: string }> {
  const io = capture();
  const code = await main(['generate', '--schemas', EMBEDDED_SCHEMAS_DIR, '--out', out, ...extra], io);
  return { code, stderr: io.stderr, stdout: io.stdout };
}

/** Runs generate against `out` inside `dir` and expects a refusal that changes nothing under `dir`. */
async function expectRefused(out: string, reason: RegExp): Promise<void> {
  const before = snapshot(dir);
  const { code, stderr, stdout } = await generate(out);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toContain(out);
  expect(stderr).toMatch(reason);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(snapshot(dir)).toEqual(before);
}

describe('generate refuses an --out it did not write', () => {
  it('a project folder (package.json, sources)', async () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "mine", "version": "1.0.0" }\n');
    writeFileSync(join(project, 'src', 'index.ts'), 'export const answer = 42;\n');
    await expectRefused(project, /looks like a project folder \(it has package\.json\).*nothing was changed/);
  });

  it('a regular file', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'my notes\n');
    await expectRefused(file, /is a file, not a folder/);
  });

  it('a path below a regular file', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'my notes\n');
    await expectRefused(join(dir, 'notes.txt', 'plesk'), /cannot be created: .*notes\.txt is a file/);
  });

  it('a non-empty folder without a manifest', async () => {
    const folder = join(dir, 'stuff');
    mkdirSync(join(folder, 'deep'), { recursive: true });
    writeFileSync(join(folder, 'a.bin'), Buffer.from([0, 1, 2, 255]));
    writeFileSync(join(folder, 'deep', 'b.txt'), 'b\n');
    await expectRefused(folder, /is not empty and was not written by plesk-codegen \(no plesk-codegen\.manifest\.json; it holds a\.bin, deep\)/);
  });

  it('our own tree holding a file its manifest does not list', async () => {
    const tree = join(dir, 'tree');
    expect((await generate(tree)).code).toBe(0);
    writeFileSync(join(tree, 'my-helpers.ts'), 'export const mine = 1;\n');
    mkdirSync(join(tree, 'testing', 'extra'));
    await expectRefused(tree, /also holds files its manifest does not list: my-helpers\.ts, testing\/extra\//);
  });

  it('a tree whose manifest is not ours', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    writeFileSync(join(tree, MANIFEST_FILE), '{ "generator": "something-else", "files": [] }\n');
    writeFileSync(join(tree, 'index.ts'), 'export {};\n');
    await expectRefused(tree, /is not a plesk-codegen manifest/);
  });

  it('a manifest that lists paths outside the tree', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    writeFileSync(join(tree, MANIFEST_FILE), JSON.stringify({ generator: 'plesk-api-codegen', version: '0.0.0', files: ['../outside.txt'] }));
    writeFileSync(join(dir, 'outside.txt'), 'keep me\n');
    await expectRefused(tree, /"files" must list the tree's files as relative paths/);
  });

  it('a symbolic link', async () => {
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    await expectRefused(join(dir, 'link'), /is a symbolic link/);
  });

  it('the current folder and the folders above it', async () => {
    const work = join(dir, 'work');
    mkdirSync(work);
    writeFileSync(join(work, 'package.json'), '{}\n');
    const cwd = process.cwd();
    process.chdir(work);
    try {
      await expectRefused('.', /is the current folder/);
      await expectRefused('..', /is a folder above the current folder/);
    } finally {
      process.chdir(cwd);
    }
  });

  it('a folder holding the schemas it reads', async () => {
    const before = snapshot(dir);
    const io = capture();
    expect(await main(['generate', '--schemas', join(EMBEDDED_SCHEMAS_DIR), '--out', join(EMBEDDED_SCHEMAS_DIR, '..')], io)).toBe(1);
    expect(io.stderr).toMatch(/contains .*1\.6\.9\.1, which this run reads/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('generate writes and replaces its own trees', () => {
  it('writes into a missing or an empty folder, with a manifest listing every file', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect((await generate(empty)).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(empty, MANIFEST_FILE), 'utf8'));
    const files = Object.keys(snapshot(empty)).filter((p) => !p.endsWith('/') && p !== MANIFEST_FILE).sort();
    expect(manifest.files).toEqual(files);
    expect(manifest.generator).toBe('plesk-api-codegen');
    expect(manifest.schemas.source).toBe(relative(empty, EMBEDDED_SCHEMAS_DIR));
    expect(manifest.schemas.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await generate(join(dir, 'missing', 'deeper'))).code).toBe(0);
  });

  it('regenerates over its own tree, drops files the new tree lacks, leaves nothing beside it', async () => {
    const tree = join(dir, 'tree');
    writeFileSync(join(dir, '.tree.tmp-1'), 'a user file with a name like a temporary one\n');
    expect((await generate(tree)).code).toBe(0);
    expect(readdirSync(tree)).toContain('client.ts');
    const beside = readdirSync(dir).sort();
    const { code, stdout } = await generate(tree, ['--no-client', '--naming', 'xml']);
    expect(code).toBe(0);
    expect(stdout).toContain('Wrote');
    expect(readdirSync(tree)).not.toContain('client.ts');
    expect(readdirSync(dir).sort()).toEqual(beside);
    expect(readFileSync(join(dir, '.tree.tmp-1'), 'utf8')).toContain('a user file');
    const manifest = JSON.parse(readFileSync(join(tree, MANIFEST_FILE), 'utf8'));
    expect(manifest.options).toEqual({ client: false, naming: 'xml' });
  });

  it('keeps the tree as it was when the schemas are broken', async () => {
    const tree = join(dir, 'tree');
    expect((await generate(tree)).code).toBe(0);
    const before = snapshot(dir);
    const io = capture();
    expect(await main(['generate', '--schemas', join(EMBEDDED_SCHEMAS_DIR, '..', '..', 'test', 'fixtures', 'broken-set'), '--out', tree], io)).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('check --out alone', () => {
  it('regenerates with the manifest\'s schemas and options', async () => {
    const tree = join(dir, 'tree');
    expect((await generate(tree, ['--integers', 'bigint', '--no-client'])).code).toBe(0);
    const io = capture();
    expect(await main(['check', '--out', tree], io)).toBe(0);
    expect(io.stdout).toContain('is up to date');
    writeFileSync(join(tree, 'index.ts'), '// edited\n');
    const stale = capture();
    expect(await main(['check', '--out', tree], stale)).toBe(1);
    expect(stale.stderr).toContain('changed: index.ts');
  });

  it('says when another generator version wrote the tree', async () => {
    const tree = join(dir, 'tree');
    expect((await generate(tree)).code).toBe(0);
    const file = join(tree, MANIFEST_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"version": "[^"]*"/, '"version": "0.0.1-old"'));
    const io = capture();
    expect(await main(['check', '--out', tree], io)).toBe(1);
    expect(io.stderr).toContain('changed: plesk-codegen.manifest.json');
    expect(io.stderr).toMatch(/was written by plesk-codegen 0\.0\.1-old; this is \d+\.\d+\.\d+/);
  });

  it('says in one line that a missing folder cannot be checked', async () => {
    const io = capture();
    expect(await main(['check', '--out', join(dir, 'nothing')], io)).toBe(1);
    expect(io.stderr.trim().split('\n')).toEqual([`plesk-codegen: ${join(dir, 'nothing')}: no such folder; nothing to check (run plesk-codegen generate first)`]);
  });

  it('names the missing schema source the manifest records', async () => {
    const tree = join(dir, 'tree');
    expect((await generate(tree)).code).toBe(0);
    const file = join(tree, MANIFEST_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"source": "[^"]*"/, '"source": "../gone"'));
    const io = capture();
    expect(await main(['check', '--out', tree], io)).toBe(1);
    expect(io.stderr).toContain(`${join(tree, '..', 'gone')}: no such file or folder`);
    expect(io.stderr).toContain('$.schemas.source');
  });
});
