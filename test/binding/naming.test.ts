/**
 * The naming pass alone (`generator/binding/naming.ts`), given/want: the declarations the
 * sharing and collect passes found for a small schema, unnamed → every name the pass makes
 * (types, modules, properties, item types, codec names), as plain data.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BINDING_OPTIONS } from '../../generator/binding/bind.js';
import { collectElements, collectPackets } from '../../generator/binding/collect.js';
import type { BindingOptions, ComplexDeclaration, Declaration, ParticleBinding } from '../../generator/binding/model.js';
import { RUNTIME_EXPORTS, namespaceModuleName } from '../../generator/binding/names.js';
import { nameAll } from '../../generator/binding/naming.js';
import { decideSharing } from '../../generator/binding/sharing.js';
import { packetOperators } from '../../generator/profiles/plesk/schemas.js';
import { RESERVED_TYPE_NAMES } from '../../generator/profiles/plesk/bind.js';
import { pleskSets, schemaSet } from './support.js';

function nameCore(files: Record<string, string>, roots: string[], options: BindingOptions = DEFAULT_BINDING_OPTIONS) {
  const set = schemaSet(files);
  const all = [...set.elements.values()];
  const sharing = decideSharing(set, set, { shared: [...set.types.keys()], differing: [], inputOnly: [], outputOnly: [] });
  const collected = collectElements(set, sharing, options, roots.map((r) => all.find((e) => `{${e.name.ns ?? ''}}${e.name.local}` === r || e.name.local === r)!));
  nameAll({ sets: [set, set], reserved: RUNTIME_EXPORTS, options, modules: { kind: 'namespaces', folder: 'types' }, ...collected });
  return collected;
}

function namePlesk(files: Record<string, string>) {
  const sets = pleskSets(files);
  const sharing = decideSharing(sets.input, sets.output, sets.comparison);
  const operators = { input: packetOperators(sets.input), output: packetOperators(sets.output) };
  const collected = collectPackets(sets.input, sets.output, sharing, DEFAULT_BINDING_OPTIONS, operators);
  nameAll({ sets: [sets.input, sets.output], reserved: RESERVED_TYPE_NAMES, options: DEFAULT_BINDING_OPTIONS, modules: { kind: 'sides' }, ...collected });
  return collected;
}

/** `schemaName → Name (module)` per declaration. */
const names = (decls: readonly Declaration[]) => decls.map((d) => `${d.schemaName} → ${d.name} (${d.module})`);

/** The properties and item types of a declaration: `prop`, `prop: Item[]` for groups. */
function props(d: ComplexDeclaration): string[] {
  const out: string[] = [];
  const visit = (p: ParticleBinding): void => {
    if (p.kind === 'element' || p.kind === 'any') out.push(p.prop);
    else {
      if (p.prop !== undefined || p.itemTypeName !== undefined) out.push(`${p.prop ?? '(whole)'}: ${p.itemTypeName}[]`);
      p.particles.forEach(visit);
    }
  };
  if (d.content) visit(d.content);
  return [...out, ...d.attributes.map((a) => `@${a.prop}`)];
}

