/**
 * Content processed laxly — an element without a type (`xs:anyType`) or a lax wildcard — holds
 * an element that a global declaration of the set other than `<packet>` declares. libxml2
 * validates such an element against that declaration, at any depth; the strict parser checked
 * only `<packet>` and let the rest through. A Plesk set has such a declaration: descriptor.xsd
 * declares `<descriptor>` (ObjectDescriptor) globally, and a descriptor's `<extension>` is a lax
 * wildcard, so `<extension><descriptor><bogus/></descriptor></extension>` in a
 * `get-limit-descriptor` answer is refused by libxml2 (and so by Plesk) but was accepted here.
 * The set's other global elements now come with the root (`RootDesc.globals`), and lax content
 * checks each of them, reading and writing. Given: such content; want: libxml2's verdict, the
 * path of the violation, and valid content read, written back and read back equal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRow, featureSchema, type FeatureSchema } from '../support/feature-schema.js';
import { packetDifference } from '../support/codec.js';

// `card` is a global element that is not a document root: only lax content can hold it.
const XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:element name="note">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="flag" minOccurs="0"/>
        <xs:element name="ext" minOccurs="0">
          <xs:complexType><xs:sequence><xs:any namespace="##targetNamespace" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="raw" minOccurs="0">
          <xs:complexType><xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:element name="card">
    <xs:complexType><xs:sequence><xs:element name="n" type="xs:int"/></xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>
`;

describe('lax content holding a global element other than the root', () => {
  let f: FeatureSchema;
  beforeAll(async () => {
    f = await featureSchema('lax-globals', XSD, { roots: ['note'] });
  }, 120_000);
  afterAll(() => f?.dispose());

  const refused = (xml: string): { path: string; message: string; line?: number; column?: number }[] => {
    try {
      f.codecs.parseRequest(f.instance(xml));
    } catch (error) {
      return (error as { violations: { path: string; message: string }[] }).violations;
    }
    throw new Error('accepted');
  };

  it.each<[string, string, string[]]>([
    ['in an untyped element', '<note><flag><card><n>x</n></card></flag></note>', ['packet.doc[0].note.flag.card.n']],
    ['in an untyped element, deeper', '<note><flag><a><b><card/></b></a></flag></note>', ['packet.doc[0].note.flag.a.b.card.n']],
    ['matched by a lax wildcard', '<note><ext><card><n>x</n></card></ext></note>', ['packet.doc[0].note.ext.any[0].n']],
    ['inside an element a lax wildcard matched', '<note><ext><a/><other><card><bogus/></card></other></ext></note>', ['packet.doc[0].note.ext.any[1].card.bogus', 'packet.doc[0].note.ext.any[1].card.n']],
  ])('%s: refused as libxml2 refuses it, with the path', (_, xml, paths) => {
    expect(f.libxml2.validate(f.instance(xml)).valid).toBe(false);
    const violations = refused(xml);
    expect(violations.map((v) => v.path)).toEqual(paths);
    expect(violations[0]!.line).toBe(1);
  });

  it('reports where in the document the wildcard content breaks the declaration', () => {
    const xml = '<note>\n<ext>\n  <other>\n    <card><n>x</n></card>\n  </other>\n</ext>\n</note>';
    const v = refused(xml)[0]!;
    expect([v.path, v.line, v.column]).toEqual(['packet.doc[0].note.ext.any[0].card.n', 4, 11]); // at <n>
  });

  it.each<[string, string]>([
    ['a valid global element in an untyped element', '<note><flag><x><card><n>1</n></card></x></flag></note>'],
    ['a valid global element matched by a lax wildcard', '<note><ext><card><n>2</n></card><other><card><n>3</n></card></other></ext></note>'],
    ['anything in a skip wildcard', '<note><raw><card><n>x</n></card></raw></note>'],
  ])('%s: accepted, written back the same and valid', (_, xml) => {
    const value = f.codecs.parseRequest(f.instance(xml));
    const written = f.codecs.serializeRequest(value);
    expect(packetDifference(written, f.instance(xml))).toBeNull();
    expect(f.libxml2.validate(written).errors).toEqual([]);
    expect(f.codecs.parseRequest(written)).toEqual(value);
  });

  it('reads a lax wildcard element as a fragment, as before', () => {
    expectRow(f, '<note><ext><card><n>4</n></card></ext></note>', true, { note: { ext: { any: [{ xml: '<card><n>4</n></card>' }] } } });
  });

  it('refuses to write lax content that breaks a global declaration', () => {
    const bad = [
      { doc: [{ note: { ext: { any: [{ xml: '<card><n>x</n></card>' }] } } }] },
      { doc: [{ note: { flag: { xml: '<card><n>x</n></card>' } } }] },
    ];
    for (const packet of bad) {
      expect(() => f.codecs.serializeRequest(packet)).toThrow(/SchemaViolation|not a valid|int/);
      expect(f.libxml2.validate(f.codecs.serializeRequest(packet, { validate: false })).valid).toBe(false);
    }
  });
});
