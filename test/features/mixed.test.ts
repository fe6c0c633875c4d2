/**
 * Mixed content (issue 14, item 3): a `mixed="true"` type's value is its attributes plus
 * `$content`, the text and the child elements in document order, each element an object of one
 * property (`{ b: … }`), so nothing is dropped and the order holds for every content model (an
 * `xs:all` too). Given: a small schema and instance documents; want: libxml2's verdict (checked
 * against libxml2 itself), the strict parser's, the value read, and the same document written
 * back, which libxml2 accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { XS_NS } from '../../generator/model/index.js';
import { featureSchema, readAndWrite, type FeatureSchema } from '../support/feature-schema.js';

const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="${XS_NS}">
  <!-- inline markup as XHTML has it: a repeating choice of elements in text -->
  <xs:complexType name="Para" mixed="true">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="b" type="Para"/>
      <xs:element name="br"><xs:complexType/></xs:element>
      <xs:element name="ref" type="xs:int" nillable="true"/>
    </xs:choice>
    <xs:attribute name="lang" type="xs:language"/>
  </xs:complexType>
  <!-- the same without attributes (a whole repeating group: no array shape for mixed types) -->
  <xs:complexType name="Span" mixed="true">
    <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="em" type="xs:string"/></xs:choice>
  </xs:complexType>
  <!-- a sequence in text: a letter -->
  <xs:complexType name="Letter" mixed="true">
    <xs:sequence><xs:element name="name" type="xs:string"/><xs:element name="date" type="xs:date" minOccurs="0"/></xs:sequence>
  </xs:complexType>
  <!-- xs:all in text: any order, kept -->
  <xs:complexType name="Card" mixed="true">
    <xs:all><xs:element name="x" type="xs:int"/><xs:element name="y" type="xs:int" minOccurs="0"/></xs:all>
  </xs:complexType>
  <!-- mixed without elements: text and attributes -->
  <xs:complexType name="Note" mixed="true"><xs:attribute name="by" type="xs:string"/></xs:complexType>
  <!-- a wildcard in text -->
  <xs:complexType name="Free" mixed="true">
    <xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
  </xs:complexType>
  <xs:element name="doc">
    <xs:complexType><xs:sequence>
      <xs:element name="p" type="Para" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="span" type="Span" minOccurs="0"/>
      <xs:element name="letter" type="Letter" minOccurs="0"/>
      <xs:element name="card" type="Card" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="note" type="Note" minOccurs="0"/>
      <xs:element name="free" type="Free" minOccurs="0"/>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>
`;

describe('mixed content', () => {
  let f: FeatureSchema;
  beforeAll(async () => {
    f = await featureSchema('mixed', SCHEMA, { roots: ['doc'] });
  }, 60_000);
  afterAll(() => f?.dispose());

  /** [name, document, libxml2 accepts, the value read, what is written back when not the document itself]. */
  const table: [name: string, xml: string, valid: boolean, value?: unknown, written?: string][] = [
    [
      'text around and between inline elements, nested, in document order',
      '<doc><p lang="en">Some <b>bold <b>and deeper</b></b> text<br/>and <ref>7</ref> more.</p></doc>',
      true,
      {
        doc: {
          p: [{ lang: 'en', $content: ['Some ', { b: { $content: ['bold ', { b: { $content: ['and deeper'] } }] } }, ' text', { br: true }, 'and ', { ref: 7 }, ' more.'] }],
        },
      },
    ],
    ['elements next to each other, and a nil one', '<doc><p><br/><br/>x<ref xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></p></doc>', true, { doc: { p: [{ $content: [{ br: true }, { br: true }, 'x', { ref: null }] }] } }],
    ['a repeating group without attributes keeps its text', '<doc><span>a <em>b</em> c <em>d</em></span></doc>', true, { doc: { span: { $content: ['a ', { em: 'b' }, ' c ', { em: 'd' }] } } }],
    ['a sequence in text, whitespace kept where text is', '<doc><letter>Dear <name>Ann</name>, as of <date>2024-01-31</date>:\n  thanks.</letter></doc>', true, { doc: { letter: { $content: ['Dear ', { name: 'Ann' }, ', as of ', { date: '2024-01-31' }, ':\n  thanks.'] } } }],
    ['xs:all in text keeps the document order', '<doc><card>y=<y>2</y>, x=<x>1</x></card><card><x>3</x></card></doc>', true, { doc: { card: [{ $content: ['y=', { y: 2 }, ', x=', { x: 1 }] }, { $content: [{ x: 3 }] }] } }],
    ['text only', '<doc><p>just text</p></doc>', true, { doc: { p: [{ $content: ['just text'] }] } }],
    ['text and attributes, no elements allowed', '<doc><note by="me">a &amp; b</note></doc>', true, { doc: { note: { by: 'me', $content: ['a & b'] } } }],
    ['whitespace-only text is kept where there is no element', '<doc><p> </p></doc>', true, { doc: { p: [{ $content: [' '] }] } }],
    ['empty', '<doc><p/><note/></doc>', true, { doc: { p: [{}], note: {} } }],
    ['whitespace between elements only is layout: left out', '<doc><letter>\n  <name>Ann</name>\n</letter></doc>', true, { doc: { letter: { $content: [{ name: 'Ann' }] } } }, '<doc><letter><name>Ann</name></letter></doc>'],
    ['a wildcard in text keeps its place', '<doc><free>see <a href="x">here</a>.</free></doc>', true, { doc: { free: { $content: ['see ', { any: { xml: '<a href="x">here</a>' } }, '.'] } } }],
    ['the content model still holds: order', '<doc><letter>Dear <date>2024-01-31</date><name>A</name></letter></doc>', false],
    ['the content model still holds: a required element', '<doc><letter>Dear </letter></doc>', false],
    ['the content model still holds: no elements in text-only mixed content', '<doc><note>a <b/></note></doc>', false],
    ['unknown elements are still refused', '<doc><p>a <i>b</i></p></doc>', false],
  ];

  it.each(table)('%s', (_name, xml, valid, value, written) => {
    expect(f.libxml2.validate(f.instance(xml)).valid).toBe(valid);
    const r = readAndWrite(f, xml);
    expect(r.ok ? 'accepted' : `refused: ${r.error.message}`).toEqual(valid ? 'accepted' : expect.stringMatching(/^refused: /));
    if (!r.ok) return;
    expect(r.value).toEqual(value);
    expect(r.written).toBe((written ?? xml).replace(' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>', '/>').replace('xsi:nil="true"', 'xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'));
    expect(f.libxml2.validate(f.instance(r.written)).errors).toEqual([]);
  });

  const write = (doc: unknown, indent = false): string => f.unwrap(f.codecs.serializeRequest({ doc: [{ doc }] }, indent ? { indent: true, declaration: false } : {}));

  it('checks $content against the content model when writing, naming the item', () => {
    expect(() => write({ letter: { $content: ['Dear ', { date: '2024-01-31' }, { name: 'A' }] } })).toThrow(/letter\.\$content\[1\]\.date: element <date> is not allowed here by the content model of type Letter/);
    expect(() => write({ letter: { $content: ['Dear'] } })).toThrow(/letter\.\$content: the content of type Letter is incomplete/);
    expect(() => write({ card: [{ $content: [{ x: 1 }, { x: 2 }] }] })).toThrow(/card\[0\]\.\$content\[1\]\.x: element <x> is not allowed here/);
    expect(() => write({ letter: { $content: [{ name: 'A', date: '2024-01-31' }] } })).toThrow(/letter\.\$content\[0\]: expected one element property \("name", "date"\), got "name", "date"/);
    expect(() => write({ letter: { $content: [{ nom: 'A' }] } })).toThrow(/letter\.\$content\[0\]: expected one element property/);
    expect(() => write({ letter: { $content: [{ name: 'A' }, 7] } })).toThrow(/letter\.\$content\[1\]: expected a string or an object of one element property/);
    expect(() => write({ letter: { $content: 'Dear' } })).toThrow(/letter\.\$content: expected an array/);
    expect(() => write({ letter: { name: 'A' } })).toThrow(/letter\.name: unknown property \(type Letter has no property "name"\)/);
    expect(() => write({ p: [{ $content: [{ ref: 'x' }] }] })).toThrow(/p\[0\]\.\$content\[0\]\.ref/);
    expect(() => write({ p: [{ $content: ['a\u0001'] }] })).toThrow(/p\[0\]\.\$content\[0\]/);
  });

  it('indents element-only stretches of mixed content, never inside text', () => {
    expect(write({ letter: { $content: [{ name: 'A' }] }, p: [{ $content: ['x ', { b: { $content: [{ br: true }] } }] }] }, true)).toBe(
      '<packet>\n  <doc>\n    <doc>\n      <p>x <b><br/></b></p>\n      <letter>\n        <name>A</name>\n      </letter>\n    </doc>\n  </doc>\n</packet>',
    );
  });

  it('round-trips any paragraph: written valid for libxml2, read back equal (property)', () => {
    // Text with something besides whitespace (whitespace-only text between elements is layout),
    // markup characters included; adjacent texts merge when read, so items alternate.
    const text = fc.stringMatching(/^[ a-z&<>"'\]\n]{0,6}[a-z&<>]$/);
    const para: fc.Memo<{ $content?: unknown[] }> = fc.memo((n) =>
      fc
        .array(
          fc.oneof(
            { weight: 3, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: fc.constant({ br: true }) },
            { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -99, max: 99 }), fc.constant(null)).map((ref) => ({ ref })) },
            ...(n > 1 ? [{ weight: 1, arbitrary: para(n - 1).map((b) => ({ b })) }] : []),
          ),
          { maxLength: 5 },
        )
        .chain((elements) => fc.array(text, { minLength: elements.length + 1, maxLength: elements.length + 1 }).chain((texts) => fc.array(fc.boolean(), { minLength: texts.length, maxLength: texts.length }).map((keep) => ({ elements, texts, keep }))))
        .map(({ elements, texts, keep }) => {
          const content: unknown[] = [];
          elements.forEach((e, i) => {
            if (keep[i]) content.push(texts[i]);
            if (e !== null) content.push(e);
          });
          if (keep[elements.length]) content.push(texts[elements.length]);
          // Adjacent texts (an element left out between them) are one text when read.
          const merged = content.reduce<unknown[]>((out, x) => (typeof x === 'string' && typeof out[out.length - 1] === 'string' ? [...out.slice(0, -1), `${out[out.length - 1] as string}${x}`] : [...out, x]), []);
          return merged.length === 0 ? {} : { $content: merged };
        }),
    );
    fc.assert(
      fc.property(para(3), (p) => {
        const xml = write({ p: [p] });
        expect(f.libxml2.validate(f.instance(xml)).errors).toEqual([]);
        const r = readAndWrite(f, xml);
        if (!r.ok) throw r.error;
        expect(r.value).toEqual({ doc: { p: [p] } });
        expect(r.written).toBe(xml);
      }),
      { numRuns: 150 },
    );
  });

  it('types $content as text and one-element items', () => {
    writeFileSync(
      join(f.codecs.tree, 'consumer.ts'),
      `import type { Letter, Para, Doc, Note } from './index.js';
const l: Letter = { $content: ['Dear ', { name: 'Ann' }, '!'] };
const p: Para = { lang: 'en', $content: ['a', { b: { $content: ['b'] } }, { br: true }, { ref: null }] };
const n: Note = { $content: ['text'] };
// @ts-expect-error the content model needs an element: $content is required
const empty: Letter = {};
// @ts-expect-error one element per item
const two: Letter = { $content: [{ name: 'Ann', date: '2024-01-31' }] };
// @ts-expect-error an element's value has its type
const wrong: Para = { $content: [{ ref: 'x' }] };
// @ts-expect-error mixed types have no element properties
const old: Letter = { name: 'Ann', $content: [] };
// @ts-expect-error text-only mixed content has no elements
const el: Note = { $content: [{ b: true }] };
// @ts-expect-error only mixed types have content items
const d: Doc = { $content: ['x'] };
void l; void p; void n; void empty; void two; void wrong; void old; void el; void d;
`,
    );
    expect(f.typecheck()).toBe('');
  }, 120_000);
});
