/**
 * Likely renames: an element or attribute that disappeared and one that appeared in the same
 * type, at the same place, with the same type, are reported as one rename rather than a removal
 * and an addition. "Same type" is the same type name, or for an anonymous type the same
 * structure (effective facets of a simple type; content kind, attribute and element names of a
 * complex one). "Same place" for an element is the same kind of enclosing group and the same
 * neighbour before or after it (or the same position); attributes have no order, so any place
 * matches. Each candidate is paired at most once, in schema order.
 */
import { qnameKey, XS_NS, type TypeDef } from '../model/index.js';
import { effective } from './simple.js';

export interface Candidate<T> {
  item: T;
  /** From `typeSignature`. */
  sig: string;
  /** `kind|previous|next|index/count`, or '' where places do not matter. */
  place: string;
}

/** A short text that is equal for two types that are the same for the purpose of a rename. */
export function typeSignature(t: TypeDef): string {
  if (t.name !== null) return t.name.ns === XS_NS ? `xs:${t.name.local}` : `T:${qnameKey(t.name)}`;
  if (t.kind === 'simple') {
    const e = effective(t);
    return `S:${JSON.stringify({ ...e, item: e.item ? typeSignature(e.item) : undefined, members: e.members?.map(typeSignature) })}`;
  }
  const names: string[] = [];
  const walk = (p: typeof t.content): void => {
    if (p === null) return;
    if (p.kind === 'element') names.push(qnameKey(p.decl.name));
    else if (p.kind === 'any') names.push('*');
    else p.particles.forEach(walk);
  };
  walk(t.content);
  return `C:${t.contentKind}:${t.attributes.map((a) => qnameKey(a.name)).join(',')}:${names.join(',')}`;
}

function samePlace(a: string, b: string): boolean {
  if (a === '' || b === '') return a === b;
  const [ak, ap, an, ai] = a.split('|');
  const [bk, bp, bn, bi] = b.split('|');
  return ak === bk && (ap === bp || an === bn || ai === bi);
}

/** Pairs removed with added candidates of the same signature at the same place. */
export function pairRenames<T>(removed: Candidate<T>[], added: Candidate<T>[]): [T, T][] {
  const out: [T, T][] = [];
  const used = new Set<Candidate<T>>();
  for (const r of removed) {
    const c = added.find((x) => !used.has(x) && x.sig === r.sig && samePlace(r.place, x.place));
    if (c === undefined) continue;
    used.add(c);
    out.push([r.item, c.item]);
  }
  return out;
}
