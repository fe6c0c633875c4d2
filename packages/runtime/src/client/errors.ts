/**
 * Typed errors of the Plesk client. Every error the client throws extends `PleskClientError`,
 * so `catch (e) { if (e instanceof PleskClientError) … }` catches all of them, and each kind
 * has its own class (and a stable `code` string) to branch on.
 *
 * None of these objects holds credentials: they are built from the response and from the
 * request's operator/operation names only, never from headers or client options, and any text
 * that came from the server or from a lower layer (`cause`) passes through the client's
 * redaction first (see `credentials.ts`).
 */

export type PleskClientErrorCode =
  | 'PLESK_SYSTEM_ERROR'
  | 'PLESK_OPERATION_ERROR'
  | 'PLESK_HTTP_ERROR'
  | 'PLESK_RESPONSE_ERROR'
  | 'PLESK_TIMEOUT'
  | 'PLESK_ABORTED'
  | 'PLESK_NETWORK_ERROR'
  | 'PLESK_TLS_ERROR';

/** Base class of every error thrown by the client. */
export abstract class PleskClientError extends Error {
  abstract readonly code: PleskClientErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // `name` is an own property so that it shows in JSON.stringify and util.inspect.
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true });
  }
}

/** The shape of a Plesk result (`resultType` of common.xsd) as far as the client needs it. */
export interface PleskResultLike {
  status: string;
  errcode?: number | bigint | string;
  errtext?: string;
}

