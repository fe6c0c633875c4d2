/**
 * Stage 1 of the pipeline: read XSD files into resolved schema sets.
 *
 * - `loadSchemaSet(dir, rootFile)`: one set (everything reachable from `rootFile`).
 * - `loadEntrySet(dir, files)`: one set from several entry files (the general core).
 *
 * Both throw one `SchemaError` listing every problem found. The Plesk profile's two sets
 * (`agent_input.xsd`, `agent_output.xsd`) and its operators are read in
 * generator/profiles/plesk/schemas.ts.
 */
import { loadDocuments, type LoadOptions, type ParseCache } from '../xsd/loader.js';
import { resolveLoadedSet } from './resolve.js';
import {
  qnameKey,
  type ElementDecl,
  type ElementParticle,
  type Particle,
  type SchemaSet,
} from './types.js';

export * from './types.js';
export { anySimpleType, anyType, builtinSimpleType, builtinSimpleTypes, builtinType, isBuiltin } from './builtins.js';
export { compareSets, directReferences } from './compare.js';
export { documentationOf, normalizeDoc, resolveLoadedSet, tryResolveLoadedSet } from './resolve.js';
export { loadDocuments, type LoadedSet, type LoadOptions, type ParseCache, type SchemaDoc } from '../xsd/loader.js';
export { readCatalog, type Catalog } from '../xsd/catalog.js';

/** Loads and resolves the set rooted at `rootFile` (relative to `dir`). Throws `SchemaError`. */
export function loadSchemaSet(dir: string, rootFile: string, cache?: ParseCache, options?: LoadOptions): SchemaSet {
  return resolveLoadedSet(loadDocuments(dir, rootFile, cache, options));
}

/**
 * The general core's reading: one set from several entry files (relative to `dir`), as a user
 * names them (`--xsd a.xsd --xsd b.xsd`). Throws `SchemaError` with every problem found.
 */
export function loadEntrySet(dir: string, entryFiles: readonly string[], options?: LoadOptions, cache?: ParseCache): SchemaSet {
  return resolveLoadedSet(loadDocuments(dir, entryFiles, cache, options));
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
