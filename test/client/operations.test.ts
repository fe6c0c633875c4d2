/**
 * The runtime's batch machinery (packages/runtime/src/client/operations.ts and the layouts in
 * settle.ts), on plain values: how a list of operations becomes a packet for each operator
 * layout, and how answers are paired back with layouts — given/want tables, plus a property:
 * whatever the operations and their order, the packet read back with the same layouts gives
 * the same operations in the same order, and only `single` operators repeat their element for
 * consecutive operations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPacket, packetOperations, settle, type BatchOperation, type PacketLayouts } from 'plesk-api-codegen-runtime/client';

const layouts: PacketLayouts = {
  server: { request: { kind: 'list' }, response: { kind: 'list' } },
  tagged: { request: { kind: 'list', prop: 'ops' }, response: { kind: 'list', prop: 'ops' } },
  webmail: { request: { kind: 'single' }, response: { kind: 'single' } },
  dbServer: { request: { kind: 'single' }, response: { kind: 'list' } },
  prefs: { request: { kind: 'fields', order: ['getPrefs', 'setPrefs'] }, response: { kind: 'fields', order: ['getPrefs', 'setPrefs'] } },
  upload: { request: null, response: { kind: 'list' } },
};

const op = (operator: string, operation: string, value: unknown = true): BatchOperation => ({ operator, operation, value, many: false });

describe('buildPacket', () => {
  it.each<[string, BatchOperation[], unknown]>([
    ['consecutive list operations share the element', [op('server', 'a'), op('server', 'b')], [{ server: [{ a: true }, { b: true }] }]],
    [
      'an operator coming back later gets a new element (no reordering)',
      [op('server', 'a'), op('webmail', 'x'), op('server', 'b')],
      [{ server: [{ a: true }] }, { webmail: { x: true } }, { server: [{ b: true }] }],
    ],
    ['a list held in a property', [op('tagged', 'a'), op('tagged', 'b')], [{ tagged: { ops: [{ a: true }, { b: true }] } }]],
    ['single: one element per operation', [op('webmail', 'x'), op('webmail', 'x', 2)], [{ webmail: { x: true } }, { webmail: { x: 2 } }]],
    ['fields in schema order share the element', [op('prefs', 'getPrefs'), op('prefs', 'setPrefs', 1)], [{ prefs: { getPrefs: true, setPrefs: 1 } }]],
    ['fields out of schema order split', [op('prefs', 'setPrefs', 1), op('prefs', 'getPrefs')], [{ prefs: { setPrefs: 1 } }, { prefs: { getPrefs: true } }]],
    ['a repeated field splits', [op('prefs', 'getPrefs'), op('prefs', 'getPrefs')], [{ prefs: { getPrefs: true } }, { prefs: { getPrefs: true } }]],
  ])('%s', (_what, entries, operators) => {
    expect(buildPacket(entries, layouts)).toEqual({ operators });
  });

  it('refuses an operator requests cannot hold', () => {
    expect(() => buildPacket([op('upload', 'x')], layouts)).toThrow(/upload is not a request operator/);
    expect(() => buildPacket([op('nothing', 'x')], layouts)).toThrow(/nothing is not a request operator/);
  });

  it('reads back the operations it wrote, in order, whatever the mix', () => {
    const entry = fc.oneof(
      fc.constantFrom('a', 'b', 'c').map((o) => op('server', o)),
      fc.constantFrom('a', 'b').map((o) => op('tagged', o)),
      fc.constantFrom('x', 'y').map((o) => op('webmail', o)),
      fc.constantFrom('getPrefs', 'setPrefs').map((o) => op('prefs', o)),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const packet = buildPacket(entries, layouts);
        const read = packetOperations(packet, 'request', layouts).map((o) => `${o.operator}.${o.operation}`);
        expect(read).toEqual(entries.map((e) => `${e.operator}.${e.operation}`));
        // Never two neighbouring elements of a list operator (they would have been merged).
        packet.operators.forEach((section, i) => {
          const name = Object.keys(section)[0]!;
          const next = packet.operators[i + 1];
          if (next !== undefined && layouts[name]?.request?.kind === 'list') expect(Object.keys(next)[0]).not.toBe(name);
        });
      }),
    );
  });
});

describe('settle with layouts', () => {
  it('pairs a single-layout request with a list-layout response (db_server)', () => {
    const request = { operators: [{ dbServer: { getLocal: true } }, { dbServer: { get: { filter: {} } } }] };
    const response = {
      operators: [{ dbServer: [{ getLocal: { result: { status: 'ok', id: 1 } } }] }, { dbServer: [{ get: { result: [{ status: 'ok' }, { status: 'error', errcode: 1013 }] } }] }],
    };
    const [a, b] = settle(request, response, undefined, layouts);
    expect(a).toMatchObject({ ok: true, operation: 'getLocal', value: { status: 'ok', id: 1 }, results: [{ id: 1 }], failed: [] });
    expect(b).toMatchObject({ ok: false, operation: 'get', index: 1, succeeded: [{ status: 'ok' }], failed: [{ errcode: 1013 }] });
  });

  it('reads fields in schema order, whatever the key order of the value', () => {
    const ops = packetOperations({ operators: [{ prefs: { setPrefs: 1, getPrefs: true } }] }, 'request', layouts);
    expect(ops.map((o) => o.operation)).toEqual(['getPrefs', 'setPrefs']);
  });

  it('refuses an operator value that does not fit its layout', () => {
    expect(() => packetOperations({ operators: [{ prefs: { other: 1 } }] }, 'request', layouts)).toThrow(/holds no operation list/);
    expect(() => packetOperations({ operators: [{ server: { a: true } }] }, 'request', layouts)).toThrow(/holds no operation list/);
  });

  it('without layouts, guesses: arrays are lists, one-key objects single operations', () => {
    const ops = packetOperations({ operators: [{ server: [{ a: 1 }, { b: 2 }] }, { webmail: { x: 3 } }] });
    expect(ops.map((o) => `${o.operator}.${o.operation}=${String(o.value)}`)).toEqual(['server.a=1', 'server.b=2', 'webmail.x=3']);
  });
});
