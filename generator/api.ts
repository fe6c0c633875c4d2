/**
 * The programmatic API: `import { generate, check, inspect, diff } from 'plesk-api-codegen'`.
 *
 * The CLI is a thin layer over these functions: they return results and never print or exit.
 * A problem the caller can fix is thrown as a `CodegenError` subclass carrying diagnostics
 * (`SchemaSetError` with file:line, `SchemaSourceError` and `OutputError` naming the path,
 * `ConfigError` naming the config file and JSON path); anything else is a bug.
 *
 * Two kinds of request: the Plesk profile's (`schemas`: see sources.ts — a schema folder
 * generates one tree at `out`; a folder of version folders or Plesk's schemas.zip generates one
 * tree per version at `out/<version>`, with that version as the label and the client's default
 * protocol version), and the general core's (`xsd`: entry XSD files, the root elements, a
 * catalog; one tree of types and a codec per root, see core/generate.ts). Schemas are read and every
 * tree generated in memory before anything is written; each tree is written all or nothing
 * (emit/write.ts), only over a missing or empty folder or a tree plesk-codegen wrote.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { generate as generateFiles, type GenerateOptions, type GenerateResult as PipelineResult } from './generate.js';
import { commonFolder, generateFromXsd, loadXsd, type XsdGenerateOptions, type XsdSource } from './core/generate.js';
import { SchemaError, type ElementDecl, type SchemaDiagnostic, type SchemaSet } from './model/index.js';
import { loadSchemaSets, type SchemaSets } from './profiles/plesk/schemas.js';
import { resolveSchemaSource, type SchemaSetSource } from './sources.js';
import {
  assessOutput,
  diffTree,
  MANIFEST_FILE,
  manifestText,
  readManifest,
  writeTree,
  type ManifestSchemas,
  type TreeDifference,
  type TreeManifest,
} from './emit/write.js';
import { OutputError, SchemaSetError, SchemaSourceError, type Diagnostic } from './errors.js';
import { generatorVersion } from './version.js';
import { CONFIG_FILE, loadConfig, type Config } from './config.js';
import { diffSchemaDirs, type DiffReport } from './diff/index.js';
import type { ApiOptions as DiffApiOptions } from './diff/api.js';

export type { GenerateOptions } from './generate.js';
export type { XsdGenerateOptions } from './core/generate.js';
export type { SchemaSets } from './profiles/plesk/schemas.js';
export type { TreeDifference, TreeManifest, ManifestSchemas } from './emit/write.js';
export { MANIFEST_FILE } from './emit/write.js';
export { CodegenError, ConfigError, OutputError, SchemaSetError, SchemaSourceError, formatDiagnostic } from './errors.js';
export type { CodegenErrorKind, Diagnostic } from './errors.js';
export { generatorVersion } from './version.js';
export type { ApiChange, DiffReport, DiffSource, DocChange, FailSide, Impact, SchemaChange, SchemaChangeKind } from './diff/changes.js';
export { DIFF_FORMAT_VERSION, hasBreaking } from './diff/changes.js';
export { CONFIG_FILE, CONFIG_SCHEMA_FILE, configJsonSchema, loadConfig, type Config, type ConfigTarget } from './config.js';

export interface GenerateRequest {
  /** A schema folder, a folder of version folders, or Plesk's schemas.zip. */
  readonly schemas: string;
  /** The tree's folder; for version folders and zip archives, the folder holding one tree per version. */
  readonly out: string;
  /** Versions to generate from a folder of versions or a zip (default: all). */
  readonly versions?: readonly string[];
  readonly options?: GenerateOptions;
}

/**
 * The general core: bindings for the root elements of any XSD set (no Plesk packet, operators or
 * client): `types/`, `descriptors.ts`, `codec.ts` (per root `parse<Name>`, `serialize<Name>`).
 */
export interface XsdGenerateRequest {
  /** Entry XSD files. */
  readonly xsd: readonly string[];
  /** Root elements: `{namespace}local`, `prefix:local`, `local`, or `{namespace}*` (default: the entry files' global elements). */
  readonly roots?: readonly string[];
  /** A catalog (`catalog.tsv` or an OASIS XML catalog) for URL `schemaLocation`s and location-less imports. */
  readonly catalog?: string;
  readonly out: string;
  readonly options?: XsdGenerateOptions;
}

