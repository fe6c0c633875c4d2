// The serializer's one writer in its modes (serialize.ts), on the real set: the first try (which
// stops at the first violation, keeping no path) and the describing walk (which records every
// violation with its path) must agree on every value — `serialize` returns exactly the describing
// walk's text when that walk finds nothing, and throws exactly its list of violations otherwise —
// and `validate: false` writes a valid value the same way. Random valid packets of every
// operation, and value mutations of them (wrong types, facets, missing and extra elements and
// properties, broken choices). Fixed seed.
import fc from 'fast-check';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RootDesc } from '../../packages/runtime/src/descriptors.js';
// The runtime's internals, from the same module instances the tree imports (vitest.config.ts).
import { describeSerialization, serialize } from '../../packages/runtime/src/serialize.js';
import { SchemaViolationError } from '../../packages/runtime/src/errors.js';
import { derefType, invalidMutations, particleValueOf } from '../support/arbitrary.js';
import { loadCodecs } from '../support/codec.js';
import { REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { operationsOf, operatorValue, type Operation } from '../property/operations.js';

const SEED = 20261130;
const DEPTH = 3;
/** Values per operation. */
const RUNS = 2;

const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
const imp = (f: string): Promise<Record<string, unknown>> => import(pathToFileURL(join(codecs.tree, f)).href) as Promise<Record<string, unknown>>;
const { REQUEST_ROOT } = (await imp('request.ts')) as { REQUEST_ROOT: RootDesc };
const { RESPONSE_ROOT } = (await imp('response.ts')) as { RESPONSE_ROOT: RootDesc };

const sides = [
  { kind: 'request', root: REQUEST_ROOT, ops: operationsOf(REQUEST_ROOT, 'request') },
  { kind: 'response', root: RESPONSE_ROOT, ops: operationsOf(RESPONSE_ROOT, 'response') },
] as const;

function packetArb(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  return particleValueOf(op.operation, DEPTH).map((item) => ({ operators: [{ [op.operator.property]: operatorValue(op, [item]) }] }));
}

/** `serialize` against the describing walk on one value; returns whether the value was valid. */
function agree(root: RootDesc, value: unknown, what: string): boolean {
  const d = describeSerialization(root, value);
  let got: string | readonly unknown[];
  try {
    got = serialize(root, value, { declaration: false });
  } catch (e) {
    if (!(e instanceof SchemaViolationError)) throw e;
    got = e.violations;
  }
  if (d.violations.length === 0) {
    expect(got, what).toBe(d.xml);
    expect(serialize(root, value, { declaration: false, validate: false }), `${what} (validate: false)`).toBe(d.xml);
    return true;
  }
  expect(got, what).toEqual(d.violations);
  return false;
}

describe('serializer: the first try and the describing walk agree (real set)', () => {
  for (const side of sides) {
    it(`${side.kind}: random valid packets of every operation, and mutations of them`, () => {
      let valid = 0;
      let refused = 0;
      const mutate = invalidMutations(derefType(side.root.type));
      side.ops.forEach((op, i) => {
        for (const packet of fc.sample(packetArb(op), { numRuns: RUNS, seed: SEED + i + (side.kind === 'response' ? 100_000 : 0) })) {
          const what = `${side.kind} ${op.label}: ${JSON.stringify(packet, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)).slice(0, 300)}`;
          if (!agree(side.root, packet, what)) continue;
          valid++;
          for (const m of mutate(packet).slice(0, 6)) if (!agree(side.root, m.value, `${what} (${m.note})`)) refused++;
        }
      });
      // Not vacuous: many valid packets, many refused mutations.
      expect(valid).toBeGreaterThan(100);
      expect(refused).toBeGreaterThan(100);
    }, 60_000);
  }
});
