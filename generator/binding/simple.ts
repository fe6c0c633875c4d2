/**
 * Simple types: how a `SimpleTypeDef` maps to a TypeScript type and to the facts the runtime
 * checks (its descriptor). One function per concern; `bind.ts` decides naming and placement.
 */
import { SchemaError, nearestFacet, simpleTypeChain, type SimpleTypeDef, type SourceLocation, type WhiteSpace } from '../model/types.js';
import type { BindingOptions, SimpleFacts, SimpleRef, TsType, ValueKind } from './model.js';
import { xsdPatternToJs } from './regex.js';

const WS_CODE: Record<WhiteSpace, 'p' | 'r' | 'c'> = { preserve: 'p', replace: 'r', collapse: 'c' };

/** Built-ins whose value is a string checked against the built-in's lexical space. */
const LEXICAL_STRING_BUILTINS = new Set([
  'normalizedString', 'token', 'language', 'NMTOKEN', 'Name', 'NCName', 'ID', 'IDREF', 'ENTITY',
  'duration', 'dateTime', 'time', 'date', 'gYearMonth', 'gYear', 'gMonthDay', 'gDay', 'gMonth',
  'hexBinary', 'base64Binary', 'anyURI', 'QName', 'NOTATION',
]);

/** Integer built-ins whose whole range is exactly representable as a JavaScript number. */
const SAFE_INTEGER_BUILTINS = new Set(['int', 'short', 'byte', 'unsignedInt', 'unsignedShort', 'unsignedByte']);

/** The derivation chain from `def` up to and including its primitive built-in (or anySimpleType). */
const chainOf = simpleTypeChain;

/** The nearest built-in in the chain (the type itself if it is one). */
export function nearestBuiltin(def: SimpleTypeDef): SimpleTypeDef {
  return chainOf(def).find((t) => t.builtin !== undefined) ?? def;
}

const nearest = nearestFacet;

function hasBuiltinAncestor(chain: SimpleTypeDef[], name: string): boolean {
  return chain.some((t) => t.builtin === name);
}

/** How the value of this (atomic) type is represented at run time. */
export function valueKindOf(def: SimpleTypeDef, options: BindingOptions): ValueKind {
  const chain = chainOf(def);
  const listOrUnion = chain.find((t) => t.variety !== 'atomic' || t.itemType !== undefined || t.memberTypes !== undefined);
  if (listOrUnion?.variety === 'list') return 'list';
  if (listOrUnion?.variety === 'union') return 'union';
  if (hasBuiltinAncestor(chain, 'boolean')) return 'boolean';
  if (hasBuiltinAncestor(chain, 'float') || hasBuiltinAncestor(chain, 'double')) return 'number';
  if (hasBuiltinAncestor(chain, 'integer')) {
    if (options.integers === 'bigint' && !chain.some((t) => t.builtin !== undefined && SAFE_INTEGER_BUILTINS.has(t.builtin))) {
      return 'bigint';
    }
    return 'integer';
  }
  if (hasBuiltinAncestor(chain, 'decimal')) return 'decimal';
  return 'string';
}

/** A pattern facet as a JavaScript regular expression; a pattern that is not XSD syntax is a schema error at its type's file:line. */
function patternOf(pattern: string, step: SimpleTypeDef, at: SourceLocation | undefined): string {
  try {
    return xsdPatternToJs(pattern);
  } catch (error) {
    const name = step.name === null ? 'anonymous simple type' : step.name.local;
    const loc = at ?? step.loc;
    throw new SchemaError([
      { file: loc?.file ?? '(unknown file)', line: loc?.line ?? 0, name, message: `invalid pattern facet of ${step.name === null ? 'an anonymous simple type' : `"${step.name.local}"`}: ${(error as Error).message}` },
    ]);
  }
}

