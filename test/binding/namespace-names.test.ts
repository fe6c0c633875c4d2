/**
 * Namespace-aware type names: a local name wanted by global types or elements of several
 * namespaces is led by each namespace's prefix (`a:Item`, `b:Item` → `AItem`, `BeeItem`), instead
 * of the first comer taking `Item` and the next `Item2` by the accident of order.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { namespacePrefixName } from '../../generator/binding/names.js';
import { generate } from '../../generator/generate.js';
import { writeTree } from '../../generator/emit/write.js';
import { SCRATCH_DIR, typecheck } from '../support/tree.js';

describe('namespacePrefixName', () => {
  const cases: [ns: string, declared: string | undefined, want: string][] = [
    ['urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2', 'cbc', 'Cbc'],
    ['urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2', undefined, 'CommonAggregateComponents'],
    ['http://www.omg.org/spec/BPMN/20100524/MODEL', undefined, 'Model'],
    ['http://www.omg.org/spec/DD/20100524/DC', 'dc', 'Dc'],
    ['http://uri.etsi.org/01903/v1.3.2#', undefined, 'UriEtsiOrg'],
    ['http://xml.amadeus.com/FMPTBQ_15_3_1A', undefined, 'Fmptbq1531a'],
    ['http://www.w3.org/1999/xhtml', 'xhtml', 'Xhtml'],
    ['http://datex2.eu/schema/2/2_0', undefined, 'Schema'],
    ['urn:x', 'my-ns', 'MyNs'],
  ];
  it.each(cases)('%s (prefix %s) → %s', (ns, declared, want) => {
    expect(namespacePrefixName(ns, declared)).toBe(want);
  });
});

describe('type names across namespaces', () => {
  const dir = mkdtempSync(join((mkdirSync(SCRATCH_DIR, { recursive: true }), SCRATCH_DIR), 'ns-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leads a name several namespaces want with each one\'s prefix; a name one namespace wants stays bare', () => {
    const schemas = join(dir, 'schemas');
    mkdirSync(schemas);
    const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';
    writeFileSync(join(schemas, 'a.xsd'), `<xs:schema ${XS} xmlns:a="urn:a" targetNamespace="urn:a" elementFormDefault="qualified">
  <xs:complexType name="Item"><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="OnlyHere"><xs:sequence><xs:element name="item" type="a:Item"/></xs:sequence></xs:complexType>
  <xs:element name="Entry"><xs:complexType><xs:sequence><xs:element name="y" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
</xs:schema>`);
    writeFileSync(join(schemas, 'b.xsd'), `<xs:schema ${XS} xmlns:bee="urn:b" targetNamespace="urn:b" elementFormDefault="qualified">
  <xs:complexType name="Item"><xs:sequence><xs:element name="z" type="xs:boolean"/></xs:sequence></xs:complexType>
  <xs:complexType name="Entry"><xs:sequence><xs:element name="w" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>`);
    const side = `<xs:schema ${XS} xmlns:a="urn:a" xmlns:b="urn:b">
  <xs:import namespace="urn:a" schemaLocation="a.xsd"/>
  <xs:import namespace="urn:b" schemaLocation="b.xsd"/>
  <xs:element name="packet"><xs:complexType><xs:choice maxOccurs="unbounded"><xs:element name="op" type="OpType"/></xs:choice></xs:complexType></xs:element>
  <xs:complexType name="OpType"><xs:choice maxOccurs="unbounded"><xs:element name="get" type="GetType"/></xs:choice></xs:complexType>
  <xs:complexType name="GetType"><xs:sequence>
    <xs:element name="one" type="a:OnlyHere"/><xs:element name="two" type="b:Item"/><xs:element ref="a:Entry"/><xs:element name="three" type="b:Entry"/>
  </xs:sequence></xs:complexType>
</xs:schema>`;
    writeFileSync(join(schemas, 'agent_input.xsd'), side);
    writeFileSync(join(schemas, 'agent_output.xsd'), side);
    const result = generate(schemas, { protocolVersion: null, client: false });
    const names = result.model.declarations.filter((d) => d.side === 'shared' || d.name.endsWith('Item') || d.name.includes('Entry')).map((d) => `${d.schemaName} → ${d.name}`);
    expect(names.sort()).toEqual(['Entry → AEntry', 'Entry → BeeEntry', 'Item → AItem', 'Item → BeeItem', 'OnlyHere → OnlyHere'].sort());
    const tree = join(dir, 'tree');
    writeTree(tree, result.files);
    expect(typecheck(tree)).toBe('');
  }, 120_000);
});
