/**
 * Schema-validity rules for simple types and value constraints, checked on the resolved model
 * (XML Schema Part 2 §4.3 and the "schema component constraints" of Part 1). The resolver only
 * checks that each facet is well formed on its own; a schema can still say things that no
 * validator accepts, and libxml2 refuses to load such a schema at all:
 * - a facet the type's primitive does not have (`minInclusive` on a string, `maxLength` on a
 *   number, `totalDigits` on a float);
 * - facets that contradict each other, on one step or across the derivation chain
 *   (`maxLength` below `minLength`, `fractionDigits` above `totalDigits`, a lower bound above the
 *   upper one, a restriction that widens its base's length or digit limits);
 * - values that are not in the base type's value space: numeric bounds and enumeration values,
 *   and element and attribute `default`/`fixed` values (checked against the enumeration, the
 *   lexical space of numbers and booleans, numeric bounds and digits, and the length facets).
 * Generating from such a schema would produce bindings whose checks contradict the schema they
 * claim to follow, so each problem is reported at the offending type's or declaration's
 * file:line, with every other diagnostic of the set.
 *
 * Deliberately not checked (each needs a full value-space implementation for little gain):
 * bounds of date/time and duration types, patterns against enumeration values, and lengths of
 * binary and QName values.
 */
import { nearestFacet, simpleTypeChain } from './types.js';
import type { AttributeUse, ComplexTypeDef, ElementDecl, Facets, Particle, SchemaDiagnostic, SchemaSet, SimpleTypeDef, SourceLocation, TypeDef } from './types.js';

type FacetName = keyof Omit<Facets, 'patternLocs'>;

const STRING_LIKE: readonly FacetName[] = ['length', 'minLength', 'maxLength', 'pattern', 'enumeration', 'whiteSpace'];
const ORDERED: readonly FacetName[] = ['pattern', 'enumeration', 'whiteSpace', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'];

/** Which facets each primitive has (Part 2, §4.1.5), and lists and unions. */
const APPLICABLE: Record<string, readonly FacetName[]> = {
  string: STRING_LIKE,
  hexBinary: STRING_LIKE,
  base64Binary: STRING_LIKE,
  anyURI: STRING_LIKE,
  QName: STRING_LIKE,
  NOTATION: STRING_LIKE,
  boolean: ['pattern', 'whiteSpace'],
  decimal: [...ORDERED, 'totalDigits', 'fractionDigits'],
  float: ORDERED,
  double: ORDERED,
  duration: ORDERED,
  dateTime: ORDERED,
  time: ORDERED,
  date: ORDERED,
  gYearMonth: ORDERED,
  gYear: ORDERED,
  gMonthDay: ORDERED,
  gDay: ORDERED,
  gMonth: ORDERED,
  list: STRING_LIKE,
  union: ['pattern', 'enumeration'],
};

const FACET_NAMES: readonly FacetName[] = [
  'length', 'minLength', 'maxLength', 'pattern', 'enumeration', 'whiteSpace',
  'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'totalDigits', 'fractionDigits',
];

const chainOf = simpleTypeChain;

/** `list`, `union`, or the primitive built-in the type derives from (`anySimpleType` when none). */
function varietyOf(chain: readonly SimpleTypeDef[]): string {
  for (const t of chain) {
    if (t.variety === 'list' || t.itemType !== undefined) return 'list';
    if (t.variety === 'union' || t.memberTypes !== undefined) return 'union';
    if (t.builtin !== undefined && t.base !== null && t.base.builtin === 'anySimpleType') return t.builtin;
  }
  return 'anySimpleType';
}

const nearest = nearestFacet;

// ---------------------------------------------------------------- numbers

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)$/;

/** A decimal in canonical parts, for exact comparison at any size. */
interface Dec {
  readonly neg: boolean;
  readonly int: string;
  readonly frac: string;
}

function toDec(lexical: string): Dec {
  let s = lexical;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s.startsWith('-');
    s = s.slice(1);
  }
  const [i = '', f = ''] = s.split('.');
  const int = i.replace(/^0+/, '');
  const frac = f.replace(/0+$/, '');
  return { neg: neg && (int !== '' || frac !== ''), int, frac };
}

