// The documented samples (../shared/samples) varied the ways the documentation's own packets
// vary between pages and Plesk versions, each variant judged by libxml2 against the real set and
// by the real set's bindings, which must agree: a variant libxml2 accepts parses strictly, is
// written back to output libxml2 accepts, and that output parses back to an equal value; a
// variant libxml2 refuses is refused with a SchemaViolationError whose paths start at `packet`
// and name the element libxml2 names (or with an XmlSyntaxError when it is not well-formed).
//
// Two families, built at test time from the samples (nothing is copied into the repository):
// - lexical: CRLF line ends, a byte-order mark, an XML declaration (double or single quotes,
//   `standalone`), comments and processing instructions between elements, values in CDATA
//   sections or starting with a character reference, `<x></x>` for `<x/>`, tabs, single-quoted
//   attributes, a space before `>` of end tags, no layout at all, no `version` attribute;
// - structural: empty filters (`<filter/>`, `<filter></filter>`), empty or missing datasets,
//   failed results (`status` error with errcode and errtext, in place of each result or of the
//   first, or before the rest of an ok result), results removed, `filter-id` added, `data`
//   removed, an operation repeated in its operator, operators of other samples in one packet
//   (`A B A`: operators repeat in any order), a result repeated.
// Each variant kind reports how many variants it made and how many libxml2 accepted; a kind that
// makes none, or whose verdicts are not the ones it states (all valid, all invalid, or both),
// fails: the transform stopped doing what it is for.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REAL_SCHEMAS_DIR, loadIndexedSamples, type IndexedSample } from '../support/seeds.js';
import { validatorsFor } from '../support/libxml.js';
import { loadCodecs } from '../support/codec.js';

const valid = loadIndexedSamples().filter((s) => s.wellformed && s.valid);
const inner = (xml: string): string | null => /<packet[^>]*>([\s\S]*)<\/packet>/.exec(xml)?.[1] ?? null;

type Variant = (s: IndexedSample, i: number) => string | null;

const ERROR_RESULT = '<result><status>error</status><errcode>1013</errcode><errtext>Object not found.</errtext></result>';

/**
 * Each kind: the variants it makes, and what libxml2 says of them: all valid (the default), all
 * invalid, or some of each (`mixed`).
 */
