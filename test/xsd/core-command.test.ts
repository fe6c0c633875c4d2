/**
 * The general core from the command line and the API: `plesk-codegen generate --xsd … --root …
 * --out …` (with `--catalog`), its root names, its safety and errors (file:line, exit codes, no
 * stack trace, output untouched), `check`, the config file's `xsd` targets and `--package`. The
 * fixture (test/fixtures/core) imports its second namespace by URL, resolved through catalog.tsv.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main, type CommandIo } from '../../generator/cli.js';
import { chooseRoots, generateFromXsd } from '../../generator/core/generate.js';
import { loadEntrySet } from '../../generator/model/index.js';
import { readCatalog } from '../../generator/xsd/catalog.js';
import { SchemaSourceError } from '../../generator/errors.js';
import { XmlDocument } from 'libxml2-wasm';
import { SCRATCH_DIR, typecheck } from '../support/tree.js';
import { repoRoot } from './helpers.js';

const FIXTURE = join(repoRoot, 'test/fixtures/core');
const ORDER = join(FIXTURE, 'order.xsd');
const CATALOG = join(FIXTURE, 'catalog.tsv');

mkdirSync(SCRATCH_DIR, { recursive: true });
const scratch = mkdtempSync(join(SCRATCH_DIR, 'core-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = capture();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('root elements', () => {
  const set = loadEntrySet(FIXTURE, ['order.xsd'], { catalog: readCatalog(CATALOG).catalog });
  const names = (specs: string[] | undefined) => chooseRoots(set, specs, ['order.xsd']).map((e) => `{${e.name.ns}}${e.name.local}`);

  it.each([
    { given: undefined, want: ['{urn:order}cancel', '{urn:order}extra', '{urn:order}note', '{urn:order}order'] },
    { given: ['order'], want: ['{urn:order}order'] },
    { given: ['{urn:common}cancel'], want: ['{urn:common}cancel'] },
    { given: ['c:line', 'o:order'], want: ['{urn:common}line', '{urn:order}order'] },
    { given: ['{urn:common}*'], want: ['{urn:common}cancel', '{urn:common}line'] },
  ])('$given → $want', ({ given, want }) => {
    expect(names(given)).toEqual(want);
  });

  it.each([
    { given: ['cancel'], want: /--root cancel: several global elements are named "cancel"; choose one: \{urn:common\}cancel, \{urn:order\}cancel/ },
    { given: ['Order'], want: /--root Order: no global element of that name in the schemas \(there is \{urn:order\}order\)/ },
    { given: ['{urn:nowhere}*'], want: /--root \{urn:nowhere\}\*: no global element/ },
  ])('$given is refused', ({ given, want }) => {
    let error: unknown;
    try {
      names(given);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaSourceError);
    expect((error as Error).message).toMatch(want);
  });

  it('gives a root of a built-in simple type a declaration named after it, and an untyped root anyType', () => {
    const { model, files } = generateFromXsd({ xsd: [ORDER], roots: ['note', 'extra'], catalog: CATALOG });
    expect(model.roots.map((r) => [r.codecName, r.type.kind, r.type.kind === 'anyType' ? null : r.type.decl.name])).toEqual([
      ['Extra', 'anyType', null],
      ['Note', 'simple', 'Note'],
    ]);
    expect(files.get('types/order.ts')).toContain('export type Note = string;');
    expect(files.get('codec.ts')).toContain('export function parseExtra(xml: string | Uint8Array, options?: ParseOptions): AnyElementValue {');
  });
});

describe('plesk-codegen generate --xsd', () => {
  const out = join(scratch, 'order');

  it('writes types, descriptors, a codec per root and the index; the tree type-checks and round-trips', async () => {
    const r = await run('generate', '--xsd', ORDER, '--catalog', CATALOG, '--root', 'order', '--root', '{urn:order}cancel', '--root', 'note,extra', '--out', out);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote 6 files to /);
    const manifest = JSON.parse(readFileSync(join(out, 'plesk-codegen.manifest.json'), 'utf8'));
    expect(manifest.files).toEqual(['codec.ts', 'descriptors.ts', 'index.ts', 'types/common.ts', 'types/order.ts']);
    expect(manifest.schemas).toMatchObject({ roots: ['order', '{urn:order}cancel', 'note', 'extra'], fileCount: 2 });
    expect(manifest.schemas.xsd[0]).toBe('../../../fixtures/core/order.xsd');
    expect(manifest.schemas.catalog).toBe('../../../fixtures/core/catalog.tsv');
    const codec = readFileSync(join(out, 'codec.ts'), 'utf8');
    expect(codec).toContain("export const orderRoot: RootDesc = { xmlName: 'order', namespace: 'urn:order', type: descriptors.Order, prefixes: namespacePrefixes(NAMESPACE_PREFIXES, 'urn:order') };");
    expect(codec).toContain("export const noteRoot: RootDesc = { xmlName: 'note', namespace: 'urn:order', type: descriptors.Note, prefixes: namespacePrefixes(NAMESPACE_PREFIXES, 'urn:order') };");
    expect(codec).toContain("const NAMESPACE_PREFIXES: Readonly<Record<string, string>> = {\n  'urn:common': 'c',\n  'urn:order': 'o',\n};");
    expect(codec).toContain('export function parseOrder(xml: string | Uint8Array, options?: ParseOptions): Order & SchemaLocations {');
    expect(codec).toContain('export function serializeCancel(value: Cancel & SchemaLocations, options?: SerializeOptions): string {');

    writeFileSync(
      join(out, 'consumer.ts'),
      `import { parseOrder, serializeOrder, type Order } from './index.js';
const order: Order = { id: 'A-1', line: [{ sku: 'x', qty: 2 }], total: { value: '3.50', currency: 'EUR' } };
// @ts-expect-error: a currency outside the enumeration
const wrong: Order = { id: 'A-2', line: [], total: { value: '1', currency: 'GBP' } };
export const again: Order = parseOrder(serializeOrder(order));
export { wrong };
`,
    );
    expect(typecheck(out)).toBe('');
    rmSync(join(out, 'consumer.ts'));
    rmSync(join(out, 'tsconfig.json'));

    const m = (await import(pathToFileURL(join(out, 'codec.ts')).href)) as Record<string, (x: unknown) => unknown>;
    const xml = '<o:order xmlns:o="urn:order" xmlns:c="urn:common" rush="true"><o:id>A-1</o:id><c:line><c:sku>x</c:sku><c:qty>2</c:qty></c:line><o:total currency="EUR">3.50</o:total></o:order>';
    const value = m.parseOrder!(xml);
    expect(value).toEqual({ id: 'A-1', line: [{ sku: 'x', qty: 2 }], total: { value: '3.50', currency: 'EUR' }, rush: true });
    expect(m.parseOrder!(m.serializeOrder!(value))).toEqual(value);
    expect(() => m.parseOrder!(xml.replace('EUR', 'GBP'))).toThrow(/GBP/);
    expect(() => m.parseOrder!('<order xmlns="urn:other"/>')).toThrow();
    expect(m.parseNote!('<note xmlns="urn:order">a &amp; b</note>')).toBe('a & b');
    expect(m.serializeNote!('a & b')).toMatch(/<note xmlns="urn:order">a &amp; b<\/note>$/);
    expect(m.parseCancel!(m.serializeCancel!({ id: 'A-1' }))).toEqual({ id: 'A-1' });
    expect(() => m.parseNote!('<note xmlns="urn:order"><b/></note>')).toThrow();
    expect(m.parseExtra!('<extra xmlns="urn:order"><x a="1">t</x>tail</extra>')).toBeDefined();
  }, 60_000);

  // An untyped root keeps its namespace declarations among its attributes; the writer declares
  // its namespace itself and must not write the kept `xmlns` again (it did: not well-formed).
  it('writes an untyped root in a namespace back as it was read, its namespace declared once', async () => {
    const m = (await import(pathToFileURL(join(out, 'codec.ts')).href)) as Record<string, (x: unknown) => unknown>;
    for (const [extra, want] of [
      ['<extra xmlns="urn:order"><x a="1">t</x>tail</extra>', '<extra xmlns="urn:order"><x a="1">t</x>tail</extra>'],
      // A prefix of the schemas' (c: urn:common) declared by the untyped root: declared once.
      ['<extra xmlns="urn:order" xmlns:c="urn:common" c:a="1"><c:line xmlns:c="urn:common"/></extra>', '<extra xmlns="urn:order" xmlns:c="urn:common" c:a="1"><c:line/></extra>'],
    ]) {
      const value = m.parseExtra!(extra);
      const written = (m.serializeExtra as (v: unknown, o: object) => string)(value, { declaration: false });
      expect(written).toBe(want);
      // libxml2 reads it (a duplicate attribute is a fatal error there) and it reads back the same.
      XmlDocument.fromString(written).dispose();
      expect(m.parseExtra!(written)).toEqual(value);
    }
    // A declaration that would move the element out of its namespace is refused.
    expect(() => m.serializeExtra!({ attributes: { xmlns: 'urn:other' } })).toThrow(/xmlns="urn:other" would take <extra> out of its namespace/);
  });

  it('check finds the tree up to date from its manifest alone, and stale after an edit', async () => {
    expect((await run('check', '--out', out)).code).toBe(0);
    expect((await run('check', '--xsd', ORDER, '--catalog', CATALOG, '--root', 'order', '--root', '{urn:order}cancel', '--root', 'note,extra', '--out', out)).code).toBe(0);
    const codec = join(out, 'codec.ts');
    const before = readFileSync(codec, 'utf8');
    writeFileSync(codec, '// edited\n');
    const r = await run('check', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('changed: codec.ts');
    writeFileSync(codec, before);
  });

  it('names a URL import without a catalog at its file:line, exits 1, writes nothing, no stack trace', async () => {
    const target = join(scratch, 'no-catalog');
    const r = await run('generate', '--xsd', ORDER, '--out', target);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/order\.xsd:6: import of "http:\/\/example\.com\/schemas\/common\.xsd": no catalog entry maps this URL/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(target)).toBe(false);
  });

  it('names a schema error at file:line and leaves the existing tree untouched', async () => {
    const before = readFileSync(join(out, 'codec.ts'), 'utf8');
    const r = await run('generate', '--xsd', join(FIXTURE, 'bad.xsd'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.xsd:3: .*Undefined/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(readFileSync(join(out, 'codec.ts'), 'utf8')).toBe(before);
  });

  it.each([
    { argv: ['--xsd', 'missing.xsd', '--out', 'x'], code: 1, want: /missing\.xsd: no such file/ },
    { argv: ['--xsd', ORDER, '--catalog', join(FIXTURE, 'nope.tsv'), '--out', 'x'], code: 1, want: /nope\.tsv: no such file/ },
    { argv: ['--xsd', ORDER, '--catalog', CATALOG, '--root', 'nothing', '--out', 'x'], code: 1, want: /--root nothing: no global element/ },
    { argv: ['--xsd', ORDER, '--schemas', FIXTURE, '--out', 'x'], code: 2, want: /--schemas .* and --xsd .* exclude each other/ },
    { argv: ['--xsd', ORDER, '--no-client', '--out', 'x'], code: 2, want: /--no-client: for Plesk schema sets/ },
    { argv: ['--schemas', FIXTURE, '--root', 'order', '--out', 'x'], code: 2, want: /--root needs --xsd/ },
    { argv: ['--xsd', ORDER], code: 2, want: /--schemas \(or --xsd\) and --out are required/ },
  ])('generate $argv → exit $code', async ({ argv, code, want }) => {
    const r = await run('generate', ...argv);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(want);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('refuses an --out it did not write (a folder with files and no manifest)', async () => {
    const mine = join(scratch, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'mine');
    const r = await run('generate', '--xsd', ORDER, '--catalog', CATALOG, '--out', mine);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mine/);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('--package writes compiled JavaScript, .d.ts and a package.json naming the codecs', async () => {
    const pkg = join(scratch, 'pkg');
    const r = await run('generate', '--xsd', ORDER, '--catalog', CATALOG, '--root', 'order', '--out', pkg, '--package', '@acme/orders');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(json).toMatchObject({ name: '@acme/orders', description: 'Typed XML Schema bindings (order.xsd), generated by plesk-api-codegen' });
    expect(existsSync(join(pkg, 'codec.js'))).toBe(true);
    expect(existsSync(join(pkg, 'codec.d.ts'))).toBe(true);
    expect(readFileSync(join(pkg, 'README.md'), 'utf8')).toContain('`parseOrder`, `serializeOrder`');
  }, 60_000);
});

describe('the config file: xsd targets', () => {
  it('generates and checks an xsd target with roots and a catalog; Plesk-only keys are refused', async () => {
    const dir = join(scratch, 'config');
    mkdirSync(dir);
    const config = join(dir, 'plesk-codegen.config.json');
    writeFileSync(config, JSON.stringify({ options: { integers: 'bigint' }, targets: [{ xsd: [ORDER], roots: ['order'], catalog: CATALOG, out: 'orders' }] }));
    expect((await run('generate', '--config', config)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'orders', 'plesk-codegen.manifest.json'), 'utf8')).options).toEqual({ integers: 'bigint' });
    expect((await run('check', '--config', config)).code).toBe(0);
    writeFileSync(config, JSON.stringify({ targets: [{ xsd: [ORDER], schemas: 'x', versions: ['1'], out: 'o', options: { client: false } }] }));
    const r = await run('generate', '--config', config);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$.targets[0].xsd: a target has either "schemas" (a Plesk schema set) or "xsd"');
    writeFileSync(config, JSON.stringify({ targets: [{ xsd: [ORDER], versions: ['1'], out: 'o', options: { client: false } }] }));
    const r2 = await run('generate', '--config', config);
    expect(r2.stderr).toContain('$.targets[0].versions: applies to "schemas" targets only');
    expect(r2.stderr).toContain('$.targets[0].options.client: applies to Plesk schema sets only');
  });
});
