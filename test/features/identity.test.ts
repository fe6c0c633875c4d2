/**
 * Identity constraints (issue 14, item 3): `xs:key`, `xs:keyref` and `xs:unique` with their
 * XPath subset, checked when a document is read. Given: a small namespaced schema and instance
 * documents; want: libxml2's verdict (checked against libxml2 itself) and the strict parser's —
 * a refusal is a `SchemaViolationError` naming the constraint, the element's path and its
 * line:column; an accepted document is written back unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SchemaError, XS_NS, loadSchemaSet } from '../../generator/model/index.js';
import { parseIdentityXPath } from '../../generator/model/identity.js';
import { featureSchema, readAndWrite, type FeatureSchema } from '../support/feature-schema.js';

const NS = 'urn:example:library';

const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="${XS_NS}" xmlns:l="${NS}" targetNamespace="${NS}" elementFormDefault="qualified">
  <xs:element name="library">
    <xs:complexType><xs:sequence>
      <xs:element name="shelf" maxOccurs="unbounded">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="book" minOccurs="0" maxOccurs="unbounded">
              <xs:complexType>
                <xs:sequence>
                  <xs:element name="isbn" type="xs:string"/>
                  <xs:element name="tag" type="xs:token" minOccurs="0" maxOccurs="unbounded"/>
                </xs:sequence>
                <xs:attribute name="id" type="xs:int" use="required"/>
                <xs:attribute name="edition" type="xs:int"/>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
          <xs:attribute name="name" type="xs:string"/>
        </xs:complexType>
        <!-- declared on each shelf: an ISBN once per shelf; (id, edition) once per shelf -->
        <xs:unique name="shelfIsbn"><xs:selector xpath="l:book"/><xs:field xpath="l:isbn"/></xs:unique>
        <xs:unique name="bookEdition"><xs:selector xpath="./l:book"/><xs:field xpath="@id"/><xs:field xpath="@edition"/></xs:unique>
      </xs:element>
      <xs:element name="loan" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType><xs:attribute name="book" type="xs:int"/><xs:attribute name="edition" type="xs:int"/></xs:complexType>
      </xs:element>
    </xs:sequence></xs:complexType>
    <xs:key name="bookId"><xs:selector xpath="l:shelf/l:book"/><xs:field xpath="@id"/></xs:key>
    <xs:unique name="shelfName"><xs:selector xpath="l:shelf"/><xs:field xpath="@name"/></xs:unique>
    <xs:unique name="tags"><xs:selector xpath=".//l:tag"/><xs:field xpath="."/></xs:unique>
    <xs:key name="loanKey"><xs:selector xpath="l:loan"/><xs:field xpath="@book | @isbn"/></xs:key>
    <xs:unique name="oneTag"><xs:selector xpath=".//l:book"/><xs:field xpath="l:tag"/></xs:unique>
    <xs:keyref name="loanBook" refer="l:bookId"><xs:selector xpath="l:loan"/><xs:field xpath="@book"/></xs:keyref>
    <!-- refers to a unique declared on the shelves below: their tables reach it -->
    <xs:keyref name="loanEdition" refer="l:bookEdition"><xs:selector xpath="l:loan"/><xs:field xpath="@book"/><xs:field xpath="@edition"/></xs:keyref>
  </xs:element>
</xs:schema>
`;

const doc = (body: string) => `<library xmlns="${NS}">${body}</library>`;
const book = (id: string, isbn: string, extra = '') => `<book id="${id}"${extra}><isbn>${isbn}</isbn></book>`;

describe('identity constraints', () => {
  let f: FeatureSchema;
  beforeAll(async () => {
    f = await featureSchema('identity', SCHEMA, { roots: ['library'], targetNamespace: NS });
  }, 60_000);
  afterAll(() => f?.dispose());

  /** [name, body, want: 'valid' or a pattern of the parser's message]. */
  const table: [name: string, body: string, want: 'valid' | RegExp][] = [
    ['keys, uniques and keyrefs that hold', `<shelf name="a">${book('1', 'x')}${book('2', 'y', ' edition="2"')}</shelf><shelf>${book('3', 'x')}</shelf><loan book="2" edition="2"/><loan book="1"/>`, 'valid'],
    ['a key duplicated across shelves', `<shelf>${book('1', 'x')}</shelf><shelf>${book('1', 'y')}</shelf>`, /library\.shelf\[1\]\.book\[0\]: duplicate key-sequence \['1'\] in key "\{urn:example:library\}bookId" \(first at line 1, column \d+\) \(line 1, column \d+\)/],
    ['key values compare as typed values (01 is 1)', `<shelf>${book('1', 'x')}${book('01', 'y')}</shelf>`, /duplicate key-sequence \['1'\] in key ".*bookId"/],
    ['a keyref matching by typed value', `<shelf>${book('7', 'x')}</shelf><loan book="007"/>`, 'valid'],
    ['a dangling keyref', `<shelf>${book('1', 'x')}</shelf><loan book="9"/>`, /library\.loan\[0\]: no match found for key-sequence \['9'\] of keyref ".*loanBook"/],
    ['a unique per shelf, duplicated within one', `<shelf>${book('1', 'x')}${book('2', 'x')}</shelf>`, /library\.shelf\[0\]\.book\[1\]: duplicate key-sequence \['x'\] in unique ".*shelfIsbn"/],
    ['a unique skips elements without the field', `<shelf>${book('1', 'x')}</shelf><shelf>${book('2', 'y')}</shelf>`, 'valid'],
    ['a unique attribute duplicated', `<shelf name="a">${book('1', 'x')}</shelf><shelf name="a">${book('2', 'y')}</shelf>`, /library\.shelf\[1\]: duplicate key-sequence \['a'\] in unique ".*shelfName"/],
    ['a descendant selector with a token field (whitespace collapsed)', `<shelf><book id="1"><isbn>x</isbn><tag>a b</tag></book><book id="2"><isbn>y</isbn><tag> a  b </tag></book></shelf>`, /duplicate key-sequence \['a b'\] in unique ".*tags"/],
    ['a two-field keyref through the tables of descendants', `<shelf>${book('1', 'x', ' edition="2"')}</shelf><loan book="1" edition="3"/>`, /no match found for key-sequence \['1', '3'\] of keyref ".*loanEdition"/],
    ['a keyref without all its fields is not checked', `<shelf>${book('1', 'x', ' edition="2"')}</shelf><loan book="1"/>`, 'valid'],
    ['a keyref to a sequence two shelves hold is left unmatched', `<shelf>${book('1', 'x', ' edition="2"')}</shelf><shelf>${book('5', 'y')}${book('1', 'z', ' edition="2"')}</shelf><loan book="5"/><loan book="1" edition="2"/>`, /duplicate key-sequence \['1'\] in key ".*bookId"/],
    ['a key field that selects nothing', `<shelf>${book('1', 'x')}</shelf><loan/>`, /library\.loan\[0\]: field 1 of key ".*loanKey" selects nothing/],
    ['an element field that selects more than one element', `<shelf><book id="1"><isbn>x</isbn><tag>a</tag><tag>b</tag></book></shelf>`, /book\[0\]: field 1 of unique ".*oneTag" selects more than one node/],
  ];

  it.each(table)('%s', (_name, body, want) => {
    const xml = doc(body);
    const libxml2 = f.libxml2.validate(f.instance(xml));
    expect(libxml2.valid, libxml2.errors.join('; ')).toBe(want === 'valid');
    const r = readAndWrite(f, xml);
    if (want === 'valid') {
      expect(r.ok ? 'accepted' : r.error.message).toBe('accepted');
      if (r.ok) expect(f.libxml2.validate(f.instance(r.written)).errors).toEqual([]);
    } else {
      expect(r.ok ? 'accepted' : r.error.name).toBe('SchemaViolationError');
      if (!r.ok) expect(r.error.message).toMatch(want);
    }
  });

  it('reports every violation of a document: inner elements first, then each element in schema order', () => {
    const r = readAndWrite(f, doc(`<shelf>${book('1', 'x')}${book('1', 'x')}</shelf><loan book="4"/>`));
    if (r.ok) throw new Error('accepted');
    const violations = (r.error as unknown as { violations: { path: string; message: string }[] }).violations.map((v) => `${v.path}: ${v.message.replace(/ \(first at .*/, '')}`);
    expect(violations).toEqual([
      `packet.doc[0].library.shelf[0].book[1]: duplicate key-sequence ['x'] in unique "{${NS}}shelfIsbn"`,
      `packet.doc[0].library.shelf[0].book[1]: duplicate key-sequence ['1'] in key "{${NS}}bookId"`,
      `packet.doc[0].library.loan[0]: no match found for key-sequence ['4'] of keyref "{${NS}}loanBook" (refers to "{${NS}}bookId")`,
    ]);
    // The same paths and positions as the reader gives for a violation at those elements.
    const typeError = readAndWrite(f, doc(`<shelf>${book('1', 'x')}${book('x', 'x')}</shelf><loan book="y"/>`));
    if (typeError.ok) throw new Error('accepted');
    expect(typeError.error.message).toMatch(/packet\.doc\[0\]\.library\.shelf\[0\]\.book\[1\]\.id: .*\(line 1, column 92\)/);
    expect(typeError.error.message).toMatch(/packet\.doc\[0\]\.library\.loan\[0\]\.book: .*\(line 1, column 134\)/);
    expect((r.error as unknown as { violations: { line: number; column: number }[] }).violations.map((v) => `${v.line}:${v.column}`)).toEqual(['1:92', '1:92', '1:134']);
  });
});

