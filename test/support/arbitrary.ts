/**
 * fast-check arbitraries derived from runtime descriptors, generic over any generated tree.
 *
 * `valueOf(desc, depth)` produces values that follow the binding rules of
 * `generator/runtime/descriptors.ts` and satisfy every facet the descriptor states, so that
 * serialize → libxml2 → strict parse can be checked on them. `invalidMutations(desc)` derives
 * values that break exactly one rule, each tagged with the kind of breakage and the property
 * path of the break; `orderSwaps` does the one breakage that only exists in XML: two adjacent
 * siblings of a sequence written in the wrong order.
 *
 * Nothing here imports the runtime: the checks used to filter generated values (`lexicalFits`)
 * are written independently, so a runtime bug cannot hide itself by shaping the test data.
 */
import fc from 'fast-check';
import type {
  AnyDesc,
  AttrDesc,
  ComplexDesc,
  ElemDesc,
  GroupDesc,
  ParticleDesc,
  RootDesc,
  SimpleDesc,
  TypeDesc,
  TypeRef,
} from '../../packages/runtime/src/descriptors.js';

// ---------------------------------------------------------------------------------------------
// Small helpers (kept local: the runtime is the thing under test)

export function derefType(t: TypeRef): TypeDesc {
  return typeof t === 'function' ? t() : t;
}

export function isComplexDesc(t: TypeDesc): t is ComplexDesc {
  return 'shape' in t;
}

type Rec = Record<string, unknown>;

export interface ArbitraryOptions {
  /** Cap on repetitions of unbounded particles (default 3). */
  readonly cap?: number;
  /**
   * `narrow` (default): `\p{L}`/`\p{N}`-style classes in patterns generate from a Latin
   * sub-alphabet every Unicode version agrees on; `full`: from the whole class as JavaScript
   * knows it (newer Unicode than libxml2's tables).
   */
  readonly unicodeClasses?: 'narrow' | 'full';
}

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function wsApply(ws: SimpleDesc['whiteSpace'], s: string): string {
  if (ws === 'preserve') return s;
  const r = s.replace(/[\t\n\r]/g, ' ');
  return ws === 'replace' ? r : r.replace(/ {2,}/g, ' ').replace(/^ | $/g, '');
}

function cpLength(s: string): number {
  return [...s].length;
}

// ---------------------------------------------------------------------------------------------
// Lexical spaces of the built-ins (an independent restatement; what the generators produce)

const YEAR = '-?(?:[1-9][0-9]{3,}|0[0-9]{3})';
const MO = '(?:0[1-9]|1[0-2])';
const DA = '(?:0[1-9]|[12][0-9]|3[01])';
const TI = '(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?';
const TZ = '(?:Z|[+-](?:0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)?';
const NCN = '[A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF][A-Za-z0-9_.\\-\\u00B7\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF]*';
const BUILTIN: Record<string, RegExp> = Object.fromEntries(
  Object.entries({
    date: `${YEAR}-${MO}-${DA}${TZ}`,
    dateTime: `${YEAR}-${MO}-${DA}T${TI}${TZ}`,
    time: `${TI}${TZ}`,
    duration: '-?P(?!$)(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?!$)(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?',
    gYear: `${YEAR}${TZ}`,
    gYearMonth: `${YEAR}-${MO}${TZ}`,
    gMonth: `--${MO}${TZ}`,
    gMonthDay: `--${MO}-${DA}${TZ}`,
    gDay: `---${DA}${TZ}`,
    base64Binary: '(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?',
    hexBinary: '(?:[0-9A-Fa-f]{2})*',
    QName: `(?:${NCN}:)?${NCN}`,
    NOTATION: `(?:${NCN}:)?${NCN}`,
    NCName: NCN,
    ID: NCN,
    IDREF: NCN,
    ENTITY: NCN,
    Name: `[:A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF][:A-Za-z0-9_.\\-\\u00B7\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF]*`,
    NMTOKEN: '[:A-Za-z0-9_.\\-\\u00B7\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF]+',
    language: '[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*',
    token: '(?:[^\\t\\n\\r ]+(?: [^\\t\\n\\r ]+)*)?',
    normalizedString: '[^\\t\\n\\r]*',
  }).map(([k, v]) => [k, new RegExp(`^(?:${v})$`, 'u')]),
);

const RE_INT = /^[+-]?[0-9]+$/;
const RE_DEC = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const RE_DBL = /^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?INF|\+?INF|NaN)$/;

/** Decimal string → [scaled bigint, scale]. */
function decParts(s: string): { digits: bigint; scale: number } {
  const t = s.replace(/^\+/, '');
  const neg = t.startsWith('-');
  const u = neg ? t.slice(1) : t;
  const [i, f = ''] = u.split('.');
  const digits = BigInt(`${i || '0'}${f}` || '0');
  return { digits: neg ? -digits : digits, scale: f.length };
}

function compareDec(a: string, b: string): number {
  const x = decParts(a);
  const y = decParts(b);
  const s = Math.max(x.scale, y.scale);
  const xa = x.digits * 10n ** BigInt(s - x.scale);
  const yb = y.digits * 10n ** BigInt(s - y.scale);
  return xa < yb ? -1 : xa > yb ? 1 : 0;
}

function octets(d: SimpleDesc, lex: string): number {
  if (d.lexical === 'hexBinary') return lex.length / 2;
  if (d.lexical === 'base64Binary') {
    const t = lex.replace(/ /g, '');
    return (t.length / 4) * 3 - (t.endsWith('==') ? 2 : t.endsWith('=') ? 1 : 0);
  }
  return cpLength(lex);
}

/**
 * Whether `raw` is a valid text for the simple type `d` (whitespace facet applied first):
 * lexical space of the kind and built-in, enumeration, patterns, lengths, bounds, digits.
 */
