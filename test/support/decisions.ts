/**
 * The documented decisions: the only ways the bindings may differ from libxml2 (README, "Reading
 * modes"), listed once for the differential tests (test/codec/differential.test.ts,
 * test/codec/lexical-values.test.ts). Each names the README rule it stands for and recognizes the
 * violations it explains; a refusal by the parser that libxml2 accepts is allowed only when every
 * violation is explained by one of them. (Canonical lexical form on write changes the text of the
 * output, not its validity or its value, so no verdict needs it: the round trip compares values.)
 */
export interface Violation {
  path: string;
  message: string;
}

export const DECISIONS: readonly { rule: string; explains: (v: Violation) => boolean }[] = [
  {
    rule: 'integers beyond ±(2^53−1) are refused in number mode, never rounded',
    explains: (v) => v.message.includes('outside the safe integer range'),
  },
  {
    rule: 'base64Binary is checked as the specification says (libxml2 skips stray characters)',
    explains: (v) => /is not a valid xs:base64Binary|base64/.test(v.message),
  },
  {
    rule: 'xs:float and xs:double are read as XML Schema 1.0 defines them: libxml2 also takes a mantissa or an exponent without digits (`1e`, `1.e+`, `.`)',
    explains: (v) => {
      const m = /"(.*)" is not a valid floating-point number/.exec(v.message);
      return m !== null && /^[+-]?[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]*)?$/.test(m[1].trim());
    },
  },
  {
    rule: 'an attribute given twice is refused, the xml prefix\'s declaration too (libxml2 skips xmlns:xml declarations, so it misses that one)',
    explains: (v) => v.message.includes('duplicate attribute: xmlns:xml'),
  },
  {
    rule: 'a DOCTYPE is refused, whatever it declares (no entity expansion, internal or external, can happen; libxml2 accepts a DOCTYPE and refuses only the entity references it would have to expand while validating)',
    explains: (v) => v.message.includes('DOCTYPE declarations are not allowed'),
  },
  {
    rule: 'xsi:type may name a derived type only where the declared type is abstract (a Plesk tree\'s concrete types have no stand-ins: the value is typed as that type)',
    explains: (v) => /xsi:type .* is supported only where the declared type is abstract/.test(v.message),
  },
];

/**
 * The documented decisions in the other direction: what the parser accepts and libxml2 refuses,
 * each recognizing libxml2's messages.
 */
export const ACCEPTANCE_DECISIONS: readonly { rule: string; explains: (libxml2Errors: readonly string[]) => boolean }[] = [
  {
    rule: 'elements nested deeper than 256 are read (the reader keeps no stack: its frames grow with the document, which maxBytes bounds); libxml2 refuses them without XML_PARSE_HUGE',
    explains: (errors) => errors.length > 0 && errors.every((e) => /Excessive depth in document/.test(e)),
  },
];

