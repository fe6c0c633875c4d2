// Property-based mutation tests over the real Plesk schema set. For a deterministic sample of
// operations (covering every breakage kind), valid packets are broken in one place each:
// - the serializer's checks refuse the broken value with a violation at the mutated property
//   (or at its parent object for a missing element/attribute or a second choice branch);
// - the XML written without checks is refused by libxml2 and by strict parsing, with a path;
// - two adjacent sequence siblings swapped in valid XML are refused by libxml2 and strict parsing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  derefType,
  invalidMutations,
  orderSwaps,
  particleValueOf,
  pathString,
  type BreakageKind,
  type Mutation,
} from '../support/arbitrary.js';
import { check, realSet, SEED, show, type Side } from './harness.js';
import { operatorValue, type Operation } from './operations.js';

const set = await realSet();

const KINDS: readonly BreakageKind[] = ['enum', 'missing-required', 'choice-both', 'too-long', 'too-short', 'pattern', 'out-of-range', 'order'];
const SAMPLE_SIZE = 40;
const DEPTH = 4;
const RUNS = 3;

/**
 * Known disagreements (findings), as `side operator/operation kind`: the checks below still run
 * for them and must keep failing in the same way; an entry that starts passing is reported too.
 */
const KNOWN: ReadonlySet<string> = new Set<string>([]);

interface Picked {
  readonly side: Side;
  readonly op: Operation;
  readonly seed: number;
  readonly kinds: ReadonlySet<BreakageKind>;
}

function valueArb(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  return particleValueOf(op.operation, DEPTH).map((item) => ({ operators: [{ [op.operator.property]: operatorValue(op, [item]) }] }));
}

function mutationsOf(side: Side): (packet: unknown) => Mutation[] {
  return invalidMutations(derefType(side.root.type));
}

/** Which breakage kinds the values of an operation offer (deterministic: fixed seed). */
function kindsOf(side: Side, op: Operation, seed: number): Set<BreakageKind> {
  const kinds = new Set<BreakageKind>();
  const mutate = mutationsOf(side);
  for (const packet of fc.sample(valueArb(op), { numRuns: RUNS, seed })) {
    for (const m of mutate(packet)) kinds.add(m.kind);
    if (orderSwaps(side.root, side.serialize(packet, { declaration: false })).length > 0) kinds.add('order');
  }
  return kinds;
}

/**
 * A deterministic sample: for every kind, the first operation (in a fixed stride order over both
 * sides) that offers it; then operations offering the most kinds not yet covered twice, until
 * SAMPLE_SIZE operations are chosen.
 */
function pickOperations(): Picked[] {
  const all: Picked[] = [];
  for (const side of [set.request, set.response]) {
    side.operations.forEach((op, i) => {
      const seed = SEED + 500_000 + i + (side.kind === 'response' ? 100_000 : 0);
      all.push({ side, op, seed, kinds: kindsOf(side, op, seed) });
    });
  }
  // A fixed permutation (stride coprime with the length) spreads the picks over operators.
  const n = all.length;
  let stride = 37;
  while (n % stride === 0) stride += 2;
  const order = Array.from({ length: n }, (_, k) => all[(k * stride) % n]);
  const picked: Picked[] = [];
  const times = new Map<BreakageKind, number>();
  for (const round of [1, 2, 3]) {
    for (const p of order) {
      if (picked.length >= SAMPLE_SIZE) break;
      if (picked.includes(p)) continue;
      if ([...p.kinds].some((k) => (times.get(k) ?? 0) < round)) {
        picked.push(p);
        for (const k of p.kinds) times.set(k, (times.get(k) ?? 0) + 1);
      }
    }
  }
  for (const p of order) {
    if (picked.length >= SAMPLE_SIZE) break;
    if (!picked.includes(p) && p.kinds.size > 0) picked.push(p);
  }
  return picked;
}

const picked = pickOperations();

type Problem = string;

function violationsOf(f: () => unknown): { path: string; message: string }[] | string {
  try {
    f();
  } catch (e) {
    if (e instanceof set.SchemaViolationError) return [...e.violations];
    return `threw ${(e as Error).name}: ${(e as Error).message.slice(0, 200)}`;
  }
  return 'accepted';
}