export interface GeneratedTree {
  /** The tree's folder (as given, joined with the version for multi-version sources). */
  readonly out: string;
  /** The protocol version folder it came from; `null` for a plain schema folder. */
  readonly version: string | null;
  /** The schema folder, as messages name it. */
  readonly schemas: string;
  /** Number of files written, the manifest included. */
  readonly fileCount: number;
  /** What `out` was before: missing, an empty folder, or an earlier tree (replaced). */
  readonly previous: 'missing' | 'empty' | 'tree';
  /** Set when the replaced tree could not be removed completely (something appeared in it while writing): where it is now. */
  readonly leftover?: string;
  readonly timings: PipelineResult['timings'];
  /** Notes about the output that are not errors (see `notes` of the pipeline's result): printed as `note:` lines. */
  readonly notes: readonly string[];
}

export interface GenerateResult {
  readonly trees: GeneratedTree[];
}

interface Planned {
  /** The schema folder (Plesk) or the entry files' common folder (general core); `display` names the input in messages. */
  readonly set: Pick<SchemaSetSource, 'display' | 'version' | 'source'>;
  readonly out: string;
  readonly files: Map<string, string>;
  readonly timings: PipelineResult['timings'];
  readonly notes: readonly string[];
  /** Paths the tree must not contain (default: `set.source`). */
  readonly protect?: readonly string[];
}

/** Generates and writes the trees; throws a `CodegenError` (nothing written) on any problem. */
export async function generate(request: GenerateRequest | XsdGenerateRequest): Promise<GenerateResult> {
  return generateAll([request]);
}

/**
 * Generates what a config file lists (default: `plesk-codegen.config.json` in the current folder).
 * Every target is read and generated in memory before any is written.
 */
export async function generateFromConfig(configFile: string = CONFIG_FILE): Promise<GenerateResult> {
  return generateAll(configRequests(loadConfig(configFile)));
}

async function generateAll(requests: readonly (GenerateRequest | XsdGenerateRequest)[]): Promise<GenerateResult> {
  const planned = requests.flatMap((r) => ('xsd' in r ? planXsd(r) : plan(r)));
  const trees: GeneratedTree[] = [];
  for (const p of planned) {
    const protect = p.protect ?? [p.set.source];
    const before = assessOutput(p.out, protect);
    const written = writeTree(p.out, p.files, protect);
    trees.push({
      out: p.out,
      version: p.set.version,
      schemas: p.set.display,
      fileCount: p.files.size,
      previous: before.state,
      ...(written.leftover !== undefined ? { leftover: written.leftover } : {}),
      timings: p.timings,
      notes: p.notes,
    });
  }
  return { trees };
}

function configRequests(config: Config): (GenerateRequest | XsdGenerateRequest)[] {
  return config.targets.map((t) =>
    t.xsd !== undefined
      ? { xsd: t.xsd, out: t.out, ...(t.roots ? { roots: t.roots } : {}), ...(t.catalog !== undefined ? { catalog: t.catalog } : {}), options: t.options as XsdGenerateOptions }
      : { schemas: t.schemas!, out: t.out, ...(t.versions ? { versions: t.versions } : {}), options: t.options },
  );
}

/**
 * The general core's tree, planned like a Plesk tree: every input read and the tree generated in
 * memory, the output checked, the manifest recording the entry files, roots and catalog
 * (relative to the tree) so `check --out` regenerates it the same way.
 */
