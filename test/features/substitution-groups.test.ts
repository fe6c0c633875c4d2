/**
 * Substitution groups (issue 14, item 3): a reference to a head element accepts every member of
 * its group, transitively, the abstract head not itself; `block` leaves members out. The value
 * is keyed by the element each item is (a typed discriminant), read and written in document
 * order. Given: a small namespaced schema and instance documents; want: libxml2's verdict
 * (checked against libxml2 itself), the strict parser's, the value read, and the same document
 * written back (libxml2 accepts it again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { SchemaError, XS_NS, loadSchemaSet } from '../../generator/model/index.js';
import { expectRow, featureSchema, type FeatureSchema } from '../support/feature-schema.js';

const NS = 'urn:example:drawing';

const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="${XS_NS}" xmlns:d="${NS}" targetNamespace="${NS}" elementFormDefault="qualified">
  <xs:complexType name="Shape"><xs:attribute name="id" type="xs:string"/></xs:complexType>
  <xs:complexType name="Circle">
    <xs:complexContent><xs:extension base="d:Shape"><xs:sequence><xs:element name="r" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
  <xs:complexType name="Square">
    <xs:complexContent><xs:extension base="d:Shape"><xs:sequence><xs:element name="side" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>

  <!-- an abstract head, two members, and a member of a member that takes its head's type -->
  <xs:element name="shape" type="d:Shape" abstract="true"/>
  <xs:element name="circle" type="d:Circle" substitutionGroup="d:shape"/>
  <xs:element name="square" type="d:Square" substitutionGroup="d:shape"/>
  <xs:element name="bigCircle" substitutionGroup="d:circle"/>

  <!-- a head that may appear itself -->
  <xs:element name="note" type="xs:string"/>
  <xs:element name="label" type="xs:token" substitutionGroup="d:note"/>

  <!-- a head that blocks derivation by extension: its member of type Circle is left out -->
  <xs:element name="sealed" type="d:Shape" block="extension"/>
  <xs:element name="sealedCircle" type="d:Circle" substitutionGroup="d:sealed"/>
  <xs:element name="sealedPlain" type="d:Shape" substitutionGroup="d:sealed"/>

  <!-- a head whose TYPE blocks derivation by extension: the same, through the type -->
  <xs:complexType name="Guarded" block="extension"><xs:attribute name="id" type="xs:string"/></xs:complexType>
  <xs:complexType name="GuardedPlus"><xs:complexContent><xs:extension base="d:Guarded"><xs:attribute name="n" type="xs:int"/></xs:extension></xs:complexContent></xs:complexType>
  <xs:element name="guard" type="d:Guarded"/>
  <xs:element name="guardPlus" type="d:GuardedPlus" substitutionGroup="d:guard"/>
  <xs:element name="guardSame" type="d:Guarded" substitutionGroup="d:guard"/>

  <xs:element name="drawing">
    <xs:complexType><xs:sequence>
      <xs:element ref="d:shape" maxOccurs="unbounded"/>
      <xs:element ref="d:note" minOccurs="0"/>
      <xs:element ref="d:sealed" minOccurs="0"/>
      <xs:element ref="d:guard" minOccurs="0"/>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>
`;

/** Written as the serializer writes it: the namespace as the default one. */
const doc = (body: string) => `<drawing xmlns="${NS}">${body}</drawing>`;

