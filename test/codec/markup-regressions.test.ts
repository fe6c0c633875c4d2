// Disagreements with libxml2 that the broadened differential test found (issue 12: markup,
// namespace declarations, encodings, attributes of untyped elements, xsi:type), one given/want
// row each: the document (a string, or its UTF-8 bytes), libxml2's verdict on it, and the strict
// parser's — refused with the message given, or accepted and written back to a document libxml2
// accepts that reads back equal. A row whose libxml2 verdict changes fails, so no row stops
// testing anything. (Values of each simple type: lexical-values.test.ts.)
import { describe, expect, it } from 'vitest';
import { loadCodecs } from '../support/codec.js';
import { validatorsFor } from '../support/libxml.js';
import { REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { ACCEPTANCE_DECISIONS, DECISIONS, type Violation } from '../support/decisions.js';

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const protos = (inner = '<get_protos/>', attrs = ''): string => `<packet${attrs}><server>${inner}</server></packet>`;
const filterId = (id: string, attrs = ''): string => `<packet ${XSI}><webspace><get><filter><id${attrs}>${id}</id></filter><dataset><gen_info/></dataset></get></webspace></packet>`;

interface Row {
  name: string;
  xml: string;
  /** Give the parser the document's UTF-8 bytes instead of the string. */
  bytes?: boolean;
  /** The parser's refusal (libxml2 refuses too, unless `decision`); absent: both accept. */
  refused?: RegExp;
  /** libxml2 accepts what the parser refuses, as a documented decision (test/support/decisions.ts) says. */
  decision?: true;
  /** libxml2 refuses what the parser accepts, as a documented decision (`ACCEPTANCE_DECISIONS`) says. */
  acceptedByDecision?: true;
}

const ROWS: readonly Row[] = [
  // A CDATA section in element-only content is character content to libxml2, however empty.
  { name: 'an empty CDATA section between elements', xml: protos('<![CDATA[]]><get_protos/>'), refused: /CDATA "" is not allowed in element-only content \(<server>\)/ },
  { name: 'a whitespace CDATA section after the last element', xml: protos('<get_protos/><![CDATA[ ]]>'), refused: /CDATA "" is not allowed in element-only content \(<server>\)/ },
  { name: 'a CDATA section in the root', xml: '<packet><![CDATA[\n]]><server><get_protos/></server></packet>', refused: /element-only content \(<packet>\)/ },
  { name: 'an empty CDATA section in empty content', xml: protos('<get_protos><![CDATA[]]></get_protos>'), refused: /<get_protos> must be empty/ },
  { name: 'a CDATA section inside a value', xml: filterId('1<![CDATA[2]]>') },
  { name: 'a comment inside a value', xml: filterId('1<!--x-->2') },
  { name: 'a CDATA section in untyped content', xml: '<packet><dns><get_acl><![CDATA[ ]]></get_acl></dns></packet>' },
  { name: 'a comment and a PI in empty content', xml: protos('<get_protos><!--x--><?pi?></get_protos>') },
  // Namespaces in XML 1.0: declarations libxml2 refuses as not well-formed.
  { name: 'a prefix declared empty', xml: protos(undefined, ' xmlns:foo=""'), refused: /namespace declaration xmlns:foo="" not allowed/ },
  { name: 'a prefix declared empty inside untyped content', xml: '<packet><dns><get_acl><a xmlns:foo=""/></get_acl></dns></packet>', refused: /namespace declaration xmlns:foo="" not allowed/ },
  { name: 'the prefix xmlns declared', xml: protos(undefined, ' xmlns:xmlns="urn:x"'), refused: /namespace declaration xmlns:xmlns="urn:x" not allowed/ },
  { name: 'the prefix xml bound elsewhere', xml: protos(undefined, ' xmlns:xml="urn:x"'), refused: /namespace declaration xmlns:xml="urn:x" not allowed/ },
  { name: 'the XML namespace under another prefix', xml: protos(undefined, ' xmlns:x="http://www.w3.org/XML/1998/namespace"'), refused: /namespace declaration xmlns:x="http:\/\/www.w3.org\/XML\/1998\/namespace" not allowed/ },
  { name: 'the xmlns namespace declared as the default one', xml: protos(undefined, ' xmlns="http://www.w3.org/2000/xmlns/"'), refused: /the root element must be <packet>/ },
  { name: 'the prefix xml bound to its own namespace (fine)', xml: protos(undefined, ' xmlns:xml="http://www.w3.org/XML/1998/namespace"') },
  { name: 'the default namespace undeclared (fine)', xml: protos(undefined, ' xmlns=""') },
  // Encoding declarations: a string is read as the UTF-8 it is sent as.
  { name: 'encoding="UTF-16" on a string', xml: `<?xml version="1.0" encoding="UTF-16"?>${protos()}`, refused: /encoding UTF-16 is not supported/ },
  { name: 'an unknown encoding', xml: `<?xml version="1.0" encoding="bogus"?>${protos()}`, refused: /encoding bogus is not supported/ },
  { name: 'encoding="ISO-8859-1" on ASCII text', xml: `<?xml version="1.0" encoding="ISO-8859-1"?>${protos()}` },
  { name: 'encoding="windows-1252" on ASCII text', xml: `<?xml version="1.0" encoding="windows-1252"?>${protos()}` },
  { name: 'encoding="utf-8" in lower case, standalone="yes"', xml: `<?xml version="1.0" encoding="utf-8" standalone="yes"?>${protos()}` },
  { name: 'encoding="ISO-8859-1" on ASCII bytes', xml: `<?xml version="1.0" encoding="ISO-8859-1"?>${protos()}`, bytes: true },
  { name: 'encoding="US-ASCII" on bytes that are not ASCII', xml: `<?xml version="1.0" encoding="US-ASCII"?>${filterId('1').replace('<gen_info/>', '<gen_info/><!--\u00e9-->')}`, bytes: true, refused: /bytes not ASCII under encoding US-ASCII/ },
  { name: 'a byte order mark and an XML declaration', xml: `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n${protos()}`, bytes: true },
  // Nesting: libxml2 refuses more than 256 levels (without its XML_PARSE_HUGE); the parser reads them.
  { name: '256 levels in untyped content', xml: `<packet><dns><get_acl>${'<a>'.repeat(253)}${'</a>'.repeat(253)}</get_acl></dns></packet>` },
  { name: '257 levels in untyped content (read: a documented decision)', xml: `<packet><dns><get_acl>${'<a>'.repeat(254)}${'</a>'.repeat(254)}</get_acl></dns></packet>`, acceptedByDecision: true },
  // A version="1.1" document is read as XML 1.0, as libxml2 reads it.
  { name: 'version="1.1" and a NEL after a value', xml: `<?xml version="1.1"?>${filterId('1\u0085')}`, refused: /"1\u0085" is not a valid integer/ },
  { name: 'version="1.1" and an LS after a value', xml: `<?xml version="1.1"?>${filterId('1\u2028')}`, refused: /is not a valid integer/ },
  { name: 'version="1.1" and a reference to a control character', xml: `<?xml version="1.1"?>${filterId('1&#x1;')}`, refused: /./ },
  { name: 'version="1.1" otherwise', xml: `<?xml version="1.1"?>${filterId('1')}` },
  // Whitespace collapse takes XML whitespace only (found with two mutations per mutant).
  { name: 'a no-break space and a tab around an integer', xml: filterId('\u00a01\t'), refused: /is not a valid integer/ },
  { name: 'ideographic spaces and a newline around an integer', xml: filterId('\u30001\n\u3000'), refused: /is not a valid integer/ },
  { name: 'xmlns="" on an element of untyped content (reads back as written)', xml: '<packet><dns><get_acl><a xmlns=""/></get_acl></dns></packet>' },
  // Untyped elements (xs:anyType) take any attribute, xsi:* ones too.
  { name: 'xsi:foo on an untyped element', xml: `<packet ${XSI}><session><get xsi:foo="1"/></session></packet>` },
  { name: 'an attribute prefixed by a declaration on an ancestor, on an untyped element', xml: '<packet xmlns:foo="urn:foo"><session><get foo:bar="1"/></session></packet>' },
  { name: 'xsi:foo on a typed element', xml: `<packet ${XSI}>${protos().slice(8, -9)}</packet>`.replace('<server>', '<server xsi:foo="1">'), refused: /unknown attribute xsi:foo/ },
  // xsi:type is not supported in a Plesk tree (a documented decision), even naming the element's own type.
  { name: 'xsi:type naming a complex element\'s own type', xml: `<packet ${XSI}><server xsi:type="ServerOperatorType"><get_protos/></server></packet>`, refused: /xsi:type "ServerOperatorType" is supported only/, decision: true },
  { name: 'xsi:type naming a simple element\'s own type', xml: filterId('1', ' xsi:type="id_type"'), refused: /xsi:type "id_type" is supported only/, decision: true },
  { name: 'xsi:type with whitespace around the type\'s name', xml: filterId('1', ' xsi:type=" id_type "'), refused: /xsi:type " id_type " is supported only/ },
  { name: 'xsi:type naming another type', xml: filterId('1', ' xsi:type="int"'), refused: /xsi:type "int" is supported only/ },
];

describe('markup, namespace, encoding and attribute disagreements with libxml2 (regressions)', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    const validators = validatorsFor(REAL_SCHEMAS_DIR);
    const verdict = validators.input.validate(r.xml);
    expect(verdict.valid, `libxml2: ${verdict.errors.join(' | ')}`).toBe((r.refused === undefined && r.acceptedByDecision === undefined) || r.decision === true);
    if (r.acceptedByDecision === true) expect(ACCEPTANCE_DECISIONS.some((d) => d.explains(verdict.errors))).toBe(true);
    const input = r.bytes === true ? new TextEncoder().encode(r.xml) : r.xml;
    if (r.refused !== undefined) {
      expect(() => codecs.parseRequest(input)).toThrow(r.refused);
      if (r.decision === true) {
        const e = (() => { try { codecs.parseRequest(input); } catch (x) { return x as Error & { violations?: Violation[] }; } })()!;
        expect((e.violations ?? []).every((v) => DECISIONS.some((d) => d.explains(v)))).toBe(true);
      }
      return;
    }
    const value = codecs.parseRequest(input);
    const out = codecs.serializeRequest(value);
    if (r.acceptedByDecision === true) {
      expect(codecs.parseRequest(out)).toEqual(value);
      return;
    }
    expect(validators.input.validate(out).errors).toEqual([]);
    expect(codecs.parseRequest(out)).toEqual(value);
  });
});

