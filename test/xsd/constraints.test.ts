/**
 * Schema-validity rules between facets and values (generator/model/constraints.ts) and boolean
 * attributes of XSD elements, as given/want rows. Each row is a small schema; libxml2 judges it
 * too, so a row asserts that we refuse exactly the schemas libxml2 refuses to load, at the
 * line of the offending declaration.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { tryResolveLoadedSet } from '../../generator/model/resolve.js';
import { loadDocuments } from '../../generator/xsd/loader.js';
import { SCRATCH_DIR } from '../support/tree.js';

interface Row {
  name: string;
  /** Declarations inside `xs:schema`; the first line of the body is line 3 of the file. */
  body: string;
  /** `null`: the schema is valid. Otherwise the message wanted, and the body line it is reported at (1-based). */
  want: { message: RegExp; line: number } | null;
  /**
   * Set where libxml2 loads a schema the specification calls invalid (it does not check the
   * rule); the row then cites the rule. Every other row must get libxml2's verdict.
   */
  libxml2Loads?: string;
}

const st = (restriction: string, base = 'xs:string'): string => `<xs:simpleType name="T"><xs:restriction base="${base}">${restriction}</xs:restriction></xs:simpleType>`;

const ROWS: Row[] = [
  // Facets a primitive does not have.
  { name: 'minInclusive on a string', body: st('<xs:minInclusive value="a"/>'), want: { message: /facet xs:minInclusive is not allowed on a type derived from xs:string/, line: 1 } },
  { name: 'maxLength on an int', body: st('<xs:maxLength value="3"/>', 'xs:int'), want: { message: /facet xs:maxLength is not allowed on a type derived from xs:decimal/, line: 1 } },
  { name: 'totalDigits on a double', body: st('<xs:totalDigits value="3"/>', 'xs:double'), want: { message: /facet xs:totalDigits is not allowed/, line: 1 } },
  { name: 'enumeration on a boolean', body: st('<xs:enumeration value="true"/>', 'xs:boolean'), want: { message: /facet xs:enumeration is not allowed on a type derived from xs:boolean/, line: 1 } },
  { name: 'maxInclusive on a date is fine', body: st('<xs:maxInclusive value="2030-01-01"/>', 'xs:date'), want: null },
  { name: 'length on a token is fine', body: st('<xs:length value="2"/>', 'xs:token'), want: null },
  // Contradictions.
  {
    name: 'maxLength below minLength',
    body: st('<xs:minLength value="5"/><xs:maxLength value="2"/>'),
    want: { message: /minLength 5 is greater than maxLength 2/, line: 1 },
    libxml2Loads: 'Part 2 §4.3.2.4 minLength-less-than-equal-to-maxLength; libxml2 loads it, then refuses every value',
  },
  { name: 'fractionDigits above totalDigits', body: st('<xs:totalDigits value="2"/><xs:fractionDigits value="4"/>', 'xs:decimal'), want: { message: /fractionDigits 4 is greater than totalDigits 2/, line: 1 } },
  { name: 'lower bound above upper bound', body: st('<xs:minInclusive value="10"/><xs:maxInclusive value="2"/>', 'xs:int'), want: { message: /lower bound 10 is not below the upper bound 2/, line: 1 } },
  { name: 'exclusive bounds that meet are allowed (an empty range)', body: st('<xs:minExclusive value="3"/><xs:maxExclusive value="3"/>', 'xs:decimal'), want: null },
  { name: 'an inclusive and an exclusive bound that meet', body: st('<xs:minInclusive value="3"/><xs:maxExclusive value="3"/>', 'xs:decimal'), want: { message: /lower bound 3 is not below the upper bound 3/, line: 1 } },
  { name: 'equal inclusive bounds are fine', body: st('<xs:minInclusive value="3"/><xs:maxInclusive value="3"/>', 'xs:decimal'), want: null },
  {
    name: 'a restriction widening its base maxLength',
    body: `${st('<xs:maxLength value="5"/>')}\n<xs:simpleType name="U"><xs:restriction base="T"><xs:maxLength value="9"/></xs:restriction></xs:simpleType>`,
    want: { message: /maxLength 9 widens the base type's maxLength 5/, line: 2 },
  },
  {
    name: 'a restriction narrowing its base maxLength is fine',
    body: `${st('<xs:maxLength value="5"/>')}\n<xs:simpleType name="U"><xs:restriction base="T"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>`,
    want: null,
  },
  // Values outside the base type.
  { name: 'a bound that is not an integer', body: st('<xs:maxInclusive value="ten"/>', 'xs:int'), want: { message: /maxInclusive "ten" is not a value of the base type: not an integer/, line: 1 } },
  { name: 'a bound beyond xs:byte', body: st('<xs:maxInclusive value="300"/>', 'xs:byte'), want: { message: /maxInclusive "300" is not a value of the base type: above the maxInclusive 127/, line: 1 } },
  { name: 'an enumeration value that is not an int', body: st('<xs:enumeration value="1"/><xs:enumeration value="two"/>', 'xs:int'), want: { message: /enumeration value "two" is not a value of the base type: not an integer/, line: 1 } },
  {
    name: 'an enumeration value longer than the base allows',
    body: `${st('<xs:maxLength value="3"/>')}\n<xs:simpleType name="U"><xs:restriction base="T"><xs:enumeration value="abcd"/></xs:restriction></xs:simpleType>`,
    want: { message: /enumeration value "abcd" is not a value of the base type: 4 characters, more than the maxLength 3/, line: 2 },
  },
  { name: 'decimal enumeration values compared as numbers', body: `${st('<xs:enumeration value="1.50"/>', 'xs:decimal')}\n<xs:element name="e" type="T" default="1.5"/>`, want: null },
  // Default and fixed values.
  {
    name: 'an element default outside the enumeration',
    body: `${st('<xs:enumeration value="on"/><xs:enumeration value="off"/>')}\n<xs:element name="e" type="T" default="maybe"/>`,
    want: { message: /default value "maybe" of element "e" is not valid: not one of the enumerated values/, line: 2 },
  },
  { name: 'an attribute fixed value that is not a boolean', body: '<xs:element name="e"><xs:complexType><xs:attribute name="a" type="xs:boolean" fixed="yes"/></xs:complexType></xs:element>', want: { message: /fixed value "yes" of attribute "a" is not valid: not a boolean/, line: 1 } },
  { name: 'an element default on element-only content', body: '<xs:element name="e" default="x"><xs:complexType><xs:sequence><xs:element name="c"/></xs:sequence></xs:complexType></xs:element>', want: { message: /element "e" has a default value but its type has no text content/, line: 1 } },
  { name: 'a list default with a bad item', body: '<xs:simpleType name="L"><xs:list itemType="xs:int"/></xs:simpleType>\n<xs:element name="e" type="L" default="1 2 x"/>', want: { message: /default value "1 2 x" of element "e" is not valid: item "x": not an integer/, line: 2 } },
  { name: 'a union default matching a member', body: '<xs:simpleType name="U"><xs:union memberTypes="xs:int xs:boolean"/></xs:simpleType>\n<xs:element name="e" type="U" default="true"/>', want: null },
  { name: 'a union default matching no member', body: '<xs:simpleType name="U"><xs:union memberTypes="xs:int xs:boolean"/></xs:simpleType>\n<xs:element name="e" type="U" default="maybe"/>', want: { message: /not a value of any member type of the union/, line: 2 } },
  // Boolean attributes of XSD elements.
  { name: 'nillable="maybe"', body: '<xs:element name="e" type="xs:string" nillable="maybe"/>', want: { message: /invalid value "maybe" of nillable/, line: 1 } },
  { name: 'abstract="1" is fine', body: '<xs:complexType name="C" abstract="1"/>\n<xs:element name="e" type="xs:string"/>', want: null },
  { name: 'mixed="yes"', body: '<xs:complexType name="C" mixed="yes"/>', want: { message: /invalid value "yes" of mixed/, line: 1 } },
];

mkdirSync(SCRATCH_DIR, { recursive: true });
const dir = mkdtempSync(join(SCRATCH_DIR, 'constraints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function schemaText(body: string): string {
  return `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>\n`;
}

function libxml2Accepts(text: string): boolean {
  const doc = XmlDocument.fromString(text);
  try {
    XsdValidator.fromDoc(doc).dispose();
    return true;
  } catch {
    return false;
  } finally {
    doc.dispose();
  }
}

describe('schema constraints between facets and values', () => {
  it.each(ROWS)('$name', ({ name, body, want, libxml2Loads }) => {
    const text = schemaText(body);
    const file = `${name.replace(/[^a-z0-9]+/gi, '-')}.xsd`;
    writeFileSync(join(dir, file), text);
    const { diagnostics } = tryResolveLoadedSet(loadDocuments(dir, file));
    // libxml2 is the judge of whether the schema is valid at all.
    expect(libxml2Accepts(text), 'libxml2 verdict').toBe(want === null || libxml2Loads !== undefined);
    if (want === null) {
      expect(diagnostics).toEqual([]);
      return;
    }
    expect(diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([expect.stringMatching(want.message)]);
    expect(diagnostics[0]).toMatchObject({ file, line: want.line + 2 });
  });
});
