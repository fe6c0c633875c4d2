// The particle builders generated descriptor modules call (elementDesc, sequenceDesc, choiceDesc,
// allDesc) return exactly the plain objects of the descriptor format: the same keys an object
// literal of the format has, no key set to `undefined`, so the runtime reads nothing new.
import { describe, expect, it } from 'vitest';
import { allDesc, anyAttributes, bigintTypes, choiceDesc, decimalTypes, elementDesc, numberTypes, lexicalFacets, lexicalSpaces, listTypes, parse, sequenceDesc, serialize, unionTypes, untypedContent, withSupport, type ComplexDesc, type RootDesc, type SimpleDesc } from 'plesk-api-codegen-runtime';

const str: SimpleDesc = { name: 'xs:string', kind: 'string', whiteSpace: 'preserve' };
const thing: ComplexDesc = { name: 'thing', shape: 'flag' };
const thunk = (): ComplexDesc => thing;

describe('particle builders', () => {
  it('elementDesc: the element particle, options only where given', () => {
    const cases: [ReturnType<typeof elementDesc>, object][] = [
      [elementDesc('domain-id', 'domainId', str, 1, 1), { particle: 'element', xmlName: 'domain-id', property: 'domainId', type: str, minOccurs: 1, maxOccurs: 1 }],
      [elementDesc('item', 'item', thunk, 0, Infinity), { particle: 'element', xmlName: 'item', property: 'item', type: thunk, minOccurs: 0, maxOccurs: Infinity }],
      [
        elementDesc('status', 'status', str, 1, 1, { default: '0' }),
        { particle: 'element', xmlName: 'status', property: 'status', type: str, minOccurs: 1, maxOccurs: 1, default: '0' },
      ],
      [
        elementDesc('n', 'n', str, 0, 1, { namespace: 'urn:x', nillable: true, fixed: 'f' }),
        { particle: 'element', xmlName: 'n', property: 'n', type: str, minOccurs: 0, maxOccurs: 1, namespace: 'urn:x', nillable: true, fixed: 'f' },
      ],
    ];
    for (const [got, want] of cases) {
      expect(got).toStrictEqual(want);
      expect(Object.values(got)).not.toContain(undefined);
    }
  });

  it('group builders: the group particle of their kind, `property` only where given', () => {
    const a = elementDesc('a', 'a', str, 1, 1);
    expect(sequenceDesc(1, 1, [a])).toStrictEqual({ particle: 'sequence', minOccurs: 1, maxOccurs: 1, particles: [a] });
    expect(choiceDesc(0, Infinity, [a], 'items')).toStrictEqual({ particle: 'choice', minOccurs: 0, maxOccurs: Infinity, property: 'items', particles: [a] });
    expect(allDesc(1, 1, [])).toStrictEqual({ particle: 'all', minOccurs: 1, maxOccurs: 1, particles: [] });
    expect('property' in sequenceDesc(1, 1, [a])).toBe(false);
  });
});

