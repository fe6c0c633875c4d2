/**
 * `xsi:type` (issue 14, item 3): where an element is declared with an abstract type, the
 * document names the derived type it holds with `xsi:type`, and the value names it in `$type`
 * (`XsiTyped`, a typed discriminant), read and written. Given: a small namespaced schema and
 * instance documents; want: libxml2's verdict (checked against libxml2 itself), the strict
 * parser's, the value read, and what the serializer writes from it: a document libxml2 accepts
 * that reads back to the same value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { XS_NS } from '../../generator/model/index.js';
import { featureSchema, readAndWrite, type FeatureSchema } from '../support/feature-schema.js';

const NS = 'urn:example:map';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="${XS_NS}" xmlns:m="${NS}" targetNamespace="${NS}" elementFormDefault="qualified">
  <xs:complexType name="Location" abstract="true">
    <xs:sequence><xs:element name="name" type="xs:string" minOccurs="0"/></xs:sequence>
    <xs:attribute name="id" type="xs:string"/>
  </xs:complexType>
  <xs:complexType name="Point">
    <xs:complexContent><xs:extension base="m:Location"><xs:sequence><xs:element name="x" type="xs:int"/><xs:element name="y" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
  <xs:complexType name="Linear">
    <xs:complexContent><xs:extension base="m:Location"><xs:sequence><xs:element name="from" type="xs:int"/><xs:element name="to" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
  <!-- derived from a derived type: stands for Location too -->
  <xs:complexType name="NamedPoint">
    <xs:complexContent><xs:extension base="m:Point"><xs:attribute name="label" type="xs:string"/></xs:extension></xs:complexContent>
  </xs:complexType>
  <!-- abstract itself: never a stand-in -->
  <xs:complexType name="Area" abstract="true">
    <xs:complexContent><xs:extension base="m:Location"/></xs:complexContent>
  </xs:complexType>
  <!-- a concrete type with a derived one -->
  <xs:complexType name="Plain"><xs:sequence><xs:element name="v" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="PlainPlus">
    <xs:complexContent><xs:extension base="m:Plain"><xs:sequence><xs:element name="w" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
  <xs:element name="atlas">
    <xs:complexType><xs:sequence>
      <xs:element name="location" type="m:Location" maxOccurs="unbounded"/>
      <xs:element name="plain" type="m:Plain" minOccurs="0"/>
    </xs:sequence></xs:complexType>
    <!-- identity fields inside a derived type's content are read through that type -->
    <xs:unique name="pointX"><xs:selector xpath="m:location"/><xs:field xpath="m:x"/></xs:unique>
  </xs:element>
</xs:schema>
`;

const doc = (body: string) => `<atlas xmlns="${NS}" xmlns:xsi="${XSI}" xmlns:m="${NS}">${body}</atlas>`;

describe('xsi:type', () => {
  let f: FeatureSchema;
  beforeAll(async () => {
    f = await featureSchema('xsi-type', SCHEMA, { roots: ['atlas'], targetNamespace: NS });
  }, 60_000);
  afterAll(() => f?.dispose());

  /** [name, body, libxml2 accepts, the value read (or a pattern of the parser's refusal)]. */
  const table: [name: string, body: string, valid: boolean, want: unknown][] = [
    [
      'derived types named with and without a prefix, in document order',
      '<location xsi:type="Point" id="a"><x>1</x><y>2</y></location><location xsi:type="m:Linear"><name>A1</name><from>3</from><to>4</to></location>',
      true,
      { atlas: { location: [{ $type: 'Point', id: 'a', x: 1, y: 2 }, { $type: 'Linear', name: 'A1', from: 3, to: 4 }] } },
    ],
    ['a type derived from a derived type', '<location xsi:type="NamedPoint" label="p"><x>1</x><y>2</y></location>', true, { atlas: { location: [{ $type: 'NamedPoint', label: 'p', x: 1, y: 2 }] } }],
    ['the declared type itself, where it is concrete', '<location xsi:type="Point"><x>1</x><y>2</y></location><plain xsi:type="Plain"><v>a</v></plain>', true, { atlas: { location: [{ $type: 'Point', x: 1, y: 2 }], plain: { v: 'a' } } }],
    ['an abstract type without xsi:type', '<location><name>a</name></location>', false, /Location is abstract/],
    ['an xsi:type naming an abstract type', '<location xsi:type="Area"/>', false, /xsi:type/],
    ['an xsi:type naming a type not derived from the declared one', '<location xsi:type="Plain"><v>a</v></location>', false, /xsi:type/],
    ['an xsi:type naming an undefined type', '<location xsi:type="Nowhere"/>', false, /xsi:type/],
    ['an xsi:type with an undeclared prefix', '<location xsi:type="q:Point"><x>1</x><y>2</y></location>', false, /xsi:type/],
    ['identity fields typed by the xsi:type (01 is 1)', '<location xsi:type="Point"><x>1</x><y>2</y></location><location xsi:type="NamedPoint"><x>01</x><y>3</y></location>', false, /duplicate key-sequence \['1'\] in unique ".*pointX"/],
    ['the content is the named type\'s', '<location xsi:type="Point"><from>1</from><to>2</to></location>', false, /./],
  ];

  it.each(table)('%s', (_name, body, valid, want) => {
    const xml = doc(body);
    const libxml2 = f.libxml2.validate(f.instance(xml));
    expect(libxml2.valid, libxml2.errors.join('; ')).toBe(valid);
    const r = readAndWrite(f, xml);
    if (!valid) {
      expect(r.ok ? 'accepted' : r.error.name).toBe('SchemaViolationError');
      if (!r.ok) expect(r.error.message).toMatch(want as RegExp);
      return;
    }
    if (!r.ok) throw r.error;
    expect(r.value).toEqual(want);
    expect(f.libxml2.validate(f.instance(r.written)).errors).toEqual([]);
    const again = readAndWrite(f, r.written);
    expect(again.ok && again.value).toEqual(want);
  });

  it('a concrete declared type with xsi:type naming a derived type is refused (a documented difference from libxml2)', () => {
    const xml = doc('<location xsi:type="Point"><x>1</x><y>2</y></location><plain xsi:type="PlainPlus"><v>a</v><w>b</w></plain>');
    expect(f.libxml2.validate(f.instance(xml)).valid).toBe(true);
    const r = readAndWrite(f, xml);
    expect(r.ok ? 'accepted' : r.error.message).toMatch(/xsi:type .*PlainPlus.* (only|where)/);
  });

  it('refuses to write a value without $type, or with a $type that is no stand-in, naming the path', () => {
    const write = (location: unknown) => () => f.codecs.serializeRequest({ doc: [{ atlas: { location: [location] } }] });
    expect(write({ x: 1, y: 2 })).toThrow(/location\[0\]\.\$type: type Location is abstract: \$type must name the type of the value, one of "Point", "Linear", "NamedPoint"/);
    expect(write({ $type: 'Area' })).toThrow(/not the string "Area"/);
    expect(write({ $type: 'Point', x: 1, y: 2, from: 3 })).toThrow(/unknown property/);
  });

  it('types an abstract type\'s element as the union of its stand-ins, discriminated by $type', () => {
    writeFileSync(
      join(f.codecs.tree, 'consumer.ts'),
      `import type { Atlas, LocationDerived } from './index.js';
const ok: Atlas = { location: [{ $type: 'Point', x: 1, y: 2 }, { $type: 'NamedPoint', x: 1, y: 2, label: 'a' }, { $type: 'Linear', from: 1, to: 2 }] };
// @ts-expect-error an abstract type's value names its type
const untyped: Atlas = { location: [{ x: 1, y: 2 }] };
// @ts-expect-error an abstract type is no stand-in
const area: Atlas = { location: [{ $type: 'Area' }] };
// @ts-expect-error the content is the named type's
const mixedUp: Atlas = { location: [{ $type: 'Point', from: 1, to: 2 }] };
export function east(l: LocationDerived): number {
  switch (l.$type) {
    case 'Linear':
      return l.to;
    default:
      return l.x;
  }
}
void ok; void untyped; void area; void mixedUp;
`,
    );
    expect(f.typecheck()).toBe('');
  }, 120_000);
});
