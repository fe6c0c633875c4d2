/**
 * The shapes pass alone (`generator/binding/shapes.ts`), given/want: the given is bound content
 * built by hand (elements, groups, attributes, an extension's base), the want is the form the
 * pass decides, as plain data — `interface` with its members (`?` marks optional) and base, or
 * `intersection` with its members and choices (each choice a list of branches; `[]` is the
 * empty branch). The emitter prints exactly this (test/emit/ts-types.test.ts shows the text).
 */
import { describe, expect, it } from 'vitest';
import type { AttributeBinding, ComplexDeclaration, ElementBinding, GroupBinding, ParticleBinding } from '../../generator/binding/model.js';
import { decideShapes, objectForm, type ObjectForm, type ObjectShape } from '../../generator/binding/shapes.js';
import { bindCore, complexNamed } from './support.js';

const STRING = { kind: 'inline', facts: { name: 'xs:string', kind: 'string', ws: 'p' }, ts: { kind: 'primitive', name: 'string' }, builtin: 'string' } as const;
const INT = { kind: 'inline', facts: { name: 'xs:int', kind: 'integer', ws: 'c' }, ts: { kind: 'primitive', name: 'number' }, builtin: 'int' } as const;

function el(prop: string, min = 1, max = 1, ref: typeof STRING | typeof INT = STRING): ElementBinding {
  return { kind: 'element', prop, xml: prop, ns: null, doc: undefined, min, max, type: { kind: 'simple', ref }, nillable: false };
}
function group(kind: GroupBinding['kind'], min: number, max: number, particles: ParticleBinding[], extra: Partial<GroupBinding> = {}): GroupBinding {
  return { kind, min, max, doc: undefined, particles, ...extra };
}
const seq = (min: number, max: number, ...p: ParticleBinding[]) => group('sequence', min, max, p);
const choice = (min: number, max: number, ...p: ParticleBinding[]) => group('choice', min, max, p);
function attr(prop: string, required = false, ref: typeof STRING | typeof INT = STRING): AttributeBinding {
  return { prop, xml: prop, ns: null, doc: undefined, type: ref, required };
}
function decl(name: string, content: ParticleBinding | null, more: Partial<ComplexDeclaration> = {}): ComplexDeclaration {
  return { kind: 'complex', name, schemaName: name, side: 'shared', module: 'types/t', loc: null, doc: undefined, shape: 'object', attributes: [], content, mixed: false, anyAttribute: false, ...more };
}

type ShapeData = { members: string[]; choices: ShapeData[][] } | string[];
function shapeData(s: ObjectShape): ShapeData {
  const members = s.members.map((m) => `${m.key}${m.optional ? '?' : ''}`);
  return s.choices.length === 0 ? members : { members, choices: s.choices.map((branches) => branches.map(shapeData)) };
}
function formData(f: ObjectForm): unknown {
  if (f.kind === 'interface') return { interface: f.members.map((m) => `${m.key}${m.optional ? '?' : ''}`), ...(f.extends ? { extends: f.extends.name } : {}) };
  return { intersection: shapeData(f.shape) };
}

