// The particle builders generated descriptor modules call (elementDesc, sequenceDesc, choiceDesc,
// allDesc) return exactly the plain objects of the descriptor format: the same keys an object
// literal of the format has, no key set to `undefined`, so the runtime reads nothing new.
import { describe, expect, it } from 'vitest';
import { allDesc, choiceDesc, elementDesc, sequenceDesc, type ComplexDesc, type SimpleDesc } from 'plesk-api-codegen-runtime';

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
