/**
 * The runtime package that generated trees import (`plesk-api-codegen-runtime`, in
 * `packages/runtime/`), and the version range of it this generator emits code for.
 *
 * The generator and the runtime are released in lockstep with the same version. A tree written
 * by generator X.Y.Z may use anything runtime X.Y.Z has, so it needs a runtime at least that new
 * and within the same compatibility line: `^X.Y.Z`. Under semver's caret rules that is
 * `>=X.Y.Z <(X+1).0.0` from 1.0 on, and `>=0.Y.Z <0.(Y+1).0` while the major version is 0 (a
 * 0.x minor release may break), which is the rule we follow for the runtime's releases too.
 * The descriptors also carry a format version the runtime checks when it loads them, so a
 * mismatch that slips past the package manager fails at once with a message, not later.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { generatorVersion } from '../version.js';

/** The npm name trees import the runtime by (a bare specifier). */
export const RUNTIME_PACKAGE = 'plesk-api-codegen-runtime';

/** This generator's version (its package.json's). */
export const GENERATOR_VERSION: string = generatorVersion();

/** Optional peers of the runtime's stand-in (`/testing`), for its self-signed TLS certificates. */
const STANDIN_PEERS = ['@peculiar/x509', 'reflect-metadata'];

/** The range of runtime versions the trees this generator writes work with. */
export const RUNTIME_RANGE = `^${GENERATOR_VERSION}`;

interface Version {
  major: number;
  minor: number;
  patch: number;
}

function parseVersion(text: string): Version | null {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : null;
}

/** Whether `version` lies in `^base` (semver caret: the leftmost non-zero part is fixed). */
export function inCaretRange(version: string, base: string): boolean {
  const v = parseVersion(version);
  const b = parseVersion(base);
  if (v === null || b === null) return false;
  const notOlder = v.major !== b.major ? v.major > b.major : v.minor !== b.minor ? v.minor > b.minor : v.patch >= b.patch;
  if (!notOlder) return false;
  if (b.major > 0) return v.major === b.major;
  if (b.minor > 0) return v.major === 0 && v.minor === b.minor;
  return v.major === 0 && v.minor === 0 && v.patch === b.patch;
}

interface PackageJson {
  name?: unknown;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
  peerDependencies?: Record<string, unknown>;
  version?: unknown;
}

function readJson(path: string): PackageJson | null {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as PackageJson) : null;
  } catch {
    return null;
  }
}

/** The nearest `package.json` at or above `dir`, or null. */
function nearestPackageJson(dir: string): { path: string; json: PackageJson } | null {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const path = join(d, 'package.json');
    if (existsSync(path)) {
      const json = readJson(path);
      if (json !== null) return { path, json };
    }
    if (dirname(d) === d) return null;
  }
}

/** The version of the runtime Node would load from `dir` (the nearest node_modules that has it), or null. */
function installedRuntimeVersion(dir: string): string | null {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const json = readJson(join(d, 'node_modules', RUNTIME_PACKAGE, 'package.json'));
    if (json !== null) return typeof json.version === 'string' ? json.version : null;
    if (dirname(d) === d) return null;
  }
}

/**
 * What the user has to install for a tree written to `outDir`, as a message to print after
 * `generate`, or null when nothing is missing. Looks at the nearest package.json above the tree
 * (the package whose code imports it): the runtime must be in its `dependencies` (not only
 * `devDependencies`: the tree's code runs in production) or `peerDependencies`, at a range this
 * generator's output works with; and the copy installed, when there is one, must be in range.
 * The generator's own repository, where the runtime is a workspace, needs nothing.
 */
export function runtimeInstallAdvice(outDir: string): string | null {
  const want = `${RUNTIME_PACKAGE}@${RUNTIME_RANGE}`;
  const found = nearestPackageJson(dirname(resolve(outDir)));
  if (found === null) {
    return [
      `note: the generated tree imports ${want}, and no package.json was found above ${outDir}.`,
      `Create your package and add the runtime to its dependencies:`,
      `  npm init -y && npm install ${want}`,
    ].join('\n');
  }
  if (found.json.name === 'plesk-api-codegen') return null;
  const where = relativeOrAbsolute(found.path);
  const folder = dirname(where);
  const cd = dirname(found.path) === process.cwd() ? '' : `cd ${/[^\w./-]/.test(folder) ? `'${folder.replace(/'/g, `'\\''`)}'` : folder} && `;
  const declared = found.json.dependencies?.[RUNTIME_PACKAGE] ?? found.json.peerDependencies?.[RUNTIME_PACKAGE];
  if (declared === undefined) {
    const onlyDev = found.json.devDependencies?.[RUNTIME_PACKAGE] !== undefined;
    const standinPeers = STANDIN_PEERS.filter((name) => found.json.dependencies?.[name] === undefined && found.json.devDependencies?.[name] === undefined);
    return [
      onlyDev
        ? `note: ${where} lists ${RUNTIME_PACKAGE} in devDependencies only; the generated tree imports it at run time, so it belongs in dependencies.`
        : `note: the generated tree imports ${want}, which ${where} does not list in its dependencies.`,
      `Install it with:`,
      `  ${cd}npm install --save-prod ${want}`,
      ...(standinPeers.length > 0
        ? [`Tests that start the tree's stand-in with tls: true (its self-signed certificate) also need:`, `  ${cd}npm install --save-dev ${standinPeers.join(' ')}`]
        : []),
    ].join('\n');
  }
  if (typeof declared === 'string' && /^[\^~>=<\d\s.|xX*-]+$/.test(declared) && parseVersion(declared) !== null && !inCaretRange(declared, GENERATOR_VERSION)) {
    return [
      `note: ${where} asks for ${RUNTIME_PACKAGE}@${declared}; this generator (${GENERATOR_VERSION}) writes code for ${RUNTIME_RANGE}.`,
      `Update it with:`,
      `  ${cd}npm install --save-prod ${want}`,
    ].join('\n');
  }
  const installed = installedRuntimeVersion(dirname(resolve(outDir)));
  if (installed !== null && !inCaretRange(installed, GENERATOR_VERSION)) {
    return [
      `note: ${RUNTIME_PACKAGE} ${installed} is installed, and this generator (${GENERATOR_VERSION}) writes code for ${RUNTIME_RANGE}.`,
      `Update it with:`,
      `  ${cd}npm install --save-prod ${want}`,
    ].join('\n');
  }
  return null;
}

function relativeOrAbsolute(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
