/**
 * Runtime descriptors: the compact description of the schema that the generated code hands to
 * this runtime. The generator emits one descriptor per schema type; the runtime walks them to
 * serialize, validate and parse. The binding decisions (property names, shapes) are made by
 * the generator and recorded here, so the runtime never invents a name.
 *
 * This file is part of the runtime package (`plesk-api-codegen-runtime`) every generated tree imports.
 *
 * ## How XML maps to values (the binding rules)
 *
 * Simple values, by `SimpleDesc.k`:
 * - `string`  → `string` (after the type's whiteSpace facet is applied on parse)
 * - `boolean` → `boolean` (`true`/`1`, `false`/`0`; written as `true`/`false`)
 * - `number`  → `number` (xs:float, xs:double; `INF`, `-INF`, `NaN` allowed)
 * - `integer` → `number` (any xs:integer-derived type; a value outside ±(2^53−1) is refused
 *   with a typed error rather than rounded)
 * - `bigint`  → `bigint` (xs:integer-derived types when generated with `--integers bigint`)
 * - `decimal` → `string` (xs:decimal keeps every digit)
 * - `list`    → array of the item type (whitespace-separated)
 * - `union`   → the first member type whose lexical space accepts the text
 * Dates, durations, base64, QNames, URIs and other string-like built-ins are strings checked
 * against their lexical space (`lex`).
 *
 * Complex values, by `ComplexDesc.shape`:
 * - `flag`: empty content and no attributes (`NoneType`): the value is `true`, written `<x/>`.
 * - `object`: attributes and child content become properties of one object (see particles).
 * - `array`: no attributes and the content is a single repeating group: the value *is* the
 *   array of that group's items (`ServerOperatorType` is an array of one-operation objects).
 * - `simple`: text content with attributes: `{ value, ...attributes }`.
 * - `any`: `xs:anyType` (an element with no type): `true` when empty, a `string` when it has
 *   text only, an `XmlFragment` when it has child elements; with attributes, an `AnyElement`
 *   (`{ attributes, content? }`). Its content is checked laxly, as libxml2 does: a child element
 *   matching a global declaration (the root element) is validated against it; others are not.
 *
 * Particles contribute properties to the object being built:
 * - an element with `max === 1` is one property; with `max > 1` an array property;
 * - a sequence/all/choice with `max === 1` adds its children's properties to the same object
 *   (a choice: exactly one branch's properties are present);
 * - a group with `max > 1` is one property (`p`) holding an array; each item is an object built
 *   from the group's children (for a choice: one branch per item, in document order);
 * - a wildcard (`xs:any`) is a property holding `XmlFragment` (or an array of them).
 * Nillable elements accept `null` (written `xsi:nil="true"`).
 */

/** A piece of XML kept as written: the escape hatch for `xs:any` and untyped content. */
export interface XmlFragment {
  /** The element(s) as XML text, exactly as read (or to be written verbatim). */
  readonly xml: string;
}

/**
 * An element declared without a type (`xs:anyType`) that carries attributes: the attributes as
 * written (qualified names, namespace declarations included) and its content — absent when
 * empty, a string when it is text only, an `XmlFragment` when it has child elements.
 */
export interface AnyElement {
  readonly attributes: Readonly<Record<string, string>>;
  readonly content?: string | XmlFragment;
}

/**
 * The value of an element declared without a type (`xs:anyType`): `true` when empty, its text,
 * or its content as XML; an `AnyElement` when it has attributes.
 */
export type AnyElementValue = true | string | XmlFragment | AnyElement;

/**
 * Exactly one of the listed alternatives (an XML `choice`): `OneOf<[{ get: GetType }, { set: SetType }]>`
 * accepts `{ get }` or `{ set }`, never both. Each alternative is widened with the other
 * alternatives' properties as `?: never`, so writing two of them does not compile, and checking
 * one property (`if (item.get !== undefined)`, or `'get' in item` under
 * `exactOptionalPropertyTypes`) narrows to its alternative. The generated types list each
 * alternative once, so their size grows with the number of alternatives, not its square.
 */
export type OneOf<Alternatives extends readonly object[]> = OneOfEach<Alternatives[number], KeysOfAny<Alternatives[number]>>;

/** Properties that must be absent: `{ a?: never; b?: never }`. */
export type Absent<Keys extends PropertyKey> = { [K in Keys]?: never };

/** Every property name of every member of a union (`keyof` of a union names only the common ones). */
type KeysOfAny<T> = T extends unknown ? keyof T : never;

/** Each member of the union `T`, with the properties of the others (`Keys` minus its own) made absent. */
type OneOfEach<T, Keys extends PropertyKey> = T extends unknown ? T & Absent<Exclude<Keys, keyof T>> : never;

