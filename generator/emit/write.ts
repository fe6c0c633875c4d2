/**
 * Writing a generated tree, safely: plesk-codegen only ever replaces what it wrote itself.
 *
 * Every tree carries a manifest (`plesk-codegen.manifest.json`) listing the files written, the
 * generator version, the options and the schema source. `--out` is accepted when it is missing,
 * an empty folder, or a tree whose every file and folder the manifest accounts for; anything else
 * (a file, a symbolic link, a project folder, a folder holding anything the manifest does not
 * list, the current folder or one above it) is refused with an `OutputError` naming the path and
 * the reason, before anything is written.
 *
 * The write is all or nothing: files go to a fresh staging folder beside the target (made with
 * mkdtemp, so never a name someone else uses), the old tree is moved into the staging folder and
 * the new one renamed into place. The old tree is then deleted file by file from its manifest
 * and folder by folder with rmdir, which fails rather than delete anything that appeared since
 * the check. On any failure the old tree is moved back; if even that fails it is left where it
 * is and the error says where.
 */
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { OutputError } from '../errors.js';
import { GENERATOR_NAME, generatorVersion } from '../version.js';

/** The manifest's file name, at the root of every generated tree. */
export const MANIFEST_FILE = 'plesk-codegen.manifest.json';

/** Where a tree's schemas came from, as recorded in its manifest. */
export interface ManifestSchemas {
  /** The schema folder or zip archive, relative to the tree (`/` separators); for the general core, the entry files' common folder. */
  readonly source: string;
  /** General core (`--xsd`): the entry XSD files, relative to the tree. */
  readonly xsd?: readonly string[];
  /** General core: the root elements given (`--root`; absent: the entry files' global elements). */
  readonly roots?: readonly string[];
  /** General core: the catalog file given (`--catalog`), relative to the tree. */
  readonly catalog?: string;
  /** Inside a zip archive or a folder of versions: the version folder used (`1.6.9.1`). */
  readonly version?: string;
  /** `sha256:` digest of every schema file loaded (both sets), sorted by path: each path and its content's sha256. */
  readonly digest: string;
  /** How many schema files the digest covers. */
  readonly fileCount: number;
}

export interface TreeManifest {
  readonly generator: typeof GENERATOR_NAME;
  /** The generator version that wrote the tree. */
  readonly version: string;
  readonly schemas?: ManifestSchemas;
  /** The generate options given (defaults omitted), so `check` can regenerate the same way. */
  readonly options?: Readonly<Record<string, string | number | boolean | null>>;
  /** Every file of the tree except the manifest, sorted. */
  readonly files: readonly string[];
}

/** The manifest's text for a set of files (stable: sorted file list, fixed key order, final newline). */
export function manifestText(manifest: Omit<TreeManifest, 'files' | 'generator' | 'version'>, files: Iterable<string>): string {
  const full: TreeManifest = {
    generator: GENERATOR_NAME,
    version: generatorVersion(),
    ...(manifest.schemas ? { schemas: manifest.schemas } : {}),
    ...(manifest.options ? { options: sortKeys(manifest.options) } : {}),
    files: [...files].filter((f) => f !== MANIFEST_FILE).sort(),
  };
  return `${JSON.stringify(full, null, 2)}\n`;
}

function sortKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What `--out` is now. */
export type OutputState =
  | { readonly state: 'missing' }
  | { readonly state: 'empty' }
  | { readonly state: 'tree'; readonly manifest: TreeManifest };

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

const refuse = (path: string, message: string): never => {
  throw new OutputError([{ file: path, message }]);
};

