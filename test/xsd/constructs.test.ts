import { describe, expect, it } from 'vitest';
import { XS_NS, anySimpleType, anyType, builtinSimpleType, builtinType } from '../../generator/model/index.js';
import { complex, elem, fixture, group, shape, simple, type } from './helpers.js';

describe('built-in types', () => {
  it('chains derivations and whiteSpace', () => {
    const chain = (local: string) => {
      const names: string[] = [];
      for (let t = builtinSimpleType(local); t; t = t.base ?? undefined) names.push(t.builtin!);
      return names.join(' > ');
    };
    expect(chain('byte')).toBe('byte > short > int > long > integer > decimal > anySimpleType');
    expect(chain('unsignedByte')).toBe('unsignedByte > unsignedShort > unsignedInt > unsignedLong > nonNegativeInteger > integer > decimal > anySimpleType');
    expect(chain('positiveInteger')).toBe('positiveInteger > nonNegativeInteger > integer > decimal > anySimpleType');
    expect(chain('negativeInteger')).toBe('negativeInteger > nonPositiveInteger > integer > decimal > anySimpleType');
    expect(chain('ID')).toBe('ID > NCName > Name > token > normalizedString > string > anySimpleType');
    expect(chain('language')).toBe('language > token > normalizedString > string > anySimpleType');
    expect(builtinSimpleType('string')!.facets.whiteSpace).toBe('preserve');
    expect(builtinSimpleType('normalizedString')!.facets.whiteSpace).toBe('replace');
    expect(builtinSimpleType('token')!.facets.whiteSpace).toBe('collapse');
    expect(builtinSimpleType('dateTime')!.facets.whiteSpace).toBe('collapse');
    expect(builtinSimpleType('byte')!.facets).toMatchObject({ minInclusive: '-128', maxInclusive: '127' });
    const nmtokens = builtinSimpleType('NMTOKENS')!;
    expect(nmtokens.variety).toBe('list');
    expect(nmtokens.itemType).toBe(builtinSimpleType('NMTOKEN'));
    expect(anySimpleType.base).toBeNull();
    for (const n of ['boolean', 'float', 'double', 'duration', 'time', 'date', 'gYearMonth', 'gYear', 'gMonthDay', 'gDay', 'gMonth', 'hexBinary', 'base64Binary', 'anyURI', 'QName', 'NOTATION', 'IDREFS', 'ENTITIES', 'ENTITY', 'IDREF']) {
      expect(builtinSimpleType(n)?.name).toEqual({ ns: XS_NS, local: n });
    }
  });

  it('models anyType as mixed content of lax wildcards', () => {
    expect(builtinType('anyType')).toBe(anyType);
    expect(anyType.mixed).toBe(true);
    expect(anyType.contentKind).toBe('mixed');
    expect(shape(anyType.content)).toBe('seq(any[0..n])');
    const any = group(anyType.content).particles[0];
    expect(any).toMatchObject({ kind: 'any', processContents: 'lax', namespace: '##any' });
    expect(anyType.anyAttribute).toMatchObject({ namespace: '##any', processContents: 'lax' });
  });
});

describe('Plesk-style local "string" type', () => {
  const set = fixture('local-string', 'root.xsd');
  it('resolves unprefixed names to the no-namespace types and xs: names to the built-ins', () => {
    const user = complex(set, 'UserType');
    const [login, comment, age, flag] = group(user.content).particles.map(elem);
    expect(login.decl.type).toBe(type(set, 'string'));
    expect(login.decl.type.name).toEqual({ ns: null, local: 'string' });
    expect(login.decl.type.loc).toEqual({ file: 'common.xsd', line: 4 });
    expect(comment.decl.type).toBe(builtinSimpleType('string'));
    expect(age.decl.type).toBe(type(set, 'int'));
    expect(flag.decl.type).toBe(type(set, 'boolean'));
    const local = simple(set, 'string');
    expect(local.base).toBe(builtinSimpleType('string'));
    expect(local.facets.whiteSpace).toBe('collapse');
    expect(simple(set, 'int').base).toBe(builtinSimpleType('integer'));
    expect(user.attributes[0].type).toBe(type(set, 'string'));
    expect(set.types.has('{http://www.w3.org/2001/XMLSchema}string')).toBe(false);
  });
});