export type ValueKind = 'string' | 'boolean' | 'number' | 'integer' | 'bigint' | 'decimal' | 'list' | 'union';

/** whiteSpace facet: p(reserve), r(eplace), c(ollapse). */
export type WhiteSpaceCode = 'p' | 'r' | 'c';

export interface SimpleDesc {
  /** Schema name for messages (`srvOpType`, `xs:int`, or `anonymous` context). */
  readonly n: string;
  readonly k: ValueKind;
  readonly ws: WhiteSpaceCode;
  /**
   * The built-in whose lexical space the text must match, where it is narrower than the kind
   * says (`date`, `dateTime`, `time`, `duration`, `gYear`, `gYearMonth`, `gMonth`, `gMonthDay`,
   * `gDay`, `base64Binary`, `hexBinary`, `anyURI`, `QName`, `NOTATION`, `NCName`, `Name`,
   * `NMTOKEN`, `language`, `token`, `normalizedString`, `ID`, `IDREF`, `ENTITY`).
   */
  readonly lex?: string;
  /** Enumeration, as lexical values (after whitespace processing). */
  readonly en?: readonly string[];
  /**
   * Patterns already converted to JavaScript `RegExp` sources (to be compiled with the `u` flag
   * and anchored `^(?:…)$`). Outer array: derivation steps, all must match; inner: alternatives
   * of one step, one must match.
   */
  readonly pt?: readonly (readonly string[])[];
  /** The same patterns as the schema writes them (XSD syntax, same nesting as `pt`), for messages. */
  readonly px?: readonly (readonly string[])[];
  readonly len?: number;
  readonly minLen?: number;
  readonly maxLen?: number;
  /** Bounds as lexical strings (compared exactly, also for 64-bit values). */
  readonly minI?: string;
  readonly maxI?: string;
  readonly minE?: string;
  readonly maxE?: string;
  readonly td?: number;
  readonly fd?: number;
  /** `union` members, in order. */
  readonly u?: readonly SimpleDesc[];
  /** `list` item type. */
  readonly li?: SimpleDesc;
}

export interface AttrDesc {
  /** XML name (local; namespaced attributes carry `ns`). */
  readonly x: string;
  readonly ns?: string;
  /** Property name. */
  readonly p: string;
  readonly t: SimpleDesc;
  readonly req?: true;
  readonly def?: string;
  readonly fix?: string;
}

export interface ElemDesc {
  readonly k: 'e';
  /** XML local name. */
  readonly x: string;
  /** Namespace URI when qualified with a namespace (never for Plesk). */
  readonly ns?: string;
  /** Property name in the enclosing object. */
  readonly p: string;
  /** The element's type; a thunk where the type is declared elsewhere or recursive. */
  readonly t: TypeRef;
  readonly min: number;
  /** `Infinity` for unbounded. */
  readonly max: number;
  readonly nil?: true;
  readonly def?: string;
  readonly fix?: string;
}

export interface GroupDesc {
  /** s(equence), c(hoice), a(ll). */
  readonly k: 's' | 'c' | 'a';
  readonly min: number;
  readonly max: number;
  /** Property holding the item array when `max > 1` (absent for the whole-type `array` shape). */
  readonly p?: string;
  readonly items: readonly ParticleDesc[];
}

export interface AnyDesc {
  readonly k: 'any';
  readonly p: string;
  readonly min: number;
  readonly max: number;
  /** Namespace constraint as written (`##any`, `##other`, …). */
  readonly ns: string;
  readonly pc: 'strict' | 'lax' | 'skip';
}

export type ParticleDesc = ElemDesc | GroupDesc | AnyDesc;

export interface ComplexDesc {
  /** Schema name for messages. */
  readonly n: string;
  readonly shape: 'flag' | 'object' | 'array' | 'simple' | 'any';
  readonly attrs?: readonly AttrDesc[];
  /** Content particle for `object`/`array` shapes. */
  readonly c?: ParticleDesc;
  /** Text type for the `simple` shape. */
  readonly s?: SimpleDesc;
  readonly mixed?: true;
  /** `xs:anyAttribute` present: unknown attributes are kept in the `$attrs` property. */
  readonly anyAttr?: true;
}

export type TypeDesc = SimpleDesc | ComplexDesc;
export type TypeRef = TypeDesc | (() => TypeDesc);

/** The descriptor of a whole document: its root element. */
export interface RootDesc {
  /** Root element XML name (`packet`). */
  readonly x: string;
  readonly ns?: string;
  readonly t: TypeRef;
}

export function isComplex(t: TypeDesc): t is ComplexDesc {
  return 'shape' in t;
}

export function deref(t: TypeRef): TypeDesc {
  return typeof t === 'function' ? t() : t;
}
