/**
 * Schema types named like what the runtime exports (`TypeRef`, `ParseOptions`, …) or like the
 * tree's own declarations (the client's `ServerOperations`) must not collide with them: the
 * tree's index re-exports the runtime beside the generated types (TS2308 otherwise).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { RUNTIME_EXPORTS } from '../../generator/binding/names.js';
import { generate } from '../../generator/generate.js';
import { writeTree } from '../../generator/emit/write.js';
import { REPO_ROOT } from '../support/seeds.js';
import { SCRATCH_DIR, typecheck } from '../support/tree.js';

describe('runtime names', () => {
  it('RUNTIME_EXPORTS holds every name the runtime package exports (root and /client)', () => {
    const project = new Project({ skipAddingFilesFromTsConfig: true, compilerOptions: { allowJs: false } });
    const names = new Set<string>();
    for (const entry of ['packages/runtime/src/index.ts', 'packages/runtime/src/client/index.ts']) {
      for (const name of project.addSourceFileAtPath(join(REPO_ROOT, entry)).getExportedDeclarations().keys()) names.add(name);
    }
    const missing = [...names].filter((n) => !RUNTIME_EXPORTS.includes(n)).sort();
    expect(missing, 'runtime exports missing from RUNTIME_EXPORTS in generator/binding/names.ts').toEqual([]);
  });

  const dir = mkdtempSync(join((mkdirSync(SCRATCH_DIR, { recursive: true }), SCRATCH_DIR), 'runtime-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives schema types named after runtime exports and client classes other names, and the tree compiles', () => {
    const taken = ['TypeRef', 'ParseOptions', 'OneOf', 'ComplexDesc', 'SchemaViolationError', 'PleskClientCore', 'ServerOperations', 'OperationResponses'];
    const side = (result: boolean) => `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:include schemaLocation="common.xsd"/>
  <xs:element name="packet"><xs:complexType><xs:choice maxOccurs="unbounded"><xs:element name="server" type="ServerType"/></xs:choice></xs:complexType></xs:element>
  <xs:complexType name="ServerType"><xs:choice maxOccurs="unbounded"><xs:element name="get" type="GetType"/></xs:choice></xs:complexType>
  <xs:complexType name="GetType"><xs:sequence>
    ${result ? '<xs:element name="result"><xs:complexType><xs:sequence><xs:element name="status" type="xs:string"/></xs:sequence></xs:complexType></xs:element>' : ''}
    ${taken.map((t) => `<xs:element name="e${t}" type="${t}" minOccurs="0"/>`).join('\n    ')}
  </xs:sequence></xs:complexType>
</xs:schema>`;
    const common = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  ${taken.map((t) => `<xs:complexType name="${t}"><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType>`).join('\n  ')}
</xs:schema>`;
    const schemas = join(dir, 'schemas');
    mkdirSync(schemas);
    writeFileSync(join(schemas, 'common.xsd'), common);
    writeFileSync(join(schemas, 'agent_input.xsd'), side(false));
    writeFileSync(join(schemas, 'agent_output.xsd'), side(true));
    const result = generate(schemas, { protocolVersion: null });
    const names = result.model.declarations.filter((d) => taken.includes(d.schemaName)).map((d) => `${d.schemaName} → ${d.name}`);
    expect(names.sort()).toEqual(taken.map((t) => `${t} → ${t}2`).sort());
    const tree = join(dir, 'tree');
    writeTree(tree, result.files);
    expect(typecheck(tree)).toBe('');
  }, 120_000);
});
