/**
 * The general core's pipeline as one call: XSD files → schema model → binding model → files,
 * driven by the global elements a user names as document roots. Nothing here knows Plesk: no
 * fixed root files, no `<packet>`, no request/response sides, no operators, no client. The
 * Plesk profile (generator/profiles/plesk/) builds on the same stages.
 *
 * The tree it writes (emit/codec.ts):
 * - `types/<namespace>.ts`: a type per schema type reachable from the roots, one module per target
 *   namespace (no namespace: one per XSD file; binding/naming.ts decides);
 * - `descriptors.ts`: the runtime descriptors of those types;
 * - `codec.ts`: per root element `<name>Root` (its `RootDesc`), `parse<Name>` and
 *   `serialize<Name>`, on the same runtime (`plesk-api-codegen-runtime`) as the Plesk trees;
 * - `index.ts`: everything.
 *
 * Roots are written `{namespace}local` (Clark notation), `prefix:local` with a prefix the schemas
 * declare for their target namespace, `local` when one namespace has it, or `{namespace}*` for
 * every global element of a namespace. Without roots, every global element declared in the entry
 * files themselves is a root.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { loadEntrySet, qnameKey, readCatalog, SchemaError, type Catalog, type ElementDecl, type SchemaDiagnostic, type SchemaSet } from '../model/index.js';
import { bindElements, DEFAULT_BINDING_OPTIONS } from '../binding/bind.js';
import type { BindingOptions, ElementsBindingModel } from '../binding/model.js';
import { emitCodecTree } from '../emit/codec.js';
import { checkPackageOptions, codecPackageInfo, packageFiles, type PackageOptions } from '../emit/package.js';
import { SchemaSourceError, type Diagnostic } from '../errors.js';

export interface XsdSource {
  /** Entry XSD files (paths as given, relative to the current folder or absolute). */
  readonly xsd: readonly string[];
  /** Root elements (see the module comment); default: the global elements of the entry files. */
  readonly roots?: readonly string[];
  /** A catalog file (`catalog.tsv` or an OASIS XML catalog) for URL `schemaLocation`s and location-less imports. */
  readonly catalog?: string;
}

export interface XsdGenerateOptions extends Partial<BindingOptions> {
  /** Label for file headers; default: the entry files' names (the first two and a count, beyond three). */
  label?: string;
  /** Extension of relative imports in the TypeScript sources: `js` (default) or `ts`. */
  importExtension?: 'js' | 'ts';
  /** Write the tree as the npm package of this name (compiled JavaScript, `.d.ts`, package.json). */
  package?: string;
  /** Version in that package.json (default `0.0.0`). */
  packageVersion?: string;
}

export interface XsdGenerateResult {
  model: ElementsBindingModel;
  files: Map<string, string>;
  /** The folder every schema file loaded lies under (the entry files' common folder). */
  baseDir: string;
  /** Every schema file loaded, relative to `baseDir`, sorted (catalog targets outside it are absolute). */
  schemaFiles: string[];
  timings: { loadMs: number; bindMs: number; emitMs: number };
  notes: string[];
}