function compareDec(a: Dec, b: Dec): number {
  if (a.neg !== b.neg) return a.neg ? -1 : 1;
  const sign = a.neg ? -1 : 1;
  if (a.int.length !== b.int.length) return sign * (a.int.length - b.int.length);
  if (a.int !== b.int) return sign * (a.int < b.int ? -1 : 1);
  const n = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(n, '0');
  const fb = b.frac.padEnd(n, '0');
  return fa === fb ? 0 : sign * (fa < fb ? -1 : 1);
}

function floatValue(lexical: string): number {
  if (lexical === 'INF') return Infinity;
  if (lexical === '-INF') return -Infinity;
  return Number(lexical);
}

type NumberFamily = 'integer' | 'decimal' | 'float' | null;

function familyOf(chain: readonly SimpleTypeDef[], variety: string): NumberFamily {
  if (variety === 'float' || variety === 'double') return 'float';
  if (variety !== 'decimal') return null;
  return chain.some((t) => t.builtin === 'integer') ? 'integer' : 'decimal';
}

const LEXICAL: Record<Exclude<NumberFamily, null>, [RegExp, string]> = {
  integer: [INTEGER, 'not an integer'],
  decimal: [DECIMAL, 'not a decimal number'],
  float: [FLOAT, 'not a floating-point number'],
};

