/**
 * Fixed values (`fixed="…"` on elements and attributes) as libxml2 checks them: an element's text
 * must be the fixed text as written; an attribute of an atomic type is compared as a value
 * (`fixed="  123  "` of an integer is `123`, so `att="123"` fits), of a list or a union as its
 * whitespace-collapsed text (`'1 true'` is not `'true true'` of a list of booleans although their
 * items are equal); an empty element takes its fixed value. The reader
 * compared list values as objects (every list refused), and the writer compared the canonical text
 * with the fixed value as written (`123` against `  123  `, `a b` against `a  b`: refused what it
 * had read) and wrote a list's items canonically (`1` → `true`: libxml2 refused the output); a value equal
 * to the fixed one is now written as the fixed text where libxml2 compares text.
 * Found with the W3C XSD test suite (msData attribute attO006–11, element elemQ019, simpleType
 * stE091–93). Given: such declarations; want: libxml2's verdict, accepted documents written back
 * as libxml2 accepts them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreRow, coreSchema, type CoreSchema } from '../support/core-schema.js';

const XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="Flags"><xs:list itemType="xs:boolean"/></xs:simpleType>
  <xs:simpleType name="IntOrWord"><xs:union memberTypes="xs:int xs:NCName"/></xs:simpleType>
  <xs:element name="doc">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="flags" type="Flags" fixed="1  true&#10;false" minOccurs="0"/>
        <xs:element name="word" type="IntOrWord" fixed="007" minOccurs="0"/>
        <xs:element name="greeting" type="xs:string" fixed="Hello" minOccurs="0"/>
        <xs:element name="count" type="xs:int" fixed="12" minOccurs="0"/>
        <xs:element name="padded" type="xs:int" fixed=" 12 " minOccurs="0"/>
      </xs:sequence>
      <xs:attribute name="n" type="xs:integer" fixed="    123         "/>
      <xs:attribute name="tokens" type="xs:NMTOKENS" fixed="&#10;&#9;X&#9;&#10;Y&#10;"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;

describe('fixed values, as libxml2 checks them', () => {
  let f: CoreSchema;
  beforeAll(async () => {
    f = await coreSchema('fixed', { 'f.xsd': XSD }, 'f.xsd', ['doc']);
  }, 60_000);
  afterAll(() => f?.dispose());

  it.each<[string, string, boolean, string?]>([
    ['an integer attribute: the same value, other text', '<doc n="0123  "/>', true, '<doc n="123"/>'],
    ['a list attribute: the same items, other spacing', '<doc tokens="X   Y"/>', true, '<doc tokens="X Y"/>'],
    ['a list attribute with other items', '<doc tokens="X Z"/>', false],
    ['a list element: the fixed text as written', '<doc><flags>1  true\nfalse</flags></doc>', true],
    ['a list element: the fixed items, other spacing (libxml2 compares an element\'s text as is)', '<doc><flags>1 true false</flags></doc>', false],
    ['a list element: equal items, other text (libxml2 compares the text)', '<doc><flags>true true false</flags></doc>', false],
    ['a union element: its fixed text', '<doc><word>007</word></doc>', true],
    ['a union element: the same number, other text', '<doc><word>7</word></doc>', false],
    ['an empty element takes its fixed value', '<doc><greeting/></doc>', true, '<doc><greeting>Hello</greeting></doc>'],
    ['another string', '<doc><greeting>Hi</greeting></doc>', false],
    ['an int element: the fixed text', '<doc><count>12</count></doc>', true],
    ['an int element: the same value, other text (libxml2 compares an element\'s text as is)', '<doc><count>012</count></doc>', false],
    ['an int element whose fixed text has spaces: that text', '<doc><padded> 12 </padded></doc>', true],
    ['… without them', '<doc><padded>12</padded></doc>', false],
    ['an int element: another value', '<doc><count>13</count></doc>', false],
  ])('%s', (_, xml, valid, written) => {
    coreRow(f, 'Doc', xml, valid, written === undefined ? {} : { written });
  });

  it('a value built in code that equals a list\'s fixed value is written as the fixed text', () => {
    const xml = String(f.codec.serializeDoc!({ flags: [true, true, false] })).replace(/^<\?xml[^>]*\?>\s*/, '');
    expect(xml).toBe('<doc><flags>1  true\nfalse</flags></doc>');
    expect(f.libxml2(xml)).toBe('');
    expect(() => f.codec.serializeDoc!({ flags: [false] })).toThrow(/must be the fixed value/);
  });
});