describe('object forms: choice exclusion and all-or-none', () => {
  const rows: { what: string; given: ComplexDeclaration; want: unknown }[] = [
    { what: 'a sequence is an interface; minOccurs 0 makes a member optional', given: decl('T', seq(1, 1, el('a'), el('b', 0))), want: { interface: ['a', 'b?'] } },
    { what: 'attributes follow the elements; an optional attribute is optional', given: decl('T', seq(1, 1, el('a')), { attributes: [attr('id', true), attr('note')] }), want: { interface: ['a', 'id', 'note?'] } },
    { what: 'a choice: its branches exclude each other beside the plain members', given: decl('T', seq(1, 1, el('id'), choice(1, 1, el('a'), el('b')))), want: { intersection: { members: ['id'], choices: [[['a'], ['b']]] } } },
    { what: 'an optional choice adds the empty branch', given: decl('T', choice(0, 1, el('a'), el('b'))), want: { intersection: { members: [], choices: [[['a'], ['b'], []]] } } },
    { what: 'a choice inside an optional sequence is optional too (the empty branch)', given: decl('T', seq(1, 1, seq(0, 1, el('x'), choice(1, 1, el('a'), el('b'))))), want: { intersection: { members: ['x?'], choices: [[['a'], ['b'], []]] } } },
    { what: 'a branch that is a sequence holds all its members', given: decl('T', choice(1, 1, seq(1, 1, el('a'), el('b', 0)), el('c'))), want: { intersection: { members: [], choices: [[['a', 'b?'], ['c']]] } } },
    { what: 'an optional sequence of two required elements: all of them or none', given: decl('T', seq(1, 1, el('id'), seq(0, 1, el('x'), el('y')))), want: { intersection: { members: ['id'], choices: [[['x', 'y'], []]] } } },
    { what: 'an optional sequence with one required element: plain optionals', given: decl('T', seq(1, 1, seq(0, 1, el('x'), el('y', 0)))), want: { interface: ['x?', 'y?'] } },
    { what: 'an optional sequence holding a choice is not all-or-none (its members are optional, the choice gets the empty branch)', given: decl('T', seq(0, 1, el('x'), el('y'), choice(1, 1, el('a'), el('b')))), want: { intersection: { members: ['x?', 'y?'], choices: [[['a'], ['b'], []]] } } },
    { what: 'a repeating group in a property is one array member', given: decl('T', seq(1, 1, el('id'), group('choice', 0, Infinity, [el('a'), el('b')], { prop: 'aOrB', itemTypeName: 'TAOrBItem' }))), want: { interface: ['id', 'aOrB?'] } },
    { what: 'xs:anyAttribute, then mixed content as $content instead of element members (required: the content needs an element)', given: decl('T', seq(1, 1, el('a')), { anyAttribute: true, mixed: true }), want: { interface: ['$attrs?', '$content'] } },
    { what: 'mixed content whose model allows no element: $content optional', given: decl('T', choice(0, Infinity, el('a'), el('b')), { mixed: true }), want: { interface: ['$content?'] } },
  ];
  it.each(rows)('$what', ({ given, want }) => {
    expect(formData(objectForm(given))).toEqual(want);
  });
});

describe('object forms: at most MAX_ALTERNATIVES alternatives', () => {
  // Three optional choices of three elements: 4 × 4 × 4 = 64 alternatives, the most kept.
  const three = (p: string) => choice(0, 1, el(`${p}1`), el(`${p}2`), el(`${p}3`));
  const wide = (p: string, n: number) => choice(0, 1, ...Array.from({ length: n }, (_, i) => el(`${p}${i}`)));
  const rows: { what: string; given: ComplexDeclaration; want: unknown }[] = [
    {
      what: 'choices whose branches multiply out to MAX_ALTERNATIVES stay exclusive',
      given: decl('T', seq(1, 1, el('id'), three('a'), three('b'), three('c'))),
      want: { intersection: { members: ['id'], choices: [[['a1'], ['a2'], ['a3'], []], [['b1'], ['b2'], ['b3'], []], [['c1'], ['c2'], ['c3'], []]] } },
    },
    {
      what: 'one more: the widest choice becomes optional members, the others stay exclusive',
      given: decl('T', seq(1, 1, el('id'), three('a'), choice(1, 1, el('w1'), el('w2'), el('w3'), el('w4'), el('w5')), three('c'))),
      want: { intersection: { members: ['id', 'w1?', 'w2?', 'w3?', 'w4?', 'w5?'], choices: [[['a1'], ['a2'], ['a3'], []], [['c1'], ['c2'], ['c3'], []]] } },
    },
    {
      what: 'loosened until within the bound; nested choices\' members become optional members too',
      given: decl('T', seq(1, 1, wide('a', 9), wide('b', 9), choice(1, 1, el('x'), choice(1, 1, el('y'), el('z'))))),
      want: { intersection: { members: ['a0?', 'a1?', 'a2?', 'a3?', 'a4?', 'a5?', 'a6?', 'a7?', 'a8?'], choices: [[['b0'], ['b1'], ['b2'], ['b3'], ['b4'], ['b5'], ['b6'], ['b7'], ['b8'], []], [['x'], { members: [], choices: [[['y'], ['z']]] }]] } },
    },
    {
      what: 'a lone choice of many branches stays exclusive (a union grows by addition)',
      given: decl('T', wide('a', 100)),
      want: { intersection: { members: [], choices: [[...Array.from({ length: 100 }, (_, i) => [`a${i}`]), []]] } },
    },
    {
      what: 'of two wide choices one is loosened, and the one left stays exclusive whatever its width',
      given: decl('T', seq(1, 1, wide('a', 70), wide('b', 70))),
      want: { intersection: { members: Array.from({ length: 70 }, (_, i) => `a${i}?`), choices: [[...Array.from({ length: 70 }, (_, i) => [`b${i}`]), []]] } },
    },
  ];
  it.each(rows)('$what', ({ given, want }) => {
    expect(formData(objectForm(given))).toEqual(want);
  });
});

