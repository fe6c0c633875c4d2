/**
 * Runtime codec benchmark: `parse` and `serialize` (all checks on) against fast-xml-parser's
 * generic `XMLParser().parse` / `XMLBuilder().build` on the same documents, in one process.
 * Uses the hand-written fixture descriptors (test/runtime/fixtures.ts) until the generator
 * produces the real ones.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { parse, serialize } from '../generator/runtime/index.js';
import { requestRoot, responseRoot } from '../test/runtime/fixtures.js';

const N = 20_000;
const ROUNDS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time(f: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) f(); // warm-up
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function responseXml(): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.1"><server>'];
  for (let i = 0; i < N; i++) {
    const ok = i % 10 !== 0;
    parts.push(
      ok
        ? `<srv_man><result><status>ok</status><id>svc-${i}</id></result></srv_man>`
        : `<srv_man><result><status>error</status><errcode>1013</errcode><errtext>Service svc-${i} &amp; co not found</errtext><id>svc-${i}</id></result></srv_man>`,
    );
  }
  parts.push('</server></packet>');
  return parts.join('');
}

function requestValue(): unknown {
  const ops = ['start', 'stop', 'restart'];
  const server = [];
  for (let i = 0; i < N; i++) server.push({ srvMan: { id: `svc-${i}`, operation: ops[i % 3] } });
  return { version: '1.6.9.1', operators: [{ server }] };
}

/** The same request as fast-xml-parser's builder wants it. */
function requestForBuilder(): unknown {
  const ops = ['start', 'stop', 'restart'];
  const srv = [];
  for (let i = 0; i < N; i++) srv.push({ id: `svc-${i}`, operation: ops[i % 3] });
  return { packet: { '@_version': '1.6.9.1', server: { srv_man: srv } } };
}

function mib(n: number): string {
  return `${(n / 2 ** 20).toFixed(1)} MiB`;
}

export default async function codecBench(): Promise<{ title: string; markdown: string }> {
  const xml = responseXml();
  const bytes = new TextEncoder().encode(xml).length;

  // Sanity: both sides understand the document.
  const parsed = parse(responseRoot, xml) as { operators: { server: unknown[] }[] };
  if (parsed.operators[0].server.length !== N) throw new Error('bench: unexpected parse result');

  const fxp = new XMLParser({ ignoreAttributes: false });
  const tParse = time(() => parse(responseRoot, xml));
  const tFxpParse = time(() => new XMLParser().parse(xml));
  const tFxpParseAttrs = time(() => fxp.parse(xml));

  const value = requestValue();
  const forBuilder = requestForBuilder();
  const reqXml = serialize(requestRoot, value);
  const tSer = time(() => serialize(requestRoot, value));
  const tFxpBuild = time(() => new XMLBuilder({ ignoreAttributes: false }).build(forBuilder));

  // Memory while parsing once more (after a GC when exposed).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 1);
  const keep = parse(responseRoot, xml);
  const after = process.memoryUsage();
  clearInterval(timer);
  peakRss = Math.max(peakRss, after.rss);
  peakHeap = Math.max(peakHeap, after.heapUsed);
  void keep;

  const ratio = (a: number, b: number) => (a / b).toFixed(3);
  const rows = [
    '| operation | runtime (median ms) | fast-xml-parser (median ms) | ratio | target |',
    '|---|---:|---:|---:|---:|',
    `| parse response, ${N} srv_man results (${mib(bytes)}) | ${tParse.toFixed(1)} | ${tFxpParse.toFixed(1)} | ${ratio(tParse, tFxpParse)}× | ≤ 0.2× |`,
    `| — vs XMLParser({ ignoreAttributes: false }) | | ${tFxpParseAttrs.toFixed(1)} | ${ratio(tParse, tFxpParseAttrs)}× | |`,
    `| serialize request, ${N} srv_man operations (${mib(reqXml.length)}) | ${tSer.toFixed(1)} | ${tFxpBuild.toFixed(1)} | ${ratio(tSer, tFxpBuild)}× | ≤ 0.1× |`,
  ];
  const markdown = [
    `Median of ${ROUNDS} runs after 3 warm-up runs; validation on in both directions (strict parse, validating serialize).`,
    '',
    ...rows,
    '',
    `Memory while parsing the response once (sampled every ms; the samples can miss short peaks): peak RSS ${mib(peakRss)} (${mib(peakRss - before.rss)} above the start), peak heap ${mib(peakHeap)} (${mib(peakHeap - before.heapUsed)} above the start${gc ? ', after a GC' : '; run with --expose-gc for a clean baseline'}).`,
    '',
    'Documents: the response is generated (90% `ok` results with an id, 10% errors with errcode and errtext); the request is a `server` operator with 20,000 `srv_man` operations. fast-xml-parser builds an equivalent generic object; its builder gets an equivalent object.',
  ].join('\n');
  process.stderr.write(`${markdown}\n`);
  return { title: 'Runtime codec: parse and serialize vs fast-xml-parser', markdown };
}
