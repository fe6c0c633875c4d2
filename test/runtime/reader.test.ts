// The one reader (packages/runtime/src/parse.ts) on the real set, its behaviour asserted directly:
// random valid packets of every operation are read back to the value written, in strict and
// lenient mode alike, with no warning. Broken packets (value mutations written unchecked,
// sequence siblings swapped, and a few XML-level breaks) are refused with violations that each
// name a path and a position inside the document, or accepted as a value that writes back to a
// packet read again as the same value. The exact messages and positions are held by the
// message, hostile-input and differential tests, and by the details below.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RootDesc } from '../../packages/runtime/src/descriptors.js';
// The runtime's internals, from the same module instances the tree imports (vitest.config.ts).
import { parseWithWarnings } from '../../packages/runtime/src/parse.js';
import { derefType, invalidMutations, orderSwaps, particleValueOf } from '../support/arbitrary.js';
import { loadCodecs } from '../support/codec.js';
import { REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { operationsOf, operatorValue, type Operation } from '../property/operations.js';

const SEED = 20250117;
const DEPTH = 3;
/** Values per operation. */
const RUNS = 2;

const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
const REQUEST_ROOT = codecs.REQUEST_ROOT!;
const RESPONSE_ROOT = codecs.RESPONSE_ROOT!;

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

function packetArb(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  return particleValueOf(op.operation, DEPTH).map((item) => ({ operators: [{ [op.operator.property]: operatorValue(op, [item]) }] }));
}

/**
 * The reader on `xml`: a refusal names a path and a line:column inside the document for every
 * violation; an accepted value is read the same in lenient mode (no warning) and writes back to a
 * packet that reads as the same value. Returns whether it was accepted.
 */
function checkParse(side: Side, xml: string, what: string): boolean {
  const strict = outcome(() => side.parse(xml));
  if (!strict.ok) {
    const e = JSON.parse(strict.error) as { name: string; violations?: { path: string; message: string; line: number; column: number }[]; line?: number };
    expect(['SchemaViolationError', 'XmlSyntaxError'], `${what}\n${xml}`).toContain(e.name);
    const lines = xml.split('\n').length;
    if (e.name === 'SchemaViolationError') {
      expect(e.violations!.length, what).toBeGreaterThan(0);
      for (const v of e.violations!) {
        expect(v.path, `${what}: ${v.message}`).toMatch(/^packet\b/);
        expect(v.message.length, what).toBeGreaterThan(0);
        expect(v.line, `${what}: ${v.message}`).toBeGreaterThanOrEqual(1);
        expect(v.line, `${what}: ${v.message}`).toBeLessThanOrEqual(lines);
        expect(v.column, `${what}: ${v.message}`).toBeGreaterThanOrEqual(1);
      }
    }
    return false;
  }
  const lenient = parseWithWarnings(side.root, xml, { mode: 'lenient' });
  expect(lenient.warnings, what).toEqual([]);
  expect(show(lenient.value), what).toBe(strict.value);
  const again = side.serialize(side.parse(xml));
  expect(show(side.parse(again)), `${what}\n${again}`).toBe(strict.value);
  return true;
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

describe('the reader on the real set: valid packets of every operation, and broken ones', () => {
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
          if (checkParse(side, xml, what)) accepted++;
          for (const v of xmlVariants(xml)) checkParse(side, v, `${what} (variant)`);
          for (const s of orderSwaps(side.root, xml)) checkParse(side, s.xml, `${what} (${s.note})`);
          // Value mutations, written unchecked.
          for (const m of mutate(packet).slice(0, 4)) {
            const broken = side.serialize(m.value, { validate: false });
            checkParse(side, broken, `${what} (${m.note})`);
          }
        }
      });
      // The reader takes every valid packet the serializer writes.
      expect(valid).toBeGreaterThan(100);
      expect(accepted, `${accepted} of ${valid}`).toBe(valid);
    }, 60_000);
  }
});

describe('the reader: details', () => {
  const side = sides[1];

  it('reads a large response, from text and from bytes, and describes a violation deep inside', () => {
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
    expect(checkParse(side, xml, 'large')).toBe(true);
    const value = side.parse(xml) as { operators: { server: { srvMan: { result: Record<string, unknown> } }[] }[] };
    const ops = value.operators[0].server;
    expect(ops).toHaveLength(300);
    expect(ops[3].srvMan.result).toEqual({ status: 'error', errcode: 1013, errtext: 'svc 3 & co', id: 'svc-3' });
    expect(ops[4].srvMan.result).toEqual({ status: 'ok', id: 'svc-4' }); // id's type collapses whitespace
    const bytes = new TextEncoder().encode(xml);
    expect(outcome(() => side.parse(bytes))).toEqual(outcome(() => side.parse(xml)));
    // Out of order at the 201st operation: reported there, once the reader's automaton has long
    // been learned, with the path and position a first reading gives.
    const bad = xml.replace('<status>ok</status><id> svc-200 </id>', '<id>svc-200</id><status>ok</status>');
    expect(() => side.parse(bad)).toThrow(/srvMan\.result\.status/);
    let error: { violations: { path: string; message: string; line: number; column: number }[] } | undefined;
    try {
      side.parse(bad);
    } catch (e) {
      error = e as typeof error;
    }
    const idAt = bad.indexOf('<id>svc-200</id>');
    const statusAt = idAt + '<id>svc-200</id>'.length;
    expect(error?.violations.map((v) => ({ ...v, message: v.message.replace(/;.*/, '') }))).toEqual([
      { path: 'packet.operators[0].server[200].srvMan.result.status', message: 'missing the required element <status>', line: 1, column: idAt + 1 },
      { path: 'packet.operators[0].server[200].srvMan.result.status', message: 'element <status> is not expected here', line: 1, column: statusAt + 1 },
    ]);
  });
});
