/**
 * What every generated tree is made of, for the general core (emit/codec.ts) and the Plesk
 * profile (profiles/plesk/emit/tree.ts) alike: the type modules (the core's one per
 * namespace, the profile's one per XSD file and side: the naming pass decides, `Declaration.module`), the templates (`render`, from the package's `templates/`) and the `.ts`
 * import extension for Node's type stripping.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import type { PrintStructureOptions, StatementStructures } from 'ts-morph';
import { printStructure, StructureKind } from './ts-morph.js';
import type { Declaration } from '../binding/model.js';
import { complexStatements, simpleStatements, type References } from './ts-types.js';
import { RUNTIME_PACKAGE } from './runtime-package.js';
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
): { byModule: Map<string, Declaration[]>; valueExports: { module: string; names: string }[] } {
  const byModule = groupBy(declarations, (d) => d.module);
  const valueExports: { module: string; names: string }[] = [];
  for (const module of [...byModule.keys()].sort()) {
    const decls = byModule.get(module)!.sort(declOrder);
    const refs: References = { decls: new Set(), runtime: new Set() };
    const statements: (string | StatementStructures)[] = decls.flatMap((d) => (d.kind === 'simple' ? simpleStatements(d, refs) : complexStatements(d, refs)));
    // Printed straight from the structures: no AST is built (ts-morph's node-by-node API, or
    // creating source files, would parse what it prints).
    const body = separateStatements(printStructure({ kind: StructureKind.SourceFile, statements }, PRINT_OPTIONS));
    const imports = importsOf(module, refs);
    files.set(`${module}.ts`, render('module.ts.hbs', { header, imports, body }));
    const values = decls.filter((d) => d.kind === 'simple' && d.ts.kind === 'literals').map((d) => `${d.name}Values`);
    if (values.length > 0) valueExports.push({ module, names: values.join(', ') });
  }
  return { byModule, valueExports };
}

/**
 * Relative module specifiers of import and export declarations (`from './request.js'`) with the
 * `.ts` the files have. Every emitter and template writes `.js` (one place decides instead of
 * each); comment lines are left as they are.
 */
export function withTsImports(text: string): string {
  return text
    .split('\n')
    .map((line) => (/^\s*(?:\/\/|\/?\*)/.test(line) ? line : line.replace(/(\bfrom\s+')(\.{1,2}\/[^'\n]*)\.js'/g, "$1$2.ts'")))
    .join('\n');
}

/** One blank line between top-level statements, none doubled. */
function separateStatements(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const previous = out.length > 0 ? out[out.length - 1] : '';
    const startsStatement = line.startsWith('/**') || (line.startsWith('export ') && !previous.trimEnd().endsWith('*/'));
    if (startsStatement && previous !== '' && out.length > 0) out.push('');
    out.push(line);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function importsOf(module: string, refs: References): { names: string; from: string }[] {
  const byTarget = new Map<string, Set<string>>();
  for (const d of refs.decls) {
    if (d.module === module) continue;
    const names = byTarget.get(d.module) ?? new Set<string>();
    names.add(d.name);
    byTarget.set(d.module, names);
  }
  for (const d of refs.aliases ?? []) {
    if (d.module === module) continue;
    const names = byTarget.get(d.module) ?? new Set<string>();
    names.add(d.xsiTypes!.unionName);
    byTarget.set(d.module, names);
  }
  const out = [...byTarget].map(([target, names]) => ({ names: [...names].sort().join(', '), from: relativeImport(module, target) }));
  if (refs.runtime.size > 0) out.push({ names: [...refs.runtime].sort().join(', '), from: RUNTIME_PACKAGE });
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

function relativeImport(from: string, to: string): string {
  const rel = relative(dirname(`/${from}`), `/${to}`).split(sep).join('/');
  return `${rel.startsWith('.') ? rel : `./${rel}`}.js`;
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
