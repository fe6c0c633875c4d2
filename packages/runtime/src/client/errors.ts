/**
 * Typed errors of the Plesk client. Everything a call rejects with is a `PleskError` (from
 * `../errors.ts`): an invalid request value is a `SchemaViolationError`, everything else extends
 * `PleskClientError`. Each kind has its own class and a `code` string unique to the class, so
 * `switch (e.code)` needs no care about order, while `instanceof` chains must test subclasses
 * first (`PleskTlsError` before `PleskNetworkError`, `PleskTruncatedResponseError` before
 * `PleskResponseError`).
 *
 * Each class sets `name` as a string literal (not `new.target.name`): minifiers rename classes.
 *
 * None of these objects holds credentials: they are built from the response and from the
 * request's operator/operation names only, never from headers or client options, and any text
 * that came from the server or from a lower layer (`cause`) passes through the client's
 * redaction first (see `credentials.ts`).
 */
import { PleskError } from '../errors.js';

export type PleskClientErrorCode =
  | 'PLESK_SYSTEM_ERROR'
  | 'PLESK_OPERATION_ERROR'
  | 'PLESK_HTTP_ERROR'
  | 'PLESK_RESPONSE_ERROR'
  | 'PLESK_TRUNCATED_RESPONSE'
  | 'PLESK_TIMEOUT'
  | 'PLESK_ABORTED'
  | 'PLESK_NETWORK_ERROR'
  | 'PLESK_TLS_ERROR';

/** Base class of every error the client itself throws (request-side schema errors are `SchemaViolationError`, also a `PleskError`). */
export abstract class PleskClientError extends PleskError {
  override name: string = 'PleskClientError';
  abstract readonly code: PleskClientErrorCode;
}

/** The shape of a Plesk result (`resultType` of common.xsd) as far as the client needs it. */
export interface PleskResultLike {
  status: string;
  errcode?: number | bigint | string;
  errtext?: string;
}

const NO_TEXT = 'no error text';

