/**
 * `plesk-codegen diff` as one call: two schema folders (or two sets already loaded) in, a
 * `DiffReport` out. Each stage of the comparison has its own module:
 *
 * - `compare.ts`  structural comparison of the resolved models, one side at a time
 * - `simple.ts`   simple types reduced to effective facets and compared
 * - `renames.ts`  likely renames (same place, same type, new name)
 * - `classify.ts` whom each schema change breaks (requests, responses)
 * - `api.ts`      the generated TypeScript API, compared on the binding models
 * - `render.ts`   text and Markdown; JSON is the report itself (`changes.ts`)
 */
import type { SchemaSets } from '../profiles/plesk/schemas.js';
import { DIFF_FORMAT_VERSION, type DiffReport, type DiffSource, type SchemaChange } from './changes.js';
import { compareSchemaSets } from './compare.js';
import { compareApis, type ApiOptions } from './api.js';
import { ParseReuse, readDiffInput } from './inputs.js';

export * from './changes.js';

export interface DiffInput {
  source: DiffSource;
  sets: SchemaSets;
  /** Options of the generated tree (naming, integers), for the API comparison. */
  api?: ApiOptions;
}

/** Sort key: breaking first, then by path, kind and subject (stable, so equal keys keep walk order). */
function order(a: SchemaChange, b: SchemaChange): number {
  if (a.impact.level !== b.impact.level) return a.impact.level === 'breaking' ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export function diffSets(oldInput: DiffInput, newInput: DiffInput): DiffReport {
  const req = compareSchemaSets('request', oldInput.sets.input, newInput.sets.input);
  const res = compareSchemaSets('response', oldInput.sets.output, newInput.sets.output);
  const schema = [...req.changes.sort(order), ...res.changes.sort(order)];
  const api = compareApis(oldInput.sets, newInput.sets, oldInput.api, newInput.api);
  const count = <T>(xs: T[], breaking: (x: T) => boolean) => {
    const b = xs.filter(breaking).length;
    return { breaking: b, compatible: xs.length - b };
  };
  return {
    format: 'plesk-codegen-diff',
    version: DIFF_FORMAT_VERSION,
    old: oldInput.source,
    new: newInput.source,
    summary: {
      request: count(req.changes, (c) => c.impact.level === 'breaking'),
      response: count(res.changes, (c) => c.impact.level === 'breaking'),
      types: count(api, (c) => c.level === 'breaking'),
      documentation: req.docs.length + res.docs.length,
    },
    schema,
    api,
    documentation: [...req.docs, ...res.docs],
  };
}

/**
 * Reads two schema sources or generated trees (`inputs.ts`) and compares them. Throws
 * `CodegenError`s: `SchemaSourceError` for a path that is not one, `SchemaSetError` for schema errors.
 */
export function diffSchemaDirs(oldPath: string, newPath: string, options: ApiOptions = {}): DiffReport {
  const reuse = new ParseReuse();
  return diffSets(readDiffInput(oldPath, options, reuse), readDiffInput(newPath, options, reuse));
}
