// What --schemas accepts: one set's folder, a folder of version folders (as under a Plesk
// server's admin/htdocs/schemas/rpc), and Plesk's schemas.zip as it is. The zip and the versions
// folder are built at run time from the embedded set and the real set (read by path). Path
// problems are named as path problems, in one message.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { zipSync } from 'fflate';
import { main, type CommandIo } from '../../generator/cli.js';
import { MANIFEST_FILE } from '../../generator/emit/write.js';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { SCRATCH_DIR } from '../support/tree.js';

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

/** The files of `dir` as zip entries under `prefix`. */
function entries(dir: string, prefix: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, entries(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(path);
  }
  return out;
}

function manifestOf(tree: string): { schemas: { source: string; version?: string; digest: string }; options: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(tree, MANIFEST_FILE), 'utf8'));
}

let dir: string;
let zip: string;
let versions: string;
beforeAll(() => {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  dir = mkdtempSync(join(SCRATCH_DIR, 'sources-'));
  // Plesk's archive: one folder per protocol version (here under a top folder, as archives often have).
  zip = join(dir, 'schemas.zip');
  writeFileSync(zip, zipSync({ ...entries(EMBEDDED_SCHEMAS_DIR, 'schemas/1.6.9.1/'), ...entries(REAL_SCHEMAS_DIR, 'schemas/1.6.6.0/') }));
  versions = join(dir, 'rpc');
  cpSync(EMBEDDED_SCHEMAS_DIR, join(versions, '1.6.9.1'), { recursive: true });
  cpSync(REAL_SCHEMAS_DIR, join(versions, '1.6.6.0'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--schemas schemas.zip', () => {
  it('generates every version into its own folder, with the version as protocol version; check --out alone accepts them', async () => {
    const out = join(dir, 'from-zip');
    // Counted in a temporary folder of this test's own: other test files (each in its own
    // process) unpack archives into the shared one at the same time.
    const ownTmp = join(dir, 'tmp');
    mkdirSync(ownTmp);
    const sharedTmp = process.env.TMPDIR;
    process.env.TMPDIR = ownTmp;
    onTestFinished(() => {
      if (sharedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = sharedTmp;
    });
    expect(tmpdir()).toBe(ownTmp);
    const unpacked = () => readdirSync(ownTmp).filter((n) => n.startsWith('plesk-codegen-schemas-')).length;
    const before = unpacked();
    const io = capture();
    expect(await main(['generate', '--schemas', zip, '--out', out], io)).toBe(0);
    expect(io.stdout).toContain(`Wrote`);
    expect(readdirSync(out).sort()).toEqual(['1.6.6.0', '1.6.9.1']);
    for (const v of ['1.6.6.0', '1.6.9.1']) {
      expect(readFileSync(join(out, v, 'client.ts'), 'utf8')).toContain(`export const PROTOCOL_VERSION: string | undefined = '${v}';`);
      expect(manifestOf(join(out, v)).schemas).toMatchObject({ source: relative(join(out, v), zip), version: v });
    }
    const checked = capture();
    expect(await main(['check', '--out', out], checked)).toBe(0);
    expect(checked.stdout).toContain(`${join(out, '1.6.6.0')} is up to date`);
    expect(checked.stdout).toContain(`${join(out, '1.6.9.1')} is up to date`);
    expect(unpacked()).toBe(before); // the unpacked copies are gone
  });

  it('generates only the versions chosen, and names the ones it lacks', async () => {
    const out = join(dir, 'chosen');
    expect(await main(['generate', '--schemas', zip, '--out', out, '--versions', '1.6.9.1'], capture())).toBe(0);
    expect(readdirSync(out)).toEqual(['1.6.9.1']);
    const io = capture();
    expect(await main(['generate', '--schemas', zip, '--out', out, '--versions', '1.6.9.1,9.9'], io)).toBe(1);
    expect(io.stderr.trim()).toBe(`plesk-codegen: ${zip}: has no version folder 9.9 (it has 1.6.6.0, 1.6.9.1)`);
  });

  it('writes no version when the output of one is refused', async () => {
    const out = join(dir, 'half');
    mkdirSync(out);
    writeFileSync(join(out, '1.6.9.1'), 'a file of the user\'s\n');
    const io = capture();
    expect(await main(['generate', '--schemas', zip, '--out', out], io)).toBe(1);
    expect(io.stderr.trim()).toBe(`plesk-codegen: ${join(out, '1.6.9.1')}: is a file, not a folder; plesk-codegen writes a folder there and will not replace a file`);
    expect(readdirSync(out)).toEqual(['1.6.9.1']);
    expect(readFileSync(join(out, '1.6.9.1'), 'utf8')).toBe('a file of the user\'s\n');
  });

  it('names schema errors inside the archive by archive and path', async () => {
    const broken = join(dir, 'broken.zip');
    const files = entries(EMBEDDED_SCHEMAS_DIR, '1.6.9.1/');
    files['1.6.9.1/server_input.xsd'] = new TextEncoder().encode(new TextDecoder().decode(files['1.6.9.1/server_input.xsd']).replace(/type="[^"]*"/, 'type="Nope"'));
    writeFileSync(broken, zipSync(files));
    const io = capture();
    expect(await main(['generate', '--schemas', broken, '--out', join(dir, 'never')], io)).toBe(1);
    expect(io.stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}!/1\\.6\\.9\\.1/server_input\\.xsd:\\d+: reference to undefined type "Nope"`, 'm'));
  });

  it('refuses an archive with entries outside its folders, unpacking nothing', async () => {
    const evil = join(dir, 'evil.zip');
    writeFileSync(evil, zipSync({ ...entries(EMBEDDED_SCHEMAS_DIR, '1.6.9.1/'), '../../escaped.xsd': new TextEncoder().encode('<x/>') }));
    const io = capture();
    expect(await main(['generate', '--schemas', evil, '--out', join(dir, 'never')], io)).toBe(1);
    expect(io.stderr.trim()).toBe(`plesk-codegen: ${evil}: has entries outside the archive's own folders (../../escaped.xsd); refusing to unpack it`);
  });

  it('reads entries named ./1.6.9.1/…', async () => {
    const dotted = join(dir, 'dotted.zip');
    writeFileSync(dotted, zipSync(entries(EMBEDDED_SCHEMAS_DIR, './1.6.9.1/')));
    const out = join(dir, 'dotted');
    expect(await main(['generate', '--schemas', dotted, '--out', out], capture())).toBe(0);
    expect(readdirSync(out)).toEqual(['1.6.9.1']);
  });

  it('refuses a file that is not a zip, and a zip without schemas', async () => {
    const notZip = join(dir, 'notes.txt');
    writeFileSync(notZip, 'hello');
    const io = capture();
    expect(await main(['generate', '--schemas', notZip, '--out', join(dir, 'never')], io)).toBe(1);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toContain(`${notZip}: is a file, not a folder or a zip archive`);
    const empty = join(dir, 'empty.zip');
    writeFileSync(empty, zipSync({ 'README.txt': new TextEncoder().encode('nothing here') }));
    const io2 = capture();
    expect(await main(['generate', '--schemas', empty, '--out', join(dir, 'never')], io2)).toBe(1);
    expect(io2.stderr.trim()).toBe(`plesk-codegen: ${empty}: is a zip archive without agent_input.xsd or agent_output.xsd in any folder`);
  });
});

describe('--schemas with a folder of version folders', () => {
  it('generates every version or the ones chosen', async () => {
    const out = join(dir, 'from-folder');
    expect(await main(['generate', '--schemas', versions, '--out', out, '--versions', '1.6.9.1'], capture())).toBe(0);
    expect(readdirSync(out)).toEqual(['1.6.9.1']);
    expect(manifestOf(join(out, '1.6.9.1')).schemas).toMatchObject({ source: '../../rpc', version: '1.6.9.1' });
    expect(await main(['generate', '--schemas', versions, '--out', out], capture())).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['1.6.6.0', '1.6.9.1']);
    expect(await main(['check', '--out', out], capture())).toBe(0);
    expect(await main(['check', '--out', out, '--schemas', versions], capture())).toBe(0);
  });

  it('inspects one version', async () => {
    const io = capture();
    expect(await main(['inspect', '--schemas', versions, '--version', '1.6.9.1', '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout).sets).toHaveLength(2);
    const several = capture();
    expect(await main(['inspect', '--schemas', versions], several)).toBe(1);
    expect(several.stderr).toContain('holds several versions (1.6.6.0, 1.6.9.1)');
  });
});

describe('path problems are named as path problems, in one message', () => {
  const one = async (schemas: string): Promise<string> => {
    const io = capture();
    expect(await main(['generate', '--schemas', schemas, '--out', join(dir, 'never')], io)).toBe(1);
    const lines = io.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  it('a missing folder', async () => {
    expect(await one(join(dir, 'nope'))).toBe(`plesk-codegen: ${join(dir, 'nope')}: no such file or folder`);
  });

  it('a schema file where the folder is expected', async () => {
    expect(await one(join(versions, '1.6.9.1', 'agent_input.xsd'))).toMatch(/agent_input\.xsd: is a file, not a folder or a zip archive; --schemas takes a folder holding agent_input\.xsd and agent_output\.xsd/);
  });

  it('a folder without the root files', async () => {
    const empty = join(dir, 'empty-folder');
    mkdirSync(join(empty, 'sub'), { recursive: true });
    expect(await one(empty)).toBe(`plesk-codegen: ${empty}: holds neither agent_input.xsd nor agent_output.xsd, nor version folders holding them (such as 1.6.9.1/ in Plesk's schemas.zip or admin/htdocs/schemas/rpc)`);
  });

  it('a set holding only agent_input.xsd', async () => {
    const only = join(dir, 'only-input');
    mkdirSync(only);
    cpSync(join(REAL_SCHEMAS_DIR, 'agent_input.xsd'), join(only, 'agent_input.xsd'));
    expect(await one(only)).toMatch(/only-input: holds agent_input\.xsd but not agent_output\.xsd: an incomplete schema set/);
  });

  it('a set holding only its two root files', async () => {
    const roots = join(dir, 'roots-only');
    mkdirSync(roots);
    for (const f of ['agent_input.xsd', 'agent_output.xsd']) cpSync(join(REAL_SCHEMAS_DIR, f), join(roots, f));
    const io = capture();
    expect(await main(['generate', '--schemas', roots, '--out', join(dir, 'never')], io)).toBe(1);
    const lines = io.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/roots-only: incomplete schema set: 57 files its schemas include are missing \(aps\.xsd, .*the first include is at .*agent_input\.xsd:4\)/);
    expect(lines[1]).toBe('1 schema error; nothing was written.');
  });
});