export function lexicalFits(d: SimpleDesc, raw: string): boolean {
  if (NOT_XML_CHAR.test(raw)) return false;
  const lex = wsApply(d.whiteSpace, raw);
  let items = 0;
  switch (d.kind) {
    case 'boolean':
      if (!/^(?:true|false|1|0)$/.test(lex)) return false;
      break;
    case 'integer':
    case 'bigint':
      if (!RE_INT.test(lex)) return false;
      if (d.kind === 'integer' && !Number.isSafeInteger(Number(lex))) return false;
      break;
    case 'decimal':
      if (!RE_DEC.test(lex)) return false;
      break;
    case 'number':
      if (!RE_DBL.test(lex)) return false;
      break;
    case 'list': {
      const parts = lex === '' ? [] : lex.split(' ');
      if (d.itemType !== undefined && !parts.every((p) => lexicalFits(d.itemType!, p))) return false;
      items = parts.length;
      break;
    }
    case 'union':
      if (!(d.members ?? []).some((m) => lexicalFits(m, lex))) return false;
      break;
    case 'string':
      break;
  }
  if (d.lexical !== undefined && d.lexical !== 'anyURI') {
    const re = BUILTIN[d.lexical];
    if (re === undefined || !re.test(lex)) return false;
  }
  if (d.enumeration !== undefined && !d.enumeration.includes(lex)) return false;
  if (d.patterns !== undefined) {
    for (const step of d.patterns) if (!step.some((src) => new RegExp(`^(?:${src})$`, 'u').test(lex))) return false;
  }
  const n = d.kind === 'list' ? items : octets(d, lex);
  if (d.length !== undefined && n !== d.length) return false;
  if (d.minLength !== undefined && n < d.minLength) return false;
  if (d.maxLength !== undefined && n > d.maxLength) return false;
  if (d.kind === 'integer' || d.kind === 'bigint' || d.kind === 'decimal') {
    if (d.minInclusive !== undefined && compareDec(lex, d.minInclusive) < 0) return false;
    if (d.maxInclusive !== undefined && compareDec(lex, d.maxInclusive) > 0) return false;
    if (d.minExclusive !== undefined && compareDec(lex, d.minExclusive) <= 0) return false;
    if (d.maxExclusive !== undefined && compareDec(lex, d.maxExclusive) >= 0) return false;
    if (d.totalDigits !== undefined || d.fractionDigits !== undefined) {
      const u = lex.replace(/^[+-]/, '');
      const [i, f = ''] = u.split('.');
      const ii = i.replace(/^0+/, '');
      const ff = f.replace(/0+$/, '');
      if (d.totalDigits !== undefined && ii.length + ff.length > d.totalDigits) return false;
      if (d.fractionDigits !== undefined && ff.length > d.fractionDigits) return false;
    }
  } else if (d.kind === 'number') {
    const v = lex.endsWith('INF') ? (lex.startsWith('-') ? -Infinity : Infinity) : Number(lex);
    if (d.minInclusive !== undefined && !(v >= Number(d.minInclusive))) return false;
    if (d.maxInclusive !== undefined && !(v <= Number(d.maxInclusive))) return false;
    if (d.minExclusive !== undefined && !(v > Number(d.minExclusive))) return false;
    if (d.maxExclusive !== undefined && !(v < Number(d.maxExclusive))) return false;
  }
  return true;
}

/** The value the binding gives a (valid) lexical form of `d`. */
export function fromLexical(d: SimpleDesc, raw: string): unknown {
  const lex = wsApply(d.whiteSpace, raw);
  switch (d.kind) {
    case 'boolean':
      return lex === 'true' || lex === '1';
    case 'integer':
      return Number(lex) === 0 ? 0 : Number(lex);
    case 'bigint':
      return BigInt(lex);
    case 'number':
      return lex === 'INF' || lex === '+INF' ? Infinity : lex === '-INF' ? -Infinity : Number(lex);
    case 'list': {
      const parts = lex === '' ? [] : lex.split(' ');
      return d.itemType === undefined ? parts : parts.map((p) => fromLexical(d.itemType!, p));
    }
    case 'union': {
      const m = (d.members ?? []).find((x) => lexicalFits(x, lex));
      return m === undefined ? lex : fromLexical(m, lex);
    }
    default:
      return lex;
  }
}

/** The text the serializer writes for a value of `d` (its canonical form; unions: first member that takes it). */
export function canonicalText(d: SimpleDesc, v: unknown): string | undefined {
  switch (d.kind) {
    case 'boolean':
      return typeof v === 'boolean' ? String(v) : undefined;
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined;
    case 'bigint':
      return typeof v === 'bigint' ? v.toString() : undefined;
    case 'number':
      if (typeof v !== 'number') return undefined;
      return v === Infinity ? 'INF' : v === -Infinity ? '-INF' : Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v);
    case 'list': {
      if (!Array.isArray(v)) return undefined;
      const parts = v.map((x) => (d.itemType === undefined ? (typeof x === 'string' ? x : undefined) : canonicalText(d.itemType, x)));
      return parts.some((p) => p === undefined) ? undefined : parts.join(' ');
    }
    case 'union':
      for (const m of d.members ?? []) {
        const t = canonicalText(m, v);
        if (t !== undefined && lexicalFits(m, t)) return t;
      }
      return undefined;
    default:
      return typeof v === 'string' ? v : undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Characters and strings

const SAFE = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@'];
/** Markup characters, non-ASCII (BMP and astral), and XML-legal oddities. */
const SPECIAL = ['&', '<', '>', '"', "'", ']', 'é', 'ß', 'Ω', '中', '\u00A0', '\u2028', '😀', '\u{10348}', '\uFFFD', '\uE000'];

function charUnit(ws: SimpleDesc['whiteSpace']): fc.Arbitrary<string> {
  const parts: fc.WeightedArbitrary<string>[] = [
    { weight: 10, arbitrary: fc.constantFrom(...SAFE) },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
    { weight: 2, arbitrary: fc.constant(' ') },
  ];
  if (ws === 'preserve') parts.push({ weight: 1, arbitrary: fc.constantFrom('\t', '\n', '\r') });
  return fc.oneof(...parts);
}

/** Texts that tend to break writers and readers: whitespace only, markup look-alikes, entities as text. */
const EDGY: Record<SimpleDesc['whiteSpace'], readonly string[]> = {
  preserve: ['', ' ', '\n', '\t', '\r\n', '  x  ', ']]>', '&amp;', '<!-- c -->', '<?pi x?>', '<![CDATA[x]]>', '&#13;', 'a\r'],
  replace: ['', ' ', '   ', ' x ', ']]>', '&amp;', '<!-- c -->', '<![CDATA[x]]>', '&#13;'],
  collapse: ['', 'x y', ']]>', '&amp;', '<!-- c -->', '<![CDATA[x]]>', '&#13;', '&lt;a&gt;'],
};

/** Strings of XML characters already in the form the whitespace facet leaves unchanged, lengths in code points. */
export function textArb(ws: SimpleDesc['whiteSpace'], minLength = 0, maxLength = 12): fc.Arbitrary<string> {
  const edgy = EDGY[ws].filter((e) => cpLength(e) >= minLength && cpLength(e) <= maxLength);
  const plain = fc.array(charUnit(ws), { minLength, maxLength }).map((units) => {
    if (ws === 'collapse') {
      for (let i = 0; i < units.length; i++) {
        if (units[i] === ' ' && (i === 0 || i === units.length - 1 || units[i - 1] === ' ')) units[i] = 'x';
      }
    }
    return units.join('');
  });
  return edgy.length === 0 ? plain : fc.oneof({ weight: 6, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...edgy) });
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const yearArb = fc.integer({ min: 1, max: 9999 }).map((y) => pad(y, 4));
const monthArb = fc.integer({ min: 1, max: 12 }).map((m) => pad(m, 2));
/** Days up to 28 so every month has them. */
const dayArb = fc.integer({ min: 1, max: 28 }).map((d) => pad(d, 2));
const tzArb = fc.constantFrom('', '', 'Z', '+02:00', '-05:30', '+14:00');
const timeArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('', '', '.5', '.125'))
  .map(([h, m, s, f]) => `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${f}`);
