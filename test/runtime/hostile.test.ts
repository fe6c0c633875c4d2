import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, parse, PleskXmlError, SchemaViolationError, XmlSyntaxError } from 'plesk-api-codegen-runtime';
import { requestRoot, responseRoot } from './fixtures.js';
import { XmlDocument } from 'libxml2-wasm';

function syntaxError(f: () => unknown): XmlSyntaxError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(XmlSyntaxError);
    expect(e).toBeInstanceOf(PleskXmlError);
    expect(e).not.toHaveProperty('value');
    return e as XmlSyntaxError;
  }
  throw new Error('expected an XmlSyntaxError');
}

describe('hostile input', () => {
  it('refuses a billion-laughs DOCTYPE before any expansion', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE packet [',
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<packet version="&lol9;"/>',
    ].join('\n');
    const e = syntaxError(() => parse(requestRoot, lol));
    expect(e.message).toMatch(/DOCTYPE/);
    expect(e.line).toBeGreaterThan(1);
  });

  it('refuses an external entity DOCTYPE', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE packet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<packet version="&xxe;"/>';
    expect(syntaxError(() => parse(requestRoot, xxe)).message).toMatch(/DOCTYPE/);
    expect(syntaxError(() => parse(requestRoot, '<!DOCTYPE packet SYSTEM "http://example.com/p.dtd"><packet/>')).message).toMatch(/DOCTYPE/);
  });

  it('refuses undefined entities with line and column', () => {
    const e = syntaxError(() => parse(requestRoot, '<packet>\n  <misc priority="&nope;"/></packet>'));
    expect(e.reason).toMatch(/undefined entity/);
    expect(e.line).toBe(2);
    expect(e.column).toBeGreaterThan(0);
  });

  it('refuses truncated XML', () => {
    const e = syntaxError(() => parse(requestRoot, '<packet><server><srv_man><id>a</id>'));
    expect(e.reason).toMatch(/unclosed/);
    expect(syntaxError(() => parse(requestRoot, '<packet><server><srv_m')).line).toBe(1);
    expect(syntaxError(() => parse(requestRoot, '')).reason).toMatch(/root/);
  });

  it('refuses mismatched tags and two roots', () => {
    const e = syntaxError(() => parse(requestRoot, '<packet>\n<server>\n</packet>'));
    expect(e.line).toBe(3);
    expect(syntaxError(() => parse(requestRoot, '<packet/><packet/>')).reason).toMatch(/one root/);
  });

  it('refuses control characters, as character references or raw', () => {
    expect(syntaxError(() => parse(requestRoot, '<packet version="&#1;"/>')).reason).toMatch(/character/);
    expect(syntaxError(() => parse(requestRoot, '<packet><misc priority="1"><tag>&#x0;</tag></misc></packet>')).reason).toMatch(/character/);
    expect(syntaxError(() => parse(requestRoot, '<packet version="a\u0001b"/>')).reason).toMatch(/disallowed character/);
    expect(syntaxError(() => parse(requestRoot, '<packet version="\uFFFF"/>')).reason).toMatch(/disallowed character/);
  });

  // Bytes are decoded as UTF-8 only: an 8-bit encoding that ASCII is part of is read for ASCII
  // bytes (the same text; libxml2 agrees), any other declared encoding is refused.
  it('refuses a declared encoding other than UTF-8 for byte input, but for ASCII bytes under an 8-bit one', () => {
    const bytes = (enc: string, text = ''): Uint8Array => new TextEncoder().encode(`<?xml version="1.0" encoding="${enc}"?><packet><!--${text}--></packet>`);
    expect(syntaxError(() => parse(requestRoot, bytes('UTF-16'))).reason).toMatch(/encoding UTF-16 is not supported \(UTF-8\)/);
    expect(syntaxError(() => parse(requestRoot, bytes('ISO-8859-1', '\u00e9'))).reason).toMatch(/bytes not ASCII under encoding ISO-8859-1/);
    expect(() => parse(requestRoot, bytes('ISO-8859-1'))).not.toThrow(/encoding/);
  });

  // US-ASCII bytes are UTF-8 bytes: a document declared ASCII with bytes below 0x80 only is read;
  // one byte of 0x80 or more under that declaration is an encoding error (libxml2 agrees).
  it.each([
    ['ASCII', 'abc', null],
    ['US-ASCII', 'abc', null],
    ['us-ascii', 'a&#xE9;c', null],
    ['ASCII', 'a\u00e9c', /bytes not ASCII under encoding ASCII/],
    ['US-ASCII', '\u4e2d', /not ASCII/],
  ])('encoding="%s" with %j', (enc, tag, want) => {
    const xml = `<?xml version="1.0" encoding="${enc}"?><packet><misc priority="1"><tag>${tag}</tag></misc></packet>`;
    const bytes = new TextEncoder().encode(xml);
    let judged = '';
    try {
      XmlDocument.fromBuffer(bytes).dispose();
    } catch (e) {
      judged = (e as Error).message;
    }
    if (want === null) {
      expect(judged).toBe('');
      expect(parse(requestRoot, bytes)).toEqual(parse(requestRoot, xml.replace(/encoding="[^"]*"/, 'encoding="UTF-8"')));
    } else {
      expect(judged).not.toBe('');
      expect(syntaxError(() => parse(requestRoot, bytes)).reason).toMatch(want);
    }
  });

  it('refuses undeclared namespace prefixes and xsi:type', () => {
    expect(syntaxError(() => parse(requestRoot, '<packet><x:server/></packet>')).reason).toMatch(/prefix x is not declared/);
    expect(() => parse(requestRoot, '<packet xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Foo"/>')).toThrow(SchemaViolationError);
  });

  it(`refuses input over the size limit (default ${DEFAULT_MAX_BYTES} bytes) before parsing`, () => {
    const big = `<packet>${' '.repeat(DEFAULT_MAX_BYTES)}</packet>`;
    expect(syntaxError(() => parse(requestRoot, big)).reason).toMatch(/larger than the limit/);
    expect(syntaxError(() => parse(requestRoot, new Uint8Array(2048), { maxBytes: 1024 })).reason).toMatch(/larger than the limit of 1024/);
    // Multi-byte characters count as their UTF-8 length.
    expect(syntaxError(() => parse(requestRoot, `<packet version="${'é'.repeat(600)}"/>`, { maxBytes: 1024 })).reason).toMatch(/larger than the limit/);
  });

  it('parses a 50 MB response (below the default limit) in memory bounded by a small multiple of its size', () => {
    const one = '<srv_man><result><status>ok</status><errcode>0</errcode><errtext>all good here</errtext><id>service-name</id></result></srv_man>';
    const count = Math.ceil((50 * 1024 * 1024) / one.length);
    const xml = `<packet><server>${one.repeat(count)}</server></packet>`;
    expect(xml.length).toBeGreaterThan(50 * 1024 * 1024);
    expect(xml.length).toBeLessThan(DEFAULT_MAX_BYTES);
    const before = process.memoryUsage().heapUsed;
    const v = parse(responseRoot, xml) as { operators: { server: unknown[] }[] };
    const grown = process.memoryUsage().heapUsed - before;
    expect(v.operators[0].server.length).toBe(count);
    // The document itself is ~50 MB; the whole result tree stays within a few times that.
    expect(grown).toBeLessThan(8 * xml.length);
    // The same document is refused up front with a smaller limit.
    expect(syntaxError(() => parse(responseRoot, xml, { maxBytes: 16 * 1024 * 1024 })).reason).toMatch(/larger than the limit/);
  });
});
