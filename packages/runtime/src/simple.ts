/**
 * Simple types: whitespace processing, lexical checks, facets, and the conversions between XML
 * text and JavaScript values described in `descriptors.ts`. Shared by the serializer and parser.
 * Every descriptor is compiled once into an `SPlan` (cached per descriptor object).
 */
import type { SimpleDesc, ValueKind, WhiteSpace } from './descriptors.js';

/** One problem with one value. `facet` marks facet/enumeration failures (warnings in lenient parsing). */
export interface Problem {
  readonly msg: string;
  readonly facet: boolean;
}

/** Appends a problem that leaves the value unusable; returns undefined (`return refused(…)`). */
function refused(out: Problem[], msg: string): undefined {
  out.push({ msg, facet: false });
  return undefined;
}

/** Appends a facet or enumeration failure (a warning in lenient parsing: the value is kept). */
function facetFailed(out: Problem[], msg: string): void {
  out.push({ msg, facet: true });
}

const LenUnit = { Chars: 0, Hex: 1, Base64: 2, Items: 3 } as const;
type LenUnit = (typeof LenUnit)[keyof typeof LenUnit];

export interface SPlan {
  readonly desc: SimpleDesc;
  readonly kind: ValueKind;
  readonly whiteSpace: WhiteSpace;
  readonly name: string;
  readonly lexical: RegExp | null;
  readonly lexName: string;
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

const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const NC_START = NAME_START.slice(1);
const NC_CHAR = NAME_CHAR.slice(1);
const NCNAME = `[${NC_START}][${NC_CHAR}]*`;
const TZ = '(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?';
const YEAR = '-?(?:[1-9][0-9]{3,}|0[0-9]{3})';
const MONTH = '(?:0[1-9]|1[0-2])';
const DAY = '(?:0[1-9]|[12][0-9]|3[01])';
const TIME = '(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?|24:00:00(?:\\.0+)?)';
const B64 = '[A-Za-z0-9+/]';

const LEX_SOURCES: Record<string, string> = {
  date: `${YEAR}-${MONTH}-${DAY}${TZ}`,
  dateTime: `${YEAR}-${MONTH}-${DAY}T${TIME}${TZ}`,
  time: `${TIME}${TZ}`,
  duration: '-?P(?=[0-9]|T[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?',
  gYear: `${YEAR}${TZ}`,
  gYearMonth: `${YEAR}-${MONTH}${TZ}`,
  gMonth: `--${MONTH}${TZ}`,
  gMonthDay: `--${MONTH}-${DAY}${TZ}`,
  gDay: `---${DAY}${TZ}`,
  base64Binary: `(?:(?:${B64} ?){4})*(?:(?:${B64} ?){3}${B64}|(?:${B64} ?){2}[AEIMQUYcgkosw048] ?=|${B64} ?[AQgw] ?= ?=)?`,
  hexBinary: '(?:[0-9a-fA-F]{2})*',
  QName: `(?:${NCNAME}:)?${NCNAME}`,
  NOTATION: `(?:${NCNAME}:)?${NCNAME}`,
  NCName: NCNAME,
  ID: NCNAME,
  IDREF: NCNAME,
  ENTITY: NCNAME,
  Name: `[${NAME_START}][${NAME_CHAR}]*`,
  NMTOKEN: `[${NAME_CHAR}]+`,
  language: '[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*',
  token: '(?:[^\\t\\n\\r ]+(?: [^\\t\\n\\r ]+)*)?',
  normalizedString: '[^\\t\\n\\r]*',
};
const lexCache = new Map<string, RegExp>();

function lexRegExp(name: string): RegExp | null {
  if (name === 'anyURI') return null; // XSD 1.0 accepts practically any string as anyURI
  let re = lexCache.get(name);
  if (re === undefined) {
    const src = LEX_SOURCES[name];
    if (src === undefined) throw new Error(`runtime: unknown lexical space "${name}" in a descriptor`);
    re = new RegExp(`^(?:${src})$`, 'u');
    lexCache.set(name, re);
  }
  return re;
}

const RE_BOOLEAN = /^(?:true|false|1|0)$/;
const RE_INTEGER = /^[+-]?[0-9]+$/;
const RE_DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const RE_DOUBLE = /^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)$/;
const RE_LIST_ITEM = /^[^\t\n\r ]+$/;
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
  const lex = d.lexical !== undefined && !implied ? lexRegExp(d.lexical) : null;
  let lenUnit: LenUnit = LenUnit.Chars;
  if (d.kind === 'list') lenUnit = LenUnit.Items;
  else if (d.lexical === 'hexBinary') lenUnit = LenUnit.Hex;
  else if (d.lexical === 'base64Binary') lenUnit = LenUnit.Base64;
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

/**
 * libxml2 (and so Plesk) refuses whitespace around date and time values, although their
 * whiteSpace facet is collapse: trailing whitespace around every one of them, leading whitespace
 * around date, dateTime, gYear and gYearMonth. The parser agrees with it.
 */
