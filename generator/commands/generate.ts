import { parseArgs } from 'node:util';
import type { CommandIo } from '../cli.js';
import { generate, type GenerateOptions } from '../generate.js';
import { SchemaError } from '../model/types.js';
import { diffTree, writeTree } from '../emit/write.js';
import { runtimeInstallAdvice } from '../emit/runtime-package.js';
import { packageOptionProblem } from '../emit/package.js';

const OPTIONS_HELP = `Options:
  --schemas DIR            Folder with agent_input.xsd and agent_output.xsd (required)
  --out DIR                Folder of the generated tree (required); replaced as a whole on success
  --naming camel|xml       Property names: camelCase (default) or the exact XML names as quoted keys
  --integers number|bigint Integers as number (default; values beyond 2^53 are refused when read)
                           or 64-bit and unbounded integers as bigint
  --label TEXT             Name of the schema set in file headers (default: the schema folder's name)
  --protocol-version V     <packet version> the client sends by default (default: the label when it
                           looks like a version, otherwise none)
  --no-client              Do not generate the typed client
  --import-extension js|ts Extension of relative imports: js (default) or ts, for Node's type
                           stripping (node --experimental-strip-types, Node 23.6+), Deno and Bun
  --package NAME           Write the tree as an npm package NAME: package.json with exports,
                           compiled ESM JavaScript and .d.ts (no TypeScript step for consumers)
  --package-version V      Version in that package.json (default 0.0.0)
  -h, --help               Show this help`;

export const GENERATE_HELP = `Usage: plesk-codegen generate --schemas DIR --out DIR [options]

Generates TypeScript bindings: types, descriptors, serializers and parsers for both packet
directions, and a typed client. Writes nothing when the schemas have errors.

${OPTIONS_HELP}`;

export const CHECK_HELP = `Usage: plesk-codegen check --schemas DIR --out DIR [options]

Generates the bindings in memory and compares them with the tree in --out. Exits 1 and lists
the files that differ when the tree is stale (use the same options as for generate).

${OPTIONS_HELP}`;

interface Parsed {
  schemas: string;
  out: string;
  options: GenerateOptions;
}

function parse(argv: string[], help: string, io: CommandIo): Parsed | number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        schemas: { type: 'string' },
        out: { type: 'string' },
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
  if (!values.schemas || !values.out) {
    io.err(`--schemas and --out are required\n\n${help}`);
    return 2;
  }
  if (values.naming !== undefined && values.naming !== 'camel' && values.naming !== 'xml') {
    io.err(`--naming must be camel or xml, not "${values.naming}"`);
    return 2;
  }
  if (values.integers !== undefined && values.integers !== 'number' && values.integers !== 'bigint') {
    io.err(`--integers must be number or bigint, not "${values.integers}"`);
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
  return {
    schemas: values.schemas,
    out: values.out,
    options: {
      ...(values.naming ? { naming: values.naming as 'camel' | 'xml' } : {}),
      ...(values.integers ? { integers: values.integers as 'number' | 'bigint' } : {}),
      ...(values.label ? { label: values.label } : {}),
      ...(values['protocol-version'] ? { protocolVersion: values['protocol-version'] } : {}),
      ...(values['no-client'] ? { client: false } : {}),
      ...(ext !== undefined ? { importExtension: ext } : {}),
      ...(values.package !== undefined ? { package: { name: values.package, ...(values['package-version'] !== undefined ? { version: values['package-version'] } : {}) } } : {}),
    },
  };
}

function run<T>(io: CommandIo, body: () => T): T | number {
  try {
    return body();
  } catch (error) {
    if (error instanceof SchemaError) {
      for (const d of error.diagnostics) io.err(`${d.file}:${d.line}: ${d.message}`);
      io.err(`${error.diagnostics.length} schema error${error.diagnostics.length === 1 ? '' : 's'}; nothing was written.`);
      return 1;
    }
    io.err(`plesk-codegen: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

export async function generateCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parse(argv, GENERATE_HELP, io);
  if (typeof parsed === 'number') return parsed;
  const result = run(io, () => {
    const { files, timings } = generate(parsed.schemas, parsed.options);
    writeTree(parsed.out, files);
    io.out(
      `Wrote ${files.size} files to ${parsed.out} (load ${timings.loadMs.toFixed(0)} ms, bind ${timings.bindMs.toFixed(0)} ms, emit ${timings.emitMs.toFixed(0)} ms).`,
    );
    // A package (--package) declares the runtime itself, as a peer dependency.
    const advice = parsed.options.package ? null : runtimeInstallAdvice(parsed.out);
    if (advice !== null) io.err(advice);
    return 0;
  });
  return result;
}

export async function checkCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parse(argv, CHECK_HELP, io);
  if (typeof parsed === 'number') return parsed;
  return run(io, () => {
    const { files } = generate(parsed.schemas, parsed.options);
    const diff = diffTree(parsed.out, files);
    const total = diff.missing.length + diff.extra.length + diff.changed.length;
    if (total === 0) {
      io.out(`${parsed.out} is up to date (${files.size} files).`);
      return 0;
    }
    for (const p of diff.changed) io.err(`changed: ${p}`);
    for (const p of diff.missing) io.err(`missing: ${p}`);
    for (const p of diff.extra) io.err(`extra:   ${p}`);
    io.err(`${parsed.out} is stale: ${total} file${total === 1 ? '' : 's'} differ. Run plesk-codegen generate with the same options.`);
    return 1;
  });
}
