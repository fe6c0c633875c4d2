/**
 * Shared set-up of the property tests over the real Plesk schema set: the generated codecs, the
 * packet roots, libxml2 validators, the operation list, and `check` (fc.assert with a fixed seed
 * that prints the seed when a property fails).
 */
import fc from 'fast-check';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { RootDesc } from '../../packages/runtime/src/descriptors.js';
import type { GenerateOptions } from '../../generator/generate.js';
import { loadCodecs, type PacketCodecs } from '../support/codec.js';
import { validatorsFor, type PacketValidator } from '../support/libxml.js';
import { REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { operationsOf, type Operation } from './operations.js';

/** Base seed of every property in these tests (each property adds its own offset). */
export const SEED = 20150601;

export interface Side {
  readonly kind: 'request' | 'response';
  readonly root: RootDesc;
  readonly serialize: (packet: unknown, options?: object) => string;
  readonly parse: (xml: string, options?: object) => unknown;
  readonly validator: PacketValidator;
  readonly operations: readonly Operation[];
}

export interface RealSet {
  readonly codecs: PacketCodecs & { tree: string };
  readonly request: Side;
  readonly response: Side;
  readonly SchemaViolationError: new (...args: never[]) => Error & { violations: readonly { path: string; message: string }[] };
}

const loaded = new Map<string, Promise<RealSet>>();

/** The real set's tree (generated once per process and options), its roots, validators and operations. */
export function realSet(options: GenerateOptions = {}): Promise<RealSet> {
  const key = JSON.stringify(options);
  let set = loaded.get(key);
  if (set !== undefined) return set;
  set = (async () => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR, options);
    const req = (await import(pathToFileURL(join(codecs.tree, 'request.ts')).href)) as { REQUEST_ROOT: RootDesc };
    const res = (await import(pathToFileURL(join(codecs.tree, 'response.ts')).href)) as { RESPONSE_ROOT: RootDesc };
    const validators = validatorsFor(REAL_SCHEMAS_DIR);
    return {
      codecs,
      SchemaViolationError: codecs.runtime.SchemaViolationError as RealSet['SchemaViolationError'],
      request: {
        kind: 'request',
        root: req.REQUEST_ROOT,
        serialize: codecs.serializeRequest,
        parse: codecs.parseRequest,
        validator: validators.input,
        operations: operationsOf(req.REQUEST_ROOT, 'request'),
      },
      response: {
        kind: 'response',
        root: res.RESPONSE_ROOT,
        serialize: codecs.serializeResponse,
        parse: codecs.parseResponse,
        validator: validators.output,
        operations: operationsOf(res.RESPONSE_ROOT, 'response'),
      },
    };
  })();
  loaded.set(key, set);
  return set;
}

/** `fc.assert` with a fixed seed; the seed (and how to replay) is printed when the property fails. */
export function check<T>(name: string, arb: fc.Arbitrary<T>, predicate: (v: T) => void, numRuns: number, seed: number): void {
  try {
    fc.assert(
      fc.property(arb, (v) => {
        predicate(v);
      }),
      { numRuns, seed, endOnFailure: false },
    );
  } catch (e) {
    console.error(`property "${name}" failed with seed ${seed} (replay: fc.assert(…, { seed: ${seed}, numRuns: ${numRuns} }))`);
    throw e;
  }
}

/** JSON for messages, bigints included. */
export function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
}
