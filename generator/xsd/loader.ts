/**
 * Loads the schema documents reachable from a root file through `xs:include` and `xs:import`,
 * and indexes their global declarations by kind and qualified name.
 *
 * A document is one file read with one effective target namespace: a file with no
 * `targetNamespace` included into a namespaced schema ("chameleon include") takes the
 * includer's namespace, so the same file may be loaded once per namespace it is included into.
 * A file reached twice with the same namespace (diamond includes, include cycles) is loaded once.
 *
 * Files are read as bytes and decoded by their declared encoding (`encoding.ts`). A
 * `schemaLocation` that is a URL, and an import that names only a namespace, are looked up in
 * the catalog (`catalog.ts`) when one is given; nothing is fetched from the network. A URL
 * without an entry is reported where it is used; a location-less import without one is left to
 * the references into its namespace, which name the import when they fail.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XS_NS, qnameKey, type QName, type SchemaDiagnostic } from '../model/types.js';
import { isUri, type Catalog } from './catalog.js';
import { parseXsd, resolvePrefixed, type ParseResult, type XsdNode } from './dom.js';
import { decodeXml } from './encoding.js';

/** One schema document as it takes part in a set. */
export interface SchemaDoc {
  /** Path relative to the schema directory, `/` separators. */
  readonly file: string;
  readonly root: XsdNode;
  /** The effective target namespace (the includer's for a chameleon include). */
  readonly targetNamespace: string | null;
  /** True when the file declares no target namespace but was included into a namespaced schema. */
  readonly chameleon: boolean;
  readonly elementFormQualified: boolean;
  readonly attributeFormQualified: boolean;
  /** The `blockDefault`/`finalDefault` are not needed by bindings and are not kept. */
}

export type ComponentKind = 'type' | 'element' | 'group' | 'attributeGroup' | 'attribute';

/** A global declaration found in a document, not yet resolved. */
export interface GlobalDecl {
  readonly kind: ComponentKind;
  readonly name: QName;
  readonly node: XsdNode;
  readonly doc: SchemaDoc;
}

export interface LoadedSet {
  readonly root: string;
  /** Every file loaded, in the order first reached (depth-first, includes in document order). */
  readonly files: string[];
  readonly docs: SchemaDoc[];
  /** Global declarations per kind, by `qnameKey`, in document order. */
  readonly globals: Record<ComponentKind, Map<string, GlobalDecl>>;
  readonly diagnostics: SchemaDiagnostic[];
  /**
   * Namespaces imported without a `schemaLocation` that no catalog entry resolved, with the
   * first such import (for the message of a reference into them that cannot be resolved).
   */
  readonly unlocatedImports: ReadonlyMap<string, { file: string; line: number }>;
}

/** Why a file could not be used: not there, a folder, unreadable (`code`), or bytes that do not decode. */
export type ReadFailure = { ok: false; missing: 'not found' | 'is a folder' | string } | { ok: false; problem: { line: number; message: string }; decoding: true };

/** Parsed files by absolute path, shared between the sets loaded from one directory. */
export type ParseCache = Map<string, ParseResult | ReadFailure>;

export interface LoadOptions {
  /** Where URL `schemaLocation`s and location-less imports are found (`readCatalog`). */
  readonly catalog?: Catalog;
}

const GLOBAL_KINDS: Record<string, ComponentKind> = {
  simpleType: 'type',
  complexType: 'type',
  element: 'element',
  group: 'group',
  attributeGroup: 'attributeGroup',
  attribute: 'attribute',
};

/** XSD elements this reader does not implement (XSD 1.1's redefinition and additions). */
const UNSUPPORTED = new Set([
  'override',
  'assert',
  'assertion',
  'alternative',
  'openContent',
  'defaultOpenContent',
]);

/** Top-level XSD 1.0 elements that carry nothing a binding needs. */
const IGNORED_TOP = new Set(['annotation', 'notation']);

