/**
 * The errors of the programmatic API (`generate`, `check`, `inspect`) and of the CLI built on it.
 *
 * Every failure the user can fix is one of these, with diagnostics that say where: a schema
 * problem names the file and line, a path problem names the path and what is wrong with it, a
 * config problem names the config file and the JSON path of the value. The CLI prints the
 * diagnostics one per line and exits 1; anything else is a bug and may show a stack trace.
 */

/** One problem, located as precisely as its kind allows. */
export interface Diagnostic {
  /** The file or folder concerned, as the user would open it (schema files inside a zip: `schemas.zip!/1.6.9.1/agent_input.xsd`). */
  readonly file: string;
  /** 1-based line in `file`, when the problem is in a file's text. */
  readonly line?: number;
  /** JSON path of the value in a config or manifest file (`$.targets[1].out`). */
  readonly jsonPath?: string;
  readonly message: string;
}

/** `file:line: message`, `file: $.path: message` or `file: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}` : d.file;
  return d.jsonPath !== undefined ? `${where}: ${d.jsonPath}: ${d.message}` : `${where}: ${d.message}`;
}

export type CodegenErrorKind = 'schema' | 'source' | 'output' | 'config';

/** Base class of every error the API throws for a problem in its input. */
export class CodegenError extends Error {
  constructor(
    readonly kind: CodegenErrorKind,
    readonly diagnostics: readonly Diagnostic[],
    summary: string,
  ) {
    super(`${summary}\n${diagnostics.map(formatDiagnostic).join('\n')}`);
    this.name = 'CodegenError';
  }
}

/** The schema set has errors (malformed XML, undefined or duplicate names, bad facets, …); every one is listed with file:line. */
export class SchemaSetError extends CodegenError {
  constructor(diagnostics: readonly Diagnostic[]) {
    super('schema', diagnostics, `${diagnostics.length} schema error${diagnostics.length === 1 ? '' : 's'}`);
    this.name = 'SchemaSetError';
  }
}

/** `--schemas` names nothing usable: a missing path, a file that is not a zip, a folder without the root files, an unknown version. */
export class SchemaSourceError extends CodegenError {
  constructor(diagnostics: readonly Diagnostic[]) {
    super('source', diagnostics, 'unusable schema source');
    this.name = 'SchemaSourceError';
  }
}

/** `--out` is refused (it holds something plesk-codegen did not write) or, for `check`, missing or not a tree. */
export class OutputError extends CodegenError {
  constructor(diagnostics: readonly Diagnostic[]) {
    super('output', diagnostics, 'unusable output folder');
    this.name = 'OutputError';
  }
}

/** The configuration file cannot be read or does not fit its schema. */
export class ConfigError extends CodegenError {
  constructor(diagnostics: readonly Diagnostic[]) {
    super('config', diagnostics, 'invalid configuration');
    this.name = 'ConfigError';
  }
}
