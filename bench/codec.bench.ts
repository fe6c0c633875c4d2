/**
 * Runtime codec benchmark on the REAL generated bindings: the real Plesk set
 * (`PLESK_SCHEMAS_DIR`, default `../shared/plesk-schemas/rpc-2015`) is generated into
 * `bench/out/codec-*` (inside the repository, so the tree resolves `saxes`), and its
 * `parseResponse` / `serializeRequest` (all checks on) are timed against fast-xml-parser's
 * generic `new XMLParser().parse(xml)` / `new XMLBuilder().build(obj)` on the same documents, in
 * one process.
 *
 * Timing: every round runs each contender once, the order rotating from round to round (A B C,
 * B C A, C A B, …) so drifting machine load hits all alike and each contender follows each other
 * one equally often; before every timed run a minor GC empties the young generation, so a run
 * pays for collecting its own garbage and not for what the contender before it left (see
 * `race`). Min and median of the rounds are reported, ratios of medians are the figures compared
 * with the targets. Memory is measured in a fresh child process (this module,
 * run with `CODEC_BENCH_TREE` set): V8's GC trace during one parse gives the heap high-water mark,
 * `resourceUsage().maxRSS` the resident one.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { leanParser } from '../packages/runtime/src/starttags.js';
import { median, REAL_SCHEMAS_DIR, ROOT } from './support.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = ROOT;
const schemaDir = REAL_SCHEMAS_DIR;

export const N = 20_000;
const WARMUP = 6;
const ROUNDS = 25;

// -------------------------------------------------------------------------------------------------
// The generated tree

export interface RealCodecs {
  /** Folder of the generated tree. */
  readonly tree: string;
  readonly serializeRequest: (packet: unknown, options?: object) => string;
  readonly parseRequest: (xml: string | Uint8Array, options?: object) => unknown;
  readonly parseResponse: (xml: string | Uint8Array, options?: object) => unknown;
  readonly REQUEST_ROOT: unknown;
  readonly RESPONSE_ROOT: unknown;
  /** The runtime the tree imports (the package `plesk-api-codegen-runtime`). */
  readonly runtime: {
    serialize: (root: unknown, value: unknown, options?: object) => string;
    parse: (root: unknown, xml: string, options?: object) => unknown;
  };
}

let loading: Promise<RealCodecs> | undefined;

async function importTree(tree: string): Promise<RealCodecs> {
  const imp = (f: string) => import(pathToFileURL(join(tree, f)).href) as Promise<Record<string, unknown>>;
  const request = await imp('request.ts');
  const response = await imp('response.ts');
  const runtime = (await import('plesk-api-codegen-runtime')) as Record<string, unknown>;
  return { tree, ...request, ...response, runtime } as unknown as RealCodecs;
}

