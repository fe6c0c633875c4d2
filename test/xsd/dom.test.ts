import { describe, expect, it } from 'vitest';
import { parseXsd, resolvePrefixed } from '../../generator/xsd/dom.js';
import { XS_NS } from '../../generator/model/index.js';

describe('XSD DOM', () => {
  it('gives 1-based start lines with LF and CRLF line ends', () => {
    for (const nl of ['\n', '\r\n']) {
      const text = ['<?xml version="1.0"?>', '<!-- c -->', '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">', '  <xs:element', '     name="a"/>', '', '  <xs:element name="b"/></xs:schema>'].join(nl);
      const r = parseXsd(text, 'f.xsd');
      if (!r.ok) throw new Error(r.problem.message);
      expect(r.root.line).toBe(3);
      expect(r.root.children.map((c) => [c.attrs.name, c.line])).toEqual([
        ['a', 4],
        ['b', 7],
      ]);
      expect(r.root.children[0].file).toBe('f.xsd');
    }
  });

  it('resolves element namespaces and QName values by the prefixes in scope', () => {
    const text = `<schema xmlns="${XS_NS}" xmlns:t="urn:t"><element name="e" type="t:T"><complexType xmlns:t="urn:other" xmlns=""><x/></complexType></element></schema>`;
    const r = parseXsd(text, 'f.xsd');
    if (!r.ok) throw new Error(r.problem.message);
    const el = r.root.children[0];
    expect([r.root.ns, r.root.local, el.ns, el.local]).toEqual([XS_NS, 'schema', XS_NS, 'element']);
    expect(resolvePrefixed(el, el.attrs.type)).toEqual({ ns: 'urn:t', local: 'T' });
    expect(resolvePrefixed(el, 'string')).toEqual({ ns: XS_NS, local: 'string' });
    const inner = el.children[0];
    expect(resolvePrefixed(inner, 't:T')).toEqual({ ns: 'urn:other', local: 'T' });
    expect(resolvePrefixed(inner.children[0], 'string')).toEqual({ ns: null, local: 'string' });
    expect(inner.children[0].ns).toBeNull();
    expect(resolvePrefixed(el, 'zz:T')).toBeUndefined();
    expect('xmlns:t' in el.attrs).toBe(false);
  });

  it('decodes entities in text and attributes', () => {
    const r = parseXsd('<a v="x &amp; y"><b>1 &lt; 2</b> and <c>more</c></a>', 'f.xsd');
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.root.attrs.v).toBe('x & y');
    expect(r.root.text).toBe('1 < 2 and more');
  });

  it('reports malformed XML with its line', () => {
    const r = parseXsd('<a>\n<b>\n</a>', 'f.xsd');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.line).toBe(3);
  });
});

describe('XSD DOM: namespace well-formedness', () => {
  it.each([
    ['<a>\n<p:b/></a>', 2, 'namespace prefix "p" of <p:b> is not declared'],
    ['<a xmlns:p="urn:p">\n<p:b q:c="1"/></a>', 2, 'namespace prefix "q" of attribute q:c is not declared'],
    ['<a xmlns:p="urn:p"><b xmlns:p="">\n<p:c/></b></a>', 2, 'namespace prefix "p" of <p:c> is not declared'],
  ])('%j → line %i: %s', (text, line, message) => {
    const r = parseXsd(text, 'f.xsd');
    expect(r.ok ? 'parsed' : [r.problem.line, r.problem.message]).toEqual([line, message]);
  });

  it('accepts the xml prefix without a declaration', () => {
    const r = parseXsd('<a xml:lang="en"/>', 'f.xsd');
    expect(r.ok && r.root.attrs['xml:lang']).toBe('en');
  });
});
