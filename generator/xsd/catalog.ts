/**
 * A catalog: where to find, on the local disk, the schemas that XSD files name by URL
 * (`schemaLocation="http://www.w3.org/2001/xml.xsd"`) or by namespace alone (`<xs:import
 * namespace="…"/>` without `schemaLocation`). The generator never fetches anything from the
 * network; a URL with no entry is an error naming the URL and the place that uses it.
 *
 * Two formats, told apart by the first non-blank character:
 *
 * - Tab-separated text (what the suites in `../shared/xsd-suites` ship as `catalog.tsv`): one
 *   mapping per line, `URL-or-namespace<TAB>local path`; blank lines and lines starting with `#`
 *   are ignored.
 * - An OASIS XML Catalog (the format of libxml2's `XML_CATALOG_FILES`, Xerces and xmllint), the
 *   subset that maps names to files: `uri` (`name` → `uri`; namespaces are looked up as `uri`
 *   names, as libxml2 does), `system` (`systemId` → `uri`), `rewriteURI`/`rewriteSystem` (a
 *   prefix → another prefix; the longest prefix wins), `group` (its entries count as if
 *   written in place) and `nextCatalog` (another catalog file, consulted after this one).
 *   `xml:base` is honoured. Public identifiers and delegation do not apply to schemas and are
 *   reported as unsupported.
 *
 * Relative local paths are relative to the catalog file (or `xml:base`). Lookups are exact
 * string matches: a URL is not normalized.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SchemaDiagnostic } from '../model/types.js';
import { decodeXml } from './encoding.js';
import { parseXsd, type XsdNode } from './dom.js';

const CATALOG_NS = 'urn:oasis:names:tc:entity:xmlns:xml:catalog';

export interface Catalog {
  /** The catalog files read, absolute paths, in the order read. */
  readonly files: string[];
  /** The local file (absolute path) for a URL or namespace, or `undefined` when there is no entry. */
  lookup(key: string): string | undefined;
}

interface Rewrite {
  readonly prefix: string;
  /** Absolute file URL or path prefix the matched prefix is replaced by. */
  readonly replacement: string;
}

/** True when `location` is an absolute URI (`http:`, `urn:`, `file:`), not a path (`C:\x` has a one-letter scheme). */
export function isUri(location: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(location);
}

/** A local path written in a catalog: a `file:` URL, an absolute path, or a path relative to `base`; `undefined` for a remote URI. */
function localPath(written: string, base: string): string | undefined {
  if (written.startsWith('file:')) return fileURLToPath(written);
  if (isUri(written)) return undefined;
  return isAbsolute(written) ? written : resolve(base, written);
}

/**
 * Reads a catalog file (and the catalogs it chains to). Problems are returned as diagnostics
 * with the catalog's path and line; the catalog is still usable for the entries that were read.
 */
