/**
 * XmlFragments keep their namespace context (`packages/runtime/src/nsfrag.ts`): on capture each
 * outermost element receives the ancestors' declarations it uses; on writing, declarations
 * already in scope are left out and `xmlns=""` is added where the surrounding output has a
 * default namespace. libxml2 judges the documents written (namespace well-formedness, and
 * canonical equality with the input for round trips).
 */
import { describe, expect, it } from 'vitest';
import { XmlDocument, XmlC14NMode } from 'libxml2-wasm';
import { parse, parseWithWarnings, serialize, type XmlFragment } from 'plesk-api-codegen-runtime';
import type { ComplexDesc, RootDesc } from '../../packages/runtime/src/descriptors.js';
import { placeFragment, withNsContext } from '../../packages/runtime/src/nsfrag.js';
import { anyType, extType, requestRoot, xsString } from './fixtures.js';

/** libxml2's verdict on a document: null when it is namespace-well-formed, else its error. */
function libxmlError(xml: string): string | null {
  try {
    XmlDocument.fromString(xml).dispose();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Exclusive canonical XML of a document, by libxml2: each declaration where it is first visibly
 * used. (Inclusive C14N would also compare declarations a typed element carries without using
 * them, which the serializer, writing from values, never kept.)
 */
function c14n(xml: string): string {
  const doc = XmlDocument.fromString(xml);
  try {
    return doc.canonicalizeToString({ mode: XmlC14NMode.XML_C14N_EXCLUSIVE_1_0 });
  } finally {
    doc.dispose();
  }
}

/** A namespaced document: <d:doc> with a wildcard <d:ext> and an untyped <d:raw>, elements qualified. */
const DOC = 'urn:doc';
const docType: ComplexDesc = {
  name: 'DocType',
  shape: 'object',
  content: {
    particle: 'sequence',
    minOccurs: 1,
    maxOccurs: 1,
    particles: [
      { particle: 'element', xmlName: 'ext', namespace: DOC, property: 'ext', type: extType, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'raw', namespace: DOC, property: 'raw', type: anyType, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'note', namespace: DOC, property: 'note', type: xsString, minOccurs: 0, maxOccurs: 1 },
    ],
  },
};
const docRoot: RootDesc = { xmlName: 'doc', namespace: DOC, type: docType };

type Doc = { ext?: { items?: XmlFragment[] }; raw?: unknown; note?: string };
const items = (xml: string): string[] => ((parse(docRoot, xml) as Doc).ext?.items ?? []).map((f) => f.xml);

describe('capturing: a fragment carries the declarations of its ancestors that it uses', () => {
  it.each([
    ['a prefix declared on the root', '<doc xmlns="urn:doc" xmlns:sig="urn:sig"><ext><sig:s a="1"/></ext></doc>', ['<sig:s xmlns:sig="urn:sig" a="1"/>']],
    ['a prefix declared on an intermediate ancestor', '<doc xmlns="urn:doc"><ext xmlns:s="urn:s"><s:a><s:b/></s:a></ext></doc>', ['<s:a xmlns:s="urn:s"><s:b/></s:a>']],
    ['the default namespace', '<doc xmlns="urn:doc"><ext><other><x/></other></ext></doc>', ['<other xmlns="urn:doc"><x/></other>']],
    ['an undeclared default namespace (no namespace): nothing added', '<d:doc xmlns:d="urn:doc"><d:ext><x/></d:ext></d:doc>', ['<x/>']],
    ['a prefix re-bound inside the fragment: its own binding wins', '<doc xmlns="urn:doc" xmlns:p="urn:outer"><ext><p:a xmlns:p="urn:inner"><p:b/></p:a></ext></doc>', ['<p:a xmlns:p="urn:inner"><p:b/></p:a>']],
    ['a prefix used below a re-binding only from the inside', '<doc xmlns="urn:doc" xmlns:p="urn:outer"><ext><q:a xmlns:q="urn:q"><p:b xmlns:p="urn:inner"/></q:a></ext></doc>', ['<q:a xmlns:q="urn:q"><p:b xmlns:p="urn:inner"/></q:a>']],
    ['attribute prefixes and xsi:type values', '<doc xmlns="urn:doc" xmlns:a="urn:a" xmlns:t="urn:t" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:unused="urn:u"><ext><e:e xmlns:e="urn:e" a:x="1" i:type="t:T"/></ext></doc>', ['<e:e xmlns:a="urn:a" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="urn:t" xmlns:e="urn:e" a:x="1" i:type="t:T"/>']],
    ['each of several wildcard matches', '<doc xmlns="urn:doc" xmlns:s="urn:s"><ext><s:a/><s:b/></ext></doc>', ['<s:a xmlns:s="urn:s"/>', '<s:b xmlns:s="urn:s"/>']],
  ])('%s', (_what, xml, want) => {
    expect(items(xml)).toEqual(want);
    // Each fragment stands alone: libxml2 reads it as namespace-well-formed.
    for (const f of want) expect(libxmlError(f)).toBeNull();
  });

  it('untyped content: each top-level child element, text left as is', () => {
    const v = parse(docRoot, '<doc xmlns="urn:doc" xmlns:s="urn:s"><raw>t <s:a/> <b s:x="1"/></raw></doc>') as Doc;
    expect(v.raw).toEqual({ xml: 't <s:a xmlns:s="urn:s"/> <b xmlns="urn:doc" xmlns:s="urn:s" s:x="1"/>' });
    // Declarations on the untyped element itself are kept as its attributes and used by the content.
    const w = parse(docRoot, '<doc xmlns="urn:doc"><raw xmlns:s="urn:s"><s:a/></raw></doc>') as Doc;
    expect(w.raw).toEqual({ attributes: { 'xmlns:s': 'urn:s' }, content: { xml: '<s:a xmlns:s="urn:s"/>' } });
  });

  it("lenient mode's $unknown", () => {
    const { value } = parseWithWarnings(requestRoot, '<packet xmlns:n="urn:new"><n:newop x="1"><n:y/></n:newop></packet>', { mode: 'lenient' });
    expect((value as { $unknown?: XmlFragment[] }).$unknown).toEqual([{ xml: '<n:newop xmlns:n="urn:new" x="1"><n:y/></n:newop>' }]);
  });

  it('strict reading: a declaration on the root reaches a fragment deep inside', () => {
    const v = parse(requestRoot, '<packet xmlns:s="urn:s"><misc priority="1"><raw><s:a/></raw></misc></packet>') as { operators: { misc: { raw: XmlFragment } }[] };
    expect(v.operators[0].misc.raw).toEqual({ xml: '<s:a xmlns:s="urn:s"/>' });
  });

  it('documents without namespace declarations keep fragments exactly as written', () => {
    const xml = '<packet><misc priority="1"><raw><p>a:b <q x="1"/></p></raw><ext><z:a xmlns:z="urn:z"><b/></z:a></ext></misc></packet>';
    const v = parse(requestRoot, xml) as { operators: { misc: { raw: XmlFragment; ext: { items: XmlFragment[] } } }[] };
    expect(v.operators[0].misc.raw).toEqual({ xml: '<p>a:b <q x="1"/></p>' });
    expect(v.operators[0].misc.ext.items).toEqual([{ xml: '<z:a xmlns:z="urn:z"><b/></z:a>' }]);
  });
});

describe('writing: declarations already in scope are left out, missing ones added', () => {
  it.each([
    ['a round trip with the prefix on the root', '<doc xmlns="urn:doc" xmlns:sig="urn:sig"><ext><sig:s a="1"><sig:t/></sig:s></ext></doc>'],
    ['a round trip with the default namespace', '<doc xmlns="urn:doc"><ext><other><x/></other></ext><raw>t <y/></raw></doc>'],
    ['a round trip with a re-bound prefix', '<doc xmlns="urn:doc" xmlns:p="urn:outer"><ext><p:a xmlns:p="urn:inner"><p:b/></p:a></ext><note>n</note></doc>'],
    ['a round trip with no-namespace content under a default namespace', '<doc xmlns="urn:doc"><ext><x xmlns=""><y/></x></ext><raw><z xmlns=""/></raw></doc>'],
    ['a round trip with declarations on the untyped element', '<doc xmlns="urn:doc"><raw xmlns:s="urn:s" k="v"><s:a/><s:b/></raw></doc>'],
  ])('%s: libxml2-valid and canonically equal', (_what, xml) => {
    const out = serialize(docRoot, parse(docRoot, xml), { declaration: false });
    expect(libxmlError(out)).toBeNull();
    expect(c14n(out)).toBe(c14n(xml));
    // Parsing what was written captures the same fragments (the representation is stable).
    expect(parse(docRoot, out)).toEqual(parse(docRoot, xml));
  });

  it('writes no declaration twice', () => {
    const out = serialize(docRoot, parse(docRoot, '<doc xmlns="urn:doc"><ext><other/></ext></doc>'), { declaration: false });
    expect(out).toBe('<doc xmlns="urn:doc"><ext><other/></ext></doc>');
  });

  it('a fragment moved into another document keeps its meaning', () => {
    const captured = items('<doc xmlns="urn:doc" xmlns:sig="urn:sig"><ext><sig:s/><free/></ext></doc>');
    expect(captured).toEqual(['<sig:s xmlns:sig="urn:sig"/>', '<free xmlns="urn:doc"/>']);
    // Into the Plesk-like request (no namespaces): declarations are written, meaning unchanged.
    const out = serialize(requestRoot, { operators: [{ misc: { priority: 1, ext: { items: captured.map((xml) => ({ xml })) } } }] }, { declaration: false });
    expect(out).toBe('<packet><misc priority="1"><ext><sig:s xmlns:sig="urn:sig"/><free xmlns="urn:doc"/></ext></misc></packet>');
    expect(libxmlError(out)).toBeNull();
    // A no-namespace fragment written under a default namespace gets xmlns="".
    const moved = serialize(docRoot, { ext: { items: [{ xml: '<plain><in/></plain>' }] }, raw: { xml: 'x<plain/>' } }, { declaration: false });
    expect(moved).toBe('<doc xmlns="urn:doc"><ext><plain xmlns=""><in/></plain></ext><raw>x<plain xmlns=""/></raw></doc>');
    expect(libxmlError(moved)).toBeNull();
  });

  it('a prefix bound nowhere is a violation, not output libxml2 refuses', () => {
    expect(() => serialize(docRoot, { ext: { items: [{ xml: '<sig:s/>' }] } })).toThrow(/namespace prefix sig, which is declared neither in it nor around it/);
    expect(libxmlError('<d><sig:s/></d>')).not.toBeNull();
  });
});

describe('the two functions, given/want', () => {
  it.each([
    ['<a/>', null, '<a/>'],
    ['<p:a/>', { p: 'urn:p' }, '<p:a xmlns:p="urn:p"/>'],
    ['<a/>', { '': 'urn:d' }, '<a xmlns="urn:d"/>'],
    ['<a/>', { '': '' }, '<a/>'],
    ['<a xmlns="urn:x"/>', { '': 'urn:d' }, '<a xmlns="urn:x"/>'],
    ['<p:a b="1"/>text<q:c/>', { p: 'urn:p', q: 'urn:"q"' }, '<p:a xmlns:p="urn:p" b="1"/>text<q:c xmlns:q="urn:&quot;q&quot;"/>'],
    ['<a xml:lang="en"/>', { '': '' }, '<a xml:lang="en"/>'],
  ] as const)('withNsContext(%j, %j) = %j', (xml, ctx, want) => {
    expect(withNsContext(xml, ctx)).toBe(want);
  });

  it.each([
    ['<a/>', {}, '<a/>', []],
    ['<a/>', { '': 'urn:d' }, '<a xmlns=""/>', []],
    ['<a xmlns="urn:d"/>', { '': 'urn:d' }, '<a/>', []],
    ['<p:a xmlns:p="urn:p"  x="1"/>', { p: 'urn:p' }, '<p:a  x="1"/>', []],
    ['<p:a xmlns:p="urn:other"/>', { p: 'urn:p' }, '<p:a xmlns:p="urn:other"/>', []],
    ["<p:a xmlns:p='urn:p'><p:b xmlns:p='urn:p'/></p:a>", { p: 'urn:p' }, "<p:a><p:b xmlns:p='urn:p'/></p:a>", []],
    ['<p:a/>', {}, '<p:a/>', ['p']],
    ['<a t=" xmlns=\'urn:d\'" xmlns="urn:d"/>', { '': 'urn:d' }, '<a t=" xmlns=\'urn:d\'"/>', []],
    ['<p.x-y:a xmlns:pax-y="urn:p" xmlns:p.x-y="urn:p"/>', { 'p.x-y': 'urn:p' }, '<p.x-y:a xmlns:pax-y="urn:p"/>', []],
  ] as const)('placeFragment(%j, %j) = %j', (xml, scope, want, unbound) => {
    expect(placeFragment(xml, scope)).toEqual({ xml: want, unbound });
  });
});