/** Checks and reads a manifest; throws `OutputError` naming the manifest when it is not one of ours. */
export function readManifest(treeDir: string): TreeManifest {
  const file = join(treeDir, MANIFEST_FILE);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return refuse(file, `cannot be read as a plesk-codegen manifest (${(error as Error).message})`);
  }
  const m = data as Partial<TreeManifest> | null;
  if (typeof m !== 'object' || m === null || m.generator !== GENERATOR_NAME || typeof m.version !== 'string') {
    return refuse(file, `is not a plesk-codegen manifest (no "generator": "${GENERATOR_NAME}" and "version")`);
  }
  if (!Array.isArray(m.files) || !m.files.every((f) => typeof f === 'string' && isTreePath(f))) {
    return refuse(file, '"files" must list the tree\'s files as relative paths');
  }
  return m as TreeManifest;
}

/** A relative path inside the tree: no `..`, no absolute path, no empty segment. */
function isTreePath(path: string): boolean {
  return path.split('/').every((s) => s !== '' && s !== '.' && s !== '..') && !path.includes('\\') && !path.includes('\0');
}

/**
 * What `outDir` is, or an `OutputError` when plesk-codegen must not replace it. `protect` lists
 * paths (the schema source, a config file) that must not be inside the tree.
 */
export function assessOutput(outDir: string, protect: readonly string[] = []): OutputState {
  const target = resolve(outDir);
  const cwd = process.cwd();
  if (target === cwd || cwd.startsWith(target.endsWith(sep) ? target : target + sep)) {
    refuse(outDir, `is ${target === cwd ? 'the current folder' : 'a folder above the current folder'}; plesk-codegen replaces its --out as a whole, so choose a folder of its own (for example ${join(outDir, 'plesk')})`);
  }
  for (const p of protect) {
    const abs = resolve(p);
    if (abs === target || abs.startsWith(target.endsWith(sep) ? target : target + sep)) {
      refuse(outDir, `contains ${p}, which this run reads; choose a folder of its own for the generated tree`);
    }
  }
  const stat = lstatOrNull(target);
  if (stat === null) {
    // Every existing ancestor must be a folder (mkdir would fail later with a less clear message).
    for (let dir = dirname(target); ; dir = dirname(dir)) {
      const s = lstatOrNull(dir);
      if (s !== null) {
        if (!s.isDirectory() && !(s.isSymbolicLink() && statIsDir(dir))) refuse(outDir, `cannot be created: ${dir} is a file, not a folder`);
        break;
      }
      if (dirname(dir) === dir) break;
    }
    return { state: 'missing' };
  }
  if (stat.isSymbolicLink()) refuse(outDir, 'is a symbolic link; give the folder it points to, or a new folder');
  if (!stat.isDirectory()) refuse(outDir, 'is a file, not a folder; plesk-codegen writes a folder there and will not replace a file');
  const entries = readdirSync(target);
  if (entries.length === 0) return { state: 'empty' };
  if (!entries.includes(MANIFEST_FILE)) {
    const project = ['package.json', '.git', 'tsconfig.json', 'node_modules'].filter((e) => entries.includes(e));
    const shown = entries.sort().slice(0, 5).join(', ') + (entries.length > 5 ? `, … (${entries.length} entries)` : '');
    refuse(
      outDir,
      project.length > 0
        ? `looks like a project folder (it has ${project.join(', ')}) and was not written by plesk-codegen (no ${MANIFEST_FILE}); nothing was changed — choose an empty or new folder for the generated tree`
        : `is not empty and was not written by plesk-codegen (no ${MANIFEST_FILE}; it holds ${shown}); nothing was changed — choose an empty or new folder, or empty this one yourself`,
    );
  }
  const manifest = readManifest(target);
  const foreign = foreignEntries(target, manifest);
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 10).join(', ') + (foreign.length > 10 ? `, … (${foreign.length} in all)` : '');
    refuse(outDir, `is a plesk-codegen tree but also holds ${foreign.length === 1 ? 'a file' : 'files'} its manifest does not list: ${shown}; nothing was changed — move ${foreign.length === 1 ? 'it' : 'them'} out of the tree (the whole tree is replaced on generate)`);
  }
  return { state: 'tree', manifest };
}

function statIsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Entries of a tree that its manifest does not account for (files not listed, links, folders holding no listed file). */
function foreignEntries(root: string, manifest: TreeManifest): string[] {
  const listed = new Set([...manifest.files, MANIFEST_FILE]);
  const folders = new Set<string>();
  for (const f of listed) for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) folders.add(f.slice(0, i));
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const stat = lstatSync(join(dir, name));
      if (stat.isDirectory()) {
        if (folders.has(path)) walk(join(dir, name), path);
        else out.push(`${path}/`);
      } else if (!stat.isFile() || !listed.has(path)) out.push(path);
    }
  };
  walk(root, '');
  return out;
}

/**
 * Writes `files` as the tree at `outDir`, all or nothing, after `assessOutput` accepted it.
 * Adds a minimal manifest when `files` has none, so every tree written can be replaced later.
 */
export function writeTree(outDir: string, files: Map<string, string>, protect: readonly string[] = []): WriteResult {
  assessOutput(outDir, protect);
  const target = resolve(outDir);
  const all = files.has(MANIFEST_FILE) ? files : new Map([...files, [MANIFEST_FILE, manifestText({}, files.keys())]]);
  for (const path of all.keys()) if (!isTreePath(path)) throw new Error(`plesk-codegen: refusing to write outside the tree: ${path}`);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const stage = mkdtempSync(join(parent, `.${target.split(sep).pop()}.plesk-codegen-`));
  const fresh = join(stage, 'new');
  const old = join(stage, 'old');
  let oldStranded = false;
  let leftover: string | undefined;
  try {
    for (const [path, content] of all) {
      const file = join(fresh, ...path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    // Checked again just before the swap: the tree may have changed while we generated.
    const state = assessOutput(outDir, protect);
    if (state.state !== 'missing') renameSync(target, old);
    try {
      renameSync(fresh, target);
    } catch (error) {
      if (state.state !== 'missing') {
        try {
          renameSync(old, target);
        } catch {
          oldStranded = true;
          throw new Error(`plesk-codegen: could not put ${outDir} back after a failed write; the previous tree is in ${old} (${(error as Error).message})`);
        }
      }
      throw error;
    }
    try {
      if (state.state === 'tree') removeTree(old, state.manifest);
      else if (state.state === 'empty') rmdirSync(old);
    } catch {
      // Something we did not write appeared in the old tree since the check: it stays, with
      // whatever else could not be removed, in the staging folder, and the caller says so.
      leftover = old;
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    if (!oldStranded && leftover === undefined) rmdirSync(stage);
  }
  return leftover === undefined ? {} : { leftover };
}

export interface WriteResult {
  /** Set when the replaced tree could not be removed completely (something appeared in it during the write): where it is now. */
  readonly leftover?: string;
}

/** Deletes an old tree by its manifest: each listed file, then each folder only when it is empty. */
function removeTree(root: string, manifest: TreeManifest): void {
  const folders = new Set<string>();
  for (const f of [...manifest.files, MANIFEST_FILE]) {
    try {
      unlinkSync(join(root, ...f.split('/')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) folders.add(f.slice(0, i));
  }
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(join(root, ...folder.split('/')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  rmdirSync(root); // throws ENOTEMPTY rather than delete what is not ours
}

export interface TreeDifference {
  missing: string[];
  extra: string[];
  changed: string[];
}

/** How the tree on disk differs from the expected files. */
export function diffTree(outDir: string, files: Map<string, string>): TreeDifference {
  const root = resolve(outDir);
  const onDisk = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (lstatSync(path).isDirectory()) walk(path);
      else onDisk.add(relative(root, path).split(sep).join('/'));
    }
  };
  if (lstatOrNull(root)?.isDirectory()) walk(root);
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [path, content] of files) {
    if (!onDisk.has(path)) missing.push(path);
    else if (readFileSync(join(root, ...path.split('/')), 'utf8') !== content) changed.push(path);
  }
  const extra = [...onDisk].filter((p) => !files.has(p)).sort();
  return { missing: missing.sort(), extra, changed: changed.sort() };
}
