/**
 * Mixed content (issue 14, item 3): text between the child elements of a `mixed="true"` type is
 * kept, in document order, and written back in place. The value is the usual object of the
 * type's elements and attributes plus `$text`: the text before each child element, then the
 * text after the last (absent when all of it is whitespace between elements). Given: a small
 * schema and instance documents; want: libxml2's verdict (checked against libxml2 itself), the
 * strict parser's, the value read, and the same document written back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { XS_NS } from '../../generator/model/index.js';
import { featureSchema, readAndWrite, type FeatureSchema } from '../support/feature-schema.js';

const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="${XS_NS}">
  <!-- inline markup as XHTML has it: a repeating choice of elements in text -->
  <xs:complexType name="Para" mixed="true">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="b" type="Para"/>
      <xs:element name="br"><xs:complexType/></xs:element>
    </xs:choice>
    <xs:attribute name="lang" type="xs:language"/>
  </xs:complexType>
  <!-- a sequence in text: a letter -->
  <xs:complexType name="Letter" mixed="true">
    <xs:sequence><xs:element name="name" type="xs:string"/><xs:element name="date" type="xs:date" minOccurs="0"/></xs:sequence>
  </xs:complexType>
  <xs:element name="doc">
    <xs:complexType><xs:sequence>
      <xs:element name="p" type="Para" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="letter" type="Letter" minOccurs="0"/>
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

  const table: [name: string, xml: string, valid: boolean, value?: unknown][] = [
    [
      'text around and between inline elements, nested',
      '<doc><p lang="en">Some <b>bold <b>and deeper</b></b> text<br/>and more.</p></doc>',
      true,
      {
        doc: {
          p: [{ lang: 'en', $text: ['Some ', ' text', 'and more.'], bOrBr: [{ b: { $text: ['bold ', ''], bOrBr: [{ b: { $text: ['and deeper'] } }] } }, { br: true }] }],
        },
      },
    ],
    ['a sequence in text, whitespace kept where text is', '<doc><letter>Dear <name>Ann</name>, as of <date>2024-01-31</date>:\n  thanks.</letter></doc>', true, { doc: { letter: { $text: ['Dear ', ', as of ', ':\n  thanks.'], name: 'Ann', date: '2024-01-31' } } }],
    ['text only', '<doc><p>just text</p></doc>', true, { doc: { p: [{ $text: ['just text'] }] } }],
    ['whitespace between elements only: no $text', '<doc><letter>\n  <name>Ann</name>\n</letter></doc>', true, { doc: { letter: { name: 'Ann' } } }],
    ['the content model still holds', '<doc><letter>Dear <date>2024-01-31</date></letter></doc>', false],
    ['unknown elements are still refused', '<doc><p>a <i>b</i></p></doc>', false],
  ];

  it.each(table)('%s', (_name, xml, valid, value) => {
    expect(f.libxml2.validate(f.instance(xml)).valid).toBe(valid);
    const r = readAndWrite(f, xml);
    expect(r.ok ? 'accepted' : `refused: ${r.error.message}`).toEqual(valid ? 'accepted' : expect.stringMatching(/^refused: /));
    if (!r.ok) return;
    expect(r.value).toEqual(value);
    expect(r.written).toBe(xml.replace('<letter>\n  <name>Ann</name>\n</letter>', '<letter><name>Ann</name></letter>'));
    expect(f.libxml2.validate(f.instance(r.written)).errors).toEqual([]);
  });

  it('refuses $text that does not fit the elements, naming the path', () => {
    expect(() => f.codecs.serializeRequest({ doc: [{ doc: { letter: { $text: ['a'], name: 'n' } } }] })).toThrow(/letter\.\$text: 1 texts for 1\+ elements/);
    expect(() => f.codecs.serializeRequest({ doc: [{ doc: { letter: { $text: 'a', name: 'n' } } }] })).toThrow(/expected an array of strings/);
  });

  it('types $text on mixed types only', () => {
    writeFileSync(
      join(f.codecs.tree, 'consumer.ts'),
      `import type { Letter, Doc } from './index.js';
const l: Letter = { name: 'Ann', $text: ['Dear ', '!'] };
// @ts-expect-error $text is a list of strings
const bad: Letter = { name: 'Ann', $text: 'Dear' };
// @ts-expect-error only mixed types have text
const d: Doc = { $text: ['x'] };
void l; void bad; void d;
`,
    );
    expect(f.typecheck()).toBe('');
  }, 120_000);
});
