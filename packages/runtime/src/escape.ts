/**
 * Escaping of character data and attribute values for the serializer, and the one-test checks
 * its text shortcut uses to see that a string needs no escaping and holds only XML characters
 * (anything else goes through the full check and `escapeText`/`escapeAttr`).
 */

const RE_TEXT_SPECIAL = /[&<>\r]/;
const RE_TEXT_SPECIAL_G = /[&<>\r]/g;
const RE_ATTR_SPECIAL = /[&<"\t\n\r]/;
const RE_ATTR_SPECIAL_G = /[&<"\t\n\r]/g;
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
const escOne = (c: string): string => ESC[c];

/** Escapes character data: `&`, `<`, `>` (so `]]>` never appears) and CR (kept through parsing). */
export function escapeText(s: string): string {
  return RE_TEXT_SPECIAL.test(s) ? s.replace(RE_TEXT_SPECIAL_G, escOne) : s;
}

/** Escapes an attribute value for double quotes; whitespace other than space as character references. */
export function escapeAttr(s: string): string {
  return RE_ATTR_SPECIAL.test(s) ? s.replace(RE_ATTR_SPECIAL_G, escOne) : s;
}

/**
 * A character that is not an XML 1.0 `Char` from the Basic Multilingual Plane, or one that
 * `escapeText` would change (`&`, `<`, `>`, CR). Surrogates count too, so a string without a
 * match holds XML characters only and is its own escaped text.
 */
export const RE_TEXT_NOT_PLAIN = /[^\t\n\u0020-\u0025\u0027-\u003B\u003D\u003F-\uD7FF\uE000-\uFFFD]/;

/** Like `RE_TEXT_NOT_PLAIN` for attribute values (also `"`, tab, LF; `>` is left to the full check). */
export const RE_ATTR_NOT_PLAIN = /[^\u0020\u0021\u0023-\u0025\u0027-\u003B\u003D\u003F-\uD7FF\uE000-\uFFFD]/;
