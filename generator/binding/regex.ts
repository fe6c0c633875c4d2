/**
 * XSD regular expressions (XML Schema 1.0 Part 2, Appendix F) → JavaScript RegExp sources for the
 * `u` flag. The result is not anchored: XSD patterns match the whole value, so callers wrap it as
 * `^(?:…)$`.
 *
 * Differences handled:
 * - `^` and `$` are ordinary characters in XSD; `.` excludes only `\n` and `\r`.
 * - `\i` `\I` `\c` `\C` (XML name characters, taken from XML 1.0 fifth edition), `\d` (`\p{Nd}`),
 *   `\w` (everything but punctuation, separators and "other"), `\s` (XML whitespace only).
 * - `\p{IsBlock}` block escapes, for the blocks listed in `BLOCKS` (others are refused).
 * - Character class subtraction `[a-z-[aeiou]]` becomes a negative lookahead.
 * - Groups become non-capturing.
 * Anything else that is not XSD syntax throws an `Error` saying where.
 */

/** Unicode blocks as XSD names them (Unicode 3.1 list), the ones commonly met. */
const BLOCKS: Record<string, [number, number]> = {
  BasicLatin: [0x0000, 0x007f],
  'Latin-1Supplement': [0x0080, 0x00ff],
  'LatinExtended-A': [0x0100, 0x017f],
  'LatinExtended-B': [0x0180, 0x024f],
  IPAExtensions: [0x0250, 0x02af],
  SpacingModifierLetters: [0x02b0, 0x02ff],
  CombiningDiacriticalMarks: [0x0300, 0x036f],
  Greek: [0x0370, 0x03ff],
  Cyrillic: [0x0400, 0x04ff],
  Armenian: [0x0530, 0x058f],
  Hebrew: [0x0590, 0x05ff],
  Arabic: [0x0600, 0x06ff],
  Syriac: [0x0700, 0x074f],
  Thaana: [0x0780, 0x07bf],
  Devanagari: [0x0900, 0x097f],
  Bengali: [0x0980, 0x09ff],
  Thai: [0x0e00, 0x0e7f],
  Georgian: [0x10a0, 0x10ff],
  HangulJamo: [0x1100, 0x11ff],
  LatinExtendedAdditional: [0x1e00, 0x1eff],
  GreekExtended: [0x1f00, 0x1fff],
  GeneralPunctuation: [0x2000, 0x206f],
  SuperscriptsandSubscripts: [0x2070, 0x209f],
  CurrencySymbols: [0x20a0, 0x20cf],
  LetterlikeSymbols: [0x2100, 0x214f],
  NumberForms: [0x2150, 0x218f],
  Arrows: [0x2190, 0x21ff],
  MathematicalOperators: [0x2200, 0x22ff],
  MiscellaneousTechnical: [0x2300, 0x23ff],
  BoxDrawing: [0x2500, 0x257f],
  BlockElements: [0x2580, 0x259f],
  GeometricShapes: [0x25a0, 0x25ff],
  MiscellaneousSymbols: [0x2600, 0x26ff],
  Dingbats: [0x2700, 0x27bf],
  CJKSymbolsandPunctuation: [0x3000, 0x303f],
  Hiragana: [0x3040, 0x309f],
  Katakana: [0x30a0, 0x30ff],
  CJKUnifiedIdeographs: [0x4e00, 0x9fff],
  HangulSyllables: [0xac00, 0xd7a3],
  PrivateUse: [0xe000, 0xf8ff],
  CJKCompatibilityIdeographs: [0xf900, 0xfaff],
  AlphabeticPresentationForms: [0xfb00, 0xfb4f],
  HalfwidthandFullwidthForms: [0xff00, 0xffef],
  Specials: [0xfff0, 0xfffd],
};

const CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo',
  'M', 'Mn', 'Mc', 'Me',
  'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po',
  'Z', 'Zs', 'Zl', 'Zp',
  'S', 'Sm', 'Sc', 'Sk', 'So',
  'C', 'Cc', 'Cf', 'Co', 'Cn',
]);

const NAME_START = ':A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}\\u{200C}-\\u{200D}\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}`;

/**
 * One item of a character class, as JavaScript: `pos` is class-body text (usable inside `[...]`);
 * `neg` is class-body text of a set whose complement is meant (it cannot be put in a class).
 */
type ClassItem = { pos: string } | { neg: string };

