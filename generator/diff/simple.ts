/**
 * Comparing two simple types by what they accept, not by how they are written: each type is
 * reduced to its effective facets (the built-in it derives from, the enumeration of the most
 * derived step that has one, every step's patterns, the narrowest bounds), and the two
 * reductions are compared facet by facet. A facet that accepts fewer values is `tightened`, more
 * values `loosened`; a pattern or whiteSpace that changed is `changed` (either way).
 */
import type { SimpleTypeDef, WhiteSpace } from '../model/types.js';

export interface Effective {
  /** The primitive built-in it derives from (`decimal` for `int`, `string` for `token`), or `list` / `union`. */
  builtin: string;
  enumeration?: string[];
  /** Patterns per restriction step (steps are ANDed), each step's alternatives sorted. */
  patterns: string[];
  length?: number;
  minLength?: number;
  maxLength?: number;
  /** Lower bound: value and whether it is inclusive. */
  lower?: { value: string; inclusive: boolean };
  upper?: { value: string; inclusive: boolean };
  whiteSpace?: WhiteSpace;
  totalDigits?: number;
  fractionDigits?: number;
  item?: SimpleTypeDef;
  members?: SimpleTypeDef[];
}

export function effective(t: SimpleTypeDef): Effective {
  const out: Effective = { builtin: t.variety === 'atomic' ? 'anySimpleType' : t.variety, patterns: [] };
  for (let s: SimpleTypeDef | null = t; s !== null; s = s.base) {
    // The primitive: the last built-in before anySimpleType (`int` → `decimal`); the derived
    // built-ins' own facets (integer bounds, fractionDigits 0, whiteSpace) are compared as facets.
    if (t.variety === 'atomic' && s.builtin !== undefined && s.base !== null && s.base.base === null) out.builtin = s.builtin;
    const f = s.facets;
    if (out.enumeration === undefined && f.enumeration) out.enumeration = f.enumeration.map((e) => e.value);
    if (f.pattern && f.pattern.length > 0) out.patterns.push([...f.pattern].sort().join(' | '));
    if (out.length === undefined && f.length !== undefined) out.length = f.length;
    if (f.minLength !== undefined && (out.minLength === undefined || f.minLength > out.minLength)) out.minLength = f.minLength;
    if (f.maxLength !== undefined && (out.maxLength === undefined || f.maxLength < out.maxLength)) out.maxLength = f.maxLength;
    if (out.lower === undefined && (f.minInclusive !== undefined || f.minExclusive !== undefined)) {
      out.lower = f.minInclusive !== undefined ? { value: f.minInclusive, inclusive: true } : { value: f.minExclusive!, inclusive: false };
    }
    if (out.upper === undefined && (f.maxInclusive !== undefined || f.maxExclusive !== undefined)) {
      out.upper = f.maxInclusive !== undefined ? { value: f.maxInclusive, inclusive: true } : { value: f.maxExclusive!, inclusive: false };
    }
    if (out.whiteSpace === undefined && f.whiteSpace !== undefined) out.whiteSpace = f.whiteSpace;
    if (out.totalDigits === undefined && f.totalDigits !== undefined) out.totalDigits = f.totalDigits;
    if (out.fractionDigits === undefined && f.fractionDigits !== undefined) out.fractionDigits = f.fractionDigits;
    if (out.item === undefined && s.itemType) out.item = s.itemType;
    if (out.members === undefined && s.memberTypes) out.members = s.memberTypes;
  }
  out.patterns.sort();
  return out;
}