function planXsd(request: XsdGenerateRequest, assess = true): Planned[] {
  requireXsdFiles(request);
  const protect = [...request.xsd, ...(request.catalog !== undefined ? [request.catalog] : [])];
  if (assess) assessOutput(request.out, protect);
  const options = request.options ?? {};
  const result = withXsdDiagnostics(request, () => generateFromXsd(xsdSource(request), options));
  const fromTree = (p: string) => portable(relative(resolve(request.out), resolve(p)) || '.');
  const schemas: ManifestSchemas = {
    source: fromTree(result.baseDir),
    xsd: request.xsd.map(fromTree),
    ...(request.roots && request.roots.length > 0 ? { roots: [...request.roots] } : {}),
    ...(request.catalog !== undefined ? { catalog: fromTree(request.catalog) } : {}),
    digest: schemaDigest(result.baseDir, result.schemaFiles),
    fileCount: result.schemaFiles.length,
  };
  const files = new Map(result.files);
  files.set(MANIFEST_FILE, manifestText({ schemas, options: recordedOptions(options) }, files.keys()));
  const display = request.xsd.join(', ');
  return [{ set: { display, version: null, source: result.baseDir }, out: request.out, files, timings: result.timings, notes: result.notes, protect }];
}

/** The entry files and the catalog must be files: named as path problems, before any schema is read. */
function requireXsdFiles(request: XsdInput): void {
  const missing = [...request.xsd, ...(request.catalog !== undefined ? [request.catalog] : [])].filter((f) => !existsSync(f) || !lstatSync(f).isFile());
  if (missing.length > 0) {
    throw new SchemaSourceError(missing.map((f) => ({ file: f, message: existsSync(f) ? 'is not a file' : 'no such file' })));
  }
}

function xsdSource(request: XsdInput): XsdSource {
  return { xsd: request.xsd, ...(request.roots ? { roots: request.roots } : {}), ...(request.catalog !== undefined ? { catalog: request.catalog } : {}) };
}

/** Runs `work`, turning the core's schema errors (paths relative to the entry files' common folder) into a `SchemaSetError` with paths as the user gave them. */
function withXsdDiagnostics<T>(request: XsdInput, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    const base = commonFolder(request.xsd.map((f) => dirname(resolve(f))));
    throw new SchemaSetError(error.diagnostics.map((d) => {
      const file = isAbsolute(d.file) ? d.file : join(base, d.file);
      const shown = relative(process.cwd(), file) || file;
      return d.line > 0 ? { file: shown, line: d.line, message: d.message } : { file: shown, message: d.message };
    }));
  }
}

/** Reads the schemas and generates every tree in memory, with its manifest; checks every output first. */
function plan(request: GenerateRequest, assess = true): Planned[] {
  const source = resolveSchemaSource(request.schemas, request.versions);
  try {
    const outs = source.sets.map((set) => (set.version === null ? request.out : join(request.out, set.version)));
    if (assess) {
      const problems: Diagnostic[] = [];
      for (const out of outs) {
        try {
          assessOutput(out, [source.sets[0]!.source]);
        } catch (error) {
          if (error instanceof OutputError) problems.push(...error.diagnostics);
          else throw error;
        }
      }
      if (problems.length > 0) throw new OutputError(problems);
    }
    const diagnostics: Diagnostic[] = [];
    const planned: Planned[] = [];
    source.sets.forEach((set, i) => {
      const out = outs[i]!;
      try {
        planned.push({ set, out, ...treeFiles(set, out, request.options ?? {}) });
      } catch (error) {
        if (error instanceof SchemaSetError) diagnostics.push(...error.diagnostics);
        else throw error;
      }
    });
    if (diagnostics.length > 0) throw new SchemaSetError(diagnostics);
    return planned;
  } finally {
    source.dispose();
  }
}

/** One tree's files, the manifest included. */
function treeFiles(
  set: SchemaSetSource,
  out: string,
  options: GenerateOptions,
): { files: Map<string, string>; timings: PipelineResult['timings']; notes: readonly string[] } {
  const label = options.label ?? set.version ?? basename(set.dir);
  const effective: GenerateOptions = {
    ...options,
    label,
    ...(options.protocolVersion === undefined && set.version !== null ? { protocolVersion: set.version } : {}),
  };
  let result: PipelineResult;
  try {
    result = generateFiles(set.dir, effective);
  } catch (error) {
    if (error instanceof SchemaError) throw new SchemaSetError(schemaDiagnostics(error.diagnostics, set));
    throw error;
  }
  const schemas: ManifestSchemas = {
    source: portable(relative(resolve(out), set.source) || '.'),
    ...(set.version !== null ? { version: set.version } : {}),
    digest: schemaDigest(set.dir, result.schemaFiles),
    fileCount: result.schemaFiles.length,
  };
  const files = new Map(result.files);
  files.set(MANIFEST_FILE, manifestText({ schemas, options: recordedOptions(options) }, files.keys()));
  return { files, timings: result.timings, notes: result.notes };
}

