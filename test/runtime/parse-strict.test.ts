/**
 * `parseStrict` (what the clients read responses with, through the tree's `parseResponseStrict`)
 * reaches nothing of nsfrag.ts by itself: the namespace context of captured fragments comes with
 * `untypedContent`, which the descriptors of wildcards and untyped elements install, or with
 * `parse`/`parseWithWarnings` (lenient mode's `$unknown`). So a client's bundle leaves the
 * fragment scanner out (test/client/bundle.test.ts checks the bundles themselves).
 *
 * The cases run in order in this file's own module instances (vitest isolates test files): the
 * first before anything has installed the namespace context, the last after `parse` has.
 */
import { describe, expect, it } from 'vitest';
import { parse, parseStrict } from '../../packages/runtime/src/parse.js';
import { withSupport, type ComplexDesc, type RootDesc } from '../../packages/runtime/src/descriptors.js';
import { untypedContent } from '../../packages/runtime/src/untyped.js';

const DOC = 'urn:doc';
/** `<d:doc>` holding an untyped `<d:raw>` (its type given by `raw`). */
const docRoot = (raw: ComplexDesc): RootDesc => ({
  xmlName: 'doc',
  namespace: DOC,
  type: {
    name: 'DocType',
    shape: 'object',
    content: { particle: 'element', xmlName: 'raw', namespace: DOC, property: 'raw', type: raw, minOccurs: 1, maxOccurs: 1 },
  },
});
const XML = '<d:doc xmlns:d="urn:doc"><d:raw><d:x/></d:raw></d:doc>';
/** The captured child keeps the declaration of the prefix it uses. */
const VALUE = { raw: { xml: '<d:x xmlns:d="urn:doc"/>' } };

describe.sequential('parseStrict', () => {
  it('reads a document without fragments as parse does, with nothing installed', () => {
    const root: RootDesc = { xmlName: 'doc', namespace: DOC, type: { name: 'DocType', shape: 'object', content: { particle: 'element', xmlName: 'n', namespace: DOC, property: 'n', type: { name: 'xs:string', kind: 'string', whiteSpace: 'preserve' }, minOccurs: 1, maxOccurs: 1 } } };
    expect(parseStrict(root, '<d:doc xmlns:d="urn:doc"><d:n>1</d:n></d:doc>')).toEqual({ n: '1' });
  });

  it('refuses untyped content and wildcards of hand-built descriptors without their feature, naming it', () => {
    expect(() => parseStrict(docRoot({ name: 'xs:anyType', shape: 'any' }), XML)).toThrow('runtime: xs:anyType needs untypedContent (withSupport)');
    const wild: RootDesc = {
      xmlName: 'doc',
      namespace: DOC,
      type: { name: 'DocType', shape: 'object', content: { particle: 'any', property: 'any', minOccurs: 1, maxOccurs: 1, namespaces: '##any', processContents: 'lax' } },
    };
    expect(() => parseStrict(wild, '<d:doc xmlns:d="urn:doc"><d:x/></d:doc>')).toThrow('runtime: a captured fragment needs untypedContent (withSupport)');
  });

  it('keeps the namespace context of fragments once a descriptor installs untypedContent', () => {
    const raw = withSupport<ComplexDesc>({ name: 'xs:anyType', shape: 'any' }, untypedContent);
    expect(parseStrict(docRoot(raw), XML)).toEqual(VALUE);
  });

  it('agrees with parse', () => {
    const raw = withSupport<ComplexDesc>({ name: 'xs:anyType', shape: 'any' }, untypedContent);
    expect(parse(docRoot(raw), XML)).toEqual(parseStrict(docRoot(raw), XML));
  });
});
