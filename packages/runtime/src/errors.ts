/**
 * Errors thrown by the runtime. Every error is a `PleskXmlError`; none carries a partial result.
 *
 * `PleskError` is the root of every error this runtime and its client throw (the client's
 * `PleskClientError` extends it too), so one `instanceof PleskError` catches an invalid request
 * value as well as a failed request. Each class sets `name` as a string literal: a minifier
 * renames classes, and `new.target.name` would then read `Qi`.
 */

/** Base class of every error the runtime and the client throw. */
export class PleskError extends Error {
  override name: string = 'PleskError';
}

/** Base class of the errors of reading and writing XML (serializers and parsers). */
export class PleskXmlError extends PleskError {
  override name: string = 'PleskXmlError';
}

/**
 * The input is not well-formed XML, or was refused before schema checks: a DOCTYPE, a size over
 * the limit, bytes that are not UTF-8. `line` and `column` are 1-based (0 when unknown).
 */
export class XmlSyntaxError extends PleskXmlError {
  override name: string = 'XmlSyntaxError';
  declare readonly line: number;
  declare readonly column: number;
  /** The message without the position prefix. */
  declare readonly reason: string;

  constructor(reason: string, line = 0, column = 0) {
    super(line > 0 ? `${line}:${column}: ${reason}` : reason);
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}

/** One schema problem: where (property path, and for parsed documents line:column) and what. */
export interface Violation {
  /** Property path such as `packet.operators[0].server[1].srvMan.operation`. */
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

function describe(v: Violation): string {
  const at = v.line !== undefined ? ` (line ${v.line}, column ${v.column ?? 0})` : '';
  return `${v.path}: ${v.message}${at}`;
}

/** The value or document does not follow the schema. Lists every violation found, not just the first. */
export class SchemaViolationError extends PleskXmlError {
  override name: string = 'SchemaViolationError';
  declare readonly violations: readonly Violation[];

  constructor(violations: readonly Violation[]) {
    const n = violations.length;
    const head = `${n} schema violation${n === 1 ? '' : 's'}`;
    super(`${head}:\n${violations.map((v) => `  - ${describe(v)}`).join('\n')}`);
    this.violations = violations;
  }
}

/** Formats a violation for messages and logs. */
export function formatViolation(v: Violation): string {
  return describe(v);
}
