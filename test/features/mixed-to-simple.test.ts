/**
 * XML Schema 1.0 (3.4.3, Complex Type Definition Representation OK, clause 2.2) lets a
 * `simpleContent` restriction take as its base a complex type whose content is mixed and may be
 * empty, provided the restriction gives the text's `<simpleType>`: an abstract "value" type of
 * text and optional markup, refined into a boolean or a bounded string value (SDMX's common
 * `ValueType` is written so). The resolver refused every such restriction ("which has no simple
 * content"), so the whole set failed to generate. Given: such a base and restrictions, an element
 * of the base type taking them by `xsi:type`; want: the set generates, the restricted types read
 * and write their text as their simple type, libxml2's verdicts on documents; a base whose
 * content is not emptiable, or a restriction without `<simpleType>`, stays a schema error as in
 * libxml2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFromXsd } from '../../generator/core/generate.js';
import { coreRow, coreSchema, type CoreSchema } from '../support/core-schema.js';
import { SchemaError } from '../../generator/model/types.js';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCRATCH_DIR } from '../support/tree.js';
import { xsdJudge } from '../support/libxml.js';

const schema = (base: string, restriction: string): string => `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:v" targetNamespace="urn:v" elementFormDefault="qualified">
  <xs:element name="note" type="xs:string"/>
  <xs:complexType name="Value" abstract="true" mixed="true">
    ${base}
  </xs:complexType>
  <xs:complexType name="Flag">
    <xs:simpleContent>
      <xs:restriction base="Value">
        ${restriction}
      </xs:restriction>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="Short">
    <xs:simpleContent>
      <xs:restriction base="Value">
        <xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>
      </xs:restriction>
    </xs:simpleContent>
  </xs:complexType>
  <xs:element name="values">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="value" type="Value" maxOccurs="unbounded"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;
const EMPTIABLE = '<xs:choice minOccurs="0"><xs:element ref="note" maxOccurs="unbounded"/></xs:choice>';
const FLAG = '<xs:simpleType><xs:restriction base="xs:boolean"/></xs:simpleType>';
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

describe('simpleContent restriction of a mixed type that may be empty', () => {
  let f: CoreSchema;
  beforeAll(async () => {
    f = await coreSchema('mixed-to-simple', { 'v.xsd': schema(EMPTIABLE, FLAG) }, 'v.xsd', ['values']);
  }, 60_000);
  afterAll(() => f?.dispose());

  it('a boolean and a short string by xsi:type', () => {
    coreRow(f, 'Values', `<values xmlns="urn:v" ${XSI}><value xsi:type="Flag">true</value><value xsi:type="Short">abc</value></values>`, true, {
      value: { value: [{ $type: 'Flag', value: true }, { $type: 'Short', value: 'abc' }] },
      written: `<values xmlns="urn:v"><value xsi:type="Flag" ${XSI}>true</value><value xsi:type="Short" ${XSI}>abc</value></values>`,
    });
  });

  it.each<[string, string, boolean]>([
    ['a value outside the restriction\'s simple type', `<values xmlns="urn:v" ${XSI}><value xsi:type="Flag">yes</value></values>`, false],
    ['a string over the restriction\'s maxLength', `<values xmlns="urn:v" ${XSI}><value xsi:type="Short">abcd</value></values>`, false],
    ['markup where the restriction has simple content', `<values xmlns="urn:v" ${XSI}><value xsi:type="Short"><note>n</note></value></values>`, false],
  ])('%s', (_, xml, valid) => {
    coreRow(f, 'Values', xml, valid);
  });

  it('the tree type-checks', () => {
    expect(f.typecheck()).toBe('');
  });

  it.each([
    ['a base whose content may not be empty', schema('<xs:sequence><xs:element ref="note"/></xs:sequence>', FLAG)],
    ['a restriction without <simpleType>', schema(EMPTIABLE, '')],
  ])('%s stays a schema error (as in libxml2)', (_, xsd) => {
    mkdirSync(SCRATCH_DIR, { recursive: true });
    const dir = mkdtempSync(join(SCRATCH_DIR, 'mixed-to-simple-'));
    try {
      writeFileSync(join(dir, 'v.xsd'), xsd);
      expect(() => xsdJudge(join(dir, 'v.xsd'))).toThrow();
      let error: unknown;
      try {
        generateFromXsd({ xsd: [join(dir, 'v.xsd')], roots: ['values'] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SchemaError);
      expect(String((error as Error).message)).toMatch(/v\.xsd:\d+: simpleContent restriction of "\{urn:v\}Value", which has no simple content/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
