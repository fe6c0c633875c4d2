/**
 * The sharing pass alone (`generator/binding/sharing.ts`), given/want: two schema sets (the Plesk
 * profile's request and response sets, built in the test) → the side each global type is
 * declared on, and which anonymous types of global elements are declared once for both.
 */
import { describe, expect, it } from 'vitest';
import { decideSharing } from '../../generator/binding/sharing.js';
import { pleskSets, schemaSet } from './support.js';

const PACKET = '<xs:element name="packet"><xs:complexType><xs:sequence><xs:element name="op" type="Op"/></xs:sequence></xs:complexType></xs:element>';

describe('sharing between the request and the response set', () => {
  const sets = pleskSets({
    'common.xsd': `>
      <xs:simpleType name="Id"><xs:restriction base="xs:int"/></xs:simpleType>
      <xs:element name="note"><xs:complexType><xs:sequence><xs:element name="id" type="Id"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="item"><xs:complexType><xs:sequence><xs:element name="op" type="Op"/></xs:sequence></xs:complexType></xs:element>`,
    'agent_input.xsd': `><xs:include schemaLocation="common.xsd"/>${PACKET}
      <xs:complexType name="Op"><xs:sequence><xs:element name="id" type="Id"/></xs:sequence></xs:complexType>
      <xs:complexType name="InOnly"/>`,
    'agent_output.xsd': `><xs:include schemaLocation="common.xsd"/>${PACKET}
      <xs:complexType name="Op"><xs:sequence><xs:element name="result" type="xs:string"/></xs:sequence></xs:complexType>`,
  });
  const sharing = decideSharing(sets.input, sets.output, sets.comparison);

  it.each<[key: string, setSide: 'input' | 'output', want: string | null]>([
    ['Id', 'input', 'shared'],
    ['Id', 'output', null],
    ['Op', 'input', 'request'],
    ['Op', 'output', 'response'],
    ['InOnly', 'input', 'request'],
  ])('global type %s of the %s set → %s', (key, setSide, want) => {
    expect(sharing.globalSide(key, setSide)).toBe(want);
  });

  it.each<[element: string, want: boolean]>([
    ['note', true], // refers only to the shared Id, in a file both sets include
    ['item', false], // refers to Op, which differs between the sides
  ])('the anonymous type of global element %s is shared: %s', (element, want) => {
    expect(sharing.sharesAnonymous(sets.input.elements.get(element)!.type)).toBe(want);
    expect(sharing.sharesAnonymous(sets.output.elements.get(element)!.type)).toBe(want);
  });

  it('an anonymous type in a file only one set includes is not shared', () => {
    expect(sharing.sharesAnonymous(sets.input.elements.get('packet')!.type)).toBe(false);
  });
});

describe('the general core: one set against itself', () => {
  it('every type is shared', () => {
    const set = schemaSet({ 'a.xsd': `><xs:complexType name="T"/><xs:element name="e"><xs:complexType/></xs:element>` });
    const sharing = decideSharing(set, set, { shared: [...set.types.keys()], differing: [], inputOnly: [], outputOnly: [] });
    expect(sharing.globalSide('T', 'input')).toBe('shared');
    expect(sharing.sharesAnonymous(set.elements.get('e')!.type)).toBe(true);
  });
});
