/**
 * XSD regular expressions (XML Schema 1.0 Part 2, Appendix F) → JavaScript RegExp sources for the
 * `u` flag. The result is not anchored: XSD patterns match the whole value, so callers wrap it as
 * `^(?:…)$`.
 *
 * Differences handled:
 * - `^` and `$` are ordinary characters in XSD; `.` excludes only `\n` and `\r`.
 * - Character classes are computed as code-point sets and written out as explicit JavaScript
 *   classes: category escapes `\p{L}`…, block escapes `\p{IsBasicLatin}`…, `\d`, `\w`, `\i`, `\c`
 *   and their negations take their code points from libxml2's own tables (`unicode-classes.ts`,
 *   probed from libxml2: Unicode 4.0.1 data in which ranges such as the CJK ideographs contribute
 *   only their first and last code point; XML 1.0 fourth-edition name characters), not from
 *   JavaScript's current Unicode tables — Plesk validates packets with libxml2, so the patterns
 *   accept exactly what libxml2 accepts. `\s` is XML whitespace only.
 * - Negated classes `[^…]` and class subtraction `[a-z-[aeiou]]` become plain (set-difference)
 *   classes. Like libxml2, `\P{X}` inside a class matches `\p{X}` (libxml2 loses the negation
 *   there); outside a class it is the complement.
 * - Groups become non-capturing.
 * Anything else that is not XSD syntax throws an `Error` saying where.
 */
import { LIBXML2_CLASSES } from './unicode-classes.js';

/** A code-point set: sorted, disjoint, non-adjacent inclusive ranges. */
type CharSet = readonly (readonly [number, number])[];

const MAX_CP = 0x10ffff;

/** Sorts and merges overlapping or adjacent ranges. */
function normalize(rs: readonly (readonly [number, number])[]): CharSet {
  const sorted = [...rs].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(rs: CharSet): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of rs) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

/** `a` minus `b`. */
function difference(a: CharSet, b: CharSet): CharSet {
  const out: [number, number][] = [];
  let j = 0;
  for (const [alo, ahi] of a) {
    let lo = alo;
    while (j < b.length && b[j][1] < lo) j++;
    let k = j;
    while (lo <= ahi && k < b.length && b[k][0] <= ahi) {
      if (b[k][0] > lo) out.push([lo, b[k][0] - 1]);
      lo = Math.max(lo, b[k][1] + 1);
      k++;
    }
    if (lo <= ahi) out.push([lo, ahi]);
  }
  return out;
}

const WHITESPACE: CharSet = [[0x09, 0x0a], [0x0d, 0x0d], [0x20, 0x20]];
const NEWLINES: CharSet = [[0x0a, 0x0a], [0x0d, 0x0d]];

const CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo',
  'M', 'Mn', 'Mc', 'Me',
  'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po',
  'Z', 'Zs', 'Zl', 'Zp',
  'S', 'Sm', 'Sc', 'Sk', 'So',
  'C', 'Cc', 'Cf', 'Co', 'Cn',
]);

const decoded = new Map<string, CharSet>();

/** Every escape the libxml2 class table covers (categories, blocks, `d`, `w`, `i`, `c`). */
export const LIBXML2_CLASS_KEYS: readonly string[] = Object.keys(LIBXML2_CLASSES);

/** Block names (without `Is`) the table knows. */
const BLOCKS = LIBXML2_CLASS_KEYS.filter((k) => k.startsWith('Is')).map((k) => k.slice(2));

/**
 * The inclusive code-point ranges libxml2 matches with the escape `key`, decoded from the table's
 * text form (`;`-separated base-36 `gap` or `gap+len` items; see `unicode-classes.ts`), or
 * undefined for a key the table does not have.
 */
export function libxml2Class(key: string): CharSet | undefined {
  const hit = decoded.get(key);
  if (hit !== undefined) return hit;
  if (!Object.hasOwn(LIBXML2_CLASSES, key)) return undefined;
  const text = LIBXML2_CLASSES[key];
  const out: [number, number][] = [];
  let prev = -1;
  for (const item of text === '' ? [] : text.split(';')) {
    const plus = item.indexOf('+');
    const lo = prev + parseInt(plus < 0 ? item : item.slice(0, plus), 36);
    const hi = lo + (plus < 0 ? 0 : parseInt(item.slice(plus + 1), 36));
    out.push([lo, hi]);
    prev = hi;
  }
  decoded.set(key, out);
  return out;
}

