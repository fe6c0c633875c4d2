/**
 * Simple types: whitespace processing, lexical checks, facets, and the conversions between XML
 * text and JavaScript values described in `descriptors.ts`. Shared by the serializer and parser.
 * Every descriptor is compiled once into an `SPlan` (cached per descriptor object).
 *
 * What only some types need is in modules of its own, installed by the descriptors of those
 * types (`withSupport`, descriptors.ts) so that other bundles do not carry it: the lexical spaces
 * of the string-like built-ins (`lexical.ts`), list and union types (`listunion.ts`), the
 * `number`, `decimal` and `bigint` kinds (`numbers.ts`), and the facets on the lexical form
 * beyond enumeration and bounds: pattern, lengths, digits (`facets.ts`). The core keeps strings,
 * booleans, integers, enumerations and bounds.
 */
import { notInstalled, type SimpleDesc, type ValueKind, type WhiteSpace } from './descriptors.js';

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
export function facetFailed(out: Problem[], msg: string): void {
  out.push({ msg, facet: true });
}

export interface SPlan {
  readonly desc: SimpleDesc;
  readonly kind: ValueKind;
  readonly whiteSpace: WhiteSpace;
  readonly name: string;
  readonly lexical: LexicalTest | null;
  readonly lexName: string;
  /** Octets of a value, where length facets count them (`hexBinary`, `base64Binary`). */
  readonly octets: ((lex: string) => number) | null;
  /** Whether libxml2 refuses the whitespace around a value (dates and times, see `lexical.ts`); null: it never does. */
  readonly noWs: ((raw: string) => boolean) | null;
  readonly enumeration: ReadonlySet<string> | null;
  readonly enCanon: ReadonlyMap<string, string>;
  readonly hasBounds: boolean;
  /** The type's facet check where it has pattern, length or digit facets (`facets.ts`), else null. */
  readonly facets: FacetCheck | null;
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
  readonly re: LexicalTest | null;
  readonly octets: ((lex: string) => number) | null;
  readonly noWs: ((raw: string) => boolean) | null;
}

/** A lexical space's test: a regular expression, or one with a check a regular expression cannot make (a date's day exists). */
export interface LexicalTest {
  test(s: string): boolean;
}

let lexicalSpace: ((name: string) => LexicalSpace | undefined) | null = null;

/** Installs the lexical spaces (called by `lexical.ts`). */
export function useLexicalSpaces(f: (name: string) => LexicalSpace | undefined): void {
  lexicalSpace = f;
}

function lexicalOf(d: SimpleDesc, name: string): LexicalSpace {
  const s = (lexicalSpace ?? notInstalled(d.name, 'lexicalSpaces'))(name);
  if (s === undefined) throw new Error(`runtime: unknown lexical space "${name}" in a descriptor`);
  return s;
}

/**
 * How the values of a kind beyond the core ones are read and written (`list`, `union`:
 * `listunion.ts`; `number`, `decimal`, `bigint`: `numbers.ts`): `parse` gets the text after
 * whitespace processing; each returns undefined after appending a problem that leaves the value
 * unusable.
 */
export interface KindCodec {
  parse(p: SPlan, lex: string, out: Problem[], raw: string): unknown;
  write(p: SPlan, v: unknown, out: Problem[], check: boolean): string | undefined;
  /** Order of two lexical values for the bounds facets, where the kind's values are not compared as decimals or as text. */
  compare?(a: string, b: string): number;
}

/** The codecs installed, by kind (the feature installing kind `k` is `${k}Types`). */
const kinds: Partial<Record<ValueKind, KindCodec>> = {};

/** Installs the codec of `kind` (called by `listunion.ts`, `numbers.ts`). */
export function useKind(kind: ValueKind, codec: KindCodec): void {
  kinds[kind] = codec;
}

function kindOf(p: SPlan): KindCodec {
  const k = kinds[p.kind];
  return k ?? notInstalled(p.name, `${p.kind}Types`);
}

/** A type's check of its pattern, length and digit facets (and of enumeration and bounds, in the order messages list them). */
export type FacetCheck = (p: SPlan, lex: string, out: Problem[]) => void;

let facetChecks: ((d: SimpleDesc) => FacetCheck) | null = null;