const ncNameArb = fc
  .tuple(fc.constantFrom(...'abcxyzABCXYZ_é'), fc.array(fc.constantFrom(...'abcz09_.-é·'), { maxLength: 8 }))
  .map(([h, t]) => h + t.join(''));

function bytesArb(d: SimpleDesc): fc.Arbitrary<Uint8Array> {
  const min = d.length ?? d.minLength ?? 0;
  const max = d.length ?? Math.max(min, Math.min(d.maxLength ?? min + 12, min + 12));
  return fc.uint8Array({ minLength: min, maxLength: max });
}

/** Valid lexical forms of a string-kind built-in (`lex`), before other facets. */
function builtinArb(d: SimpleDesc): fc.Arbitrary<string> {
  switch (d.lexical) {
    case 'date':
      return fc.tuple(yearArb, monthArb, dayArb, tzArb).map(([y, m, dd, z]) => `${y}-${m}-${dd}${z}`);
    case 'dateTime':
      return fc.tuple(yearArb, monthArb, dayArb, timeArb, tzArb).map(([y, m, dd, t, z]) => `${y}-${m}-${dd}T${t}${z}`);
    case 'time':
      return fc.tuple(timeArb, tzArb).map(([t, z]) => t + z);
    case 'duration':
      return fc
        .tuple(fc.boolean(), fc.array(fc.nat(99), { minLength: 6, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }))
        .map(([neg, n, on]) => {
          if (!on.some((b) => b)) on[2] = true;
          const date = ['Y', 'M', 'D'].map((u, i) => (on[i] ? `${n[i]}${u}` : '')).join('');
          const time = ['H', 'M', 'S'].map((u, i) => (on[i + 3] ? `${n[i + 3]}${u}` : '')).join('');
          return `${neg ? '-' : ''}P${date}${time ? `T${time}` : ''}`;
        });
    case 'gYear':
      return fc.tuple(yearArb, tzArb).map(([y, z]) => y + z);
    case 'gYearMonth':
      return fc.tuple(yearArb, monthArb, tzArb).map(([y, m, z]) => `${y}-${m}${z}`);
    case 'gMonth':
      return fc.tuple(monthArb, tzArb).map(([m, z]) => `--${m}${z}`);
    case 'gMonthDay':
      return fc.tuple(monthArb, dayArb, tzArb).map(([m, dd, z]) => `--${m}-${dd}${z}`);
    case 'gDay':
      return fc.tuple(dayArb, tzArb).map(([dd, z]) => `---${dd}${z}`);
    case 'base64Binary':
      return bytesArb(d).map((b) => Buffer.from(b).toString('base64'));
    case 'hexBinary':
      return fc.tuple(bytesArb(d), fc.boolean()).map(([b, up]) => {
        const h = Buffer.from(b).toString('hex');
        return up ? h.toUpperCase() : h;
      });
    case 'anyURI':
      return fc
        .tuple(fc.constantFrom('http://example.com', 'https://plesk.test:8443', 'urn:x', '', 'mailto:a@b.c'), fc.array(fc.constantFrom(...'abz09-_.~'), { maxLength: 6 }), fc.constantFrom('', '?q=1', '#top', '/p/q'))
        .map(([s, p, q]) => (s === '' ? p.join('') || 'rel' : `${s}/${p.join('')}`) + q);
    case 'QName':
    case 'NCName':
    case 'ID':
    case 'IDREF':
    case 'ENTITY':
    case 'NOTATION':
      return ncNameArb;
    case 'Name':
      return fc.tuple(ncNameArb, fc.option(ncNameArb, { nil: undefined })).map(([a, b]) => (b === undefined ? a : `${a}:${b}`));
    case 'NMTOKEN':
      return fc.array(fc.constantFrom(...'abz09_.-:é·'), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
    case 'language':
      return fc
        .tuple(fc.stringMatching(/^[a-zA-Z]{1,8}$/), fc.array(fc.stringMatching(/^[a-zA-Z0-9]{1,8}$/), { maxLength: 2 }))
        .map(([h, t]) => [h, ...t].join('-'));
    case 'token':
      return textArb('collapse', d.length ?? d.minLength ?? 0, d.length ?? d.maxLength ?? Math.max(12, d.minLength ?? 0));
    case 'normalizedString':
      return textArb('replace', d.length ?? d.minLength ?? 0, d.length ?? d.maxLength ?? Math.max(12, d.minLength ?? 0));
    default:
      throw new Error(`arbitrary: no generator for the built-in lexical space ${String(d.lexical)}`);
  }
}

const NARROW: Record<string, string> = {
  L: 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u00FF',
  Lu: 'A-Z\\u00C0-\\u00D6',
  Ll: 'a-z\\u00DF-\\u00F6',
  N: '0-9',
  Nd: '0-9',
};

/**
 * Rewrites `\p{L}`, `\p{N}`… in a pattern to sub-alphabets (inside or outside a class), so that
 * what it generates matches the original pattern under any Unicode version.
 */
export function narrowUnicodeClasses(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const m = /^\\p\{([A-Za-z]+)\}/.exec(src.slice(i));
      if (m !== null && NARROW[m[1]] !== undefined) {
        out += inClass ? NARROW[m[1]] : `[${NARROW[m[1]]}]`;
        i += m[0].length - 1;
        continue;
      }
      out += src.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}

function safeIntBound(s: string | undefined, exclusive: boolean, dir: 1 | -1): bigint | undefined {
  if (s === undefined) return undefined;
  // Decimal bounds on integer types: round inward.
  const { digits, scale } = decParts(s);
  const p = 10n ** BigInt(scale);
  let b = digits / p;
  if (digits % p !== 0n) {
    if (dir === 1 && digits > 0n) b += 1n;
    if (dir === -1 && digits < 0n) b -= 1n;
  } else if (exclusive) b += BigInt(dir);
  return b;
}

function integerRange(d: SimpleDesc, safe: boolean): { min: bigint; max: bigint } {
  const lo = [safeIntBound(d.minInclusive, false, 1), safeIntBound(d.minExclusive, true, 1)].filter((x): x is bigint => x !== undefined);
  const hi = [safeIntBound(d.maxInclusive, false, -1), safeIntBound(d.maxExclusive, true, -1)].filter((x): x is bigint => x !== undefined);
  // Unbounded (xs:integer and kin): well beyond 64 bits.
  let min = lo.length > 0 ? lo.reduce((a, b) => (a > b ? a : b)) : -(10n ** 30n);
  let max = hi.length > 0 ? hi.reduce((a, b) => (a < b ? a : b)) : 10n ** 30n;
  if (safe) {
    const s = BigInt(Number.MAX_SAFE_INTEGER);
    if (min < -s) min = -s;
    if (max > s) max = s;
  }
  if (d.totalDigits !== undefined) {
    const t = 10n ** BigInt(d.totalDigits) - 1n;
    if (min < -t) min = -t;
    if (max > t) max = t;
  }
  return { min, max };
}

/** Integers biased towards the bounds and small values. */
function bigIntIn(min: bigint, max: bigint): fc.Arbitrary<bigint> {
  const near: bigint[] = [min, max, min + 1n, max - 1n, 0n, 1n, -1n].filter((x) => x >= min && x <= max);
  return fc.oneof({ weight: 3, arbitrary: fc.bigInt({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(...near) });
}

/** Lexical forms of `d` without its enumeration/pattern (those are handled by the caller). */
function baseLexArb(d: SimpleDesc, opts: ArbitraryOptions): fc.Arbitrary<string> {
  switch (d.kind) {
    case 'boolean':
      return fc.constantFrom('true', 'false');
    case 'integer':
    case 'bigint': {
      const { min, max } = integerRange(d, d.kind === 'integer');
      return bigIntIn(min, max).map(String);
    }
    case 'decimal': {
      const fd = Math.min(d.fractionDigits ?? 3, d.totalDigits ?? 18);
      const { min, max } = integerRange({ ...d, totalDigits: undefined, fractionDigits: undefined }, false);
      const scale = 10n ** BigInt(fd);
      let lo = min * scale;
      let hi = max * scale;
      if (d.totalDigits !== undefined) {
        const t = 10n ** BigInt(d.totalDigits) - 1n;
        if (lo < -t) lo = -t;
        if (hi > t) hi = t;
      }
      return bigIntIn(lo, hi).map((n) => {
        const neg = n < 0n;
        const a = (neg ? -n : n).toString().padStart(fd + 1, '0');
        const int = a.slice(0, a.length - fd);
        const frac = a.slice(a.length - fd);
        return `${neg ? '-' : ''}${int}${fd > 0 ? `.${frac}` : ''}`;
      });
    }
    case 'number': {
      const bounded = d.minInclusive !== undefined || d.maxInclusive !== undefined || d.minExclusive !== undefined || d.maxExclusive !== undefined;
      const dbl = fc.double({
        noNaN: bounded,
        min: d.minInclusive !== undefined ? Number(d.minInclusive) : d.minExclusive !== undefined ? Number(d.minExclusive) : undefined,
        max: d.maxInclusive !== undefined ? Number(d.maxInclusive) : d.maxExclusive !== undefined ? Number(d.maxExclusive) : undefined,
        minExcluded: d.minInclusive === undefined && d.minExclusive !== undefined,
        maxExcluded: d.maxInclusive === undefined && d.maxExclusive !== undefined,
      });
      return dbl.map((v) => canonicalText(d, v)!);
    }
    case 'list': {
      const item = d.itemType ?? { name: 'item', kind: 'string', whiteSpace: 'collapse' as const };
      const min = d.length ?? d.minLength ?? 0;
      const cap = opts.cap ?? 3;
      const max = d.length ?? Math.max(min, Math.min(d.maxLength ?? min + cap, min + cap));
      const itemLex = lexArb(item, opts).filter((s) => /^[^\t\n\r ]+$/.test(s));
      return fc.array(itemLex, { minLength: min, maxLength: max }).map((a) => a.join(' '));
    }
    case 'union': {
      const members = d.members ?? [];
      return fc.oneof(
        ...members.map((m, i) =>
          lexArb(m, opts).filter((s) => {
            // A member's text must not be taken by an earlier member, or it reads back as that member's value.
            const t = canonicalText(m, fromLexical(m, s));
            return t !== undefined && !members.slice(0, i).some((e) => lexicalFits(e, t));
          }),
        ),
      );
    }
    case 'string':
      if (d.lexical !== undefined) return builtinArb(d);
      return textArb(d.whiteSpace, d.length ?? d.minLength ?? 0, d.length ?? Math.min(d.maxLength ?? Infinity, Math.max(12, (d.minLength ?? 0) + 12)));
  }
}

/** Valid lexical forms of `d` (all facets), stable under its whitespace facet. */
export function lexArb(d: SimpleDesc, opts: ArbitraryOptions = {}): fc.Arbitrary<string> {
  let arb: fc.Arbitrary<string>;
  if (d.enumeration !== undefined) {
    const ok = d.enumeration.filter((e) => lexicalFits(d, e));
    if (ok.length === 0) throw new Error(`arbitrary: no enumeration value of ${d.name} satisfies its other facets`);
    arb = fc.constantFrom(...ok);
  } else if (d.patterns !== undefined && d.patterns.length > 0) {
    const full = opts.unicodeClasses === 'full';
    arb = fc.oneof(...d.patterns[0].map((src) => fc.stringMatching(new RegExp(`^(?:${full ? src : narrowUnicodeClasses(src)})$`, 'u'))));
  } else {
    arb = baseLexArb(d, opts);
  }
  return arb.filter((s) => s === wsApply(d.whiteSpace, s) && lexicalFits(d, s));
}

const simpleCache = new WeakMap<SimpleDesc, Map<string, fc.Arbitrary<unknown>>>();

/**
 * Values of a simple type, as the binding gives them (strings, numbers, booleans, bigints,
 * arrays for lists), whose canonical text satisfies every facet. `nonEmpty`: the text is never
 * empty (elements with a default read an empty element as the default).
 */
export function simpleValueOf(d: SimpleDesc, opts: ArbitraryOptions = {}, nonEmpty = false): fc.Arbitrary<unknown> {
  const key = `${opts.cap ?? 3}|${opts.unicodeClasses ?? 'narrow'}|${nonEmpty}`;
  let m = simpleCache.get(d);
  if (m === undefined) simpleCache.set(d, (m = new Map()));
  let arb = m.get(key);
  if (arb === undefined) {
    arb = lexArb(d, opts)
      .map((s) => fromLexical(d, s))
      .filter((v) => {
        const t = canonicalText(d, v);
        return t !== undefined && lexicalFits(d, t) && (!nonEmpty || t !== '');
      });
    m.set(key, arb);
  }
  return arb;
}

// ---------------------------------------------------------------------------------------------
// Complex values

/** Smallest nesting depth a valid instance needs (Infinity while being computed: recursion). */
const costCache = new WeakMap<object, number>();

function typeCost(t: TypeDesc): number {
  if (!isComplexDesc(t)) return 0;
  const known = costCache.get(t);
  if (known !== undefined) return known;
  costCache.set(t, Infinity);
  let c = 1;
  if ((t.shape === 'object' || t.shape === 'array') && t.content !== undefined) {
    const root = t.shape === 'array' ? repeatingRoot(t) : t.content;
    c = 1 + (t.shape === 'array' && root.minOccurs === 0 ? 0 : bodyCost(root));
  }
  costCache.set(t, c);
  return c;
}

function particleCost(p: ParticleDesc): number {
  if (p.minOccurs === 0) return 0;
  if (p.particle === 'element') return typeCost(derefType(p.type));
  if (p.particle === 'any') return 0;
  return bodyCost(p);
}

function bodyCost(p: ParticleDesc): number {
  if (p.particle !== 'sequence' && p.particle !== 'all' && p.particle !== 'choice') return particleCost({ ...p, minOccurs: Math.max(1, p.minOccurs) } as ParticleDesc);
  const costs = p.particles.map((i) => (i.particle === 'element' ? (i.minOccurs === 0 ? 0 : typeCost(derefType(i.type))) : i.particle === 'any' ? 0 : i.minOccurs === 0 ? 0 : bodyCost(i)));
  if (p.particle === 'choice') return costs.length === 0 ? 0 : Math.min(...costs);
  return costs.length === 0 ? 0 : Math.max(...costs);
}

/** The repeating group that an `array`-shaped type's value is the items of. */
export function repeatingRoot(t: ComplexDesc): GroupDesc {
  let c = t.content!;
  while (c.particle !== 'element' && c.particle !== 'any' && c.maxOccurs === 1 && c.particles.length === 1) c = c.particles[0];
  if (c.particle === 'element' || c.particle === 'any' || c.maxOccurs <= 1) throw new Error(`arbitrary: ${t.name} has the array shape without a repeating group`);
  return c;
}

const FRAGMENTS = ['<ext-a/>', '<ext-b k="v &amp; w">text &lt; more</ext-b>', '<ext-c><inner>1</inner><inner/></ext-c>'];

class Builder {
  readonly opts: ArbitraryOptions;
  readonly cap: number;
  readonly types = new WeakMap<object, Map<number, fc.Arbitrary<unknown>>>();
  readonly minimal = new WeakMap<object, unknown>();

  constructor(opts: ArbitraryOptions) {
    this.opts = opts;
    this.cap = opts.cap ?? 3;
  }

  type(t: TypeDesc, depth: number): fc.Arbitrary<unknown> {
    if (!isComplexDesc(t)) return simpleValueOf(t, this.opts);
    let m = this.types.get(t);
    if (m === undefined) this.types.set(t, (m = new Map()));
    const d = Math.max(0, depth);
    let arb = m.get(d);
    if (arb === undefined) {
      arb = d === 0 ? fc.constant(this.minimalOf(t)) : this.complex(t, d);
      m.set(d, arb);
    }
    return arb;
  }

  complex(t: ComplexDesc, depth: number): fc.Arbitrary<unknown> {
    switch (t.shape) {
      case 'flag':
        return fc.constant(true);
      case 'any':
        return fc.oneof(fc.constant(true), textArb('preserve', 1, 10));
      case 'simple':
        return fc.tuple(this.attrs(t), simpleValueOf(t.text!, this.opts)).map(([a, value]) => ({ ...a, value }));
      case 'array': {
        const g = repeatingRoot(t);
        const max = Math.min(g.maxOccurs, Math.max(g.minOccurs, this.cap));
        return fc.array(this.nonEmptyBody(g, depth), { minLength: g.minOccurs, maxLength: max });
      }
      case 'object': {
        const content = t.content === undefined ? fc.constant({}) : this.particle(t.content, depth);
        return fc.tuple(this.attrs(t), content).map(([a, c]) => ({ ...a, ...c }));
      }
    }
  }

  attrs(t: ComplexDesc): fc.Arbitrary<Rec> {
    const parts = (t.attributes ?? []).map((a) => this.attr(a));
    return fc.tuple(...parts).map(merge);
  }

  attr(a: AttrDesc): fc.Arbitrary<Rec> {
    const v = a.fixed !== undefined ? fc.constant(fromLexical(a.type, a.fixed)) : simpleValueOf(a.type, this.opts);
    const present = v.map((x) => ({ [a.property]: x }));
    return a.required ? present : fc.oneof(fc.constant({}), present);
  }

  element(e: ElemDesc, depth: number): fc.Arbitrary<unknown> {
    const t = derefType(e.type);
    let arb: fc.Arbitrary<unknown>;
    if (!isComplexDesc(t)) {
      arb = e.fixed !== undefined ? fc.constant(fromLexical(t, e.fixed)) : simpleValueOf(t, this.opts, e.default !== undefined);
    } else arb = this.type(t, depth - 1);
    return e.nillable ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: arb }) : arb;
  }

  /** Partial object: the properties one particle contributes. */
  particle(p: ParticleDesc, depth: number): fc.Arbitrary<Rec> {
    let present: fc.Arbitrary<Rec>;
    if (p.particle === 'element' || p.particle === 'any') {
      const one = p.particle === 'element' ? this.element(p, depth) : fc.constantFrom(...FRAGMENTS).map((xml) => ({ xml }));
      if (p.maxOccurs === 1) present = one.map((v) => ({ [p.property]: v }));
      else {
        const min = Math.max(1, p.minOccurs);
        present = fc.array(one, { minLength: min, maxLength: Math.min(p.maxOccurs, Math.max(min, this.cap)) }).map((v) => ({ [p.property]: v }));
      }
    } else if (p.maxOccurs === 1) {
      present = this.body(p, depth);
    } else {
      const min = Math.max(1, p.minOccurs);
      present = fc.array(this.nonEmptyBody(p, depth), { minLength: min, maxLength: Math.min(p.maxOccurs, Math.max(min, this.cap)) }).map((v) => ({ [p.property!]: v }));
    }
    return p.minOccurs === 0 ? fc.oneof(fc.constant({}), present) : present;
  }

  body(g: GroupDesc, depth: number): fc.Arbitrary<Rec> {
    if (g.particle === 'choice') return g.particles.length === 0 ? fc.constant({}) : fc.oneof(...g.particles.map((i) => this.particle(i, depth)));
    return fc.tuple(...g.particles.map((i) => this.particle(i, depth))).map(merge);
  }

  /** One item of a repeating group: never empty (an empty item writes nothing and reads back as no item). */
  nonEmptyBody(g: GroupDesc, depth: number): fc.Arbitrary<Rec> {
    return this.body(g, depth).filter((o) => Object.keys(o).length > 0);
  }

  // --- minimal values (depth exhausted; also the "other branch" of choice mutations) ---

  minimalOf(t: TypeDesc): unknown {
    if (!isComplexDesc(t)) return fc.sample(simpleValueOf(t, this.opts), { numRuns: 1, seed: 7 })[0];
    if (this.minimal.has(t)) return this.minimal.get(t);
    let v: unknown;
    switch (t.shape) {
      case 'flag':
      case 'any':
        v = true;
        break;
      case 'simple':
        v = { ...this.minimalAttrs(t), value: this.minimalOf(t.text!) };
        break;
      case 'array': {
        const g = repeatingRoot(t);
        v = Array.from({ length: g.minOccurs }, () => this.minimalBody(g, true));
        break;
      }
      case 'object':
        v = { ...this.minimalAttrs(t), ...(t.content === undefined ? {} : this.minimalParticle(t.content)) };
        break;
    }
    this.minimal.set(t, v);
    return v;
  }

  minimalAttrs(t: ComplexDesc): Rec {
    const o: Rec = {};
    for (const a of t.attributes ?? []) if (a.required) o[a.property] = a.fixed !== undefined ? fromLexical(a.type, a.fixed) : this.minimalOf(a.type);
    return o;
  }

  minimalElement(e: ElemDesc): unknown {
    const t = derefType(e.type);
    if (!isComplexDesc(t)) {
      if (e.fixed !== undefined) return fromLexical(t, e.fixed);
      return fc.sample(simpleValueOf(t, this.opts, e.default !== undefined), { numRuns: 1, seed: 7 })[0];
    }
    return this.minimalOf(t);
  }

  minimalParticle(p: ParticleDesc, force = false): Rec {
    const n = force ? Math.max(1, p.minOccurs) : p.minOccurs;
    if (n === 0) return {};
    if (p.particle === 'element') {
      const v = this.minimalElement(p);
      return { [p.property]: p.maxOccurs === 1 ? v : Array.from({ length: n }, () => v) };
    }
    if (p.particle === 'any') return { [p.property]: p.maxOccurs === 1 ? { xml: FRAGMENTS[0] } : Array.from({ length: n }, () => ({ xml: FRAGMENTS[0] })) };
    if (p.maxOccurs === 1) return this.minimalBody(p, force);
    return { [p.property!]: Array.from({ length: n }, () => this.minimalBody(p, true)) };
  }

  /** Minimal content of one iteration of a group; `nonEmpty` forces at least one element. */
  minimalBody(g: GroupDesc, nonEmpty: boolean): Rec {
    if (g.particle === 'choice') {
      let best = 0;
      let bestCost = Infinity;
      g.particles.forEach((it, i) => {
        const c = nonEmpty ? forcedCost(it) : particleCost(it);
        if (c < bestCost) {
          bestCost = c;
          best = i;
        }
      });
      return g.particles.length === 0 ? {} : this.minimalParticle(g.particles[best], nonEmpty);
    }
    const o = merge(g.particles.map((i) => this.minimalParticle(i)));
    if (nonEmpty && Object.keys(o).length === 0 && g.particles.length > 0) {
      let best = g.particles[0];
      for (const it of g.particles) if (forcedCost(it) < forcedCost(best)) best = it;
      Object.assign(o, this.minimalParticle(best, true));
    }
    return o;
  }
}

function forcedCost(p: ParticleDesc): number {
  if (p.particle === 'element') return typeCost(derefType(p.type));
  if (p.particle === 'any') return 0;
  return bodyCost(p);
}

function merge(parts: readonly Rec[]): Rec {
  return Object.assign({}, ...parts) as Rec;
}

const builders = new Map<string, Builder>();

function builderFor(opts: ArbitraryOptions): Builder {
  const key = `${opts.cap ?? 3}|${opts.unicodeClasses ?? 'narrow'}`;
  let b = builders.get(key);
  if (b === undefined) builders.set(key, (b = new Builder(opts)));
  return b;
}

/**
 * Values of the type `desc` following the binding rules, every facet satisfied. `depthBudget`
 * counts nested complex elements; when it runs out the content is the minimal valid one
 * (required particles only, the cheapest choice branch).
 */
export function valueOf(desc: TypeDesc, depthBudget: number, opts: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  return builderFor(opts).type(desc, depthBudget);
}

/** The properties a particle contributes to its object (an operation inside an operator's array, a packet's content…). */
export function particleValueOf(p: ParticleDesc, depthBudget: number, opts: ArbitraryOptions = {}): fc.Arbitrary<Record<string, unknown>> {
  const b = builderFor(opts);
  if (p.particle === 'element' || p.particle === 'any') return b.particle({ ...p, minOccurs: Math.max(1, p.minOccurs) } as ParticleDesc, depthBudget);
  return b.nonEmptyBody(p, depthBudget);
}

/** A deterministic minimal valid value of `desc`. */
export function minimalValue(desc: TypeDesc, opts: ArbitraryOptions = {}): unknown {
  return builderFor(opts).minimalOf(desc);
}

// ---------------------------------------------------------------------------------------------
// Invalid mutations

export type BreakageKind = 'enum' | 'missing-required' | 'choice-both' | 'too-long' | 'too-short' | 'pattern' | 'out-of-range' | 'order';

export type PathSeg = string | number;

export interface Mutation {
  readonly kind: BreakageKind;
  /** Property path of the break, relative to the value mutated (the mutated property itself). */
  readonly path: readonly PathSeg[];
  /** Where a validator should report it: the property, or its parent object for missing/choice breaks. */
  readonly reportAt: readonly PathSeg[];
  readonly value: unknown;
  readonly note: string;
}

function setAt(root: unknown, path: readonly PathSeg[], f: (old: unknown) => unknown): unknown {
  if (path.length === 0) return f(root);
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[head as number] = setAt(root[head as number], rest, f);
    return copy;
  }
  const obj = { ...(root as Rec) };
  const next = setAt(obj[head as string], rest, f);
  if (next === undefined) delete obj[head as string];
  else obj[head as string] = next;
  return obj;
}

