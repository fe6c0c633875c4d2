/**
 * Mixed content (`mixed="true"`): the value is the type's attributes plus `$content`, its text
 * and child elements in document order, each element an object of its one property
 * (`['Dear ', { name: 'Ann' }, '!']`; README, "Mixed content", says why this shape).
 *
 * Reading: the reader (`parse.ts`) builds the element properties of a mixed element as for
 * element-only content (its automaton and matcher need them) and notes, for each child element,
 * where its value lands (`MixRef`) and the text before it. When the element closes,
 * `mixedValue` turns the notes into `$content` and leaves the element properties out.
 *
 * Writing: `mixedTypeWriter` writes the items in the order given, text escaped and elements with
 * the writer's own element writers (`MixedWriterKit`), each returning its text, and checks the order of the elements
 * against the content model with the reader's automaton (`match.ts`), so it writes what the
 * reader accepts — an `xs:all` in its given order too.
 *
 * Installed by `enableMixedContent`, which the descriptors of trees with mixed types call: no
 * other bundle carries it, and element-only content never comes this way.
 */
import { readerExtensions, type MixRef } from './parse.js';
import { automatonOf, isFinal, isWs, transition, type AutoState } from './match.js';
import { E, G, type CPlan, type ENode, type PNode, type WNode } from './plan.js';
import { checkKnown, describeValue, fail, isFragment, isObject, useMixedWriter, type MixedWriterKit, type Tags } from './serialize.js';
import { notXmlChar } from './simple.js';
import { escapeText } from './escape.js';

/**
 * The value of a mixed element: `value` as read (attributes, `$type`, `$attrs`, `$unknown`, and
 * the element properties, which go) with `$content` from the notes and the text after the last
 * child (`tail`). Whitespace-only text is left out when every text between elements is
 * whitespace (layout); otherwise all text is kept as written. No content at all: no `$content`.
 */
function mixedValue(value: Record<string, unknown>, notes: readonly (string | MixRef)[], tail: string, cp: CPlan): Record<string, unknown> {
  const all = tail.length > 0 ? [...notes, tail] : notes;
  let layout = true;
  let elements = false;
  for (const n of all) {
    if (typeof n !== 'string') elements = true;
    else if (!isWs(n)) layout = false;
  }
  const content: unknown[] = [];
  for (const n of all) {
    if (typeof n === 'string') {
      if (!(layout && elements)) content.push(n);
    } else {
      const at = n.host[n.prop];
      content.push({ [n.prop]: n.idx < 0 ? at : (at as unknown[])[n.idx] });
    }
  }
  const own = cp.root?.props ?? [];
  const out: Record<string, unknown> = {};
  for (const k in value) if (!own.includes(k)) out[k] = value[k];
  if (content.length > 0) out.$content = content;
  return out;
}

