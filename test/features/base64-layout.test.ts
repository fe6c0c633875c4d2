/**
 * `xs:base64Binary` text keeps its layout on a round trip. Base64 is commonly written in lines
 * (certificates, signature values, embedded files); its whiteSpace facet is collapse, so the line
 * breaks are layout, not value. The parser checks the collapsed text, but keeps the text as
 * written as the value (every base64 decoder skips the whitespace), so the writer gives the
 * document back as it was: a signature over it, or a digest of the element, still holds (it used
 * to write the collapsed form: line breaks became spaces). Given: an element and an attribute of
 * base64 types; want: libxml2's verdict, and accepted documents read and written back unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreRow, coreSchema, type CoreSchema } from '../support/core-schema.js';

const XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:k="urn:keys" targetNamespace="urn:keys" elementFormDefault="qualified">
  <xs:simpleType name="Digest"><xs:restriction base="xs:base64Binary"><xs:length value="4"/></xs:restriction></xs:simpleType>
  <xs:element name="keys">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="cert" type="xs:base64Binary" maxOccurs="unbounded"/>
        <xs:element name="digest" type="k:Digest" minOccurs="0"/>
      </xs:sequence>
      <xs:attribute name="thumb" type="xs:base64Binary"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;

const PEM = '\n      TUlJQklqQU5CZ2txaGtpRzl3MEJBUUVGQUFPQ0FROEFNSUlCQ2dLQ0FRRUFrUW9qSVB0WCtC\n      WUdHQzJm\n    ';

describe('base64Binary text keeps its layout', () => {
  let f: CoreSchema;
  beforeAll(async () => {
    f = await coreSchema('base64', { 'keys.xsd': XSD }, 'keys.xsd', ['{urn:keys}keys']);
  }, 60_000);
  afterAll(() => f?.dispose());

  it.each<[string, string, boolean]>([
    ['base64 in lines, indented', `<keys xmlns="urn:keys"><cert>${PEM}</cert></keys>`, true],
    ['on one line with spaces between groups', `<keys xmlns="urn:keys"><cert>QUJD REVG</cert></keys>`, true],
    ['a length facet counted on the decoded octets, text in lines', `<keys xmlns="urn:keys"><cert>QQ==</cert><digest>\n  AAEC\n  Aw==\n</digest></keys>`, true],
    ['a length facet not met', `<keys xmlns="urn:keys"><cert>QQ==</cert><digest>AAEC</digest></keys>`, false],
    ['a length that is no whole number of quads', `<keys xmlns="urn:keys"><cert>\n  QUJD\n  REV\n</cert></keys>`, false],
    ['an attribute with spaces between groups', `<keys xmlns="urn:keys" thumb="QUJD REVG"><cert>QQ==</cert></keys>`, true],
  ])('%s', (_, xml, valid) => {
    coreRow(f, 'Keys', xml, valid);
  });

  it('the value is the text as written', () => {
    const v = f.codec.parseKeys(`<keys xmlns="urn:keys"><cert>${PEM}</cert></keys>`) as { cert: string[] };
    expect(v.cert[0]).toBe(PEM);
    expect(Buffer.from(v.cert[0]!, 'base64').toString()).toMatch(/^MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAkQojIPtX\+BYGGC2f$/);
  });
});