const REMOVE = (): undefined => undefined;

/** Invalid texts for a simple type, each with its kind (none when the type accepts every string). */
function simpleBreaks(d: SimpleDesc): { kind: BreakageKind; text: string; note: string }[] {
  const out: { kind: BreakageKind; text: string; note: string }[] = [];
  const add = (kind: BreakageKind, text: string, note: string): void => {
    if (!lexicalFits(d, text)) out.push({ kind, text, note });
  };
  if (d.kind === 'string' || d.kind === 'decimal') {
    if (d.enumeration !== undefined) add('enum', d.kind === 'decimal' ? '987654.321' : `not-${d.enumeration[0] ?? 'listed'}-value`, `not one of ${d.enumeration.join(', ')}`);
    if (d.patterns !== undefined) {
      for (const t of ['!!', '', ' ? ', 'a b', '@@@', '-']) {
        if (d.whiteSpace === 'collapse' && t !== wsApply('collapse', t)) continue;
        const fitsOthers = lexicalFits({ ...d, patterns: undefined }, t);
        if (fitsOthers && !lexicalFits(d, t)) {
          out.push({ kind: 'pattern', text: t, note: `does not match ${d.patterns.map((s) => s.join('|')).join(' & ')}` });
          break;
        }
      }
    }
    const maxL = d.length ?? d.maxLength;
    if (maxL !== undefined && d.lexical === undefined && d.enumeration === undefined) {
      const filler = d.patterns !== undefined ? null : 'x'.repeat(maxL + 1);
      if (filler !== null) add('too-long', filler, `longer than ${maxL}`);
    }
    const minL = d.length ?? d.minLength;
    if (minL !== undefined && minL > 0 && d.lexical === undefined && d.enumeration === undefined && d.patterns === undefined) add('too-short', 'x'.repeat(minL - 1), `shorter than ${minL}`);
  }
  if (d.kind === 'integer' || d.kind === 'bigint') {
    if (d.enumeration !== undefined) {
      for (let i = 0; i < 1000; i++) {
        if (!d.enumeration.includes(String(i))) {
          add('enum', String(i), `not one of ${d.enumeration.join(', ')}`);
          break;
        }
      }
    }
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    const { min, max } = integerRange({ ...d, totalDigits: undefined }, false);
    const hasMin = d.minInclusive !== undefined || d.minExclusive !== undefined;
    const hasMax = d.maxInclusive !== undefined || d.maxExclusive !== undefined;
    if (hasMax && (d.kind === 'bigint' || max + 1n <= safe)) add('out-of-range', (max + 1n).toString(), `above the maximum ${d.maxInclusive ?? d.maxExclusive}`);
    if (hasMin && (d.kind === 'bigint' || min - 1n >= -safe)) add('out-of-range', (min - 1n).toString(), `below the minimum ${d.minInclusive ?? d.minExclusive}`);
  }
  return out;
}