/** Throws `SchemaSourceError` (a missing file, a bad root name, a catalog problem) or `SchemaError` (file:line). */
export function generateFromXsd(source: XsdSource, options: XsdGenerateOptions = {}): XsdGenerateResult {
  checkPackageOptions(options);
  const t0 = performance.now();
  const { set, roots, baseDir } = loadXsd(source);
  const t1 = performance.now();
  const model = bindElements(set, roots, {
    naming: options.naming ?? DEFAULT_BINDING_OPTIONS.naming,
    integers: options.integers ?? DEFAULT_BINDING_OPTIONS.integers,
  });
  const t2 = performance.now();
  const names = source.xsd.map((f) => f.replace(/^.*[\\/]/, ''));
  const label = options.label ?? (names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`);
  const tree = emitCodecTree(model, { label, importExtension: options.package ? 'js' : (options.importExtension ?? 'js') });
  const pkg: PackageOptions | null = options.package ? { name: options.package, ...(options.packageVersion !== undefined ? { version: options.packageVersion } : {}) } : null;
  const files = pkg ? packageFiles(tree, pkg, codecPackageInfo(pkg, label, model.roots.map((r) => r.codecName))) : tree;
  const t3 = performance.now();
  return { model, files, baseDir, schemaFiles: [...set.files].sort(), timings: { loadMs: t1 - t0, bindMs: t2 - t1, emitMs: t3 - t2 }, notes: [] };
}

/** What the entry files and a catalog resolve to, and the root elements chosen from it. */
export interface LoadedXsd {
  readonly set: SchemaSet;
  readonly roots: ElementDecl[];
  /** The entry files' common folder; the set's file names are relative to it. */
  readonly baseDir: string;
}

/** Reads the entry files (and the catalog), resolves the set and picks the roots. Throws as `generateFromXsd` does. */
export function loadXsd(source: XsdSource): LoadedXsd {
  if (source.xsd.length === 0) throw new SchemaSourceError([{ file: '--xsd', message: 'no XSD file given' }]);
  const abs = source.xsd.map((f) => resolve(f));
  const baseDir = commonFolder(abs.map((f) => dirname(f)));
  let catalog: Catalog | undefined;
  if (source.catalog !== undefined) {
    const read = readCatalog(resolve(source.catalog));
    if (read.diagnostics.length > 0) throw new SchemaSourceError(read.diagnostics.map(located));
    catalog = read.catalog;
  }
  const entries = abs.map((f) => portable(relative(baseDir, f)));
  const set = loadEntrySet(baseDir, entries, catalog ? { catalog } : {});
  return { set, roots: chooseRoots(set, source.roots, entries), baseDir };
}

/** The global elements named by `specs` (default: those declared in the entry files). */
export function chooseRoots(set: SchemaSet, specs: readonly string[] | undefined, entryFiles: readonly string[]): ElementDecl[] {
  const all = [...set.elements.values()];
  if (specs === undefined || specs.length === 0) {
    const entries = new Set(entryFiles);
    const found = all.filter((e) => entries.has(e.loc.file));
    if (found.length === 0) throw new SchemaSourceError([{ file: entryFiles.join(', '), message: 'declares no global element: name the root elements with --root' }]);
    return found.sort((a, b) => compare(qnameKey(a.name), qnameKey(b.name)));
  }
  const byPrefix = new Map<string, string>();
  for (const [ns, prefix] of set.prefixes) byPrefix.set(prefix, ns);
  const chosen: ElementDecl[] = [];
  const problems: Diagnostic[] = [];
  for (const spec of specs) {
    const clark = /^\{([^}]*)\}(.+)$/.exec(spec);
    const prefixed = clark === null ? /^([^:{}]+):([^:{}]+)$/.exec(spec) : null;
    let matches: ElementDecl[];
    if (clark !== null) {
      const ns = clark[1] === '' ? null : clark[1];
      matches = all.filter((e) => e.name.ns === ns && (clark[2] === '*' || e.name.local === clark[2]));
    } else if (prefixed !== null && byPrefix.has(prefixed[1])) {
      const ns = byPrefix.get(prefixed[1])!;
      matches = all.filter((e) => e.name.ns === ns && e.name.local === prefixed[2]);
    } else {
      matches = all.filter((e) => e.name.local === spec);
      if (matches.length > 1) {
        problems.push({ file: `--root ${spec}`, message: `several global elements are named "${spec}"; choose one: ${matches.map((e) => `{${e.name.ns ?? ''}}${e.name.local}`).join(', ')}` });
        continue;
      }
    }
    if (matches.length === 0) {
      const local = clark?.[2] ?? prefixed?.[2] ?? spec;
      const near = all.filter((e) => e.name.local.toLowerCase() === local.toLowerCase()).map((e) => `{${e.name.ns ?? ''}}${e.name.local}`);
      problems.push({ file: `--root ${spec}`, message: `no global element of that name in the schemas${near.length > 0 ? ` (there is ${near.slice(0, 3).join(', ')})` : ''}` });
      continue;
    }
    for (const m of matches) if (!chosen.includes(m)) chosen.push(m);
  }
  if (problems.length > 0) throw new SchemaSourceError(problems);
  return chosen.sort((a, b) => compare(qnameKey(a.name), qnameKey(b.name)));
}

/** The deepest folder holding all of `dirs`. */
export function commonFolder(dirs: readonly string[]): string {
  let common = dirs[0]!;
  for (const d of dirs.slice(1)) {
    while (common !== dirname(common) && relative(common, d).startsWith('..')) common = dirname(common);
    if (isAbsolute(relative(common, d))) return dirname(common);
  }
  return common;
}

function located(d: SchemaDiagnostic): Diagnostic {
  return d.line > 0 ? { file: d.file, line: d.line, message: d.message } : { file: d.file, message: d.message };
}

const portable = (path: string): string => (sep === '/' ? path : path.split(sep).join('/'));

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { SchemaError };
