/**
 * Every package a published module imports is declared where a package manager reads it.
 *
 * Inside this repository every package resolves, declared or not: npm hoists the workspace's
 * dependencies into one node_modules, and the pack test installs the generator beside the runtime,
 * whose own dependencies then resolve for the generator too. A user who installs the generator
 * alone (a devDependency, pnpm's strict layout) meets the undeclared import as
 * ERR_MODULE_NOT_FOUND at run time. So this test reads the imports of the shipped sources and
 * compares them with each package.json: every bare import is declared (a dependency, or a peer
 * for the runtime's optional stand-in packages), and every declared dependency is imported.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or null for relative and built-in ones. */
function packageOf(specifier: string): string | null {
  // Relative, absolute and built-in modules; and specifiers inside the text of generated code
  // (`from '${pkg.name}'`, `<tree>/request.js` in a doc comment), which name no package.
  if (!/^(?:@[a-z0-9~-][\w.~-]*\/)?[a-z0-9~-][\w.~-]*(?:\/|$)/.test(specifier) || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtinModules.includes(name) ? null : name;
}

/** Static and dynamic imports, `export … from`, and `require()` calls, with the file that makes them. */
function importsOf(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)'([^']+)'/g;
  for (const file of sources(dir)) {
    const text = readFileSync(file, 'utf8').replace(/^\s*(?:\/\/|\*).*$/gm, '');
    for (const m of text.matchAll(pattern)) {
      const name = packageOf(m[1]);
      if (name === null) continue;
      const files = found.get(name) ?? [];
      files.push(relative(ROOT, file));
      found.set(name, files);
    }
  }
  return found;
}

const packages: { folder: string; sources: string }[] = [
  { folder: '.', sources: 'generator' },
  { folder: 'packages/runtime', sources: 'packages/runtime/src' },
];

describe.each(packages)('the package in $folder', ({ folder, sources: src }) => {
  const manifest = JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8')) as Manifest;
  const imports = importsOf(join(ROOT, src));
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);

  it('declares every package its shipped sources import', () => {
    const undeclared = [...imports].filter(([name]) => name !== manifest.name && !declared.has(name)).map(([name, files]) => `${name} (imported by ${files[0]})`);
    expect(undeclared).toEqual([]);
  });

  it('imports every package it declares as a dependency', () => {
    const unused = Object.keys(manifest.dependencies ?? {}).filter((name) => !imports.has(name));
    expect(unused).toEqual([]);
  });
});
