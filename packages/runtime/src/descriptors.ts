/**
 * Runtime descriptors: the compact description of the schema that the generated code hands to
 * this runtime. The generator emits one descriptor per schema type; the runtime walks them to
 * serialize, validate and parse. The binding decisions (property names, shapes) are made by
 * the generator and recorded here, so the runtime never invents a name.
 *
 * This file is part of the runtime package (`plesk-api-codegen-runtime`) every generated tree imports.
 *
 * ## The format (version `DESCRIPTOR_FORMAT`)
 *
 * This file is the one definition of the descriptor format: the interfaces below, with one
 * meaning per key, named as XML Schema names the thing (`minOccurs`, `whiteSpace`, `particles`,
 * `processContents`, …). Every generated descriptor module starts with
 * `checkDescriptorFormat(N)`, N being the format it was written in; the runtime throws at import
 * when N is not its own `DESCRIPTOR_FORMAT`, naming both, so a tree generated for another
 * runtime fails at once with a message instead of misreading its descriptors. Any change to the
 * keys, their values or their meaning takes a new format number.
 *
 * - format 1: one- and two-letter keys (`k`, `x`, `p`, `t`, `c`, `ws: 'c'`, …), before issue 12.
 * - format 2: the full-word keys below.
 * - format 3: the keys of format 2, read differently: what only some schemas need (untyped
 *   content, lists and unions, dates and other lexical spaces, numbers, lexical facets, `$attrs`,
 *   mixed content) is installed by the descriptors that use it (`withSupport`), so a format-2 tree
 *   would fail on first use of it; `mixed` types are read and written as ordered `$content`
 *   items (format 2: `$text` beside the element properties); added: `derivedTypes` and `block`
 *   (`xsi:type` on concrete declared types), `anyAttributeNamespaces`.
 *
 * | descriptor | keys |
 * |---|---|
 * | `SimpleDesc` | `name`, `kind`, `whiteSpace` (`preserve`/`replace`/`collapse`), `lexical`, `enumeration`, `patterns`, `patternSources`, `length`, `minLength`, `maxLength`, `minInclusive`, `maxInclusive`, `minExclusive`, `maxExclusive`, `totalDigits`, `fractionDigits`, `members` (union), `itemType` (list) |
 * | `ComplexDesc` | `name`, `shape`, `attributes`, `content` (a particle), `text` (simple content), `mixed`, `anyAttribute`, `anyAttributeNamespaces`, `xsiTypes`, `derivedTypes` |
 * | `XsiTypeDesc` | `name` (the `$type` value), `xmlName`, `namespace`, `type`, `by` |
 * | `AttrDesc` | `xmlName`, `namespace`, `property`, `type`, `required`, `default`, `fixed` |
 * | `ElemDesc` | `particle: 'element'`, `xmlName`, `namespace`, `property`, `type`, `minOccurs`, `maxOccurs`, `nillable`, `default`, `fixed`, `identity`, `block` |
 * | `GroupDesc` | `particle: 'sequence' \| 'choice' \| 'all'`, `minOccurs`, `maxOccurs`, `property`, `particles` |
 * | `AnyDesc` | `particle: 'any'`, `property`, `minOccurs`, `maxOccurs`, `namespaces`, `processContents` |
 * | `RootDesc` | `xmlName`, `namespace`, `type`, `identity` |
 * | `IdentityDesc` | `constraint` (`key`/`keyref`/`unique`), `name`, `selector`, `fields`, `refer` |
 * | `IdentityPathDesc` | `descendant`, `steps`, `attribute` |
 *
 * Added to format 2 without a new number, since every tree written before reads the same
 * (a runtime older than the key ignores it): `identity` on `ElemDesc` and `RootDesc` (identity
 * constraints), `xsiTypes` on `ComplexDesc` (`XsiTypeDesc`: the types `xsi:type` may name where
 * an abstract type is declared).
 *
 * Size is left to the minifier and gzip: the real Plesk set's three descriptor modules
 * (esbuild --minify, gzip -9) measure 484,003 bytes minified and 51,168 gzipped in format 1,
 * 729,243 and 55,853 in format 2 (+9% over the wire for keys a person can read).
 *
 * ## How XML maps to values (the binding rules)
 *
 * Simple values, by `SimpleDesc.kind`:
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
 * against their lexical space (`lexical`).
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
 *   matching a global declaration (the root element, `RootDesc.globals`) is validated against
 *   it, at any depth; others are not. So is a lax or strict wildcard's fragment.
 *
 * Particles contribute properties to the object being built:
 * - an element with `maxOccurs === 1` is one property; with `maxOccurs > 1` an array property;
 * - a sequence/all/choice with `maxOccurs === 1` adds its children's properties to the same
 *   object (a choice: exactly one branch's properties are present);
 * - a group with `maxOccurs > 1` is one property (`property`) holding an array; each item is an object built
 *   from the group's children (for a choice: one branch per item, in document order);
 * - a wildcard (`xs:any`) is a property holding `XmlFragment` (or an array of them).
 * Nillable elements accept `null` (written `xsi:nil="true"`).
 */
