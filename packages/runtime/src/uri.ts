/**
 * The lexical space of `anyURI` as libxml2 (and so Plesk) reads it, in a module of its own: the
 * Plesk schemas use no `anyURI`, so a Plesk client's bundle carries none of it. The descriptors
 * of types with that lexical space install it (`withSupport(…, lexicalSpaces, uriReferences)`);
 * a tree without it checks `anyURI` values as XML Schema 1.0 does (any string).
 */
import { useUriTest } from './lexical.js';
import type { LexicalTest } from './simple.js';

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

/** Support for `anyURI` values: a `RuntimeFeature` for `withSupport`. */
export function uriReferences(): void {
  useUriTest(URI);
}