describe('DOCTYPE (a documented decision: refused, whatever it declares)', () => {
  // A billion laughs: ten entities, each ten of the one before (10^9 "lol"s expanded).
  const lol = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
  it.each([
    ['a billion laughs', `<!DOCTYPE packet [${lol}]><packet><server><get_protos>&lol9;</get_protos></server></packet>`],
    ['an external entity', '<!DOCTYPE packet [<!ENTITY x SYSTEM "file:///etc/passwd">]><packet><server><get_protos>&x;</get_protos></server></packet>'],
    ['a DOCTYPE declaring nothing', '<!DOCTYPE packet><packet><server><get_protos/></server></packet>'],
  ])('%s is a typed error (XmlSyntaxError), whichever input', async (_name, xml) => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    for (const input of [xml, new TextEncoder().encode(xml)]) {
      let error: unknown;
      try {
        codecs.parseRequest(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(codecs.runtime.XmlSyntaxError as new () => Error);
      expect((error as Error).message).toMatch(/DOCTYPE declarations are not allowed/);
    }
  });
});

describe('the attributes of an untyped element typed by users: written only as libxml2 accepts them (regressions)', () => {
  const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
  const doc = (attrs: string): string => `<packet><dns><get_acl${attrs}/></dns></packet>`;
  it.each([
    ['a prefixed attribute without its declaration', { 'foo:bar': '1' }, doc(' foo:bar="1"'), /attribute foo:bar: its prefix foo is not declared/],
    ['an xsi attribute without its declaration', { 'xsi:foo': '1' }, doc(' xsi:foo="1"'), /its prefix xsi is not declared/],
    ['a prefix declared empty', { 'xmlns:foo': '' }, doc(' xmlns:foo=""'), /xmlns:foo="" is not allowed/],
    ['a default namespace', { xmlns: 'urn:x' }, doc(' xmlns="urn:x"'), /xmlns="urn:x" would move the element out of its namespace/],
  ])('refuses %s', async (_name, attributes, xml, message) => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    const validators = validatorsFor(REAL_SCHEMAS_DIR);
    expect(validators.input.validate(xml).valid).toBe(false);
    expect(() => codecs.serializeRequest({ operators: [{ dns: [{ getAcl: { attributes } }] }] })).toThrow(message);
  });

  it.each([
    ['a prefixed attribute with its declaration', { 'foo:bar': '1', 'xmlns:foo': 'urn:foo' }],
    ['an xsi attribute with its declaration', { 'xsi:foo': '1', 'xmlns:xsi': XSI_NS }],
    ['xml:lang', { 'xml:lang': 'en' }],
    ['the default namespace undeclared', { xmlns: '' }],
  ])('writes %s, and libxml2 accepts it', async (_name, attributes) => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    const validators = validatorsFor(REAL_SCHEMAS_DIR);
    const packet = { operators: [{ dns: [{ getAcl: { attributes } }] }] };
    const xml = codecs.serializeRequest(packet);
    expect(validators.input.validate(xml).errors).toEqual([]);
    expect(codecs.parseRequest(xml)).toEqual(packet);
  });
});

