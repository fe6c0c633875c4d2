/**
 * Credentials: how they become HTTP headers, and how they are kept out of every error.
 *
 * ## Header encoding (non-ASCII passwords)
 * HTTP header values are byte strings. Plesk reads `HTTP_AUTH_LOGIN`, `HTTP_AUTH_PASSWD` and
 * `KEY` as raw bytes and compares them with what it stored as UTF-8, so the client sends every
 * credential as its **UTF-8 bytes**: `p&ss<wörd€` goes out as `p&ss<w\xC3\xB6rd\xE2\x82\xAC`.
 * (Each byte is handed to `node:http` as one Latin-1 code unit, which it writes unchanged.)
 * A server written on Node reads header values as Latin-1, so it gets the original back with
 * `Buffer.from(value, 'latin1').toString('utf8')` — the stand-in server does exactly that.
 * Characters such as `&`, `<`, `>`, `"`, `'` need no escaping in a header and go out as they are.
 *
 * Refused at construction (a `TypeError` that names the field, never the value):
 * - control characters (U+0000–U+001F except TAB, and U+007F): CR/LF would split the header;
 * - leading or trailing spaces/tabs: HTTP strips them on both ends, so the server would see a
 *   different password and authentication would fail for no visible reason;
 * - an empty login/password/key; lone UTF-16 surrogates (no UTF-8 form).
 *
 * ## Redaction
 * `Redactor` replaces the password or secret key — in every form the client could have sent or
 * a server could echo (as typed, UTF-8-as-Latin-1, XML-escaped, percent-encoded, JSON-escaped) —
 * with `[REDACTED]`. The client applies it to every text it puts into an error: server error
 * texts and `<output>`, HTTP status texts, body snippets, parser messages and paths, messages
 * and stacks of lower-layer errors. What is guaranteed, by the secret's length:
 * - 4 characters or more: every occurrence is replaced, also inside longer words.
 * - 1 to 3 characters: every occurrence that stands as a token of its own is replaced — not
 *   directly preceded or followed by a letter, digit or `_` (the check applies on a side only
 *   when the secret's character on that side is one of those). An occurrence inside a longer
 *   word is left: scrubbing every `a` of a message would make it unreadable, and the pattern of
 *   the holes would spell out the secret anyway. Such a secret is guessed in seconds however
 *   well errors hide it; the real protection is a longer one.
 * The client itself never writes a credential into any error.
 */

export type PleskAuth =
  | { readonly login: string; readonly password: string }
  | { readonly secretKey: string };

export const REDACTED = '[REDACTED]';

/**
 * The `TypeError` for a wrong client option or credential: `Plesk client: ${what}` (one prefix
 * for every check), its stack starting where it is thrown.
 */
export function optionError(what: string): TypeError {
  const e = new TypeError(`Plesk client: ${what}`);
  Error.captureStackTrace?.(e, optionError);
  return e;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const forbiddenChars = /[\u0000-\u0008\u000A-\u001F\u007F]/;

function checkCredential(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw optionError(`auth.${field} must be a non-empty string`);
  }
  if (forbiddenChars.test(value)) {
    throw optionError(`auth.${field} contains a control character that cannot be sent in an HTTP header`);
  }
  if (/^[ \t]|[ \t]$/.test(value)) {
    throw optionError(
      `auth.${field} starts or ends with a space or tab, which HTTP strips from header values; the server would receive a different value`,
    );
  }
  if (loneSurrogate.test(value)) {
    throw optionError(`auth.${field} contains a lone UTF-16 surrogate and has no UTF-8 form`);
  }
  return value;
}

