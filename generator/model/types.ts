/**
 * The resolved schema model: what the XSD reader produces and every later stage consumes.
 *
 * All references are resolved to objects (type graphs may be cyclic: `ObjectType` reaches
 * itself). `xs:group`, `xs:attributeGroup` and element `ref=` are expanded where they are
 * used, so later stages never look names up. Every component keeps where it was declared.
 */

/** The XML Schema namespace. */
export const XS_NS = 'http://www.w3.org/2001/XMLSchema';

/** Where a component is declared. `file` is relative to the schema directory, with `/` separators. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** A qualified name. `ns` is `null` for "no namespace" (all of Plesk). */
export interface QName {
  readonly ns: string | null;
  readonly local: string;
}

/** `{ns}local`, or `local` when there is no namespace: the key used in every map of the model. */
export function qnameKey(name: QName): string {
  return name.ns === null ? name.local : `{${name.ns}}${name.local}`;
}

/** Text of `xs:annotation/xs:documentation`, paragraphs joined by a blank line; whitespace trimmed. */
export type Documentation = string | undefined;

/** `maxOccurs="unbounded"` is `Infinity`. */
export interface Occurs {
  readonly min: number;
  readonly max: number;
}

export type WhiteSpace = 'preserve' | 'replace' | 'collapse';

/** One enumeration value, with its own documentation if it has any. */
export interface EnumValue {
  readonly value: string;
  readonly doc: Documentation;
}

/**
 * Facets declared on one restriction step. Numeric bounds are kept as their lexical strings
 * (lossless for decimals and 64-bit integers).
 */
export interface Facets {
  enumeration?: EnumValue[];
  /** Patterns of this step (ORed with each other; steps are ANDed). XSD regex syntax, unconverted. */
  pattern?: string[];
  /** Where each pattern is written (same order as `pattern`), so a bad one is reported at its line. */
  patternLocs?: SourceLocation[];
  length?: number;
  minLength?: number;
  maxLength?: number;
  whiteSpace?: WhiteSpace;
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  totalDigits?: number;
  fractionDigits?: number;
}

export type TypeDef = SimpleTypeDef | ComplexTypeDef;

export interface SimpleTypeDef {
  readonly kind: 'simple';
  /** `null` for an anonymous type. Built-ins have `ns === XS_NS`. */
  readonly name: QName | null;
  readonly loc: SourceLocation | null;
  readonly doc: Documentation;
  readonly variety: 'atomic' | 'list' | 'union';
  /** The type this one restricts; `null` only for `xs:anySimpleType`. */
  base: SimpleTypeDef | null;
  /** Set on the built-in types only: the built-in's local name (`string`, `int`, `anySimpleType`, …). */
  readonly builtin?: string;
  /** Facets declared on this restriction step only. */
  facets: Facets;
  /** For `list`: the item type. */
  itemType?: SimpleTypeDef;
  /** For `union`: the member types, in declaration order (memberTypes first, then inline ones). */
  memberTypes?: SimpleTypeDef[];
}

/** The derivation chain of a simple type: itself, its base, …, up to `xs:anySimpleType` (a cycle stops at its first repeat). */
export function simpleTypeChain(def: SimpleTypeDef): SimpleTypeDef[] {
  const chain: SimpleTypeDef[] = [];
  const seen = new Set<SimpleTypeDef>();
  for (let t: SimpleTypeDef | null = def; t !== null && !seen.has(t); t = t.base) {
    seen.add(t);
    chain.push(t);
  }
  return chain;
}

/** The value of `facet` on the nearest step of `chain` (from `simpleTypeChain`) that sets it. */
export function nearestFacet<K extends keyof Facets>(chain: readonly SimpleTypeDef[], facet: K): Facets[K] | undefined {
  return chain.find((t) => t.facets[facet] !== undefined)?.facets[facet];
}

export interface ComplexTypeDef {
  readonly kind: 'complex';
  readonly name: QName | null;
  readonly loc: SourceLocation | null;
  readonly doc: Documentation;
  readonly abstract: boolean;
  readonly mixed: boolean;
  /** How this type derives from `base`; `null` when it has no explicit derivation (base is anyType). */
  derivation: 'extension' | 'restriction' | null;
  /** The base type (`xs:anyType` when there is no explicit derivation). `null` only for anyType itself. */
  base: TypeDef | null;
  /**
   * - `empty`: no content (attributes only, or nothing: `NoneType`)
   * - `simple`: text of `simpleType`, plus attributes
   * - `elements`: element-only content
   * - `mixed`: elements interleaved with text
   */
  contentKind: 'empty' | 'simple' | 'elements' | 'mixed';
  /**
   * The effective content model (for `elements`/`mixed`): for an extension, a sequence of
   * the base's content followed by the extension's own particles; for a restriction, the
   * restricted content as written. `null` for `empty`/`simple`.
   */
  content: Particle | null;
  /** For `simple` content: the value's type (a restriction step with its facets becomes an anonymous simple type). */
  simpleType?: SimpleTypeDef;
  /** Effective attribute uses: inherited ones first, then own; attribute groups expanded; prohibited ones removed. */
  attributes: AttributeUse[];
  /** `xs:anyAttribute`, if any (effective). */
  anyAttribute?: Wildcard;
  /**
   * A named type's `block` (or its schema's `blockDefault`): the derivation methods by which a
   * derived type may not stand in its place with `xsi:type`. Absent when none.
   */
  block?: ReadonlySet<'extension' | 'restriction'>;
  /** A named type's `final` (or its schema's `finalDefault`): the methods by which no type may derive from it. Absent when none. */
  final?: ReadonlySet<'extension' | 'restriction'>;
}

