/**
 * `plesk-codegen inspect --xsd` (and `inspect({ xsd })` in the API): the general core's view of
 * any schema, on a two-namespace set written here, so nothing depends on ../shared.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect, SchemaSetError, SchemaSourceError } from '../../generator/api.js';
import { runCommand } from './helpers.js';

const ORDERS = 'urn:example:orders';
const COMMON = 'urn:example:common';

let dir: string;
let entry: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspect-xsd-'));
  entry = join(dir, 'orders.xsd');
  writeFileSync(
    join(dir, 'common.xsd'),
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:c="${COMMON}" targetNamespace="${COMMON}" elementFormDefault="qualified">
  <xs:simpleType name="Code"><xs:restriction base="xs:token"><xs:enumeration value="A"/><xs:enumeration value="B"/></xs:restriction></xs:simpleType>
  <xs:complexType name="Amount"><xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="currency" type="c:Code" use="required"/></xs:extension></xs:simpleContent></xs:complexType>
  <xs:element name="Note" type="xs:string"/>
</xs:schema>`,
  );
  writeFileSync(
    entry,
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="${ORDERS}" xmlns:c="${COMMON}" targetNamespace="${ORDERS}" elementFormDefault="qualified">
  <xs:import namespace="${COMMON}" schemaLocation="common.xsd"/>
  <xs:complexType name="Code"><xs:sequence><xs:element name="value" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="OrderType">
    <xs:sequence>
      <xs:element name="total" type="c:Amount"/>
      <xs:element ref="c:Note" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>
  <xs:element name="Order" type="o:OrderType"/>
  <xs:element name="Cancel" type="xs:string"/>
</xs:schema>`,
  );
  writeFileSync(join(dir, 'broken.xsd'), `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n  <xs:element name="x" type="Nowhere"/>\n</xs:schema>`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runCommand('inspect', args);

describe('plesk-codegen inspect --xsd', () => {
  it('prints the files, each namespace with its prefix and counts, and the root elements', async () => {
    const r = await run(['--xsd', entry]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      `XSD set (${entry})`,
      '  files loaded: 2',
      '    orders.xsd',
      '    common.xsd',
      '  target namespaces: 2',
      `    ${COMMON} (c): 2 global types (1 simple, 1 complex), 1 global element`,
      `    ${ORDERS} (o): 2 global types (0 simple, 2 complex), 2 global elements`,
      '  root elements: 2',
      `    {${ORDERS}}Cancel (xs:string)`,
      `    {${ORDERS}}Order ({${ORDERS}}OrderType)`,
    ]);
  });

  it('--root narrows the roots as generate does; --json prints the same data, stable', async () => {
    const r = await run(['--xsd', entry, '--root', 'o:Order', '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(Object.keys(data)).toEqual(['entry', 'fileCount', 'files', 'namespaces', 'roots']);
    expect(data.roots).toEqual([{ name: `{${ORDERS}}Order`, type: `{${ORDERS}}OrderType` }]);
    expect(data.namespaces[0]).toEqual({ namespace: COMMON, prefix: 'c', types: { total: 2, simple: 1, complex: 1 }, elements: 1 });
    expect((await run(['--xsd', entry, '--root', 'o:Order', '--json'])).out).toBe(r.out);
  });

  it.each([
    ['prefix:local', 'c:Amount', `{${COMMON}}Amount: complex type, simple content`],
    ['{namespace}local', `{${ORDERS}}OrderType`, `{${ORDERS}}OrderType: complex type, elements content`],
    ['a local name one namespace has', 'OrderType', `{${ORDERS}}OrderType: complex type, elements content`],
    ['a built-in', 'xs:token', 'xs:token: simple type (atomic), built-in'],
  ])('--type by %s', async (_how, name, first) => {
    const r = await run(['--xsd', entry, '--type', name]);
    expect(r.err).toBe('');
    expect(r.out.split('\n')[0]).toBe(first);
  });

  it('--type shows the content model with file:line', async () => {
    const r = await run(['--xsd', entry, '--type', 'OrderType']);
    expect(r.out).toContain('declared at: orders.xsd:4');
    expect(r.out).toContain(`element {${COMMON}}Note: xs:string [0..∞] (ref)`);
  });

  it.each([
    ['a local name two namespaces have', 'Code', /several global types are named "Code"; choose one: \{urn:example:common\}Code, \{urn:example:orders\}Code/],
    ['an unknown name', 'Nope', /no global type "Nope" in the schemas/],
    ['an unknown built-in', 'xs:nope', /no built-in type "xs:nope"/],
  ])('--type with %s exits 1 and says why', async (_how, name, message) => {
    const r = await run(['--xsd', entry, '--type', name]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  it('names a missing entry file as a path problem, and schema errors as file:line', async () => {
    const missing = await run(['--xsd', join(dir, 'nope.xsd')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.xsd');
    expect(missing.err).toContain('no such file');
    const broken = await run(['--xsd', join(dir, 'broken.xsd')]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/broken\.xsd:2: .*Nowhere/);
  });

  it.each([
    [['--xsd', 'a.xsd', '--set', 'input'], /--set: for Plesk schema sets only/],
    [['--xsd', 'a.xsd', '--schemas', 'x'], /--schemas: for Plesk schema sets only/],
    [['--root', 'Order', '--schemas', 'x'], /--root needs --xsd/],
    [[], /--schemas DIR or --xsd FILE is required/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});

describe('inspect({ xsd }) in the API', () => {
  it('returns the resolved set and the roots generate would bind', async () => {
    const result = await inspect({ xsd: [entry], roots: ['Order'] });
    expect(result.set.files).toEqual(['orders.xsd', 'common.xsd']);
    expect(result.roots.map((r) => r.name)).toEqual([{ ns: ORDERS, local: 'Order' }]);
    expect(result.set.types.has(`{${COMMON}}Amount`)).toBe(true);
  });

  it('throws the typed errors generate throws', async () => {
    await expect(inspect({ xsd: [join(dir, 'nope.xsd')] })).rejects.toBeInstanceOf(SchemaSourceError);
    await expect(inspect({ xsd: [join(dir, 'broken.xsd')] })).rejects.toBeInstanceOf(SchemaSetError);
    await expect(inspect({ xsd: [entry], roots: ['Missing'] })).rejects.toThrow(/--root Missing: no global element of that name/);
  });
});
