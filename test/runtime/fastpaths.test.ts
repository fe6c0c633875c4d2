// The compiled fast path of the parser (fastparse.ts) against the full parser, on the real set:
// for random valid packets of every operation, the fast parser builds exactly the value the full
// one builds (key order included); for broken packets (value mutations written unchecked,
// sequence siblings swapped, and a few XML-level breaks) both paths throw the same error with the
// same violations, messages and line:column. Fixed seed; the fast path is switched off through
// `packages/runtime/src/fastpaths.ts`. (The serializer has one writer: serialize-modes.test.ts.)
import fc from 'fast-check';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RootDesc } from '../../packages/runtime/src/descriptors.js';
// The runtime's internals, from the same module instances the tree imports (vitest.config.ts).
import { fastParse, NOT_SURE } from '../../packages/runtime/src/fastparse.js';
import { fastPaths } from '../../packages/runtime/src/fastpaths.js';
import { rootNode } from '../../packages/runtime/src/plan.js';
import { derefType, invalidMutations, orderSwaps, particleValueOf } from '../support/arbitrary.js';
import { loadCodecs } from '../support/codec.js';
import { REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { operationsOf, operatorValue, type Operation } from '../property/operations.js';

const SEED = 20250117;
const DEPTH = 3;
/** Values per operation. */
const RUNS = 2;

const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
const imp = (f: string): Promise<Record<string, unknown>> => import(pathToFileURL(join(codecs.tree, f)).href) as Promise<Record<string, unknown>>;
const { REQUEST_ROOT } = (await imp('request.ts')) as { REQUEST_ROOT: RootDesc };
const { RESPONSE_ROOT } = (await imp('response.ts')) as { RESPONSE_ROOT: RootDesc };

interface Side {
  readonly kind: 'request' | 'response';
  readonly root: RootDesc;
  readonly serialize: (v: unknown, o?: object) => string;
  readonly parse: (xml: string | Uint8Array, o?: object) => unknown;
  readonly ops: readonly Operation[];
}

const sides: Side[] = [
  { kind: 'request', root: REQUEST_ROOT, serialize: codecs.serializeRequest, parse: codecs.parseRequest, ops: operationsOf(REQUEST_ROOT, 'request') },
  { kind: 'response', root: RESPONSE_ROOT, serialize: codecs.serializeResponse, parse: codecs.parseResponse, ops: operationsOf(RESPONSE_ROOT, 'response') },
];

/** JSON with bigints marked: compares values with their key order. */
function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
}

type Outcome = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

/** What `f` gives: its value (as JSON), or the error's class, message, violations and position. */
function outcome(f: () => unknown): Outcome {
  try {
    return { ok: true, value: show(f()) };
  } catch (e) {
    const x = e as Error & { violations?: unknown; line?: number; column?: number };
    return { ok: false, error: show({ name: x.name, message: x.message, violations: x.violations, line: x.line, column: x.column }) };
  }
}

function withFast<T>(which: 'parse', on: boolean, f: () => T): T {
  const saved = fastPaths[which];
  fastPaths[which] = on;
  try {
    return f();
  } finally {
    fastPaths[which] = saved;
  }
}

function packetArb(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  return particleValueOf(op.operation, DEPTH).map((item) => ({ operators: [{ [op.operator.property]: operatorValue(op, [item]) }] }));
}

/** Both parser paths on `xml`: the same outcome. Returns whether the fast path alone accepted it. */
function sameParse(side: Side, xml: string, what: string): boolean {
  const fast = withFast('parse', true, () => outcome(() => side.parse(xml)));
  const full = withFast('parse', false, () => outcome(() => side.parse(xml)));
  expect(fast, `${what}\n${xml}`).toEqual(full);
  // Lenient mode never takes the fast path: the same outcome as strict when valid.
  return fastParse(rootNode(side.root), xml, false) !== NOT_SURE;
}