describe('namespaces', () => {
  it('resolves prefixes, the default namespace and element/attribute forms', () => {
    const set = fixture('namespaced', 'main.xsd');
    const ns = 'urn:example:shop';
    const order = complex(set, `{${ns}}Order`);
    expect(order.name).toEqual({ ns, local: 'Order' });
    const [item, note] = group(order.content).particles.map(elem);
    expect(item.decl.name).toEqual({ ns, local: 'item' });
    expect(item.decl.type).toBe(type(set, `{${ns}}Item`));
    expect(item.max).toBe(Infinity);
    expect(note.decl.name).toEqual({ ns: null, local: 'note' });
    expect(note.decl.type).toBe(builtinSimpleType('string'));
    const [id, currency] = order.attributes;
    expect(id.name).toEqual({ ns: null, local: 'id' });
    expect(id.use).toBe('required');
    expect(id.type).toBe(builtinSimpleType('int'));
    expect(currency.name).toEqual({ ns, local: 'currency' });
    expect(currency.default).toBe('EUR');
    // default-ns.xsd: the XSD namespace is the default one, so "string" is the built-in there.
    const itemType = complex(set, `{${ns}}Item`);
    const [sku, qty] = group(itemType.content).particles.map(elem);
    expect(sku.decl.type).toBe(builtinSimpleType('string'));
    expect(qty.decl.type).toBe(builtinSimpleType('positiveInteger'));
    // elementFormDefault of default-ns.xsd is unqualified
    expect(sku.decl.name).toEqual({ ns: null, local: 'sku' });
    const code = simple(set, `{${ns}}Code`);
    expect(code.base).toBe(type(set, `{${ns}}CodeBase`));
    expect(code.facets.length).toBe(3);
    expect(set.elements.get(`{${ns}}order`)!.global).toBe(true);
  });

  it('imports another namespace from a relative path', () => {
    const set = fixture('import', 'main.xsd');
    expect(set.files).toEqual(['main.xsd', 'sub/other.xsd']);
    const env = complex(set, '{urn:a}Envelope');
    const [head, payload, extra] = group(env.content).particles.map(elem);
    expect(head.decl.type).toBe(type(set, '{urn:a}Head'));
    expect(payload.decl).toBe(set.elements.get('{urn:b}payload'));
    expect(payload.decl.global).toBe(true);
    expect(payload.decl.type).toBe(builtinSimpleType('base64Binary'));
    expect(payload.loc).toEqual({ file: 'main.xsd', line: 7 });
    expect(payload.decl.loc).toEqual({ file: 'sub/other.xsd', line: 3 });
    expect(extra.decl.type).toBe(type(set, '{urn:b}Extra'));
    expect(type(set, '{urn:b}Extra').loc).toEqual({ file: 'sub/other.xsd', line: 4 });
  });

  it('gives a chameleon include the includer’s namespace', () => {
    const set = fixture('chameleon', 'main.xsd');
    const box = complex(set, '{urn:cham}Box');
    const part = elem(group(box.content).particles[0]);
    expect(part.decl.type).toBe(type(set, '{urn:cham}Part'));
    expect(part.decl.name).toEqual({ ns: 'urn:cham', local: 'part' });
    expect(box.loc).toEqual({ file: 'parts.xsd', line: 4 });
    expect([...set.types.keys()]).toEqual(['{urn:cham}Box', '{urn:cham}Part']);
  });
});

describe('includes', () => {
  it('loads a diamond include once', () => {
    const set = fixture('diamond', 'root.xsd');
    expect(set.files).toEqual(['root.xsd', 'left.xsd', 'base.xsd', 'right.xsd']);
    const left = elem(group(complex(set, 'LeftType').content).particles[0]);
    const right = elem(group(complex(set, 'RightType').content).particles[0]);
    expect(left.decl.type).toBe(right.decl.type);
  });

  it('ends include cycles', () => {
    const set = fixture('cycle', 'a.xsd');
    expect(set.files).toEqual(['a.xsd', 'b.xsd']);
    const a = complex(set, 'AType');
    const b = complex(set, 'BType');
    expect(elem(group(a.content).particles[0]).decl.type).toBe(b);
    expect(elem(group(b.content).particles[0]).decl.type).toBe(a);
  });
});