/** Multi-character and category escapes, as class items. */
function escapeItem(c: string, arg: string | undefined, at: number): ClassItem {
  switch (c) {
    case 's':
      return { pos: ' \\t\\n\\r' };
    case 'S':
      return { neg: ' \\t\\n\\r' };
    case 'i':
      return { pos: NAME_START };
    case 'I':
      return { neg: NAME_START };
    case 'c':
      return { pos: NAME_CHAR };
    case 'C':
      return { neg: NAME_CHAR };
    case 'd':
      return { pos: '\\p{Nd}' };
    case 'D':
      return { pos: '\\P{Nd}' };
    case 'w':
      return { neg: '\\p{P}\\p{Z}\\p{C}' };
    case 'W':
      return { pos: '\\p{P}\\p{Z}\\p{C}' };
    case 'p':
    case 'P': {
      const body = property(arg!, at);
      return c === 'p' ? { pos: body } : { neg: body };
    }
  }
  throw new Error(`XSD pattern: unknown escape \\${c} at offset ${at}`);
}

function property(name: string, at: number): string {
  if (CATEGORIES.has(name)) return `\\p{${name}}`;
  if (name.startsWith('Is')) {
    const block = BLOCKS[name.slice(2)];
    if (block === undefined) throw new Error(`XSD pattern: block escape \\p{${name}} at offset ${at} is not supported (known blocks: ${Object.keys(BLOCKS).join(', ')})`);
    return `${cp(block[0])}-${cp(block[1])}`;
  }
  throw new Error(`XSD pattern: unknown character property \\p{${name}} at offset ${at}`);
}

/** A code point as class-body text. */
function cp(n: number): string {
  if ((n >= 0x30 && n <= 0x39) || (n >= 0x41 && n <= 0x5a) || (n >= 0x61 && n <= 0x7a)) return String.fromCodePoint(n);
  return `\\u{${n.toString(16).toUpperCase()}}`;
}

/** A literal character outside a class. */
function literal(ch: string): string {
  if ('\\^$.|?*+()[]{}/'.includes(ch)) return `\\${ch}`;
  const n = ch.codePointAt(0)!;
  if (n < 0x20 || n === 0x7f) return `\\u{${n.toString(16).toUpperCase()}}`;
  return ch;
}

/** A literal character inside a class. */
function classLiteral(ch: string): string {
  if ('\\]-^['.includes(ch)) return `\\${ch}`;
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
        return '[^\\n\\r]';
      case '\\': {
        const item = this.escape(false);
        if (typeof item === 'string') return literal(item);
        if ('pos' in item) return /^\\[pP]\{\w+\}$/.test(item.pos) ? item.pos : `[${item.pos}]`;
        return `[^${item.neg}]`;
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

  /** After a backslash: a literal character (string) or a class item. */
  private escape(inClass: boolean): string | ClassItem {
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
      return escapeItem(c, name, at);
    }
    if ('sSiIcCdDwW'.includes(c)) return escapeItem(c, undefined, at);
    this.i = at;
    return this.fail(`unknown escape \\${c}${inClass ? ' in a character class' : ''}`);
  }

  /** `[...]`, `[^...]`, with optional subtraction `-[...]` at the end. */
  private charClass(): string {
    this.i++; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const items: ClassItem[] = [];
    let pos = '';
    let subtract: string | null = null;
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
        subtract = this.charClass();
        if (this.peek() !== ']') this.fail('a subtraction must end the character class');
        this.i++;
        break;
      }
      first = false;
      let lo: string | ClassItem;
      if (c === '\\') lo = this.escape(true);
      else if (c === '[') this.fail('[ must be escaped in a character class');
      else {
        this.i++;
        lo = c;
      }
      if (typeof lo !== 'string') {
        items.push(lo);
        continue;
      }
      // A range?
      if (this.peek() === '-' && this.chars[this.i + 1] !== ']' && this.chars[this.i + 1] !== '[' && this.chars[this.i + 1] !== undefined) {
        this.i++;
        let hi: string | ClassItem;
        if (this.peek() === '\\') hi = this.escape(true);
        else hi = this.chars[this.i++];
        if (typeof hi !== 'string') this.fail('a range cannot end with a multi-character escape');
        if (hi.codePointAt(0)! < lo.codePointAt(0)!) this.fail(`range ${lo}-${hi} is out of order`);
        pos += `${classLiteral(lo)}-${classLiteral(hi)}`;
      } else pos += classLiteral(lo);
    }
    for (const it of items) if ('pos' in it) pos += it.pos;
    const negs = items.filter((it): it is { neg: string } => 'neg' in it).map((it) => it.neg);
    // The class as one positive single-character matcher.
    let m: string;
    if (negs.length === 0) m = negated ? `[^${pos}]` : `[${pos}]`;
    else {
      const alts = [...(pos !== '' ? [`[${pos}]`] : []), ...negs.map((n) => `[^${n}]`)];
      const union = alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
      m = negated ? `(?!${union})[^]` : union;
    }
    if (subtract !== null) m = `(?:(?!${subtract})${m})`;
    return m;
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
