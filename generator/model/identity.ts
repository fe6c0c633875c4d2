/**
 * Identity constraints (`xs:key`, `xs:keyref`, `xs:unique`): reading their restricted XPath
 * (XML Schema 1.0, 3.11.6) into name tests. The subset is small enough to be matched while a
 * document is read, which is all the runtime (`packages/runtime/src/identity.ts`) does with it:
 *
 *   Selector ::= Path ( '|' Path )*
 *   Path     ::= ('.//')? Step ( '/' Step )*                      (selector)
 *   Path     ::= ('.//')? ( Step '/' )* ( Step | '@' NameTest )   (field)
 *   Step     ::= '.' | ('child::')? NameTest
 *   NameTest ::= QName | '*' | NCName ':' '*'
 *
 * `attribute::` may stand for `@`, and whitespace may separate the tokens. An unprefixed name is
 * in no namespace (XPath 1.0 has no default namespace); a prefix is resolved where the
 * constraint is written.
 */
import type { IdentityPath, NameTest } from './types.js';

const NCNAME = /^[\p{L}_][\p{L}\p{N}._\-\u00B7\u0300-\u036F\u203F-\u2040]*$/u;

/**
 * Parses a selector (`field` false) or field XPath; `prefix` resolves a prefix to its namespace
 * (undefined when undeclared). Returns the alternatives, or a message saying what is wrong.
 */
export function parseIdentityXPath(xpath: string, field: boolean, prefix: (p: string) => string | undefined): IdentityPath[] | string {
  const out: IdentityPath[] = [];
  for (const raw of xpath.split('|')) {
    let rest = raw.trim();
    if (rest === '') return `empty path in "${xpath}"`;
    let descendant = false;
    const lead = /^\.\s*\/\s*\/\s*/.exec(rest);
    if (lead !== null) {
      descendant = true;
      rest = rest.slice(lead[0].length);
    }
    const parts = rest.split('/').map((s) => s.trim());
    const steps: NameTest[] = [];
    let attribute: NameTest | undefined;
    for (let i = 0; i < parts.length; i++) {
      let step = parts[i];
      if (step === '') return `"${xpath}" is not in the XPath subset of identity constraints (an empty step, or "//" after the start)`;
      const last = i === parts.length - 1;
      const attr = /^(?:@|attribute\s*::)\s*/.exec(step);
      if (attr !== null) {
        if (!field || !last) return `"${xpath}": an attribute step ${field ? 'must be the last step' : 'is not allowed in a selector'}`;
        const test = nameTest(step.slice(attr[0].length), prefix);
        if (typeof test === 'string') return `"${xpath}": ${test}`;
        attribute = test;
        continue;
      }
      step = step.replace(/^child\s*::\s*/, '');
      if (step === '.') continue;
      const test = nameTest(step, prefix);
      if (typeof test === 'string') return `"${xpath}": ${test}`;
      steps.push(test);
    }
    if (descendant && steps.length === 0 && attribute === undefined) return `"${xpath}": ".//" must be followed by a name test`;
    out.push(attribute === undefined ? { descendant, steps } : { descendant, steps, attribute });
  }
  return out;
}

function nameTest(text: string, prefix: (p: string) => string | undefined): NameTest | string {
  if (text === '*') return { ns: '*', local: '*' };
  const colon = text.indexOf(':');
  const p = colon < 0 ? '' : text.slice(0, colon);
  const local = colon < 0 ? text : text.slice(colon + 1);
  if ((p !== '' && !NCNAME.test(p)) || (local !== '*' && !NCNAME.test(local)) || (local === '*' && p === '')) return `"${text}" is not a name test`;
  if (p === '') return { ns: null, local };
  const ns = prefix(p);
  if (ns === undefined) return `undeclared namespace prefix "${p}"`;
  return { ns, local };
}