describe('groups, attribute groups and refs', () => {
  const set = fixture('groups', 'groups.xsd');
  it('expands group refs inline with the ref’s occurs', () => {
    const person = complex(set, 'Person');
    expect(shape(person.content)).toBe('seq(seq(first,last),choice[0..n](email,seq[1..3](phone)),note[0..1])');
    const note = elem(group(person.content).particles[2]);
    expect(note.decl).toBe(set.elements.get('note'));
    expect(note.decl.nillable).toBe(true);
  });
  it('expands attribute groups (nested) and global attribute refs', () => {
    const person = complex(set, 'Person');
    expect(person.attributes.map((a) => `${a.name.local}:${a.use}:${a.type.name?.local}`)).toEqual([
      'created:required:dateTime',
      'owner:optional:string',
      'id:optional:int',
    ]);
    const owner = person.attributes[1];
    expect(owner.default).toBe('admin');
    expect(owner.doc).toBe('Who owns it.');
  });
});

describe('recursion', () => {
  const set = fixture('recursion', 'tree.xsd');
  it('resolves self-referencing types to cycles of objects', () => {
    const obj = complex(set, 'ObjectType');
    const [, child, special] = group(obj.content).particles.map(elem);
    expect(child.decl.type).toBe(obj);
    expect(child.max).toBe(Infinity);
    // An element inside ObjectType whose anonymous type extends ObjectType: not a derivation cycle.
    const anon = special.decl.type;
    if (anon.kind !== 'complex') throw new Error('complex expected');
    expect(anon.name).toBeNull();
    expect(anon.base).toBe(obj);
    expect(anon.derivation).toBe('extension');
    expect(anon.content).toBe(obj.content);
    expect(anon.attributes.map((a) => a.name.local)).toEqual(['flag']);
  });
  it('resolves a type that extends a type containing it', () => {
    const msg = complex(set, 'MessageType');
    const reply = complex(set, 'ReplyType');
    expect(elem(group(msg.content).particles[0]).decl.type).toBe(reply);
    expect(reply.base).toBe(msg);
    expect(shape(reply.content)).toBe('seq(seq(reply[0..1]),seq(text))');
  });
});

describe('derivation', () => {
  const set = fixture('derivation', 'types.xsd');
  it('empty content', () => {
    const none = complex(set, 'NoneType');
    expect(none.contentKind).toBe('empty');
    expect(none.content).toBeNull();
    expect(none.base).toBe(anyType);
    expect(none.derivation).toBeNull();
    expect(none.loc).toEqual({ file: 'types.xsd', line: 3 });
  });
  it('complexContent extension: base content then own, inherited attributes first', () => {
    const base = complex(set, 'BaseType');
    expect(base.abstract).toBe(true);
    const ext = complex(set, 'ExtendedType');
    expect(ext.derivation).toBe('extension');
    expect(ext.base).toBe(base);
    expect(shape(ext.content)).toBe('seq(seq(id),seq[0..1](extra))');
    expect(ext.attributes.map((a) => a.name.local)).toEqual(['version', 'lang', 'kind']);
    expect(ext.attributes[0].fixed).toBe('1.0');
    expect(complex(set, 'AttrOnlyExtension').content).toBe(base.content);
    const fromEmpty = complex(set, 'FromEmpty');
    expect(shape(fromEmpty.content)).toBe('choice(a,b)');
    expect(fromEmpty.contentKind).toBe('elements');
  });
  it('complexContent restriction: content as written, prohibited attributes removed', () => {
    const r = complex(set, 'RestrictedType');
    expect(r.derivation).toBe('restriction');
    expect(shape(r.content)).toBe('seq(id)');
    expect(r.attributes.map((a) => `${a.name.local}:${a.use}`)).toEqual(['version:required']);
  });
  it('simpleContent extension and restriction', () => {
    const price = complex(set, 'Price');
    expect(price.contentKind).toBe('simple');
    expect(price.content).toBeNull();
    expect(price.simpleType).toBe(builtinSimpleType('decimal'));
    expect(price.base).toBe(builtinSimpleType('decimal'));
    expect(price.attributes.map((a) => `${a.name.local}:${a.use}`)).toEqual(['currency:required']);
    const small = complex(set, 'SmallPrice');
    expect(small.derivation).toBe('restriction');
    expect(small.base).toBe(price);
    expect(small.simpleType!.name).toBeNull();
    expect(small.simpleType!.base).toBe(builtinSimpleType('decimal'));
    expect(small.simpleType!.facets).toEqual({ maxInclusive: '100', fractionDigits: 2 });
    expect(small.attributes).toEqual(price.attributes);
  });
  it('mixed content', () => {
    const p = complex(set, 'Paragraph');
    expect(p.mixed).toBe(true);
    expect(p.contentKind).toBe('mixed');
    expect(shape(p.content)).toBe('seq(b[0..n])');
  });
  it('element declarations: no type, default, fixed, nillable, abstract, substitution group', () => {
    const item = set.elements.get('item')!;
    expect(item.type.name).toBeNull();
    if (item.type.kind !== 'complex') throw new Error('complex expected');
    const [anything, count, mode, maybe] = group(item.type.content).particles.map(elem);
    expect(anything.decl.type).toBe(anyType);
    expect(count.decl.default).toBe('5');
    expect(mode.decl.fixed).toBe('fast');
    expect(maybe.decl.nillable).toBe(true);
    expect(anything.decl.global).toBe(false);
    expect(set.elements.get('base')!.abstract).toBe(true);
    expect(set.elements.get('derived')!.type).toBe(type(set, 'BaseType'));
  });
});

