/**
 * What every generated tree is made of, for the general core (emit/codec.ts) and the Plesk
 * profile (profiles/plesk/emit/tree.ts) alike: the type modules (the core's one per namespace,
 * the profile's one per XSD file and side: the naming pass decides, `Declaration.module`) and the
 * templates (`render`, from the package's `templates/`).
 *
 * One way to write a generated file: its imports collected in an `Imports` (imports.ts, which
 * also decides every relative specifier and its extension), declarations printed from ts-morph
 * structures, skeletons rendered from handlebars templates that give well-formed text as they
 * are (nothing fixes the text up afterwards).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { PrintStructureOptions, StatementStructures } from 'ts-morph';
import { printStructure, StructureKind } from './ts-morph.js';
import type { Declaration } from '../binding/model.js';
import { complexStatements, simpleStatements, type References } from './ts-types.js';
import { RUNTIME_PACKAGE } from './runtime-package.js';
import { fromModule, fromPackage, Imports, type ImportExtension } from './imports.js';
import { packageRoot } from '../version.js';

/** The package root (where `templates/` and `package.json` are). */
export const PACKAGE_ROOT = packageRoot();

const PRINT_OPTIONS: PrintStructureOptions = { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true };

const templates = new Map<string, HandlebarsTemplateDelegate>();
export function render(name: string, data: unknown): string {
  let t = templates.get(name);
  if (t === undefined) {
    t = Handlebars.compile(readFileSync(join(PACKAGE_ROOT, 'templates', name), 'utf8'), { noEscape: true, strict: true });
    templates.set(name, t);
  }
  return t(data);
}

/**
 * The type modules (as the naming pass placed the declarations: `Declaration.module`) into
 * `files`; returns the declarations by module and the value exports (`…Values` arrays) of each.
 */
export function emitTypeModules(
  declarations: readonly Declaration[],
  header: string,
  files: Map<string, string>,
  extension: ImportExtension,
): { byModule: Map<string, Declaration[]>; valueExports: { module: string; names: string }[] } {
  const byModule = groupBy(declarations, (d) => d.module);
  const valueExports: { module: string; names: string }[] = [];
  for (const module of [...byModule.keys()].sort()) {
    const decls = byModule.get(module)!.sort(declOrder);
    const refs: References = { decls: new Set(), runtime: new Set() };
    const statements: (string | StatementStructures)[] = decls.flatMap((d) => (d.kind === 'simple' ? simpleStatements(d, refs) : complexStatements(d, refs)));
    // Each statement printed straight from its structure (no AST is built: ts-morph's
    // node-by-node API, or creating source files, would parse what it prints), one blank line
    // between them.
    const body = statements.map((statement) => (typeof statement === 'string' ? statement : printStructure(statement, PRINT_OPTIONS)).trim()).join('\n\n');
    const imports = new Imports(module, extension);
    for (const d of refs.decls) if (d.module !== module) imports.types(fromModule(d.module), [d.name]);
    for (const d of refs.aliases ?? []) if (d.module !== module) imports.types(fromModule(d.module), [d.xsiTypes!.unionName]);
    imports.types(fromPackage(RUNTIME_PACKAGE), refs.runtime);
    files.set(`${module}.ts`, render('module.ts.hbs', { header, imports: imports.print(), body }));
    const values = decls.filter((d) => d.kind === 'simple' && d.ts.kind === 'literals').map((d) => `${d.name}Values`);
    if (values.length > 0) valueExports.push({ module, names: values.join(', ') });
  }
  return { byModule, valueExports };
}

function declOrder(a: Declaration, b: Declaration): number {
  return (a.loc?.line ?? 0) - (b.loc?.line ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