/** Orders two numbers of one family; `undefined` when either is not comparable (NaN). */
function compareNumbers(family: Exclude<NumberFamily, null>, a: string, b: string): number | undefined {
  if (family === 'float') {
    const x = floatValue(a);
    const y = floatValue(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return compareDec(toDec(a), toDec(b));
}

function collapse(s: string): string {
  return s.replace(/[\t\n\r ]+/g, ' ').trim();
}

// ---------------------------------------------------------------- values

const BOUNDS = [
  ['minInclusive', 'below', (c: number) => c < 0],
  ['minExclusive', 'not above', (c: number) => c <= 0],
  ['maxInclusive', 'above', (c: number) => c > 0],
  ['maxExclusive', 'not below', (c: number) => c >= 0],
] as const;

/**
 * Why `raw` is not a value of `def`, or `undefined` when it is (or when this module cannot
 * tell: see the header for what is not checked).
 */
function valueProblem(def: SimpleTypeDef, raw: string, depth = 0): string | undefined {
  if (depth > 20) return undefined;
  const chain = chainOf(def);
  const variety = varietyOf(chain);
  const ws = nearest(chain, 'whiteSpace') ?? (variety === 'string' ? 'preserve' : 'collapse');
  const value = ws === 'collapse' ? collapse(raw) : ws === 'replace' ? raw.replace(/[\t\n\r]/g, ' ') : raw;

  if (variety === 'list') {
    const listStep = chain.find((t) => t.itemType !== undefined);
    const items = value === '' ? [] : value.split(' ');
    if (listStep?.itemType !== undefined) {
      for (const item of items) {
        const p = valueProblem(listStep.itemType, item, depth + 1);
        if (p !== undefined) return `item "${item}": ${p}`;
      }
    }
    return lengthProblem(chain, items.length, 'items') ?? enumerationProblem(chain, value, null);
  }
  if (variety === 'union') {
    const members = chain.find((t) => t.memberTypes !== undefined)?.memberTypes ?? [];
    if (members.length > 0 && members.every((m) => valueProblem(m, value, depth + 1) !== undefined)) {
      return 'not a value of any member type of the union';
    }
    return enumerationProblem(chain, value, null);
  }

  if (variety === 'boolean' && !/^(true|false|1|0)$/.test(value)) return 'not a boolean';
  const family = familyOf(chain, variety);
  if (family !== null) {
    const [lexical, message] = LEXICAL[family];
    if (!lexical.test(value)) return message;
    for (const [facet, relation, outside] of BOUNDS) {
      const bound = nearest(chain, facet);
      const c = bound === undefined ? undefined : compareNumbers(family, value, collapse(bound));
      if (c !== undefined && outside(c)) return `${relation} the ${facet} ${bound}`;
    }
    if (family !== 'float') {
      const d = toDec(value);
      const total = nearest(chain, 'totalDigits');
      const fraction = nearest(chain, 'fractionDigits');
      if (total !== undefined && d.int.length + d.frac.length > total) return `more than ${total} digits in total`;
      if (fraction !== undefined && d.frac.length > fraction) return `more than ${fraction} fraction digits`;
    }
  }
  if (variety === 'string' || variety === 'anyURI') {
    const p = lengthProblem(chain, [...value].length, 'characters');
    if (p !== undefined) return p;
  }
  return enumerationProblem(chain, value, family);
}

function lengthProblem(chain: readonly SimpleTypeDef[], n: number, unit: string): string | undefined {
  const length = nearest(chain, 'length');
  const min = nearest(chain, 'minLength');
  const max = nearest(chain, 'maxLength');
  if (length !== undefined && n !== length) return `${n} ${unit} where the length is ${length}`;
  if (min !== undefined && n < min) return `${n} ${unit}, fewer than the minLength ${min}`;
  if (max !== undefined && n > max) return `${n} ${unit}, more than the maxLength ${max}`;
  return undefined;
}

function enumerationProblem(chain: readonly SimpleTypeDef[], value: string, family: NumberFamily): string | undefined {
  const values = nearest(chain, 'enumeration');
  if (values === undefined) return undefined;
  const same = (e: string): boolean => {
    if (family === null) return e === value || collapse(e) === value;
    const v = collapse(e);
    return LEXICAL[family][0].test(v) && compareNumbers(family, v, value) === 0;
  };
  return values.some((e) => same(e.value)) ? undefined : 'not one of the enumerated values';
}

// ---------------------------------------------------------------- the checks

class Checker {
  readonly diagnostics: SchemaDiagnostic[] = [];
  private readonly seenSimple = new Set<SimpleTypeDef>();
  private readonly seenComplex = new Set<ComplexTypeDef>();

  private report(loc: SourceLocation | null, name: string, message: string): void {
    this.diagnostics.push({ file: loc?.file ?? '(unknown file)', line: loc?.line ?? 0, name, message });
  }

  type(t: TypeDef, fallback: SourceLocation | null): void {
    if (t.kind === 'simple') this.simple(t, fallback);
    else this.complex(t);
  }

  simple(t: SimpleTypeDef, fallback: SourceLocation | null): void {
    if (this.seenSimple.has(t) || t.builtin !== undefined) return;
    this.seenSimple.add(t);
    const loc = t.loc ?? fallback;
    if (t.base !== null) this.simple(t.base, loc);
    if (t.itemType !== undefined) this.simple(t.itemType, loc);
    for (const m of t.memberTypes ?? []) this.simple(m, loc);
    this.facets(t, loc);
  }

  private facets(t: SimpleTypeDef, loc: SourceLocation | null): void {
    const own = t.facets;
    const present = FACET_NAMES.filter((f) => own[f] !== undefined);
    if (present.length === 0) return;
    const name = t.name === null ? 'anonymous simple type' : t.name.local;
    const what = t.name === null ? 'an anonymous simple type' : `simple type "${t.name.local}"`;
    const problem = (message: string): void => this.report(loc, name, `${message} (${what})`);
    const chain = chainOf(t);
    const variety = varietyOf(chain);
    const applicable = APPLICABLE[variety];
    if (applicable !== undefined) {
      const wrong = present.filter((f) => !applicable.includes(f));
      const on = variety === 'list' || variety === 'union' ? `a ${variety} type` : `a type derived from xs:${variety}`;
      for (const f of wrong) problem(`facet xs:${f} is not allowed on ${on}`);
      if (wrong.length > 0) return;
    }

    // Contradictions, judged on the effective facets (this step's, else the nearest base's).
    const length = nearest(chain, 'length');
    const min = nearest(chain, 'minLength');
    const max = nearest(chain, 'maxLength');
    if (min !== undefined && max !== undefined && min > max) problem(`minLength ${min} is greater than maxLength ${max}`);
    if (length !== undefined && min !== undefined && length < min) problem(`length ${length} is less than minLength ${min}`);
    if (length !== undefined && max !== undefined && length > max) problem(`length ${length} is greater than maxLength ${max}`);
    const total = nearest(chain, 'totalDigits');
    const fraction = nearest(chain, 'fractionDigits');
    if (total !== undefined && fraction !== undefined && fraction > total) problem(`fractionDigits ${fraction} is greater than totalDigits ${total}`);
    if (own.totalDigits !== undefined && own.totalDigits < 1) problem('totalDigits must be at least 1');
    if (own.minInclusive !== undefined && own.minExclusive !== undefined) problem('minInclusive and minExclusive on one restriction');
    if (own.maxInclusive !== undefined && own.maxExclusive !== undefined) problem('maxInclusive and maxExclusive on one restriction');

    // A restriction narrows: its limits may not be wider than its base's.
    const base = t.base === null ? [] : chainOf(t.base);
    const limits = [
      ['length', (m: number, b: number) => m !== b],
      ['minLength', (m: number, b: number) => m < b],
      ['maxLength', (m: number, b: number) => m > b],
      ['totalDigits', (m: number, b: number) => m > b],
      ['fractionDigits', (m: number, b: number) => m > b],
    ] as const;
    for (const [facet, wider] of limits) {
      const mine = own[facet];
      const inherited = nearest(base, facet);
      if (mine !== undefined && inherited !== undefined && wider(mine, inherited)) problem(`${facet} ${mine} widens the base type's ${facet} ${inherited}`);
    }

    if (t.base === null) return;
    // Bounds and enumeration values must be values of the base type.
    const family = familyOf(chain, variety);
    for (const [facet] of BOUNDS) {
      const v = own[facet];
      if (v === undefined) continue;
      const p = family === null ? undefined : valueProblem(t.base, v);
      if (p !== undefined) problem(`${facet} "${v}" is not a value of the base type: ${p}`);
    }
    if (family !== null) {
      const lo = own.minInclusive ?? own.minExclusive;
      const hi = own.maxInclusive ?? own.maxExclusive;
      const c = lo === undefined || hi === undefined ? undefined : compareNumbers(family, collapse(lo), collapse(hi));
      // Equal bounds leave one value when both are inclusive and an empty (but allowed) range
      // when both are exclusive; one of each is an error at equality (Part 2, §4.3.7.4, §4.3.9.4).
      const strict = (own.minExclusive !== undefined) !== (own.maxExclusive !== undefined);
      if (c !== undefined && (c > 0 || (c === 0 && strict))) problem(`the lower bound ${lo} is not below the upper bound ${hi}`);
    }
    for (const e of own.enumeration ?? []) {
      const p = valueProblem(t.base, e.value);
      if (p !== undefined) problem(`enumeration value "${e.value}" is not a value of the base type: ${p}`);
    }
  }

  complex(t: ComplexTypeDef): void {
    if (this.seenComplex.has(t)) return;
    this.seenComplex.add(t);
    if (t.base !== null) this.type(t.base, t.loc);
    if (t.simpleType !== undefined) this.simple(t.simpleType, t.loc);
    for (const a of t.attributes) this.attribute(a);
    this.particle(t.content);
  }

  private particle(p: Particle | null): void {
    if (p === null) return;
    if (p.kind === 'element') this.element(p.decl);
    else if (p.kind !== 'any') for (const q of p.particles) this.particle(q);
  }

  element(d: ElementDecl): void {
    this.type(d.type, d.loc);
    const simple = d.type.kind === 'simple' ? d.type : d.type.contentKind === 'simple' ? d.type.simpleType : undefined;
    for (const which of ['default', 'fixed'] as const) {
      const v = d[which];
      if (v === undefined) continue;
      if (d.type.kind === 'complex' && d.type.contentKind !== 'simple' && d.type.contentKind !== 'mixed') {
        this.report(d.loc, d.name.local, `element "${d.name.local}" has a ${which} value but its type has no text content`);
      } else if (simple !== undefined) {
        const p = valueProblem(simple, v);
        if (p !== undefined) this.report(d.loc, d.name.local, `${which} value "${v}" of element "${d.name.local}" is not valid: ${p}`);
      }
    }
  }

  private attribute(a: AttributeUse): void {
    this.simple(a.type, a.loc);
    for (const which of ['default', 'fixed'] as const) {
      const v = a[which];
      const p = v === undefined ? undefined : valueProblem(a.type, v);
      if (p !== undefined) this.report(a.loc, a.name.local, `${which} value "${v}" of attribute "${a.name.local}" is not valid: ${p}`);
    }
  }
}

/** Every violation of the rules above in a resolved set, in a stable order (file, then line). */
export function checkConstraints(set: SchemaSet): SchemaDiagnostic[] {
  const c = new Checker();
  for (const t of set.types.values()) c.type(t, null);
  for (const e of set.elements.values()) c.element(e);
  const seen = new Set<string>();
  return c.diagnostics
    .filter((d) => {
      const key = `${d.file}:${d.line}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}
