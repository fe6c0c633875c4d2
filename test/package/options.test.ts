// `generate --package` and `--import-extension ts`, in process: what the package holds, the
// command line's refusals, and a `.ts`-import tree that type-checks as erasable syntax (the
// `.ci/run` check runs it under Node's type stripping).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CommandIo } from '../../generator/cli.js';
import { generate } from '../../generator/generate.js';
import { generateFromXsd } from '../../generator/core/generate.js';
import { writeTree } from '../../generator/emit/write.js';
import { packageNameProblem, packageVersionProblem } from '../../generator/emit/package.js';
import { RUNTIME_PACKAGE, RUNTIME_RANGE } from '../../generator/emit/runtime-package.js';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { SCRATCH_DIR, tscProject } from '../support/tree.js';

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

describe('--package', () => {
  const tree = generate(EMBEDDED_SCHEMAS_DIR).files;
  const pkg = generate(EMBEDDED_SCHEMAS_DIR, { package: '@acme/plesk-api', packageVersion: '2.1.0' }).files;

  it('holds a .js and a .d.ts for every module of the tree, a package.json, a README, and no TypeScript source', () => {
    const modules = [...tree.keys()].filter((p) => p.endsWith('.ts')).map((p) => p.slice(0, -3));
    const want = [...modules.flatMap((m) => [`${m}.js`, `${m}.d.ts`]), 'package.json', 'README.md'].sort();
    expect([...pkg.keys()].sort()).toEqual(want);
  });

  it('package.json: exports the whole API, each operator and the stand-in (only under ./testing); the runtime as a peer', () => {
    const json = JSON.parse(pkg.get('package.json')!) as Record<string, unknown>;
    expect(json).toMatchObject({
      name: '@acme/plesk-api',
      version: '2.1.0',
      type: 'module',
      sideEffects: false,
      types: './index.d.ts',
      peerDependencies: { [RUNTIME_PACKAGE]: RUNTIME_RANGE },
    });
    expect(json.exports).toEqual({
      '.': { types: './index.d.ts', default: './index.js' },
      './operators/backup-manager': { types: './operators/backup-manager.d.ts', default: './operators/backup-manager.js' },
      './operators/server': { types: './operators/server.d.ts', default: './operators/server.js' },
      './client-for': { types: './client-for.d.ts', default: './client-for.js' },
      './testing': { types: './testing/standin.d.ts', default: './testing/standin.js' },
      './package.json': './package.json',
    });
    expect(json.typesVersions).toEqual({
      '*': { 'operators/backup-manager': ['./operators/backup-manager.d.ts'], 'operators/server': ['./operators/server.d.ts'], 'client-for': ['./client-for.d.ts'], testing: ['./testing/standin.d.ts'] },
    });
    expect(pkg.get('index.js')).not.toMatch(/standin/);
    expect(json.files).toEqual(['**/*.js', '**/*.d.ts']);
    expect(pkg.get('README.md')).toContain("import { startStandin } from '@acme/plesk-api/testing';");
  });

  it('compiles types away and keeps the documentation in the declarations', () => {
    const js = pkg.get('request.js')!;
    expect(js).toContain("from 'plesk-api-codegen-runtime'");
    expect(js).not.toMatch(/: RootDesc|import type|export type/);
    expect(pkg.get('request.d.ts')).toContain('export declare function serializeRequest(packet: RequestPacket, options?: SerializeOptions): string;');
    expect(pkg.get('client.d.ts')).toContain('* Sends a packet (any mix of operators and operations)');
  });

  it('is deterministic', () => {
    expect(generate(EMBEDDED_SCHEMAS_DIR, { package: '@acme/plesk-api', packageVersion: '2.1.0' }).files).toEqual(pkg);
  });

  it.each([
    ['plesk-api', null],
    ['@acme/plesk-api', null],
    ['Plesk', 'it has upper-case letters'],
    ['', 'it is empty'],
    ['my package', 'it must be lower-case letters'],
    ['@acme/', 'it must be lower-case letters'],
    ['.hidden', 'it must be lower-case letters'],
  ])('package name %j: %s', (name, problem) => {
    const got = packageNameProblem(name);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });

  it.each([
    ['1.0.0', true],
    ['0.3.1-rc.1', true],
    ['1.0', false],
    ['v1.0.0', false],
  ])('package version %j valid: %s', (version, valid) => {
    expect(packageVersionProblem(version) === null).toBe(valid);
  });

  it.each([
    [['--package', 'Bad'], '--package "Bad" is not a valid npm package name: it has upper-case letters'],
    [['--package-version', '1.0.0'], '--package-version needs --package NAME'],
    [['--package', 'ok', '--package-version', '1'], '--package-version "1": it is not a semantic version'],
    [['--package', 'ok', '--import-extension', 'ts'], '--import-extension ts is for TypeScript sources'],
    [['--import-extension', 'mjs'], '--import-extension must be js or ts, not "mjs"'],
  ])('the command refuses %j with exit 2 and writes nothing', async (args, message) => {
    const io = capture();
    const out = join(SCRATCH_DIR, 'never-written');
    const code = await main(['generate', '--schemas', EMBEDDED_SCHEMAS_DIR, '--out', out, ...args], io);
    expect(io.stderr).toContain(message);
    expect(code).toBe(2);
  });
});

