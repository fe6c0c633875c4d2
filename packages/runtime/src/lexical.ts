/**
 * The lexical spaces of XML Schema's string-like built-ins that are narrower than "any string"
 * (`SimpleDesc.lexical`): dates, times and durations, `base64Binary` and `hexBinary` (whose
 * length facets count octets), QNames and the other XML names, `language`, `token`,
 * `normalizedString`; `anyURI` as libxml2 reads it (see `URI`).
 *
 * `simple.ts` reaches these only through `lexicalSpaces`, which the descriptors naming a
 * lexical space install (`withSupport(…, lexicalSpaces)`), so a bundle whose types are plain
 * strings, numbers and enumerations (a Plesk client of a few operations) carries none of it.
 */
import { useLexicalSpaces, type LexicalSpace, type LexicalTest } from './simple.js';

const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const NC_START = NAME_START.slice(1);
const NC_CHAR = NAME_CHAR.slice(1);
const NCNAME = `[${NC_START}][${NC_CHAR}]*`;
const TZ = '(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?';
/** Four or more digits; year 0000 is not a year in XML Schema 1.0 (libxml2 refuses it). */
const YEAR = '-?(?:[1-9][0-9]{3,}|0(?!000)[0-9]{3})';
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

/**
 * libxml2 (and so Plesk) refuses whitespace around date and time values, although their
 * whiteSpace facet is collapse: trailing whitespace around every one of them, leading whitespace
 * around date, dateTime, gYear and gYearMonth. The parser agrees with it.
 */
const NO_LEADING_WS = new Set(['date', 'dateTime', 'gYear', 'gYearMonth']);
const NO_TRAILING_WS = new Set([...NO_LEADING_WS, 'time', 'duration', 'gMonth', 'gMonthDay', 'gDay']);

/** Octets of a `hexBinary` value. */
const hexOctets = (lex: string): number => lex.length >> 1;

/** Octets of a `base64Binary` value (its spaces and padding left out). */
function base64Octets(lex: string): number {
  const t = lex.replace(/ /g, '');
  let pad = 0;
  if (t.endsWith('==')) pad = 2;
  else if (t.endsWith('=')) pad = 1;
  return (t.length / 4) * 3 - pad;
}

/** Days in each month, February of a leap year. */
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const RE_YMD = /^(-?[0-9]+)-([0-9]{2})-([0-9]{2})/;
const RE_MD = /^--([0-9]{2})-([0-9]{2})/;

/** Whether the day of a `date`/`dateTime` (`ymd`) or `gMonthDay` exists in its month: 29 February only in a leap year (libxml2 checks it). */
function dayExists(lex: string, ymd: boolean): boolean {
  const m = (ymd ? RE_YMD : RE_MD).exec(lex);
  if (m === null) return true;
  const month = Number(m[ymd ? 2 : 1]);
  const day = Number(m[ymd ? 3 : 2]);
  if (day <= 28 || day <= DAYS[month - 1] - (month === 2 ? 1 : 0)) return true;
  if (day > DAYS[month - 1]) return false;
  if (!ymd) return true;
  const y = Number(m[1]);
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The regular expression of a lexical space, and for those with days, the day's check. */
function lexicalTest(name: string, re: RegExp): LexicalTest {
  if (name !== 'date' && name !== 'dateTime' && name !== 'gMonthDay') return re;
  const ymd = name !== 'gMonthDay';
  return { test: (s) => re.test(s) && dayExists(s, ymd) };
}

/**
 * `anyURI`: XSD 1.0 takes practically any string, but libxml2 (and so Plesk) parses the value as
 * an RFC 3986 URI reference, once the characters a URI may not hold (controls, spaces, non-ASCII,
 * `<>"{}|\^`'`) are taken for safe ones: a scheme is a letter, then letters, digits, `+`, `-`,
 * `.`; a relative reference's first segment has no colon; `%` starts an escape of two hex digits;
 * `[` and `]` only enclose an IP literal host; a port is digits; one `#`.
 */
const RE_URI = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#([^]*))?$/;
const RE_AUTHORITY = /^(?:[^@[\]]*@)?(?:\[[0-9A-Fa-f:.vV+-]*\]|[^:@[\]]*)(?::[0-9]*)?$/;
const URI: LexicalTest = {
  test(s) {
    const m = RE_URI.exec(s);
    if (m === null || /%(?![0-9A-Fa-f]{2})/.test(s)) return false;
    const [, scheme, authority, path, query = '', fragment = ''] = m;
    if (scheme !== undefined ? !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme) : authority === undefined && /^[^/]*:/.test(path)) return false;
    return (authority === undefined || RE_AUTHORITY.test(authority)) && !/[[\]]/.test(path + query) && !/[#[\]]/.test(fragment);
  },
};

const spaces = new Map<string, LexicalSpace>();

function lexicalSpace(name: string): LexicalSpace | undefined {
  let s = spaces.get(name);
  if (s === undefined) {
    const src = LEX_SOURCES[name];
    if (src === undefined && name !== 'anyURI') return undefined;
    s = {
      re: src === undefined ? URI : lexicalTest(name, new RegExp(`^(?:${src})$`, 'u')),
      octets: name === 'hexBinary' ? hexOctets : name === 'base64Binary' ? base64Octets : null,
      noWs: NO_LEADING_WS.has(name) ? 2 : NO_TRAILING_WS.has(name) ? 1 : 0,
    };
    spaces.set(name, s);
  }
  return s;
}

/**
 * Support for the lexical spaces of the string-like built-ins (`SimpleDesc.lexical`): a
 * `RuntimeFeature` for `withSupport`, called by the descriptors that name one.
 */
export function lexicalSpaces(): void {
  useLexicalSpaces(lexicalSpace);
}