/** Generates the real set's bindings once per process and imports them (the tree is removed at exit). */
export function realCodecs(): Promise<RealCodecs> {
  loading ??= (async () => {
    const { generate } = await import('../generator/generate.js');
    const { writeTree } = await import('../generator/emit/write.js');
    mkdirSync(join(here, 'out'), { recursive: true });
    const dir = mkdtempSync(join(here, 'out', 'codec-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const tree = join(dir, 'tree');
    writeTree(tree, generate(schemaDir).files);
    return importTree(tree);
  })();
  return loading;
}

// -------------------------------------------------------------------------------------------------
// Documents

/**
 * The response: 20,000 `srv_man` results, every 10th an error. Element order as the real set
 * says (`ServicesManagementResultType` extends `resultType`: status, errcode?, errtext?, then id?).
 */
export function responseXml(n = N): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.1"><server>'];
  for (let i = 0; i < n; i++) {
    parts.push(
      i % 10 !== 0
        ? `<srv_man><result><status>ok</status><id>svc-${i}</id></result></srv_man>`
        : `<srv_man><result><status>error</status><errcode>1013</errcode><errtext>Service svc-${i} &amp; co not found</errtext><id>svc-${i}</id></result></srv_man>`,
    );
  }
  parts.push('</server></packet>');
  return parts.join('');
}

/** The same response pretty-printed, as Plesk writes it (a newline and indentation before every tag). */
export function prettyResponseXml(n = N): string {
  return responseXml(n).replace(/></g, '>\n  <');
}

/**
 * The deep response: webspace `get` with `gen_info`, `n` results (the documented sample's result
 * with a different id, name and guid each), pretty-printed as the documentation shows it.
 */
export function deepResponseXml(n = 2000): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.1">\n<webspace>\n<get>\n'];
  for (let i = 0; i < n; i++) {
    const hex = (i + 0x10000).toString(16);
    parts.push(`   <result>
      <status>ok</status>
      <filter-id>${i + 1}</filter-id>
      <id>${i + 1}</id>
      <data>
          <gen_info>
            <cr_date>2010-11-15</cr_date>
            <name>site-${i}.example.com</name>
            <ascii-name>site-${i}.example.com</ascii-name>
            <status>0</status>
            <real_size>${i * 1024}</real_size>
            <owner-id>3</owner-id>
            <dns_ip_address>192.168.0.2</dns_ip_address>
            <htype>vrt_hst</htype>
            <guid>3848dc2e-ac6c-4420-ba51-2c0ae0f${hex}</guid>
            <vendor-guid>cc982f71-48c3-479d-bc7b-59b97547e092</vendor-guid>
            <external-id/>
            <sb-site-uuid>3a17be63-0f9f-07df-6d35-57063a0${hex}</sb-site-uuid>
          </gen_info>
      </data>
   </result>
`);
  }
  parts.push('</get>\n</webspace>\n</packet>\n');
  return parts.join('');
}

/**
 * The saxes event stream alone, as the reader has saxes tokenize (its options, and its states of
 * `starttags.ts`: no fresh objects for tags, end tags compared in place, whitespace between
 * elements passed over, as the reader has it passed over in element-only content): the floor.
 */
export function saxesFloor(xml: string): number {
  // The runtime's own options: a parser with position tracking on would also slow the
  // runtime's saxes down in this process (V8 then optimizes the shared code for both modes).
  const p = leanParser({ whitespaceIsLayout: true });
  let n = 0;
  p.on('opentag', () => void n++);
  p.on('closetag', () => void n++);
  p.on('text', () => void n++);
  p.write(xml).close();
  return n;
}

const OPS = ['start', 'stop', 'restart'] as const;

/** The request value as the real bindings type it. */
export function requestValue(n = N): unknown {
  const server = [];
  for (let i = 0; i < n; i++) server.push({ srvMan: { id: `svc-${i}`, operation: OPS[i % 3] } });
  return { version: '1.6.9.1', operators: [{ server }] };
}

/** The same request as fast-xml-parser's builder wants it. */
export function requestForBuilder(n = N): unknown {
  const srv = [];
  for (let i = 0; i < n; i++) srv.push({ id: `svc-${i}`, operation: OPS[i % 3] });
  return { packet: { '@_version': '1.6.9.1', server: { srv_man: srv } } };
}

// -------------------------------------------------------------------------------------------------
// Timing

export interface Stats {
  readonly min: number;
  readonly median: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: median(s) };
}

/**
 * A minor GC (a scavenge of the young generation), for `race`. `--expose-gc` is set at run time
 * so that `npm run bench` needs no flag; a major GC is not used: it shrinks the heap, and the
 * next contender then pays for growing it again (fast-xml-parser's builder measured about twice
 * as slow after one).
 */
const minorGc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options: { type: 'minor' }) => void;
  return () => gc({ type: 'minor' });
})();

/** What `race` times: a function, or one with an untimed `setup` run before it in every round. */
export type Contender = (() => unknown) | { readonly setup: () => void; readonly run: () => unknown };

/**
 * Times several contenders in the same rounds: each round runs every contender once, the order
 * rotating from round to round (so each contender follows each other one equally often);
 * `WARMUP` untimed rounds first. A minor GC before every timed run (after the contender's
 * `setup`) leaves the young generation empty: a run's time includes collecting its own garbage,
 * not the garbage of the contender before it. (With the order only reversed between rounds, the
 * middle one of three followed the same neighbour in half the rounds and paid for its garbage:
 * the serialize row with parsed objects measured 0.122× by median against 0.093× by min.)
 */