/** Compares two decimal numbers given as XML Schema lexical strings, without rounding. */
export function compareDecimal(a: string, b: string): number {
  const norm = (s: string): { neg: boolean; int: string; frac: string } => {
    let t = s.trim();
    let neg = false;
    if (t.startsWith('-')) {
      neg = true;
      t = t.slice(1);
    } else if (t.startsWith('+')) t = t.slice(1);
    const [i = '', f = ''] = t.split('.');
    const int = i.replace(/^0+/, '');
    const frac = f.replace(/0+$/, '');
    if (int === '' && frac === '') neg = false;
    return { neg, int, frac };
  };
  const x = norm(a);
  const y = norm(b);
  if (x.neg !== y.neg) return x.neg ? -1 : 1;
  const sign = x.neg ? -1 : 1;
  if (x.int.length !== y.int.length) return sign * (x.int.length < y.int.length ? -1 : 1);
  if (x.int !== y.int) return sign * (x.int < y.int ? -1 : 1);
  const n = Math.max(x.frac.length, y.frac.length);
  const xf = x.frac.padEnd(n, '0');
  const yf = y.frac.padEnd(n, '0');
  return xf === yf ? 0 : sign * (xf < yf ? -1 : 1);
}

export type Direction = 'tightened' | 'loosened' | 'changed';

/** One difference between two simple types. */
export type SimpleDifference =
  | { kind: 'base-changed'; subject: string; old: string; new: string }
  | { kind: 'enum-value-added' | 'enum-value-removed'; value: string }
  | { kind: 'facet-changed'; facet: string; direction: Direction; old: string | undefined; new: string | undefined; warns: boolean }
  | { kind: 'item'; old: SimpleTypeDef; new: SimpleTypeDef; subject: string }
  /** A union's member type added (more values accepted) or removed (fewer). */
  | { kind: 'member-added' | 'member-removed'; member: string };

/** A named type as the report shows it (`xs:int`, `guidType`); null for an anonymous one. */
export function memberLabel(t: SimpleTypeDef): string | null {
  if (t.name === null) return null;
  return t.name.ns === 'http://www.w3.org/2001/XMLSchema' ? `xs:${t.name.local}` : t.name.local;
}

/**
 * A union's members, old against new: named members are matched by name wherever they stand,
 * anonymous ones by their order among the anonymous ones; what is left is added or removed.
 * Matched pairs are returned as `item`s, for the caller to compare as types.
 */
function compareMembers(olds: SimpleTypeDef[], news: SimpleTypeDef[]): SimpleDifference[] {
  const out: SimpleDifference[] = [];
  const named = new Map<string, SimpleTypeDef>();
  for (const m of news) {
    const l = memberLabel(m);
    if (l !== null && !named.has(l)) named.set(l, m);
  }
  const anonNew = news.filter((m) => m.name === null);
  const matched = new Set<SimpleTypeDef>();
  let anon = 0;
  olds.forEach((m, i) => {
    const l = memberLabel(m);
    const partner = l !== null ? named.get(l) : anonNew[anon++];
    if (partner === undefined || matched.has(partner)) {
      out.push({ kind: 'member-removed', member: l ?? `anonymous member ${i + 1}` });
      return;
    }
    matched.add(partner);
    if (partner !== m) out.push({ kind: 'item', old: m, new: partner, subject: `union member ${l ?? i + 1}` });
  });
  news.forEach((m, i) => {
    if (!matched.has(m)) out.push({ kind: 'member-added', member: memberLabel(m) ?? `anonymous member ${i + 1}` });
  });
  return out;
}

const show = (v: number | string | undefined): string | undefined => (v === undefined ? undefined : String(v));

/**
 * The differences between two simple types (list item types and matched union members are
 * returned as `item` pairs for the caller to compare in turn, so shared named types are
 * compared once; union members added or removed, and a list's item type of another primitive,
 * are differences of their own).
 */
