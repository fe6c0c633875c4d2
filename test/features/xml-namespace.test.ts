/**
 * Attributes of the XML namespace (`xml:lang`, `xml:space`) referenced from a schema that imports
 * that namespace's schema, through the general core. The `xml` prefix is bound by definition and
 * may not be declared for anything else, nor that namespace given another prefix: the writer must
 * write `xml:lang`, never a prefix of its own declared for the XML namespace (a document libxml2
 * refuses as not well-formed). Given: a schema document for the XML namespace written here, and a
 * namespaced and a no-namespace document using it; want: libxml2's verdict, and an accepted
 * document read and written back unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreRow, coreSchema, type CoreSchema } from '../support/core-schema.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const XML_XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${XML_NS}">
  <xs:attribute name="lang" type="xs:language"/>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
  </xs:restriction></xs:simpleType></xs:attribute>
</xs:schema>
`;

const NOTES_XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xml="${XML_NS}" xmlns:n="urn:notes"
    targetNamespace="urn:notes" elementFormDefault="qualified">
  <xs:import namespace="${XML_NS}" schemaLocation="xml.xsd"/>
  <xs:element name="notes">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="note" maxOccurs="unbounded">
          <xs:complexType>
            <xs:simpleContent>
              <xs:extension base="xs:string"><xs:attribute ref="xml:lang"/><xs:attribute ref="xml:space"/></xs:extension>
            </xs:simpleContent>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
      <xs:attribute ref="xml:lang" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;

const PLAIN_XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="${XML_NS}" schemaLocation="xml.xsd"/>
  <xs:element name="label"><xs:complexType><xs:attribute ref="xml:lang"/></xs:complexType></xs:element>
</xs:schema>
`;

describe('attributes of the XML namespace', () => {
  let ns: CoreSchema;
  let plain: CoreSchema;
  beforeAll(async () => {
    ns = await coreSchema('xml-ns', { 'xml.xsd': XML_XSD, 'notes.xsd': NOTES_XSD }, 'notes.xsd', ['{urn:notes}notes']);
    plain = await coreSchema('xml-plain', { 'xml.xsd': XML_XSD, 'label.xsd': PLAIN_XSD }, 'label.xsd', ['label']);
  }, 60_000);
  afterAll(() => {
    ns?.dispose();
    plain?.dispose();
  });

  it.each<[string, string, boolean]>([
    ['xml:lang on the root and on a simple-content child', `<notes xmlns="urn:notes" xml:lang="en"><note xml:lang="de-CH">Hallo</note><note>hi</note></notes>`, true],
    ['xml:space with one of its values', `<notes xmlns="urn:notes" xml:lang="en"><note xml:space="preserve"> a </note></notes>`, true],
    ['xml:space with another value', `<notes xmlns="urn:notes" xml:lang="en"><note xml:space="keep">a</note></notes>`, false],
    ['a required xml:lang missing', `<notes xmlns="urn:notes"><note>a</note></notes>`, false],
    ['xml:lang that is no language tag', `<notes xmlns="urn:notes" xml:lang="not a tag"><note>a</note></notes>`, false],
  ])('namespaced document: %s', (_, xml, valid) => {
    coreRow(ns, 'Notes', xml, valid);
  });

  it('reads xml:lang into a property and writes it with the xml prefix, undeclared', () => {
    const value = ns.codec.parseNotes(`<notes xmlns="urn:notes" xml:lang="en"><note xml:lang="fr">x</note></notes>`);
    expect(value).toMatchObject({ lang: 'en', note: [{ lang: 'fr' }] });
    const written = String(ns.codec.serializeNotes(value));
    expect(written).toContain(' xml:lang="en"');
    expect(written).not.toMatch(/xmlns:\w+="http:\/\/www\.w3\.org\/XML\/1998\/namespace"/);
  });

  it.each<[string, string, boolean]>([
    ['xml:lang on a no-namespace root', `<label xml:lang="nl"/>`, true],
    ['without it', `<label/>`, true],
  ])('no-namespace document: %s', (_, xml, valid) => {
    coreRow(plain, 'Label', xml, valid);
  });

  it('type-checks', () => {
    expect(ns.typecheck()).toBe('');
  });
});
