/**
 * What `--schemas` may name, turned into schema folders the loader can read.
 *
 * - a folder holding `agent_input.xsd` and `agent_output.xsd` (one set);
 * - a folder of version folders, as Plesk keeps them under `admin/htdocs/schemas/rpc`
 *   (`1.6.9.1/agent_input.xsd`, …), found up to three levels down;
 * - Plesk's `schemas.zip` as it is: the same version folders in a zip archive, unpacked (only the
 *   versions chosen) into a private temporary folder that `dispose()` removes.
 *
 * Problems with the path itself are `SchemaSourceError`s naming the path and what is wrong, before
 * any XSD is read: a missing path, a file that is not a zip, a folder with one root file but not
 * the other, a folder with neither and no version folders, a version asked for that is not there.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { SchemaSourceError, type Diagnostic } from './errors.js';
import { INPUT_ROOT, OUTPUT_ROOT } from './profiles/plesk/schemas.js';

/** One schema set to generate from. */
export interface SchemaSetSource {
  /** The folder on disk the loader reads (for a zip: inside the temporary unpacked copy). */
  readonly dir: string;
  /** How messages name that folder: the path as given (`schemas/1.6.9.1`), or `schemas.zip!/1.6.9.1` inside an archive. */
  readonly display: string;
  /** The protocol version from the version folder's name; `null` when `--schemas` named the set's folder itself. */
  readonly version: string | null;
  /** The folder or archive given, resolved (what a manifest records). */
  readonly source: string;
  /** True when `source` is a zip archive. */
  readonly archive: boolean;
}

export interface ResolvedSource {
  readonly sets: SchemaSetSource[];
  /** Every version found (all of them, also when only some were chosen), in version order. */
  readonly available: string[];
  /** Removes the temporary folder of an unpacked zip (nothing for folders). */
  dispose(): void;
}

const fail = (file: string, message: string): never => {
  throw new SchemaSourceError([{ file, message }]);
};

/** Sorts version strings numerically part by part (`1.6.10.0` after `1.6.9.1`), other names after them. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const ROOTS = [INPUT_ROOT, OUTPUT_ROOT] as const;

/** The problem with a folder's root files, or null when both are there. */
function rootProblem(present: (file: string) => boolean): string | null {
  const missing = ROOTS.filter((r) => !present(r));
  if (missing.length === 0) return null;
  if (missing.length === 2) return `holds neither ${INPUT_ROOT} nor ${OUTPUT_ROOT}`;
  return `holds ${ROOTS.find((r) => present(r))} but not ${missing[0]}: an incomplete schema set (a Plesk schema set has both, and the files they include)`;
}

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * Resolves `--schemas`. `versions` picks version folders by name (all when absent); for a
 * single set, the set's folder name must be among them.
 */
export function resolveSchemaSource(path: string, versions?: readonly string[]): ResolvedSource {
  const abs = resolve(path);
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    const parent = dirname(abs);
    return fail(path, existsSync(parent) ? 'no such file or folder' : `no such file or folder (${dirname(path) || parent} does not exist either)`);
  }
  if (stat.isFile()) return resolveZip(path, abs, versions);
  if (!stat.isDirectory()) return fail(path, 'is neither a folder nor a zip archive');

  const here = (f: string) => isFile(join(abs, f));
  if (ROOTS.some(here)) {
    const problem = rootProblem(here);
    if (problem !== null) fail(path, problem);
    const name = basename(abs);
    if (versions !== undefined && versions.length > 0 && !versions.every((v) => v === name)) {
      fail(path, `is one schema set (${name}), not a folder of versions; --versions ${versions.join(',')} does not apply`);
    }
    return { sets: [{ dir: abs, display: path, version: null, source: abs, archive: false }], available: [name], dispose() {} };
  }

  // A folder of version folders: every folder (up to three levels down) holding a root file.
  const found: { rel: string; problem: string | null }[] = [];
  const walk = (dir: string, rel: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const sub = join(dir, name);
      if (name.startsWith('.') || !isDir(sub)) continue;
      const subRel = rel === '' ? name : `${rel}/${name}`;
      const has = (f: string) => isFile(join(sub, f));
      if (ROOTS.some(has)) found.push({ rel: subRel, problem: rootProblem(has) });
      else if (depth < 3) walk(sub, subRel, depth + 1);
    }
  };
  walk(abs, '', 1);
  if (found.length === 0) {
    fail(path, `holds neither ${INPUT_ROOT} nor ${OUTPUT_ROOT}, nor version folders holding them (such as 1.6.9.1/ in Plesk's schemas.zip or admin/htdocs/schemas/rpc)`);
  }
  const sets = pickVersions(
    path,
    found.map((f) => ({ version: basename(f.rel), rel: f.rel, problem: f.problem })),
    versions,
  ).map((f) => ({ dir: join(abs, ...f.rel.split('/')), display: join(path, ...f.rel.split('/')), version: f.version, source: abs, archive: false }));
  return { sets, available: sortedVersions(found.map((f) => basename(f.rel))), dispose() {} };
}