describe('identity constraints in the model', () => {
  const prefixes = (p: string) => ({ a: 'urn:a' })[p];
  it.each([
    ['a/b', false, [{ descendant: false, steps: [{ ns: null, local: 'a' }, { ns: null, local: 'b' }] }]],
    ['.//a:x | ./*', false, [{ descendant: true, steps: [{ ns: 'urn:a', local: 'x' }] }, { descendant: false, steps: [{ ns: '*', local: '*' }] }]],
    ['child::a:*', false, [{ descendant: false, steps: [{ ns: 'urn:a', local: '*' }] }]],
    ['.', true, [{ descendant: false, steps: [] }]],
    ['x/@a:id', true, [{ descendant: false, steps: [{ ns: null, local: 'x' }], attribute: { ns: 'urn:a', local: 'id' } }]],
    ['attribute::id', true, [{ descendant: false, steps: [], attribute: { ns: null, local: 'id' } }]],
    ['@id', false, '"@id": an attribute step is not allowed in a selector'],
    ['@id/x', true, '"@id/x": an attribute step must be the last step'],
    ['a//b', false, '"a//b" is not in the XPath subset of identity constraints (an empty step, or "//" after the start)'],
    ['b:x', false, '"b:x": undeclared namespace prefix "b"'],
    ['x[1]', false, '"x[1]": "x[1]" is not a name test'],
  ])('%s (field: %s)', (xpath, field, want) => {
    expect(parseIdentityXPath(xpath, field, prefixes)).toEqual(want);
  });

  it('reports a keyref to nothing, to a keyref, or with another number of fields, at its line', () => {
    const dir = join(process.cwd(), 'test', 'out', `identity-model-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'root.xsd'),
      `<xs:schema xmlns:xs="${XS_NS}">
  <xs:element name="r"><xs:complexType><xs:sequence><xs:element name="i" maxOccurs="unbounded"><xs:complexType><xs:attribute name="a"/></xs:complexType></xs:element></xs:sequence></xs:complexType>
    <xs:key name="k"><xs:selector xpath="i"/><xs:field xpath="@a"/></xs:key>
    <xs:keyref name="r1" refer="nothing"><xs:selector xpath="i"/><xs:field xpath="@a"/></xs:keyref>
    <xs:keyref name="r2" refer="r1"><xs:selector xpath="i"/><xs:field xpath="@a"/></xs:keyref>
    <xs:keyref name="r3" refer="k"><xs:selector xpath="i"/><xs:field xpath="@a"/><xs:field xpath="."/></xs:keyref>
    <xs:unique name="k"><xs:selector xpath="i//j"/><xs:field xpath="@a"/></xs:unique>
  </xs:element>
</xs:schema>`,
    );
    let got: string[] = [];
    try {
      loadSchemaSet(dir, 'root.xsd');
    } catch (e) {
      if (!(e instanceof SchemaError)) throw e;
      got = e.diagnostics.map((d) => `${d.line}: ${d.message}`);
    }
    expect(got).toEqual([
      '7: xs:unique "k": "i//j" is not in the XPath subset of identity constraints (an empty step, or "//" after the start)',
      '4: xs:keyref "r1" refers to undefined key "nothing"',
      '5: xs:keyref "r2" refers to keyref "r1", not a key or unique',
      '6: xs:keyref "r3" has 2 fields, but "k" has 1',
    ]);
  });
});