export function readCatalog(path: string): { catalog: Catalog; diagnostics: SchemaDiagnostic[] } {
  const exact = new Map<string, string>();
  const rewrites: Rewrite[] = [];
  const files: string[] = [];
  const diagnostics: SchemaDiagnostic[] = [];

  const readOne = (file: string, from?: { file: string; line: number }): void => {
    const abs = resolve(file);
    if (files.includes(abs)) return;
    files.push(abs);
    let bytes: Buffer;
    try {
      bytes = readFileSync(abs);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
      diagnostics.push({ file: from?.file ?? abs, line: from?.line ?? 0, name: abs, message: `catalog ${abs} ${why}` });
      return;
    }
    const decoded = decodeXml(bytes);
    if (!decoded.ok) {
      diagnostics.push({ file: abs, line: decoded.line, name: abs, message: `catalog ${abs}: ${decoded.message}` });
      return;
    }
    if (decoded.text.trimStart().startsWith('<')) readXml(decoded.text, abs);
    else readTsv(decoded.text, abs);
  };

  const remote = (file: string, line: number, target: string): void => {
    diagnostics.push({ file, line, name: target, message: `catalog maps to "${target}", which is not a local file (schemas are never fetched)` });
  };

  const readTsv = (text: string, abs: string): void => {
    const base = dirname(abs);
    text.split(/\r\n|\r|\n/).forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const cells = raw.split('\t').map((c) => c.trim());
      if (cells.length !== 2 || cells[0] === '' || cells[1] === '') {
        diagnostics.push({ file: abs, line: i + 1, name: line, message: `catalog line is not "URL-or-namespace<TAB>local path": ${JSON.stringify(raw)}` });
        return;
      }
      const local = localPath(cells[1], base);
      if (local === undefined) remote(abs, i + 1, cells[1]);
      else if (!exact.has(cells[0])) exact.set(cells[0], local);
    });
  };

  const readXml = (text: string, abs: string): void => {
    const parsed = parseXsd(text, abs);
    if (!parsed.ok) {
      diagnostics.push({ file: abs, line: parsed.problem.line, name: abs, message: `catalog ${abs}: malformed XML: ${parsed.problem.message}` });
      return;
    }
    const root = parsed.root;
    if (root.ns !== CATALOG_NS || root.local !== 'catalog') {
      diagnostics.push({ file: abs, line: root.line, name: abs, message: `catalog ${abs}: the root element is not an OASIS <catalog> (namespace ${CATALOG_NS})` });
      return;
    }
    const chained: { file: string; line: number; path: string }[] = [];
    const walk = (node: XsdNode, base: string): void => {
      for (const e of node.children) {
        if (e.ns !== CATALOG_NS) continue;
        const here = (e.attrs['xml:base'] !== undefined ? localPath(e.attrs['xml:base'], base) : base) ?? base;
        const need = (...names: string[]): string[] | undefined => {
          const values = names.map((n) => e.attrs[n]);
          if (values.every((v) => v !== undefined)) return values as string[];
          diagnostics.push({ file: abs, line: e.line, name: e.local, message: `catalog entry <${e.local}> needs the attributes ${names.join(', ')}` });
          return undefined;
        };
        switch (e.local) {
          case 'group':
            walk(e, here);
            break;
          case 'uri':
          case 'system': {
            const v = need(e.local === 'uri' ? 'name' : 'systemId', 'uri');
            const local = v === undefined ? undefined : localPath(v[1], here);
            if (v !== undefined && local === undefined) remote(abs, e.line, v[1]);
            else if (v !== undefined && local !== undefined && !exact.has(v[0])) exact.set(v[0], local);
            break;
          }
          case 'rewriteURI':
          case 'rewriteSystem': {
            const v = need(e.local === 'rewriteURI' ? 'uriStartString' : 'systemIdStartString', 'rewritePrefix');
            const local = v === undefined ? undefined : localPath(v[1], here);
            if (v !== undefined && local === undefined) remote(abs, e.line, v[1]);
            else if (v !== undefined && local !== undefined) {
              // Kept as a file URL so that the rest of the key is appended as URL text.
              const href = pathToFileURL(local).href;
              rewrites.push({ prefix: v[0], replacement: /[/\\]$/.test(v[1]) && !href.endsWith('/') ? `${href}/` : href });
            }
            break;
          }
          case 'nextCatalog': {
            const v = need('catalog');
            const local = v === undefined ? undefined : localPath(v[0], here);
            if (v !== undefined && local === undefined) remote(abs, e.line, v[0]);
            else if (local !== undefined) chained.push({ file: abs, line: e.line, path: local });
            break;
          }
          default:
            diagnostics.push({ file: abs, line: e.line, name: e.local, message: `catalog entry <${e.local}> is not supported (supported: uri, system, rewriteURI, rewriteSystem, group, nextCatalog)` });
        }
      }
    };
    const rootBase = (root.attrs['xml:base'] !== undefined ? localPath(root.attrs['xml:base'], dirname(abs)) : undefined) ?? dirname(abs);
    walk(root, rootBase);
    for (const c of chained) readOne(c.path, c);
  };

  readOne(path);
  rewrites.sort((a, b) => b.prefix.length - a.prefix.length);
  const lookup = (key: string): string | undefined => {
    const hit = exact.get(key);
    if (hit !== undefined) return hit;
    const rw = rewrites.find((r) => key.startsWith(r.prefix));
    if (rw === undefined) return undefined;
    return fileURLToPath(rw.replacement + key.slice(rw.prefix.length));
  };
  return { catalog: { files, lookup }, diagnostics };
}