/** The value (of the right JavaScript type for the binding) a breaking text stands for. */
function breakValue(d: SimpleDesc, text: string): unknown {
  if (d.kind === 'integer') return Number(text);
  if (d.kind === 'bigint') return BigInt(text);
  return text;
}

/**
 * Derives invalid variants of a valid value of `desc`: for each place in the value where one
 * breakage kind applies, a copy with exactly that break, tagged with the kind and the path.
 * Covers: a value outside the enumeration, a missing required element or attribute, two
 * branches of a (non-repeating) choice, facet breaks (too long/short, pattern, out of range).
 * Elements out of order exist only in XML: see `orderSwaps`.
 */
export function invalidMutations(desc: TypeDesc, opts: ArbitraryOptions = {}): (value: unknown) => Mutation[] {
  const b = builderFor(opts);
  return (value: unknown): Mutation[] => {
    const w = new MutationWalker(b, value);
    w.type(desc, value, []);
    return w.out;
  };
}

/**
 * Where a removed required element makes the content invalid: `null` when its scope must be
 * present unconditionally (the element's type content, required groups, a required choice with
 * no branch that may be empty); otherwise the properties of the nearest optional scope (an
 * optional group, a repeating group's item) of which another one must stay present, or the
 * scope vanishes and the content stays valid.
 */
