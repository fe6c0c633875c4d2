/**
 * The configuration file, `plesk-codegen.config.json`: the schema sets (or versions of one
 * source) a project generates, each with its output folder and options, so several API versions
 * live side by side and `plesk-codegen generate` / `check` need no arguments.
 *
 * ```json
 * {
 *   "$schema": "./node_modules/plesk-api-codegen/plesk-codegen.config.schema.json",
 *   "options": { "integers": "bigint" },
 *   "targets": [
 *     { "schemas": "vendor/schemas.zip", "versions": ["1.6.9.1", "1.6.8.0"], "out": "src/plesk" },
 *     { "schemas": "schemas/custom", "out": "src/plesk-custom", "options": { "client": false } }
 *   ]
 * }
 * ```
 *
 * A target names either Plesk `schemas` or, for the general core, `xsd` entry files (with
 * `roots` and a `catalog`, as `--xsd`/`--root`/`--catalog` do):
 * `{ "xsd": ["schemas/maindoc/UBL-Invoice-2.1.xsd"], "roots": ["Invoice"], "out": "src/ubl" }`.
 *
 * Paths are relative to the config file's folder. Top-level `options` apply to every target;
 * a target's own `options` override them. The option table below is the one source of truth: the
 * validator here and the JSON Schema shipped for editors (`configJsonSchema`, written to
 * plesk-codegen.config.schema.json and compared by a test) are both made from it. Every problem is
 * a `ConfigError` naming the file and the JSON path (`$.targets[1].options.naming`).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, type Diagnostic } from './errors.js';
import type { GenerateOptions } from './generate.js';
import { packageOptionProblem } from './emit/package.js';

export const CONFIG_FILE = 'plesk-codegen.config.json';
export const CONFIG_SCHEMA_FILE = 'plesk-codegen.config.schema.json';

type OptionSpec =
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly description: string }
  | { readonly type: 'string'; readonly nullable?: boolean; readonly description: string }
  | { readonly type: 'boolean'; readonly description: string };

/** The generate options a config file may set (the CLI flags, in camelCase). */
export const OPTION_SPECS: Readonly<Record<keyof GenerateOptions & string, OptionSpec>> = {
  naming: { type: 'enum', values: ['camel', 'xml'], description: 'Property names: camelCase (default) or the exact XML names as quoted keys.' },
  integers: {
    type: 'enum',
    values: ['number', 'bigint'],
    description: 'Integers as number (default; values beyond 2^53 are refused when read) or 64-bit and unbounded integers as bigint.',
  },
  label: { type: 'string', description: "Name of the schema set in file headers (default: the version, or the schema folder's name)." },
  protocolVersion: {
    type: 'string',
    nullable: true,
    description: "<packet version> the client sends by default (default: the version folder's name, or the label when it looks like a version); null for none.",
  },
  client: { type: 'boolean', description: 'Generate the typed client (default true).' },
  importExtension: { type: 'enum', values: ['js', 'ts'], description: "Extension of relative imports: js (default) or ts, for Node's type stripping." },
  package: { type: 'string', description: 'Write the tree as an npm package of this name: package.json with exports, compiled JavaScript and .d.ts.' },
  packageVersion: { type: 'string', description: 'Version in that package.json (default 0.0.0).' },
};

/** Options of the Plesk profile only (its client and `<packet version>`); an `xsd` target has neither. */
export const PLESK_ONLY_OPTIONS = ['protocolVersion', 'client'] as const;

export interface ConfigTarget {
  /** The Plesk schema source, resolved against the config file's folder (absent for an `xsd` target). */
  readonly schemas?: string;
  /** General core: the entry XSD files, resolved (absent for a `schemas` target). */
  readonly xsd?: readonly string[];
  /** General core: the root elements (`{namespace}local`, `prefix:local`, `local`, `{namespace}*`). */
  readonly roots?: readonly string[];
  /** General core: the catalog file, resolved. */
  readonly catalog?: string;
  /** The output folder, resolved against the config file's folder. */
  readonly out: string;
  readonly versions?: readonly string[];
  /** Top-level options merged with the target's own. */
  readonly options: GenerateOptions;
  /** `$.targets[i]`, for messages. */
  readonly jsonPath: string;
}

export interface Config {
  /** The config file, resolved. */
  readonly file: string;
  readonly targets: ConfigTarget[];
}

