// Broken copies of the real Plesk schema set, made at run time in a temporary folder (the set
// itself is read by path, never copied into the repository). Every case must end in messages
// with file:line, exit 1, no stack trace, and an existing output left byte for byte as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main, type CommandIo } from '../../generator/cli.js';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { SCRATCH_DIR } from '../support/tree.js';

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(root, path), readFileSync(path, 'base64'));
    }
  };
  walk(root);
  return out;
}

/** Replaces the first `find` in `file` of the copy; fails the test when it is not there (the case would test nothing). */
function edit(dir: string, file: string, find: string | RegExp, replace: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(find, replace);
  if (next === text) throw new Error(`broken-set case: ${String(find)} not found in ${file}`);
  writeFileSync(path, next);
}

interface Case {
  name: string;
  breakIt: (dir: string) => void;
  /** A message line that must appear (file:line: …), as a pattern; a function of the broken copy's folder when the line must be exact. */
  want: RegExp | ((dir: string) => RegExp);
}

/** The 1-based line of the first `text` in `file` of the copy. */
function lineOf(dir: string, file: string, text: string): number {
  const content = readFileSync(join(dir, file), 'utf8');
  const at = content.indexOf(text);
  if (at < 0) throw new Error(`${text} not in ${file}`);
  return content.slice(0, at).split('\n').length;
}

const CASES: Case[] = [
  { name: 'undefined type', breakIt: (d) => edit(d, 'aps.xsd', 'type="resultType"', 'type="noSuchType"'), want: /aps\.xsd:\d+: .*noSuchType/ },
  { name: 'undefined base', breakIt: (d) => edit(d, 'server_input.xsd', 'base="xs:token"', 'base="NoSuchBase"'), want: /server_input\.xsd:\d+: .*NoSuchBase/ },
  { name: 'removed include', breakIt: (d) => unlinkSync(join(d, 'server_input.xsd')), want: /agent_input\.xsd:4: .*server_input\.xsd/ },
  {
    name: 'truncated file',
    breakIt: (d) => {
      const text = readFileSync(join(d, 'common.xsd'), 'utf8');
      writeFileSync(join(d, 'common.xsd'), text.slice(0, Math.floor(text.length / 2)));
    },
    want: /common\.xsd:\d+: malformed XML/,
  },
  { name: 'empty file', breakIt: (d) => writeFileSync(join(d, 'common.xsd'), ''), want: /common\.xsd:\d+: / },
  { name: 'binary garbage', breakIt: (d) => writeFileSync(join(d, 'common.xsd'), Buffer.from([0xff, 0xfe, 0, 1, 2, 0x3c])), want: /common\.xsd:\d+: / },
  { name: 'maxOccurs="-1"', breakIt: (d) => edit(d, 'server_input.xsd', 'maxOccurs="unbounded"', 'maxOccurs="-1"'), want: /server_input\.xsd:\d+: .*maxOccurs/ },
  { name: 'maxOccurs="x"', breakIt: (d) => edit(d, 'server_input.xsd', 'maxOccurs="unbounded"', 'maxOccurs="x"'), want: /server_input\.xsd:\d+: .*maxOccurs/ },
  { name: 'minOccurs="x"', breakIt: (d) => edit(d, 'server_input.xsd', 'minOccurs="0"', 'minOccurs="x"'), want: /server_input\.xsd:\d+: .*minOccurs/ },
  { name: 'minOccurs above maxOccurs', breakIt: (d) => edit(d, 'server_input.xsd', 'minOccurs="0" maxOccurs="1"', 'minOccurs="3" maxOccurs="1"'), want: /server_input\.xsd:\d+: .*(min|max)Occurs/ },
  {
    name: 'duplicate definition',
    breakIt: (d) => edit(d, 'server_input.xsd', '<xs:complexType name="GetKeyFilter">', '<xs:complexType name="GetKeyType"><xs:sequence/></xs:complexType>\n    <xs:complexType name="GetKeyFilter">'),
    want: /server_input\.xsd:\d+: .*GetKeyType/,
  },
  {
    name: 'invalid pattern facet',
    breakIt: (d) => edit(d, 'common.xsd', '<xs:maxLength value="255"/>', '<xs:pattern value="[a-"/>'),
    // At the facet's own line.
    want: (d) => new RegExp(`common\\.xsd:${lineOf(d, 'common.xsd', '<xs:pattern value="[a-"/>')}: invalid pattern facet .*\\[a-`),
  },
  { name: 'nillable="maybe"', breakIt: (d) => edit(d, 'backup.xsd', 'nillable="true"', 'nillable="maybe"'), want: /backup\.xsd:\d+: invalid value "maybe" of nillable/ },
  { name: 'a facet the type does not have', breakIt: (d) => edit(d, 'common.xsd', '<xs:maxLength value="255"/>', '<xs:minInclusive value="7"/>'), want: /common\.xsd:\d+: facet xs:minInclusive is not allowed/ },
  { name: 'a default that is not a value of its type', breakIt: (d) => edit(d, 'plesk_client.xsd', 'type="objectStatus" default="0"', 'type="objectStatus" default="none"'), want: /plesk_client\.xsd:48: default value "none" of element "status" is not valid: not an integer/ },
  { name: 'non-numeric length facet', breakIt: (d) => edit(d, 'common.xsd', '<xs:maxLength value="255"/>', '<xs:maxLength value="lots"/>'), want: /common\.xsd:\d+: .*maxLength/ },
  {
    name: 'unknown XSD element',
    breakIt: (d) => edit(d, 'server_input.xsd', /(<xs:complexType name="GetKeyFilter">\s*<xs:choice[^>]*>)/, '$1<xs:frobnicate/>'),
    want: /server_input\.xsd:\d+: .*frobnicate/,
  },
];

describe('generate with a broken copy of the real set', () => {
  let dir: string;
  let out: string;
  let before: Map<string, string>;

  beforeAll(async () => {
    mkdirSync(SCRATCH_DIR, { recursive: true });
    dir = mkdtempSync(join(SCRATCH_DIR, 'broken-'));
    out = join(dir, 'tree');
    expect(await main(['generate', '--schemas', EMBEDDED_SCHEMAS_DIR, '--out', out], capture())).toBe(0);
    before = snapshot(out);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CASES)('$name: file:line messages, exit 1, output untouched', async ({ name, breakIt, want }) => {
    const set = join(dir, name.replace(/\W+/g, '-'));
    cpSync(REAL_SCHEMAS_DIR, set, { recursive: true });
    breakIt(set);
    const io = capture();
    const code = await main(['generate', '--schemas', set, '--out', out], io);
    expect(code).toBe(1);
    expect(io.stdout).toBe('');
    expect(io.stderr).not.toMatch(/^\s+at /m);
    expect(io.stderr).not.toContain('internal error');
    const lines = io.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^\d+ schema errors?; nothing was written\.$/);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^\S+\.xsd:\d+: \S/);
    expect(io.stderr).toMatch(typeof want === 'function' ? want(set) : want);
    expect(snapshot(out)).toEqual(before);
  });
});