type Anchor = readonly string[] | null;

class MutationWalker {
  readonly out: Mutation[] = [];
  constructor(
    readonly b: Builder,
    readonly root: unknown,
  ) {}

  type(t: TypeDesc, v: unknown, path: PathSeg[]): void {
    if (v === null || v === undefined) return;
    if (!isComplexDesc(t)) {
      this.simple(t, v, path);
      return;
    }
    const o = v as Rec;
    switch (t.shape) {
      case 'flag':
      case 'any':
        return;
      case 'simple':
        this.attrs(t, o, path);
        this.simple(t.text!, o.value, [...path, 'value']);
        return;
      case 'array': {
        const g = repeatingRoot(t);
        (v as unknown[]).forEach((item, i) => this.body(g, item as Rec, [...path, i], propsOf({ ...g, maxOccurs: 1 }), false));
        return;
      }
      case 'object':
        this.attrs(t, o, path);
        if (t.content !== undefined) this.particle(t.content, o, path, null, true);
        return;
    }
  }

  attrs(t: ComplexDesc, o: Rec, path: PathSeg[]): void {
    for (const a of t.attributes ?? []) {
      const av = o[a.property];
      if (av === undefined) continue;
      if (a.required) this.push('missing-required', [...path, a.property], path, REMOVE, `required attribute ${a.xmlName} removed`);
      if (a.fixed === undefined) this.simple(a.type, av, [...path, a.property]);
    }
  }