/** Installs the compiler of pattern, length and digit facets (called by `facets.ts`). */
export function useLexicalFacets(f: (d: SimpleDesc) => FacetCheck): void {
  facetChecks = f;
}

const RE_BOOLEAN = /^(?:true|false|1|0)$/;
/** Whether `s` is an integer's lexical form, `[+-]?[0-9]+` (a loop: values are read by the thousand, and a regular expression costs more per call). */
export function isIntegerLex(s: string): boolean {
  const n = s.length;
  const c0 = s.charCodeAt(0);
  let i = c0 === 43 || c0 === 45 ? 1 : 0;
  if (i === n) return false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
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
  const hasBounds = d.minInclusive !== undefined || d.maxInclusive !== undefined || d.minExclusive !== undefined || d.maxExclusive !== undefined;
  let facets: FacetCheck | null = null;
  if (d.patterns !== undefined || d.length !== undefined || d.minLength !== undefined || d.maxLength !== undefined || d.totalDigits !== undefined || d.fractionDigits !== undefined) {
    facets = (facetChecks ?? notInstalled(d.name, 'lexicalFacets'))(d);
  }
  const en = d.enumeration !== undefined ? new Set(d.enumeration) : null;
  return {
    desc: d,
    kind: d.kind,
    whiteSpace: d.whiteSpace,
    name: d.name,
    lexical: lex,
    lexName: d.lexical ?? d.kind,
    octets: space?.octets ?? null,
    noWs: space?.noWs ?? null,
    enumeration: en,
    enCanon: new Map((d.enumeration ?? []).map((v) => [v, v])),
    hasBounds,
    facets,
    members: d.kind === 'union' ? (d.members ?? []).map(simplePlan) : null,
    itemType: d.kind === 'list' && d.itemType !== undefined ? simplePlan(d.itemType) : null,
    plain: lex === null && en === null && facets === null && !hasBounds,
    enOnly: d.kind === 'string' && lex === null && en !== null && facets === null && !hasBounds,
    intBounds: d.kind === 'integer' && lex === null && en === null && facets === null && hasBounds ? exactBounds(d) : null,
  };
}

function exactBounds(d: SimpleDesc): [number, number, number, number] | null {
  // A bound beyond the safe range is met by every safe integer on one side and by none on the
  // other: as ±Infinity it says the same of every value the fast path takes (a safe integer).
  const num = (s: string | undefined, dflt: number): number => {
    if (s === undefined) return dflt;
    const n = isIntegerLex(s) ? Number(s) : NaN;
    return Math.abs(n) > Number.MAX_SAFE_INTEGER ? n * Infinity : n;
  };
  const b: [number, number, number, number] = [num(d.minInclusive, -Infinity), num(d.maxInclusive, Infinity), num(d.minExclusive, -Infinity), num(d.maxExclusive, Infinity)];
  return b.some(Number.isNaN) ? null : b;
}

// ---------------------------------------------------------------------------------------------
// Fixed values

/** How fixed values are compared and written (`fixed.ts`, installed by the descriptors that have one). */
export interface FixedRule {
  /** Whether a value read from `raw` is the `fixed` value. */
  is(p: SPlan, fixed: string, raw: string, value: unknown, element: boolean): boolean;
  /**
   * Writing a value whose canonical text `s` is not the fixed text as written: undefined when it
   * is another value; else the text to write (the fixed text, escaped, where libxml2 compares
   * text; else `s`).
   */
  write(p: SPlan, fixed: string, value: unknown, element: boolean, s: string, escape: (x: string) => string): string | undefined;
}

let fixedRule: FixedRule | null = null;

/** Installs the fixed-value rule (called by `fixed.ts`). */
export function useFixedValues(rule: FixedRule): void {
  fixedRule = rule;
}

/** The fixed-value rule; a descriptor built by hand without `fixedValues` fails here. */
export function fixedValue(p: SPlan): FixedRule {
  return fixedRule ?? notInstalled(p.name, 'fixedValues');
}

// ---------------------------------------------------------------------------------------------
// Helpers

const RE_WS_REPLACE = /[\t\n\r]/g;
const RE_WS_RUN = /[\t\n\r ]+/g;

