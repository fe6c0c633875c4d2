/**
 * Simple types: whitespace processing, lexical checks, facets, and the conversions between XML
 * text and JavaScript values described in `descriptors.ts`. Shared by the serializer and parser.
 * Every descriptor is compiled once into an `SPlan` (cached per descriptor object).
 *
 * What only some types need is in modules of its own, installed by the descriptors of those
 * types (`withSupport`, descriptors.ts) so that other bundles do not carry it: the lexical spaces
 * of the string-like built-ins (`lexical.ts`), list and union types (`listunion.ts`).
 */
import type { SimpleDesc, ValueKind, WhiteSpace } from './descriptors.js';

/** One problem with one value. `facet` marks facet/enumeration failures (warnings in lenient parsing). */
export interface Problem {
  readonly msg: string;
  readonly facet: boolean;
}

/** Appends a problem that leaves the value unusable; returns undefined (`return refused(…)`). */
export function refused(out: Problem[], msg: string): undefined {
  out.push({ msg, facet: false });
  return undefined;
}

/** Appends a facet or enumeration failure (a warning in lenient parsing: the value is kept). */
function facetFailed(out: Problem[], msg: string): void {
  out.push({ msg, facet: true });
}

const LenUnit = { Chars: 0, Octets: 1, Items: 2 } as const;
type LenUnit = (typeof LenUnit)[keyof typeof LenUnit];

export interface SPlan {
  readonly desc: SimpleDesc;
  readonly kind: ValueKind;
  readonly whiteSpace: WhiteSpace;
  readonly name: string;
  readonly lexical: RegExp | null;
  readonly lexName: string;
  /** Octets of a value, where length facets count them (`hexBinary`, `base64Binary`). */
  readonly octets: ((lex: string) => number) | null;
  /** Whitespace around a value that libxml2 refuses (dates and times, see `lexical.ts`): 0 none, 1 trailing, 2 either. */
  readonly noWs: number;
  readonly enumeration: ReadonlySet<string> | null;
  readonly enCanon: ReadonlyMap<string, string>;
  readonly patterns: readonly (readonly RegExp[])[] | null;
  readonly lenUnit: LenUnit;
  readonly hasLen: boolean;
  readonly hasBounds: boolean;
  readonly hasDigits: boolean;
  readonly members: readonly SPlan[] | null;
  readonly itemType: SPlan | null;
  /** True when no facet and no lexical restriction applies beyond the kind (fast path). */
  readonly plain: boolean;
  /** A string type restricted by an enumeration only: a value found in `enCanon` needs no other check. */
  readonly enOnly: boolean;
  /** Integer bounds as exact numbers, when the bounds are the only facets and all are safe integers. */
  readonly intBounds: readonly [number, number, number, number] | null;
}

// ---------------------------------------------------------------------------------------------
// Lexical spaces

/**
 * A built-in's lexical space (`SimpleDesc.lexical`), from `lexical.ts`: its regular expression
 * (null: every string), how length facets count (`octets`), and the whitespace libxml2 refuses.
 */
export interface LexicalSpace {
  readonly re: RegExp | null;
  readonly octets: ((lex: string) => number) | null;
  readonly noWs: number;
}

let lexicalSpace: ((name: string) => LexicalSpace | undefined) | null = null;

/** Installs the lexical spaces (called by `lexical.ts`). */
export function useLexicalSpaces(f: (name: string) => LexicalSpace | undefined): void {
  lexicalSpace = f;
}

function lexicalOf(d: SimpleDesc, name: string): LexicalSpace {
  if (lexicalSpace === null) throw new Error(`runtime: ${d.name} needs lexicalSpaces (withSupport)`);
  const s = lexicalSpace(name);
  if (s === undefined) throw new Error(`runtime: unknown lexical space "${name}" in a descriptor`);
  return s;
}

/**
 * How the values of a kind beyond the core ones are read and written (`list`, `union`:
 * `listunion.ts`): `parse` gets the text after whitespace processing; each returns undefined
 * after appending a problem that leaves the value unusable.
 */
export interface KindCodec {
  parse(p: SPlan, lex: string, out: Problem[]): unknown;
  write(p: SPlan, v: unknown, out: Problem[], check: boolean): string | undefined;
}

