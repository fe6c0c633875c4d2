/**
 * The Plesk profile's pipeline as one call: schema directory (agent_input.xsd, agent_output.xsd)
 * → schema model → binding model (both packet sides, operators) → files (types, descriptors,
 * packets, per-operator modules, the client, the stand-in). The general core's pipeline, driven
 * by named root elements, is generator/core/generate.ts.
 */
import { basename, resolve } from 'node:path';
import { loadSchemaSets } from './schemas.js';
import { bindPlesk } from './bind.js';
import { DEFAULT_BINDING_OPTIONS } from '../../binding/bind.js';
import type { BindingModel, BindingOptions } from '../../binding/model.js';
import { emitTree } from './emit/tree.js';
import { pleskPackageInfo } from './emit/package.js';
import { checkPackageOptions, packageFiles, type PackageOptions } from '../../emit/package.js';

export interface GenerateOptions extends Partial<BindingOptions> {
  /** Label for file headers; default: the schema folder's name. */
  label?: string;
  /** Default `<packet version>` of the client; default: the label when it looks like a version, else none. */
  protocolVersion?: string | null;
  /** Emit the typed client (default true). */
  client?: boolean;
  /** Extension of relative imports in the TypeScript sources: `js` (default) or `ts` (Node's type stripping). */
  importExtension?: 'js' | 'ts';
  /** Write the tree as the npm package of this name: compiled JavaScript and `.d.ts`, and a package.json (see emit/package.ts). */
  package?: string;
  /** Version in that package.json (default `0.0.0`). */
  packageVersion?: string;
}

export interface GenerateResult {
  model: BindingModel;
  files: Map<string, string>;
  /** Every schema file loaded (both sets), relative to the schema folder, sorted. */
  schemaFiles: string[];
  timings: { loadMs: number; bindMs: number; emitMs: number };
  /**
   * Things the user should know about the output that are not errors, one sentence each (the
   * `generate` command prints them as `note:` lines): today, that the client has no protocol
   * version to send.
   */
  notes: string[];
}

export function generate(schemaDir: string, options: GenerateOptions = {}): GenerateResult {
  // Options spelled as in the API (the command line checks its own spelling first).
  checkPackageOptions(options);
  const t0 = performance.now();
  const sets = loadSchemaSets(schemaDir);
  const t1 = performance.now();
  const model = bindPlesk(sets, {
    naming: options.naming ?? DEFAULT_BINDING_OPTIONS.naming,
    integers: options.integers ?? DEFAULT_BINDING_OPTIONS.integers,
  });
  const t2 = performance.now();
  const label = options.label ?? basename(resolve(schemaDir));
  const protocolVersion = options.protocolVersion === undefined ? (/^\d+(\.\d+)+$/.test(label) ? label : null) : options.protocolVersion;
  const client = options.client ?? true;
  const tree = emitTree(model, { label, protocolVersion, client, importExtension: options.package ? 'js' : (options.importExtension ?? 'js') });
  const pkg: PackageOptions | null = options.package ? { name: options.package, ...(options.packageVersion !== undefined ? { version: options.packageVersion } : {}) } : null;
  const files = pkg ? packageFiles(tree, pkg, pleskPackageInfo(tree, pkg, label, protocolVersion)) : tree;
  const notes = client && protocolVersion === null && options.protocolVersion === undefined ? [noProtocolVersionNote(label)] : [];
  const t3 = performance.now();
  const schemaFiles = [...new Set([...sets.input.files, ...sets.output.files])].sort();
  return { model, files, schemaFiles, timings: { loadMs: t1 - t0, bindMs: t2 - t1, emitMs: t3 - t2 }, notes };
}

/**
 * What packets will carry when no protocol version is known, and how to set one. Given only
 * when the version was left to the default (an explicit `protocolVersion: null` is a choice).
 */
export function noProtocolVersionNote(label: string): string {
  return (
    `no protocol version: "${label}" is not a version and --protocol-version was not given, so the client's packets ` +
    `carry no version attribute (<packet>, not <packet version="…">) unless the client or the call sets one. ` +
    `Set it with --protocol-version (the Plesk XML API version the schemas describe, for example --protocol-version 1.6.9.1), ` +
    `per client with new PleskClient({ protocolVersion: '1.6.9.1', … }), or per call with { protocolVersion: '1.6.9.1' }.`
  );
}
