/**
 * The Plesk profile's operator pass (`generator/profiles/plesk/operators.ts`), given/want: a
 * packet whose operators hold their operations in each way a schema can write them → how each
 * operator's value holds its operations (`OperationsLayout`) on each side, and its operations.
 */
import { describe, expect, it } from 'vitest';
import { bindPlesk } from '../../generator/profiles/plesk/bind.js';
import { pleskSets } from './support.js';

const OPS = `<xs:element name="get" type="xs:string"/><xs:element name="del" type="xs:int"/>`;

describe('operators and how they hold their operations', () => {
  const side = (extra: string) => `><xs:include schemaLocation="ops.xsd"/>
    <xs:element name="packet"><xs:complexType><xs:choice maxOccurs="unbounded">
      <xs:element name="listed" type="Listed"/><xs:element name="single" type="Single"/><xs:element name="fields" type="Fields"/>
      <xs:element name="wrapped" type="Wrapped"/>${extra}
    </xs:choice></xs:complexType></xs:element>`;
  const model = bindPlesk(
    pleskSets({
      'ops.xsd': `>
        <xs:complexType name="Listed"><xs:choice maxOccurs="unbounded">${OPS}</xs:choice></xs:complexType>
        <xs:complexType name="Single"><xs:choice>${OPS}</xs:choice></xs:complexType>
        <xs:complexType name="Fields"><xs:sequence>${OPS}</xs:sequence></xs:complexType>
        <xs:complexType name="Wrapped"><xs:choice maxOccurs="unbounded">${OPS}</xs:choice><xs:attribute name="v"/></xs:complexType>
        <xs:complexType name="ResponseOnly"><xs:choice maxOccurs="unbounded"><xs:element name="event" type="xs:string"/></xs:choice></xs:complexType>`,
      'agent_input.xsd': side(''),
      'agent_output.xsd': side('<xs:element name="response-only" type="ResponseOnly"/>'),
    }),
  );

  it.each<[xml: string, want: unknown]>([
    ['listed', { request: { kind: 'list' }, response: { kind: 'list' }, operations: ['get', 'del'] }],
    ['single', { request: { kind: 'single' }, response: { kind: 'single' }, operations: ['get', 'del'] }],
    ['fields', { request: { kind: 'fields', order: ['get', 'del'] }, response: { kind: 'fields', order: ['get', 'del'] }, operations: ['get', 'del'] }],
    ['wrapped', { request: { kind: 'list', prop: 'getOrDel' }, response: { kind: 'list', prop: 'getOrDel' }, operations: ['get', 'del'] }],
    ['response-only', { request: null, response: { kind: 'list' }, operations: ['event'] }],
  ])('%s', (xml, want) => {
    const o = model.operators.find((x) => x.xml === xml)!;
    expect({ request: o.requestLayout, response: o.responseLayout, operations: o.operations.map((op) => op.xml) }).toEqual(want);
  });

  it('lists the request side\'s operators first, in schema order, then those only responses have', () => {
    expect(model.operators.map((o) => `${o.xml}→${o.prop}`)).toEqual(['listed→listed', 'single→single', 'fields→fields', 'wrapped→wrapped', 'response-only→responseOnly']);
  });
});
