/**
 * `plesk-codegen generate` and `plesk-codegen check`: argument parsing and printing around the
 * programmatic API (api.ts), which does the work and throws `CodegenError`s with diagnostics.
 *
 * One command for both kinds of input: `--schemas` (a Plesk schema set: the Plesk profile, with
 * packets, operators and a client) or `--xsd FILE --root ELEMENT` (any XML Schema: the general
 * core, a codec per root element). One name keeps one set of habits — the same `--out` safety,
 * manifest, `check`, config file and `--package` — and the input says which tree is meant.
 */
import { parseArgs } from 'node:util';
import type { CommandIo } from '../cli.js';
import type { GenerateOptions } from '../generate.js';
import { CodegenError, formatDiagnostic } from '../errors.js';
import { MANIFEST_FILE } from '../emit/write.js';
import { CONFIG_FILE } from '../config.js';
import { existsSync } from 'node:fs';
import { runtimeInstallAdvice } from '../emit/runtime-package.js';
import { packageOptionProblem } from '../emit/package.js';

const OPTIONS_HELP = `Input, one of:
  --schemas PATH           A Plesk XML API schema set (the Plesk profile): a folder with
                           agent_input.xsd and agent_output.xsd, a folder of version folders
                           (1.6.9.1/, … as under a Plesk server's admin/htdocs/schemas/rpc), or
                           Plesk's schemas.zip as it is
  --xsd FILE               Any XML Schema (the general core): an entry XSD file (repeat for
                           several); the tree holds the types and, per root element,
                           parse<Name> and serialize<Name>
    --root ELEMENT         A root element (repeat, or separate with commas): {namespace}local,
                           prefix:local (a prefix the schemas declare), local, or {namespace}*
                           for every global element of a namespace (default: the global
                           elements declared in the --xsd files)
    --catalog FILE         Maps URL schemaLocations and location-less imports to local files
                           (catalog.tsv lines "URL<TAB>path", or an OASIS XML catalog); nothing is
                           ever fetched
  --config FILE            Generate what a config file lists (default without --schemas, --xsd
                           and --out: ${CONFIG_FILE} in the current folder, if there is one)

Output and options:
  --out DIR                Folder of the generated tree: missing, empty, or a tree plesk-codegen
                           wrote (anything else is refused). For version folders and zip archives,
                           each version goes to DIR/<version>
  --naming camel|xml       Property names: camelCase (default) or the exact XML names as quoted keys
  --integers number|bigint Integers as number (default; values beyond 2^53 are refused when read)
                           or 64-bit and unbounded integers as bigint
  --label TEXT             Name of the schema set in file headers (default: the version, or the
                           schema folder's name; for --xsd, the entry files' names)
  --import-extension js|ts Extension of relative imports: js (default) or ts, for Node's type
                           stripping (node --experimental-strip-types, Node 23.6+), Deno and Bun
  --package NAME           Write the tree as an npm package NAME: package.json with exports,
                           compiled ESM JavaScript and .d.ts (no TypeScript step for consumers)
  --package-version V      Version in that package.json (default 0.0.0)
  -h, --help               Show this help

Plesk schema sets (--schemas) only:
  --versions V,V           Only these versions of a folder of versions or a zip (default: all)
  --protocol-version V     <packet version> the client sends by default (default: the version
                           folder's name, or the label when it looks like a version)
  --no-client              Do not generate the typed client`;

export const GENERATE_HELP = `Usage: plesk-codegen generate --schemas PATH --out DIR [options]
       plesk-codegen generate --xsd FILE [--xsd FILE…] [--root ELEMENT…] --out DIR [options]
       plesk-codegen generate [--config FILE]

Generates TypeScript bindings. From a Plesk schema set (--schemas): types, descriptors,
serializers and parsers for both packet directions, and a typed client. From any XML Schema
(--xsd): types and a typed codec (parse/serialize) per root element. Writes nothing when the
schemas have errors; replaces --out as a whole, and only when plesk-codegen wrote it (its
${MANIFEST_FILE} lists every file).

${OPTIONS_HELP}`;

export const CHECK_HELP = `Usage: plesk-codegen check [--config FILE]
       plesk-codegen check --out DIR
       plesk-codegen check --schemas PATH --out DIR [options]
       plesk-codegen check --xsd FILE… [--root ELEMENT…] --out DIR [options]

Generates the bindings in memory and compares them with the tree in --out. Exits 1 and lists
the files that differ when the tree is stale. Without options, it checks every target of
${CONFIG_FILE} (or --config FILE) with the schemas and options the file gives. With --out alone, the schemas and options are
those recorded in the tree's ${MANIFEST_FILE} (or in those of its version subfolders).

${OPTIONS_HELP}`;

interface Parsed {
  config?: string;
  schemas?: string;
  /** General core: entry XSDs, roots, catalog. */
  xsd?: string[];
  roots?: string[];
  catalog?: string;
  out?: string;
  versions?: string[];
  options: GenerateOptions;
  /** True when an option other than --out was given. */
  hasGenerateOptions: boolean;
}