function toRel(schemaDir: string, abs: string): string {
  const rel = relative(schemaDir, abs);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function readParsed(abs: string, rel: string, cache: ParseCache): ParseResult | ReadFailure {
  const cached = cache.get(abs);
  if (cached !== undefined) return cached;
  let result: ParseResult | ReadFailure;
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    result = { ok: false, missing: code === 'ENOENT' || code === 'ENOTDIR' ? 'not found' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? String(e)})` };
  }
  if (bytes !== undefined) {
    const decoded = decodeXml(bytes);
    result = decoded.ok ? parseXsd(decoded.text, rel) : { ok: false, problem: { line: decoded.line, message: decoded.message }, decoding: true };
  }
  cache.set(abs, result!);
  return result!;
}

/**
 * Loads every document reachable from `rootFile` (relative to `schemaDir`), or from each of several
 * entry files in turn (one set: what the general core reads when a user names several XSDs).
 */
export function loadDocuments(schemaDir: string, rootFile: string | readonly string[], cache: ParseCache = new Map(), options: LoadOptions = {}): LoadedSet {
  const catalog = options.catalog;
  const unlocatedImports = new Map<string, { file: string; line: number }>();
  const dir = resolve(schemaDir);
  const diagnostics: SchemaDiagnostic[] = [];
  const files: string[] = [];
  const fileSeen = new Set<string>();
  const docs: SchemaDoc[] = [];
  const docSeen = new Set<string>();
  const globals: LoadedSet['globals'] = {
    type: new Map(),
    element: new Map(),
    group: new Map(),
    attributeGroup: new Map(),
    attribute: new Map(),
  };
  const report = (file: string, line: number, name: string, message: string) =>
    diagnostics.push({ file, line, name, message: `${message}` });

  /**
   * Loads one file. `includerNs` is set for an include (the includer's target namespace);
   * `expectedNs` for an import (the `namespace` attribute, `undefined` when absent).
   */
  const visit = (
    abs: string,
    from: { node: XsdNode; how: 'include' | 'import'; includerNs: string | null; expectedNs?: string | null } | null,
  ): void => {
    const rel = toRel(dir, abs);
    const parsed = readParsed(abs, rel, cache);
    if (!parsed.ok && 'missing' in parsed) {
      if (from === null) report(rel, 0, rel, `schema file ${rel} ${parsed.missing}`);
      else {
        const what = from.node.attrs.schemaLocation ?? `namespace ${from.node.attrs.namespace ?? ''}`;
        const via = from.node.attrs.schemaLocation !== undefined && !isUri(from.node.attrs.schemaLocation) ? '' : ' (from the catalog)';
        report(from.node.file, from.node.line, rel, `${from.how} of "${what}": file ${rel}${via} ${parsed.missing}`);
      }
      return;
    }
    if (!parsed.ok) {
      const key = `${rel}|malformed`;
      if (!docSeen.has(key)) {
        docSeen.add(key);
        if (!fileSeen.has(rel)) {
          fileSeen.add(rel);
          files.push(rel);
        }
        report(rel, parsed.problem.line, rel, 'decoding' in parsed ? `cannot decode: ${parsed.problem.message}` : `malformed XML: ${parsed.problem.message}`);
      }
      return;
    }
    const root = parsed.root;
    if (root.ns !== XS_NS || root.local !== 'schema') {
      report(rel, root.line, rel, `root element is not xs:schema`);
      return;
    }
    const ownNs = root.attrs.targetNamespace !== undefined && root.attrs.targetNamespace !== '' ? root.attrs.targetNamespace : null;
    let effectiveNs = ownNs;
    let chameleon = false;
    if (from?.how === 'include') {
      if (ownNs === null && from.includerNs !== null) {
        effectiveNs = from.includerNs;
        chameleon = true;
      } else if (ownNs !== from.includerNs) {
        report(
          from.node.file,
          from.node.line,
          rel,
          `included file ${rel} has target namespace "${ownNs ?? ''}", the including schema "${from.includerNs ?? ''}"`,
        );
      }
    } else if (from?.how === 'import' && from.expectedNs !== undefined && from.expectedNs !== ownNs) {
      report(
        from.node.file,
        from.node.line,
        rel,
        `imported file ${rel} has target namespace "${ownNs ?? ''}", the import names "${from.expectedNs ?? ''}"`,
      );
    }
    const key = `${rel}|${effectiveNs ?? ''}`;
    if (docSeen.has(key)) return;
    docSeen.add(key);
    if (!fileSeen.has(rel)) {
      fileSeen.add(rel);
      files.push(rel);
    }
    const doc: SchemaDoc = {
      file: rel,
      root,
      targetNamespace: effectiveNs,
      chameleon,
      elementFormQualified: root.attrs.elementFormDefault === 'qualified',
      attributeFormQualified: root.attrs.attributeFormDefault === 'qualified',
    };
    docs.push(doc);
    reportUnsupported(root);

    /** The local file a `schemaLocation` names: a path relative to this file, or a URL through the catalog. */
    const locate = (child: XsdNode, location: string): string | undefined => {
      if (location.startsWith('file:')) return fileURLToPath(location);
      if (!isUri(location)) return resolve(dirname(abs), location);
      const local = catalog?.lookup(location);
      if (local !== undefined) return local;
      report(
        child.file,
        child.line,
        location,
        `${child.local} of "${location}": no catalog entry maps this URL to a local file (schemas are never fetched; ${catalog === undefined ? 'give a catalog' : 'add an entry to the catalog'})`,
      );
      return undefined;
    };

    for (const child of root.children) {
      if (child.ns !== XS_NS) continue;
      const location = child.attrs.schemaLocation;
      switch (child.local) {
        case 'include':
        case 'redefine': {
          // A redefine includes its file as an include does, then replaces what it redefines.
          if (location === undefined) {
            report(child.file, child.line, child.local, `xs:${child.local} without schemaLocation`);
            break;
          }
          const target = locate(child, location);
          if (target !== undefined) visit(target, { node: child, how: 'include', includerNs: effectiveNs });
          if (child.local === 'redefine') redefine(child, doc);
          break;
        }
        case 'import': {
          const ns = child.attrs.namespace;
          if (ns === XS_NS) break;
          let target: string | undefined;
          if (location !== undefined) target = locate(child, location);
          else if (ns !== undefined) {
            target = catalog?.lookup(ns);
            // Otherwise the components must come from elsewhere; a reference that finds none names this import.
            if (target === undefined && !unlocatedImports.has(ns)) unlocatedImports.set(ns, { file: child.file, line: child.line });
          }
          if (target === undefined) break;
          visit(target, {
            node: child,
            how: 'import',
            includerNs: effectiveNs,
            expectedNs: ns === undefined ? null : ns,
          });
          break;
        }
        default: {
          const kind = GLOBAL_KINDS[child.local];
          if (kind === undefined) {
            if (!IGNORED_TOP.has(child.local) && !UNSUPPORTED.has(child.local)) {
              report(child.file, child.line, `xs:${child.local}`, `unexpected xs:${child.local} at the top level of a schema`);
            }
            break;
          }
          const localName = child.attrs.name;
          if (localName === undefined) {
            report(child.file, child.line, `xs:${child.local}`, `global xs:${child.local} without a name`);
            break;
          }
          const name: QName = { ns: effectiveNs, local: localName };
          const qk = qnameKey(name);
          const map = globals[kind];
          const prior = map.get(qk);
          if (prior !== undefined) {
            if (prior.node.file !== child.file || prior.node.line !== child.line) {
              report(
                child.file,
                child.line,
                qk,
                `duplicate global ${kindLabel(kind)} "${qk}" (also defined at ${prior.node.file}:${prior.node.line})`,
              );
            }
            break;
          }
          map.set(qk, { kind, name, node: child, doc });
        }
      }
    }
  };

  /**
   * `xs:redefine` (XML Schema 1.0, 4.2.2): the redefined file is included, and each component
   * given here replaces the one of that name everywhere in the set. The component it replaces
   * stays, renamed `<name> (original)` (a name no schema can spell; `(original 2)`, … down a
   * chain of redefinitions), and the redefinition's one reference to its own name — the base of
   * a type, the group or attribute group it includes — is made to point at it, as the
   * specification says. A group or attribute group without such a reference restricts the
   * original and simply replaces it.
   */
  const redefine = (node: XsdNode, doc: SchemaDoc): void => {
    for (const child of node.children) {
      if (child.ns !== XS_NS || child.local === 'annotation') continue;
      const kind = child.local === 'simpleType' || child.local === 'complexType' ? 'type' : child.local === 'group' || child.local === 'attributeGroup' ? child.local : undefined;
      const localName = child.attrs.name;
      if (kind === undefined || localName === undefined) {
        report(child.file, child.line, `xs:${child.local}`, `xs:redefine holds named simple types, complex types, groups and attribute groups only, not ${localName === undefined ? 'an unnamed ' : ''}xs:${child.local}`);
        continue;
      }
      const name: QName = { ns: doc.targetNamespace, local: localName };
      const qk = qnameKey(name);
      const map = globals[kind];
      const prior = map.get(qk);
      if (prior === undefined || prior.node.file === child.file) {
        report(child.file, child.line, qk, `xs:redefine of ${kindLabel(kind)} "${qk}", which the redefined schema does not declare`);
        continue;
      }
      // A schema that redefines a redefinition (a chain) names each earlier version apart.
      let suffix = ' (original)';
      for (let i = 2; map.has(qnameKey({ ns: name.ns, local: `${localName}${suffix}` })); i++) suffix = ` (original ${i})`;
      const original: QName = { ns: name.ns, local: `${localName}${suffix}` };
      let selfRefs = 0;
      const rewrite = (n: XsdNode, attr: string, test: (c: XsdNode) => boolean): XsdNode => {
        const value = n.attrs[attr];
        const ref = value !== undefined && test(n) ? resolvePrefixed(n, value) : undefined;
        const self = ref !== undefined && ref.ns === name.ns && ref.local === localName;
        if (self) selfRefs++;
        const children = n.children.map((c) => rewrite(c, attr, test));
        const changed = self || children.some((c, i) => c !== n.children[i]);
        return changed ? { ...n, attrs: self ? { ...n.attrs, [attr]: `${value!}${suffix}` } : n.attrs, children } : n;
      };
      const replaced =
        kind === 'type'
          ? rewrite(child, 'base', (c) => c.ns === XS_NS && (c.local === 'restriction' || c.local === 'extension'))
          : rewrite(child, 'ref', (c) => c.ns === XS_NS && c.local === child.local);
      if (kind === 'type' ? selfRefs !== 1 : selfRefs > 1) {
        report(child.file, child.line, qk, kind === 'type' ? `xs:redefine of type "${qk}" must derive from the type it redefines` : `xs:redefine of ${kindLabel(kind)} "${qk}" may refer to itself once only`);
        continue;
      }
      // A group or attribute group that does not refer to itself restricts the original: it
      // replaces it outright (that it is a valid restriction is not checked).
      if (selfRefs === 1) map.set(qnameKey(original), { ...prior, name: original });
      map.set(qk, { kind, name, node: replaced, doc });
    }
  };

  const reportUnsupported = (node: XsdNode): void => {
    for (const child of node.children) {
      if (child.ns === XS_NS && UNSUPPORTED.has(child.local)) {
        report(child.file, child.line, `xs:${child.local}`, `unsupported construct xs:${child.local}`);
        continue;
      }
      if (child.ns === XS_NS && (child.local === 'annotation' || child.local === 'appinfo')) continue;
      reportUnsupported(child);
    }
  };

  const rootFiles = typeof rootFile === 'string' ? [rootFile] : rootFile;
  for (const file of rootFiles) visit(resolve(dir, file), null);
  return { root: toRel(dir, resolve(dir, rootFiles[0] ?? '.')), files, docs, globals, diagnostics, unlocatedImports };
}

export function kindLabel(kind: ComponentKind): string {
  switch (kind) {
    case 'type':
      return 'type';
    case 'element':
      return 'element';
    case 'group':
      return 'group';
    case 'attributeGroup':
      return 'attribute group';
    case 'attribute':
      return 'attribute';
  }
}
