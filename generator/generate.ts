/**
 * The whole pipeline as one call: schema directory → schema model → binding model → files.
 */
import { basename, resolve } from 'node:path';
import { loadSchemaSets } from './model/index.js';
import { bindSchemas, DEFAULT_BINDING_OPTIONS } from './binding/bind.js';
import type { BindingModel, BindingOptions } from './binding/model.js';
import { emitTree } from './emit/tree.js';

export interface GenerateOptions extends Partial<BindingOptions> {
  /** Label for file headers; default: the schema folder's name. */
  label?: string;
  /** Default `<packet version>` of the client; default: the label when it looks like a version, else none. */
  protocolVersion?: string | null;
  /** Emit the typed client (default true). */
  client?: boolean;
}

export interface GenerateResult {
  model: BindingModel;
  files: Map<string, string>;
  /** Every schema file loaded (both sets), relative to the schema folder, sorted. */
  schemaFiles: string[];
  timings: { loadMs: number; bindMs: number; emitMs: number };
}

export function generate(schemaDir: string, options: GenerateOptions = {}): GenerateResult {
  const t0 = performance.now();
  const sets = loadSchemaSets(schemaDir);
  const t1 = performance.now();
  const model = bindSchemas(sets.input, sets.output, sets.comparison, {
    naming: options.naming ?? DEFAULT_BINDING_OPTIONS.naming,
    integers: options.integers ?? DEFAULT_BINDING_OPTIONS.integers,
  });
  const t2 = performance.now();
  const label = options.label ?? basename(resolve(schemaDir));
  const protocolVersion = options.protocolVersion === undefined ? (/^\d+(\.\d+)+$/.test(label) ? label : null) : options.protocolVersion;
  const files = emitTree(model, { label, protocolVersion, client: options.client ?? true });
  const t3 = performance.now();
  const schemaFiles = [...new Set([...sets.input.files, ...sets.output.files])].sort();
  return { model, files, schemaFiles, timings: { loadMs: t1 - t0, bindMs: t2 - t1, emitMs: t3 - t2 } };
}