function parse(argv: string[], help: string, io: CommandIo): Parsed | number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        schemas: { type: 'string' },
        xsd: { type: 'string', multiple: true },
        root: { type: 'string', multiple: true },
        catalog: { type: 'string' },
        out: { type: 'string' },
        versions: { type: 'string' },
        config: { type: 'string' },
        naming: { type: 'string' },
        integers: { type: 'string' },
        label: { type: 'string' },
        'protocol-version': { type: 'string' },
        'no-client': { type: 'boolean' },
        'import-extension': { type: 'string' },
        package: { type: 'string' },
        'package-version': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if (values.help) {
    io.out(help);
    return 0;
  }
  if (values.naming !== undefined && values.naming !== 'camel' && values.naming !== 'xml') {
    io.err(`--naming must be camel or xml, not "${values.naming}"`);
    return 2;
  }
  if (values.integers !== undefined && values.integers !== 'number' && values.integers !== 'bigint') {
    io.err(`--integers must be number or bigint, not "${values.integers}"`);
    return 2;
  }
  const versions = values.versions?.split(',').map((v) => v.trim()).filter((v) => v !== '');
  if (values.versions !== undefined && versions!.length === 0) {
    io.err('--versions needs one or more version folder names, separated by commas (1.6.9.1,1.6.8.0)');
    return 2;
  }
  const ext = values['import-extension'];
  if (ext !== undefined && ext !== 'js' && ext !== 'ts') {
    io.err(`--import-extension must be js or ts, not "${ext}"`);
    return 2;
  }
  const packageProblem = packageOptionProblem(values.package, values['package-version'], ext);
  if (packageProblem !== null) {
    io.err(packageProblem);
    return 2;
  }
  const options: GenerateOptions = {
    ...(values.naming ? { naming: values.naming as 'camel' | 'xml' } : {}),
    ...(values.integers ? { integers: values.integers as 'number' | 'bigint' } : {}),
    ...(values.label ? { label: values.label } : {}),
    ...(values['protocol-version'] ? { protocolVersion: values['protocol-version'] } : {}),
    ...(values['no-client'] ? { client: false } : {}),
    ...(ext !== undefined ? { importExtension: ext } : {}),
    ...(values.package !== undefined ? { package: values.package } : {}),
    ...(values['package-version'] !== undefined ? { packageVersion: values['package-version'] } : {}),
  };
  if (values.config !== undefined && (values.schemas !== undefined || values.xsd !== undefined || values.out !== undefined || versions !== undefined || Object.keys(options).length > 0)) {
    io.err('--config takes no other options: the config file says what to generate');
    return 2;
  }
  if (values.xsd !== undefined) {
    if (values.schemas !== undefined) {
      io.err('--schemas (a Plesk schema set) and --xsd (entry files of any schema) exclude each other: give one');
      return 2;
    }
    const pleskOnly = [
      ...(values.versions !== undefined ? ['--versions'] : []),
      ...(values['protocol-version'] !== undefined ? ['--protocol-version'] : []),
      ...(values['no-client'] ? ['--no-client'] : []),
    ];
    if (pleskOnly.length > 0) {
      io.err(`${pleskOnly.join(', ')}: for Plesk schema sets (--schemas) only; an --xsd tree has no client or packet version`);
      return 2;
    }
  } else if (values.root !== undefined || values.catalog !== undefined) {
    io.err(`${values.root !== undefined ? '--root' : '--catalog'} needs --xsd (the general core); a Plesk schema set (--schemas) has its own roots`);
    return 2;
  }
  const roots = values.root?.flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '');
  if (values.root !== undefined && roots!.length === 0) {
    io.err('--root needs an element name ({namespace}local, prefix:local or local)');
    return 2;
  }
  return {
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.schemas !== undefined ? { schemas: values.schemas } : {}),
    ...(values.xsd !== undefined ? { xsd: values.xsd } : {}),
    ...(roots !== undefined ? { roots } : {}),
    ...(values.catalog !== undefined ? { catalog: values.catalog } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(versions !== undefined ? { versions } : {}),
    options,
    hasGenerateOptions: Object.keys(options).length > 0,
  };
}

function xsdParts(parsed: Parsed): { roots?: string[]; catalog?: string } {
  return { ...(parsed.roots !== undefined ? { roots: parsed.roots } : {}), ...(parsed.catalog !== undefined ? { catalog: parsed.catalog } : {}) };
}

/** Prints a `CodegenError` (or a system error) as messages and returns exit code 1; rethrows bugs. */
export function reportError(io: CommandIo, error: unknown, what: 'written' | 'checked' | null = 'written'): number {
  if (error instanceof CodegenError) {
    if (error.kind === 'schema') {
      for (const d of error.diagnostics) io.err(formatDiagnostic(d));
      const n = error.diagnostics.length;
      io.err(`${n} schema error${n === 1 ? '' : 's'}${what === null ? '' : `; nothing was ${what}`}.`);
    } else {
      for (const d of error.diagnostics) io.err(`plesk-codegen: ${formatDiagnostic(d)}`);
    }
    return 1;
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    // A file-system failure (permissions, disk full): the message names the path.
    io.err(`plesk-codegen: ${(error as Error).message}`);
    return 1;
  }
  io.err(`plesk-codegen: internal error, please report it: ${(error as Error)?.stack ?? String(error)}`);
  return 1;
}

