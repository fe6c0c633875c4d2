/**
 * Simple content through extension (issue 14, item 3): a complexContent extension of a
 * simple-content type keeps the base's text value (XML Schema 1.0, 3.4.2), and a simpleContent
 * extension of such a type keeps it too. Given: a small schema and instance documents; want:
 * libxml2's verdict (checked here against libxml2 itself), the strict parser's, the value read,
 * and a written document libxml2 accepts again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { XS_NS } from '../../generator/model/index.js';
import { loadSchemaSet, SchemaError } from '../../generator/model/index.js';
import { expectRow, featureSchema, type FeatureSchema } from '../support/feature-schema.js';

const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="${XS_NS}">
  <xs:complexType name="Amount">
    <xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="currency" type="xs:string" use="required"/></xs:extension></xs:simpleContent>
  </xs:complexType>
  <!-- complexContent extension of a simple-content type: still a decimal, one more attribute -->
  <xs:complexType name="TaxedAmount">
    <xs:complexContent><xs:extension base="Amount"><xs:attribute name="rate" type="xs:int"/></xs:extension></xs:complexContent>
  </xs:complexType>
  <!-- and a simpleContent extension of that: the value is still the decimal of Amount -->
  <xs:complexType name="NamedTaxedAmount">
    <xs:simpleContent><xs:extension base="TaxedAmount"><xs:attribute name="label" type="xs:string"/></xs:extension></xs:simpleContent>
  </xs:complexType>
  <xs:element name="prices">
    <xs:complexType><xs:sequence>
      <xs:element name="taxed" type="TaxedAmount"/>
      <xs:element name="named" type="NamedTaxedAmount" minOccurs="0"/>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>
`;

describe('simple content through extension', () => {
  let f: FeatureSchema;
  beforeAll(async () => {
    f = await featureSchema('simple-content', SCHEMA, { roots: ['prices'] });
  }, 60_000);
  afterAll(() => f?.dispose());

  const table: [name: string, xml: string, valid: boolean, value?: unknown][] = [
    [
      'complexContent extension keeps the text',
      '<prices><taxed currency="EUR" rate="19">12.50</taxed></prices>',
      true,
      { prices: { taxed: { value: '12.50', currency: 'EUR', rate: 19 } } },
    ],
    [
      'simpleContent extension of it keeps the text too',
      '<prices><taxed currency="EUR">1</taxed><named currency="USD" rate="7" label="net">-3.5</named></prices>',
      true,
      { prices: { taxed: { value: '1', currency: 'EUR' }, named: { value: '-3.5', currency: 'USD', rate: 7, label: 'net' } } },
    ],
    ['the text is checked against the base value type', '<prices><taxed currency="EUR">twelve</taxed></prices>', false],
    ['element content is refused', '<prices><taxed currency="EUR"><x/></taxed></prices>', false],
    ['inherited required attribute', '<prices><taxed>1</taxed></prices>', false],
    ['own attribute type', '<prices><taxed currency="EUR" rate="x">1</taxed></prices>', false],
  ];

  it.each(table)('%s', (_name, xml, valid, value) => expectRow(f, xml, valid, value));

  it('types the value as { value, …attributes } and type-checks', () => {
    const consumer = join(f.codecs.tree, 'consumer.ts');
    writeFileSync(
      consumer,
      `import type { TaxedAmount, NamedTaxedAmount } from './index.js';
const a: TaxedAmount = { value: '1.5', currency: 'EUR', rate: 1 };
const b: NamedTaxedAmount = { value: '2', currency: 'EUR', label: 'x' };
// @ts-expect-error the text value is required
const c: TaxedAmount = { currency: 'EUR' };
void a; void b; void c;
`,
    );
    expect(f.typecheck()).toBe('');
  }, 120_000);

  it('reports an extension that adds elements to a simple-content type, as libxml2 does', () => {
    const dir = join(f.dir, 'bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'root.xsd'),
      `<xs:schema xmlns:xs="${XS_NS}">
  <xs:complexType name="Amount"><xs:simpleContent><xs:extension base="xs:decimal"/></xs:simpleContent></xs:complexType>
  <xs:complexType name="Bad">
    <xs:complexContent><xs:extension base="Amount"><xs:sequence><xs:element name="q"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
</xs:schema>`,
    );
    let diagnostics: string[] = [];
    try {
      loadSchemaSet(dir, 'root.xsd');
    } catch (e) {
      if (!(e instanceof SchemaError)) throw e;
      diagnostics = e.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`);
    }
    expect(diagnostics).toEqual(['root.xsd:4: complexContent extension of "Amount", which has simple content, adds element content']);
  });
});
