/**
 * Stage 1 of the pipeline: read a directory of XSD files into resolved schema sets.
 *
 * - `loadSchemaSet(dir, rootFile)`: one set (everything reachable from `rootFile`).
 * - `loadSchemaSets(dir)`: the Plesk request (`agent_input.xsd`) and response
 *   (`agent_output.xsd`) sets and how their global types relate.
 *
 * Both throw one `SchemaError` listing every problem found.
 */
import { loadDocuments, type LoadOptions, type ParseCache } from '../xsd/loader.js';
import { resolveLoadedSet, tryResolveLoadedSet } from './resolve.js';
import { compareSets } from './compare.js';
import {
  qnameKey,
  SchemaError,
  type ElementDecl,
  type ElementParticle,
  type Particle,
  type SchemaDiagnostic,
  type SchemaSet,
  type SetComparison,
} from './types.js';

export * from './types.js';
export { anySimpleType, anyType, builtinSimpleType, builtinSimpleTypes, builtinType, isBuiltin } from './builtins.js';
export { compareSets, directReferences } from './compare.js';
export { documentationOf, normalizeDoc, resolveLoadedSet, tryResolveLoadedSet } from './resolve.js';
export { loadDocuments, type LoadedSet, type LoadOptions, type ParseCache, type SchemaDoc } from '../xsd/loader.js';
export { readCatalog, type Catalog } from '../xsd/catalog.js';

export const INPUT_ROOT = 'agent_input.xsd';
export const OUTPUT_ROOT = 'agent_output.xsd';

/** Loads and resolves the set rooted at `rootFile` (relative to `dir`). Throws `SchemaError`. */
export function loadSchemaSet(dir: string, rootFile: string, cache?: ParseCache, options?: LoadOptions): SchemaSet {
  return resolveLoadedSet(loadDocuments(dir, rootFile, cache, options));
}

export interface SchemaSets {
  readonly input: SchemaSet;
  readonly output: SchemaSet;
  readonly comparison: SetComparison;
}

/**
 * Loads the request and response sets of a Plesk schema directory (each file parsed once)
 * and compares them. Throws one `SchemaError` with the problems of both sets.
 */
export function loadSchemaSets(dir: string, options?: LoadOptions, cache: ParseCache = new Map()): SchemaSets {
  const a = tryResolveLoadedSet(loadDocuments(dir, INPUT_ROOT, cache, options));
  const b = tryResolveLoadedSet(loadDocuments(dir, OUTPUT_ROOT, cache, options));
  const diagnostics: SchemaDiagnostic[] = [...a.diagnostics];
  const seen = new Set(a.diagnostics.map((d) => `${d.file}:${d.line}:${d.message}`));
  for (const d of b.diagnostics) if (!seen.has(`${d.file}:${d.line}:${d.message}`)) diagnostics.push(d);
  if (diagnostics.length > 0) throw new SchemaError(diagnostics);
  return { input: a.set, output: b.set, comparison: compareSets(a.set, b.set) };
}

/** Element particles of a content model, depth-first in schema order, with whether a repeating choice encloses each. */
export function elementParticles(content: Particle | null): { particle: ElementParticle; inRepeatingChoice: boolean }[] {
  const out: { particle: ElementParticle; inRepeatingChoice: boolean }[] = [];
  const walk = (p: Particle | null, repeating: boolean): void => {
    if (p === null) return;
    if (p.kind === 'element') out.push({ particle: p, inRepeatingChoice: repeating });
    else if (p.kind !== 'any') {
      const r = repeating || (p.kind === 'choice' && p.max > 1);
      for (const c of p.particles) walk(c, r);
    }
  };
  walk(content, false);
  return out;
}

/** Child element declarations of an element's type, in schema order, first of each name. */
export function childElements(decl: ElementDecl): ElementDecl[] {
  if (decl.type.kind !== 'complex') return [];
  const seen = new Set<string>();
  const out: ElementDecl[] = [];
  for (const { particle } of elementParticles(decl.type.content)) {
    const key = qnameKey(particle.decl.name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(particle.decl);
  }
  return out;
}

/**
 * The operators allowed under `<packet>`: the element particles inside a repeating choice of
 * the global `packet` element's content, in schema order.
 */
export function packetOperators(set: SchemaSet, packetName = 'packet'): ElementDecl[] {
  const packet = set.elements.get(packetName);
  if (packet === undefined || packet.type.kind !== 'complex') return [];
  const seen = new Set<string>();
  const out: ElementDecl[] = [];
  for (const { particle, inRepeatingChoice } of elementParticles(packet.type.content)) {
    const key = qnameKey(particle.decl.name);
    if (!inRepeatingChoice || seen.has(key)) continue;
    seen.add(key);
    out.push(particle.decl);
  }
  return out;
}