export function compareSimple(a: SimpleTypeDef, b: SimpleTypeDef): SimpleDifference[] {
  const x = effective(a);
  const y = effective(b);
  const out: SimpleDifference[] = [];
  if (x.builtin !== y.builtin) {
    out.push({ kind: 'base-changed', subject: 'base type', old: x.builtin, new: y.builtin });
    return out;
  }
  if (x.item && y.item) {
    // A list of other values: the item type is named in the report; its facets are compared
    // in turn (as a pair of types) when both items are still of the same primitive.
    const ix = effective(x.item).builtin;
    const iy = effective(y.item).builtin;
    if (ix !== iy) out.push({ kind: 'base-changed', subject: 'list item type', old: memberLabel(x.item) ?? ix, new: memberLabel(y.item) ?? iy });
    else out.push({ kind: 'item', old: x.item, new: y.item, subject: 'list item' });
  }
  if (x.members && y.members) out.push(...compareMembers(x.members, y.members));
  // Enumeration.
  if (x.enumeration && y.enumeration) {
    const ys = new Set(y.enumeration);
    const xs = new Set(x.enumeration);
    for (const v of x.enumeration) if (!ys.has(v)) out.push({ kind: 'enum-value-removed', value: v });
    for (const v of y.enumeration) if (!xs.has(v)) out.push({ kind: 'enum-value-added', value: v });
  } else if (x.enumeration || y.enumeration) {
    out.push({
      kind: 'facet-changed',
      facet: 'enumeration',
      direction: y.enumeration ? 'tightened' : 'loosened',
      old: x.enumeration?.join(', '),
      new: y.enumeration?.join(', '),
      warns: true,
    });
  }
  // Patterns: compared as sets of steps.
  const xp = new Set(x.patterns);
  const yp = new Set(y.patterns);
  const removedP = x.patterns.filter((p) => !yp.has(p));
  const addedP = y.patterns.filter((p) => !xp.has(p));
  if (removedP.length > 0 || addedP.length > 0) {
    const direction: Direction = removedP.length === 0 ? 'tightened' : addedP.length === 0 ? 'loosened' : 'changed';
    out.push({ kind: 'facet-changed', facet: 'pattern', direction, old: removedP.join(' & ') || undefined, new: addedP.join(' & ') || undefined, warns: true });
  }
  // Lengths and digits: a smaller maximum or a larger minimum is tighter.
  const bound = (facet: string, o: number | undefined, n: number | undefined, smallerIsTighter: boolean): void => {
    if (o === n) return;
    let direction: Direction;
    if (o === undefined) direction = 'tightened';
    else if (n === undefined) direction = 'loosened';
    else direction = (n < o) === smallerIsTighter ? 'tightened' : 'loosened';
    out.push({ kind: 'facet-changed', facet, direction, old: show(o), new: show(n), warns: true });
  };
  if (x.length !== y.length) out.push({ kind: 'facet-changed', facet: 'length', direction: x.length === undefined ? 'tightened' : y.length === undefined ? 'loosened' : 'changed', old: show(x.length), new: show(y.length), warns: true });
  bound('minLength', x.minLength, y.minLength, false);
  bound('maxLength', x.maxLength, y.maxLength, true);
  bound('totalDigits', x.totalDigits, y.totalDigits, true);
  bound('fractionDigits', x.fractionDigits, y.fractionDigits, true);
  // Numeric bounds.
  const range = (facet: 'lower' | 'upper'): void => {
    const o = x[facet];
    const n = y[facet];
    const text = (r: { value: string; inclusive: boolean } | undefined): string | undefined =>
      r === undefined ? undefined : `${facet === 'lower' ? (r.inclusive ? '≥' : '>') : r.inclusive ? '≤' : '<'} ${r.value}`;
    if (o === undefined && n === undefined) return;
    if (o !== undefined && n !== undefined && o.value === n.value && o.inclusive === n.inclusive) return;
    let direction: Direction;
    if (o === undefined) direction = 'tightened';
    else if (n === undefined) direction = 'loosened';
    else {
      let c = compareDecimal(n.value, o.value);
      if (c === 0) c = o.inclusive && !n.inclusive ? 1 : -1; // exclusive is tighter at the same value
      if (facet === 'upper') c = -c;
      direction = c > 0 ? 'tightened' : 'loosened';
    }
    out.push({ kind: 'facet-changed', facet: facet === 'lower' ? 'minimum' : 'maximum', direction, old: text(o), new: text(n), warns: true });
  };
  range('lower');
  range('upper');
  if ((x.whiteSpace ?? 'preserve') !== (y.whiteSpace ?? 'preserve')) {
    out.push({ kind: 'facet-changed', facet: 'whiteSpace', direction: 'changed', old: x.whiteSpace ?? 'preserve', new: y.whiteSpace ?? 'preserve', warns: false });
  }
  return out;
}