describe('type names', () => {
  it('PascalCase; globals and reserved words get `Type`; the runtime\'s names get `2`; anonymous types after their owner', () => {
    const c = nameCore(
      {
        'a.xsd': `>
        <xs:simpleType name="string"><xs:restriction base="xs:string"/></xs:simpleType>
        <xs:complexType name="ParseOptions"><xs:sequence><xs:element name="x" type="string"/></xs:sequence></xs:complexType>
        <xs:complexType name="srv_op-type"><xs:sequence><xs:element name="split-size"><xs:complexType><xs:attribute name="n"/></xs:complexType></xs:element></xs:sequence></xs:complexType>
        <xs:element name="doc"><xs:complexType><xs:sequence><xs:element name="p" type="ParseOptions"/><xs:element name="s" type="srv_op-type"/></xs:sequence></xs:complexType></xs:element>
        <xs:element name="note" type="xs:string"/>`,
      },
      ['doc', 'note'],
    );
    expect(names(c.declarations)).toEqual([
      'ParseOptions → ParseOptions2 (types/a)',
      'srv_op-type → SrvOpType (types/a)',
      'string → StringType (types/a)',
      'doc → Doc (types/a)',
      'note → Note (types/a)',
      'srv_op-type/split-size → SrvOpTypeSplitSize (types/a)',
    ]);
    expect(c.roots.map((r) => r.codecName)).toEqual(['Doc', 'Note']);
  });

  it('a name several namespaces want is led by each one\'s prefix; one only one namespace wants stays bare', () => {
    const c = nameCore(
      {
        'a.xsd': `targetNamespace="urn:a" xmlns:a="urn:a" xmlns:bee="urn:b" elementFormDefault="qualified"><xs:import namespace="urn:b" schemaLocation="b.xsd"/>
        <xs:complexType name="Item"><xs:sequence><xs:element name="b" type="bee:Item"/></xs:sequence></xs:complexType>
        <xs:element name="Only" type="a:Item"/>`,
        'b.xsd': `targetNamespace="urn:b" xmlns:bee="urn:b"><xs:complexType name="Item"/>`,
      },
      ['Only'],
    );
    expect(names(c.declarations)).toEqual(['Item → AItem (types/a)', 'Item → BeeItem (types/b)']);
    expect(c.roots.map((r) => r.codecName)).toEqual(['Only']);
  });

  it('Plesk: a type that differs between the sides, or names colliding after PascalCase, get `Request`/`Response`', () => {
    const side = (ops: string) => `><xs:include schemaLocation="common.xsd"/>
      <xs:element name="packet"><xs:complexType><xs:sequence><xs:element name="op" type="Op"/></xs:sequence></xs:complexType></xs:element>${ops}`;
    const c = namePlesk({
      'common.xsd': `><xs:complexType name="Shared"/>`,
      'agent_input.xsd': side(`<xs:complexType name="Op"><xs:sequence><xs:element name="a" type="getType"/></xs:sequence></xs:complexType><xs:complexType name="getType"/>`),
      'agent_output.xsd': side(`<xs:complexType name="Op"><xs:sequence><xs:element name="b" type="GetType"/></xs:sequence></xs:complexType><xs:complexType name="GetType"><xs:attribute name="x"/></xs:complexType>`),
    });
    expect(names(c.declarations)).toEqual([
      'Shared → Shared (shared/common)',
      'Op → OpRequest (request/agent_input)',
      'getType → GetTypeRequest (request/agent_input)',
      'GetType → GetTypeResponse (response/agent_output)',
      'Op → OpResponse (response/agent_output)',
      'packet → RequestPacket (request/agent_input)',
      'packet → ResponsePacket (response/agent_output)',
    ]);
  });
});

describe('properties and item types', () => {
  const rows: { what: string; type: string; options?: BindingOptions; want: string[] }[] = [
    { what: 'elements first, then attributes; a taken name gets 2', type: `<xs:sequence><xs:element name="id" type="xs:int"/><xs:element name="split-size" type="xs:int"/></xs:sequence><xs:attribute name="id"/>`, want: ['id', 'splitSize', '@id2'] },
    { what: 'xml naming keeps the XML names', type: `<xs:sequence><xs:element name="split-size" type="xs:int"/><xs:any/></xs:sequence>`, options: { naming: 'xml', integers: 'number' }, want: ['split-size', '$any'] },
    {
      what: 'a repeating choice of two or three elements is named by them; its item type by owner and property',
      type: `<xs:sequence><xs:choice maxOccurs="unbounded"><xs:element name="object" type="xs:int"/><xs:element name="message" type="xs:string"/></xs:choice></xs:sequence><xs:attribute name="n"/>`,
      want: ['objectOrMessage: TObjectOrMessageItem[]', 'object', 'message', '@n'],
    },
    {
      what: 'any other repeating group: `<first element>Group`, its items in a scope of their own',
      type: `<xs:sequence><xs:element name="n" type="xs:int"/><xs:sequence maxOccurs="unbounded"><xs:element name="n" type="xs:int"/><xs:element name="v" type="xs:int"/></xs:sequence></xs:sequence>`,
      want: ['n', 'nGroup: TNGroupItem[]', 'n', 'v'],
    },
    { what: 'the whole value repeating: the item type is `<Type>Item`', type: `<xs:choice maxOccurs="unbounded"><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:choice>`, want: ['(whole): TItem[]', 'a', 'b'] },
    {
      what: 'a repeating substitution group is one property named after its head',
      type: `<xs:sequence><xs:element ref="head" maxOccurs="unbounded"/><xs:element name="head2" type="xs:int"/></xs:sequence>`,
      want: ['head: THeadItem[]', 'head', 'm1', 'head2'],
    },
  ];
  it.each(rows)('$what', ({ type, options, want }) => {
    const c = nameCore({ 'a.xsd': `><xs:element name="head" type="xs:string"/><xs:element name="m1" type="xs:string" substitutionGroup="head"/><xs:complexType name="T">${type}</xs:complexType><xs:element name="doc" type="T"/>` }, ['doc'], options);
    expect(props(c.declarations.find((d) => d.name === 'T') as ComplexDeclaration)).toEqual(want);
  });

  it('Plesk: the repeating choice under <packet> is `operators`', () => {
    const side = `><xs:element name="packet"><xs:complexType><xs:choice maxOccurs="unbounded"><xs:element name="server" type="xs:string"/><xs:element name="site" type="xs:string"/></xs:choice><xs:attribute name="version"/></xs:complexType></xs:element>`;
    const c = namePlesk({ 'agent_input.xsd': side, 'agent_output.xsd': side });
    expect(props(c.request.decl)).toEqual(['operators: RequestPacketOperatorsItem[]', 'server', 'site', '@version']);
  });
});