export function race(contenders: readonly Contender[], rounds = ROUNDS, warmup = WARMUP): Stats[] {
  const times: number[][] = contenders.map(() => []);
  const n = contenders.length;
  for (let r = 0; r < warmup + rounds; r++) {
    for (let k = 0; k < n; k++) {
      const j = (k + r) % n;
      const c = contenders[j];
      const run = typeof c === 'function' ? c : (c.setup(), c.run);
      minorGc();
      const t0 = performance.now();
      run();
      const t = performance.now() - t0;
      if (r >= warmup) times[j].push(t);
    }
  }
  return times.map(stats);
}

export function mib(n: number): string {
  return `${(n / 2 ** 20).toFixed(1)} MiB`;
}

export function ms(s: Stats): string {
  return `${s.median.toFixed(1)} (min ${s.min.toFixed(1)})`;
}

export function ratio(a: Stats, b: Stats): string {
  return `${(a.median / b.median).toFixed(3)}× (min/min ${(a.min / b.min).toFixed(3)}×)`;
}

// -------------------------------------------------------------------------------------------------
// Memory (child process)

interface MemoryResult {
  /** Heap in use at the start (after a GC, the tree loaded and the document built). */
  heapStart: number;
  /** Highest heap in use seen during the parse (before each GC, and at its end). */
  heapPeak: number;
  /** Heap in use after the parse and a GC, with the result kept. */
  heapRetained: number;
  rssStart: number;
  rssPeak: number;
  gcs: number;
}

const TRACE_LINE = /: (?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact|Mark-Compact \(reduce\))[^0-9]*([0-9.]+) \(([0-9.]+)\) -> ([0-9.]+)/;

async function memoryChild(tree: string, n: number): Promise<void> {
  const codecs = await importTree(tree);
  const xml = responseXml(n);
  codecs.parseResponse(responseXml(200)); // compile the plans first
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const heapStart = process.memoryUsage().heapUsed;
  const rssStart = process.resourceUsage().maxRSS * 1024;
  v8.setFlagsFromString('--trace-gc');
  const kept = codecs.parseResponse(xml);
  const heapEnd = process.memoryUsage().heapUsed;
  v8.setFlagsFromString('--no-trace-gc');
  const rssPeak = process.resourceUsage().maxRSS * 1024;
  gc();
  const heapRetained = process.memoryUsage().heapUsed;
  void kept;
  const result: Omit<MemoryResult, 'heapPeak' | 'gcs'> & { heapEnd: number } = { heapStart, heapEnd, heapRetained, rssStart, rssPeak };
  process.stderr.write(`CODEC-MEMORY ${JSON.stringify(result)}\n`);
}

function measureMemory(tree: string, n = N): MemoryResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', fileURLToPath(import.meta.url)], {
    cwd: root,
    env: { ...process.env, CODEC_BENCH_TREE: tree, CODEC_BENCH_N: String(n) },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const line = /CODEC-MEMORY (.*)/.exec(r.stderr);
  if (r.status !== 0 || line === null) throw new Error(`bench: memory child failed (${r.status}): ${r.stderr}`);
  const m = JSON.parse(line[1]) as Omit<MemoryResult, 'heapPeak' | 'gcs'> & { heapEnd: number };
  let peak = m.heapEnd;
  let gcs = 0;
  for (const l of r.stdout.split('\n')) {
    const t = TRACE_LINE.exec(l);
    if (t === null) continue;
    gcs++;
    peak = Math.max(peak, Number(t[1]) * 2 ** 20);
  }
  return { heapStart: m.heapStart, heapPeak: peak, heapRetained: m.heapRetained, rssStart: m.rssStart, rssPeak: m.rssPeak, gcs };
}

// -------------------------------------------------------------------------------------------------

