// The generate and check commands, run in-process: the committed tree is up to date, a stale
// tree is reported file by file, and a broken schema set stops with every error (file, line,
// name), exit code 1, and the existing output untouched.
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type CommandIo } from '../../generator/cli.js';
import { EMBEDDED_SCHEMAS_DIR, REPO_ROOT } from '../support/seeds.js';
import { SCRATCH_DIR } from '../support/tree.js';
import { mkdirSync } from 'node:fs';

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

const COMMITTED = join(REPO_ROOT, 'generated', '1.6.9.1');
const BROKEN = join(REPO_ROOT, 'test', 'fixtures', 'broken-set');

function scratch(): string {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  return mkdtempSync(join(SCRATCH_DIR, 'cmd-'));
}

describe('plesk-codegen check', () => {
  it('finds the committed generated/1.6.9.1 up to date with schemas/1.6.9.1', async () => {
    const io = capture();
    const code = await main(['check', '--schemas', EMBEDDED_SCHEMAS_DIR, '--out', COMMITTED], io);
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
  });

  it('lists changed, missing and extra files of a stale tree and exits 1', async () => {
    const dir = scratch();
    try {
      const out = join(dir, 'tree');
      cpSync(COMMITTED, out, { recursive: true });
      writeFileSync(join(out, 'request.ts'), '// edited by hand\n');
      rmSync(join(out, 'response.ts'));
      writeFileSync(join(out, 'stray.ts'), 'export {};\n');
      const io = capture();
      const code = await main(['check', '--schemas', EMBEDDED_SCHEMAS_DIR, '--out', out], io);
      expect(code).toBe(1);
      expect(io.stderr).toContain('changed: request.ts');
      expect(io.stderr).toContain('missing: response.ts');
      expect(io.stderr).toContain('extra:   stray.ts');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('plesk-codegen generate', () => {
  it('writes a tree that check then accepts', async () => {
    const dir = scratch();
    try {
      const out = join(dir, 'tree');
      expect(await main(['generate', '--schemas', EMBEDDED_SCHEMAS_DIR, '--out', out], capture())).toBe(0);
      expect(await main(['check', '--schemas', EMBEDDED_SCHEMAS_DIR, '--out', out], capture())).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports every schema error with file, line and name, exits 1 and leaves the output untouched', async () => {
    const dir = scratch();
    try {
      const out = join(dir, 'tree');
      expect(await main(['generate', '--schemas', EMBEDDED_SCHEMAS_DIR, '--out', out], capture())).toBe(0);
      const before = readFileSync(join(out, 'index.ts'), 'utf8');
      const io = capture();
      const code = await main(['generate', '--schemas', BROKEN, '--out', out], io);
      expect(code).toBe(1);
      expect(io.stderr).toMatch(/agent_input\.xsd:7: .*ServerOperatorType/);
      expect(io.stderr).toMatch(/agent_output\.xsd:4: .*missing_output\.xsd/);
      expect(io.stderr).toMatch(/agent_output\.xsd:8: .*resultTyp/);
      expect(io.stderr).toContain('nothing was written');
      expect(readFileSync(join(out, 'index.ts'), 'utf8')).toBe(before);
      expect(existsSync(join(out, 'request.ts'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file when a set declares no <packet>, and writes nothing', async () => {
    const dir = scratch();
    try {
      const out = join(dir, 'tree');
      const io = capture();
      expect(await main(['generate', '--schemas', join(REPO_ROOT, 'test', 'fixtures', 'no-packet'), '--out', out], io)).toBe(1);
      expect(io.stderr).toMatch(/agent_output\.xsd:1: no global element "packet"/);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains its flags and refuses bad ones', async () => {
    const help = capture();
    expect(await main(['generate', '--help'], help)).toBe(0);
    expect(help.stdout).toContain('--naming camel|xml');
    const bad = capture();
    expect(await main(['generate', '--schemas', 'x', '--out', 'y', '--naming', 'snake'], bad)).toBe(2);
    expect(bad.stderr).toContain('--naming must be camel or xml');
  });
});
