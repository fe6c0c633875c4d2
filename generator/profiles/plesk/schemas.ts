/**
 * The Plesk profile's schema sets: the request set rooted at `agent_input.xsd`, the response
 * set rooted at `agent_output.xsd` (each file parsed once for both), how their global types
 * relate, and the operators allowed under `<packet>`. The general core reads one set from the
 * entry files a user names instead (`loadEntrySet` in model/index.ts).
 */
import {
  compareSets,
  elementParticles,
  loadDocuments,
  qnameKey,
  SchemaError,
  tryResolveLoadedSet,
  type ElementDecl,
  type LoadOptions,
  type ParseCache,
  type SchemaDiagnostic,
  type SchemaSet,
  type SetComparison,
} from '../../model/index.js';

export const INPUT_ROOT = 'agent_input.xsd';
export const OUTPUT_ROOT = 'agent_output.xsd';

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