/** The error code as a number (undefined, or a text that is no number, gives undefined). */
function numericCode(code: number | bigint | string | undefined): number | undefined {
  const n = Number(code);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The whole packet failed: Plesk answered with `<system><status>error</status>…</system>`
 * instead of operator sections (1001 = authentication failed, 1014 = request did not parse or
 * validate, …). `output` carries the optional debug `<output>` text that may follow.
 */
export class PleskSystemError extends PleskClientError {
  override name: string = 'PleskSystemError';
  readonly code = 'PLESK_SYSTEM_ERROR' as const;
  /** Plesk's error code (`errcode`), when present. */
  declare readonly errcode: number | undefined;
  /** Plesk's error text (`errtext`), when present. */
  declare readonly errtext: string | undefined;
  /** Text of the packet-level `<output>` element, when present. */
  declare readonly output: string | undefined;
  /** The response packet's `version` attribute, when present. */
  declare readonly protocolVersion: string | undefined;

  constructor(init: { errcode?: number | bigint | string | undefined; errtext?: string | undefined; output?: string | undefined; protocolVersion?: string | undefined }) {
    const errcode = numericCode(init.errcode);
    super(`Plesk rejected the whole packet${errcode === undefined ? '' : ` (errcode ${errcode})`}: ${init.errtext ?? NO_TEXT}`);
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
  override name: string = 'PleskOperationError';
  readonly code = 'PLESK_OPERATION_ERROR' as const;
  declare readonly errcode: number | undefined;
  declare readonly errtext: string | undefined;
  /** Operator property name (`server`, `backupManager`). */
  declare readonly operator: string;
  /** Operation property name (`srvMan`, `backupServer`). */
  declare readonly operation: string;
  /** Position of the operation in the request, counting every operation of every operator from 0. */
  declare readonly index: number;
  /** The first failing result. */
  declare readonly result: R;
  /** Every result of the operation, in document order (one element unless the operation can answer several). */
  declare readonly results: readonly R[];

  constructor(init: { operator: string; operation: string; index: number; result: R; results?: readonly R[] | undefined }) {
    const errcode = numericCode(init.result.errcode);
    const results = init.results ?? [init.result];
    const several = results.length > 1 ? ` (${results.filter((r) => r.status === 'error').length} of ${results.length} results failed)` : '';
    super(
      `Plesk operation ${init.operator}.${init.operation} failed${errcode === undefined ? '' : ` with errcode ${errcode}`}: ${init.result.errtext ?? NO_TEXT}${several}`,
    );
    this.errcode = errcode;
    this.errtext = init.result.errtext;
    this.operator = init.operator;
    this.operation = init.operation;
    this.index = init.index;
    this.result = init.result;
    this.results = results;
  }
}

/**
 * The server answered with a status outside 2xx. Redirects (3xx) are not followed — the
 * credentials must not travel to another host — so a 3xx lands here too, with its `location`.
 * The message says where (the endpoint URL) and what: the status, and the redirect target or the
 * start of the body (often a proxy's or web server's HTML error page).
 */
export class PleskHttpError extends PleskClientError {
  override name: string = 'PleskHttpError';
  readonly code = 'PLESK_HTTP_ERROR' as const;
  declare readonly status: number;
  declare readonly statusText: string;
  /** `content-type` of the answer, when sent. */
  declare readonly contentType: string | undefined;
  /** The first characters of the body (bounded, credentials redacted). */
  declare readonly bodySnippet: string;
  /** The `Location` header of a redirect (credentials redacted), when sent. */
  declare readonly location: string | undefined;

  constructor(init: { status: number; statusText: string; contentType?: string | undefined; bodySnippet: string; url?: string | undefined; location?: string | undefined }) {
    super(
      `Plesk answered HTTP ${init.status}${init.statusText ? ` ${init.statusText}` : ''}${init.url ? ` from ${init.url}` : ''}${
        init.location ? `: redirect to ${init.location} not followed` : init.bodySnippet ? `: ${oneLine(init.bodySnippet, 200)}` : ''
      }`,
    );
    this.status = init.status;
    this.statusText = init.statusText;
    this.contentType = init.contentType;
    this.bodySnippet = init.bodySnippet;
    this.location = init.location;
  }
}

/**
 * A response arrived (so the server did receive the request) but is not a usable response
 * packet: not XML (an HTML error page), not UTF-8, compressed, XML cut short, XML that the strict parser refused, a
 * body over `maxResponseBytes`, or a packet that does not answer the request it was paired with.
 * `cause` is the parser's error (`XmlSyntaxError`, `SchemaViolationError`, …) when there is
 * one; `line`, `column` and `path` are copied from it. A body that broke off because the
 * connection closed is the subclass `PleskTruncatedResponseError`.
 */
export class PleskResponseError extends PleskClientError {
  override name: string = 'PleskResponseError';
  readonly code: 'PLESK_RESPONSE_ERROR' | 'PLESK_TRUNCATED_RESPONSE' = 'PLESK_RESPONSE_ERROR';
  declare readonly line: number | undefined;
  declare readonly column: number | undefined;
  /** Location in the document (`/packet/server/srv_man[2]/result`), when the parser reported one. */
  declare readonly path: string | undefined;
  declare readonly contentType: string | undefined;
  /** The first characters of the body (bounded, credentials redacted). */
  declare readonly bodySnippet: string;

  constructor(
    message: string,
    init: { cause?: unknown; line?: number | undefined; column?: number | undefined; path?: string | undefined; contentType?: string | undefined; bodySnippet?: string | undefined },
  ) {
    super(message, causeOption(init.cause));
    this.line = init.line;
    this.column = init.column;
    this.path = init.path;
    this.contentType = init.contentType;
    this.bodySnippet = init.bodySnippet ?? '';
  }
}

/**
 * The server started answering (status and headers arrived) but the connection closed before
 * the body was complete: fewer bytes than its `Content-Length`, or a chunked body without its
 * last chunk. Unlike a `PleskNetworkError` (no response at all), the server did get the request
 * and may well have carried it out: check before repeating a request that changes something.
 */
export class PleskTruncatedResponseError extends PleskResponseError {
  override name: string = 'PleskTruncatedResponseError';
  override readonly code = 'PLESK_TRUNCATED_RESPONSE' as const;
  /** HTTP status of the cut-off answer. */
  declare readonly status: number;
  /** Body bytes received before the connection closed. */
  declare readonly receivedBytes: number;
  /** `Content-Length` the server announced; undefined for a chunked body. */
  declare readonly expectedBytes: number | undefined;

  constructor(init: { status: number; receivedBytes: number; expectedBytes?: number | undefined; contentType?: string | undefined; bodySnippet?: string | undefined; cause?: unknown }) {
    super(
      `Plesk response broke off: the connection closed after ${init.receivedBytes} ${init.expectedBytes === undefined ? 'body bytes (chunked body without its end)' : `of ${init.expectedBytes} announced body bytes`}; the server received the request`,
      init,
    );
    this.status = init.status;
    this.receivedBytes = init.receivedBytes;
    this.expectedBytes = init.expectedBytes;
  }
}

/** The request did not complete within `timeoutMs` (connecting, sending, waiting or reading the body). */
export class PleskTimeoutError extends PleskClientError {
  override name: string = 'PleskTimeoutError';
  readonly code = 'PLESK_TIMEOUT' as const;
  declare readonly timeoutMs: number;

  constructor(timeoutMs: number, url?: string) {
    super(`Plesk request${url ? ` to ${url}` : ''} timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller aborted the request through its `AbortSignal`. `name` is `AbortError`-like in
 * spirit but the class is its own; `reason` (and `cause`) is the signal's reason, passed on
 * unchanged: it is the caller's own value, not text from the server or a lower layer.
 */
export class PleskAbortError extends PleskClientError {
  override name: string = 'PleskAbortError';
  readonly code = 'PLESK_ABORTED' as const;
  declare readonly reason: unknown;

  constructor(reason?: unknown) {
    super('Plesk request aborted by the caller', causeOption(reason));
    this.reason = reason;
  }
}

/**
 * No response arrived: connection refused, DNS failure, the connection reset or closed before
 * the status line. The request may or may not have reached the server. `cause` is a sanitized
 * copy of the lower layer's error chain (name, message, code, errno, syscall, address, port);
 * `errorCode` is the innermost system/TLS code (`ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`, …).
 * A body that breaks off after the headers is `PleskTruncatedResponseError` instead.
 */
export class PleskNetworkError extends PleskClientError {
  override name: string = 'PleskNetworkError';
  readonly code: 'PLESK_NETWORK_ERROR' | 'PLESK_TLS_ERROR' = 'PLESK_NETWORK_ERROR';
  declare readonly errorCode: string | undefined;

  constructor(message: string, init: { cause?: unknown | undefined; errorCode?: string | undefined }) {
    super(message, causeOption(init.cause));
    this.errorCode = init.errorCode;
  }
}

/**
 * TLS failed: most often Plesk's self-signed certificate. Configure `ca` with the server's
 * certificate (preferred), or opt out with `insecureSkipTlsVerification: true`.
 */
export class PleskTlsError extends PleskNetworkError {
  override name: string = 'PleskTlsError';
  override readonly code = 'PLESK_TLS_ERROR' as const;
}

/** The `Error` options carrying `cause`, or none when there is no cause (no `cause` property then). */
function causeOption(cause: unknown): { cause: unknown } | undefined {
  return cause === undefined ? undefined : { cause };
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
