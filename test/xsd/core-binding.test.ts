/**
 * The binding passes as the general core runs them (`bindElements`), given/want: what is Plesk's stays out
 * (no packet names reserved, no request/response sides, one `types/` module per namespace), the
 * runtime's exports stay reserved, and each named root gets its codec name and declaration.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bindElements } from '../../generator/binding/bind.js';
import { loadEntrySet, qnameKey } from '../../generator/model/index.js';
import { SCRATCH_DIR } from '../support/tree.js';

mkdirSync(SCRATCH_DIR, { recursive: true });
const scratch = mkdtempSync(join(SCRATCH_DIR, 'core-binding-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function bind(files: Record<string, string>, roots: string[]) {
  const dir = mkdtempSync(join(scratch, 'set-'));
  for (const [name, body] of Object.entries(files)) {
    writeFileSync(join(dir, name), `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" ${body}</xs:schema>`);
  }
  const set = loadEntrySet(dir, Object.keys(files));
  return bindElements(set, roots.map((r) => set.elements.get(r)!));
}

describe('bindElements', () => {
  it('keeps the names the Plesk profile reserves, renames the runtime exports, declares everything shared under types/', () => {
    const model = bind(
      {
        'a.xsd': `targetNamespace="urn:a" xmlns:a="urn:a" elementFormDefault="qualified">
          <xs:complexType name="RequestPacket"><xs:sequence><xs:element name="x" type="a:ParseOptions"/></xs:sequence></xs:complexType>
          <xs:simpleType name="ParseOptions"><xs:restriction base="xs:string"/></xs:simpleType>
          <xs:complexType name="PleskClient"><xs:attribute name="id" type="xs:int"/></xs:complexType>
          <xs:element name="doc"><xs:complexType><xs:sequence><xs:element name="r" type="a:RequestPacket"/><xs:element name="c" type="a:PleskClient"/></xs:sequence></xs:complexType></xs:element>`,
      },
      ['{urn:a}doc'],
    );
    expect(model.declarations.map((d) => [d.name, d.side, d.module]).sort()).toEqual([
      ['Doc', 'shared', 'types/a'],
      ['ParseOptions2', 'shared', 'types/a'],
      ['PleskClient', 'shared', 'types/a'],
      ['RequestPacket', 'shared', 'types/a'],
    ]);
    expect(model.roots.map((r) => ({ xml: r.xml, ns: r.ns, codecName: r.codecName, type: r.type.kind === 'anyType' ? null : r.type.decl.name }))).toEqual([
      { xml: 'doc', ns: 'urn:a', codecName: 'Doc', type: 'Doc' },
    ]);
  });

  it.each<{ what: string; files: Record<string, string>; roots: string[]; want: (string | null)[][] }>([
    {
      what: 'two roots of one local name in two namespaces: each codec led by its namespace prefix',
      files: {
        'a.xsd': `targetNamespace="urn:a" xmlns:a="urn:a" xmlns:b="urn:b"><xs:import namespace="urn:b" schemaLocation="b.xsd"/><xs:element name="item"><xs:complexType/></xs:element>`,
        'b.xsd': `targetNamespace="urn:b" xmlns:b="urn:b"><xs:element name="item"><xs:complexType><xs:attribute name="n"/></xs:complexType></xs:element>`,
      },
      roots: ['{urn:a}item', '{urn:b}item'],
      want: [
        ['AItem', 'AItem'],
        ['BItem', 'BItem'],
      ],
    },
    {
      what: 'a root of a named type: the type is the declaration, the codec is named after the element',
      files: { 'a.xsd': `><xs:complexType name="OrderType"><xs:attribute name="id"/></xs:complexType><xs:element name="order" type="OrderType"/>` },
      roots: ['order'],
      want: [['Order', 'OrderType']],
    },
    {
      what: 'a root of a built-in simple type gets a declaration of its own',
      files: { 'a.xsd': `><xs:element name="note" type="xs:string"/>` },
      roots: ['note'],
      want: [['Note', 'Note']],
    },
    {
      what: 'an untyped root is anyType',
      files: { 'a.xsd': `><xs:element name="any"/>` },
      roots: ['any'],
      want: [['Any', null]],
    },
  ])('$what', ({ files, roots, want }) => {
    const model = bind(files, roots);
    expect(model.roots.map((r) => [r.codecName, r.type.kind === 'anyType' ? null : r.type.decl.name])).toEqual(want);
    expect(model.roots.map((r) => qnameKey({ ns: r.ns, local: r.xml }))).toEqual(roots);
  });
});