import type { NamespacePrefixes } from './nsprefix.js';

/** The version of the descriptor format this runtime reads (see the file header). */
export const DESCRIPTOR_FORMAT = 3;

/**
 * Called by every generated descriptor module with the format it was written in; throws when
 * this runtime reads another format.
 */
export function checkDescriptorFormat(format: number): void {
  if (format !== DESCRIPTOR_FORMAT) {
    throw new Error(
      `plesk-api-codegen-runtime reads descriptor format ${DESCRIPTOR_FORMAT}, but these descriptors were generated in format ${format}: ` +
        'regenerate the tree with the plesk-codegen release matching the installed runtime, or install the runtime the tree was generated for',
    );
  }
}

/** A piece of XML kept as written: the escape hatch for `xs:any` and untyped content. */
export interface XmlFragment {
  /**
   * The element(s) as XML text, as read — plus, on each outermost element, the namespace
   * declarations of its ancestors that it uses (`nsfrag.ts`): a prefix used in it is declared in
   * it, and an unprefixed name without a default declaration in it is in no namespace. Written
   * as given, but for declarations the surrounding output already makes.
   */
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

/**
 * A value of a type `T` that stands where an abstract type is declared, named by `$type` (in
 * XML, `xsi:type`): `XsiTyped<'Linear', Linear>`. The union of these for every type derived from
 * the abstract one is the element's value type, so checking `$type` narrows to one of them.
 */
export type XsiTyped<Name extends string, T> = T & { $type: Name };

/**
 * Where a document says its schemas are: `xsi:schemaLocation` (pairs of namespace and location,
 * as written) and `xsi:noNamespaceSchemaLocation` of its root element. Read into the root's value
 * and written from it, so a round trip keeps them; set them on the value to write them. (Only a
 * root whose value is an object holds them.)
 */
export interface SchemaLocations {
  $schemaLocation?: string;
  $noNamespaceSchemaLocation?: string;
}

/**
 * A branch of a choice the generator writes with named branches, without its own properties:
 * every property of `None` (the choice's interface of all its branches' properties, each
 * `?: never`) except `Own`. Generated as
 * `export type ServerItemSrvMan = OtherBranchesAbsent<ServerItemNone, 'srvMan'> & { srvMan: … }`,
 * the choice being the union of its branches, so a value reads as its branch's name in hovers,
 * after narrowing and in errors. The key filter is part of the mapped type, so TypeScript works
 * it out only when a value is checked against the branch, not for every branch of every choice a
 * program imports (bench/consumer-tsc.bench.ts).
 */
export type OtherBranchesAbsent<None, Own extends keyof None> = { [K in keyof None as K extends Own ? never : K]?: never };

/** Properties that must be absent: `{ a?: never; b?: never }`. */
export type Absent<Keys extends PropertyKey> = { [K in Keys]?: never };

/** Every property name of every member of a union (`keyof` of a union names only the common ones). */
type KeysOfAny<T> = T extends unknown ? keyof T : never;

/** Each member of the union `T`, with the properties of the others (`Keys` minus its own) made absent. */
type OneOfEach<T, Keys extends PropertyKey> = T extends unknown ? T & Absent<Exclude<Keys, keyof T>> : never;

export type ValueKind = 'string' | 'boolean' | 'number' | 'integer' | 'bigint' | 'decimal' | 'list' | 'union';

/** The whiteSpace facet. */
export type WhiteSpace = 'preserve' | 'replace' | 'collapse';

export interface SimpleDesc {
  /** Schema name for messages (`srvOpType`, `xs:int`, or `anonymous` context). */
  readonly name: string;
  readonly kind: ValueKind;
  readonly whiteSpace: WhiteSpace;
  /**
   * The built-in whose lexical space the text must match, where it is narrower than the kind
   * says (`date`, `dateTime`, `time`, `duration`, `gYear`, `gYearMonth`, `gMonth`, `gMonthDay`,
   * `gDay`, `base64Binary`, `hexBinary`, `anyURI`, `QName`, `NOTATION`, `NCName`, `Name`,
   * `NMTOKEN`, `language`, `token`, `normalizedString`, `ID`, `IDREF`, `ENTITY`).
   */
  readonly lexical?: string;
  /** Enumeration, as lexical values (after whitespace processing). */
  readonly enumeration?: readonly string[];
  /**
   * Patterns already converted to JavaScript `RegExp` sources (to be compiled with the `u` flag
   * and anchored `^(?:…)$`). Outer array: derivation steps, all must match; inner: alternatives
   * of one step, one must match.
   */
  readonly patterns?: readonly (readonly string[])[];
  /** The same patterns as the schema writes them (XSD syntax, same nesting as `patterns`), for messages. */
  readonly patternSources?: readonly (readonly string[])[];
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Bounds as lexical strings (compared exactly, also for 64-bit values). */
  readonly minInclusive?: string;
  readonly maxInclusive?: string;
  readonly minExclusive?: string;
  readonly maxExclusive?: string;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
  /** `union` members, in order. */
  readonly members?: readonly SimpleDesc[];
  /** `list` item type. */
  readonly itemType?: SimpleDesc;
}

export interface AttrDesc {
  /** XML name (local; namespaced attributes carry `namespace`). */
  readonly xmlName: string;
  readonly namespace?: string;
  /** Property name. */
  readonly property: string;
  readonly type: SimpleDesc;
  readonly required?: true;
  readonly default?: string;
  readonly fixed?: string;
}

export interface ElemDesc {
  readonly particle: 'element';
  /** XML local name. */
  readonly xmlName: string;
  /** Namespace URI when qualified with a namespace (never for Plesk). */
  readonly namespace?: string;
  /** Property name in the enclosing object. */
  readonly property: string;
  /** The element's type; a thunk where the type is declared elsewhere or recursive. */
  readonly type: TypeRef;
  readonly minOccurs: number;
  /** `Infinity` for unbounded. */
  readonly maxOccurs: number;
  readonly nillable?: true;
  readonly default?: string;
  readonly fixed?: string;
  /** Identity constraints of the element's declaration, checked when a document is read (`identity.ts`). */
  readonly identity?: readonly IdentityDesc[];
  /** The declaration's `block` for `xsi:type` (`extension`, `restriction`, or both, space-separated). */
  readonly block?: string;
}

/**
 * An `xs:key`, `xs:keyref` or `xs:unique` (XML Schema 1.0, 3.11). Names are `{ns}local` or
 * `local`; a name test is such a name, `*`, or `{ns}*`.
 */
export interface IdentityDesc {
  readonly constraint: 'key' | 'keyref' | 'unique';
  readonly name: string;
  /** Alternatives of the selector, relative to the element that declares the constraint. */
  readonly selector: readonly IdentityPathDesc[];
  /** One entry per field (each with its alternatives), relative to a selected element. */
  readonly fields: readonly (readonly IdentityPathDesc[])[];
  /** For a keyref: the key or unique whose values it must match. */
  readonly refer?: string;
}

/** One path of the XPath subset of identity constraints: `(.//)? step/step…(/@attribute)?`. */
export interface IdentityPathDesc {
  /** Starts with `.//` (any depth below). */
  readonly descendant?: true;
  /** Child steps (name tests). */
  readonly steps: readonly string[];
  /** A field's final attribute step. */
  readonly attribute?: string;
}

export interface GroupDesc {
  readonly particle: 'sequence' | 'choice' | 'all';
  readonly minOccurs: number;
  readonly maxOccurs: number;
  /** Property holding the item array when `maxOccurs > 1` (absent for the whole-type `array` shape). */
  readonly property?: string;
  readonly particles: readonly ParticleDesc[];
}

export interface AnyDesc {
  readonly particle: 'any';
  readonly property: string;
  readonly minOccurs: number;
  readonly maxOccurs: number;
  /**
   * Namespace constraint: `##any`; or URIs and `##local` (no namespace; `##targetNamespace` also
   * means none: written so only in schemas without a target namespace), any of which admits; or
   * `##other` (any namespace, not none) with `!URI` for each namespace it excludes.
   */
  readonly namespaces: string;
  readonly processContents: 'strict' | 'lax' | 'skip';
}

export type ParticleDesc = ElemDesc | GroupDesc | AnyDesc;

export interface ComplexDesc {
  /** Schema name for messages. */
  readonly name: string;
  readonly shape: 'flag' | 'object' | 'array' | 'simple' | 'any';
  readonly attributes?: readonly AttrDesc[];
  /** Content particle for `object`/`array` shapes. */
  readonly content?: ParticleDesc;
  /** Text type for the `simple` shape. */
  readonly text?: SimpleDesc;
  readonly mixed?: true;
  /** `xs:anyAttribute` present: unknown attributes are kept in the `$attrs` property. */
  readonly anyAttribute?: true;
  /** The namespaces `xs:anyAttribute` admits when not all (a wildcard constraint, as `AnyDesc.namespaces`). */
  readonly anyAttributeNamespaces?: string;
  /**
   * An abstract type: an element declared with it must name, with `xsi:type`, one of these types
   * derived from it; the value carries the choice in `$type` (`XsiTyped`).
   */
  readonly xsiTypes?: readonly XsiTypeDesc[];
  /**
   * A concrete type: the types derived from it that an element declared with it may name with
   * `xsi:type` (the value then carries `$type`); without `xsi:type` it holds this type.
   */
  readonly derivedTypes?: readonly XsiTypeDesc[];
}

/** A type that may stand where another is declared. */
export interface XsiTypeDesc {
  /** The value of `$type`. */
  readonly name: string;
  /** The type's XML name (`xsi:type`'s value, resolved). */
  readonly xmlName: string;
  readonly namespace?: string;
  readonly type: () => TypeDesc;
  /** The derivation methods from the declared type to this one (`extension`, `restriction`, or both). */
  readonly by?: string;
}

/**
 * What an element particle may carry beyond its name, property, type and occurrences (the
 * optional keys of `ElemDesc`), for `elementDesc`.
 */
export interface ElementOptions {
  readonly namespace?: string;
  readonly nillable?: true;
  readonly default?: string;
  readonly fixed?: string;
  readonly identity?: readonly IdentityDesc[];
  readonly block?: string;
}

// Builders of particles, for generated descriptor modules: each returns the same plain object the
// format above describes (`elementDesc('id', 'id', IdType, 1, 1)` is `{ particle: 'element',
// xmlName: 'id', property: 'id', type: IdType, minOccurs: 1, maxOccurs: 1 }`), so the runtime reads
// nothing new. Why calls and not object literals: a consumer's tsc checks the generated `.ts`
// descriptors, and a call against one plain signature costs it a fraction of an object literal
// checked against the `ParticleDesc` union inside nested arrays (about 40 % of a consumer's
// checking time over the real tree went to those literals; bench/consumer-tsc.bench.ts). Generated
// calls carry `/*#__PURE__*/`, so bundlers still drop descriptors nothing uses.

/** An element particle: `<xs:element name=xmlName …>` bound to `property`. */
/*#__NO_SIDE_EFFECTS__*/
export function elementDesc(xmlName: string, property: string, type: TypeRef, minOccurs: number, maxOccurs: number, options?: ElementOptions): ElemDesc {
  return { particle: 'element', xmlName, property, type, minOccurs, maxOccurs, ...options };
}

/** An `xs:sequence` of `particles`; `property` holds the item array when it repeats (`GroupDesc`). */
/*#__NO_SIDE_EFFECTS__*/
export function sequenceDesc(minOccurs: number, maxOccurs: number, particles: readonly ParticleDesc[], property?: string): GroupDesc {
  return groupDesc('sequence', minOccurs, maxOccurs, particles, property);
}

/** An `xs:choice` of `particles`; `property` holds the item array when it repeats (`GroupDesc`). */
/*#__NO_SIDE_EFFECTS__*/
export function choiceDesc(minOccurs: number, maxOccurs: number, particles: readonly ParticleDesc[], property?: string): GroupDesc {
  return groupDesc('choice', minOccurs, maxOccurs, particles, property);
}

/** An `xs:all` of `particles` (`GroupDesc`). */
/*#__NO_SIDE_EFFECTS__*/
export function allDesc(minOccurs: number, maxOccurs: number, particles: readonly ParticleDesc[], property?: string): GroupDesc {
  return groupDesc('all', minOccurs, maxOccurs, particles, property);
}

/*#__NO_SIDE_EFFECTS__*/
function groupDesc(particle: GroupDesc['particle'], minOccurs: number, maxOccurs: number, particles: readonly ParticleDesc[], property: string | undefined): GroupDesc {
  return property === undefined ? { particle, minOccurs, maxOccurs, particles } : { particle, minOccurs, maxOccurs, property, particles };
}

/**
 * A part of the runtime that only some descriptors need (`untypedContent`, …): calling it
 * installs it in the reader and writer (again: no effect). See `withSupport`.
 */
export type RuntimeFeature = () => void;

/**
 * `desc`, after installing the runtime features it needs: the generated descriptors that need
 * more than the core (content kept as XML, …) are written as
 * `/*#__PURE__*\/ withSupport({ … }, untypedContent)`. The call is marked free of side effects
 * on purpose: a bundler drops it with the descriptor when nothing uses the descriptor, and with
 * it the feature's import, so a bundle carries a feature only when a descriptor it keeps needs
 * it; when the descriptor is kept, the call runs as its module loads, before any document is
 * read or written. The result is `desc` itself: the runtime reads nothing new.
 */
/**
 * Throws for a descriptor that needs runtime feature `feature` where it was not installed (a
 * descriptor built by hand without `withSupport`): `what` names the type or particle.
 */
export function notInstalled(what: string, feature: string): never {
  throw new Error(`runtime: ${what} needs ${feature} (withSupport)`);
}

/*#__NO_SIDE_EFFECTS__*/
export function withSupport<T extends TypeDesc | ParticleDesc | RootDesc>(desc: T, ...features: readonly RuntimeFeature[]): T {
  for (const f of features) f();
  return desc;
}

export type TypeDesc = SimpleDesc | ComplexDesc;
export type TypeRef = TypeDesc | (() => TypeDesc);

/** The descriptor of a whole document: its root element. */
export interface RootDesc {
  /** Root element XML name (`packet`). */
  readonly xmlName: string;
  readonly namespace?: string;
  readonly type: TypeRef;
  /**
   * The prefixes to write namespaces with (`namespacePrefixes`, nsprefix.ts): declared once, on
   * the root element. Without it, every element that changes namespace declares a default one.
   */
  readonly prefixes?: NamespacePrefixes;
  /** Identity constraints of the root element's declaration. */
  readonly identity?: readonly IdentityDesc[];
  /**
   * The set's other global element declarations (a Plesk set's `<descriptor>`, of
   * descriptor.xsd). Content processed laxly (`xs:anyType`, a lax or strict wildcard) validates an
   * element that matches a global declaration against it, at any depth, as libxml2 does: the root
   * element's declaration and these.
   */
  readonly globals?: readonly GlobalElementDesc[];
}

/** A global element declaration other than the root's (`RootDesc.globals`). */
export interface GlobalElementDesc {
  readonly xmlName: string;
  readonly namespace?: string;
  readonly type: TypeRef;
}

export function isComplex(t: TypeDesc): t is ComplexDesc {
  return 'shape' in t;
}

export function deref(t: TypeRef): TypeDesc {
  return typeof t === 'function' ? t() : t;
}
