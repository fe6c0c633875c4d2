/**
 * The generator's own name and version, read from its package.json (one source of truth for
 * `--version`, the manifest of every tree and `check`'s version comparison).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_NAME = 'plesk-api-codegen';

let cached: string | undefined;

/** The version in the package.json of the installed generator (`0.1.0`). */
export function generatorVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === GENERATOR_NAME && typeof pkg.version === 'string') return (cached = pkg.version);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`plesk-codegen: cannot find the package.json of ${GENERATOR_NAME} above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