describe('simple types', () => {
  const set = fixture('simple', 'simple.xsd');
  it('reads enumerations with their documentation, and type documentation', () => {
    const status = simple(set, 'Status');
    expect(status.doc).toBe('Status of an operation.\nSecond line.\n\nAnother paragraph.');
    expect(status.facets.enumeration).toEqual([
      { value: 'ok', doc: 'It worked.' },
      { value: 'error', doc: undefined },
    ]);
    expect(status.variety).toBe('atomic');
  });
  it('reads every facet', () => {
    expect(simple(set, 'Login').facets).toEqual({
      pattern: ['[a-z]+', '[0-9]+'],
      patternLocs: [
        { file: 'simple.xsd', line: 20 },
        { file: 'simple.xsd', line: 21 },
      ],
      minLength: 1,
      maxLength: 60,
      whiteSpace: 'collapse',
    });
    expect(simple(set, 'Code').facets).toEqual({ length: 2 });
    expect(simple(set, 'Percent').facets).toEqual({ minInclusive: '0', maxInclusive: '100', totalDigits: 5, fractionDigits: 2 });
    expect(simple(set, 'Open').facets).toEqual({ minExclusive: '-1', maxExclusive: '10' });
    expect(simple(set, 'Open').base).toBe(builtinSimpleType('int'));
  });
  it('lists and unions', () => {
    const ports = simple(set, 'Ports');
    expect(ports.variety).toBe('list');
    expect(ports.itemType).toBe(builtinSimpleType('unsignedShort'));
    const words = simple(set, 'Words');
    expect(words.itemType!.name).toBeNull();
    expect(words.itemType!.facets.maxLength).toBe(10);
    const short = simple(set, 'ShortPorts');
    expect(short.variety).toBe('list');
    expect(short.base).toBe(ports);
    expect(short.itemType).toBe(ports.itemType);
    const union = simple(set, 'NumberOrEmpty');
    expect(union.variety).toBe('union');
    expect(union.memberTypes!.length).toBe(3);
    expect(union.memberTypes![0]).toBe(builtinSimpleType('positiveInteger'));
    expect(union.memberTypes![1]).toBe(type(set, 'Code'));
    expect(union.memberTypes![2].facets.enumeration).toEqual([{ value: '', doc: undefined }]);
  });
  it('restriction of an inline base type', () => {
    const nested = simple(set, 'Nested');
    expect(nested.base!.name).toBeNull();
    expect(nested.base!.facets.maxLength).toBe(5);
    expect(nested.facets.minLength).toBe(2);
  });
});

describe('wildcards', () => {
  it('reads xs:any and xs:anyAttribute, and inherits them', () => {
    const set = fixture('wildcards', 'any.xsd');
    const ext = complex(set, '{urn:w}Extension');
    const [a, b] = group(ext.content).particles;
    expect(a).toMatchObject({ kind: 'any', namespace: '##targetNamespace', processContents: 'lax', min: 0, max: Infinity, targetNamespace: 'urn:w' });
    expect(b).toMatchObject({ kind: 'any', namespace: '##other', processContents: 'strict', min: 1, max: 1 });
    expect(ext.anyAttribute).toEqual({ namespace: '##any', processContents: 'skip', targetNamespace: 'urn:w' });
    const derived = complex(set, '{urn:w}Derived');
    expect(derived.content).toBe(ext.content);
    expect(derived.anyAttribute).toEqual(ext.anyAttribute);
    expect(set.elements.get('{urn:w}anything')!.type).toBe(anyType);
  });
});