const NO_LEADING_WS = new Set(['date', 'dateTime', 'gYear', 'gYearMonth']);
const NO_TRAILING_WS = new Set([...NO_LEADING_WS, 'time', 'duration', 'gMonth', 'gMonthDay', 'gDay']);

function refusedByLibxml2(lexName: string, raw: string): boolean {
  if (!NO_TRAILING_WS.has(lexName) || raw.length === 0) return false;
  return isXmlSpace(raw.charCodeAt(raw.length - 1)) || (NO_LEADING_WS.has(lexName) && isXmlSpace(raw.charCodeAt(0)));
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
function hardProblemSince(out: readonly Problem[], from: number): boolean {
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

function lengthOf(p: SPlan, lex: string, items: number): number {
  switch (p.lenUnit) {
    case LenUnit.Items:
      return items;
    case LenUnit.Hex:
      return lex.length >> 1;
    case LenUnit.Base64: {
      const t = lex.replace(/ /g, '');
      let pad = 0;
      if (t.endsWith('==')) pad = 2;
      else if (t.endsWith('=')) pad = 1;
      return (t.length / 4) * 3 - pad;
    }
    default:
      return codePointLength(lex);
  }
}

/** Facet checks on a lexical value (after whitespace processing); each failure is appended to `out`. */
function checkFacets(p: SPlan, lex: string, items: number, out: Problem[]): void {
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
    const n = lengthOf(p, lex, items);
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
  let items = 0;
  switch (p.kind) {
    case 'string':
      if (lex !== raw && refusedByLibxml2(p.lexName, raw)) {
        return refused(out, `${show(raw)} is not a valid xs:${p.lexName}: libxml2 (with which Plesk validates) refuses whitespace around it`);
      }
      if (!inLexSpace(p, lex, out)) return undefined;
      // An enumerated value is returned as the descriptor's own string: the parsed text can be
      // dropped at once (less garbage to copy while the result tree is being built). Base64 text
      // is kept as written: its line breaks are layout, not value (any base64 decoder skips
      // them), and a document written back keeps them — a signed document's digests do not
      // change under a round trip. It is checked in its collapsed form like any value.
      value = p.enumeration !== null ? (p.enCanon.get(lex) ?? lex) : p.lenUnit === LenUnit.Base64 ? raw : lex;
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
    case 'list': {
      const item = p.itemType;
      const parts = lex.length === 0 ? [] : lex.split(' ');
      const arr: unknown[] = [];
      const before = out.length;
      for (const part of parts) {
        if (item === null) arr.push(part);
        else arr.push(parseSimple(item, part, out));
      }
      items = parts.length;
      if (hardProblemSince(out, before)) return undefined;
      value = arr;
      break;
    }
    case 'union': {
      let found = false;
      const tmp: Problem[] = [];
      for (const m of p.members!) {
        tmp.length = 0;
        const v = parseSimple(m, lex, tmp);
        if (tmp.length === 0) {
          value = v;
          found = true;
          break;
        }
      }
      if (!found) return refused(out, `${show(lex)} is not valid for any member of ${p.name} (${p.members!.map((m) => m.name).join(', ')})`);
      break;
    }
  }
  if (!p.plain) {
    if (p.kind !== 'string' && !inLexSpace(p, lex, out)) return undefined;
    checkFacets(p, lex, items, out);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Serializing: value → text

/** Appends "expected `what`, got …" for a value of the wrong JavaScript type; returns undefined. */
function wrongType(out: Problem[], what: string, v: unknown): undefined {
  return refused(out, `expected ${what}, got ${typeName(v)}`);
}

function typeName(v: unknown): string {
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
  let items = 0;
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
      checkFacets(p, lex, 0, out);
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
    case 'list': {
      if (!Array.isArray(v)) return refused(out, `expected an array (list type ${p.name}), got ${typeName(v)}`);
      const parts: string[] = [];
      const before = out.length;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const s = p.itemType === null ? (typeof item === 'string' ? item : undefined) : toLexical(p.itemType, item, out, check);
        if (s === undefined) {
          if (p.itemType === null) refused(out, `list item ${i}: expected a string`);
          continue;
        }
        if (check && !RE_LIST_ITEM.test(s)) {
          refused(out, `list item ${i} (${show(s)}) is empty or contains whitespace`);
          continue;
        }
        parts.push(s);
      }
      if (hardProblemSince(out, before)) return undefined;
      lex = parts.join(' ');
      items = parts.length;
      break;
    }
    case 'union': {
      const tmp: Problem[] = [];
      let found: string | undefined;
      for (const m of p.members!) {
        tmp.length = 0;
        const s = toLexical(m, v, tmp, true);
        if (s !== undefined && tmp.length === 0) {
          found = s;
          break;
        }
      }
      if (found === undefined) {
        return refused(out, `${typeof v === 'string' ? show(v) : String(v)} is not valid for any member of ${p.name} (${p.members!.map((m) => m.name).join(', ')})`);
      }
      lex = found;
      break;
    }
  }
  if (check && !p.plain) {
    if (!inLexSpace(p, lex, out)) return undefined;
    checkFacets(p, lex, items, out);
  }
  return lex;
}