describe('--package over the real set', () => {
  const have = existsSync(join(REAL_SCHEMAS_DIR, 'agent_input.xsd'));
  it.skipIf(!have)('its declarations type-check for a strict consumer, skipLibCheck off (set PLESK_SCHEMAS_DIR to run)', () => {
    mkdirSync(SCRATCH_DIR, { recursive: true });
    const dir = mkdtempSync(join(SCRATCH_DIR, 'real-package-'));
    try {
      // Installed where a dependency goes; the runtime resolves from the repository's node_modules.
      writeTree(join(dir, 'node_modules', '@acme', 'real'), generate(REAL_SCHEMAS_DIR, { package: '@acme/real', protocolVersion: '1.6.6.0' }).files);
      writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
      writeFileSync(
        join(dir, 'main.ts'),
        `import { PleskClient, PleskOperationError, serializeRequest, type RequestPacket } from '@acme/real';
import * as customer from '@acme/real/operators/customer';
import { startStandin } from '@acme/real/testing';
export const packet: RequestPacket = { operators: [{ server: [{ getProtos: true }] }] };
export const xml: string = serializeRequest(packet);
export type Client = PleskClient;
export const errors: (typeof PleskOperationError)[] = [PleskOperationError];
export const start: typeof startStandin = startStandin;
export const forCustomer: typeof customer.serializeRequest = customer.serializeRequest;
`,
      );
      const output = tscProject(dir, { skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true }, { files: ['main.ts'] });
      expect(output).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--import-extension ts', () => {
  const files = generate(EMBEDDED_SCHEMAS_DIR, { importExtension: 'ts' }).files;
  mkdirSync(SCRATCH_DIR, { recursive: true });
  const dir = mkdtempSync(join(SCRATCH_DIR, 'ts-ext-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names every relative import with .ts, and nothing else changes', () => {
    const plain = generate(EMBEDDED_SCHEMAS_DIR).files;
    expect([...files.keys()]).toEqual([...plain.keys()]);
    for (const [path, text] of files) {
      expect(text, path).not.toMatch(/^(?:import|export|\})[^\n]*from '\.{1,2}\/[^']*\.js'/m);
      expect(text.replace(/(from '\.{1,2}\/[^']*)\.ts'/g, "$1.js'"), path).toBe(plain.get(path));
    }
    expect(files.get('index.ts')).toContain("export * from './request.ts';");
  });

  it('type-checks as erasable syntax with .ts imports (strict, verbatimModuleSyntax)', () => {
    writeTree(join(dir, 'tree'), files);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const output = tscProject(dir, { allowImportingTsExtensions: true, erasableSyntaxOnly: true, verbatimModuleSyntax: true }, { include: ['tree'] });
    expect(output).toBe('');
  });
});

describe('--import-extension ts in the general core', () => {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  const dir = mkdtempSync(join(SCRATCH_DIR, 'ts-ext-core-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Two schema files, so a type module imports another, and an enumeration (a value export).
  writeFileSync(
    join(dir, 'a.xsd'),
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:b" targetNamespace="urn:a" elementFormDefault="qualified">
      <xs:import namespace="urn:b" schemaLocation="b.xsd"/>
      <xs:element name="doc"><xs:complexType><xs:sequence><xs:element name="item" type="b:Item" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
    </xs:schema>`,
  );
  writeFileSync(
    join(dir, 'b.xsd'),
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:b" targetNamespace="urn:b">
      <xs:complexType name="Item"><xs:attribute name="kind" type="b:Kind"/></xs:complexType>
      <xs:simpleType name="Kind"><xs:restriction base="xs:string"><xs:enumeration value="x"/><xs:enumeration value="y"/></xs:restriction></xs:simpleType>
    </xs:schema>`,
  );

  it('names every relative import and re-export with .ts, and nothing else changes', () => {
    const source = { xsd: [join(dir, 'a.xsd')] };
    const files = generateFromXsd(source, { importExtension: 'ts' }).files;
    const plain = generateFromXsd(source).files;
    expect([...files.keys()]).toEqual([...plain.keys()]);
    let relative = 0;
    for (const [path, text] of files) {
      expect(text, path).not.toMatch(/^(?:import|export|\})[^\n]*from '\.{1,2}\/[^']*\.js'/m);
      relative += text.match(/^(?:import|export)[^\n]* from '\.{1,2}\/[^']*\.ts';$/gm)?.length ?? 0;
      expect(text.replace(/(from '\.{1,2}\/[^']*)\.ts'/g, "$1.js'"), path).toBe(plain.get(path));
    }
    // codec → descriptors and types/a; types/a → types/b; index → codec, both type modules and types/b's values
    expect(relative).toBe(7);
  });
});