  simple(d: SimpleDesc, v: unknown, path: PathSeg[]): void {
    if (v === undefined || v === null) return;
    for (const br of simpleBreaks(d)) {
      const nv = breakValue(d, br.text);
      this.push(br.kind, path, path, () => nv, `${d.name}: ${JSON.stringify(br.text)} ${br.note}`);
    }
  }

  /** Records a mutation: `f` replaces the value at `target` (the mutated property unless given). */
  push(kind: BreakageKind, path: PathSeg[], reportAt: PathSeg[], f: (old: unknown) => unknown, note: string, target: PathSeg[] = path): void {
    this.out.push({ kind, path, reportAt, value: setAt(this.root, target, f), note });
  }

  /** `single`: no repeating group of this type encloses the particle. */
  /**
   * `guard`: inside a choice branch, whether removing a property still leaves XML that no other
   * branch matches (the remaining elements could start another branch: `(a, b) | b`).
   */
  particle(p: ParticleDesc, o: Rec, path: PathSeg[], anchor: Anchor, single: boolean, guard?: (removed: string) => boolean): void {
    if (p.particle === 'any') return;
    if (p.particle === 'element') {
      const v = o[p.property];
      if (v === undefined) return;
      if (p.minOccurs >= 1 && (anchor === null || anchor.some((q) => q !== p.property && o[q] !== undefined)) && (guard === undefined || guard(p.property))) {
        this.push('missing-required', [...path, p.property], path, REMOVE, `required element <${p.xmlName}> removed`);
      }
      const t = derefType(p.type);
      if (p.fixed !== undefined && !isComplexDesc(t)) return;
      if (p.maxOccurs === 1) this.type(t, v, [...path, p.property]);
      else (v as unknown[]).forEach((x, i) => this.type(t, x, [...path, p.property, i]));
      return;
    }
    if (p.maxOccurs > 1) {
      const arr = o[p.property!];
      if (Array.isArray(arr)) arr.forEach((item, i) => this.body(p, item as Rec, [...path, p.property!, i], propsOf({ ...p, maxOccurs: 1 }), false));
      return;
    }
    this.body(p, o, path, p.minOccurs === 0 ? propsOf(p) : anchor, single, guard);
  }

