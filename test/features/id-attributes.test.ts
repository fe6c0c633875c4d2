/**
 * Attributes of `xs:ID` types (and types derived from it) are unique in a document: libxml2
 * refuses a second attribute with the same ID value, wherever it is, and so does the strict
 * parser now (it accepted them). As libxml2 does, it checks neither elements of ID types nor
 * that an `xs:IDREF` names an ID of the document. Given: IDs on elements of two kinds, an
 * IDREF and an element of type ID; want: libxml2's verdict, and accepted documents read and
 * written back unchanged. (The writer does not check ID uniqueness: a value with two equal IDs
 * is written as given.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreRow, coreSchema, type CoreSchema } from '../support/core-schema.js';

const XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:g="urn:g" targetNamespace="urn:g" elementFormDefault="qualified">
  <xs:simpleType name="Key"><xs:restriction base="xs:ID"><xs:maxLength value="8"/></xs:restriction></xs:simpleType>
  <xs:element name="graph">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="node" minOccurs="0" maxOccurs="unbounded">
          <xs:complexType><xs:attribute name="id" type="g:Key" use="required"/></xs:complexType>
        </xs:element>
        <xs:element name="edge" minOccurs="0" maxOccurs="unbounded">
          <xs:complexType>
            <xs:attribute name="key" type="xs:ID"/>
            <xs:attribute name="to" type="xs:IDREF"/>
          </xs:complexType>
        </xs:element>
        <xs:element name="label" type="xs:ID" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;

const g = (body: string) => `<graph xmlns="urn:g">${body}</graph>`;

describe('xs:ID attributes are unique in a document', () => {
  let f: CoreSchema;
  beforeAll(async () => {
    f = await coreSchema('ids', { 'g.xsd': XSD }, 'g.xsd', ['{urn:g}graph']);
  }, 60_000);
  afterAll(() => f?.dispose());

  it.each<[string, string, boolean]>([
    ['distinct IDs', g('<node id="a"/><node id="b"/><edge key="c" to="a"/>'), true],
    ['one ID on two elements of one kind', g('<node id="a"/><node id="a"/>'), false],
    ['one ID on elements of two kinds', g('<node id="a"/><edge key="a"/>'), false],
    ['IDs equal after whitespace collapse', g('<node id="a"/><edge key=" a "/>'), false],
    ['an IDREF to no ID (libxml2 does not check it)', g('<node id="a"/><edge to="zz"/>'), true],
    ['an element of type ID with an attribute\'s ID value (not checked either)', g('<node id="a"/><label>a</label><label>a</label>'), true],
  ])('%s', (_, xml, valid) => {
    coreRow(f, 'Graph', xml, valid);
  });

  it('names the duplicate and where its first occurrence is', () => {
    expect(() => f.codec.parseGraph(g('<node id="a"/>\n<edge key="a"/>'))).toThrow(/graph\.edge\[0\]\.key: duplicate xs:ID value "a": already the ID of graph\.node\[0\]\.id \(line 1, column \d+\) \(line 2, column \d+\)/);
  });
});
