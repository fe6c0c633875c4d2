/**
 * DescriptorEmitter computes every module from the whole set of declarations it is given: the
 * built-ins the shared module declares are the ones any declaration uses, whatever is asked for
 * first, and pieces (the Plesk profile's narrowed packets and `clientFor` parts) neither depend
 * on nor change what the modules hold.
 */
import { describe, expect, it } from 'vitest';
import type { ComplexDeclaration, Declaration, SimpleDeclaration, SimpleFacts, SimpleRef } from '../../generator/binding/model.js';
import { DescriptorEmitter } from '../../generator/emit/descriptors.js';
import { bindPlesk } from '../../generator/profiles/plesk/bind.js';
import { narrowedPacket, operationElement, operatorElement, packetSkeleton } from '../../generator/profiles/plesk/emit/descriptors.js';
import { loadSchemaSets } from '../../generator/profiles/plesk/schemas.js';
import { EMBEDDED_SCHEMAS_DIR } from '../support/seeds.js';

const model = bindPlesk(loadSchemaSets(EMBEDDED_SCHEMAS_DIR));
const SIDES = ['shared', 'request', 'response'] as const;

/** Every piece the Plesk tree asks for, in the tree's order. */
function allPieces(emitter: DescriptorEmitter): string[] {
  const out: string[] = [];
  for (const decl of [model.request.decl, model.response.decl]) out.push(packetSkeleton(emitter, decl, 1)?.literal ?? 'null');
  for (const op of model.operators) {
    out.push(narrowedPacket(emitter, model.request.decl, op.xml).literal, narrowedPacket(emitter, model.response.decl, op.xml).literal);
    if (op.request === null) continue;
    out.push(operatorElement(emitter, model.request.decl, op.request, op.xml, 1)?.literal ?? 'null');
    for (const o of op.operations) out.push(operationElement(emitter, op.request, o.xml, 1)?.literal ?? 'null');
  }
  return out;
}