export function applyWhiteSpace(ws: WhiteSpace, s: string): string {
  if (ws === 'preserve' || s.length === 0) return s;
  if (ws === 'replace') return s.replace(RE_WS_REPLACE, ' ');
  // Collapsing changes nothing unless there is a tab or line end, a space at either end, or two in a row.
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 ? i === 0 || i === n - 1 || s.charCodeAt(i - 1) === 32 : isSpace(c)) break;
  }
  if (i === n) return s;
  // Only XML whitespace goes (String.prototype.trim would take no-break and other Unicode spaces too).
  const t = s.replace(RE_WS_RUN, ' ');
  return t.slice(t.charCodeAt(0) === 32 ? 1 : 0, t.charCodeAt(t.length - 1) === 32 ? -1 : t.length);
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

/** XML's whitespace characters: space, tab, line feed, carriage return. */
export function isSpace(c: number): boolean {
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

export interface Dec {
  sign: -1 | 0 | 1;
  int: string;
  frac: string;
}

export function splitDecimal(s: string): Dec {
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
  const k = p.kind;
  if (k === 'integer' || k === 'bigint' || k === 'decimal') return compareDecimal(a, b);
  const compare = kinds[k]?.compare;
  // Date/time kinds of equal layout compare as text; other layouts are not ordered here.
  return compare !== undefined ? compare(a, b) : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Facet checks on a lexical value (after whitespace processing); each failure is appended to
 * `out`. A type with pattern, length or digit facets has its own check (`facets.ts`), which
 * calls `checkEnumeration` and `checkBounds` in their places among its own.
 */
function checkFacets(p: SPlan, lex: string, out: Problem[]): void {
  if (p.facets !== null) return p.facets(p, lex, out);
  checkEnumeration(p, lex, out);
  checkBounds(p, lex, out);
}

export function checkEnumeration(p: SPlan, lex: string, out: Problem[]): void {
  // Enumerated integers are values, as libxml2 compares them: `002048` is one of 1024, 2048.
  const en = p.enumeration;
  if (en !== null && !en.has(p.kind === 'integer' ? String(+lex) : lex)) {
    facetFailed(out, `${show(lex)} is not one of ${[...en].join(', ')}`);
  }
}

export function checkBounds(p: SPlan, lex: string, out: Problem[]): void {
  const d = p.desc;
  if (p.hasBounds) {
    if (d.minInclusive !== undefined && !(compareValues(p, lex, d.minInclusive) >= 0)) facetFailed(out, `${lex} is less than the minimum ${d.minInclusive}`);
    if (d.maxInclusive !== undefined && !(compareValues(p, lex, d.maxInclusive) <= 0)) facetFailed(out, `${lex} is greater than the maximum ${d.maxInclusive}`);
    if (d.minExclusive !== undefined && !(compareValues(p, lex, d.minExclusive) > 0)) facetFailed(out, `${lex} must be greater than ${d.minExclusive}`);
    if (d.maxExclusive !== undefined && !(compareValues(p, lex, d.maxExclusive) < 0)) facetFailed(out, `${lex} must be less than ${d.maxExclusive}`);
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
  } else if (p.intBounds !== null && isIntegerLex(lex)) {
    const n = Number(lex);
    const b = p.intBounds;
    if (Number.isSafeInteger(n) && n >= b[0] && n <= b[1] && n > b[2] && n < b[3]) return n === 0 ? 0 : n;
  }
  let value: unknown;
  switch (p.kind) {
    case 'string':
      // Not where the type has an enumeration or a pattern, whose checks make libxml2 collapse the value first.
      if (lex !== raw && p.noWs !== null && p.enumeration === null && p.desc.patterns === undefined && p.noWs(raw)) {
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
      if (!isIntegerLex(lex)) return refused(out, `${show(lex)} is not a valid integer`);
      const n = Number(lex);
      if (!Number.isSafeInteger(n)) return refused(out, `${lex} is outside the safe integer range ±(2^53−1)`);
      value = n === 0 ? 0 : n;
      break;
    }
    default:
      // list, union (listunion.ts); number, decimal, bigint (numbers.ts)
      value = kindOf(p).parse(p, lex, out, raw);
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
export function wrongType(out: Problem[], what: string, v: unknown): undefined {
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
    default: {
      // list, union (listunion.ts); number, decimal, bigint (numbers.ts)
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
