/**
 * The binding model: every generated declaration with its TypeScript name, module and shape.
 * Built from the schema model by `bind.ts`; the emitters read only this.
 */
import type { SourceLocation } from '../model/types.js';
import type { ObjectForm, ObjectShape } from './shapes.js';

/** Which part of the tree a declaration lives in. */
export type Side = 'shared' | 'request' | 'response';

export type ValueKind = 'string' | 'boolean' | 'number' | 'integer' | 'bigint' | 'decimal' | 'list' | 'union';

/** Everything the runtime needs to check and convert one simple type (becomes a `SimpleDesc`). */
export interface SimpleFacts {
  /** Name for messages. */
  name: string;
  kind: ValueKind;
  ws: 'p' | 'r' | 'c';
  lex?: string;
  enumeration?: string[];
  /** Converted to JavaScript RegExp sources; outer: steps (all), inner: alternatives (one). */
  patterns?: string[][];
  /** The XSD patterns as written (same nesting as `patterns`), for documentation and messages. */
  xsdPatterns?: string[][];
  length?: number;
  minLength?: number;
  maxLength?: number;
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  totalDigits?: number;
  fractionDigits?: number;
  members?: SimpleRef[];
  item?: SimpleRef;
}

/** A TypeScript type expression. */
export type TsType =
  | { kind: 'primitive'; name: 'string' | 'number' | 'boolean' | 'bigint' | 'true' | 'null' }
  | { kind: 'literals'; values: (string | number | boolean)[] }
  | { kind: 'named'; decl: Declaration }
  | { kind: 'runtime'; name: 'XmlFragment' | 'AnyElementValue' }
  | { kind: 'array'; of: TsType }
  | { kind: 'union'; of: TsType[] };

/** A simple type used somewhere: a named declaration, or an anonymous/built-in one inlined. */
export type SimpleRef =
  | { kind: 'named'; decl: SimpleDeclaration }
  | { kind: 'inline'; facts: SimpleFacts; ts: TsType; builtin?: string };

export interface PropertyBase {
  /** Property name in the object. */
  prop: string;
  /** XML local name. */
  xml: string;
  ns: string | null;
  doc: string | undefined;
}

export interface AttributeBinding extends PropertyBase {
  type: SimpleRef;
  required: boolean;
  default?: string;
  fixed?: string;
}

export type ElementType = { kind: 'complex'; decl: ComplexDeclaration } | { kind: 'simple'; ref: SimpleRef } | { kind: 'anyType' };

/**
 * An identity constraint as the runtime reads it (`IdentityDesc`): names as `{ns}local` or
 * `local`, name tests as such a name, `*` or `{ns}*`.
 */
export interface IdentityFacts {
  kind: 'key' | 'keyref' | 'unique';
  name: string;
  selector: IdentityPathFacts[];
  fields: IdentityPathFacts[][];
  /** For a keyref: the name of the key or unique it refers to. */
  refer?: string;
}

export interface IdentityPathFacts {
  descendant: boolean;
  steps: string[];
  attribute?: string;
}

export interface ElementBinding extends PropertyBase {
  kind: 'element';
  /** Identity constraints of the element's declaration. */
  identity?: IdentityFacts[];
  min: number;
  max: number;
  type: ElementType;
  nillable: boolean;
  default?: string;
  fixed?: string;
  /** The declaration's `block` (or `blockDefault`) for `xsi:type`: derivation methods it refuses. */
  block?: ('extension' | 'restriction')[];
}

export interface GroupBinding {
  kind: 'sequence' | 'choice' | 'all';
  min: number;
  max: number;
  /** Property holding the item array when `max > 1` and the group is not the whole value. */
  prop?: string;
  /** Name of the generated item type when the group repeats. */
  itemTypeName?: string;
  /**
   * For the choice standing for a reference to the head of a substitution group: the head's XML
   * name (a repeating one is held in a property named after it).
   */
  substitutionHead?: string;
  /** The shape of one item (set by the shapes pass, `shapes.ts`, when `itemTypeName` is). */
  itemShape?: ObjectShape;
  doc: string | undefined;
  particles: ParticleBinding[];
}

export interface WildcardBinding {
  kind: 'any';
  prop: string;
  min: number;
  max: number;
  namespace: string;
  processContents: 'strict' | 'lax' | 'skip';
}

export type ParticleBinding = ElementBinding | GroupBinding | WildcardBinding;

interface DeclarationBase {
  /** Unique exported name across the tree. */
  name: string;
  /** Schema name for messages (`srvOpType`; anonymous: `BackupServerInput/split-size`). */
  schemaName: string;
  side: Side;
  /** Module (without extension) holding the TypeScript declaration: `shared/common`. */
  module: string;
  loc: SourceLocation | null;
  doc: string | undefined;
}

export interface SimpleDeclaration extends DeclarationBase {
  kind: 'simple';
  facts: SimpleFacts;
  ts: TsType;
}

export interface ComplexDeclaration extends DeclarationBase {
  kind: 'complex';
  shape: 'flag' | 'object' | 'array' | 'simple' | 'any';
  attributes: AttributeBinding[];
  /** The content, for `object` and `array` shapes. */
  content: ParticleBinding | null;
  /** Text type for the `simple` shape. */
  text?: SimpleRef;
  /**
   * For an extension of a named complex type whose content is the base's followed by its own:
   * the base. Whether it is written `interface X extends Base` is the shapes pass's decision (`form`).
   */
  extends?: ComplexDeclaration;
  /** How an `object` declaration is written (set by the shapes pass, `shapes.ts`). */
  form?: ObjectForm;
  mixed: boolean;
  anyAttribute: boolean;
  /**
   * The namespaces `xs:anyAttribute` admits, when not every one (`wildcardNamespaces`: the
   * schema's target namespace written out); absent for `##any`.
   */
  anyAttributeNamespaces?: string;
  /**
   * The named types derived from this one that may stand in its place, each chosen in XML with
   * `xsi:type` and in the value with `$type` (see `XsiTypeBinding`); `unionName` is the union of
   * their values (with the type itself first when it is `concrete`), the type of an element
   * declared with this type. Every abstract type has it; a concrete one where the profile asks
   * (the general core) and some type is derived from it. Derived types the type's `block` (or
   * `blockDefault`) refuses are left out.
   */
  xsiTypes?: { unionName: string; types: XsiTypeBinding[]; concrete: boolean };
}