describe('substitution groups', () => {
  let f: FeatureSchema;
  beforeAll(async () => {
    f = await featureSchema('substitution', SCHEMA, { roots: ['drawing'], targetNamespace: NS });
  }, 60_000);
  afterAll(() => f?.dispose());

  const table: [name: string, body: string, valid: boolean, value?: unknown][] = [
    [
      'members of an abstract head, in document order, keyed by element',
      '<square id="s"><side>2</side></square><circle><r>1</r></circle><square><side>3</side></square>',
      true,
      { drawing: { shape: [{ square: { id: 's', side: 2 } }, { circle: { r: 1 } }, { square: { side: 3 } }] } },
    ],
    ['a member of a member (transitive), typed by its head', '<bigCircle><r>9</r></bigCircle>', true, { drawing: { shape: [{ bigCircle: { r: 9 } }] } }],
    ['a non-abstract head itself', '<circle><r>1</r></circle><note>n</note>', true, { drawing: { shape: [{ circle: { r: 1 } }], note: 'n' } }],
    ['a member in place of a non-abstract head', '<circle><r>1</r></circle><label>a b</label>', true, { drawing: { shape: [{ circle: { r: 1 } }], label: 'a b' } }],
    ['a member the head does not block', '<circle><r>1</r></circle><sealedPlain id="p"/>', true, { drawing: { shape: [{ circle: { r: 1 } }], sealedPlain: { id: 'p' } } }],
    ['a member the head\'s type does not block', '<circle><r>1</r></circle><guardSame id="g"/>', true, { drawing: { shape: [{ circle: { r: 1 } }], guardSame: { id: 'g' } } }],
    ['the abstract head itself is refused', '<shape id="x"/>', false],
    ['a member the head\'s type blocks (derived by extension) is refused', '<circle><r>1</r></circle><guardPlus n="1"/>', false],
    ['a member the head blocks (derived by extension) is refused', '<circle><r>1</r></circle><sealedCircle><r>1</r></sealedCircle>', false],
    ['a member with its head\'s content model checked', '<circle><side>1</side></circle>', false],
    ['the head and a member in place of one reference', '<circle><r>1</r></circle><note>a</note><label>b</label>', false],
    ['order stays the schema\'s', '<note>a</note><circle><r>1</r></circle>', false],
    ['at least one member for a required reference', '<note>a</note>', false],
  ];

  it.each(table)('%s', (_name, body, valid, value) => expectRow(f, doc(body), valid, value));

  it('refuses to write a member the group does not have, naming the path', () => {
    const packet = { doc: [{ drawing: { shape: [{ shape: { id: 'x' } }] } }] };
    expect(() => f.codecs.serializeRequest(packet)).toThrow(/drawing/);
  });

  it('types each item as one member, discriminated by its key', () => {
    writeFileSync(
      join(f.codecs.tree, 'consumer.ts'),
      `import type { Drawing } from './index.js';
const ok: Drawing = { shape: [{ circle: { r: 1 } }, { bigCircle: { r: 2 } }, { square: { side: 1 } }], label: 'x' };
// @ts-expect-error an abstract head is no member
const abstractHead: Drawing = { shape: [{ shape: {} }] };
// @ts-expect-error one member per item
const two: Drawing = { shape: [{ circle: { r: 1 }, square: { side: 1 } }] };
// @ts-expect-error the head or one member, not both
const both: Drawing = { shape: [], note: 'a', label: 'b' };
// @ts-expect-error a blocked member is no member
const blocked: Drawing = { shape: [], sealedCircle: { r: 1 } };
export function radius(d: Drawing): number {
  let sum = 0;
  for (const item of d.shape) if (item.circle !== undefined) sum += item.circle.r;
  return sum;
}
void ok; void abstractHead; void two; void both; void blocked;
`,
    );
    expect(f.typecheck()).toBe('');
  }, 120_000);
});

describe('substitution groups in the model', () => {
  let f: FeatureSchema;
  beforeAll(async () => {
    f = await featureSchema('substitution-model', SCHEMA, { roots: ['drawing'], targetNamespace: NS });
  }, 60_000);
  afterAll(() => f?.dispose());

  it.each([
    ['shape', ['circle', 'square', 'bigCircle']],
    ['circle', ['circle', 'bigCircle']],
    ['note', ['note', 'label']],
    ['sealed', ['sealed', 'sealedPlain']],
    ['square', undefined],
  ])('%s may be replaced by %j', (head, want) => {
    const set = loadSchemaSet(f.dir, 'feature.xsd');
    const decl = set.elements.get(`{${NS}}${head}`)!;
    expect(decl.substitutes?.map((d) => d.name.local)).toEqual(want);
  });

  it('records each member\'s head, and gives a typeless member its head\'s type', () => {
    const set = loadSchemaSet(f.dir, 'feature.xsd');
    const big = set.elements.get(`{${NS}}bigCircle`)!;
    expect(big.substitutionHead?.name.local).toBe('circle');
    expect(big.type).toBe(set.types.get(`{${NS}}Circle`));
  });

  it.each([
    ['final="extension"', 'element "m" cannot be in the substitution group of "h", which is final for extension'],
    ['final="#all"', 'element "m" cannot be in the substitution group of "h", which is final for extension'],
    ['final="restriction"', null],
  ])('a head declared %s: %s', (attr, message) => {
    const dir = join(f.dir, `final-${attr.replace(/\W/g, '')}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'root.xsd'),
      `<xs:schema xmlns:xs="${XS_NS}">
  <xs:complexType name="B"/>
  <xs:complexType name="D"><xs:complexContent><xs:extension base="B"><xs:attribute name="a"/></xs:extension></xs:complexContent></xs:complexType>
  <xs:element name="h" type="B" ${attr}/>
  <xs:element name="m" type="D" substitutionGroup="h"/>
</xs:schema>`,
    );
    let got: string | null = null;
    try {
      loadSchemaSet(dir, 'root.xsd');
    } catch (e) {
      if (!(e instanceof SchemaError)) throw e;
      got = e.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n');
    }
    expect(got).toBe(message === null ? null : `root.xsd:5: ${message}`);
  });
});
