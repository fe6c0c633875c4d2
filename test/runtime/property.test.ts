/**
 * Property-based tests over the fixture schema: random valid values survive serialize → parse
 * unchanged; random invalid mutations are refused by the serializer and by strict parsing, each
 * with a violation at the mutated path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, SchemaViolationError, serialize } from 'plesk-api-codegen-runtime';
import { requestRoot, responseRoot } from './fixtures.js';

const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Strings of XML characters, rich in markup and whitespace. */
const xmlString = (minLength = 0) =>
  fc
    .string({
      unit: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('&', '<', '>', '"', "'", ']]>', '\r', '\n', '\r\n', '\t', ' ', 'a', 'é', '😀', '&amp;') },
        { weight: 5, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      ),
      minLength,
      maxLength: 12,
    })
    .filter((s) => !NOT_XML.test(s));

const token = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,7}$/);
const int32 = fc.integer({ min: -2147483648, max: 2147483647 });
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dateTime = fc
  .tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('', 'Z', '+02:00', '.5Z'))
  .map(([y, mo, d, h, mi, tz]) => `${y}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:00${tz}`);
const money = fc.tuple(fc.integer({ min: 0, max: 99999999 }), fc.integer({ min: 0, max: 99 })).map(([i, f]) => `${i}.${pad(f, 2)}`);
const base64 = fc.uint8Array({ maxLength: 10 }).map((b) => btoa(String.fromCharCode(...b)));
const fragment = fc.constantFrom({ xml: '<a>1</a>' }, { xml: '<x:y xmlns:x="urn:x" k="&amp;"/>' }, { xml: '<p>t<b/>&lt;</p>' });

const srvManItem = fc.record({ srvMan: fc.record({ id: token, operation: fc.constantFrom('start', 'stop', 'restart') }) });
const serverOp = fc.record({ server: fc.array(fc.oneof(srvManItem, fc.constant({ getProtos: true as const })), { minLength: 1, maxLength: 4 }) });

const backupServer = fc
  .tuple(
    fc.oneof(fc.constant({ local: true as const }), xmlString().map((remote) => ({ remote }))),
    fc.record(
      {
        prefix: fc.stringMatching(/^[0-9a-zA-Z][-a-zA-Z0-9_.]{0,15}$/),
        description: xmlString(),
        splitSize: fc.integer({ min: 0, max: 4294967295 }),
      },
      { requiredKeys: ['description'] },
    ),
    fc.constantFrom({}, { onlyHosting: true as const }, { onlyMail: true as const }),
  )
  .map(([a, b, c]) => ({ ...a, ...b, ...c }));
const backupOp = fc.record({
  backupManager: fc.array(fc.oneof(backupServer.map((backupServer) => ({ backupServer })), fc.constant({ getLocalBackupList: true as const })), { minLength: 1, maxLength: 3 }),
});

interface Node {
  name: string;
  node?: Node[];
  note?: string;
}
const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.record(
    { name: xmlString(), node: fc.array(tie('node'), { minLength: 1, maxLength: 2 }), note: xmlString() },
    { requiredKeys: ['name'] },
  ) as fc.Arbitrary<Node>,
}));
const nodeLimited = fc.letrec<{ n: Node }>(() => ({ n: node })).n.filter((n) => JSON.stringify(n).length < 2000);

