/**
 * List and union simple types: reading and writing their values (`SimpleDesc.kind` `list`, an
 * array of the item type's values separated by whitespace; `union`, the value of the first
 * member type that accepts the text). The facets of the list or union itself are checked by
 * `simple.ts` afterwards, as for every kind.
 *
 * `simple.ts` reaches these only through `listTypes` and `unionTypes`, which the descriptors of
 * such types install (`withSupport(…, listTypes)`), so a bundle without them carries none of it.
 */
import { parseSimple, refused, show, toLexical, typeName, useKind, hardProblemSince, type Problem, type SPlan } from './simple.js';

const RE_LIST_ITEM = /^[^\t\n\r ]+$/;

function parseList(p: SPlan, lex: string, out: Problem[]): unknown {
  const item = p.itemType;
  const parts = lex.length === 0 ? [] : lex.split(' ');
  const arr: unknown[] = [];
  const before = out.length;
  for (const part of parts) {
    if (item === null) arr.push(part);
    else arr.push(parseSimple(item, part, out));
  }
  return hardProblemSince(out, before) ? undefined : arr;
}

function writeList(p: SPlan, v: unknown, out: Problem[], check: boolean): string | undefined {
  if (!Array.isArray(v)) return refused(out, `expected an array (list type ${p.name}), got ${typeName(v)}`);
  const parts: string[] = [];
  const before = out.length;
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    const s = p.itemType === null ? (typeof item === 'string' ? item : undefined) : toLexical(p.itemType, item, out, check);
    if (s === undefined) {
      if (p.itemType === null) refused(out, `list item ${i}: expected a string`);
      continue;
    }
    if (check && !RE_LIST_ITEM.test(s)) {
      refused(out, `list item ${i} (${show(s)}) is empty or contains whitespace`);
      continue;
    }
    parts.push(s);
  }
  return hardProblemSince(out, before) ? undefined : parts.join(' ');
}

function parseUnion(p: SPlan, lex: string, out: Problem[]): unknown {
  const tmp: Problem[] = [];
  for (const m of p.members!) {
    const before = tmp.length;
    const v = parseSimple(m, lex, tmp);
    if (tmp.length === before) return v;
  }
  // Each member's reason, so that a documented one (an integer beyond 2^53) shows.
  return refused(out, `${show(lex)} is not valid for any member of ${p.name} (${p.members!.map((m) => m.name).join(', ')}): ${tmp.map((t) => t.msg).join('; ')}`);
}

function writeUnion(p: SPlan, v: unknown, out: Problem[]): string | undefined {
  const tmp: Problem[] = [];
  for (const m of p.members!) {
    tmp.length = 0;
    const s = toLexical(m, v, tmp, true);
    if (s !== undefined && tmp.length === 0) return s;
  }
  return refused(out, `${typeof v === 'string' ? show(v) : String(v)} is not valid for any member of ${p.name} (${p.members!.map((m) => m.name).join(', ')})`);
}

/** Support for list types: a `RuntimeFeature` for `withSupport`, called by their descriptors. */
export function listTypes(): void {
  useKind('list', { parse: parseList, write: writeList });
}

/** Support for union types: a `RuntimeFeature` for `withSupport`, called by their descriptors. */
export function unionTypes(): void {
  useKind('union', { parse: parseUnion, write: writeUnion });
}