const portable = (path: string): string => (sep === '/' ? path : path.split(sep).join('/'));

/** The options as given, without undefined values (JSON has no undefined). */
function recordedOptions(options: GenerateOptions): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (value !== null && typeof value === 'object') throw new Error(`plesk-codegen: option ${key} is not a plain value and cannot be recorded`);
    out[key] = value as string | number | boolean | null;
  }
  return out;
}

/** sha256 over every schema file loaded, in path order: each path and the sha256 of its bytes. */
export function schemaDigest(dir: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    const content = readFileSync(join(dir, ...file.split('/')));
    hash.update(`${file}\0${createHash('sha256').update(content).digest('hex')}\n`);
  }
  return `sha256:${hash.digest('hex')}`;
}

/**
 * The model's diagnostics, named as the user would open the files, with the "file not found"
 * of a set missing many of its files said once for the folder instead of once per include.
 */
function schemaDiagnostics(diagnostics: readonly SchemaDiagnostic[], set: SchemaSetSource): Diagnostic[] {
  const path = (file: string) => (set.display.endsWith('/') ? `${set.display}${file}` : `${set.display}/${file}`);
  const missing = diagnostics.filter((d) => / file (\S+) not found$/.test(d.message));
  if (missing.length >= 3) {
    // Most of the set is absent: the undefined references that follow say nothing more.
    const names = [...new Set(missing.map((d) => / file (\S+) not found$/.exec(d.message)![1]!))].sort();
    const first = missing[0]!;
    const rest = diagnostics.length - missing.length;
    return [
      {
        file: set.display,
        message: `incomplete schema set: ${names.length} files its schemas include are missing (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}; the first include is at ${path(first.file)}:${first.line})${rest > 0 ? `; ${rest} further errors (undefined names) follow from them and are not listed` : ''}`,
      },
    ];
  }
  return diagnostics.map((d) => (d.line > 0 ? { file: path(d.file), line: d.line, message: d.message } : { file: path(d.file), message: d.message }));
}

export interface CheckRequest {
  /** The tree to check (or the folder of per-version trees). */
  readonly out: string;
  /** The general core: check against these entry XSDs (with `roots`, `catalog`) instead of Plesk `schemas`. */
  readonly xsd?: readonly string[];
  readonly roots?: readonly string[];
  readonly catalog?: string;
  /** The schemas to check against; default: what each tree's manifest records. */
  readonly schemas?: string;
  readonly versions?: readonly string[];
  /** With `schemas`: the generate options (default: none). Without: the manifest's options are used. */
  readonly options?: GenerateOptions;
}

export interface TreeCheck {
  readonly out: string;
  readonly version: string | null;
  readonly upToDate: boolean;
  readonly difference: TreeDifference;
  /** The generator version recorded in the tree's manifest (`undefined` when it has none). */
  readonly writtenBy?: string;
  /** This generator's version. */
  readonly generatorVersion: string;
  /** The schema digest differs from the one recorded (the schemas changed since the tree was written). */
  readonly schemasChanged: boolean;
  readonly fileCount: number;
  /** False when the tree's folder does not exist at all (every file is then missing). */
  readonly exists: boolean;
}

export interface CheckResult {
  readonly upToDate: boolean;
  readonly trees: TreeCheck[];
}

/** Checks every target of a config file (default: `plesk-codegen.config.json` in the current folder) against its schemas and options. */
export async function checkFromConfig(configFile: string = CONFIG_FILE): Promise<CheckResult> {
  const trees: TreeCheck[] = [];
  for (const r of configRequests(loadConfig(configFile))) {
    for (const p of 'xsd' in r ? planXsd(r, false) : plan(r, false)) trees.push(compare(p));
  }
  return { upToDate: trees.every((t) => t.upToDate), trees };
}