function table(key: string): CharSet {
  const rs = libxml2Class(key);
  if (rs === undefined) throw new Error(`XSD pattern: the libxml2 class table has no ${key} (regenerate generator/binding/unicode-classes.ts)`);
  return rs;
}

/** Multi-character and category escapes, as code-point sets. */
function escapeSet(c: string, arg: string | undefined, at: number): CharSet {
  switch (c) {
    case 's':
      return WHITESPACE;
    case 'S':
      return complement(WHITESPACE);
    case 'i':
    case 'c':
    case 'd':
    case 'w':
      return table(`\\${c}`);
    case 'I':
    case 'C':
    case 'D':
    case 'W':
      return complement(table(`\\${c.toLowerCase()}`));
    case 'p':
    case 'P': {
      const set = property(arg!, at);
      return c === 'p' ? set : complement(set);
    }
  }
  throw new Error(`XSD pattern: unknown escape \\${c} at offset ${at}`);
}

function property(name: string, at: number): CharSet {
  if (CATEGORIES.has(name)) return table(name);
  if (name.startsWith('Is')) {
    if (!BLOCKS.includes(name.slice(2))) throw new Error(`XSD pattern: block escape \\p{${name}} at offset ${at} is not supported (known blocks: ${BLOCKS.join(', ')})`);
    return table(name);
  }
  throw new Error(`XSD pattern: unknown character property \\p{${name}} at offset ${at}`);
}

const NAMED_CONTROLS: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

/** A code point as class-body text: printable ASCII as itself (class syntax escaped), the rest as `\u{…}`. */
function cp(n: number): string {
  if (NAMED_CONTROLS[n] !== undefined) return NAMED_CONTROLS[n];
  if (n >= 0x20 && n <= 0x7e) {
    const ch = String.fromCharCode(n);
    return '\\]-^['.includes(ch) ? `\\${ch}` : ch;
  }
  return `\\u{${n.toString(16).toUpperCase()}}`;
}

/** A code-point set as a JavaScript class: `[…]`, or `[^…]` when the complement is shorter to write. */
function classOf(set: CharSet): string {
  const body = (rs: CharSet) =>
    rs.map(([lo, hi]) => (lo === hi ? cp(lo) : hi === lo + 1 ? cp(lo) + cp(hi) : `${cp(lo)}-${cp(hi)}`)).join('');
  const comp = complement(set);
  return comp.length < set.length ? `[^${body(comp)}]` : `[${body(set)}]`;
}

/** A literal character outside a class. */
function literal(ch: string): string {
  if ('\\^$.|?*+()[]{}/'.includes(ch)) return `\\${ch}`;
  const n = ch.codePointAt(0)!;
  if (n < 0x20 || n === 0x7f) return `\\u{${n.toString(16).toUpperCase()}}`;
  return ch;
}

const SINGLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
const ESCAPABLE = '\\|.-^?*+{}()[]';

class Converter {
  private i = 0;
  private readonly chars: string[];

  constructor(private readonly src: string) {
    this.chars = Array.from(src);
  }

  private fail(msg: string): never {
    throw new Error(`XSD pattern ${JSON.stringify(this.src)}: ${msg} at offset ${this.i}`);
  }

  private peek(): string | undefined {
    return this.chars[this.i];
  }

  convert(): string {
    const out = this.regExp();
    if (this.i < this.chars.length) this.fail(`unexpected ${JSON.stringify(this.peek())}`);
    return out;
  }

  private regExp(): string {
    const branches = [this.branch()];
    while (this.peek() === '|') {
      this.i++;
      branches.push(this.branch());
    }
    return branches.join('|');
  }

