/**
 * The namespace constraints of wildcards (`xs:any`, `xs:anyAttribute`) in a schema with a target
 * namespace. `##other` admits any namespace but the schema's own, and not the absence of one;
 * `##targetNamespace` admits the schema's own. The runtime used to read both as if the schema had
 * no target namespace (`##other`: any namespace, the schema's own included; `##targetNamespace`:
 * none), and `xs:anyAttribute` admitted every attribute whatever its constraint. Given: such
 * wildcards; want: libxml2's verdict, and accepted documents read and written back unchanged.
 * (The writer does not check the names of `$attrs` against the constraint.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreRow, coreSchema, type CoreSchema } from '../support/core-schema.js';
import { wildcardNamespaces } from '../../generator/binding/collect.js';

const XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:w="urn:w" targetNamespace="urn:w" elementFormDefault="qualified">
  <xs:element name="doc">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="ext" minOccurs="0"><xs:complexType><xs:sequence>
          <xs:any namespace="##other" processContents="skip" maxOccurs="unbounded"/>
        </xs:sequence></xs:complexType></xs:element>
        <xs:element name="own" minOccurs="0"><xs:complexType><xs:sequence>
          <xs:any namespace="##targetNamespace" processContents="skip"/>
        </xs:sequence></xs:complexType></xs:element>
        <xs:element name="listed" minOccurs="0"><xs:complexType><xs:sequence>
          <xs:any namespace="##local urn:f" processContents="skip"/>
        </xs:sequence></xs:complexType></xs:element>
      </xs:sequence>
      <xs:attribute name="id" type="xs:string"/>
      <xs:anyAttribute namespace="##other" processContents="skip"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;

const doc = (attrs: string, body: string) => (body === '' ? `<doc xmlns="urn:w"${attrs}/>` : `<doc xmlns="urn:w"${attrs}>${body}</doc>`);

describe('wildcard namespace constraints under a target namespace', () => {
  let f: CoreSchema;
  beforeAll(async () => {
    f = await coreSchema('wildcard-ns', { 'w.xsd': XSD }, 'w.xsd', ['{urn:w}doc']);
  }, 60_000);
  afterAll(() => f?.dispose());

  it.each<[string, string, boolean]>([
    ['##other: an element of another namespace', doc('', '<ext><f:x xmlns:f="urn:f"/></ext>'), true],
    ['##other: an element of the target namespace', doc('', '<ext><x/></ext>'), false],
    ['##other: an element in no namespace', doc('', '<ext><x xmlns=""/></ext>'), false],
    ['##targetNamespace: an element of the target namespace', doc('', '<own><y/></own>'), true],
    ['##targetNamespace: an element of another namespace', doc('', '<own><f:y xmlns:f="urn:f"/></own>'), false],
    ['##local and a URI: an element in no namespace', doc('', '<listed><z xmlns=""/></listed>'), true],
    ['##local and a URI: an element of that namespace', doc('', '<listed><f:z xmlns:f="urn:f"/></listed>'), true],
    ['##local and a URI: an element of the target namespace', doc('', '<listed><z/></listed>'), false],
    ['anyAttribute ##other: an attribute of another namespace', doc(' f:a="1" xmlns:f="urn:f"', ''), true],
    ['anyAttribute ##other: an attribute of the XML namespace', doc(' xml:lang="en"', ''), true],
    ['anyAttribute ##other: an unqualified attribute not declared', doc(' a="1"', ''), false],
    ['anyAttribute ##other: an attribute of the target namespace', doc(' xmlns:w="urn:w" w:a="1"', ''), false],
    ['a declared attribute', doc(' id="x"', ''), true],
  ])('%s', (_, xml, valid) => {
    coreRow(f, 'Doc', xml, valid);
  });

  it.each<[string, string | null, string]>([
    ['##any', 'urn:w', '##any'],
    ['##other', 'urn:w', '##other !urn:w'],
    ['##other', null, '##other'],
    ['##targetNamespace ##local', 'urn:w', 'urn:w ##local'],
    ['##targetNamespace', null, '##targetNamespace'],
    ['  urn:a \n urn:b ', 'urn:w', 'urn:a urn:b'],
  ])('the constraint %j in a schema with target namespace %j reads %j', (namespace, targetNamespace, want) => {
    expect(wildcardNamespaces({ namespace, targetNamespace, processContents: 'lax' })).toBe(want);
  });
});
