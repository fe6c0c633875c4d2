/**
 * Compares the global types of the request and response sets: which names denote the same
 * component on both sides (and can be generated once) and which differ.
 */
import { qnameKey, type ElementDecl, type Particle, type SchemaSet, type SetComparison, type TypeDef } from './types.js';
import { isBuiltin } from './builtins.js';

/**
 * Names of the global (non-built-in) types and elements a type refers to, looking through
 * anonymous types and into particles; keys are `type:{qname}` and `element:{qname}`.
 */
export function directReferences(t: TypeDef): Set<string> {
  const out = new Set<string>();
  const seen = new Set<object>();
  const visitType = (x: TypeDef | null | undefined, top: boolean): void => {
    if (x === null || x === undefined || isBuiltin(x)) return;
    if (!top && x.name !== null) {
      out.add(`type:${qnameKey(x.name)}`);
      return;
    }
    if (seen.has(x)) return;
    seen.add(x);
    if (x.kind === 'simple') {
      visitType(x.base, false);
      visitType(x.itemType, false);
      for (const m of x.memberTypes ?? []) visitType(m, false);
      return;
    }
    visitType(x.base, false);
    visitType(x.simpleType, false);
    for (const a of x.attributes) visitType(a.type, false);
    visitParticle(x.content);
  };
  const visitElement = (d: ElementDecl): void => {
    if (d.global) {
      out.add(`element:${qnameKey(d.name)}`);
      return;
    }
    visitType(d.type, false);
  };
  const visitParticle = (p: Particle | null): void => {
    if (p === null) return;
    if (p.kind === 'element') visitElement(p.decl);
    else if (p.kind !== 'any') for (const c of p.particles) visitParticle(c);
  };
  visitType(t, true);
  return out;
}

function sameLoc(a: { loc: { file: string; line: number } | null }, b: { loc: { file: string; line: number } | null }): boolean {
  return a.loc !== null && b.loc !== null && a.loc.file === b.loc.file && a.loc.line === b.loc.line;
}

/**
 * For each global type name present in both sets: `shared` when both resolve it to the same
 * declaration (same file and line) and everything it references, transitively, is shared too
 * (a greatest fixpoint, so cycles of shared types stay shared); otherwise `differing`.
 */
export function compareSets(input: SchemaSet, output: SchemaSet): SetComparison {
  const inputOnly = [...input.types.keys()].filter((k) => !output.types.has(k)).sort();
  const outputOnly = [...output.types.keys()].filter((k) => !input.types.has(k)).sort();

  // Candidate nodes: `type:` and `element:` keys declared at the same place in both sets.
  const deps = new Map<string, Set<string>>();
  for (const [key, a] of input.types) {
    const b = output.types.get(key);
    if (b === undefined || a.kind !== b.kind || !sameLoc(a, b)) continue;
    deps.set(`type:${key}`, new Set([...directReferences(a), ...directReferences(b)]));
  }
  for (const [key, a] of input.elements) {
    const b = output.elements.get(key);
    if (b === undefined || !sameLoc(a, b)) continue;
    const refs = new Set<string>();
    for (const d of [a, b]) {
      if (isBuiltin(d.type)) continue;
      if (d.type.name !== null) refs.add(`type:${qnameKey(d.type.name)}`);
      else for (const r of directReferences(d.type)) refs.add(r);
      // Where the element is referenced, the members of its substitution group may appear.
      for (const m of d.substitutes ?? []) if (m !== d) refs.add(`element:${qnameKey(m.name)}`);
    }
    if ((a.substitutes?.length ?? 0) !== (b.substitutes?.length ?? 0) || (a.substitutes ?? []).some((m, i) => !sameLoc(m, b.substitutes![i]))) continue;
    deps.set(`element:${key}`, refs);
  }

  let changed = true;
  while (changed) {
    changed = false;
    for (const [node, refs] of deps) {
      for (const r of refs) {
        if (!deps.has(r)) {
          deps.delete(node);
          changed = true;
          break;
        }
      }
    }
  }

  const shared: string[] = [];
  const differing: string[] = [];
  for (const key of input.types.keys()) {
    if (!output.types.has(key)) continue;
    (deps.has(`type:${key}`) ? shared : differing).push(key);
  }
  return { shared: shared.sort(), differing: differing.sort(), inputOnly, outputOnly };
}
