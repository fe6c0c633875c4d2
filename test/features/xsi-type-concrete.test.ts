/**
 * `xsi:type` where the declared type is concrete (issue 14, item 3), through the general core: an
 * element declared with a concrete type may name a type derived from it; the value then carries
 * `$type` and has the derived type's shape (`PlainOrDerived = Plain | XsiTyped<'PlainPlus', …>`),
 * and without `xsi:type` it is the declared type's. The type's `block` (or `blockDefault`) and
 * the element's `block` refuse derived types by the methods they name, as libxml2 does; a type
 * deriving by a method its base is `final` for is a schema error. Given: a small schema and
 * documents; want: libxml2's verdict, the strict parser's, the value read and the same document
 * written back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateFromXsd } from '../../generator/core/generate.js';
import { writeTree } from '../../generator/emit/write.js';
import { XS_NS, loadEntrySet, qnameKey } from '../../generator/model/index.js';
import { SCRATCH_DIR, typecheck } from '../support/tree.js';
import { createValidator, type PacketValidator } from '../support/libxml.js';

const NS = 'urn:example:concrete';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="${XS_NS}" xmlns:m="${NS}" targetNamespace="${NS}" elementFormDefault="qualified">
  <xs:simpleType name="Short"><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>
  <xs:complexType name="Plain"><xs:sequence><xs:element name="v" type="xs:string"/></xs:sequence><xs:attribute name="id" type="xs:string"/></xs:complexType>
  <xs:complexType name="PlainPlus">
    <xs:complexContent><xs:extension base="m:Plain"><xs:sequence><xs:element name="w" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
  <xs:complexType name="PlainLess">
    <xs:complexContent><xs:restriction base="m:Plain"><xs:sequence><xs:element name="v" type="m:Short"/></xs:sequence></xs:restriction></xs:complexContent>
  </xs:complexType>
  <!-- the type refuses stand-ins derived by extension -->
  <xs:complexType name="Sealed" block="extension"><xs:sequence><xs:element name="v" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="SealedPlus">
    <xs:complexContent><xs:extension base="m:Sealed"><xs:sequence><xs:element name="w" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
  <xs:complexType name="SealedLess">
    <xs:complexContent><xs:restriction base="m:Sealed"><xs:sequence><xs:element name="v" type="m:Short"/></xs:sequence></xs:restriction></xs:complexContent>
  </xs:complexType>
  <xs:element name="atlas">
    <xs:complexType><xs:sequence>
      <xs:element name="plain" type="m:Plain" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="sealed" type="m:Sealed" minOccurs="0" maxOccurs="unbounded"/>
      <!-- the element refuses stand-ins derived by restriction -->
      <xs:element name="strict" type="m:Plain" block="restriction" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>
`;

const doc = (body: string) => `<atlas xmlns="${NS}" xmlns:xsi="${XSI}">${body}</atlas>`;
type Codec = Record<string, (value: unknown, options?: unknown) => unknown>;

describe('xsi:type on concrete declared types', () => {
  let dir: string;
  let codec: Codec;
  let libxml2: PacketValidator;
  beforeAll(async () => {
    mkdirSync(SCRATCH_DIR, { recursive: true });
    dir = mkdtempSync(join(SCRATCH_DIR, 'feature-xsi-concrete-'));
    writeFileSync(join(dir, 'c.xsd'), SCHEMA);
    const result = generateFromXsd({ xsd: [join(dir, 'c.xsd')], roots: [`{${NS}}atlas`] }, { label: 'c' });
    writeTree(join(dir, 'tree'), result.files);
    codec = (await import(pathToFileURL(join(dir, 'tree', 'codec.ts')).href)) as Codec;
    libxml2 = createValidator(dir, 'c.xsd' as never);
  }, 60_000);
  afterAll(() => {
    libxml2?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** [name, body, libxml2 accepts, the value read (or a pattern of the parser's refusal)]. */
  const table: [name: string, body: string, valid: boolean, want: unknown][] = [
    ['a type derived by extension, and the declared type itself', '<plain id="1" xsi:type="PlainPlus"><v>a</v><w>b</w></plain><plain><v>c</v></plain>', true, { plain: [{ $type: 'PlainPlus', id: '1', v: 'a', w: 'b' }, { v: 'c' }] }],
    ['a type derived by restriction, with a prefix', '<plain xmlns:m="urn:example:concrete" xsi:type="m:PlainLess"><v>abc</v></plain>', true, { plain: [{ $type: 'PlainLess', v: 'abc' }] }],
    ['the content is the named type\'s', '<plain xsi:type="PlainPlus"><v>a</v></plain>', false, /missing the required element <w>/],
    ['the named type\'s facets hold', '<plain xsi:type="PlainLess"><v>abcd</v></plain>', false, /./],
    ['the type blocks extension', '<sealed xsi:type="SealedPlus"><v>a</v><w>b</w></sealed>', false, /xsi:type "SealedPlus" is not a type that may stand where type Sealed is declared \(SealedLess\)/],
    ['the type does not block restriction', '<sealed xsi:type="SealedLess"><v>a</v></sealed>', true, { sealed: [{ $type: 'SealedLess', v: 'a' }] }],
    ['the element blocks restriction', '<strict xsi:type="PlainLess"><v>a</v></strict>', false, /the element blocks types derived by restriction/],
    ['the element does not block extension', '<strict xsi:type="PlainPlus"><v>a</v><w>b</w></strict>', true, { strict: [{ $type: 'PlainPlus', v: 'a', w: 'b' }] }],
    ['a type not derived from the declared one', '<plain xsi:type="Sealed"><v>a</v></plain>', false, /xsi:type "Sealed" is not a type that may stand/],
  ];

  it.each(table)('%s', (_name, body, valid, want) => {
    const xml = doc(body);
    const verdict = libxml2.validate(xml);
    expect(verdict.valid, verdict.errors.join('; ')).toBe(valid);
    let value: unknown;
    try {
      value = codec.parseAtlas!(xml);
    } catch (e) {
      expect(valid, (e as Error).message).toBe(false);
      expect((e as Error).name).toBe('SchemaViolationError');
      expect((e as Error).message).toMatch(want as RegExp);
      return;
    }
    expect(valid, 'accepted what libxml2 refuses').toBe(true);
    expect(value).toEqual(want);
    const written = String(codec.serializeAtlas!(value, { declaration: false }));
    expect(libxml2.validate(written).errors).toEqual([]);
    expect(codec.parseAtlas!(written)).toEqual(want);
    expect(written).toBe(xml.replace(/ xmlns:m="[^"]*"/, '').replace('m:PlainLess', 'PlainLess').replace(/ xmlns:xsi="[^"]*">/, '>').replace(/(xsi:type="\w+")/g, `$1 xmlns:xsi="${XSI}"`).replace(/<plain id="1" (xsi:type="PlainPlus" xmlns:xsi="[^"]*")>/, '<plain $1 id="1">'));
  });

  it('refuses to write a $type the type or the element blocks, naming the path', () => {
    expect(() => codec.serializeAtlas!({ sealed: [{ $type: 'SealedPlus', v: 'a', w: 'b' }] })).toThrow(/sealed\[0\]\.\$type: \$type must name a type derived from Sealed, one of "SealedLess", not the string "SealedPlus"/);
    expect(() => codec.serializeAtlas!({ strict: [{ $type: 'PlainLess', v: 'a' }] })).toThrow(/strict\[0\]\.\$type: element <strict> blocks types derived by restriction/);
    expect(() => codec.serializeAtlas!({ plain: [{ $type: 'PlainPlus', v: 'a' }] })).toThrow(/plain\[0\]\.w: missing the required element <w>/);
  });

  it('types the element as the declared type or a derived one, discriminated by $type (less what the element blocks)', () => {
    writeFileSync(
      join(dir, 'tree', 'consumer.ts'),
      `import type { Atlas, PlainOrDerived } from './index.js';
const ok: Atlas = { plain: [{ v: 'a' }, { $type: 'PlainPlus', v: 'a', w: 'b' }, { $type: 'PlainLess', v: 'abc' }], sealed: [{ v: 'a' }, { $type: 'SealedLess', v: 'a' }] };
// @ts-expect-error the type blocks extension: no such stand-in
const sealed: Atlas = { sealed: [{ $type: 'SealedPlus', v: 'a', w: 'b' }] };
// @ts-expect-error the content is the named type's
const plus: Atlas = { plain: [{ $type: 'PlainPlus', v: 'a' }] };
// the element's block leaves out what it refuses, and keeps the rest
const strict: Atlas = { strict: [{ v: 'a' }, { $type: 'PlainPlus', v: 'a', w: 'b' }] };
// @ts-expect-error the element blocks restriction
const less: Atlas = { strict: [{ $type: 'PlainLess', v: 'abc' }] };
export function width(p: PlainOrDerived): string {
  return p.$type === 'PlainPlus' ? p.w : p.v;
}
void ok; void sealed; void plus; void strict; void less;
`,
    );
    expect(typecheck(join(dir, 'tree'))).toBe('');
  }, 120_000);

  it('reads block, blockDefault and final into the model; deriving from a final type is a schema error, as for libxml2', () => {
    const d = mkdtempSync(join(dir, 'final-'));
    writeFileSync(
      join(d, 'f.xsd'),
      `<xs:schema xmlns:xs="${XS_NS}" blockDefault="restriction" finalDefault="extension">
  <xs:complexType name="Base"><xs:sequence><xs:element name="v" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="Open" block="" final=""><xs:sequence><xs:element name="v" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:element name="e" type="Base"/>
  <xs:element name="o" type="Open" block="#all"/>
</xs:schema>`,
    );
    const set = loadEntrySet(d, ['f.xsd']);
    const base = set.types.get('Base')!;
    const open = set.types.get('Open')!;
    expect(base.kind === 'complex' && [[...(base.block ?? [])], [...(base.final ?? [])]]).toEqual([['restriction'], ['extension']]);
    expect(open.kind === 'complex' && [open.block, open.final]).toEqual([undefined, undefined]);
    expect([...(set.elements.get('e')!.block ?? [])]).toEqual(['restriction']);
    expect([...(set.elements.get('o')!.block ?? [])].sort()).toEqual(['extension', 'restriction']);
    writeFileSync(join(d, 'g.xsd'), `<xs:schema xmlns:xs="${XS_NS}"><xs:include schemaLocation="f.xsd"/>
  <xs:complexType name="More"><xs:complexContent><xs:extension base="Base"><xs:sequence><xs:element name="w" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
</xs:schema>`);
    expect(() => loadEntrySet(d, ['g.xsd'])).toThrow(/g\.xsd:2.*complex type "More" cannot derive by extension from "Base", which is final for extension/);
    expect(() => createValidator(d, 'g.xsd' as never).dispose()).toThrow();
    void qnameKey;
  });
});
