// plesk-codegen.config.json: several targets side by side, generate and check without
// arguments (from the current folder) or with --config, errors named by file and JSON path,
// and the JSON Schema shipped for editors made from the same option table as the validator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type CommandIo } from '../../generator/cli.js';
import { CONFIG_FILE, CONFIG_SCHEMA_FILE, configJsonSchema, OPTION_SPECS } from '../../generator/config.js';
import { MANIFEST_FILE } from '../../generator/emit/write.js';
import { EMBEDDED_SCHEMAS_DIR, REPO_ROOT } from '../support/seeds.js';
import { SCRATCH_DIR } from '../support/tree.js';

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

let dir: string;
const cwd = process.cwd();
beforeEach(() => {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  dir = mkdtempSync(join(SCRATCH_DIR, 'config-'));
});
afterEach(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(config: unknown, name = CONFIG_FILE): string {
  const file = join(dir, name);
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return file;
}

describe('plesk-codegen.config.json', () => {
  it('generates and checks every target without arguments, from the current folder', async () => {
    writeConfig({
      $schema: `./node_modules/plesk-api-codegen/${CONFIG_SCHEMA_FILE}`,
      options: { integers: 'bigint' },
      targets: [
        { schemas: EMBEDDED_SCHEMAS_DIR, out: 'src/plesk' },
        { schemas: EMBEDDED_SCHEMAS_DIR, out: 'src/plesk-xml', options: { naming: 'xml', client: false } },
      ],
    });
    process.chdir(dir);
    const io = capture();
    expect(await main(['generate'], io)).toBe(0);
    expect(io.stdout.match(/Wrote \d+ files/g)).toHaveLength(2);
    const manifest = (out: string) => JSON.parse(readFileSync(join(dir, out, MANIFEST_FILE), 'utf8'));
    expect(manifest('src/plesk').options).toEqual({ integers: 'bigint' });
    expect(manifest('src/plesk-xml').options).toEqual({ client: false, integers: 'bigint', naming: 'xml' });
    expect(existsSync(join(dir, 'src/plesk-xml/client.ts'))).toBe(false);

    expect(await main(['check'], capture())).toBe(0);
    writeFileSync(join(dir, 'src/plesk-xml/index.ts'), '// edited\n');
    const stale = capture();
    expect(await main(['check'], stale)).toBe(1);
    expect(stale.stderr).toContain('changed: index.ts');
  });

  it('takes --config FILE, with paths relative to the file', async () => {
    const file = writeConfig({ targets: [{ schemas: EMBEDDED_SCHEMAS_DIR, out: 'out/a' }] }, 'elsewhere.json');
    expect(await main(['generate', '--config', file], capture())).toBe(0);
    expect(readdirSync(join(dir, 'out', 'a'))).toContain(MANIFEST_FILE);
    expect(await main(['check', '--config', file], capture())).toBe(0);
    rmSync(join(dir, 'out'), { recursive: true });
    const io = capture();
    expect(await main(['check', '--config', file], io)).toBe(1);
    expect(io.stderr.trim()).toBe(`${join(dir, 'out', 'a')}: no such folder; run plesk-codegen generate to write it.`);
  });

  it.each([
    ['invalid JSON', '{\n  "targets": [\n    { "schemas": "x", out: "y" }\n  ]\n}', /elsewhere\.json:3: not valid JSON/],
    ['no targets', { targets: [] }, /elsewhere\.json: \$\.targets: must be a non-empty array/],
    ['an unknown property', { targets: [{ schemas: 'a', out: 'b', outt: 'c' }] }, /elsewhere\.json: \$\.targets\[0\]\.outt: unknown property \(allowed: schemas, xsd, roots, catalog, out, versions, options\)/],
    ['a missing out', { targets: [{ schemas: 'a' }] }, /elsewhere\.json: \$\.targets\[0\]\.out: is required/],
    ['a bad option value', { targets: [{ schemas: 'a', out: 'b', options: { naming: 'snake' } }] }, /elsewhere\.json: \$\.targets\[0\]\.options\.naming: must be one of "camel", "xml", not "snake"/],
    ['an unknown option', { options: { colour: true }, targets: [{ schemas: 'a', out: 'b' }] }, /elsewhere\.json: \$\.options\.colour: unknown option/],
    ['a bad version', { targets: [{ schemas: 'a', out: 'b', versions: ['1.6.9.1', 7] }] }, /elsewhere\.json: \$\.targets\[0\]\.versions\[1\]: must be a version folder name/],
    ['a bad package name', { options: { package: 'Not A Name' }, targets: [{ schemas: 'a', out: 'b' }] }, /elsewhere\.json: \$\.targets\[0\]\.options: package "Not A Name" is not a valid npm package name/],
    ['two targets with one out', { targets: [{ schemas: 'a', out: 'b' }, { schemas: 'c', out: './b' }] }, /elsewhere\.json: \$\.targets\[1\]\.out: is the same folder as \$\.targets\[0\]\.out/],
  ])('names the file and JSON path of %s, exit 1, nothing written', async (_name, config, want) => {
    const file = writeConfig(config, 'elsewhere.json');
    const io = capture();
    expect(await main(['generate', '--config', file], io)).toBe(1);
    expect(io.stderr).toMatch(want);
    expect(io.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(dir)).toEqual(['elsewhere.json']);
  });

  it('names a missing config file in one line', async () => {
    const io = capture();
    expect(await main(['check', '--config', join(dir, 'nope.json')], io)).toBe(1);
    expect(io.stderr.trim()).toBe(`plesk-codegen: ${join(dir, 'nope.json')}: no such file`);
  });

  it('without a config file, generate still asks for --schemas and --out', async () => {
    process.chdir(dir);
    const io = capture();
    expect(await main(['generate'], io)).toBe(2);
    expect(io.stderr).toContain(`--schemas (or --xsd) and --out are required (or a ${CONFIG_FILE} in the current folder, or --config FILE)`);
  });
});

describe('the JSON Schema for editors', () => {
  it('is the committed plesk-codegen.config.schema.json, shipped and exported by the package', () => {
    const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
    const file = join(REPO_ROOT, CONFIG_SCHEMA_FILE);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
    expect(readFileSync(file, 'utf8'), `${CONFIG_SCHEMA_FILE} is stale: run UPDATE_GOLDEN=1 npx vitest run test/generate/config.test.ts`).toBe(text);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.files).toContain(CONFIG_SCHEMA_FILE);
    expect(pkg.exports[`./${CONFIG_SCHEMA_FILE}`]).toBe(`./${CONFIG_SCHEMA_FILE}`);
  });

  it('lists every option the validator accepts, with the same values', () => {
    const schema = configJsonSchema() as { properties: { options: { properties: Record<string, { enum?: string[]; type?: unknown }> } } };
    const props = schema.properties.options.properties;
    expect(Object.keys(props).sort()).toEqual(Object.keys(OPTION_SPECS).sort());
    expect(props.naming!.enum).toEqual(['camel', 'xml']);
    expect(props.protocolVersion!.type).toEqual(['string', 'null']);
  });
});