/** Checks one value mutation; returns what went wrong (empty when all three judges refuse it as expected). */
function checkMutation(side: Side, m: Mutation): Problem[] {
  const problems: Problem[] = [];
  const at = pathString(side.root.xmlName, m.path);
  const parent = pathString(side.root.xmlName, m.reportAt);
  const allowed = m.kind === 'missing-required' || m.kind === 'choice-both' ? [at, parent] : [at];
  const ser = violationsOf(() => side.serialize(m.value));
  if (typeof ser === 'string') problems.push(`serializer ${ser}`);
  else if (!ser.some((v) => allowed.includes(v.path))) problems.push(`serializer refused, but at ${ser.map((v) => v.path).join(', ')} (want ${allowed.join(' or ')})`);
  let xml: string;
  try {
    xml = side.serialize(m.value, { validate: false });
  } catch (e) {
    problems.push(`unchecked serialize threw ${(e as Error).message.slice(0, 200)}`);
    return problems;
  }
  const lib = side.validator.validate(xml);
  if (lib.valid) problems.push('libxml2 accepts the unchecked XML');
  const par = violationsOf(() => side.parse(xml));
  if (typeof par === 'string') problems.push(`strict parse ${par}`);
  else if (!par.some((v) => v.path.startsWith(parent))) problems.push(`strict parse refused, but at ${par.map((v) => v.path).join(', ')} (want within ${parent})`);
  if (problems.length > 0) problems.push(`xml: ${xml}`, `libxml2: ${lib.errors.slice(0, 2).join(' | ') || 'valid'}`);
  return problems;
}

function checkSwap(side: Side, xml: string): Problem[] {
  const problems: Problem[] = [];
  const lib = side.validator.validate(xml);
  if (lib.valid) problems.push('libxml2 accepts the swapped XML');
  const par = violationsOf(() => side.parse(xml));
  if (typeof par === 'string') problems.push(`strict parse ${par}`);
  else if (!par.every((v) => v.path.startsWith(side.root.xmlName))) problems.push(`strict parse refused without a packet path: ${par.map((v) => v.path).join(', ')}`);
  if (problems.length > 0) problems.push(`xml: ${xml}`);
  return problems;
}

describe('mutation sample', () => {
  it(`has ${SAMPLE_SIZE} operations covering every breakage kind`, () => {
    expect(picked.length).toBe(SAMPLE_SIZE);
    const covered = new Set(picked.flatMap((p) => [...p.kinds]));
    expect([...covered].sort()).toEqual([...KINDS].sort());
  });
});

const exercised = new Map<BreakageKind, number>();

describe.each(picked.map((p) => ({ ...p, label: p.op.label })))('$label', ({ side, op, seed, kinds }) => {
  it(`is refused by the serializer, libxml2 and strict parsing when broken (${[...kinds].join(', ')})`, () => {
    const mutate = mutationsOf(side);
    const failures: string[] = [];
    const knownSeen = new Set<string>();
    check(
      `${op.label} mutations`,
      valueArb(op),
      (packet) => {
        const xml = side.serialize(packet, { declaration: false });
        expect(side.validator.validate(xml).valid).toBe(true);
        // One mutation of each kind per value keeps the run bounded.
        const byKind = new Map<BreakageKind, Mutation>();
        for (const m of mutate(packet)) if (!byKind.has(m.kind)) byKind.set(m.kind, m);
        for (const m of byKind.values()) {
          exercised.set(m.kind, (exercised.get(m.kind) ?? 0) + 1);
          const problems = checkMutation(side, m);
          const key = `${op.label} ${m.kind}`;
          if (problems.length === 0) continue;
          if (KNOWN.has(key)) knownSeen.add(key);
          else failures.push(`${key} at ${pathString(side.root.xmlName, m.path)} (${m.note}):\n    ${problems.join('\n    ')}\n    value: ${show(m.value)}`);
        }
        const swap = orderSwaps(side.root, xml)[0];
        if (swap !== undefined) {
          exercised.set('order', (exercised.get('order') ?? 0) + 1);
          const problems = checkSwap(side, swap.xml);
          const key = `${op.label} order`;
          if (problems.length > 0) {
            if (KNOWN.has(key)) knownSeen.add(key);
            else failures.push(`${key} at ${swap.where} (${swap.note}):\n    ${problems.join('\n    ')}`);
          }
        }
      },
      RUNS,
      seed,
    );
    expect(failures, failures.join('\n')).toEqual([]);
  });
});

describe('mutation coverage', () => {
  it('exercised every breakage kind', () => {
    console.log(`mutations checked per kind: ${KINDS.map((k) => `${k} ${exercised.get(k) ?? 0}`).join(', ')}`);
    for (const k of KINDS) expect(exercised.get(k) ?? 0, k).toBeGreaterThan(0);
  });
});