/** A few XML-level breaks (and harmless variations) of a valid packet. */
function xmlVariants(xml: string): string[] {
  const out: string[] = [];
  const firstClose = xml.indexOf('</');
  const firstEnd = xml.indexOf('>', xml.indexOf('<', 1) + 1);
  if (firstClose > 0) {
    out.push(`${xml.slice(0, firstClose)}<bogus/>${xml.slice(firstClose)}`); // unknown element
    out.push(`${xml.slice(0, firstClose)}x y${xml.slice(firstClose)}`); // text (maybe in element-only content)
    out.push(`${xml.slice(0, firstClose)}<!-- c --><?pi x?>${xml.slice(firstClose)}`); // comment and PI: fine
    out.push(`${xml.slice(0, firstClose)}<![CDATA[ ]]>${xml.slice(firstClose)}`);
    out.push(xml.slice(0, firstClose)); // truncated
  }
  if (firstEnd > 0) {
    const at = xml[firstEnd - 1] === '/' ? firstEnd - 1 : firstEnd;
    out.push(`${xml.slice(0, at)} bogus="1"${xml.slice(at)}`); // unknown attribute
    out.push(`${xml.slice(0, at)} xmlns:q="urn:q"${xml.slice(at)}`); // a namespace declaration
    out.push(`${xml.slice(0, at)} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"${xml.slice(at)}`);
  }
  out.push(xml.replace(/></g, '>\n  <')); // indentation
  out.push(xml.replace('<', '<!DOCTYPE packet>\n<'));
  return out;
}

describe('fast parse path: same results as the full parser (real set)', () => {
  for (const side of sides) {
    it(`${side.kind}: random valid packets of every operation, and broken ones`, () => {
      let accepted = 0;
      let valid = 0;
      const mutate = invalidMutations(derefType(side.root.type));
      side.ops.forEach((op, i) => {
        for (const packet of fc.sample(packetArb(op), { numRuns: RUNS, seed: SEED + i + (side.kind === 'response' ? 100_000 : 0) })) {
          const what = `${side.kind} ${op.label}: ${show(packet).slice(0, 300)}`;
          if (!outcome(() => side.serialize(packet)).ok) continue;
          const xml = side.serialize(packet);
          valid++;
          if (sameParse(side, xml, what)) accepted++;
          for (const v of xmlVariants(xml)) sameParse(side, v, `${what} (variant)`);
          for (const s of orderSwaps(side.root, xml)) sameParse(side, s.xml, `${what} (${s.note})`);
          // Value mutations, written unchecked: the parsers refuse them alike.
          for (const m of mutate(packet).slice(0, 4)) {
            const broken = side.serialize(m.value, { validate: false });
            sameParse(side, broken, `${what} (${m.note})`);
          }
        }
      });
      // The fast parse path itself takes (nearly) every valid packet: the comparisons above are not vacuous.
      expect(valid).toBeGreaterThan(100);
      expect(accepted / valid, `${accepted} of ${valid}`).toBeGreaterThan(0.95);
    }, 60_000);
  }
});

describe('fast parse path: details', () => {
  const side = sides[1];
  beforeAll(() => {
    fastPaths.parse = true;
  });

  it('builds the same value as the full parser for a large response', () => {
    const parts = ['<packet version="1.6.9.1"><server>'];
    for (let i = 0; i < 300; i++) {
      parts.push(
        i % 3 === 0
          ? `<srv_man><result><status>error</status><errcode>1013</errcode><errtext>svc ${i} &amp; co</errtext><id>svc-${i}</id></result></srv_man>`
          : `<srv_man><result><status>ok</status><id> svc-${i} </id></result></srv_man>`,
      );
    }
    parts.push('</server></packet>');
    const xml = parts.join('');
    expect(fastParse(rootNode(side.root), xml, false)).not.toBe(NOT_SURE);
    expect(sameParse(side, xml, 'large')).toBe(true);
    // Bytes too, and a violation deep inside: the same message and position either way.
    const bytes = new TextEncoder().encode(xml);
    expect(withFast('parse', true, () => outcome(() => side.parse(bytes)))).toEqual(withFast('parse', false, () => outcome(() => side.parse(bytes))));
    const bad = xml.replace('<status>ok</status><id> svc-200 </id>', '<id>svc-200</id><status>ok</status>');
    expect(sameParse(side, bad, 'order')).toBe(false);
  });
});