describe('withSupport: descriptors that need a runtime feature install it', () => {
  it('returns the descriptor itself, after calling each feature', () => {
    const calls: string[] = [];
    const d = { name: 'n', kind: 'string', whiteSpace: 'preserve' } as const satisfies SimpleDesc;
    expect(withSupport(d, () => calls.push('a'), () => calls.push('b'))).toBe(d);
    expect(calls).toEqual(['a', 'b']);
  });

  it('content kept as XML is written only once untypedContent is installed (this file has not installed it before)', () => {
    // A descriptor written by hand without withSupport: the writer says what is missing.
    const root: RootDesc = { xmlName: 'r', type: { name: 'R', shape: 'object', content: elementDesc('x', 'x', { name: 'xs:anyType', shape: 'any' }, 1, 1) } };
    expect(() => serialize(root, { x: 'text' })).toThrow('runtime: xs:anyType needs untypedContent (withSupport)');
    const wild: RootDesc = { xmlName: 'r', type: { name: 'W', shape: 'object', content: sequenceDesc(1, 1, [{ particle: 'any', property: 'any', minOccurs: 1, maxOccurs: 1, namespaces: '##any', processContents: 'lax' }]) } };
    expect(() => serialize(wild, { any: { xml: '<y/>' } })).toThrow('runtime: the wildcard any needs untypedContent (withSupport)');
    // Installed (as the generated xs_anyType and wildcards do), the same descriptors write.
    untypedContent();
    expect(serialize(root, { x: 'text' }, { declaration: false })).toBe('<r><x>text</x></r>');
    expect(serialize(wild, { any: { xml: '<y/>' } }, { declaration: false })).toBe('<r><y/></r>');
  });

  it('simple types: lexical spaces, lists and unions once installed (this file has not installed them before)', () => {
    const date: SimpleDesc = { name: 'date', kind: 'string', whiteSpace: 'collapse', lexical: 'date' };
    const list: SimpleDesc = { name: 'dates', kind: 'list', whiteSpace: 'collapse', itemType: date };
    const union: SimpleDesc = { name: 'dateOrNone', kind: 'union', whiteSpace: 'collapse', members: [date, { name: 'none', kind: 'string', whiteSpace: 'collapse', enumeration: ['none'] }] };
    const root = (type: SimpleDesc): RootDesc => ({ xmlName: 'r', type });
    expect(() => parse(root(date), '<r>2024-01-31</r>')).toThrow('runtime: date needs lexicalSpaces (withSupport)');
    lexicalSpaces();
    expect(parse(root(date), '<r>2024-01-31</r>')).toBe('2024-01-31');
    expect(() => parse(root(list), '<r>2024-01-31</r>')).toThrow('runtime: dates needs listTypes (withSupport)');
    expect(() => serialize(root(union), 'none')).toThrow('runtime: dateOrNone needs unionTypes (withSupport)');
    listTypes();
    unionTypes();
    expect(parse(root(list), '<r> 2024-01-31  2024-02-01 </r>')).toEqual(['2024-01-31', '2024-02-01']);
    expect(serialize(root(union), 'none', { declaration: false })).toBe('<r>none</r>');
  });

  it('xs:anyAttribute ($attrs) is read and written once anyAttributes is installed', () => {
    const root: RootDesc = { xmlName: 'r', type: { name: 'Open', shape: 'object', anyAttribute: true } };
    expect(() => parse(root, '<r a="1"/>')).toThrow('runtime: Open needs anyAttributes (withSupport)');
    expect(() => serialize(root, { $attrs: { a: '1' } })).toThrow('runtime: Open needs anyAttributes (withSupport)');
    anyAttributes();
    expect(parse(root, '<r a="1"/>')).toEqual({ $attrs: { a: '1' } });
    expect(serialize(root, { $attrs: { a: '1' } }, { declaration: false })).toBe('<r a="1"/>');
  });

  it('simple types: numbers, decimals, bigints and pattern, length and digit facets once installed', () => {
    const root = (type: SimpleDesc): RootDesc => ({ xmlName: 'r', type });
    const double: SimpleDesc = { name: 'xs:double', kind: 'number', whiteSpace: 'collapse' };
    const money: SimpleDesc = { name: 'money', kind: 'decimal', whiteSpace: 'collapse' };
    const long: SimpleDesc = { name: 'xs:long', kind: 'bigint', whiteSpace: 'collapse' };
    const code: SimpleDesc = { name: 'code', kind: 'string', whiteSpace: 'preserve', patterns: [['[A-Z]+']], maxLength: 3 };
    expect(() => parse(root(double), '<r>INF</r>')).toThrow('runtime: xs:double needs numberTypes (withSupport)');
    expect(() => parse(root(money), '<r>1.50</r>')).toThrow('runtime: money needs decimalTypes (withSupport)');
    expect(() => serialize(root(long), 5n)).toThrow('runtime: xs:long needs bigintTypes (withSupport)');
    expect(() => parse(root(code), '<r>AB</r>')).toThrow('runtime: code needs lexicalFacets (withSupport)');
    numberTypes();
    decimalTypes();
    bigintTypes();
    lexicalFacets();
    expect(parse(root(double), '<r>INF</r>')).toBe(Infinity);
    expect(parse(root(money), '<r>1.50</r>')).toBe('1.50');
    expect(serialize(root(long), 5n, { declaration: false })).toBe('<r>5</r>');
    expect(() => parse(root(code), '<r>ABCD</r>')).toThrow('"ABCD" has 4 characters; at most 3 allowed');
  });
});