/** A credential's UTF-8 bytes as a byte string (one Latin-1 code unit per byte). */
export function toHeaderByteString(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** Decode a header value a Node server received (Latin-1 code units) back into the UTF-8 text sent. */
export function fromHeaderByteString(value: string): string {
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i) & 0xff;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Validates `auth` and returns the header entries to send (values already byte strings). */
export function authHeaders(auth: PleskAuth): [string, string][] {
  if (auth !== null && typeof auth === 'object') {
    if ('secretKey' in auth && auth.secretKey !== undefined) {
      if ('password' in auth || 'login' in auth) {
        throw optionError('auth takes either { login, password } or { secretKey }, not both');
      }
      return [['KEY', toHeaderByteString(checkCredential('secretKey', auth.secretKey))]];
    }
    if ('login' in auth && 'password' in auth) {
      return [
        ['HTTP_AUTH_LOGIN', toHeaderByteString(checkCredential('login', auth.login))],
        ['HTTP_AUTH_PASSWD', toHeaderByteString(checkCredential('password', auth.password))],
      ];
    }
  }
  throw optionError('auth must be { login, password } or { secretKey }');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Secrets shorter than this are replaced only where they stand as a token (see the file comment). */
const SUBSTRING_MIN_LENGTH = 4;
const wordChar = /[\p{L}\p{N}_]/u;

/** Replaces secrets in text. Built once per client from its auth; holds the secrets privately. */
export class Redactor {
  /** Every form of every secret: plain needles (long secrets) and token patterns (short ones). */
  readonly #patterns: RegExp[];

  constructor(secrets: readonly string[]) {
    const long = new Set<string>();
    const short = new Set<string>();
    for (const s of secrets) {
      if (s.length === 0) continue;
      const forms = [s, toHeaderByteString(s), xmlEscape(s), encodeURIComponent(s), JSON.stringify(s).slice(1, -1)];
      for (const f of forms) if (f.length > 0) (s.length >= SUBSTRING_MIN_LENGTH ? long : short).add(f);
    }
    // Longest first, so that a form containing another is replaced whole.
    const byLength = (a: string, b: string): number => b.length - a.length;
    this.#patterns = [
      ...[...long].sort(byLength).map((f) => new RegExp(escapeRegExp(f), 'g')),
      ...[...short].sort(byLength).map((f) => {
        const before = wordChar.test(f[0]!) ? '(?<![\\p{L}\\p{N}_])' : '';
        const after = wordChar.test(f.at(-1)!) ? '(?![\\p{L}\\p{N}_])' : '';
        return new RegExp(`${before}${escapeRegExp(f)}${after}`, 'gu');
      }),
    ];
  }

  /** Text with every known form of a secret replaced by `[REDACTED]` (see the file comment for short secrets). */
  text(value: string): string {
    let out = value;
    for (const p of this.#patterns) {
      p.lastIndex = 0;
      out = out.replace(p, REDACTED);
    }
    return out;
  }

  /** True when the text contains a secret (by the same rules as `text`). */
  contains(value: string): boolean {
    return this.#patterns.some((p) => {
      p.lastIndex = 0;
      return p.test(value);
    });
  }

  /**
   * A plain, credential-free copy of an error chain: name, message, stack and the usual
   * diagnostic fields (code, errno, syscall, address, port, host), recursively through `cause`
   * (and `errors` of an AggregateError), with all text redacted. Used for lower-layer errors
   * whose internals the client does not control.
   */
  error(err: unknown, depth = 0): Error {
    if (!(err instanceof Error)) {
      const e = new Error(this.text(typeof err === 'string' ? err : describe(err)));
      e.stack = `${e.name}: ${e.message}`;
      return e;
    }
    const copy = new Error(this.text(err.message));
    Object.defineProperty(copy, 'name', { value: err.name, enumerable: false, configurable: true, writable: true });
    copy.stack = this.text(err.stack ?? `${err.name}: ${err.message}`);
    const src = err as unknown as Record<string, unknown>;
    for (const key of ['code', 'errno', 'syscall', 'address', 'port', 'host', 'hostname', 'reason']) {
      const v = src[key];
      if (typeof v === 'string') (copy as unknown as Record<string, unknown>)[key] = this.text(v);
      else if (typeof v === 'number') (copy as unknown as Record<string, unknown>)[key] = v;
    }
    if (depth < 5 && err.cause !== undefined) copy.cause = this.error(err.cause, depth + 1);
    if (depth < 5 && Array.isArray(src.errors)) {
      (copy as unknown as Record<string, unknown>).errors = src.errors.slice(0, 10).map((e) => this.error(e, depth + 1));
    }
    return copy;
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
