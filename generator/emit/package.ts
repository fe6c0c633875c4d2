/**
 * `generate --package NAME`: the tree as an npm package other packages depend on, with compiled
 * ESM JavaScript and `.d.ts` instead of TypeScript sources, so JavaScript consumers and bundlers
 * need no TypeScript step and TypeScript consumers check declarations, not our sources, under
 * their own flags (with `skipLibCheck` applying to them like to any package).
 *
 * The `.ts` sources are not shipped. Next to the `.d.ts` files they would be found first by
 * TypeScript's resolution (`./index.js` → `index.ts` before `index.d.ts`) and type-checked
 * under each consumer's configuration; in a folder of their own they would be dead weight:
 * the package is regenerated from the schemas, not edited, and every declaration keeps its
 * JSDoc.
 *
 * Compiling uses the TypeScript that ts-morph already brings, one file at a time:
 * `transpileModule` for the JavaScript and `transpileDeclaration` (isolated declarations) for
 * the `.d.ts`. Neither needs to resolve the runtime package, so generating works without it
 * installed, and the output depends only on the sources (deterministic). The generated code
 * is written to allow this: every export has an explicit type, and type-only imports say so.
 *
 * Layout of the package (the same paths as the tree, `.js` + `.d.ts` for each module):
 * - `exports["."]`: the whole API (`index.js`), and the entry points the tree's pipeline names
 *   (`PackageInfo.entries`; a Plesk tree's `./operators/<name>`, `./client-for` and `./testing`:
 *   profiles/plesk/emit/package.ts). No other module is reachable from outside, so the file
 *   layout can change without breaking anyone.
 * - The runtime is a peer dependency (see `packageJson`).
 */
import { ts } from 'ts-morph';
import { RUNTIME_PACKAGE, RUNTIME_RANGE } from './runtime-package.js';
import { ConfigError } from '../errors.js';

export interface PackageOptions {
  /** npm package name (`@acme/plesk-api`). */
  name: string;
  /** Package version; default `0.0.0`. */
  version?: string;
}

/** Why `name` cannot be an npm package name, or null when it can. */
export function packageNameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name.length > 214) return 'it is longer than 214 characters';
  if (name !== name.toLowerCase()) return 'it has upper-case letters';
  if (!/^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/.test(name)) {
    return 'it must be lower-case letters, digits, and - . _ ~, optionally under an @scope/, starting with a letter or digit';
  }
  return null;
}

/** Why `version` is not a semantic version (`1.2.3`, `1.0.0-rc.1`), or null when it is. */
export function packageVersionProblem(version: string): string | null {
  return /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(version) ? null : 'it is not a semantic version such as 1.0.0';
}

/** What is wrong with the command line's package options (`--package`, `--package-version`, `--import-extension`), or null. */
export function packageOptionProblem(name: string | undefined, version: string | undefined, importExtension: string | undefined): string | null {
  if (name === undefined) return version !== undefined ? '--package-version needs --package NAME' : null;
  const nameProblem = packageNameProblem(name);
  if (nameProblem !== null) return `--package "${name}" is not a valid npm package name: ${nameProblem}`;
  const versionProblem = version !== undefined ? packageVersionProblem(version) : null;
  if (versionProblem !== null) return `--package-version "${version}": ${versionProblem}`;
  if (importExtension === 'ts') return '--import-extension ts is for TypeScript sources; --package writes JavaScript and .d.ts (drop one of them)';
  return null;
}

/** The same check for options given to the programmatic API: a `ConfigError` in the API's spelling (`packageVersion`, not `--package-version`). */
export function checkPackageOptions(options: { package?: string; packageVersion?: string; importExtension?: string }): void {
  const problem = packageOptionProblem(options.package, options.packageVersion, options.importExtension);
  if (problem === null) return;
  const message = problem.replace(/--([a-z]+)-([a-z])/g, (_, a: string, b: string) => `${a}${b.toUpperCase()}`).replace(/--/g, '');
  throw new ConfigError([{ file: 'options', message }]);
}

const JS_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed,
};
const DTS_OPTIONS: ts.CompilerOptions = { ...JS_OPTIONS, declaration: true, isolatedDeclarations: true };

/** Thrown when the tree's code cannot be compiled one file at a time (a generator bug). */
export class PackageCompileError extends Error {
  override name = 'PackageCompileError';
}

/**
 * What the package.json and README say about a tree, decided by the pipeline that made it (the
 * Plesk profile: profiles/plesk/emit/package.ts; the general core: `codecPackageInfo`).
 */
export interface PackageInfo {
  /** The package.json `description`. */
  description: string;
  /** Entry points besides `.` (the index): subpath (`./testing`) and the tree's module it exports (`testing/standin`). */
  entries: readonly { subpath: string; module: string }[];
  /** The README's text. */
  readme: string;
}

