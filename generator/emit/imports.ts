/**
 * The imports of one generated file, collected in one place and printed once. Every emitter
 * says what a file uses (`values`, `types`, `namespace`) from where (a package, or a module of
 * the tree by its path); the tracker merges what is said twice, decides each specifier (the
 * relative path from this file, with the tree's import extension) and prints the lines in one
 * order, whatever order they were asked for in:
 * - packages first, then the tree's modules, each by specifier;
 * - per source one line of named imports (values, then `type` names, each sorted; `import type`
 *   when all are types), then its namespace import if any.
 *
 * The extension is the tree's `importExtension`: `.js` (what tsc's NodeNext and bundlers expect
 * of TypeScript sources) or `.ts` (the files as they are named, for Node's type stripping, Deno
 * and Bun). Templates never spell a relative specifier: what they export from other modules
 * takes its specifier from `specifier`.
 */
import { posix } from 'node:path';

/** Extension of relative imports in a generated tree. */
export type ImportExtension = 'js' | 'ts';

/** Where names come from: a package (`plesk-api-codegen-runtime/client`), or a module of the tree (`descriptors/shared`, no extension). */
export type ImportSource = { readonly package: string } | { readonly module: string };

interface Entry {
  values: Set<string>;
  types: Set<string>;
  namespace?: { alias: string; typeOnly: boolean };
}

export class Imports {
  private readonly entries = new Map<string, Entry & { source: ImportSource }>();

  /**
   * @param file the importing file's module path in the tree, without extension (`operators/server`)
   * @param extension the tree's import extension
   */
  constructor(
    readonly file: string,
    readonly extension: ImportExtension,
  ) {}

  /** The specifier of module `module` of the tree (its path without extension) from this file: `./request.js`, `../descriptors/shared.ts`. */
  specifier(module: string): string {
    const rel = posix.relative(posix.dirname(`/${this.file}`), `/${module}`);
    return `${rel.startsWith('.') ? rel : `./${rel}`}.${this.extension}`;
  }

  /** Values (functions, constants) imported by name; `'a as b'` imports `a` under the name `b`. */
  values(from: ImportSource, names: Iterable<string>): this {
    for (const name of names) this.entry(from).values.add(name);
    return this;
  }

  /** Types imported by name (`type X` in the import, or `import type` when the source gives types only). */
  types(from: ImportSource, names: Iterable<string>): this {
    for (const name of names) this.entry(from).types.add(name);
    return this;
  }

  /** The whole module under one name: `import * as alias` (`import type * as alias` when `typeOnly`). */
  namespace(from: ImportSource, alias: string, typeOnly = false): this {
    const entry = this.entry(from);
    if (entry.namespace !== undefined && entry.namespace.alias !== alias) {
      throw new Error(`Imports: ${this.key(from)} is imported as ${entry.namespace.alias} and as ${alias} in ${this.file}`);
    }
    entry.namespace = { alias, typeOnly: typeOnly && (entry.namespace?.typeOnly ?? true) };
    return this;
  }

  /**
   * The import declarations, one per line (no final newline; empty when nothing is imported).
   * A line longer than `wrapWidth` columns lists its names one per line.
   */
  print(options: { wrapWidth?: number } = {}): string {
    const lines: string[] = [];
    const sorted = [...this.entries.values()].sort((a, b) => group(a.source) - group(b.source) || compare(this.key(a.source), this.key(b.source)));
    for (const entry of sorted) {
      const from = `'${this.key(entry.source)}'`;
      const values = [...entry.values].sort(compare);
      const types = [...entry.types].filter((t) => !entry.values.has(t)).sort(compare);
      if (values.length + types.length > 0) {
        const typeOnly = values.length === 0;
        const names = [...values, ...types.map((t) => (typeOnly ? t : `type ${t}`))];
        const line = `import ${typeOnly ? 'type ' : ''}{ ${names.join(', ')} } from ${from};`;
        lines.push(options.wrapWidth !== undefined && line.length > options.wrapWidth ? `import ${typeOnly ? 'type ' : ''}{\n${names.map((n) => `  ${n},\n`).join('')}} from ${from};` : line);
      }
      if (entry.namespace !== undefined) lines.push(`import ${entry.namespace.typeOnly ? 'type ' : ''}* as ${entry.namespace.alias} from ${from};`);
    }
    return lines.join('\n');
  }

  private entry(from: ImportSource): Entry {
    const key = this.key(from);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { source: from, values: new Set(), types: new Set() };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private key(from: ImportSource): string {
    return 'package' in from ? from.package : this.specifier(from.module);
  }
}

/** A package as an import source. */
export function fromPackage(name: string): ImportSource {
  return { package: name };
}

/** A module of the tree (path without extension, from the tree root) as an import source. */
export function fromModule(path: string): ImportSource {
  return { module: path };
}

function group(source: ImportSource): number {
  return 'package' in source ? 0 : 1;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