/** The config file to use: --config, or the default one when neither --schemas nor --out is given and it exists. */
function configToUse(parsed: Parsed): string | undefined {
  if (parsed.config !== undefined) return parsed.config;
  if (parsed.schemas === undefined && parsed.xsd === undefined && parsed.out === undefined && existsSync(CONFIG_FILE)) return CONFIG_FILE;
  return undefined;
}

export async function generateCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parse(argv, GENERATE_HELP, io);
  if (typeof parsed === 'number') return parsed;
  const config = configToUse(parsed);
  if (config === undefined && ((parsed.schemas === undefined && parsed.xsd === undefined) || parsed.out === undefined)) {
    io.err(`--schemas (or --xsd) and --out are required (or a ${CONFIG_FILE} in the current folder, or --config FILE)\n\n${GENERATE_HELP}`);
    return 2;
  }
  const api = await import('../api.js');
  try {
    const result =
      config !== undefined
        ? await api.generateFromConfig(config)
        : parsed.xsd !== undefined
          ? await api.generate({ xsd: parsed.xsd, out: parsed.out!, ...xsdParts(parsed), options: parsed.options })
          : await api.generate({
            schemas: parsed.schemas!,
            out: parsed.out!,
            ...(parsed.versions ? { versions: parsed.versions } : {}),
            options: parsed.options,
          });
    for (const t of result.trees) {
      io.out(
        `Wrote ${t.fileCount} files to ${t.out}${t.version !== null ? ` (protocol ${t.version})` : ''} (load ${t.timings.loadMs.toFixed(0)} ms, bind ${t.timings.bindMs.toFixed(0)} ms, emit ${t.timings.emitMs.toFixed(0)} ms).`,
      );
      for (const note of t.notes) io.err(`note: ${t.out}: ${note}`);
      if (t.leftover !== undefined) io.err(`warning: the previous tree could not be removed completely (something was added to it while writing); it is in ${t.leftover}`);
    }
    // What to install for the trees to run (a package, --package, declares it itself).
    const advice = parsed.options.package || result.trees.length === 0 ? null : runtimeInstallAdvice(result.trees[0]!.out);
    if (advice !== null) io.err(advice);
    return 0;
  } catch (error) {
    return reportError(io, error);
  }
}

export async function checkCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parse(argv, CHECK_HELP, io);
  if (typeof parsed === 'number') return parsed;
  const config = configToUse(parsed);
  if (config === undefined && parsed.out === undefined) {
    io.err(`--out is required (or a ${CONFIG_FILE} in the current folder, or --config FILE)\n\n${CHECK_HELP}`);
    return 2;
  }
  if (parsed.schemas === undefined && parsed.xsd === undefined && parsed.hasGenerateOptions) {
    io.err('check: generate options need --schemas or --xsd; with --out alone, the options recorded in the manifest are used');
    return 2;
  }
  const api = await import('../api.js');
  try {
    const result =
      config !== undefined
        ? await api.checkFromConfig(config)
        : await api.check({
            out: parsed.out!,
            ...(parsed.schemas !== undefined ? { schemas: parsed.schemas, options: parsed.options } : {}),
            ...(parsed.xsd !== undefined ? { xsd: parsed.xsd, ...xsdParts(parsed), options: parsed.options } : {}),
            ...(parsed.versions ? { versions: parsed.versions } : {}),
          });
    for (const t of result.trees) {
      const versionNote =
        t.writtenBy !== undefined && t.writtenBy !== t.generatorVersion
          ? `${t.out} was written by plesk-codegen ${t.writtenBy}; this is ${t.generatorVersion}, so its output may differ`
          : undefined;
      if (t.upToDate) {
        io.out(`${t.out} is up to date (${t.fileCount} files).`);
        continue;
      }
      if (!t.exists) {
        io.err(`${t.out}: no such folder; run plesk-codegen generate to write it.`);
        continue;
      }
      const d = t.difference;
      if (versionNote !== undefined) io.err(`note: ${versionNote}.`);
      if (t.schemasChanged) io.err(`note: the schemas differ from those ${t.out} was generated from (their digest changed).`);
      for (const p of d.changed) io.err(`changed: ${p}`);
      for (const p of d.missing) io.err(`missing: ${p}`);
      for (const p of d.extra) io.err(`extra:   ${p}`);
      const total = d.changed.length + d.missing.length + d.extra.length;
      io.err(`${t.out} is stale: ${total} file${total === 1 ? '' : 's'} differ. Run plesk-codegen generate with the same options.`);
    }
    return result.upToDate ? 0 : 1;
  } catch (error) {
    return reportError(io, error, 'checked');
  }
}