/** Regenerates in memory and compares with the tree(s) on disk; never writes. */
export async function check(request: CheckRequest): Promise<CheckResult> {
  const out = request.out;
  if (!existsSync(out)) throw new OutputError([{ file: out, message: 'no such folder; nothing to check (run plesk-codegen generate first)' }]);
  if (!lstatSync(out).isDirectory()) throw new OutputError([{ file: out, message: 'is a file, not a generated tree' }]);
  const trees: TreeCheck[] = [];
  if (request.xsd !== undefined) {
    const xsdRequest: XsdGenerateRequest = { xsd: request.xsd, out, ...(request.roots ? { roots: request.roots } : {}), ...(request.catalog !== undefined ? { catalog: request.catalog } : {}), options: (request.options ?? {}) as XsdGenerateOptions };
    for (const p of planXsd(xsdRequest, false)) trees.push(compare(p));
  } else if (request.schemas !== undefined) {
    for (const p of plan({ schemas: request.schemas, out, versions: request.versions ?? [], options: request.options ?? {} }, false)) {
      trees.push(compare(p));
    }
  } else {
    const roots = existsSync(join(out, MANIFEST_FILE))
      ? [out]
      : readdirSync(out)
          .sort()
          .map((name) => join(out, name))
          .filter((dir) => existsSync(join(dir, MANIFEST_FILE)));
    if (roots.length === 0) {
      throw new OutputError([{ file: out, message: `has no ${MANIFEST_FILE} (nor do its subfolders): give --schemas and the generate options, or regenerate it with this version to record them` }]);
    }
    for (const root of roots) {
      const manifest = readManifest(root);
      if (request.versions !== undefined && request.versions.length > 0 && !request.versions.includes(manifest.schemas?.version ?? '')) continue;
      trees.push(checkFromManifest(root, manifest));
    }
  }
  return { upToDate: trees.every((t) => t.upToDate), trees };
}

function checkFromManifest(root: string, manifest: TreeManifest): TreeCheck {
  const recorded = manifest.schemas;
  if (recorded === undefined) {
    throw new OutputError([{ file: join(root, MANIFEST_FILE), message: 'records no schema source; give --schemas and the generate options' }]);
  }
  if (recorded.xsd !== undefined) {
    // A general core tree: its entry files, roots and catalog, relative to the tree.
    const at = (p: string) => join(root, ...p.split('/'));
    const missing = recorded.xsd.filter((f) => !existsSync(at(f)));
    if (missing.length > 0) {
      throw new SchemaSourceError([
        ...missing.map((f) => ({ file: at(f), message: 'no such file' })),
        { file: join(root, MANIFEST_FILE), jsonPath: '$.schemas.xsd', message: `records these entry files (${recorded.xsd.join(', ')})` },
      ]);
    }
    const request: XsdGenerateRequest = {
      xsd: recorded.xsd.map(at),
      out: root,
      ...(recorded.roots ? { roots: recorded.roots } : {}),
      ...(recorded.catalog !== undefined ? { catalog: at(recorded.catalog) } : {}),
      options: (manifest.options ?? {}) as XsdGenerateOptions,
    };
    return compare(planXsd(request, false)[0]!, manifest);
  }
  const source = join(root, ...recorded.source.split('/'));
  let resolved;
  try {
    resolved = resolveSchemaSource(source, recorded.version !== undefined ? [recorded.version] : undefined);
  } catch (error) {
    if (error instanceof SchemaSourceError) {
      throw new SchemaSourceError([
        ...error.diagnostics,
        { file: join(root, MANIFEST_FILE), jsonPath: '$.schemas.source', message: `records this schema source (${recorded.source})` },
      ]);
    }
    throw error;
  }
  try {
    const set = resolved.sets[0]!;
    return compare({ set, out: root, ...treeFiles(set, root, (manifest.options ?? {}) as GenerateOptions) }, manifest);
  } finally {
    resolved.dispose();
  }
}