describe('modules', () => {
  it('the core: one module per target namespace, named from its URI; no namespace: one per XSD file', () => {
    const c = nameCore(
      {
        'main.xsd': `targetNamespace="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" elementFormDefault="qualified">
          <xs:import namespace="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" schemaLocation="cbc.xsd"/>
          <xs:import schemaLocation="plain.xsd"/>
          <xs:element name="Invoice"><xs:complexType><xs:sequence><xs:element ref="cbc:ID"/><xs:element name="x" type="Plain"/></xs:sequence></xs:complexType></xs:element>`,
        'cbc.xsd': `targetNamespace="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" elementFormDefault="qualified"><xs:include schemaLocation="cbc-more.xsd"/><xs:element name="ID" type="IDType"/>`,
        'cbc-more.xsd': `targetNamespace="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><xs:simpleType name="IDType"><xs:restriction base="xs:token"/></xs:simpleType>`,
        'plain.xsd': `><xs:complexType name="Plain"/>`,
      },
      ['Invoice'],
    );
    expect(names(c.declarations)).toEqual([
      'Plain → Plain (types/plain)',
      'IDType → IDType (types/common-basic-components)',
      'Invoice → Invoice (types/invoice)',
    ]);
  });

  it.each<[ns: string, detail: 1 | 2 | 3, want: string]>([
    ['urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2', 1, 'common-aggregate-components'],
    ['http://www.omg.org/spec/BPMN/20100524/MODEL', 1, 'model'],
    ['http://www.omg.org/spec/BPMN/20100524/DI', 2, 'bpmn-di'],
    ['http://www.omg.org/spec/DD/20100524/DI', 2, 'dd-di'],
    ['http://uri.etsi.org/01903/v1.3.2#', 1, 'uri-etsi-org'],
    ['http://uri.etsi.org/01903/v1.3.2#', 3, 'uri-etsi-org-v1-3-2'],
    ['http://www.omg.org/spec/ReqIF/20110401/reqif.xsd', 1, 'reqif'],
    ['http://xml.amadeus.com/FMPTBQ_15_3_1A', 1, 'fmptbq-15-3-1a'],
    ['urn:order', 1, 'order'],
  ])('namespaceModuleName(%s, %i) → %s', (ns, detail, want) => {
    expect(namespaceModuleName(ns, detail)).toBe(want);
  });

  it('namespaces whose names are alike take more of their URI', () => {
    const c = nameCore(
      {
        'a.xsd': `targetNamespace="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dd="http://www.omg.org/spec/DD/20100524/DI"><xs:import namespace="http://www.omg.org/spec/DD/20100524/DI" schemaLocation="b.xsd"/><xs:element name="Diagram" type="dd:Diagram"/>`,
        'b.xsd': `targetNamespace="http://www.omg.org/spec/DD/20100524/DI"><xs:complexType name="Diagram"/>`,
      },
      ['Diagram'],
    );
    expect(names(c.declarations)).toEqual(['Diagram → Diagram (types/dd-di)']);
  });

  it('Plesk: shared/, request/, response/ + the XSD file name (unchanged)', () => {
    const side = `><xs:include schemaLocation="common.xsd"/><xs:element name="packet"><xs:complexType><xs:sequence><xs:element name="c" type="C"/></xs:sequence></xs:complexType></xs:element>`;
    const c = namePlesk({ 'common.xsd': `><xs:complexType name="C"/>`, 'agent_input.xsd': side, 'agent_output.xsd': side });
    expect(names(c.declarations)).toEqual(['C → C (shared/common)', 'packet → RequestPacket (request/agent_input)', 'packet → ResponsePacket (response/agent_output)']);
  });
});