const KINDS: Record<string, { make: Variant; libxml2?: 'invalid' | 'mixed' }> = {
  crlf: { make: (s) => s.xml.replace(/\r?\n/g, '\r\n') },
  bom: { make: (s) => `\uFEFF${s.xml}` },
  declaration: { make: (s) => (s.xml.startsWith('<?xml') ? null : `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${s.xml}`) },
  'declaration, single quotes': { make: (s) => `<?xml version='1.0' encoding='utf-8'?>\n${s.xml.replace(/^<\?xml[^?]*\?>\s*/, '')}` },
  'comments around the packet': { make: (s) => s.xml.replace(/<packet/, '<!-- request -->\n<packet').replace(/<\/packet>\s*$/, '</packet>\n<!-- end -->\n') },
  'comments after start tags': { make: (s) => s.xml.replace(/(<[A-Za-z][^>]*[^/]>)(?=\s*<)/g, '$1<!-- c -->') },
  'comments before end tags': { make: (s) => s.xml.replace(/(<\/[^>]+>)/g, '<!-- c -->$1') },
  'processing instructions': { make: (s) => s.xml.replace(/(<[A-Za-z][^>]*[^/]>)(?=\s*<[A-Za-z])/g, '$1<?note x?>') },
  'values in CDATA': { make: (s) => s.xml.replace(/>([^<>\s][^<>]*)</g, '><![CDATA[$1]]><') },
  'values ending in CDATA': { make: (s) => s.xml.replace(/>([^<>\s][^<>]*?)([^<>])</g, '>$1<![CDATA[$2]]><') },
  'values starting with a character reference': { make: (s) => s.xml.replace(/>([^<>\s&])([^<>]*)</g, (_, a: string, b: string) => `>&#${a.codePointAt(0)};${b}<`) },
  'empty elements written open-close': { make: (s) => s.xml.replace(/<([A-Za-z][\w.:-]*)([^<>]*?)\s*\/>/g, '<$1$2></$1>') },
  tabs: { make: (s) => s.xml.replace(/\n( +)/g, (_, sp: string) => `\n${'\t'.repeat(Math.ceil(sp.length / 2))}`) },
  'single-quoted attributes': { make: (s) => s.xml.replace(/(\w)="([^"]*)"/g, "$1='$2'") },
  'space before > of end tags': { make: (s) => s.xml.replace(/<\/([A-Za-z][\w.:-]*)>/g, '</$1 >') },
  'no layout': { make: (s) => s.xml.replace(/>\s+</g, '><') },
  'no version attribute': { make: (s) => s.xml.replace(/<packet[^>]*>/, '<packet>') },
  'line breaks around values': { make: (s) => s.xml.replace(/>([^<>\s][^<>]*)<\//g, '>\n   $1\n   </'), libxml2: 'mixed' },
  'empty filter': { make: (s) => (s.kind === 'request' ? s.xml.replace(/<filter>[\s\S]*?<\/filter>/g, '<filter/>') : null), libxml2: 'mixed' },
  'empty filter, open-close': { make: (s) => (s.kind === 'request' ? s.xml.replace(/<filter>[\s\S]*?<\/filter>/g, '<filter></filter>') : null), libxml2: 'mixed' },
  'empty dataset': { make: (s) => (s.kind === 'request' ? s.xml.replace(/<dataset>[\s\S]*?<\/dataset>/g, '<dataset/>') : null) },
  'no dataset': { make: (s) => (s.kind === 'request' ? s.xml.replace(/\s*<dataset>[\s\S]*?<\/dataset>/g, '') : null), libxml2: 'invalid' },
  'every result failed': { make: (s) => (s.kind === 'response' ? s.xml.replace(/<result>[\s\S]*?<\/result>/g, ERROR_RESULT) : null), libxml2: 'mixed' },
  'first result failed': { make: (s) => (s.kind === 'response' ? s.xml.replace(/<result>[\s\S]*?<\/result>/, ERROR_RESULT) : null), libxml2: 'mixed' },
  'failed status before the rest': {
    make: (s) => (s.kind === 'response' ? s.xml.replace(/<result>\s*<status>ok<\/status>/g, '<result><status>error</status><errcode>1013</errcode><errtext>Object not found.</errtext>') : null),
  },
  'results removed': { make: (s) => (s.kind === 'response' ? s.xml.replace(/\s*<result>[\s\S]*?<\/result>/g, '') : null), libxml2: 'mixed' },
  'filter-id added': { make: (s) => (s.kind === 'response' ? s.xml.replace(/<result>\s*<status>(ok|error)<\/status>/g, '<result><status>$1</status><filter-id>1</filter-id>') : null), libxml2: 'invalid' },
  'data removed': { make: (s) => (s.kind === 'response' ? s.xml.replace(/\s*<data>[\s\S]*?<\/data>/g, '') : null) },
  'a result repeated': { make: (s) => (s.kind === 'response' ? s.xml.replace(/(<result>[\s\S]*?<\/result>)/, '$1$1') : null), libxml2: 'mixed' },
  'the operation repeated': {
    make: (s) => {
      const m = /<packet[^>]*>\s*<([\w-]+)>([\s\S]*)<\/\1>\s*<\/packet>/.exec(s.xml);
      return m ? `<packet version="1.6.3.0"><${m[1]}>${m[2]}${m[2]}</${m[1]}></packet>` : null;
    },
    libxml2: 'mixed',
  },
  'operators of other samples in one packet': {
    make: (s, i) => {
      const same = valid.filter((o) => o.kind === s.kind);
      const other = same[(i * 7 + 3) % same.length]!;
      const a = inner(s.xml);
      const b = inner(other.xml);
      return a === null || b === null || /<system>/.test(a + b) ? null : `<packet version="1.6.3.0">${a}${b}${a}</packet>`;
    },
  },
};

describe('documented samples varied as documentation varies them', () => {
  const validators = validatorsFor(REAL_SCHEMAS_DIR);

  it.each(Object.keys(KINDS))('%s: the bindings agree with libxml2', async (kind) => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    const { make, libxml2 } = KINDS[kind]!;
    const problems: string[] = [];
    let made = 0;
    let accepted = 0;
    valid.forEach((s, i) => {
      const xml = make(s, i);
      if (xml === null || xml === s.xml) return;
      made++;
      const parse = s.kind === 'request' ? codecs.parseRequest : codecs.parseResponse;
      const serialize = s.kind === 'request' ? codecs.serializeRequest : codecs.serializeResponse;
      const lib = validators.forKind(s.kind).validate(xml);
      let value: unknown;
      let error: { name: string; message: string; violations?: { path: string; message: string }[] } | undefined;
      try {
        value = parse(xml);
      } catch (e) {
        error = e as typeof error;
      }
      const where = `${s.file}: libxml2 ${lib.valid ? 'valid' : `invalid (${lib.errors[0]})`}`;
      if (lib.valid) {
        accepted++;
        if (error !== undefined) return void problems.push(`${where}; refused: ${error.violations?.map((v) => `${v.path}: ${v.message}`).join('; ') ?? error.message}`);
        const out = serialize(value);
        const back = validators.forKind(s.kind).validate(out);
        if (!back.valid) return void problems.push(`${where}; written back invalid: ${back.errors[0]}`);
        if (!isDeepStrictEqual(parse(out), value)) problems.push(`${where}; written back, parses to another value`);
        return;
      }
      if (error === undefined) return void problems.push(`${where}; accepted`);
      if (lib.errors[0]!.startsWith('not well-formed')) {
        if (error.name !== 'XmlSyntaxError') problems.push(`${where}; ${error.name} instead of XmlSyntaxError`);
        return;
      }
      if (error.name !== 'SchemaViolationError') return void problems.push(`${where}; ${error.name}: ${error.message}`);
      const named = /Element '(?:\{[^}]*\})?([^']+)'/.exec(lib.errors[0]!)?.[1];
      const vs = error.violations ?? [];
      if (vs.length === 0 || vs.some((v) => !v.path.startsWith('packet'))) problems.push(`${where}; violations without a packet path`);
      else if (named !== undefined && !vs.some((v) => v.path.split(/[.[\]]/).some((seg) => seg === named || seg.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) === named.replace(/-/g, '_')) || v.message.includes(`<${named}>`))) {
        problems.push(`${where}; no violation names <${named}>: ${vs.map((v) => `${v.path}: ${v.message}`).join('; ')}`);
      }
    });
    console.log(`${kind}: ${made} variants, ${accepted} valid by libxml2`);
    expect(made).toBeGreaterThan(0);
    if (libxml2 === 'mixed') {
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThan(made);
    } else expect(accepted).toBe(libxml2 === 'invalid' ? 0 : made);
    expect(problems).toEqual([]);
  });
});