export type Particle = ElementParticle | ModelGroup | AnyParticle;

export interface ElementParticle extends Occurs {
  readonly kind: 'element';
  /** For `ref=`, the global declaration; otherwise the local one. */
  readonly decl: ElementDecl;
  readonly loc: SourceLocation;
}

export interface ModelGroup extends Occurs {
  readonly kind: 'sequence' | 'choice' | 'all';
  readonly particles: Particle[];
  readonly loc: SourceLocation;
}

export interface Wildcard {
  /** `##any`, `##other`, `##local`, `##targetNamespace` or a list of URIs, as written. */
  readonly namespace: string;
  readonly processContents: 'strict' | 'lax' | 'skip';
  /** The target namespace of the schema document it appears in (for `##targetNamespace`/`##other`). */
  readonly targetNamespace: string | null;
}

export interface AnyParticle extends Occurs, Wildcard {
  readonly kind: 'any';
  readonly loc: SourceLocation;
}

export interface ElementDecl {
  /** Qualified when global or when `elementFormDefault`/`form` say so. */
  readonly name: QName;
  /** The declared type; `xs:anyType` when the declaration has none. */
  type: TypeDef;
  readonly global: boolean;
  readonly nillable: boolean;
  readonly abstract: boolean;
  readonly default?: string;
  readonly fixed?: string;
  readonly loc: SourceLocation;
  readonly doc: Documentation;
  /** For a global element declared with `substitutionGroup`: its head. */
  substitutionHead?: ElementDecl;
  /**
   * For a global element that heads a substitution group: every element that may appear where
   * it is referenced — itself unless abstract, then the members of its group, transitively
   * (members of members), in schema order; abstract members and members whose type derivation
   * the head blocks (`block`, or the schema's `blockDefault`) are left out. Absent when no
   * element names it as its head.
   */
  substitutes?: ElementDecl[];
  /** The identity constraints (`xs:key`, `xs:keyref`, `xs:unique`) declared on this element, in schema order. */
  identity?: IdentityConstraint[];
  /**
   * The element's `block` (or its schema's `blockDefault`) as far as `xsi:type` is concerned: the
   * derivation methods by which a type derived from its type may not be named. Absent when none.
   */
  block?: ReadonlySet<'extension' | 'restriction'>;
}

/**
 * A name test of an identity constraint's XPath: `*` is `{ ns: '*', local: '*' }`, `p:*` is
 * `{ ns, local: '*' }`; an unprefixed name is in no namespace (`ns: null`).
 */
export interface NameTest {
  readonly ns: string | null;
  readonly local: string;
}

/** One path of an identity constraint's selector or field (see `model/identity.ts` for the grammar). */
export interface IdentityPath {
  /** Starts with `.//`: the steps match at any depth below the context element. */
  readonly descendant: boolean;
  /** Child steps from the context element (`.` steps left out). */
  readonly steps: readonly NameTest[];
  /** A field's final `@name` step. */
  readonly attribute?: NameTest;
}

export interface IdentityConstraint {
  readonly kind: 'key' | 'keyref' | 'unique';
  /** Qualified by the schema's target namespace (the constraint names are global). */
  readonly name: QName;
  /** Alternatives (`a | b`). */
  readonly selector: readonly IdentityPath[];
  /** One entry per `xs:field`, each with its alternatives. */
  readonly fields: readonly (readonly IdentityPath[])[];
  /** For `keyref`: the `key` or `unique` it refers to. */
  refer?: IdentityConstraint;
  readonly loc: SourceLocation;
}

export interface AttributeUse {
  readonly name: QName;
  type: SimpleTypeDef;
  readonly use: 'optional' | 'required';
  readonly default?: string;
  readonly fixed?: string;
  readonly loc: SourceLocation;
  readonly doc: Documentation;
}

/** One schema set: everything reachable from one root file through include/import. */
export interface SchemaSet {
  /** The root file, relative to the schema directory (`agent_input.xsd`). */
  readonly root: string;
  /** Every file loaded, in the order first reached (depth-first, includes in document order). */
  readonly files: string[];
  /** Global named types by `qnameKey`, built-ins excluded. */
  readonly types: Map<string, TypeDef>;
  /** Global element declarations by `qnameKey`. */
  readonly elements: Map<string, ElementDecl>;
  /**
   * The prefix the schema documents declare for each target namespace of the set (on their
   * `xs:schema` elements: first the namespace's own documents, then the others, in load order;
   * a prefix bound to two namespaces is left out). For names people know: UBL's `cbc`, `cac`.
   */
  readonly prefixes: ReadonlyMap<string, string>;
}

/** A problem found in a schema. `loc` is where it was found (the referencing place for a bad reference). */
export interface SchemaDiagnostic {
  readonly file: string;
  readonly line: number;
  /** The offending name (type, element, group, file, construct). */
  readonly name: string;
  readonly message: string;
}

/** Thrown with every problem found when a schema set cannot be resolved. */
export class SchemaError extends Error {
  constructor(readonly diagnostics: SchemaDiagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
    this.name = 'SchemaError';
  }
}

/** How the global types of the request and response sets relate (from `compareSets`). */
export interface SetComparison {
  /** Names (qnameKey) whose definitions are the same component in both sets, transitively. */
  readonly shared: string[];
  /** Names defined in both sets with different content (`ServicesManagementType`). */
  readonly differing: string[];
  readonly inputOnly: string[];
  readonly outputOnly: string[];
}