  private branch(): string {
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') return out;
      out += this.atom();
      out += this.quantifier();
    }
  }

  private quantifier(): string {
    const c = this.peek();
    if (c === '?' || c === '*' || c === '+') {
      this.i++;
      return c;
    }
    if (c !== '{') return '';
    const start = this.i;
    let j = this.i + 1;
    let body = '';
    while (j < this.chars.length && this.chars[j] !== '}') body += this.chars[j++];
    if (j >= this.chars.length) this.fail('unterminated quantifier');
    const m = /^(\d+)(,(\d*))?$/.exec(body);
    if (m === null) {
      this.i = start;
      this.fail(`invalid quantifier {${body}}`);
    }
    if (m[3] !== undefined && m[3] !== '' && Number(m[3]) < Number(m[1])) this.fail(`quantifier {${body}} has max < min`);
    this.i = j + 1;
    return `{${body}}`;
  }

  private atom(): string {
    const c = this.chars[this.i];
    switch (c) {
      case '(': {
        this.i++;
        const inner = this.regExp();
        if (this.peek() !== ')') this.fail('missing )');
        this.i++;
        return `(?:${inner})`;
      }
      case '[':
        return this.charClass();
      case '.':
        this.i++;
        return classOf(complement(NEWLINES));
      case '\\': {
        const item = this.escape(false);
        return typeof item === 'string' ? literal(item) : classOf(item);
      }
      case '?':
      case '*':
      case '+':
      case '{':
        this.fail(`quantifier ${c} without anything to repeat`);
      // falls through (fail never returns)
      case ']':
      case '}':
      case ')':
        this.fail(`unbalanced ${c}`);
      // falls through
      default:
        this.i++;
        return literal(c);
    }
  }

  /** After a backslash: a literal character (string) or a code-point set. */
  private escape(inClass: boolean): string | CharSet {
    const at = this.i;
    this.i++; // backslash
    const c = this.chars[this.i++];
    if (c === undefined) this.fail('pattern ends with a backslash');
    if (c in SINGLE_ESCAPES) return SINGLE_ESCAPES[c];
    if (ESCAPABLE.includes(c)) return c;
    if (c === 'p' || c === 'P') {
      if (this.peek() !== '{') this.fail(`\\${c} needs {name}`);
      let name = '';
      this.i++;
      while (this.i < this.chars.length && this.chars[this.i] !== '}') name += this.chars[this.i++];
      if (this.peek() !== '}') this.fail(`unterminated \\${c}{`);
      this.i++;
      // libxml2 quirk, kept: inside a character class (subtractions included) `\P{X}` matches what
      // `\p{X}` matches — its parser drops the negation there — so `[\P{L}a]` means `[\p{L}a]`.
      return escapeSet(inClass ? 'p' : c, name, at);
    }
    if ('sSiIcCdDwW'.includes(c)) return escapeSet(c, undefined, at);
    this.i = at;
    return this.fail(`unknown escape \\${c}${inClass ? ' in a character class' : ''}`);
  }

  /** `[...]`, `[^...]`, with optional subtraction `-[...]` at the end, as one JavaScript class. */
  private charClass(): string {
    return classOf(this.charClassSet());
  }

  /** The code points of `[...]`, `[^...]` or `[...-[...]]`. */
  private charClassSet(): CharSet {
    this.i++; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const parts: (readonly [number, number])[] = [];
    let subtract: CharSet | null = null;
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unterminated character class');
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      if (c === '-' && this.chars[this.i + 1] === '[' && !first) {
        this.i++;
        subtract = this.charClassSet();
        if (this.peek() !== ']') this.fail('a subtraction must end the character class');
        this.i++;
        break;
      }
      first = false;
      let lo: string | CharSet;
      if (c === '\\') lo = this.escape(true);
      else if (c === '[') this.fail('[ must be escaped in a character class');
      else {
        this.i++;
        lo = c;
      }
      if (typeof lo !== 'string') {
        parts.push(...lo);
        continue;
      }
      const loCp = lo.codePointAt(0)!;
      // A range?
      if (this.peek() === '-' && this.chars[this.i + 1] !== ']' && this.chars[this.i + 1] !== '[' && this.chars[this.i + 1] !== undefined) {
        this.i++;
        let hi: string | CharSet;
        if (this.peek() === '\\') hi = this.escape(true);
        else hi = this.chars[this.i++];
        if (typeof hi !== 'string') this.fail('a range cannot end with a multi-character escape');
        const hiCp = hi.codePointAt(0)!;
        if (hiCp < loCp) this.fail(`range ${lo}-${hi} is out of order`);
        parts.push([loCp, hiCp]);
      } else parts.push([loCp, loCp]);
    }
    let set = normalize(parts);
    if (negated) set = complement(set);
    if (subtract !== null) set = difference(set, subtract);
    return set;
  }
}

/** Converts an XSD pattern to a JavaScript RegExp source (for the `u` flag, to be anchored by the caller). */
export function xsdPatternToJs(pattern: string): string {
  const out = new Converter(pattern).convert();
  try {
    new RegExp(out, 'u');
  } catch (e) {
    throw new Error(`XSD pattern ${JSON.stringify(pattern)} converts to /${out}/u, which JavaScript refuses: ${(e as Error).message}`);
  }
  return out;
}