/** The writer of a mixed type's values: attributes, then `$content` in its order. */
function mixedTypeWriter(cp: CPlan, attrs: (v: Record<string, unknown>) => string, kit: MixedWriterKit): (v: unknown, t: Tags, depth: number) => string {
  const known = new Set(['$content', '$unknown', ...cp.attrs.map((a) => a.property), ...(cp.anyAttr ? ['$attrs'] : [])]);
  // The particles of the content model by property (the first, where one is used twice).
  const byProp = new Map<string, ENode | WNode>();
  const collect = (n: PNode): void => {
    if (n.kind === G) n.items.forEach(collect);
    else if (!byProp.has(n.property)) byProp.set(n.property, n);
  };
  if (cp.root !== null) collect(cp.root);
  const writers = new Map<ENode | WNode, (v: unknown, depth: number) => string>();
  const writerOf = (n: ENode | WNode): ((v: unknown, depth: number) => string) => {
    let w = writers.get(n);
    if (w === undefined) {
      w = n.kind === E ? kit.element(n) : kit.wildcard(n);
      writers.set(n, w);
    }
    return w;
  };
  const names = [...byProp.keys()].map((k) => JSON.stringify(k)).join(', ');
  const one = names === '' ? 'text only: no element is allowed' : `one element property (${names})`;

  return (v, t, depth) => {
    if (!isObject(v)) {
      fail(`expected an object (type ${cp.name}), got ${describeValue(v)}`);
      return '';
    }
    checkKnown(v, known, cp.name);
    const a = attrs(v);
    let items: readonly unknown[] = [];
    const c = v.$content;
    if (c !== undefined) {
      if (Array.isArray(c)) items = c;
      else if (fail(`expected an array of text and one-element objects, got ${describeValue(c)}`, '$content')) return '';
    }
    const auto = automatonOf(cp);
    /** The automaton's state; null once the order has gone wrong (reported once). */
    let ds: AutoState | null = auto.start;
    let ok = true;
    let w = kit.lead(depth);
    if (items.length === 0) w += `${t.open}${a}/>`;
    else {
      // Inside content holding text, no indentation: it would change the text.
      const text = items.some((x) => typeof x === 'string' && x !== '');
      const indenting = text ? kit.indenting(false) : false;
      w += `${t.open}${a}>`;
      kit.push('$content');
      for (let i = 0; i < items.length; i++) {
        const x = items[i];
        kit.push(i);
        if (typeof x === 'string') {
          const bad = notXmlChar(x);
          if (bad === undefined || !fail(bad)) w += escapeText(x);
        } else if (!isObject(x) || isFragment(x)) {
          fail(`expected a string or an object of ${one}, got ${describeValue(x)}`);
        } else {
          let k: string | undefined;
          let more = false;
          for (const p in x) {
            if (x[p] === undefined) continue;
            if (k === undefined) k = p;
            else more = true;
          }
          const n = k === undefined ? undefined : byProp.get(k);
          if (n === undefined || more) {
            fail(`expected ${one}, got ${k === undefined ? 'none' : Object.keys(x).map((p) => JSON.stringify(p)).join(', ')}`);
          } else {
            kit.push(k!);
            const value = x[k!];
            const q = n.kind === E ? { key: n.key, ns: n.desc.namespace ?? '', name: n.xmlName } : fragmentName(value, kit.ns());
            const tr = ok && ds !== null && q !== null ? transition(auto, ds, q.key, q.ns) : null;
            if (tr !== null) ds = tr.to;
            else if (ok && q !== null) {
              ok = false;
              fail(`element <${q.name}> is not allowed here by the content model of type ${cp.name}`);
            }
            w += writerOf(n.kind !== E ? n : (tr?.element ?? tr?.wildcard ?? n))(value, depth + 1);
            kit.pop();
          }
        }
        kit.pop();
      }
      kit.pop();
      if (text) kit.indenting(indenting);
      w += text ? t.close : kit.lead(depth) + t.close;
    }
    if (ok && (ds === null ? cp.root !== null && !cp.root.nullable : !isFinal(ds))) {
      fail(`the content of type ${cp.name} is incomplete: elements it requires are missing`, '$content');
    }
    return w;
  };
}

/** The expanded name of a fragment's element (to match it against the content model), or null. */
function fragmentName(v: unknown, ns: string): { key: string; ns: string; name: string } | null {
  if (!isFragment(v)) return null;
  const m = /^\s*<([^\s/>]+)([^>]*)>/.exec(v.xml);
  if (m === null) return null;
  const name = m[1];
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = name.slice(colon + 1);
  const decl = new RegExp(`\\sxmlns${prefix === '' ? '' : `:${prefix.replace(/[.\-]/g, '\\$&')}`}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(m[2]);
  const uri = decl !== null ? (decl[1] ?? decl[2]) : prefix === '' ? ns : '';
  return { key: uri === '' ? local : `{${uri}}${local}`, ns: uri, name };
}

/** Makes reading and writing handle mixed content as `$content` (called by generated descriptors). */
export function enableMixedContent(): void {
  useMixedWriter(mixedTypeWriter);
  readerExtensions.mixed = mixedValue;
}