describe('object forms: extends', () => {
  const base = decl('Base', seq(1, 1, el('id'), el('name', 0)), { attributes: [attr('lang')] });
  const rows: { what: string; given: ComplexDeclaration; want: unknown }[] = [
    {
      what: 'plain base, plain addition: interface X extends Base with the added members only',
      given: decl('X', seq(1, 1, base.content!, seq(1, 1, el('extra'))), { attributes: [attr('lang')], extends: base }),
      want: { interface: ['extra'], extends: 'Base' },
    },
    {
      what: 'the addition has a choice: the full shape, no extends',
      given: decl('X', seq(1, 1, base.content!, choice(1, 1, el('a'), el('b'))), { attributes: [attr('lang')], extends: base }),
      want: { intersection: { members: ['id', 'name?', 'lang?'], choices: [[['a'], ['b']]] } },
    },
    {
      what: 'a base member changes its type in the derived type (a name taken by an added element): the full shape',
      given: decl('X', seq(1, 1, base.content!, el('lang', 0, 1, INT)), { attributes: [attr('lang2')], extends: base }),
      want: { interface: ['id', 'name?', 'lang?', 'lang2?'] },
    },
    {
      what: 'a base member that is optional in the base but required in the derived type: the full shape',
      given: decl('X', seq(1, 1, seq(1, 1, el('id'), el('name'))), { attributes: [attr('lang')], extends: base }),
      want: { interface: ['id', 'name', 'lang?'] },
    },
    {
      what: 'a base with a choice: the full shape',
      given: decl('X', seq(1, 1, el('z')), { extends: decl('ChoiceBase', choice(1, 1, el('a'), el('b'))) }),
      want: { interface: ['z'] },
    },
  ];
  it.each(rows)('$what', ({ given, want }) => {
    expect(formData(objectForm(given))).toEqual(want);
  });
});

describe('item shapes of repeating groups', () => {
  it('every named repeating group gets the shape of one item, nested ones too', () => {
    const inner = group('sequence', 0, Infinity, [el('k'), el('v')], { prop: 'kGroup', itemTypeName: 'TKGroupItem' });
    const outer = group('choice', 1, Infinity, [el('a'), seq(1, 1, el('b'), inner)], { itemTypeName: 'TItem' });
    const d = decl('T', outer, { shape: 'array' });
    decideShapes([d]);
    expect(d.form).toBeUndefined();
    expect(shapeData(outer.itemShape!)).toEqual({ members: [], choices: [[['a'], ['b', 'kGroup?']]] });
    expect(shapeData(inner.itemShape!)).toEqual(['k', 'v']);
  });
});

describe('from a schema', () => {
  it('an extension of a named type by an attribute only is `extends`; a restriction is not', () => {
    const model = bindCore({
      'a.xsd': `>
        <xs:complexType name="Base"><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:complexType>
        <xs:complexType name="Ext"><xs:complexContent><xs:extension base="Base"><xs:attribute name="lang" type="xs:string"/></xs:extension></xs:complexContent></xs:complexType>
        <xs:complexType name="Res"><xs:complexContent><xs:restriction base="Base"><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:restriction></xs:complexContent></xs:complexType>
        <xs:element name="doc"><xs:complexType><xs:sequence><xs:element name="e" type="Ext"/><xs:element name="r" type="Res"/></xs:sequence></xs:complexType></xs:element>`,
    });
    expect(formData(complexNamed(model.declarations, 'Ext').form!)).toEqual({ interface: ['lang?'], extends: 'Base' });
    expect(formData(complexNamed(model.declarations, 'Res').form!)).toEqual({ interface: ['id'] });
  });
});