function compare(p: Planned, manifest?: TreeManifest): TreeCheck {
  const onDisk = manifest ?? (existsSync(join(p.out, MANIFEST_FILE)) ? safeManifest(p.out) : undefined);
  const expected = JSON.parse(p.files.get(MANIFEST_FILE)!) as TreeManifest;
  const difference = existsSync(p.out) ? diffTree(p.out, p.files) : { missing: [...p.files.keys()].sort(), extra: [], changed: [] };
  const total = difference.missing.length + difference.extra.length + difference.changed.length;
  return {
    out: p.out,
    version: p.set.version,
    upToDate: total === 0,
    difference,
    ...(onDisk !== undefined ? { writtenBy: onDisk.version } : {}),
    generatorVersion: generatorVersion(),
    schemasChanged: onDisk?.schemas !== undefined && onDisk.schemas.digest !== expected.schemas?.digest,
    fileCount: p.files.size,
    exists: existsSync(p.out),
  };
}

function safeManifest(dir: string): TreeManifest | undefined {
  try {
    return readManifest(dir);
  } catch {
    return undefined;
  }
}

export interface InspectRequest {
  readonly schemas: string;
  /** For a folder of versions or a zip holding several: the version to read. */
  readonly version?: string;
}

export interface InspectResult {
  /** The schema folder read, as messages name it. */
  readonly schemas: string;
  readonly version: string | null;
  /** The resolved request and response sets and how their types relate. */
  readonly sets: SchemaSets;
}

/** What the general core reads: entry files, roots and a catalog, as `generate` takes them. */
export type XsdInput = Pick<XsdGenerateRequest, 'xsd' | 'roots' | 'catalog'>;

export type XsdInspectRequest = XsdInput;

export interface XsdInspectResult {
  /** The entry files' common folder: the set's file names are relative to it. */
  readonly baseDir: string;
  /** The resolved set: every file loaded, the global types and elements by `{namespace}local`. */
  readonly set: SchemaSet;
  /** The root elements `generate` would bind (the `roots` named, or the entry files' global elements). */
  readonly roots: readonly ElementDecl[];
}

/**
 * Reads and resolves one schema set: a Plesk set (`schemas`: its request and response sides), or
 * any XSD (`xsd`: entry files, with `roots` and `catalog` as for `generate`).
 */
export async function inspect(request: InspectRequest): Promise<InspectResult>;
export async function inspect(request: XsdInspectRequest): Promise<XsdInspectResult>;
export async function inspect(request: InspectRequest | XsdInspectRequest): Promise<InspectResult | XsdInspectResult> {
  if ('xsd' in request) {
    requireXsdFiles(request);
    const { set, roots, baseDir } = withXsdDiagnostics(request, () => loadXsd(xsdSource(request)));
    return { baseDir, set, roots };
  }
  return inspectPlesk(request);
}

async function inspectPlesk(request: InspectRequest): Promise<InspectResult> {
  const source = resolveSchemaSource(request.schemas, request.version !== undefined ? [request.version] : undefined);
  try {
    if (source.sets.length > 1) {
      throw new SchemaSourceError([{ file: request.schemas, message: `holds several versions (${source.available.join(', ')}); choose one with --versions` }]);
    }
    const set = source.sets[0]!;
    try {
      return { schemas: set.display, version: set.version, sets: loadSchemaSets(set.dir) };
    } catch (error) {
      if (error instanceof SchemaError) throw new SchemaSetError(schemaDiagnostics(error.diagnostics, set));
      throw error;
    }
  } finally {
    source.dispose();
  }
}

export interface DiffOptions {
  /** Naming of the generated TypeScript compared for API changes (default: a generated tree's own, else `camel`). */
  readonly naming?: 'camel' | 'xml';
  /** Integer representation of the generated TypeScript (default: a generated tree's own, else `number`). */
  readonly integers?: 'number' | 'bigint';
}

/**
 * Compares two schema sets (schema folders, or generated trees through their manifests): the
 * report `plesk-codegen diff --format json` prints, as an object. Use `hasBreaking(report,
 * ['request'])` for the CLI's exit decision. Throws `SchemaSourceError` for a path that is
 * neither, `SchemaSetError` (file:line) for schema errors.
 */
export async function diff(oldPath: string, newPath: string, options: DiffOptions = {}): Promise<DiffReport> {
  const api: DiffApiOptions = {
    ...(options.naming !== undefined ? { naming: options.naming } : {}),
    ...(options.integers !== undefined ? { integers: options.integers } : {}),
  };
  return diffSchemaDirs(oldPath, newPath, api);
}
