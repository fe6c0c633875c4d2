/**
 * The transport and client core: sends one request packet to Plesk's XML API endpoint and
 * returns the parsed response packet, with authentication, TLS settings, a timeout, caller
 * cancellation and typed errors. Generic over a `PacketCodec`, so it does not depend on the
 * generated types; the generated `client.ts` binds it to the tree's `serializeRequest` and
 * `parseResponse`.
 *
 * HTTP goes through undici (the implementation behind Node's own `fetch`), imported directly so
 * that its `Agent` can carry the TLS options (`ca`, `rejectUnauthorized`).
 */
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { authHeaders, Redactor, type PleskAuth } from './credentials.js';
import {
  PleskAbortError,
  PleskClientError,
  PleskHttpError,
  PleskNetworkError,
  PleskResponseError,
  PleskTimeoutError,
  PleskTlsError,
} from './errors.js';
import { packetOperations, settle, throwIfSystemError, type PacketLayouts, type SettledOperation } from './settle.js';

/** Turns packet values into XML and back. The generated tree's request/response modules provide both. */
export interface PacketCodec<Req, Res> {
  serializeRequest(packet: Req): string;
  parseResponse(xml: string | Uint8Array): Res;
}

/** The fetch function the core calls (undici's by default). */
export type FetchFunction = typeof undiciFetch;

export interface PleskClientOptions {
  /** Host name or IP address of the Plesk server (IPv6 with or without brackets). */
  host: string;
  /** Default 8443. */
  port?: number;
  /** Default `https`. */
  scheme?: 'https' | 'http';
  /** Default `/enterprise/control/agent.php`. */
  path?: string;
  /** `{ login, password }` (headers `HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD`) or `{ secretKey }` (header `KEY`). */
  auth: PleskAuth;
  /**
   * The `version` attribute written on request packets. Default: the protocol version the
   * bindings were generated for. `null` writes no attribute. A per-call `protocolVersion`, or a
   * `version` set on the packet value itself, takes precedence (per-call first).
   */
  protocolVersion?: string | null;
  /** Time limit of one request, connect to last body byte, in ms. Default 60 000; `0` or `Infinity` = none. */
  timeoutMs?: number;
  /** Aborts every request of this client when it fires. */
  signal?: AbortSignal;
  /** Trusted CA certificate(s), PEM: typically Plesk's self-signed certificate. Adds to nothing: replaces the default roots. */
  ca?: string | Uint8Array | readonly (string | Uint8Array)[];
  /**
   * Accept any server certificate: no chain or host name verification. Only for test servers;
   * prefer `ca`. Default `false`.
   */
  insecureSkipTlsVerification?: boolean;
  /** Your own undici dispatcher (proxy, custom pool). Cannot be combined with `ca`/`insecureSkipTlsVerification`. */
  dispatcher?: Dispatcher;
  /** Replace the fetch function (tests). Must honour `init.signal` and `init.dispatcher`. */
  fetch?: FetchFunction;
  /** `User-Agent` header. Default `plesk-api-codegen-client`. */
  userAgent?: string;
  /** Largest accepted response body, bytes. Default 64 MiB. */
  maxResponseBytes?: number;
}

/** Options of one call. */
export interface PleskCallOptions {
  /** Aborts this call (combined with the client's `signal` and the timeout). */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Overrides the packet version attribute for this call (`null` = omit). */
  protocolVersion?: string | null;
}

/** Defaults the generated layer passes in. */
export interface PleskClientDefaults {
  /** The protocol version the bindings were generated for. */
  protocolVersion?: string;
  /** How each operator holds its operations (from the generated client), for `settle`. */
  layouts?: PacketLayouts;
}

/** What the server sent back, before parsing. */
export interface PleskRawResponse {
  status: number;
  contentType: string | undefined;
  /** The response `version` is not known yet at this level; this is the body as received. */
  body: Uint8Array;
}

export const DEFAULT_PORT = 8443;
export const DEFAULT_PATH = '/enterprise/control/agent.php';
export const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const SNIPPET_CHARS = 1024;

const tlsCodes = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH|EPROTO/;