  body(g: GroupDesc, o: Rec, path: PathSeg[], anchor: Anchor, single: boolean, guard?: (removed: string) => boolean): void {
    if (g.particle !== 'choice') {
      // An all group with min 0 is its own optional scope (handled by the caller's anchor).
      for (const it of g.particles) this.particle(it, o, path, anchor, single, guard);
      return;
    }
    const chosen = g.particles.findIndex((it) => propsOf(it).some((q) => o[q] !== undefined));
    if (chosen < 0) return;
    const branch = g.particles[chosen];
    const emptyBranch = g.particles.some((it) => it.minOccurs === 0 || (it.particle !== 'element' && it.particle !== 'any' && groupNullable(it)));
    const branchAnchor: Anchor = anchor === null && g.minOccurs >= 1 && !emptyBranch ? null : propsOf(branch);
    const own = new Map<string, ElemDesc>();
    elementsIn(branch, own);
    const xOf = new Map([...own.values()].map((e) => [e.property, e.xmlName]));
    const otherNames = new Set(g.particles.flatMap((it, i) => (i === chosen ? [] : [...namesIn(it)])));
    const branchGuard = (removed: string): boolean => {
      if (guard !== undefined && !guard(removed)) return false;
      const rest = propsOf(branch).filter((q) => q !== removed && o[q] !== undefined);
      // Nothing left: no branch chosen (the anchor decides). Otherwise something left must fit no other branch.
      return rest.length === 0 || rest.some((q) => xOf.has(q) && !otherNames.has(xOf.get(q)!));
    };
    if (branch.particle === 'element') {
      // A lone element is the branch: removing it leaves no branch chosen.
      this.particle({ ...branch, minOccurs: branchAnchor === null ? branch.minOccurs : 0 }, o, path, branchAnchor, single, guard);
    } else this.particle(branch.maxOccurs > 1 ? branch : { ...branch, minOccurs: 1 }, o, path, branchAnchor, single, branchGuard);
    if (!single || g.maxOccurs !== 1) return;
    const ownProps = new Set(propsOf(branch));
    const other = g.particles.findIndex((it, i) => i !== chosen && propsOf(it).every((q) => !ownProps.has(q)));
    if (other < 0) return;
    const extra = this.b.minimalParticle(g.particles[other], true);
    const keys = Object.keys(extra);
    if (keys.length === 0) return;
    this.push('choice-both', [...path, keys[0]], path, (old) => ({ ...(old as Rec), ...extra }), `branches ${propsOf(branch).join('+')} and ${keys.join('+')} of one choice both present`, path);
  }
}

function groupNullable(g: GroupDesc): boolean {
  if (g.minOccurs === 0) return true;
  if (g.particle === 'choice') return g.particles.some((it) => (it.particle === 'element' || it.particle === 'any' ? it.minOccurs === 0 : groupNullable(it)));
  return g.particles.every((it) => (it.particle === 'element' || it.particle === 'any' ? it.minOccurs === 0 : groupNullable(it)));
}

function propsOf(p: ParticleDesc): string[] {
  if (p.particle === 'element' || p.particle === 'any') return [p.property];
  if (p.maxOccurs > 1) return [p.property!];
  return p.particles.flatMap(propsOf);
}

// ---------------------------------------------------------------------------------------------
// Elements out of order: XML-level swaps

interface XNode {
  name: string;
  start: number;
  end: number;
  children: XNode[];
}

/** A tree of element spans over XML as the serializer writes it (no comments, PIs or CDATA inside). */
export function elementSpans(xml: string): XNode {
  const re = /<(\/?)([^\s/>?!]+)[^>]*?(\/?)>/g;
  const stack: XNode[] = [{ name: '#document', start: 0, end: xml.length, children: [] }];
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const [all, close, name, selfClose] = m;
    if (close) {
      const n = stack.pop()!;
      n.end = m.index + all.length;
    } else {
      const n: XNode = { name, start: m.index, end: m.index + all.length, children: [] };
      stack[stack.length - 1].children.push(n);
      if (!selfClose) stack.push(n);
    }
  }
  return stack[0];
}

export interface XmlMutation {
  readonly kind: 'order';
  readonly xml: string;
  /** Element path of the parent whose children were swapped, `packet/…`. */
  readonly where: string;
  readonly note: string;
}

function elementsIn(p: ParticleDesc, out: Map<string, ElemDesc>): void {
  if (p.particle === 'element') {
    if (!out.has(p.xmlName)) out.set(p.xmlName, p);
  } else if (p.particle !== 'any') for (const it of p.particles) elementsIn(it, out);
}

function namesIn(p: ParticleDesc): Set<string> {
  const m = new Map<string, ElemDesc>();
  elementsIn(p, m);
  return new Set(m.keys());
}

/**
 * Every way of making the document invalid by swapping two adjacent sibling elements of
 * different names that are items i < j of a non-repeating sequence (neither repeating, and the
 * first name not allowed again after the second). Walks the serialized XML along the descriptors.
 */
export function orderSwaps(root: RootDesc, xml: string): XmlMutation[] {
  const doc = elementSpans(xml);
  const out: XmlMutation[] = [];
  const visit = (node: XNode, t: TypeDesc, where: string): void => {
    if (!isComplexDesc(t) || t.content === undefined || (t.shape !== 'object' && t.shape !== 'array')) return;
    const elems = new Map<string, ElemDesc>();
    elementsIn(t.content, elems);
    const seq = t.content.particle === 'sequence' && t.content.maxOccurs === 1 ? t.content : null;
    if (seq !== null) {
      const index = new Map<string, number>();
      seq.particles.forEach((it, i) => {
        if (it.particle === 'element' && it.maxOccurs === 1) index.set(it.xmlName, i);
      });
      const kids = node.children;
      for (let k = 0; k + 1 < kids.length; k++) {
        const a = kids[k];
        const c = kids[k + 1];
        const i = index.get(a.name);
        const j = index.get(c.name);
        if (i === undefined || j === undefined || i >= j || a.name === c.name) continue;
        const later = seq.particles.slice(i + 1).some((it) => namesIn(it).has(a.name));
        if (later) continue;
        const swapped = xml.slice(0, a.start) + xml.slice(c.start, c.end) + xml.slice(a.end, c.start) + xml.slice(a.start, a.end) + xml.slice(c.end);
        out.push({ kind: 'order', xml: swapped, where, note: `<${c.name}> moved before <${a.name}> in ${t.name}` });
      }
    }
    for (const kid of node.children) {
      const e = elems.get(kid.name);
      if (e !== undefined) visit(kid, derefType(e.type), `${where}/${kid.name}`);
    }
  };
  const top = doc.children[0];
  if (top !== undefined && top.name === root.xmlName) visit(top, derefType(root.type), root.xmlName);
  return out;
}

/** `packet.operators[0].server[1]…` as the runtime writes paths. */
export function pathString(rootName: string, path: readonly PathSeg[]): string {
  let s = rootName;
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : `.${seg}`;
  return s;
}

export type { AnyDesc };
