/**
 * The lexical spaces of XML Schema's string-like built-ins that are narrower than "any string"
 * (`SimpleDesc.lexical`): dates, times and durations, `base64Binary` and `hexBinary` (whose
 * length facets count octets), QNames and the other XML names, `language`, `token`,
 * `normalizedString`; `anyURI` takes any string unless `uri.ts` is installed (as libxml2 reads it).
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
 * around date, dateTime, gYear and gYearMonth. The parser agrees with it — and with its one
 * exception: trailing whitespace after a dateTime that ends in a timezone is accepted.
 */
const NO_LEADING_WS = new Set(['date', 'dateTime', 'gYear', 'gYearMonth']);
const NO_TRAILING_WS = new Set([...NO_LEADING_WS, 'time', 'duration', 'gMonth', 'gMonthDay', 'gDay']);

const isXmlSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const TIMEZONE_THEN_SPACE = /(?:Z|[+-]\d\d:\d\d)[\t\n\r ]+$/;

/** Whether libxml2 refuses the whitespace around a value of the built-in `name` (null: it never does). */
function wsRefusal(name: string): ((raw: string) => boolean) | null {
  const leading = NO_LEADING_WS.has(name);
  if (!leading && !NO_TRAILING_WS.has(name)) return null;
  return (raw) =>
    raw.length > 0 &&
    ((leading && isXmlSpace(raw.charCodeAt(0))) || (isXmlSpace(raw.charCodeAt(raw.length - 1)) && !(name === 'dateTime' && TIMEZONE_THEN_SPACE.test(raw))));
}

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

/** Whether the day of a `date`/`dateTime` (`ymd`) or `gMonthDay` exists in its month: 29 February only in a leap year (libxml2 checks it). */
function dayExists(lex: string, ymd: boolean): boolean {
  const m = (ymd ? /^(-?\d+)-(\d\d)-(\d\d)/ : /^--()(\d\d)-(\d\d)/).exec(lex)!;
  const y = +m[1];
  const d = +m[3];
  return d <= DAYS[+m[2] - 1] && (d < 29 || +m[2] !== 2 || !ymd || (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
}

/** The regular expression of a lexical space, and for those with days, the day's check. */
function lexicalTest(name: string, re: RegExp): LexicalTest {
  if (name !== 'date' && name !== 'dateTime' && name !== 'gMonthDay') return re;
  const ymd = name !== 'gMonthDay';
  return { test: (s) => re.test(s) && dayExists(s, ymd) };
}

/** The test of `anyURI` (`uri.ts`), where the descriptors naming it installed it; else any string. */
let uriTest: LexicalTest | null = null;

/** Installs the test of `anyURI` (called by `uri.ts`). */
export function useUriTest(t: LexicalTest): void {
  uriTest = t;
}

const spaces = new Map<string, LexicalSpace>();

function lexicalSpace(name: string): LexicalSpace | undefined {
  let s = spaces.get(name);
  if (s === undefined) {
    const src = LEX_SOURCES[name];
    if (src === undefined && name !== 'anyURI') return undefined;
    s = {
      re: src === undefined ? uriTest : lexicalTest(name, new RegExp(`^(?:${src})$`, 'u')),
      octets: name === 'hexBinary' ? hexOctets : name === 'base64Binary' ? base64Octets : null,
      noWs: wsRefusal(name),
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
