/**
 * The runtime shipped with generated bindings: serialize values to XML and parse XML to values,
 * both checked against the schema descriptors.
 */
export { serialize, escapeText, escapeAttr, type SerializeOptions } from './serialize.js';
export { parse, parseStrict, parseWithWarnings, DEFAULT_MAX_BYTES, type ParseOptions, type ParseResult, type ParseWarning } from './parse.js';
export { PleskError, PleskXmlError, XmlSyntaxError, SchemaViolationError, formatViolation, type Violation } from './errors.js';
export { deref, isComplex, checkDescriptorFormat, DESCRIPTOR_FORMAT, elementDesc, sequenceDesc, choiceDesc, allDesc, withSupport } from './descriptors.js';
export { untypedContent } from './untyped.js';
export { laxGlobals } from './laxglobals.js';
export { anyAttributes } from './anyattr.js';
export { lexicalSpaces } from './lexical.js';
export { uriReferences } from './uri.js';
export { listTypes, unionTypes } from './listunion.js';
export { numberTypes, decimalTypes, bigintTypes } from './numbers.js';
export { lexicalFacets } from './facets.js';
export { fixedValues } from './fixed.js';
export { enableIdentityConstraints } from './identity.js';
export { enableXsiTypes } from './xsitype.js';
export { enableMixedContent } from './mixed.js';
export { enableSchemaLocations } from './locations.js';
export { enableGeneralCore } from './general.js';
export { namespacePrefixes, type NamespacePrefixes } from './nsprefix.js';
export type {
  AnyElementValue,
  AnyElement,
  XmlFragment,
  OneOf,
  Absent,
  OtherBranchesAbsent,
  ValueKind,
  WhiteSpace,
  SimpleDesc,
  AttrDesc,
  ElemDesc,
  ElementOptions,
  GroupDesc,
  AnyDesc,
  ParticleDesc,
  ComplexDesc,
  TypeDesc,
  TypeRef,
  RootDesc,
  IdentityDesc,
  IdentityPathDesc,
  XsiTyped,
  SchemaLocations,
  XsiTypeDesc,
  RuntimeFeature,
} from './descriptors.js';
