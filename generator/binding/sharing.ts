/**
 * The sharing pass: which side of the tree each declaration belongs to. The Plesk profile binds
 * two schema sets (requests from `agent_input.xsd`, responses from `agent_output.xsd`) whose
 * same-named types may differ; a type is declared once, `shared`, when both sets have the same
 * declaration (`SetComparison.shared`, from the model's set comparison), else once per set, on
 * the `request` or `response` side. The general core binds one set against itself: everything
 * is `shared`.
 *
 * Anonymous types of global elements have no name to compare by: the same declaration (one
 * file:line) read into both sets is shared when its file belongs to both sets and every named
 * type it refers to, transitively, is shared.
 *
 * Only sides are decided here; names (and the `Request`/`Response` suffixes of names both sides
 * want) are the naming pass's (`naming.ts`).
 */
import { XS_NS, qnameKey } from '../model/types.js';
import type { Particle, SchemaSet, SetComparison, SimpleTypeDef, TypeDef } from '../model/types.js';
import type { Side } from './model.js';

/** Which of the two sets a type was read from. */
export type SetSide = 'input' | 'output';

export interface Sharing {
  /**
   * The side of the global type `key` of `setSide`'s set; `null` for the response set's copy of a
   * shared type (declared once, from the request set).
   */
  globalSide(key: string, setSide: SetSide): Side | null;
  /** Whether the anonymous type of a global element is declared once for both sets (`shared`). */
  sharesAnonymous(def: TypeDef): boolean;
  /** The side of a type that is not shared, as read from `setSide`'s set. */
  sideOf(setSide: SetSide): Side;
}

export function decideSharing(input: SchemaSet, output: SchemaSet, comparison: SetComparison): Sharing {
  const shared = new Set(comparison.shared);
  const onlyShared = (def: TypeDef, seen: Set<TypeDef>): boolean => {
    if (seen.has(def)) return true;
    seen.add(def);
    if (def.name !== null) return def.name.ns === XS_NS || shared.has(qnameKey(def.name));
    if (def.kind === 'simple') {
      const refs = [def.base, def.itemType, ...(def.memberTypes ?? [])].filter((t): t is SimpleTypeDef => !!t);
      return refs.every((t) => onlyShared(t, seen));
    }
    if (def.base && !onlyShared(def.base, seen)) return false;
    if (def.simpleType && !onlyShared(def.simpleType, seen)) return false;
    if (!def.attributes.every((a) => onlyShared(a.type, seen))) return false;
    const visit = (p: Particle | null): boolean => {
      if (p === null || p.kind === 'any') return true;
      if (p.kind === 'element') return onlyShared(p.decl.type, seen) && (p.decl.substitutes ?? []).every((m) => onlyShared(m.type, seen));
      return p.particles.every(visit);
    };
    return visit(def.content);
  };
  const inBothSets = (def: TypeDef): boolean => {
    const file = def.loc?.file;
    return file !== undefined && input.files.includes(file) && output.files.includes(file);
  };
  const sideOf = (setSide: SetSide): Side => (setSide === 'input' ? 'request' : 'response');
  return {
    globalSide: (key, setSide) => (shared.has(key) ? (setSide === 'input' ? 'shared' : null) : sideOf(setSide)),
    sharesAnonymous: (def) => onlyShared(def, new Set()) && inBothSets(def),
    sideOf,
  };
}
