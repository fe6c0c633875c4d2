/**
 * What `plesk-codegen diff` compares: each side is a schema source as `generate --schemas`
 * takes it (a schema folder, or a folder of versions / `schemas.zip` holding exactly one
 * version), or a generated tree, read through its manifest: the schema source it records
 * (relative to the tree) and the generate options it was written with (naming, integers),
 * so the TypeScript API is compared as the trees actually have it.
 *
 * Problems are `CodegenError`s like the other commands': a path that names nothing usable is a
 * `SchemaSourceError`, a broken schema set a `SchemaSetError` with `file:line` per problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { MANIFEST_FILE, readManifest } from '../emit/write.js';
import { SchemaSetError, SchemaSourceError, type Diagnostic } from '../errors.js';
import { SchemaError, type ParseCache } from '../model/index.js';
import { INPUT_ROOT, loadSchemaSets } from '../profiles/plesk/schemas.js';
import { resolveSchemaSource, type ResolvedSource } from '../sources.js';
import type { ApiOptions } from './api.js';
import type { DiffInput } from './index.js';

/**
 * Parsed schema files kept from the side read first: the other side's files with the same
 * relative path and the same bytes (most of them, between two Plesk versions) are not parsed
 * again. Parsed documents are never changed by resolution (the request and response sets of
 * one folder share them the same way).
 */
export class ParseReuse {
  private previous: { dir: string; cache: ParseCache } | null = null;

  /** The parse cache to load `dir` with. */
  cacheFor(dir: string): ParseCache {
    const cache: ParseCache = new Map();
    const prev = this.previous;
    if (prev !== null) {
      for (const [abs, parsed] of prev.cache) {
        if (!('root' in parsed)) continue;
        const rel = relative(prev.dir, abs);
        const other = join(dir, rel);
        try {
          if (readFileSync(abs).equals(readFileSync(other))) cache.set(resolve(other), parsed);
        } catch {
          // Not in the other folder (or unreadable): it is read, and reported, as usual.
        }
      }
    }
    this.previous = { dir, cache };
    return cache;
  }
}

/** Reads one side of a diff. `options` (from the command line) override a manifest's. */
export function readDiffInput(path: string, options: ApiOptions = {}, reuse: ParseReuse = new ParseReuse()): DiffInput {
  let resolved: ResolvedSource;
  let api: ApiOptions = options;
  let tree = false;
  if (existsSync(join(path, MANIFEST_FILE)) && !existsSync(join(path, INPUT_ROOT))) {
    const manifest = readManifest(path);
    const recorded = manifest.schemas;
    if (recorded === undefined) {
      throw new SchemaSourceError([{ file: join(path, MANIFEST_FILE), message: 'records no schema source: give the schema folder instead of the tree' }]);
    }
    const source = join(path, ...recorded.source.split('/'));
    try {
      resolved = resolveSchemaSource(source, recorded.version !== undefined ? [recorded.version] : undefined);
    } catch (error) {
      if (!(error instanceof SchemaSourceError)) throw error;
      throw new SchemaSourceError([...error.diagnostics, { file: join(path, MANIFEST_FILE), jsonPath: '$.schemas.source', message: `records this schema source (${recorded.source})` }]);
    }
    const o = manifest.options ?? {};
    api = {
      ...(o.naming === 'camel' || o.naming === 'xml' ? { naming: o.naming } : {}),
      ...(o.integers === 'number' || o.integers === 'bigint' ? { integers: o.integers } : {}),
      ...options,
    };
    tree = true;
  } else {
    resolved = resolveSchemaSource(path);
  }
  try {
    if (resolved.sets.length !== 1) {
      throw new SchemaSourceError([
        { file: path, message: `holds ${resolved.sets.length} schema versions (${resolved.available.join(', ')}): give the folder of the one to compare` },
      ]);
    }
    const set = resolved.sets[0];
    let sets;
    try {
      sets = loadSchemaSets(set.dir, undefined, reuse.cacheFor(set.dir));
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      const diagnostics: Diagnostic[] = error.diagnostics.map((d) => ({ file: join(set.display, d.file), line: d.line, message: d.message }));
      throw new SchemaSetError(diagnostics);
    }
    return { source: { path, schemas: tree ? set.display : path }, sets, api };
  } finally {
    resolved.dispose();
  }
}