const misc = fc.record(
  {
    priority: int32,
    lang: fc.constantFrom('en', 'de-CH', 'x-klingon'),
    expires: fc.oneof(fc.constant(null), dateTime),
    size: fc.record({ value: money, unit: fc.constantFrom('KB', 'MB', 'GB') }),
    ports: fc.array(int32, { maxLength: 5 }),
    limit: fc.oneof(int32, fc.constant('unlimited')),
    weight: fc.double(),
    enabled: fc.boolean(),
    counter: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    quota: fc.maxSafeInteger(),
    data: base64,
    email: fc.constantFrom('a@b.c', 'üser+x@exämple.org', 'root@localhost.'),
    tag: fc.array(xmlString(), { minLength: 1, maxLength: 3 }),
    node: fc.constant(null).chain(() => nodeLimited),
    raw: fc.oneof(fc.constant(true), xmlString(1), fragment),
    ext: fc.record({ items: fc.array(fragment, { minLength: 1, maxLength: 2 }), $attrs: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/), xmlString(), { minKeys: 1, maxKeys: 2 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['priority'] },
).map((m) => ({ misc: m }));

const request = fc
  .tuple(serverOp, backupOp, misc, fc.array(fc.oneof(serverOp, backupOp, misc), { maxLength: 3 }), fc.option(xmlString(), { nil: undefined }))
  .map(([s, b, m, rest, version]) => ({ ...(version !== undefined ? { version } : {}), operators: [s, b, m, ...rest] }));

type Req = { operators: Record<string, unknown>[] } & Record<string, unknown>;

const resultItem = fc.record(
  { status: fc.constantFrom('ok', 'error'), errcode: fc.integer({ min: 0, max: 4294967295 }), errtext: xmlString(), id: token },
  { requiredKeys: ['status'] },
);
const response = fc.record({
  operators: fc.array(
    fc.record({
      server: fc.array(
        fc.oneof(
          fc.record({ srvMan: fc.record({ result: fc.array(resultItem, { minLength: 1, maxLength: 3 }) }) }),
          fc.record({
            getProtos: fc.record({
              result: fc.record({ status: fc.constantFrom('ok', 'error'), protos: fc.record({ proto: fc.array(token, { minLength: 1, maxLength: 3 }) }) }, { requiredKeys: ['status'] }),
            }),
          }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    // Zero occurrences parse to an absent property, not an empty array.
    { minLength: 1, maxLength: 3 },
  ),
});

describe('property: round trips', () => {
  it('parse(serialize(request)) equals the request', () => {
    fc.assert(
      fc.property(request, fc.boolean(), (v, indent) => {
        const xml = serialize(requestRoot, v, { indent });
        expect(parse(requestRoot, xml)).toEqual(v);
        expect(parse(requestRoot, new TextEncoder().encode(xml))).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it('parse(serialize(response)) equals the response', () => {
    fc.assert(
      fc.property(response, (v) => {
        expect(parse(responseRoot, serialize(responseRoot, v))).toEqual(v);
      }),
      { numRuns: 200 },
    );
  });
});

/** A mutation of a valid request: what to change and the path of the violation it causes. */
interface Mutation {
  name: string;
  apply: (v: Req) => string;
  /** Also refused by strict parsing of the XML written without validation. */
  parse: boolean;
}

const firstSrvMan = (v: Req): [Record<string, unknown>, string] => {
  const items = v.operators[0].server as Record<string, unknown>[];
  const i = items.findIndex((x) => 'srvMan' in x);
  if (i < 0) {
    items.unshift({ srvMan: { id: 'x', operation: 'start' } });
    return [(items[0].srvMan as Record<string, unknown>), 'packet.operators[0].server[0].srvMan'];
  }
  return [items[i].srvMan as Record<string, unknown>, `packet.operators[0].server[${i}].srvMan`];
};
const firstBackup = (v: Req): [Record<string, unknown>, string] => {
  const items = v.operators[1].backupManager as Record<string, unknown>[];
  items.unshift({ backupServer: { local: true, description: 'd' } });
  return [items[0].backupServer as Record<string, unknown>, 'packet.operators[1].backupManager[0].backupServer'];
};
const theMisc = (v: Req) => v.operators[2].misc as Record<string, unknown>;

const mutations: Mutation[] = [
  { name: 'enum', parse: true, apply: (v) => { const [s, p] = firstSrvMan(v); s.operation = 'halt'; return `${p}.operation`; } },
  { name: 'missing required element', parse: true, apply: (v) => { const [s, p] = firstSrvMan(v); delete s.id; return `${p}.id`; } },
  { name: 'unknown property', parse: false, apply: (v) => { const [s, p] = firstSrvMan(v); s.force = true; return `${p}.force`; } },
  { name: 'both choice branches', parse: true, apply: (v) => { const [b, p] = firstBackup(v); b.remote = 'r'; return `${p}`; } },
  { name: 'bound', parse: true, apply: (v) => { const [b, p] = firstBackup(v); b.splitSize = -1; return `${p}.splitSize`; } },
  { name: 'unsafe integer', parse: false, apply: (v) => { theMisc(v).quota = 2 ** 53 + 2; return 'packet.operators[2].misc.quota'; } },
  { name: 'pattern', parse: true, apply: (v) => { const [b, p] = firstBackup(v); b.prefix = '.bad'; return `${p}.prefix`; } },
  { name: 'too many', parse: true, apply: (v) => { theMisc(v).tag = ['1', '2', '3', '4']; return 'packet.operators[2].misc.tag'; } },
  { name: 'missing attribute', parse: true, apply: (v) => { delete theMisc(v).priority; return 'packet.operators[2].misc.priority'; } },
  { name: 'wrong type', parse: false, apply: (v) => { theMisc(v).enabled = 'yes'; return 'packet.operators[2].misc.enabled'; } },
  { name: 'control character', parse: false, apply: (v) => { theMisc(v).tag = ['a\u0000b']; return 'packet.operators[2].misc.tag[0]'; } },
  { name: 'fraction digits', parse: true, apply: (v) => { theMisc(v).size = { unit: 'MB', value: '1.125' }; return 'packet.operators[2].misc.size.value'; } },
  { name: 'list length', parse: true, apply: (v) => { theMisc(v).ports = [1, 2, 3, 4, 5, 6]; return 'packet.operators[2].misc.ports'; } },
  { name: 'lexical', parse: true, apply: (v) => { theMisc(v).expires = 'tomorrow'; return 'packet.operators[2].misc.expires'; } },
];

function pathsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof SchemaViolationError) return e.violations.map((x) => x.path);
    throw e;
  }
  return [];
}

describe('property: invalid mutations are refused with their path', () => {
  it('by the serializer and by strict parsing', () => {
    fc.assert(
      fc.property(request, fc.constantFrom(...mutations), (valid, m) => {
        const v = structuredClone(valid) as Req;
        const path = m.apply(v);
        const fromSerializer = pathsOf(() => serialize(requestRoot, v));
        expect(fromSerializer, m.name).toContain(path);
        if (m.parse) {
          const xml = serialize(requestRoot, v, { validate: false });
          const fromParser = pathsOf(() => parse(requestRoot, xml));
          expect(fromParser.some((p) => p === path || p.startsWith(`${path}.`)), `${m.name}: ${fromParser.join(', ')} vs ${path}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