export default async function codecBench(): Promise<{ title: string; markdown: string }> {
  const codecs = await realCodecs();
  const xml = responseXml();
  const bytes = Buffer.byteLength(xml);

  // Sanity: both sides understand the documents.
  const parsed = codecs.parseResponse(xml) as { operators: { server: { srvMan: { result: { status: string; id?: string } } }[] }[] };
  const server = parsed.operators[0].server;
  if (server.length !== N || server[1].srvMan.result.id !== 'svc-1' || server[0].srvMan.result.status !== 'error') throw new Error('bench: unexpected parse result');
  const fxpAttrs = new XMLParser({ ignoreAttributes: false });
  const value = requestValue();
  const forBuilder = requestForBuilder();
  const reqXml = codecs.serializeRequest(value);
  const builtXml = new XMLBuilder({ ignoreAttributes: false }).build(forBuilder) as string;
  if (!reqXml.includes('<srv_man><id>svc-19999</id><operation>stop</operation></srv_man>') || !builtXml.includes('<id>svc-19999</id>')) {
    throw new Error('bench: unexpected serialize result');
  }

  const pretty = prettyResponseXml();
  const deep = deepResponseXml();
  const deepParsed = codecs.parseResponse(deep) as { operators: { webspace: { get: { result: unknown[] } }[] }[] };
  if (deepParsed.operators[0].webspace[0].get.result.length !== 2000 || codecs.parseResponse(pretty) === undefined) throw new Error('bench: unexpected deep parse result');
  const fromParser = codecs.parseRequest(reqXml);
  if (codecs.serializeRequest(fromParser) !== reqXml) throw new Error('bench: the parsed request does not serialize to the same XML');

  // Every race rotates the order of its contenders from round to round; each document gets
  // its own race with the floor beside it.
  const parseRace = (doc: string): Stats[] => race([() => codecs.parseResponse(doc), () => new XMLParser().parse(doc), () => saxesFloor(doc)]);
  const [tParse, tFxpParse, tFloor] = parseRace(xml);
  const [tPretty, tFxpPretty, tFloorPretty] = parseRace(pretty);
  const [tDeep, tFxpDeep, tFloorDeep] = parseRace(deep);
  const [tParseAttrs, tFxpParseAttrs] = race([() => codecs.parseResponse(xml), () => fxpAttrs.parse(xml)]);
  // Every serialize contender gets a fresh input in every round (built before the GC, untimed):
  // where the objects of one input lie in the heap is left by the GC that promoted them, and one
  // layout for all rounds measured the same writer at 1.6 or 2.4 ms on parsed objects from one
  // process to the next (scattered objects cost cache misses), fast-xml-parser's input likewise.
  let lit = value;
  let parsedIn = fromParser;
  let built = forBuilder;
  const [tSer, tSerParsed, tFxpBuild] = race([
    { setup: () => void (lit = requestValue()), run: () => codecs.serializeRequest(lit) },
    { setup: () => void (parsedIn = codecs.parseRequest(reqXml)), run: () => codecs.serializeRequest(parsedIn) },
    { setup: () => void (built = requestForBuilder()), run: () => new XMLBuilder({ ignoreAttributes: false }).build(built) },
  ]);
  const mem = measureMemory(codecs.tree);
  const bigN = 650_000;
  const bigBytes = Buffer.byteLength(responseXml(bigN));
  const big = measureMemory(codecs.tree, bigN);

  const verdict = (a: Stats, b: Stats, target: number): string => `${a.median / b.median <= target ? 'met' : '**missed**'} (≤ ${target}×)`;
  const rows = [
    '| operation | runtime, ms: median (min) | fast-xml-parser, ms: median (min) | ratio of medians (of mins) | saxes events alone ÷ fast-xml-parser (floor) | target |',
    '|---|---:|---:|---:|---:|---|',
    `| parse response, ${N} srv_man results, compact (${mib(bytes)}) | ${ms(tParse)} | ${ms(tFxpParse)} | ${ratio(tParse, tFxpParse)} | ${ratio(tFloor, tFxpParse)} | ${verdict(tParse, tFxpParse, 0.15)} |`,
    `| parse response, ${N} srv_man results, pretty-printed (${mib(Buffer.byteLength(pretty))}) | ${ms(tPretty)} | ${ms(tFxpPretty)} | ${ratio(tPretty, tFxpPretty)} | ${ratio(tFloorPretty, tFxpPretty)} | ${verdict(tPretty, tFxpPretty, 0.15)} |`,
    `| parse deep response, webspace get with gen_info, 2000 results (${mib(Buffer.byteLength(deep))}) | ${ms(tDeep)} | ${ms(tFxpDeep)} | ${ratio(tDeep, tFxpDeep)} | ${ratio(tFloorDeep, tFxpDeep)} | ${verdict(tDeep, tFxpDeep, 0.18)} |`,
    `| — compact srv_man vs XMLParser({ ignoreAttributes: false }) | ${ms(tParseAttrs)} | ${ms(tFxpParseAttrs)} | ${ratio(tParseAttrs, tFxpParseAttrs)} | | |`,
    `| serialize request, ${N} srv_man operations, object literals (${mib(reqXml.length)}) | ${ms(tSer)} | ${ms(tFxpBuild)} | ${ratio(tSer, tFxpBuild)} | | ${verdict(tSer, tFxpBuild, 0.08)} |`,
    `| serialize request, the same operations as parsed from XML | ${ms(tSerParsed)} | ${ms(tFxpBuild)} | ${ratio(tSerParsed, tFxpBuild)} | | ${verdict(tSerParsed, tFxpBuild, 0.08)} |`,
  ];
  const memLine = (m: MemoryResult, size: number): string =>
    `heap in use ${mib(m.heapStart)} at the start, peak ${mib(m.heapPeak)} (+${mib(m.heapPeak - m.heapStart)}, ${((m.heapPeak - m.heapStart) / size).toFixed(1)}× the document; ${m.gcs} GCs), ${mib(m.heapRetained)} after a GC with the result kept (+${mib(m.heapRetained - m.heapStart)} retained, ${((m.heapRetained - m.heapStart) / size).toFixed(1)}× the document); peak RSS ${mib(m.rssPeak)} (+${mib(m.rssPeak - m.rssStart)} over the high-water mark before the parse)`;
  const markdown = [
    `Bindings generated from the real set (\`${schemaDir.startsWith(root) ? schemaDir.slice(root.length + 1) : schemaDir}\`), imported from the generated tree (\`parseResponse\`, \`serializeRequest\`: strict parsing, validating serializer). ${ROUNDS} timed rounds after ${WARMUP} warm-up rounds; in every round each contender runs once, the order rotating between rounds, after a minor GC (a run pays for its own garbage, not for the previous contender's); the serialize contenders get a fresh input each round, built untimed before that GC. The floor is a saxes parser with empty handlers for tags and text, set up as the reader sets up its own (options, and the start-tag state of \`starttags.ts\`): the tokenizer the runtime reads with, and a bound no parser reading with it can beat.`,
    '',
    ...rows,
    '',
    `Memory while parsing the ${N}-result response (${mib(bytes)}) once, in a fresh process (\`--expose-gc\`, GC trace on during the parse): ${memLine(mem, bytes)}.`,
    '',
    `Memory while parsing a ${mib(bigBytes)} response (${bigN} results), the same way: ${memLine(big, bigBytes)}. The documented bound: the document's text (held whole while parsing) plus the result, which keeps about ${((big.heapRetained - big.heapStart) / bigBytes).toFixed(1)}× the document's size for this response; no more than that is reached beyond garbage the GC reclaims.`,
    '',
    'Documents: the srv_man response has 90% `ok` results with an id and 10% errors with errcode and errtext; the deep response repeats the documented webspace `get` sample (gen_info with 12 fields) with a different id, name and guid per result; the request is one `server` operator with 20,000 `srv_man` operations (`{ srvMan: { id, operation } }`), serialized once as built from object literals and once as returned by `parseRequest`. fast-xml-parser builds an equivalent generic object; its builder gets an equivalent object.',
  ].join('\n');
  process.stderr.write(`${markdown}\n`);
  return { title: 'Runtime codec: parse and serialize vs fast-xml-parser (real generated bindings)', markdown };
}

if (process.env.CODEC_BENCH_TREE !== undefined && process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await memoryChild(process.env.CODEC_BENCH_TREE, Number(process.env.CODEC_BENCH_N ?? N));
}