/** Computes the runtime facts of a simple type. `ref` turns member/item types into references. */
export function simpleFacts(
  def: SimpleTypeDef,
  name: string,
  options: BindingOptions,
  ref: (t: SimpleTypeDef) => SimpleRef,
): SimpleFacts {
  const chain = chainOf(def);
  const kind = valueKindOf(def, options);
  const builtin = nearestBuiltin(def);
  const ws = nearest(chain, 'whiteSpace') ?? (kind === 'string' && builtin.builtin === 'anySimpleType' ? 'preserve' : 'collapse');
  const facts: SimpleFacts = { name, kind, ws: WS_CODE[ws] };

  if (kind === 'list') {
    const listDef = chain.find((t) => t.itemType !== undefined);
    if (listDef?.itemType) facts.item = ref(listDef.itemType);
  } else if (kind === 'union') {
    const unionDef = chain.find((t) => t.memberTypes !== undefined);
    facts.members = (unionDef?.memberTypes ?? []).map(ref);
  } else if (builtin.builtin !== undefined && LEXICAL_STRING_BUILTINS.has(builtin.builtin)) {
    facts.lex = builtin.builtin;
  }

  const enumeration = nearest(chain, 'enumeration');
  if (enumeration !== undefined) facts.enumeration = enumeration.map((e) => e.value);

  // Patterns of user-defined steps; built-in steps are covered by the kind and `lex` checks.
  const steps = chain.filter((t) => t.builtin === undefined && t.facets.pattern !== undefined && t.facets.pattern.length > 0);
  if (steps.length > 0) {
    facts.xsdPatterns = steps.map((t) => t.facets.pattern ?? []);
    facts.patterns = steps.map((t) => (t.facets.pattern ?? []).map((p, i) => patternOf(p, t, t.facets.patternLocs?.[i])));
  }

  for (const facet of ['length', 'minLength', 'maxLength', 'totalDigits', 'fractionDigits'] as const) {
    const value = nearest(chain, facet);
    // fractionDigits 0 is intrinsic to every integer; the kind already checks it.
    if (value !== undefined && !(facet === 'fractionDigits' && kind !== 'decimal' && value === 0)) facts[facet] = value;
  }
  // Bounds: the nearest step bounding a side decides it (a derived type can only narrow), so
  // an inherited inclusive bound never stands beside a tighter exclusive one. With an
  // enumeration the values say it all.
  if (facts.enumeration === undefined) {
    for (const [inclusive, exclusive] of [['minInclusive', 'minExclusive'], ['maxInclusive', 'maxExclusive']] as const) {
      const step = chain.find((t) => t.facets[inclusive] !== undefined || t.facets[exclusive] !== undefined);
      if (step?.facets[inclusive] !== undefined) facts[inclusive] = step.facets[inclusive];
      else if (step?.facets[exclusive] !== undefined) facts[exclusive] = step.facets[exclusive];
    }
  }
  // Built-in list types carry minLength 1 on the list; keep it only for lists.
  if (kind !== 'list' && builtin.builtin !== undefined && ['NMTOKENS', 'IDREFS', 'ENTITIES'].includes(builtin.builtin)) {
    delete facts.minLength;
  }
  return facts;
}

/** The TypeScript type of a simple type's values. */
export function simpleTsType(facts: SimpleFacts, refTs: (r: SimpleRef) => TsType): TsType {
  if (facts.enumeration !== undefined && facts.kind !== 'list' && facts.kind !== 'union') {
    if (facts.kind === 'integer' || facts.kind === 'number') {
      const values = facts.enumeration.map(Number).filter((n) => !Number.isNaN(n));
      if (values.length === facts.enumeration.length) return { kind: 'literals', values: dedupe(values) };
    } else if (facts.kind === 'string' || facts.kind === 'decimal') {
      return { kind: 'literals', values: dedupe(facts.enumeration) };
    } else if (facts.kind === 'boolean') {
      const values = dedupe(facts.enumeration.map((v) => v === 'true' || v === '1'));
      return values.length === 1 ? { kind: 'literals', values } : { kind: 'primitive', name: 'boolean' };
    }
  }
  switch (facts.kind) {
    case 'boolean':
      return { kind: 'primitive', name: 'boolean' };
    case 'number':
    case 'integer':
      return { kind: 'primitive', name: 'number' };
    case 'bigint':
      return { kind: 'primitive', name: 'bigint' };
    case 'list':
      return { kind: 'array', of: facts.item ? refTs(facts.item) : { kind: 'primitive', name: 'string' } };
    case 'union': {
      const members = (facts.members ?? []).map(refTs);
      return members.length === 1 ? members[0] : { kind: 'union', of: members };
    }
    default:
      return { kind: 'primitive', name: 'string' };
  }
}

function dedupe<T>(values: T[]): T[] {
  return [...new Set(values)];
}