/**
 * The package's files from the tree's: `package.json`, and for each `.ts` module its `.js` and
 * `.d.ts`. `info` says what the package.json and the README describe.
 */
export function packageFiles(tree: Map<string, string>, pkg: PackageOptions, info: PackageInfo): Map<string, string> {
  const out = new Map<string, string>();
  const problems: string[] = [];
  for (const [path, source] of tree) {
    if (!path.endsWith('.ts')) {
      out.set(path, source);
      continue;
    }
    const base = path.slice(0, -'.ts'.length);
    const js = ts.transpileModule(source, { fileName: path, compilerOptions: JS_OPTIONS, reportDiagnostics: true });
    const dts = ts.transpileDeclaration(source, { fileName: path, compilerOptions: DTS_OPTIONS, reportDiagnostics: true });
    for (const d of [...(js.diagnostics ?? []), ...(dts.diagnostics ?? [])]) {
      const where = d.start !== undefined && d.file ? `:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      problems.push(`${path}${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
    out.set(`${base}.js`, js.outputText);
    out.set(`${base}.d.ts`, dts.outputText);
  }
  if (problems.length > 0) {
    throw new PackageCompileError(`the generated code cannot be compiled for --package (please report this):\n${problems.join('\n')}`);
  }
  out.set('package.json', packageJson(pkg, info));
  out.set('README.md', info.readme);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The runtime is a peer dependency, not a dependency: an application holds one runtime, shared
 * by every tree it uses (several Plesk API versions, packages of its own and of others), so one
 * set of error classes serves them all and `instanceof PleskOperationError` works whichever tree
 * threw. A version conflict then shows at install time instead of as two silent copies. npm (7
 * and later) and pnpm install peer dependencies by themselves, so a consumer still runs only
 * `npm install <this package>`.
 */
function packageJson(pkg: PackageOptions, info: PackageInfo): string {
  const entry = (base: string): { types: string; default: string } => ({ types: `./${base}.d.ts`, default: `./${base}.js` });
  const exports: Record<string, unknown> = { '.': entry('index') };
  for (const e of info.entries) exports[e.subpath] = entry(e.module);
  exports['./package.json'] = './package.json';
  const json = {
    name: pkg.name,
    version: pkg.version ?? '0.0.0',
    description: info.description,
    type: 'module',
    sideEffects: false,
    main: './index.js',
    types: './index.d.ts',
    // For TypeScript's older moduleResolution (node10), which does not read `exports`.
    typesVersions: { '*': Object.fromEntries(Object.entries(exports).flatMap(([k, v]) => (k === '.' || typeof v === 'string' ? [] : [[k.slice(2), [(v as { types: string }).types]]]))) },
    exports,
    // The compiled modules and the README; not the generator's manifest (a build record).
    files: ['**/*.js', '**/*.d.ts'],
    peerDependencies: { [RUNTIME_PACKAGE]: RUNTIME_RANGE },
    engines: { node: '>=20.19' },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** How a generated package's README tells to install it, up to the end of the runtime sentence (which each README finishes). */
export function installLines(pkg: PackageOptions): string[] {
  return [
    '```sh',
    `npm install ${pkg.name}`,
    '```',
    '',
    `It runs on \`${RUNTIME_PACKAGE}\` ${RUNTIME_RANGE}, a peer dependency (npm 7+ and pnpm install it`,
  ];
}

/** What the package of a general core tree says: its root elements' codecs (`roots`: the codec names, `Invoice` for `parseInvoice`/`serializeInvoice`). */
export function codecPackageInfo(pkg: PackageOptions, label: string, roots: readonly string[]): PackageInfo {
  return { description: `Typed XML Schema bindings (${label}), generated by plesk-api-codegen`, entries: [], readme: codecReadme(pkg, label, roots) };
}

/** The README of a general core package: its root elements' codecs. */
function codecReadme(pkg: PackageOptions, label: string, roots: readonly string[]): string {
  const first = roots[0] ?? 'Document';
  return [
    `# ${pkg.name}`,
    '',
    `Typed bindings of XML Schema (${label}), generated by plesk-api-codegen: a type per schema type,`,
    'and for each root element a schema-checked serializer and a strict parser. Do not edit;',
    'regenerate from the schemas.',
    '',
    ...installLines(pkg),
    'by themselves).',
    '',
    '```js',
    `import { parse${first}, serialize${first}, SchemaViolationError } from '${pkg.name}';`,
    '```',
    '',
    '| root element codec | functions |',
    '|---|---|',
    ...roots.map((r) => `| ${r} | \`parse${r}\`, \`serialize${r}\`, \`${r.charAt(0).toLowerCase()}${r.slice(1)}Root\` |`),
    '',
  ].join('\n');
}