/** A type that `xsi:type` may name where an abstract base is declared. */
export interface XsiTypeBinding {
  /** The value of `$type`: the XML local name (with `{ns}` when two candidates share it). */
  discriminant: string;
  xml: string;
  ns: string | null;
  decl: ComplexDeclaration;
  /** The derivation methods on the way from the declared type to this one (for an element's `block`). */
  by: ('extension' | 'restriction')[];
}

export type Declaration = SimpleDeclaration | ComplexDeclaration;

/** One operator under `<packet>` and its operations, for the client layer. */
export interface OperatorBinding {
  xml: string;
  prop: string;
  doc: string | undefined;
  request: ComplexDeclaration | null;
  response: ComplexDeclaration | null;
  /** How the operator's value holds its operations in requests; null when requests have no such operator. */
  requestLayout: OperationsLayout | null;
  /** The same for responses. */
  responseLayout: OperationsLayout | null;
  operations: OperationBinding[];
  /** Its module's file name under `operators/` (named by the profile's naming pass, profiles/plesk/naming.ts). */
  file: string;
  /**
   * For an operator the client offers (requests have it with operations): the `PleskClient`
   * member (`server`; `requestOperator` where a client member has the name) and the class of its
   * methods (`ServerOperations`).
   */
  client: { member: string; className: string } | null;
}

/**
 * How one operator element holds its operations, decided from its content model (the one place
 * that knows; the client and its runtime only read it):
 * - `list`: a repeating choice (or repeating sequence): the value is an array of one-operation
 *   items, `[{ srvMan: … }, { getProtos: true }]` — in the property `prop` when the operator type
 *   has attributes besides the group. Any number of operations per operator element.
 * - `single`: a plain (non-repeating) choice: the value is one operation, `{ add: … }`. One
 *   operation per operator element; a packet repeats the operator element for more.
 * - `fields`: a sequence or `all` of operations: the value is an object with one property per
 *   operation, each at most once per operator element, written in `order` (schema order).
 */
export type OperationsLayout = { kind: 'list'; prop?: string } | { kind: 'single' } | { kind: 'fields'; order: string[] };

export interface OperationBinding {
  xml: string;
  prop: string;
  doc: string | undefined;
  request: ElementType | null;
  response: ElementType | null;
  /** The `clientFor` building block's constant in the operator's module (`srvMan`, `deleteOperation`); null when the client does not offer it. */
  constName: string | null;
}

export interface RootBinding {
  /** Root element name (`packet`). */
  xml: string;
  decl: ComplexDeclaration;
  /**
   * The set's other global elements (a Plesk set's `<descriptor>`), each with its type's
   * declaration: content processed laxly validates an element matching one (`RootDesc.globals`).
   * Elements of `xs:anyType` are left out (matching one checks nothing).
   */
  globals: { xml: string; ns: string | null; decl: Declaration }[];
}

/** A document root the user named (general core): its element, type and the codec's name. */
export interface RootElementBinding {
  xml: string;
  ns: string | null;
  doc: string | undefined;
  type: { kind: 'complex'; decl: ComplexDeclaration } | { kind: 'simple'; decl: SimpleDeclaration } | { kind: 'anyType' };
  /** PascalCase base of the codec's names (`Invoice` → `parseInvoice`, `serializeInvoice`, `invoiceRoot`). */
  codecName: string;
  /** Identity constraints of the root element's declaration. */
  identity?: IdentityFacts[];
}

/** The general core's binding model: declarations (all `shared`) and the named roots. */
export interface ElementsBindingModel {
  declarations: Declaration[];
  roots: RootElementBinding[];
  /**
   * Target namespace → the prefix the schema documents declare for it (`SchemaSet.prefixes`,
   * sorted by namespace): the writer declares these once, on the root, and prefixes elements with
   * them (UBL's `cac:`, `cbc:`) instead of redeclaring a default namespace on every element.
   */
  prefixes: [string, string][];
  options: BindingOptions;
}

/** The Plesk profile's binding model: both packet roots and the operators under them. */
export interface BindingModel {
  declarations: Declaration[];
  request: RootBinding;
  response: RootBinding;
  operators: OperatorBinding[];
  options: BindingOptions;
}

export interface BindingOptions {
  /** `camel` (default): camelCase properties; `xml`: the exact XML names as quoted keys. */
  naming: 'camel' | 'xml';
  /** `number` (default): every integer is a number (values beyond 2^53 are refused); `bigint`: 64-bit and unbounded integers are bigint. */
  integers: 'number' | 'bigint';
}

/** The first group, in document order, that repeats (`max > 1`): where a list of items lives. */
export function firstRepeatingGroup(p: ParticleBinding): GroupBinding | null {
  if (p.kind === 'element' || p.kind === 'any') return null;
  if (p.max > 1) return p;
  for (const child of p.particles) {
    const found = firstRepeatingGroup(child);
    if (found) return found;
  }
  return null;
}
