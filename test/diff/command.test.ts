// plesk-codegen diff as a command: formats, exit codes for --fail-on, usage and schema errors.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { main, type CommandIo } from '../../generator/cli.js';
import { DIFF_FORMAT_VERSION, type DiffReport } from '../../generator/diff/index.js';
import { EMBEDDED_SCHEMAS_DIR, REPO_ROOT } from '../support/seeds.js';
import { SCRATCH_DIR } from '../support/tree.js';
import { editedCopy, removeCopy } from './support.js';

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

const BROKEN = join(REPO_ROOT, 'test', 'fixtures', 'broken-set');

/** New value "reload" for srv_man's operation (request: compatible) and a new response element (response: breaking). */
function fixture(): string {
  return editedCopy(EMBEDDED_SCHEMAS_DIR, {
    'plesk_server.xsd': [[`<xs:enumeration value="restart">`, `<xs:enumeration value="reload"/>\n      <xs:enumeration value="restart">`]],
    'server_output.xsd': [[`<xs:element name="id" type="srvIdType">`, `<xs:element name="state" type="string" minOccurs="0"/>\n          <xs:element name="id" type="srvIdType">`]],
  });
}

describe('plesk-codegen diff', () => {
  it('exits 1 on breaking changes of the sides chosen with --fail-on, 0 otherwise', async () => {
    const dir = fixture();
    try {
      const cases: [string[], number][] = [
        [[], 1],
        [['--fail-on', 'request,response,types'], 1],
        [['--fail-on', 'response'], 1],
        [['--fail-on', 'request'], 0],
        [['--fail-on', 'request,types'], 0],
      ];
      for (const [flags, code] of cases) {
        const io = capture();
        expect(await main(['diff', EMBEDDED_SCHEMAS_DIR, dir, ...flags], io), flags.join(' ')).toBe(code);
        expect(io.stderr).toBe('');
      }
    } finally {
      removeCopy(dir);
    }
  });

  it('prints text without colour when not on a terminal, Markdown and versioned JSON', async () => {
    const dir = fixture();
    try {
      const text = capture();
      await main(['diff', EMBEDDED_SCHEMAS_DIR, dir], text);
      expect(text.stdout).not.toMatch(/\x1b\[/);
      expect(text.stdout).toMatch(/✗ server\/srv_man\/result\/state: optional element state added/);
      expect(text.stdout).toContain('(lenient mode tolerates it)');
      expect(text.stdout).toMatch(/\+ server\/srv_man\/operation: enumeration value "reload" added/);
      expect(text.stdout).toMatch(/ new server_output\.xsd:\d+; in type ServicesManagementResultType/);

      const colored = capture();
      await main(['diff', EMBEDDED_SCHEMAS_DIR, dir, '--color'], colored);
      expect(colored.stdout).toMatch(/\x1b\[31m/);

      const md = capture();
      await main(['diff', EMBEDDED_SCHEMAS_DIR, dir, '--format', 'markdown'], md);
      expect(md.stdout).toMatch(/^## Plesk API changes/);
      expect(md.stdout).toMatch(/\| ❌ \| `server\/srv_man\/result\/state` \|/);
      // Every table row has its six (schema) or five (API) cells: a | inside a code span is escaped.
      expect(md.stdout).toContain("`'start' \\| 'stop' \\| 'restart'`");
      for (const row of md.stdout.split('\n').filter((l) => l.startsWith('| ➕') || l.startsWith('| ❌'))) {
        expect(row.replace(/\\\|/g, '').split('|').length - 2, row).toBeGreaterThanOrEqual(5);
        expect(row.replace(/\\\|/g, '').split('|').length - 2, row).toBeLessThanOrEqual(6);
      }

      const json = capture();
      await main(['diff', EMBEDDED_SCHEMAS_DIR, dir, '--format', 'json'], json);
      const report = JSON.parse(json.stdout) as DiffReport;
      expect(report.format).toBe('plesk-codegen-diff');
      expect(report.version).toBe(DIFF_FORMAT_VERSION);
      expect(report.summary.request).toEqual({ breaking: 0, compatible: 1 });
      expect(report.summary.response.breaking).toBe(1);
      expect(report.schema.map((c) => `${c.set} ${c.kind} ${c.path}`)).toEqual([
        'request enum-value-added server/srv_man/operation',
        'response element-added server/srv_man/result/state',
      ]);
    } finally {
      removeCopy(dir);
    }
  });

  it('colours text on a terminal unless NO_COLOR is set or --no-color is given', async () => {
    const stdout = process.stdout as { isTTY?: boolean };
    const tty = stdout.isTTY;
    const noColor = process.env.NO_COLOR;
    const dir = fixture();
    const run = async (...flags: string[]) => {
      const io = capture();
      await main(['diff', EMBEDDED_SCHEMAS_DIR, dir, ...flags], io);
      return /\x1b\[/.test(io.stdout);
    };
    try {
      stdout.isTTY = true;
      delete process.env.NO_COLOR;
      expect(await run()).toBe(true);
      expect(await run('--no-color')).toBe(false);
      process.env.NO_COLOR = '1';
      expect(await run()).toBe(false);
      expect(await run('--color')).toBe(true);
      stdout.isTTY = false;
      delete process.env.NO_COLOR;
      expect(await run()).toBe(false);
    } finally {
      stdout.isTTY = tty;
      if (noColor === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = noColor;
      removeCopy(dir);
    }
  });

  it('exits 2 on usage errors', async () => {
    const cases: string[][] = [
      ['diff'],
      ['diff', EMBEDDED_SCHEMAS_DIR],
      ['diff', EMBEDDED_SCHEMAS_DIR, EMBEDDED_SCHEMAS_DIR, '--format', 'yaml'],
      ['diff', EMBEDDED_SCHEMAS_DIR, EMBEDDED_SCHEMAS_DIR, '--fail-on', 'requests'],
      ['diff', EMBEDDED_SCHEMAS_DIR, EMBEDDED_SCHEMAS_DIR, '--bogus'],
      ['diff', EMBEDDED_SCHEMAS_DIR, join(REPO_ROOT, 'no-such-folder')],
      ['diff', EMBEDDED_SCHEMAS_DIR, REPO_ROOT],
    ];
    for (const argv of cases) {
      const io = capture();
      expect(await main(argv, io), argv.join(' ')).toBe(2);
      expect(io.stderr).not.toBe('');
      expect(io.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('reports schema errors as file:line messages and exits 2 (nothing compared)', async () => {
    const io = capture();
    expect(await main(['diff', EMBEDDED_SCHEMAS_DIR, BROKEN], io)).toBe(2);
    expect(io.stderr).toMatch(/broken-set\/agent_input\.xsd:7: .*ServerOperatorType/);
    expect(io.stdout).toBe('');
  });
});

describe('plesk-codegen diff on generated trees', () => {
  it('reads a tree through its manifest: the committed tree against its own schema folder shows nothing', async () => {
    const io = capture();
    expect(await main(['diff', join(REPO_ROOT, 'generated', '1.6.9.1'), EMBEDDED_SCHEMAS_DIR, '--format', 'json'], io)).toBe(0);
    const report = JSON.parse(io.stdout) as DiffReport;
    expect(report.old.schemas).toMatch(/schemas\/1\.6\.9\.1$/);
    expect(report.schema).toEqual([]);
    expect(report.api).toEqual([]);
  });

  it('compares the TypeScript API with the options a tree was generated with', async () => {
    mkdirSync(SCRATCH_DIR, { recursive: true });
    const dir = mkdtempSync(join(SCRATCH_DIR, 'diff-'));
    const edited = fixture();
    try {
      const camel = join(dir, 'camel');
      const xml = join(dir, 'xml');
      expect(await main(['generate', '--schemas', edited, '--out', camel], capture())).toBe(0);
      expect(await main(['generate', '--schemas', EMBEDDED_SCHEMAS_DIR, '--out', xml, '--naming', 'xml'], capture())).toBe(0);
      const io = capture();
      expect(await main(['diff', xml, camel, '--format', 'json'], io)).toBe(1);
      const report = JSON.parse(io.stdout) as DiffReport;
      expect(report.schema.map((c) => `${c.set} ${c.kind} ${c.path}`)).toEqual([
        'request enum-value-added server/srv_man/operation',
        'response element-added server/srv_man/result/state',
      ]);
      // srv_man (xml naming) became srvMan (camel naming): a source-breaking property rename.
      expect(report.api).toContainEqual(expect.objectContaining({ kind: 'property-removed', name: 'ServerOperatorTypeRequestItem', property: 'srv_man', level: 'breaking' }));
      expect(report.api).toContainEqual(expect.objectContaining({ kind: 'property-added', name: 'ServerOperatorTypeRequestItem', property: 'srvMan' }));
    } finally {
      removeCopy(edited);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