/**
 * The generic client: `request(packet)` sends one packet and returns the parsed response.
 * Operation errors inside the response are not thrown here (a batch may mix ok and error
 * results): use `settle(request, response)` or the generated per-operator methods.
 */
export class PleskClientCore<Req extends object, Res extends object> {
  /** The endpoint URL (no credentials in it). */
  readonly url: string;
  readonly timeoutMs: number;
  readonly protocolVersion: string | null;
  readonly #codec: PacketCodec<Req, Res>;
  readonly #headers: [string, string][];
  readonly #redactor: Redactor;
  readonly #signal: AbortSignal | undefined;
  readonly #fetch: FetchFunction;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #ownsDispatcher: boolean;
  readonly #maxResponseBytes: number;
  readonly #layouts: PacketLayouts | undefined;

  constructor(codec: PacketCodec<Req, Res>, options: PleskClientOptions, defaults: PleskClientDefaults = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('Plesk client: options are required');
    if (typeof options.host !== 'string' || options.host.length === 0) throw new TypeError('Plesk client: host is required');
    const scheme = options.scheme ?? 'https';
    if (scheme !== 'https' && scheme !== 'http') throw new TypeError(`Plesk client: scheme must be 'https' or 'http'`);
    const port = options.port ?? DEFAULT_PORT;
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new TypeError('Plesk client: port must be an integer 1–65535');
    const path = options.path ?? DEFAULT_PATH;
    if (!path.startsWith('/')) throw new TypeError("Plesk client: path must start with '/'");
    const host = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
    this.url = `${scheme}://${host}:${port}${path}`;

    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
      throw new TypeError('Plesk client: timeoutMs must be a number ≥ 0');
    }
    this.timeoutMs = timeoutMs;
    this.protocolVersion = options.protocolVersion !== undefined ? options.protocolVersion : (defaults.protocolVersion ?? null);

