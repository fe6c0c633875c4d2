/**
 * `xsi:schemaLocation` and `xsi:noNamespaceSchemaLocation` on the root (issue 14, item 3): read
 * into the root's value as `$schemaLocation` / `$noNamespaceSchemaLocation` (`SchemaLocations`)
 * and written back on the root, so a round trip keeps them; a caller sets them the same way.
 * Given: a small schema through the general core (`generateFromXsd`); want: libxml2's verdict,
 * the value read, and the same document written back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateFromXsd } from '../../generator/core/generate.js';
import { writeTree } from '../../generator/emit/write.js';
import { XS_NS } from '../../generator/model/index.js';
import { SCRATCH_DIR, typecheck } from '../support/tree.js';
import { createValidator, type PacketValidator } from '../support/libxml.js';

const NS = 'urn:example:loc';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="${XS_NS}" xmlns:l="${NS}" targetNamespace="${NS}" elementFormDefault="qualified">
  <xs:element name="doc"><xs:complexType><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence><xs:attribute name="v" type="xs:int"/></xs:complexType></xs:element>
  <xs:element name="note" type="xs:string"/>
</xs:schema>
`;

type Codec = Record<string, (value: unknown, options?: unknown) => unknown>;

describe('xsi:schemaLocation on the root', () => {
  let dir: string;
  let codec: Codec;
  let libxml2: PacketValidator;
  beforeAll(async () => {
    mkdirSync(SCRATCH_DIR, { recursive: true });
    dir = mkdtempSync(join(SCRATCH_DIR, 'feature-schema-location-'));
    writeFileSync(join(dir, 'loc.xsd'), SCHEMA);
    const result = generateFromXsd({ xsd: [join(dir, 'loc.xsd')], roots: [`{${NS}}doc`, `{${NS}}note`] }, { label: 'loc' });
    writeTree(join(dir, 'tree'), result.files);
    codec = (await import(pathToFileURL(join(dir, 'tree', 'codec.ts')).href)) as Codec;
    libxml2 = createValidator(dir, 'loc.xsd' as never);
  }, 60_000);
  afterAll(() => {
    libxml2?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const table: [name: string, xml: string, value: unknown][] = [
    ['schemaLocation kept', `<doc xmlns="${NS}" v="1" xsi:schemaLocation="${NS} loc.xsd" xmlns:xsi="${XSI}"><a>x</a></doc>`, { $schemaLocation: `${NS} loc.xsd`, v: 1, a: 'x' }],
    ['both kept, with characters to escape', `<doc xmlns="${NS}" xsi:schemaLocation="${NS} a&amp;b.xsd" xsi:noNamespaceSchemaLocation="n.xsd" xmlns:xsi="${XSI}"><a>x</a></doc>`, { $schemaLocation: `${NS} a&b.xsd`, $noNamespaceSchemaLocation: 'n.xsd', a: 'x' }],
    ['none: nothing added', `<doc xmlns="${NS}"><a>x</a></doc>`, { a: 'x' }],
  ];

  it.each(table)('%s', (_name, xml, value) => {
    expect(libxml2.validate(xml).errors).toEqual([]);
    const read = codec.parseDoc!(xml);
    expect(read).toEqual(value);
    const written = String(codec.serializeDoc!(read, { declaration: false }));
    expect(written).toBe(xml);
    expect(libxml2.validate(written).errors).toEqual([]);
  });

  it('a caller sets them on the value; the root declares xsi once, inner elements never carry them', () => {
    expect(codec.serializeDoc!({ $noNamespaceSchemaLocation: 'loc.xsd', a: 'x' }, { declaration: false, indent: true })).toBe(`<doc xmlns="${NS}" xsi:noNamespaceSchemaLocation="loc.xsd" xmlns:xsi="${XSI}">\n  <a>x</a>\n</doc>`);
    expect(() => codec.serializeDoc!({ $schemaLocation: 7, a: 'x' })).toThrow(/doc\.\$schemaLocation: expected a string, got number 7/);
    // Below the root they are no property of any type.
    expect(() => codec.serializeDoc!({ a: { $schemaLocation: 'x' } })).toThrow(/SchemaViolationError|expected/);
  });

  it('a root whose value is not an object reads them and drops them', () => {
    const xml = `<note xmlns="${NS}" xsi:schemaLocation="${NS} loc.xsd" xmlns:xsi="${XSI}">hi</note>`;
    expect(libxml2.validate(xml).errors).toEqual([]);
    expect(codec.parseNote!(xml)).toBe('hi');
  });

  it('types them on the root codecs', () => {
    writeFileSync(
      join(dir, 'tree', 'consumer.ts'),
      `import { parseDoc, serializeDoc } from './codec.js';
const d = parseDoc('<doc/>');
const loc: string | undefined = d.$schemaLocation;
serializeDoc({ a: 'x', $schemaLocation: 'urn:x x.xsd' });
// @ts-expect-error a string
serializeDoc({ a: 'x', $schemaLocation: 1 });
void loc;
`,
    );
    expect(typecheck(join(dir, 'tree'))).toBe('');
  }, 120_000);
});
