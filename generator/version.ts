/**
 * The generator's package: where it is installed (its root holds `package.json`, `templates/`
 * and the schemas), and its name and version from that package.json — one source of truth for
 * `--version`, the manifest of every tree, `check`'s version comparison and the templates the
 * emitter reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_NAME = 'plesk-api-codegen';

interface Found {
  root: string;
  version: string;
}

let found: Found | undefined;

/** The nearest package.json named `plesk-api-codegen` above this module: the installed generator. */
function locate(): Found {
  if (found !== undefined) return found;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === GENERATOR_NAME && typeof pkg.version === 'string') return (found = { root: dir, version: pkg.version });
    }
    if (dirname(dir) === dir) throw new Error(`plesk-codegen: cannot find the package.json of ${GENERATOR_NAME} above ${fileURLToPath(import.meta.url)}`);
  }
}

/** The folder the generator is installed in (its package.json, `templates/`, `schemas/`). */
export function packageRoot(): string {
  return locate().root;
}

/** The version in the package.json of the installed generator (`0.1.0`). */
export function generatorVersion(): string {
  return locate().version;
}
