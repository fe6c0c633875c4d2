/**
 * The XSD 1.0 built-in types (XML Schema Part 2), as model objects shared by every schema set.
 *
 * Each built-in is a `SimpleTypeDef` with `builtin` set, its base in the derivation hierarchy
 * and, as facets of its own step, the `whiteSpace` it has plus the constraining facets the
 * specification gives derived built-ins (integer bounds, `fractionDigits` 0, `minLength` 1 for
 * the list types). `xs:anyType` is the one built-in complex type.
 */
import { XS_NS, type ComplexTypeDef, type Facets, type SimpleTypeDef, type TypeDef } from './types.js';

type Variety = SimpleTypeDef['variety'];

const table = new Map<string, SimpleTypeDef>();

function def(local: string, base: SimpleTypeDef | null, facets: Facets, variety: Variety = 'atomic', itemType?: SimpleTypeDef): SimpleTypeDef {
  const t: SimpleTypeDef = {
    kind: 'simple',
    name: { ns: XS_NS, local },
    loc: null,
    doc: undefined,
    variety,
    base,
    builtin: local,
    facets,
    ...(itemType !== undefined ? { itemType } : {}),
  };
  table.set(local, t);
  return t;
}

const collapse: Facets = { whiteSpace: 'collapse' };
const c = (): Facets => ({ ...collapse });
const range = (min: string | undefined, max: string | undefined): Facets => ({
  whiteSpace: 'collapse',
  ...(min !== undefined ? { minInclusive: min } : {}),
  ...(max !== undefined ? { maxInclusive: max } : {}),
});

export const anySimpleType = def('anySimpleType', null, {});

// Primitive types.
export const xsString = def('string', anySimpleType, { whiteSpace: 'preserve' });
def('boolean', anySimpleType, c());
export const xsDecimal = def('decimal', anySimpleType, c());
def('float', anySimpleType, c());
def('double', anySimpleType, c());
def('duration', anySimpleType, c());
def('dateTime', anySimpleType, c());
def('time', anySimpleType, c());
def('date', anySimpleType, c());
def('gYearMonth', anySimpleType, c());
def('gYear', anySimpleType, c());
def('gMonthDay', anySimpleType, c());
def('gDay', anySimpleType, c());
def('gMonth', anySimpleType, c());
def('hexBinary', anySimpleType, c());
def('base64Binary', anySimpleType, c());
def('anyURI', anySimpleType, c());
def('QName', anySimpleType, c());
def('NOTATION', anySimpleType, c());

// Derived from string.
const normalizedString = def('normalizedString', xsString, { whiteSpace: 'replace' });
const token = def('token', normalizedString, c());
def('language', token, { whiteSpace: 'collapse', pattern: ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] });
const nmtoken = def('NMTOKEN', token, { whiteSpace: 'collapse', pattern: ['\\c+'] });
def('NMTOKENS', anySimpleType, { whiteSpace: 'collapse', minLength: 1 }, 'list', nmtoken);
const name = def('Name', token, { whiteSpace: 'collapse', pattern: ['\\i\\c*'] });
const ncname = def('NCName', name, { whiteSpace: 'collapse', pattern: ['[\\i-[:]][\\c-[:]]*'] });
def('ID', ncname, c());
const idref = def('IDREF', ncname, c());
def('IDREFS', anySimpleType, { whiteSpace: 'collapse', minLength: 1 }, 'list', idref);
const entity = def('ENTITY', ncname, c());
def('ENTITIES', anySimpleType, { whiteSpace: 'collapse', minLength: 1 }, 'list', entity);

// Derived from decimal.
const integer = def('integer', xsDecimal, { whiteSpace: 'collapse', fractionDigits: 0, pattern: ['[\\-+]?[0-9]+'] });
const nonPositiveInteger = def('nonPositiveInteger', integer, range(undefined, '0'));
def('negativeInteger', nonPositiveInteger, range(undefined, '-1'));
const long = def('long', integer, range('-9223372036854775808', '9223372036854775807'));
const int = def('int', long, range('-2147483648', '2147483647'));
const short = def('short', int, range('-32768', '32767'));
def('byte', short, range('-128', '127'));
const nonNegativeInteger = def('nonNegativeInteger', integer, range('0', undefined));
const unsignedLong = def('unsignedLong', nonNegativeInteger, range(undefined, '18446744073709551615'));
const unsignedInt = def('unsignedInt', unsignedLong, range(undefined, '4294967295'));
const unsignedShort = def('unsignedShort', unsignedInt, range(undefined, '65535'));
def('unsignedByte', unsignedShort, range(undefined, '255'));
def('positiveInteger', nonNegativeInteger, range('1', undefined));

/** `xs:anyType`: mixed content of any elements (lax), any attributes. */
export const anyType: ComplexTypeDef = {
  kind: 'complex',
  name: { ns: XS_NS, local: 'anyType' },
  loc: null,
  doc: undefined,
  abstract: false,
  mixed: true,
  derivation: null,
  base: null,
  contentKind: 'mixed',
  content: {
    kind: 'sequence',
    min: 1,
    max: 1,
    loc: { file: '', line: 0 },
    particles: [
      {
        kind: 'any',
        min: 0,
        max: Infinity,
        namespace: '##any',
        processContents: 'lax',
        targetNamespace: null,
        loc: { file: '', line: 0 },
      },
    ],
  },
  attributes: [],
  anyAttribute: { namespace: '##any', processContents: 'lax', targetNamespace: null },
};

/** The built-in simple type with this local name in the XSD namespace, if there is one. */
export function builtinSimpleType(local: string): SimpleTypeDef | undefined {
  return table.get(local);
}

/** The built-in type (simple or `anyType`) with this local name in the XSD namespace. */
export function builtinType(local: string): TypeDef | undefined {
  return local === 'anyType' ? anyType : table.get(local);
}

/** Every built-in simple type, in the order of XML Schema Part 2. */
export function builtinSimpleTypes(): SimpleTypeDef[] {
  return [...table.values()];
}

/** True for the built-in types (including `xs:anyType`). */
export function isBuiltin(t: TypeDef): boolean {
  return t === anyType || (t.kind === 'simple' && t.builtin !== undefined);
}
