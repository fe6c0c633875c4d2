// The programmatic API: generate/check/inspect return results, never print or exit, and throw
// typed errors with diagnostics. It is reachable as `plesk-api-codegen` through package.json
// `exports` (checked with Node itself, as a consumer would import it), next to `--version`.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { check, CodegenError, diff, generate, hasBreaking, inspect, OutputError, SchemaSetError, SchemaSourceError } from '../../generator/api.js';
import { main, type CommandIo } from '../../generator/cli.js';
import { EMBEDDED_SCHEMAS_DIR, REPO_ROOT } from '../support/seeds.js';
import { SCRATCH_DIR } from '../support/tree.js';
import { editedCopy, removeCopy } from '../diff/support.js';

let dir: string;
beforeEach(() => {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  dir = mkdtempSync(join(SCRATCH_DIR, 'api-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('programmatic API', () => {
  it('diffs two schema sets into the report the JSON format prints, without printing', async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    const edited = editedCopy(EMBEDDED_SCHEMAS_DIR, {
      'backup.xsd': [[`<xs:element name="prefix" type="string" minOccurs="0">`, `<xs:element name="prefix" type="string">`]],
    });
    try {
      const same = await diff(EMBEDDED_SCHEMAS_DIR, EMBEDDED_SCHEMAS_DIR);
      expect(same).toMatchObject({ format: 'plesk-codegen-diff', version: 1, schema: [], api: [], documentation: [] });
      const report = await diff(EMBEDDED_SCHEMAS_DIR, edited, { naming: 'xml' });
      expect(report.schema.map((c) => [c.set, c.kind, c.path, c.impact.level])).toEqual([['request', 'occurs-changed', 'backup-manager/backup-server/prefix', 'breaking']]);
      expect(report.api.map((c) => [c.kind, c.property, c.new])).toEqual([['property-changed', 'prefix', 'prefix: StringType']]);
      expect(hasBreaking(report, ['request'])).toBe(true);
      expect(hasBreaking(report, ['response'])).toBe(false);
      // The very object `--format json` serializes.
      const printed: string[] = [];
      const io: CommandIo = { out: (s: string) => void printed.push(s), err: () => {} };
      const code = await main(['diff', EMBEDDED_SCHEMAS_DIR, edited, '--format', 'json', '--naming', 'xml'], io);
      expect(code).toBe(1);
      expect(JSON.parse(printed.join(''))).toEqual(JSON.parse(JSON.stringify(report)));
      await expect(diff(EMBEDDED_SCHEMAS_DIR, join(dir, 'nothing-here'))).rejects.toBeInstanceOf(SchemaSourceError);
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      removeCopy(edited);
    }
  });

  it('generates, checks and inspects without printing', async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    const out = join(dir, 'tree');
    const result = await generate({ schemas: EMBEDDED_SCHEMAS_DIR, out, options: { naming: 'xml' } });
    expect(result.trees).toHaveLength(1);
    expect(result.trees[0]).toMatchObject({ out, version: null, previous: 'missing' });
    expect(result.trees[0]!.fileCount).toBeGreaterThan(10);
    const checked = await check({ out });
    expect(checked.upToDate).toBe(true);
    expect(checked.trees[0]!.difference).toEqual({ missing: [], extra: [], changed: [] });
    const inspected = await inspect({ schemas: EMBEDDED_SCHEMAS_DIR });
    expect(inspected.sets.input.files).toContain('agent_input.xsd');
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
  });

  it('throws typed errors with diagnostics', async () => {
    const missing = join(dir, 'nowhere');
    const error = await generate({ schemas: missing, out: join(dir, 'tree') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaSourceError);
    expect(error).toBeInstanceOf(CodegenError);
    expect((error as SchemaSourceError).diagnostics).toEqual([{ file: missing, message: 'no such file or folder' }]);

    const broken = await generate({ schemas: join(REPO_ROOT, 'test', 'fixtures', 'broken-set'), out: join(dir, 'tree') }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(SchemaSetError);
    expect((broken as SchemaSetError).diagnostics.every((d) => d.file.endsWith('.xsd') && typeof d.line === 'number')).toBe(true);

    await expect(check({ out: join(dir, 'none') })).rejects.toBeInstanceOf(OutputError);
  });
});

describe('the package', () => {
  it('exports the API as plesk-api-codegen (compiled module with types)', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['.'].types).toBe('./dist/api.d.ts');
    expect(pkg.bin['plesk-codegen']).toBeDefined();
    // `npm test` builds dist/ first; Node resolves the package's own name through `exports`.
    const printed = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const api = await import('plesk-api-codegen'); console.log(Object.keys(api).filter((k) => ['generate', 'check', 'inspect', 'CodegenError'].includes(k)).sort().join(','))"],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(printed.trim()).toBe('CodegenError,check,generate,inspect');
  });

  it('prints its version', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    let text = '';
    const io: CommandIo = { out: (t) => void (text += t), err: (t) => void (text += t) };
    expect(await main(['--version'], io)).toBe(0);
    expect(text).toBe(pkg.version);
  });
});