/** Reads and validates a config file; throws one `ConfigError` listing every problem. */
export function loadConfig(file: string): Config {
  const abs = resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([{ file, message: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a config file' : (error as Error).message }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ file, ...jsonErrorLine(text, error as Error), message: `not valid JSON: ${(error as Error).message}` }]);
  }
  const problems: Diagnostic[] = [];
  const problem = (jsonPath: string, message: string) => problems.push({ file, jsonPath, message });
  const base = dirname(abs);

  if (!isObject(data)) {
    problem('$', 'must be an object with "targets"');
    throw new ConfigError(problems);
  }
  unknownKeys(data, ['$schema', 'options', 'targets'], '$', problem);
  const shared = readOptions(data.options, '$.options', problem);
  const targets: ConfigTarget[] = [];
  if (!Array.isArray(data.targets) || data.targets.length === 0) {
    problem('$.targets', 'must be a non-empty array of { "schemas", "out", "versions"?, "options"? }');
  } else {
    data.targets.forEach((t: unknown, i: number) => {
      const at = `$.targets[${i}]`;
      if (!isObject(t)) return void problem(at, 'must be an object with "schemas" (or "xsd") and "out"');
      unknownKeys(t, ['schemas', 'xsd', 'roots', 'catalog', 'out', 'versions', 'options'], at, problem);
      const isXsd = t.xsd !== undefined;
      if (isXsd && t.schemas !== undefined) problem(`${at}.xsd`, 'a target has either "schemas" (a Plesk schema set) or "xsd" (entry XSD files of any schema), not both');
      for (const key of isXsd ? (['out'] as const) : (['schemas', 'out'] as const)) {
        if (typeof t[key] !== 'string' || t[key] === '') problem(`${at}.${key}`, t[key] === undefined ? 'is required (a path relative to the config file)' : 'must be a non-empty string');
      }
      const stringList = (key: 'xsd' | 'roots', what: string): string[] | undefined => {
        const v = t[key];
        if (v === undefined) return undefined;
        if (!Array.isArray(v) || v.length === 0) return void problem(`${at}.${key}`, `must be a non-empty array of ${what}`);
        v.forEach((x: unknown, j: number) => {
          if (typeof x !== 'string' || x === '') problem(`${at}.${key}[${j}]`, 'must be a non-empty string');
        });
        return v.every((x) => typeof x === 'string' && x !== '') ? (v as string[]) : undefined;
      };
      const xsd = stringList('xsd', 'XSD file paths');
      const roots = stringList('roots', 'root element names');
      if (!isXsd) {
        if (t.roots !== undefined) problem(`${at}.roots`, 'applies to "xsd" targets only');
        if (t.catalog !== undefined) problem(`${at}.catalog`, 'applies to "xsd" targets only');
      } else {
        if (t.versions !== undefined) problem(`${at}.versions`, 'applies to "schemas" targets only (version folders of a Plesk schema set)');
        if (t.catalog !== undefined && (typeof t.catalog !== 'string' || t.catalog === '')) problem(`${at}.catalog`, 'must be a non-empty string (a path relative to the config file)');
      }
      let versions: string[] | undefined;
      if (t.versions !== undefined) {
        if (!Array.isArray(t.versions) || t.versions.length === 0) problem(`${at}.versions`, 'must be a non-empty array of version folder names');
        else {
          t.versions.forEach((v: unknown, j: number) => {
            if (typeof v !== 'string' || v === '') problem(`${at}.versions[${j}]`, 'must be a version folder name such as "1.6.9.1"');
          });
          versions = t.versions as string[];
        }
      }
      const own = readOptions(t.options, `${at}.options`, problem);
      const merged: GenerateOptions = { ...shared, ...own };
      if (isXsd) {
        for (const key of PLESK_ONLY_OPTIONS) if (own[key] !== undefined) problem(`${at}.options.${key}`, 'applies to Plesk schema sets only, not to "xsd" targets');
        for (const key of PLESK_ONLY_OPTIONS) delete merged[key];
      }
      const packageProblem = packageOptionProblem(merged.package, merged.packageVersion, merged.importExtension);
      if (packageProblem !== null) problem(`${at}.options`, packageProblem.replace(/--package-version/g, 'packageVersion').replace(/--package/g, 'package').replace(/--import-extension/g, 'importExtension'));
      if (isXsd && xsd !== undefined && typeof t.out === 'string' && t.out !== '') {
        targets.push({
          xsd: xsd.map((f) => resolve(base, f)),
          ...(roots ? { roots } : {}),
          ...(typeof t.catalog === 'string' && t.catalog !== '' ? { catalog: resolve(base, t.catalog) } : {}),
          out: resolve(base, t.out),
          options: merged,
          jsonPath: at,
        });
      } else if (typeof t.schemas === 'string' && typeof t.out === 'string' && t.schemas !== '' && t.out !== '') {
        targets.push({
          schemas: resolve(base, t.schemas),
          out: resolve(base, t.out),
          ...(versions ? { versions } : {}),
          options: merged,
          jsonPath: at,
        });
      }
    });
  }
  const seen = new Map<string, string>();
  for (const t of targets) {
    const other = seen.get(t.out);
    if (other !== undefined) problem(`${t.jsonPath}.out`, `is the same folder as ${other}.out; each target needs its own output folder`);
    seen.set(t.out, t.jsonPath);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { file: abs, targets };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(data: Record<string, unknown>, allowed: readonly string[], at: string, problem: (p: string, m: string) => void): void {
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) problem(`${at}.${key}`, `unknown property (allowed: ${allowed.join(', ')})`);
  }
}

function readOptions(value: unknown, at: string, problem: (p: string, m: string) => void): GenerateOptions {
  if (value === undefined) return {};
  if (!isObject(value)) {
    problem(at, 'must be an object of generate options');
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const spec = (OPTION_SPECS as Record<string, OptionSpec>)[key];
    if (spec === undefined) {
      problem(`${at}.${key}`, `unknown option (known: ${Object.keys(OPTION_SPECS).join(', ')})`);
      continue;
    }
    const ok =
      spec.type === 'enum'
        ? typeof v === 'string' && spec.values.includes(v)
        : spec.type === 'string'
          ? typeof v === 'string' || (spec.nullable === true && v === null)
          : typeof v === 'boolean';
    if (!ok) {
      const want = spec.type === 'enum' ? `one of ${spec.values.map((x) => JSON.stringify(x)).join(', ')}` : spec.type === 'string' ? `a string${spec.nullable ? ' or null' : ''}` : 'true or false';
      problem(`${at}.${key}`, `must be ${want}, not ${JSON.stringify(v)}`);
      continue;
    }
    out[key] = v;
  }
  return out as GenerateOptions;
}

/** The line of a JSON.parse error, from the position or line Node's message gives. */
function jsonErrorLine(text: string, error: Error): { line?: number } {
  const line = /line (\d+)/.exec(error.message);
  if (line) return { line: Number(line[1]) };
  const position = /position (\d+)/.exec(error.message);
  if (position) return { line: text.slice(0, Number(position[1])).split('\n').length };
  return {};
}

/** The JSON Schema of the config file (draft 2020-12), for editors' completion and checking. */
export function configJsonSchema(): object {
  const options = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(OPTION_SPECS).map(([key, spec]) => [
        key,
        spec.type === 'enum'
          ? { description: spec.description, enum: spec.values }
          : spec.type === 'string'
            ? { description: spec.description, type: spec.nullable ? ['string', 'null'] : 'string' }
            : { description: spec.description, type: 'boolean' },
      ]),
    ),
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'plesk-codegen configuration',
    description: 'The schema sets a project generates bindings for (Plesk XML API sets, or any XSD through "xsd"), each with its output folder and options. Paths are relative to this file.',
    type: 'object',
    additionalProperties: false,
    required: ['targets'],
    properties: {
      $schema: { type: 'string', description: 'This schema, for editors: ./node_modules/plesk-api-codegen/plesk-codegen.config.schema.json' },
      options: { ...options, description: 'Options for every target; a target\'s own options override them.' },
      targets: {
        type: 'array',
        minItems: 1,
        description: 'What to generate: each target is a schema source and an output folder.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['out'],
          oneOf: [
            { required: ['schemas'], not: { anyOf: [{ required: ['xsd'] }, { required: ['roots'] }, { required: ['catalog'] }] } },
            { required: ['xsd'], not: { required: ['versions'] } },
          ],
          properties: {
            xsd: {
              type: 'array',
              minItems: 1,
              items: { type: 'string', minLength: 1 },
              description: 'General core (any XML Schema, not a Plesk set): the entry XSD files. The tree holds the types and a codec (parse/serialize) per root element.',
            },
            roots: {
              type: 'array',
              minItems: 1,
              items: { type: 'string', minLength: 1 },
              description: 'With "xsd": the root elements, as {namespace}local, prefix:local, local or {namespace}* (default: the global elements of the entry files).',
            },
            catalog: {
              type: 'string',
              minLength: 1,
              description: 'With "xsd": a catalog (catalog.tsv, or an OASIS XML catalog) mapping URL schemaLocations and namespaces to local files; nothing is fetched.',
            },
            schemas: {
              type: 'string',
              minLength: 1,
              description: "A folder with agent_input.xsd and agent_output.xsd, a folder of version folders (as under a Plesk server's admin/htdocs/schemas/rpc), or Plesk's schemas.zip.",
            },
            out: {
              type: 'string',
              minLength: 1,
              description: 'The generated tree; for version folders and zip archives, the folder holding one tree per version. Missing, empty, or a tree plesk-codegen wrote.',
            },
            versions: {
              type: 'array',
              minItems: 1,
              items: { type: 'string', minLength: 1 },
              description: 'Only these versions of a folder of versions or a zip (default: all).',
            },
            options: { ...options, description: 'Generate options of this target.' },
          },
        },
      },
    },
  };
}
