/**
 * The reader's start-tag state (`starttags.ts`): a saxes parser with it must see every document
 * exactly as a stock saxes parser does (the same events, attributes, errors and positions), and
 * the reader must accept what libxml2 finds well-formed among them and refuse the rest.
 */
import { describe, expect, it } from 'vitest';
import { SaxesParser } from 'saxes';
import { XmlDocument } from 'libxml2-wasm';
import { parse, XmlSyntaxError } from 'plesk-api-codegen-runtime';
import { leanParser } from '../../packages/runtime/src/starttags.js';
import { requestRoot } from './fixtures.js';

/** Start tags in every form saxes has a branch for, well-formed or not. */
const DOCS = [
  '<packet/>',
  '<packet />',
  '<packet></packet>',
  '<packet ></packet>',
  '<packet version="1.6"/>',
  '<packet\tversion="1.6"></packet>',
  '<packet\nversion="1.6"\n></packet>',
  '<packet\r\nversion="1.6"/>',
  "<packet version='1.6' ><server><srv_man><id>a</id><operation>start</operation></srv_man></server></packet>",
  '<packet><server/><misc/></packet>',
  '<?xml version="1.0"?>\n<packet>\n  <server>\n    <srv_man><id>a</id><operation>stop</operation></srv_man>\n  </server>\n</packet>\n',
  '<packet/ >',
  '<packet/x>',
  '<packet!/>',
  '<packet version="1"version="2"/>',
  '<packet version="1" version="2"/>',
  '<packet/><packet/>',
  '<packet></packet><server/>',
  '<packet><server/ ></packet>',
  '<packet><ser ver/></packet>',
  '<packet><server\n/></packet>',
  '<packet version/>',
  // Tag objects are reused per depth: siblings, nesting, self-closing tags between them, and closes that do not match.
  '<packet><server><a x="1"><b/><c></c></a><a><b></b></a></server><server/></packet>',
  '<packet><server><a></server></a></packet>',
  '<packet><server></packet>',
  // End tags: compared in place with the open element's name, else read by saxes.
  '<packet><server></server ></packet\n>',
  '<packet><server></serve></packet>',
  '<packet><server></serverx></packet>',
  '<packet><server></server',
  '<packet><server></></server></packet>',
  '<packet><server></server>&bad;</packet>',
  '<packet>\n  <server>\n  </server>\n  <x></x><y></x></packet>',
  '<packet><a\u{10000}></a\u{10000}><a\u{10000}></a\u{10000}x></packet>',
  '<packet><\u{e000}></\u{e000}></packet><b/>',
];

/** Whitespace between tags in every form saxes reads, beside text, entities, comments, CDATA and errors. */
const LAYOUT = [
  '<packet>\n  <server>\n    <a/>\n  </server>\n</packet>\n',
  '<packet>\t<server> \t \n\n\t</server>\n  x\n</packet>',
  '<packet>\r\n  <server>\r  <a/>\n\r\n</server></packet>',
  '<packet>\n  <!-- c -->\n  <![CDATA[ ]]>\n  <?pi x?>\n  &amp;\n  <a>  &#32;  </a>\n</packet>',
  '<packet>\n   \n  <a>\n</a>\n  <b>\n</c>\n</packet>',
  '<packet>\n  <a>\n  </a>\n  ]]>\n  <b>\n    x ]]> y\n  </b>\n</packet>',
  '<packet>\n  <a></a>\n  <a\n',
  '<packet>\n  \u0085 <a/>\u2028</packet>',
  '<?xml version="1.1"?>\n<packet>\n  \u0085 <a/>\u2028\n  <a>\n</packet>',
  '<packet>  \n  ',
  '\n  <packet>\n</packet>\n  \n',
];

interface Seen {
  events: string[];
  error: string | null;
}

/** Stock saxes, or with the reader's states (whitespace as layout or not). */
function events(xml: string, lean: boolean, whitespaceIsLayout = false): Seen {
  const p = lean ? leanParser({ whitespaceIsLayout }) : new SaxesParser({ position: false, xmlns: false, forceXMLVersion: true, defaultXMLVersion: '1.0' });
  const events: string[] = [];
  let error: string | null = null;
  p.on('error', (e) => {
    error ??= `${e.message} @${p.line}:${p.column} (index in line ${p.columnIndex})`;
  });
  p.on('opentag', (t) => events.push(`<${t.name} ${JSON.stringify(t.attributes)} ${String(t.isSelfClosing)}`));
  p.on('closetag', (t) => events.push(`</${t.name}`));
  p.on('text', (t) => events.push(`text ${JSON.stringify(t)}`));
  p.write(xml).close();
  return { events, error };
}

/** The events less whitespace-only text inside the root element (text outside it is saxes' alone). */
function withoutLayout(seen: Seen): Seen {
  let depth = 0;
  const events = seen.events.filter((e) => {
    if (e.startsWith('</')) depth--;
    else if (e.startsWith('<')) depth++;
    else return depth === 0 || !/^text "(\\[nt]| )+"$/.test(e);
    return true;
  });
  return { ...seen, events };
}

function wellFormed(xml: string): boolean {
  try {
    XmlDocument.fromString(xml).dispose();
    return true;
  } catch {
    return false;
  }
}

describe('start tags without a fresh attribute object each', () => {
  it.each(DOCS)('saxes sees %j as stock saxes does', (xml) => {
    expect(events(xml, true)).toEqual(events(xml, false));
  });

  it.each([...DOCS, ...LAYOUT])('with whitespace as layout, saxes sees %j as stock saxes does, but for whitespace-only text in the root', (xml) => {
    const stock = events(xml, false);
    const layout = events(xml, true, true);
    expect(withoutLayout(layout)).toEqual(withoutLayout(stock));
    expect(events(xml, true)).toEqual(stock);
  });

  it('passes over whitespace between tags, line ends of every kind included', () => {
    for (const xml of [DOCS[10], ...LAYOUT.slice(0, 3)]) {
      const seen = events(xml, true, true);
      expect(withoutLayout(seen)).toEqual(seen);
      expect(withoutLayout(events(xml, false))).not.toEqual(events(xml, false));
    }
  });

  it.each(DOCS)('the reader and libxml2 agree on whether %j is well-formed', (xml) => {
    let refused = false;
    try {
      parse(requestRoot, xml);
    } catch (e) {
      // Schema violations are not the point here: only whether the XML itself is refused.
      refused = e instanceof XmlSyntaxError;
    }
    expect(refused).toBe(!wellFormed(xml));
  });

  it('keeps the shared empty attributes of bare tags empty', () => {
    const bare = '<packet></packet>';
    const withAttrs = '<packet version="1.6"/>';
    const first = parse(requestRoot, bare) as Record<string, unknown>;
    expect(first).not.toHaveProperty('version');
    expect(parse(requestRoot, withAttrs)).toEqual({ ...first, version: '1.6' });
    expect(parse(requestRoot, bare)).toEqual(first);
    const tags: Record<string, string>[] = [];
    const p = leanParser({ whitespaceIsLayout: false });
    p.on('opentag', (t) => tags.push(t.attributes));
    p.write('<a><b/><c x="1"/><d></d></a>').close();
    expect(tags.map((a) => ({ ...a }))).toEqual([{}, {}, { x: '1' }, {}]);
    expect(Object.isFrozen(tags[1])).toBe(true);
    expect(Object.isFrozen(tags[2])).toBe(false);
  });
});