describe('DescriptorEmitter', () => {
  it.each<{ order: readonly (typeof SIDES)[number][]; piecesFirst: boolean }>([
    { order: ['shared', 'request', 'response'], piecesFirst: false },
    { order: ['request', 'response', 'shared'], piecesFirst: false },
    { order: ['response', 'shared', 'request'], piecesFirst: true },
    { order: ['shared'], piecesFirst: true },
  ])('writes the same modules and pieces when asked in the order $order (pieces first: $piecesFirst)', ({ order, piecesFirst }) => {
    const reference = new DescriptorEmitter(model.declarations);
    const want = reference.emitAll();
    const wantPieces = allPieces(reference);
    const emitter = new DescriptorEmitter(model.declarations);
    const pieces = piecesFirst ? allPieces(emitter) : [];
    for (const side of order) expect(emitter.emit(side)).toEqual(want[side]);
    if (!piecesFirst) pieces.push(...allPieces(emitter));
    expect(pieces).toEqual(wantPieces);
  });

  it('declares in the shared module exactly the built-ins some module or piece names', () => {
    const modules = new DescriptorEmitter(model.declarations).emitAll();
    const declared = [...modules.shared.body.matchAll(/^export const (xs_\w+):/gm)].map((m) => m[1]!).filter((n) => n !== 'xs_anyType');
    const named = new Set<string>();
    for (const side of SIDES) for (const m of modules[side].body.matchAll(/\b(xs_\w+)\b(?!:)/g)) named.add(m[1]!);
    for (const side of ['request', 'response'] as const) modules[side].sharedImports.filter((n) => n.startsWith('xs_')).forEach((n) => named.add(n));
    named.delete('xs_anyType');
    expect(declared.length).toBeGreaterThan(0);
    expect(declared).toEqual([...named].sort());
  });

  // Given/want on declarations built by hand: a built-in named only by a request type.
  const facts = (name: string, extra: Partial<SimpleFacts> = {}): SimpleFacts => ({ name, kind: 'string', ws: 'p', ...extra });
  const builtin = (name: string): SimpleRef => ({ kind: 'inline', facts: facts(`xs:${name}`), ts: { kind: 'primitive', name: 'string' }, builtin: name });
  const base = { doc: undefined, loc: null };
  const shared: SimpleDeclaration = { ...base, kind: 'simple', name: 'Code', schemaName: 'code', side: 'shared', module: 'shared/a', facts: facts('code', { members: [builtin('token')] }), ts: { kind: 'primitive', name: 'string' } };
  const request: ComplexDeclaration = {
    ...base,
    kind: 'complex',
    name: 'Input',
    schemaName: 'input',
    side: 'request',
    module: 'request/a',
    shape: 'object',
    attributes: [{ prop: 'id', xml: 'id', ns: null, doc: undefined, type: builtin('NCName'), required: true }],
    content: null,
    mixed: false,
    anyAttribute: false,
  };

  it.each<{ what: string; declarations: Declaration[]; wantShared: string[]; wantRequestImports: string[] }>([
    { what: 'a built-in only a request type names', declarations: [request], wantShared: ['xs_NCName', 'xs_anyType'], wantRequestImports: ['xs_NCName'] },
    { what: 'a built-in inside a shared union, and one a request names', declarations: [shared, request], wantShared: ['xs_NCName', 'xs_token', 'xs_anyType', 'Code'], wantRequestImports: ['xs_NCName'] },
    { what: 'nothing', declarations: [], wantShared: ['xs_anyType'], wantRequestImports: [] },
  ])('given $what, the shared module declares $wantShared', ({ declarations, wantShared, wantRequestImports }) => {
    const emitter = new DescriptorEmitter(declarations);
    const requestModule = emitter.emit('request');
    const sharedModule = emitter.emit('shared');
    expect([...sharedModule.body.matchAll(/^export const (\w+):/gm)].map((m) => m[1])).toEqual(wantShared);
    expect(requestModule.sharedImports).toEqual(wantRequestImports);
  });

  it('refuses a piece that names a built-in no declaration uses', () => {
    const emitter = new DescriptorEmitter([]);
    expect(() => emitter.complexPiece(request)).toThrow('the built-in NCName is used by no declaration given to the emitter');
  });

  // Given/want: runs of 32 or more character ranges that a module's patterns repeat.
  const run = (from: number): string => Array.from({ length: 32 }, (_, i) => `\\u{${(from + 2 * i).toString(16).toUpperCase()}}-\\u{${(from + 2 * i + 1).toString(16).toUpperCase()}}`).join('');
  const patterned = (name: string, side: 'shared' | 'request', patterns: string[]): SimpleDeclaration => ({
    ...base,
    kind: 'simple',
    name,
    schemaName: name,
    side,
    module: `${side}/a`,
    facts: facts(name, { patterns: [patterns] }),
    ts: { kind: 'primitive', name: 'string' },
  });
  const L = run(0x100);
  const N = run(0x300);

  it.each<{ what: string; declarations: SimpleDeclaration[]; want: Record<string, string> }>([
    {
      what: 'a run two patterns share, and a run one pattern has',
      declarations: [patterned('A', 'shared', [`^[${L}]+$`]), patterned('B', 'shared', [`[${N}][${L}]`])],
      want: {
        CHARACTER_RANGES_1: `'${L.replace(/\\/g, '\\\\')}'`,
        A: `/*#__PURE__*/ ['^[', CHARACTER_RANGES_1, ']+$'].join('')`,
        B: `/*#__PURE__*/ ['[', '${N.replace(/\\/g, '\\\\')}', '][', CHARACTER_RANGES_1, ']'].join('')`,
      },
    },
    {
      what: 'a run repeated in one pattern',
      declarations: [patterned('A', 'shared', [`${L}x${L}`])],
      want: { CHARACTER_RANGES_1: `'${L.replace(/\\/g, '\\\\')}'`, A: `/*#__PURE__*/ [CHARACTER_RANGES_1, 'x', CHARACTER_RANGES_1].join('')` },
    },
    {
      what: 'the same run in two modules (each module keeps its own)',
      declarations: [patterned('A', 'shared', [L]), patterned('B', 'request', [L])],
      want: { A: `'${L.replace(/\\/g, '\\\\')}'` },
    },
  ])('given $what, the shared module writes $want', ({ declarations, want }) => {
    const body = new DescriptorEmitter(declarations).emit('shared').body;
    const got: Record<string, string> = {};
    for (const m of body.matchAll(/^const (CHARACTER_RANGES_\d+) = (.*);$/gm)) got[m[1]!] = m[2]!;
    // (A patterned type is written with the runtime's support for its facets: `withSupport({ … }, lexicalFacets)`.)
    for (const m of body.matchAll(/^export const (\w+): SimpleDesc = (?:\/\*#__PURE__\*\/ withSupport\()?\{ .*patterns: \[\[(.*)\]\] \}(?:, lexicalFacets\))?;$/gm)) got[m[1]!] = m[2]!;
    expect(got).toEqual(want);
  });
});