function sortedVersions(names: string[]): string[] {
  return [...new Set(names)].sort(compareVersions);
}

interface Candidate {
  version: string;
  rel: string;
  problem: string | null;
}

/** The chosen version folders, in version order; errors for unknown, duplicated or incomplete ones. */
function pickVersions<T extends Candidate>(path: string, found: T[], versions: readonly string[] | undefined): T[] {
  const byVersion = new Map<string, T[]>();
  for (const f of found) byVersion.set(f.version, [...(byVersion.get(f.version) ?? []), f]);
  const available = sortedVersions(found.map((f) => f.version));
  const wanted = versions !== undefined && versions.length > 0 ? [...new Set(versions)] : available;
  const diagnostics: Diagnostic[] = [];
  const unknown = wanted.filter((v) => !byVersion.has(v));
  if (unknown.length > 0) {
    diagnostics.push({ file: path, message: `has no version folder ${unknown.join(', ')} (it has ${available.join(', ')})` });
  }
  const chosen: T[] = [];
  for (const v of wanted.filter((v) => byVersion.has(v)).sort(compareVersions)) {
    const all = byVersion.get(v)!;
    if (all.length > 1) {
      diagnostics.push({ file: path, message: `holds version ${v} more than once (${all.map((f) => f.rel).join(', ')}); point --schemas at one of the folders above them` });
      continue;
    }
    const f = all[0]!;
    if (f.problem !== null) diagnostics.push({ file: `${path}${path.endsWith('/') ? '' : '/'}${f.rel}`, message: f.problem });
    else chosen.push(f);
  }
  if (diagnostics.length > 0) throw new SchemaSourceError(diagnostics);
  return chosen;
}

/** A zip entry's name with `/` separators and without a leading `./`. */
const entryName = (name: string): string => name.replace(/\\/g, '/').replace(/^(\.\/)+/, '');

/** A zip archive (Plesk's schemas.zip): version folders unpacked into a private temporary folder. */
function resolveZip(path: string, abs: string, versions: readonly string[] | undefined): ResolvedSource {
  const bytes = readFileSync(abs);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    fail(path, `is a file, not a folder or a zip archive; --schemas takes a folder holding ${INPUT_ROOT} and ${OUTPUT_ROOT}, a folder of version folders, or Plesk's schemas.zip`);
  }
  // Read the names first (cheap), then inflate only the chosen versions' files.
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (f) => (names.push(f.name), false) });
  } catch (error) {
    fail(path, `is not a readable zip archive (${(error as Error).message})`);
  }
  const files = names.filter((n) => !n.endsWith('/')).map(entryName);
  const unsafe = files.filter((n) => n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.split('/').includes('..'));
  if (unsafe.length > 0) fail(path, `has entries outside the archive's own folders (${unsafe.slice(0, 3).join(', ')}); refusing to unpack it`);
  const folders = new Map<string, Set<string>>();
  for (const n of files) {
    const slash = n.lastIndexOf('/');
    const dir = slash < 0 ? '' : n.slice(0, slash);
    const set = folders.get(dir) ?? new Set<string>();
    set.add(n.slice(slash + 1));
    folders.set(dir, set);
  }
  const found: Candidate[] = [];
  for (const [dir, set] of folders) {
    if (!ROOTS.some((r) => set.has(r))) continue;
    found.push({ version: dir === '' ? basename(abs).replace(/\.zip$/i, '') : dir.split('/').pop()!, rel: dir, problem: rootProblem((f) => set.has(f)) });
  }
  if (found.length === 0) fail(path, `is a zip archive without ${INPUT_ROOT} or ${OUTPUT_ROOT} in any folder`);
  const chosen = pickVersions(path, found, versions);
  const prefixes = chosen.map((c) => (c.rel === '' ? '' : `${c.rel}/`));
  const temp = mkdtempSync(join(tmpdir(), 'plesk-codegen-schemas-'));
  try {
    const content = unzipSync(bytes, {
      filter: (f) => {
        const n = entryName(f.name);
        return !n.endsWith('/') && prefixes.some((p) => n.startsWith(p) && (p !== '' || !n.includes('/')));
      },
    });
    for (const [name, data] of Object.entries(content)) {
      const file = join(temp, ...entryName(name).split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, data);
    }
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    return fail(path, `cannot be unpacked (${(error as Error).message})`);
  }
  return {
    sets: chosen.map((c) => ({
      dir: join(temp, ...(c.rel === '' ? [] : c.rel.split('/'))),
      display: c.rel === '' ? `${path}!` : `${path}!/${c.rel}`,
      version: c.rel === '' ? null : c.version,
      source: abs,
      archive: true,
    })),
    available: sortedVersions(found.map((f) => f.version)),
    dispose: () => rmSync(temp, { recursive: true, force: true }),
  };
}