const kinds: Partial<Record<ValueKind, KindCodec>> = {};

/** Installs the codec of `kind` (called by `listunion.ts`). */
export function useKind(kind: 'list' | 'union', codec: KindCodec): void {
  kinds[kind] = codec;
}

function kindOf(p: SPlan): KindCodec {
  const k = kinds[p.kind];
  if (k === undefined) throw new Error(`runtime: ${p.name} needs ${p.kind}Types (withSupport)`);
  return k;
}

const RE_BOOLEAN = /^(?:true|false|1|0)$/;
const RE_INTEGER = /^[+-]?[0-9]+$/;
const RE_DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const RE_DOUBLE = /^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)$/;
/** Characters outside the XML 1.0 `Char` production (lone surrogates included). */
export const RE_NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** A character as `U+XXXX`. */
export function uPlus(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The problem with the first character of `s` that XML 1.0 does not allow; undefined when there is none. */
export function notXmlChar(s: string): string | undefined {
  const bad = RE_NOT_XML_CHAR.exec(s);
  return bad === null ? undefined : `contains ${uPlus(bad[0])} at index ${bad.index}, which XML 1.0 does not allow`;
}

// ---------------------------------------------------------------------------------------------
// Compilation

const plans = new WeakMap<SimpleDesc, SPlan>();

export function simplePlan(d: SimpleDesc): SPlan {
  let p = plans.get(d);
  if (p === undefined) {
    p = compile(d);
    plans.set(d, p);
  }
  return p;
}

function compile(d: SimpleDesc): SPlan {
  // After whitespace processing some lexical spaces hold for every string: no check needed.
  const implied = (d.lexical === 'token' && d.whiteSpace === 'collapse') || (d.lexical === 'normalizedString' && d.whiteSpace !== 'preserve');
  const space = d.lexical !== undefined ? lexicalOf(d, d.lexical) : null;
  const lex = space !== null && !implied ? space.re : null;
  const octets = space?.octets ?? null;
  const lenUnit: LenUnit = d.kind === 'list' ? LenUnit.Items : octets !== null ? LenUnit.Octets : LenUnit.Chars;
  const pt = d.patterns?.map((step) =>
    step.map((src) => {
      try {
        return new RegExp(`^(?:${src})$`, 'u');
      } catch (e) {
        throw new Error(`runtime: pattern of ${d.name} does not compile: /${src}/u (${(e as Error).message})`);
      }
    }),
  );
  const hasLen = d.length !== undefined || d.minLength !== undefined || d.maxLength !== undefined;
  const hasBounds = d.minInclusive !== undefined || d.maxInclusive !== undefined || d.minExclusive !== undefined || d.maxExclusive !== undefined;
  const hasDigits = d.totalDigits !== undefined || d.fractionDigits !== undefined;
  const en = d.enumeration !== undefined ? new Set(d.enumeration) : null;
  return {
    desc: d,
    kind: d.kind,
    whiteSpace: d.whiteSpace,
    name: d.name,
    lexical: lex,
    lexName: d.lexical ?? d.kind,
    octets,
    noWs: space?.noWs ?? 0,
    enumeration: en,
    enCanon: new Map((d.enumeration ?? []).map((v) => [v, v])),
    patterns: pt ?? null,
    lenUnit,
    hasLen,
    hasBounds,
    hasDigits,
    members: d.kind === 'union' ? (d.members ?? []).map(simplePlan) : null,
    itemType: d.kind === 'list' && d.itemType !== undefined ? simplePlan(d.itemType) : null,
    plain: lex === null && en === null && pt === undefined && !hasLen && !hasBounds && !hasDigits,
    enOnly: d.kind === 'string' && lex === null && en !== null && pt === undefined && !hasLen && !hasBounds && !hasDigits,
    intBounds: d.kind === 'integer' && lex === null && en === null && pt === undefined && !hasLen && hasBounds && !hasDigits ? exactBounds(d) : null,
  };
}

function exactBounds(d: SimpleDesc): [number, number, number, number] | null {
  const num = (s: string | undefined, dflt: number): number => (s === undefined ? dflt : RE_INTEGER.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : NaN);
  const b: [number, number, number, number] = [num(d.minInclusive, -Infinity), num(d.maxInclusive, Infinity), num(d.minExclusive, -Infinity), num(d.maxExclusive, Infinity)];
  return b.some(Number.isNaN) ? null : b;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const RE_WS_REPLACE = /[\t\n\r]/g;
const RE_NEEDS_COLLAPSE = /[\t\n\r]|^ | $|  /;
const RE_WS_RUN = /[\t\n\r ]+/g;

export function applyWhiteSpace(ws: WhiteSpace, s: string): string {
  if (ws === 'preserve' || s.length === 0) return s;
  if (ws === 'replace') return s.replace(RE_WS_REPLACE, ' ');
  if (!RE_NEEDS_COLLAPSE.test(s)) return s;
  return s.replace(RE_WS_RUN, ' ').trim();
}

/** Length in Unicode code points. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Quotes a value for a message, shortened when long. */
export function show(s: string): string {
  const t = s.length > 60 ? `${s.slice(0, 57)}...` : s;
  return JSON.stringify(t);
}

/** Whether libxml2 (and so Plesk) refuses the whitespace around `raw` (see `LexicalSpace.noWs`). */
function refusedByLibxml2(p: SPlan, raw: string): boolean {
  if (p.noWs === 0 || raw.length === 0) return false;
  return isXmlSpace(raw.charCodeAt(raw.length - 1)) || (p.noWs === 2 && isXmlSpace(raw.charCodeAt(0)));
}

function isXmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Whether `lex` is in the type's narrower lexical space (`lex`), if any; appends the problem when not. */
function inLexSpace(p: SPlan, lex: string, out: Problem[]): boolean {
  if (p.lexical === null || p.lexical.test(lex)) return true;
  refused(out, `${show(lex)} is not a valid xs:${p.lexName}`);
  return false;
}

/** Whether a problem other than a facet failure was appended to `out` from index `from` on. */
export function hardProblemSince(out: readonly Problem[], from: number): boolean {
  for (let i = from; i < out.length; i++) if (!out[i].facet) return true;
  return false;
}

interface Dec {
  sign: -1 | 0 | 1;
  int: string;
  frac: string;
}

function splitDecimal(s: string): Dec {
  let i = 0;
  let sign: -1 | 1 = 1;
  if (s[0] === '-') {
    sign = -1;
    i = 1;
  } else if (s[0] === '+') i = 1;
  const dot = s.indexOf('.', i);
  let int = dot < 0 ? s.slice(i) : s.slice(i, dot);
  let frac = dot < 0 ? '' : s.slice(dot + 1);
  let a = 0;
  while (a < int.length && int.charCodeAt(a) === 48) a++;
  int = int.slice(a);
  let b = frac.length;
  while (b > 0 && frac.charCodeAt(b - 1) === 48) b--;
  frac = frac.slice(0, b);
  return { sign: int.length === 0 && frac.length === 0 ? 0 : sign, int, frac };
}

/** Exact comparison of two decimal (or integer) lexical values: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const x = splitDecimal(a);
  const y = splitDecimal(b);
  if (x.sign !== y.sign) return x.sign < y.sign ? -1 : 1;
  if (x.sign === 0) return 0;
  let mag: number;
  if (x.int.length !== y.int.length) mag = x.int.length < y.int.length ? -1 : 1;
  else if (x.int !== y.int) mag = x.int < y.int ? -1 : 1;
  else if (x.frac === y.frac) mag = 0;
  else mag = x.frac < y.frac ? -1 : 1;
  return mag * x.sign;
}

function compareValues(p: SPlan, a: string, b: string): number {
  switch (p.kind) {
    case 'integer':
    case 'bigint':
    case 'decimal':
      return compareDecimal(a, b);
    case 'number': {
      const x = parseDouble(a);
      const y = parseDouble(b);
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
    }
    default:
      // Date/time kinds of equal layout compare as text; other layouts are not ordered here.
      return a < b ? -1 : a > b ? 1 : 0;
  }
}

function parseDouble(s: string): number {
  if (s === 'INF' || s === '+INF') return Infinity;
  if (s === '-INF') return -Infinity;
  return Number(s);
}

/** A value's length as length facets count it: list items (separated by one space after collapsing), octets or characters. */
function lengthOf(p: SPlan, lex: string): number {
  if (p.lenUnit === LenUnit.Items) return lex.length === 0 ? 0 : lex.split(' ').length;
  return p.octets !== null ? p.octets(lex) : codePointLength(lex);
}

/** Facet checks on a lexical value (after whitespace processing); each failure is appended to `out`. */
function checkFacets(p: SPlan, lex: string, out: Problem[]): void {
  const d = p.desc;
  if (p.enumeration !== null && !p.enumeration.has(lex)) {
    facetFailed(out, `${show(lex)} is not one of ${[...p.enumeration].join(', ')}`);
  }
  if (p.patterns !== null) {
    for (const step of p.patterns) {
      let ok = false;
      for (const re of step) {
        if (re.test(lex)) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        facetFailed(out, `${show(lex)} does not match the pattern of ${p.name} (${(d.patternSources ?? d.patterns!).map((s) => s.join(' | ')).join(' & ')})`);
        break;
      }
    }
  }
  if (p.hasLen) {
    const n = lengthOf(p, lex);
    const unit = p.lenUnit === LenUnit.Items ? 'items' : p.lenUnit === LenUnit.Chars ? 'characters' : 'octets';
    if (d.length !== undefined && n !== d.length) facetFailed(out, `${show(lex)} has ${n} ${unit}; the length must be ${d.length}`);
    if (d.minLength !== undefined && n < d.minLength) facetFailed(out, `${show(lex)} has ${n} ${unit}; at least ${d.minLength} required`);
    if (d.maxLength !== undefined && n > d.maxLength) facetFailed(out, `${show(lex)} has ${n} ${unit}; at most ${d.maxLength} allowed`);
  }
  if (p.hasBounds) {
    if (d.minInclusive !== undefined && !(compareValues(p, lex, d.minInclusive) >= 0)) facetFailed(out, `${lex} is less than the minimum ${d.minInclusive}`);
    if (d.maxInclusive !== undefined && !(compareValues(p, lex, d.maxInclusive) <= 0)) facetFailed(out, `${lex} is greater than the maximum ${d.maxInclusive}`);
    if (d.minExclusive !== undefined && !(compareValues(p, lex, d.minExclusive) > 0)) facetFailed(out, `${lex} must be greater than ${d.minExclusive}`);
    if (d.maxExclusive !== undefined && !(compareValues(p, lex, d.maxExclusive) < 0)) facetFailed(out, `${lex} must be less than ${d.maxExclusive}`);
  }
  if (p.hasDigits) {
    const x = splitDecimal(lex);
    if (d.totalDigits !== undefined && x.int.length + x.frac.length > d.totalDigits) facetFailed(out, `${lex} has more than ${d.totalDigits} digits in total`);
    if (d.fractionDigits !== undefined && x.frac.length > d.fractionDigits) facetFailed(out, `${lex} has more than ${d.fractionDigits} fraction digits`);
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing: text → value

/**
 * Converts element or attribute text to the value the binding rules give. Problems are appended
 * to `out`; on a lexical problem the result is `undefined`, on facet problems the converted value
 * is still returned (lenient parsing keeps it).
 */
export function parseSimple(p: SPlan, raw: string, out: Problem[]): unknown {
  const lex = applyWhiteSpace(p.whiteSpace, raw);
  if (p.enOnly) {
    // The common case first: one of the enumerated values (the descriptor's own string).
    const c = p.enCanon.get(lex);
    if (c !== undefined) return c;
  } else if (p.intBounds !== null && RE_INTEGER.test(lex)) {
    const n = Number(lex);
    const b = p.intBounds;
    if (Number.isSafeInteger(n) && n >= b[0] && n <= b[1] && n > b[2] && n < b[3]) return n === 0 ? 0 : n;
  }
  let value: unknown;
  switch (p.kind) {
    case 'string':
      if (lex !== raw && refusedByLibxml2(p, raw)) {
        return refused(out, `${show(raw)} is not a valid xs:${p.lexName}: libxml2 (with which Plesk validates) refuses whitespace around it`);
      }
      if (!inLexSpace(p, lex, out)) return undefined;
      // An enumerated value is returned as the descriptor's own string: the parsed text can be
      // dropped at once (less garbage to copy while the result tree is being built). Base64 text
      // is kept as written: its line breaks are layout, not value (any base64 decoder skips
      // them), and a document written back keeps them — a signed document's digests do not
      // change under a round trip. It is checked in its collapsed form like any value.
      value = p.enumeration !== null ? (p.enCanon.get(lex) ?? lex) : p.lexName === 'base64Binary' ? raw : lex;
      break;
    case 'boolean':
      if (!RE_BOOLEAN.test(lex)) return refused(out, `${show(lex)} is not a valid boolean (true, false, 1, 0)`);
      value = lex === 'true' || lex === '1';
      break;
    case 'integer': {
      if (!RE_INTEGER.test(lex)) return refused(out, `${show(lex)} is not a valid integer`);
      const n = Number(lex);
      if (!Number.isSafeInteger(n)) return refused(out, `${lex} is outside the safe integer range ±(2^53−1)`);
      value = n === 0 ? 0 : n;
      break;
    }
    case 'bigint':
      if (!RE_INTEGER.test(lex)) return refused(out, `${show(lex)} is not a valid integer`);
      value = BigInt(lex);
      break;
    case 'decimal':
      if (!RE_DECIMAL.test(lex)) return refused(out, `${show(lex)} is not a valid decimal`);
      value = lex;
      break;
    case 'number':
      if (!RE_DOUBLE.test(lex)) return refused(out, `${show(lex)} is not a valid floating-point number`);
      value = parseDouble(lex);
      break;
    default:
      // list, union (listunion.ts)
      value = kindOf(p).parse(p, lex, out);
      if (value === undefined) return undefined;
  }
  if (!p.plain) {
    if (p.kind !== 'string' && !inLexSpace(p, lex, out)) return undefined;
    checkFacets(p, lex, out);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Serializing: value → text

/** Appends "expected `what`, got …" for a value of the wrong JavaScript type; returns undefined. */
function wrongType(out: Problem[], what: string, v: unknown): undefined {
  return refused(out, `expected ${what}, got ${typeName(v)}`);
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' ? 'an object' : t;
}

/**
 * Converts a value to its lexical form, checking the JavaScript type, XML characters, lexical
 * space and facets. Returns `undefined` when the value cannot be written (problems added).
 * With `check` false only the conversion is done.
 */
export function toLexical(p: SPlan, v: unknown, out: Problem[], check: boolean): string | undefined {
  let lex: string;
  switch (p.kind) {
    case 'string':
      if (typeof v !== 'string') return wrongType(out, 'a string', v);
      if (!check) return v;
      {
        const bad = notXmlChar(v);
        if (bad !== undefined) return refused(out, bad);
      }
      if (p.plain) return v;
      lex = applyWhiteSpace(p.whiteSpace, v);
      if (!inLexSpace(p, lex, out)) return undefined;
      checkFacets(p, lex, out);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') return wrongType(out, 'a boolean', v);
      lex = v ? 'true' : 'false';
      break;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return refused(out, typeof v === 'number' ? `${v} is not an integer` : `expected an integer number, got ${typeName(v)}`);
      if (!Number.isSafeInteger(v)) return refused(out, `${v} is outside the safe integer range ±(2^53−1); use a bigint binding for such values`);
      lex = String(v);
      break;
    case 'bigint':
      if (typeof v !== 'bigint') return wrongType(out, 'a bigint', v);
      lex = v.toString();
      break;
    case 'decimal':
      if (typeof v !== 'string' || !RE_DECIMAL.test(v)) return refused(out, typeof v === 'string' ? `${show(v)} is not a valid decimal` : `expected a decimal string, got ${typeName(v)}`);
      lex = v;
      break;
    case 'number':
      if (typeof v !== 'number') return wrongType(out, 'a number', v);
      lex = v === Infinity ? 'INF' : v === -Infinity ? '-INF' : Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v);
      break;
    default: {
      // list, union (listunion.ts)
      const s = kindOf(p).write(p, v, out, check);
      if (s === undefined) return undefined;
      lex = s;
    }
  }
  if (check && !p.plain) {
    if (!inLexSpace(p, lex, out)) return undefined;
    checkFacets(p, lex, out);
  }
  return lex;
}
