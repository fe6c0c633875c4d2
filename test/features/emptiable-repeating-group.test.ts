/**
 * A repeating group whose one occurrence may match nothing — a `choice maxOccurs="unbounded"`
 * with an optional branch, a repeating sequence of optional members — matches a document with
 * none of its elements although its minOccurs is 1. Bound with minOccurs 1, the type wanted at
 * least one item that the parser never gives (it reads no items), and the writer refused the very
 * value the parser had read ("missing (at least 1 required)"). Given: such groups; want:
 * libxml2's verdict, accepted documents read and written back unchanged, and the item property
 * optional in the type.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreRow, coreSchema, type CoreSchema } from '../support/core-schema.js';

const XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="order">
    <xs:complexType>
      <xs:sequence>
        <xs:choice maxOccurs="unbounded">
          <xs:element name="code" type="xs:string" minOccurs="0"/>
          <xs:element name="account" type="xs:int" minOccurs="0"/>
        </xs:choice>
        <xs:sequence minOccurs="1" maxOccurs="3">
          <xs:element name="note" type="xs:string" minOccurs="0"/>
          <xs:element name="tag" type="xs:string" minOccurs="0"/>
        </xs:sequence>
        <xs:choice maxOccurs="unbounded">
          <xs:element name="line" type="xs:string"/>
          <xs:element name="ref" type="xs:string"/>
        </xs:choice>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;

describe('repeating groups that may match nothing', () => {
  let f: CoreSchema;
  beforeAll(async () => {
    f = await coreSchema('emptiable', { 'order.xsd': XSD }, 'order.xsd', ['order']);
  }, 60_000);
  afterAll(() => f?.dispose());

  it.each<[string, string, boolean]>([
    ['none of the emptiable groups\' elements', '<order><line>a</line></order>', true],
    ['items of the optional-branch choice', '<order><code>x</code><account>7</account><code>y</code><line>a</line></order>', true],
    ['occurrences of the sequence of optionals', '<order><note>n</note><tag>t</tag><tag>u</tag><line>a</line></order>', true],
    ['more occurrences of that sequence than it allows', '<order><tag>1</tag><tag>2</tag><tag>3</tag><tag>4</tag><line>a</line></order>', false],
    ['the required choice with no item', '<order><code>x</code></order>', false],
  ])('%s', (_, xml, valid) => {
    coreRow(f, 'Order', xml, valid);
  });

  it('the repeating group that may be empty is optional in the type; the one that may not stays required', () => {
    const types = readFileSync(join(f.dir, 'tree', 'types', 'order.ts'), 'utf8');
    expect(types).toMatch(/\n  codeOrAccount\?: \w+\[\];/);
    expect(types).toMatch(/\n  lineOrRef: \w+\[\];/);
    expect(f.typecheck()).toBe('');
  });
});