function numericCode(code: number | bigint | string | undefined): number | undefined {
  if (code === undefined) return undefined;
  const n = Number(code);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The whole packet failed: Plesk answered with `<system><status>error</status>…</system>`
 * instead of operator sections (1001 = authentication failed, 1014 = request did not parse or
 * validate, …). `output` carries the optional debug `<output>` text that may follow.
 */
export class PleskSystemError extends PleskClientError {
  readonly code = 'PLESK_SYSTEM_ERROR' as const;
  /** Plesk's error code (`errcode`), when present. */
  readonly errcode: number | undefined;
  /** Plesk's error text (`errtext`), when present. */
  readonly errtext: string | undefined;
  /** Text of the packet-level `<output>` element, when present. */
  readonly output: string | undefined;
  /** The response packet's `version` attribute, when present. */
  readonly protocolVersion: string | undefined;

  constructor(init: { errcode?: number | bigint | string | undefined; errtext?: string | undefined; output?: string | undefined; protocolVersion?: string | undefined }) {
    const errcode = numericCode(init.errcode);
    super(`Plesk rejected the whole packet${errcode === undefined ? '' : ` (errcode ${errcode})`}: ${init.errtext ?? 'no error text'}`);
    this.errcode = errcode;
    this.errtext = init.errtext;
    this.output = init.output;
    this.protocolVersion = init.protocolVersion;
  }
}

/**
 * One operation answered with a result whose status is `error`. When the operation produced
 * several results (filters), `results` holds every one of them — the successful ones too — and
 * `result` is the first failing one.
 */
export class PleskOperationError<R extends PleskResultLike = PleskResultLike> extends PleskClientError {
  readonly code = 'PLESK_OPERATION_ERROR' as const;
  readonly errcode: number | undefined;
  readonly errtext: string | undefined;
  /** Operator property name (`server`, `backupManager`). */
  readonly operator: string;
  /** Operation property name (`srvMan`, `backupServer`). */
  readonly operation: string;
  /** Position of the operation in the request, counting every operation of every operator from 0. */
  readonly index: number;
  /** The first failing result. */
  readonly result: R;
  /** Every result of the operation, in document order (one element unless the operation can answer several). */
  readonly results: readonly R[];

  constructor(init: { operator: string; operation: string; index: number; result: R; results?: readonly R[] | undefined }) {
    const errcode = numericCode(init.result.errcode);
    const failing = (init.results ?? [init.result]).filter((r) => r.status === 'error').length;
    const total = (init.results ?? [init.result]).length;
    const several = total > 1 ? ` (${failing} of ${total} results failed)` : '';
    super(
      `Plesk operation ${init.operator}.${init.operation} failed${errcode === undefined ? '' : ` with errcode ${errcode}`}: ${init.result.errtext ?? 'no error text'}${several}`,
    );
    this.errcode = errcode;
    this.errtext = init.result.errtext;
    this.operator = init.operator;
    this.operation = init.operation;
    this.index = init.index;
    this.result = init.result;
    this.results = init.results ?? [init.result];
  }
}

/** The server answered with a non-2xx HTTP status. */
export class PleskHttpError extends PleskClientError {
  readonly code = 'PLESK_HTTP_ERROR' as const;
  readonly status: number;
  readonly statusText: string;
  /** `content-type` of the answer, when sent. */
  readonly contentType: string | undefined;
  /** The first characters of the body (bounded, credentials redacted). */
  readonly bodySnippet: string;

  constructor(init: { status: number; statusText: string; contentType?: string | undefined; bodySnippet: string }) {
    super(`Plesk answered HTTP ${init.status}${init.statusText ? ` ${init.statusText}` : ''}${init.bodySnippet ? `: ${oneLine(init.bodySnippet, 200)}` : ''}`);
    this.status = init.status;
    this.statusText = init.statusText;
    this.contentType = init.contentType;
    this.bodySnippet = init.bodySnippet;
  }
}

/**
 * The body was not a response packet: not XML (an HTML error page, a truncated body), or XML
 * that the strict parser refused. `cause` is the parser's error (`XmlSyntaxError`,
 * `SchemaViolationError`, …); `line`, `column` and `path` are copied from it when it has them.
 * Also thrown when a response does not answer the request it was paired with.
 */
export class PleskResponseError extends PleskClientError {
  readonly code = 'PLESK_RESPONSE_ERROR' as const;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** Location in the document (`/packet/server/srv_man[2]/result`), when the parser reported one. */
  readonly path: string | undefined;
  readonly contentType: string | undefined;
  /** The first characters of the body (bounded, credentials redacted). */
  readonly bodySnippet: string;

  constructor(
    message: string,
    init: { cause?: unknown; line?: number | undefined; column?: number | undefined; path?: string | undefined; contentType?: string | undefined; bodySnippet?: string | undefined },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.line = init.line;
    this.column = init.column;
    this.path = init.path;
    this.contentType = init.contentType;
    this.bodySnippet = init.bodySnippet ?? '';
  }
}

/** The request did not complete within `timeoutMs` (connecting, sending, waiting or reading the body). */
export class PleskTimeoutError extends PleskClientError {
  readonly code = 'PLESK_TIMEOUT' as const;
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`Plesk request timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller aborted the request through its `AbortSignal`. `name` is `AbortError`-like in
 * spirit but the class is its own; `reason` (and `cause`) is the signal's reason, passed on
 * unchanged: it is the caller's own value, not text from the server or a lower layer.
 */
export class PleskAbortError extends PleskClientError {
  readonly code = 'PLESK_ABORTED' as const;
  readonly reason: unknown;

  constructor(reason?: unknown) {
    super('Plesk request aborted by the caller', reason === undefined ? undefined : { cause: reason });
    this.reason = reason;
  }
}

/**
 * The request could not be carried: connection refused or reset, DNS failure, the body cut
 * off mid-way. `cause` is a sanitized copy of the lower layer's error chain (name, message,
 * code, errno, syscall, address, port); `errorCode` is the innermost system/TLS code
 * (`ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET`, …).
 */
export class PleskNetworkError extends PleskClientError {
  readonly code: 'PLESK_NETWORK_ERROR' | 'PLESK_TLS_ERROR' = 'PLESK_NETWORK_ERROR';
  readonly errorCode: string | undefined;

  constructor(message: string, init: { cause?: unknown | undefined; errorCode?: string | undefined }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.errorCode = init.errorCode;
  }
}

/**
 * TLS failed: most often Plesk's self-signed certificate. Configure `ca` with the server's
 * certificate (preferred), or opt out with `insecureSkipTlsVerification: true`.
 */
export class PleskTlsError extends PleskNetworkError {
  override readonly code = 'PLESK_TLS_ERROR' as const;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