    this.#codec = codec;
    this.#layouts = defaults.layouts;
    this.#headers = [
      ['Content-Type', 'text/xml; charset=UTF-8'],
      ['Accept', 'text/xml'],
      ['User-Agent', options.userAgent ?? 'plesk-api-codegen-client'],
      ...authHeaders(options.auth),
    ];
    const auth = options.auth as { password?: string; secretKey?: string };
    this.#redactor = new Redactor([auth.password, auth.secretKey].filter((s): s is string => typeof s === 'string'));
    this.#signal = options.signal;
    this.#fetch = options.fetch ?? undiciFetch;
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

    const tlsConfigured = options.ca !== undefined || options.insecureSkipTlsVerification === true;
    if (options.dispatcher !== undefined) {
      if (tlsConfigured) {
        throw new TypeError('Plesk client: pass TLS settings (ca, insecureSkipTlsVerification) to your own dispatcher, not to the client');
      }
      this.#dispatcher = options.dispatcher;
      this.#ownsDispatcher = false;
    } else {
      const ca = options.ca === undefined ? undefined : toCaList(options.ca);
      this.#dispatcher = new Agent({
        connect: {
          ...(ca === undefined ? {} : { ca }),
          rejectUnauthorized: options.insecureSkipTlsVerification !== true,
        },
      });
      this.#ownsDispatcher = true;
    }
  }

  /** Sends one packet; returns the parsed response. Throws `PleskSystemError` for a `<system>` error. */
  async request(packet: Req, opts: PleskCallOptions = {}): Promise<Res> {
    const xml = this.serialize(packet, opts);
    const raw = await this.send(xml, opts);
    const response = this.parse(raw);
    throwIfSystemError(response, (s) => this.#redactor.text(s));
    return response;
  }

  /** Sends one packet and settles every operation (see `settle`): one failure never hides the others. */
  async requestSettled(packet: Req, opts: PleskCallOptions = {}): Promise<{ response: Res; operations: SettledOperation[] }> {
    const response = await this.request(packet, opts);
    return { response, operations: this.settle(packet, response) };
  }

  /**
   * Sends a packet holding exactly one operation and returns that operation's result data: its
   * `result`, or every result as an array when `many` (operations with filters). Throws
   * `PleskOperationError` when a result has status `error` — with `many`, the error still
   * carries every result (`results`), the successful ones included.
   */
  async requestOperation(packet: Req, many: boolean, opts: PleskCallOptions = {}): Promise<unknown> {
    const count = packetOperations(packet, 'request', this.#layouts).length;
    if (count !== 1) throw new TypeError(`requestOperation: the packet holds ${count} operations, not one`);
    const response = await this.request(packet, opts);
    const entry = this.settle(packet, response)[0]!;
    if (!entry.ok) throw entry.error;
    if (many && !Array.isArray(entry.value)) return entry.value === undefined ? [] : [entry.value];
    return entry.value;
  }

  /** Pairs each operation of `request` with its answer in `response`, in order. */
  settle(request: Req, response: Res): SettledOperation[] {
    return settle(request, response, (s) => this.#redactor.text(s), this.#layouts);
  }

  /** The XML that `request` would send for this packet (version attribute applied). */
  serialize(packet: Req, opts: PleskCallOptions = {}): string {
    const own = (packet as { version?: string | null }).version;
    const version = opts.protocolVersion !== undefined ? opts.protocolVersion : own !== undefined ? own : this.protocolVersion;
    const withVersion = { ...packet } as Req & { version?: string };
    if (version === null || version === undefined) delete withVersion.version;
    else withVersion.version = version;
    return this.#codec.serializeRequest(withVersion);
  }

  /**
   * Posts XML text as it is and returns the raw 2xx answer. Throws the transport errors
   * (`PleskHttpError`, `PleskTimeoutError`, `PleskAbortError`, `PleskNetworkError`).
   */
  async send(xml: string, opts: PleskCallOptions = {}): Promise<PleskRawResponse> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    let abortedBy: { kind: 'timeout' } | { kind: 'caller'; reason: unknown } | undefined;
    const callerSignals = [this.#signal, opts.signal].filter((s): s is AbortSignal => s !== undefined);
    for (const s of callerSignals) {
      if (s.aborted) throw new PleskAbortError(s.reason);
    }
    const onCallerAbort = (ev: Event): void => {
      if (abortedBy === undefined) abortedBy = { kind: 'caller', reason: (ev.target as AbortSignal).reason };
      controller.abort();
    };
    for (const s of callerSignals) s.addEventListener('abort', onCallerAbort, { once: true });
    const timer =
      timeoutMs > 0 && Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            if (abortedBy === undefined) abortedBy = { kind: 'timeout' };
            controller.abort();
          }, timeoutMs)
        : undefined;

    const fail = (err: unknown): PleskClientError => {
      if (abortedBy?.kind === 'timeout') return new PleskTimeoutError(timeoutMs);
      if (abortedBy?.kind === 'caller') return new PleskAbortError(abortedBy.reason);
      if (err instanceof PleskClientError) return err;
      return this.#networkError(err);
    };

    try {
      let response: Awaited<ReturnType<FetchFunction>>;
      try {
        response = await this.#fetch(this.url, {
          method: 'POST',
          headers: this.#headers,
          body: xml,
          signal: controller.signal,
          redirect: 'manual',
          ...(this.#dispatcher === undefined ? {} : { dispatcher: this.#dispatcher }),
        });
      } catch (e) {
        throw fail(e);
      }
      const contentType = response.headers.get('content-type') ?? undefined;
      if (response.status < 200 || response.status > 299) {
        let snippet = '';
        try {
          snippet = this.#snippet(await readBody(response.body, 4 * SNIPPET_CHARS, false));
        } catch (e) {
          if (abortedBy !== undefined) throw fail(e);
          // A body that breaks off after an error status: the status is the news.
        }
        throw new PleskHttpError({ status: response.status, statusText: this.#redactor.text(response.statusText), contentType, bodySnippet: snippet });
      }
      let body: Uint8Array;
      try {
        body = await readBody(response.body, this.#maxResponseBytes, true);
      } catch (e) {
        if (e instanceof BodyTooLarge) {
          throw new PleskResponseError(`Plesk response is larger than ${this.#maxResponseBytes} bytes`, { contentType });
        }
        throw fail(e);
      }
      return { status: response.status, contentType, body };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      for (const s of callerSignals) s.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Parses a raw answer with the codec; a refusal becomes `PleskResponseError`. */
  parse(raw: PleskRawResponse): Res {
    try {
      return this.#codec.parseResponse(raw.body);
    } catch (e) {
      // XmlSyntaxError carries line/column; SchemaViolationError a list of violations with
      // path (and line/column); other parsers may put path/line/column on the error itself.
      const err = e as { line?: unknown; column?: unknown; path?: unknown; message?: unknown; violations?: unknown };
      const first = Array.isArray(err.violations) && err.violations.length > 0 ? (err.violations[0] as typeof err) : undefined;
      const pick = (k: 'line' | 'column'): number | undefined => {
        const v = first?.[k] ?? err[k];
        return typeof v === 'number' && v > 0 ? v : undefined;
      };
      const line = pick('line');
      const column = pick('column');
      const rawPath = first?.path ?? err.path;
      const path = typeof rawPath === 'string' ? this.#redactor.text(rawPath) : undefined;
      const snippet = this.#snippet(raw.body);
      const looksHtml = /^\s*(<!doctype html|<html)/i.test(snippet);
      const where = [path, line === undefined ? undefined : `line ${line}${column === undefined ? '' : `:${column}`}`].filter(Boolean).join(', ');
      const reason = this.#redactor.text(typeof err.message === 'string' ? err.message : String(e));
      throw new PleskResponseError(
        `Plesk response is not a valid response packet${looksHtml ? ' (the server sent an HTML page)' : ''}${where ? ` at ${where}` : ''}: ${reason}`,
        { cause: this.#safeCause(e), line, column, path, contentType: raw.contentType, bodySnippet: snippet },
      );
    }
  }

  /** Releases the connections of the client's own dispatcher. */
  async close(): Promise<void> {
    if (this.#ownsDispatcher && this.#dispatcher !== undefined) await this.#dispatcher.close();
  }

  #snippet(body: Uint8Array): string {
    // Redacted before it is cut: a secret across the cut must not leave its first characters behind.
    const text = this.#redactor.text(new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, 4 * SNIPPET_CHARS)));
    return text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text;
  }

  /** The parser's own error when it carries no secret (keeps `instanceof` working), else a redacted copy. */
  #safeCause(e: unknown): unknown {
    let text = '';
    try {
      text = `${(e as Error)?.message ?? ''}\n${(e as Error)?.stack ?? ''}\n${JSON.stringify(e)}`;
    } catch {
      return this.#redactor.error(e);
    }
    return this.#redactor.contains(text) ? this.#redactor.error(e) : e;
  }

  #networkError(err: unknown): PleskNetworkError {
    const cause = this.#redactor.error(err);
    const codes: string[] = [];
    const messages: string[] = [];
    for (let c: unknown = cause, depth = 0; c instanceof Error && depth < 6; c = c.cause, depth++) {
      const code = (c as { code?: unknown }).code;
      if (typeof code === 'string') codes.push(code);
      if (c.message && c.message !== 'fetch failed') messages.push(c.message);
    }
    const errorCode = codes.at(-1);
    const detail = messages.at(-1) ?? cause.message;
    const tls = codes.some((c) => tlsCodes.test(c));
    if (tls) {
      return new PleskTlsError(
        `TLS connection to ${this.url} failed: ${detail}. If the server uses a self-signed certificate, pass it as \`ca\` (or, for test servers only, set insecureSkipTlsVerification: true)`,
        { cause, errorCode },
      );
    }
    return new PleskNetworkError(`Plesk request to ${this.url} failed: ${detail}`, { cause, errorCode });
  }
}

class BodyTooLarge extends Error {}

async function readBody(body: ReadableStream<Uint8Array> | null, limit: number, strict: boolean): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
      if (total > limit) {
        if (strict) throw new BodyTooLarge();
        break;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return strict ? out : out.subarray(0, Math.min(total, limit));
}

function toCaList(ca: string | Uint8Array | readonly (string | Uint8Array)[]): (string | Buffer)[] {
  const list = Array.isArray(ca) ? ca : [ca as string | Uint8Array];
  return list.map((c: string | Uint8Array) => (typeof c === 'string' ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
}
