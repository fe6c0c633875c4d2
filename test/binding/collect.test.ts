/**
 * The collect pass alone (`generator/binding/collect.ts`), given/want: a small schema → the
 * declarations in the order found, each with its side and what the naming pass will name it
 * from (`NameOrigin`), and the content decisions made here (shape, folded groups, substitution
 * groups). Nothing is named yet: every name and property is ''.
 */
import { describe, expect, it } from 'vitest';
import { collectElements, collectPackets, type Collected } from '../../generator/binding/collect.js';
import { DEFAULT_BINDING_OPTIONS } from '../../generator/binding/bind.js';
import type { ComplexDeclaration, ParticleBinding } from '../../generator/binding/model.js';
import { decideSharing } from '../../generator/binding/sharing.js';
import { packetOperators } from '../../generator/profiles/plesk/schemas.js';
import { pleskSets, schemaSet } from './support.js';

function collectCore(body: string, roots: string[]) {
  const set = schemaSet({ 'a.xsd': body });
  const sharing = decideSharing(set, set, { shared: [...set.types.keys()], differing: [], inputOnly: [], outputOnly: [] });
  return collectElements(set, sharing, DEFAULT_BINDING_OPTIONS, roots.map((r) => set.elements.get(r)!));
}

/** `schemaName side origin[<foundIn]` per declaration, in the order found. */
function found(c: Collected): string[] {
  return c.declarations.map((d) => {
    const o = c.origins.get(d)!;
    const from = o.kind === 'element' || o.kind === 'local' ? `<${o.foundIn?.schemaName ?? 'roots'}` : '';
    return `${d.schemaName} ${d.side} ${o.kind}${from}`;
  });
}

/** The content as plain data: elements by XML name with occurs, groups as `kind(min,max)[…]`. */
function content(p: ParticleBinding | null): unknown {
  if (p === null) return null;
  if (p.kind === 'element') return `${p.xml}${p.min === 0 ? '?' : ''}${p.max > 1 ? '*' : ''}`;
  if (p.kind === 'any') return 'any';
  return { [`${p.kind}(${p.min},${p.max === Infinity ? 'n' : p.max})${p.substitutionHead ? ` for ${p.substitutionHead}` : ''}`]: p.particles.map(content) };
}

describe('declarations in the order found', () => {
  it('global types first (sorted), then roots, then anonymous types as each declaration is filled', () => {
    const c = collectCore(
      `>
      <xs:complexType name="Z"><xs:sequence><xs:element name="inner"><xs:complexType><xs:sequence><xs:element name="deep"><xs:complexType/></xs:element></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>
      <xs:complexType name="A"><xs:sequence><xs:element ref="g"/></xs:sequence></xs:complexType>
      <xs:element name="g"><xs:complexType><xs:attribute name="n" type="xs:int"/></xs:complexType></xs:element>
      <xs:element name="doc"><xs:complexType><xs:sequence><xs:element name="a" type="A"/><xs:element name="z" type="Z"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="note" type="xs:string"/>`,
      ['doc', 'note'],
    );
    expect(found(c)).toEqual([
      'A shared global',
      'Z shared global',
      'doc shared element<roots',
      'note shared element<roots',
      'g shared element<A',
      'Z/inner shared local<Z',
      'Z/inner/deep shared local<Z/inner',
    ]);
    expect(c.declarations.every((d) => d.name === '' && d.module === '')).toBe(true);
  });
});

describe('content decisions', () => {
  const rows: { what: string; type: string; want: { shape: string; content: unknown } }[] = [
    {
      what: 'a repeating choice of one element folds into the element',
      type: `<xs:sequence><xs:element name="id" type="xs:int"/><xs:choice maxOccurs="unbounded"><xs:element name="c" type="xs:string"/></xs:choice></xs:sequence><xs:attribute name="n"/>`,
      want: { shape: 'object', content: { 'sequence(1,1)': ['id', 'c*'] } },
    },
    {
      what: 'a whole repeating group without attributes: the value is the array',
      type: `<xs:choice maxOccurs="unbounded"><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:int"/></xs:choice>`,
      want: { shape: 'array', content: { 'choice(1,n)': ['a', 'b'] } },
    },
    {
      what: 'the same with an attribute: an object holding the group',
      type: `<xs:choice maxOccurs="unbounded"><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:int"/></xs:choice><xs:attribute name="n"/>`,
      want: { shape: 'object', content: { 'choice(1,n)': ['a', 'b'] } },
    },
    {
      what: 'a reference to a substitution group head: a choice of its members (the sequence of one particle folds into it)',
      type: `<xs:sequence><xs:element ref="head" maxOccurs="unbounded"/></xs:sequence><xs:attribute name="n"/>`,
      want: { shape: 'object', content: { 'choice(1,n) for head': ['head', 'm1'] } },
    },
    { what: 'no content, no attributes: a flag', type: '', want: { shape: 'flag', content: null } },
  ];
  it.each(rows)('$what', ({ type, want }) => {
    const c = collectCore(
      `>
      <xs:element name="head" type="xs:string"/><xs:element name="m1" type="xs:string" substitutionGroup="head"/>
      <xs:complexType name="T">${type}</xs:complexType><xs:element name="doc" type="T"/>`,
      ['doc'],
    );
    const t = c.declarations.find((d) => d.schemaName === 'T') as ComplexDeclaration;
    expect({ shape: t.shape, content: content(t.content) }).toEqual(want);
  });
});

describe('the Plesk profile: packets and operators', () => {
  it('keeps an operator\'s outermost group a list even with one operation, and marks the packets', () => {
    const side = `><xs:include schemaLocation="server.xsd"/>
      <xs:element name="packet"><xs:complexType><xs:choice maxOccurs="unbounded"><xs:element name="server" type="ServerType"/></xs:choice></xs:complexType></xs:element>`;
    const serverXsd = `><xs:complexType name="ServerType"><xs:choice maxOccurs="unbounded"><xs:element name="get" type="xs:string"/></xs:choice></xs:complexType>`;
    const sets = pleskSets({ 'server.xsd': serverXsd, 'agent_input.xsd': side, 'agent_output.xsd': side });
    const sharing = decideSharing(sets.input, sets.output, sets.comparison);
    const c = collectPackets(sets.input, sets.output, sharing, DEFAULT_BINDING_OPTIONS, { input: packetOperators(sets.input), output: packetOperators(sets.output) });
    expect(found(c)).toEqual(['ServerType shared global', 'packet request fixed', 'packet response fixed']);
    const server = c.declarations[0] as ComplexDeclaration;
    expect({ shape: server.shape, content: content(server.content) }).toEqual({ shape: 'array', content: { 'choice(1,n)': ['get'] } });
    expect([...c.packets].map((d) => `${d.schemaName} ${d.side}`)).toEqual(['packet request', 'packet response']);
    expect(c.origins.get(c.request.decl)).toMatchObject({ kind: 'fixed', name: 'RequestPacket' });
  });
});
