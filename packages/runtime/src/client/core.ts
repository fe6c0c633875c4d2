/**
 * The client core: sends one request packet to Plesk's XML API endpoint and returns the parsed
 * response packet, with authentication, TLS settings, a timeout, caller cancellation and typed
 * errors. Generic over a `PacketCodec`, so it does not depend on the generated types; the
 * generated `client.ts` binds it to the tree's `serializeRequest` and `parseResponse`.
 *
 * HTTP goes through `transport.ts` (Node's own `node:http`/`node:https`; why there, see that
 * file). The endpoint comes from `url` or from `host`/`port`/`scheme`/`path` (`endpointUrl`).
 */
import type { Agent } from 'node:http';
import { authHeaders, optionError, Redactor, type PleskAuth } from './credentials.js';
import {
  PleskAbortError,
  PleskClientError,
  PleskHttpError,
  PleskNetworkError,
  PleskResponseError,
  PleskTimeoutError,
  PleskTlsError,
  PleskTruncatedResponseError,
} from './errors.js';
import { settle, throwIfSystemError, type PacketLayouts, type SettledOperation } from './settle.js';
import { BodyTooLarge, nodeTransport, TruncatedBody, type PleskTransport } from './transport.js';

/** Turns packet values into XML and back. The generated tree's request/response modules provide both. */
export interface PacketCodec<Req, Res> {
  serializeRequest(packet: Req): string;
  parseResponse(xml: string | Uint8Array): Res;
}

/** Where the endpoint is: a URL, or its parts (never both). */
export type PleskEndpointOptions =
  | {
      /**
       * The server, e.g. `https://plesk.example.com:8443` or the full endpoint
       * `https://plesk.example.com:8443/enterprise/control/agent.php`. Without a port: 8443 for
       * `https`, 8880 for `http` (Plesk's ports; write `:443` to mean 443). Without a path (or
       * `/`): `/enterprise/control/agent.php`. No user name, password, query or fragment.
       */
      url: string | URL;
      host?: undefined;
      port?: undefined;
      scheme?: undefined;
      path?: undefined;
    }
  | {
      url?: undefined;
      /** Host name or IP address of the Plesk server (IPv6 with or without brackets). */
      host: string;
      /** Default 8443. */
      port?: number | undefined;
      /** Default `https`. */
      scheme?: 'https' | 'http' | undefined;
      /** Default `/enterprise/control/agent.php`. */
      path?: string | undefined;
    };

/** Everything but the endpoint. */
export interface PleskClientSettings {
  /** `{ login, password }` (headers `HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD`) or `{ secretKey }` (header `KEY`). */
  auth: PleskAuth;
  /**
   * The `version` attribute written on request packets. Default: the protocol version the
   * bindings were generated for. `null` writes no attribute. A per-call `protocolVersion`, or a
   * `version` set on the packet value itself, takes precedence (per-call first).
   */
  protocolVersion?: string | null | undefined;
  /** Time limit of one request, connect to last body byte, in ms. Default 60 000; `0` or `Infinity` = none. */
  timeoutMs?: number | undefined;
  /** Aborts every request of this client when it fires. */
  signal?: AbortSignal | undefined;
  /** Trusted CA certificate(s), PEM: typically Plesk's self-signed certificate. Replaces the default roots. */
  ca?: string | Uint8Array | readonly (string | Uint8Array)[] | undefined;
  /**
   * Accept any server certificate: no chain or host name verification. Only for test servers;
   * prefer `ca`. Default `false`.
   */
  insecureSkipTlsVerification?: boolean | undefined;
  /**
   * Your own `node:http`/`node:https` Agent (a proxy agent, a custom pool). Cannot be combined
   * with `ca`/`insecureSkipTlsVerification`: give those to the agent.
   */
  agent?: Agent | undefined;
  /** Replace the HTTP layer (tests, other runtimes): see `PleskTransport`. Cannot be combined with `agent`, `ca`, `insecureSkipTlsVerification`. */
  transport?: PleskTransport | undefined;
  /** `User-Agent` header. Default `plesk-api-codegen-client`. */
  userAgent?: string | undefined;
  /** Largest accepted response body, bytes. Default 64 MiB. */
  maxResponseBytes?: number | undefined;
}

export type PleskClientOptions = PleskEndpointOptions & PleskClientSettings;

/** Options of one call. */
export interface PleskCallOptions {
  /** Aborts this call (combined with the client's `signal` and the timeout). */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined;
  /** Overrides the packet version attribute for this call (`null` = omit). */
  protocolVersion?: string | null | undefined;
  /**
   * The packet only reads (every operation a `get…`): it may be sent again, once, when a reused
   * kept-alive connection turns out closed before any answer. The generated methods and batches
   * set it themselves when each of their operations is a `get…`; never set it for a packet that
   * changes something.
   */
  readOnly?: boolean | undefined;
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
/** Port for an `http` URL without one: Plesk's plain-HTTP port. */
export const DEFAULT_HTTP_PORT = 8880;
export const DEFAULT_PATH = '/enterprise/control/agent.php';
export const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const SNIPPET_CHARS = 1024;

// Node's and OpenSSL's codes of a failed handshake or certificate check (SELF_SIGNED_CERT_IN_CHAIN,
// UNABLE_TO_GET_ISSUER_CERT_LOCALLY, ERR_TLS_CERT_ALTNAME_INVALID, ERR_SSL_WRONG_VERSION_NUMBER, …).
const tlsCodes = /CERT|SSL|TLS|UNABLE_TO_VERIFY|HOSTNAME|EPROTO/;

/**
 * The endpoint URL from the options: `url`, or `host`/`port`/`scheme`/`path`. Throws a
 * `TypeError` naming the problem (both forms given, a URL with credentials, query or fragment,
 * a scheme other than http/https, a bad port or path).
 */
export function endpointUrl(options: PleskEndpointOptions): URL {
  const o = options as { url?: unknown; host?: unknown; port?: unknown; scheme?: unknown; path?: unknown };
  if (o.url !== undefined) {
    const mixed = (['host', 'port', 'scheme', 'path'] as const).filter((k) => o[k] !== undefined);
    if (mixed.length > 0) {
      throw optionError(`pass either url or host/port/scheme/path, not both (got url and ${mixed.join(', ')})`);
    }
    const text = o.url instanceof URL ? o.url.href : o.url;
    if (typeof text !== 'string') throw optionError('url must be a string or a URL');
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw optionError(`url is not an absolute URL (expected e.g. https://plesk.example.com:8443)`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw optionError(`url must start with https:// or http:// (it starts with ${url.protocol})`);
    if (url.username !== '' || url.password !== '') throw optionError('url must not hold a user name or password; pass them as auth');
    if (url.search !== '' || url.hash !== '') throw optionError('url must not have a query or fragment');
    // The URL parser drops a port equal to the scheme's default (https://h:443 → port ''), so
    // whether one was written is read from the text itself.
    const written = /^[a-z][a-z0-9+.-]*:\/\/(?:\[[^\]]*\]|[^/?#:]*)(:\d*)?/i.exec(text.trim())?.[1];
    if (written === undefined || written === ':') url.port = String(url.protocol === 'https:' ? DEFAULT_PORT : DEFAULT_HTTP_PORT);
    if (url.pathname === '/' || url.pathname === '') url.pathname = DEFAULT_PATH;
    return url;
  }
  if (typeof o.host !== 'string' || o.host.length === 0) throw optionError('url or host is required');
  const scheme = o.scheme ?? 'https';
  if (scheme !== 'https' && scheme !== 'http') throw optionError(`scheme must be 'https' or 'http'`);
  const port = o.port ?? DEFAULT_PORT;
  if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65535) throw optionError('port must be an integer 1–65535');
  const path = o.path ?? DEFAULT_PATH;
  if (typeof path !== 'string' || !path.startsWith('/')) throw optionError("path must start with '/'");
  const host = o.host.includes(':') && !o.host.startsWith('[') ? `[${o.host}]` : o.host;
  try {
    return new URL(`${scheme}://${host}:${port}${path}`);
  } catch {
    throw optionError('host or path cannot form a URL');
  }
}

/** A `timeoutMs` option (of the client or of one call), checked. */
function checkedTimeout(timeoutMs: unknown): number {
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) throw optionError('timeoutMs must be a number ≥ 0');
  return timeoutMs;
}

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
  readonly #endpoint: URL;
  readonly #codec: PacketCodec<Req, Res>;
  readonly #headers: [string, string][];
  readonly #redactor: Redactor;
  readonly #signal: AbortSignal | undefined;
  readonly #transport: PleskTransport;
  readonly #close: () => void;
  readonly #maxResponseBytes: number;
  readonly #layouts: PacketLayouts | undefined;

  constructor(codec: PacketCodec<Req, Res>, options: PleskClientOptions, defaults: PleskClientDefaults = {}) {
    if (options === null || typeof options !== 'object') throw optionError('options are required');
    this.#endpoint = endpointUrl(options);
    // With the port always written (the URL class leaves out 443 for https and 80 for http).
    const e = this.#endpoint;
    this.url = `${e.protocol}//${e.host}${e.port === '' ? (e.protocol === 'https:' ? ':443' : ':80') : ''}${e.pathname}`;

    this.timeoutMs = checkedTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.protocolVersion = options.protocolVersion !== undefined ? options.protocolVersion : (defaults.protocolVersion ?? null);

    this.#codec = codec;
    this.#layouts = defaults.layouts;
    this.#headers = [
      ['Content-Type', 'text/xml; charset=UTF-8'],
      ['Accept', 'text/xml'],
      // No compression: the transport refuses a compressed body rather than guess at it.
      ['Accept-Encoding', 'identity'],
      ['User-Agent', options.userAgent ?? 'plesk-api-codegen-client'],
      ...authHeaders(options.auth),
    ];
    const auth = options.auth as { password?: string; secretKey?: string };
    this.#redactor = new Redactor([auth.password, auth.secretKey].filter((s): s is string => typeof s === 'string'));
    this.#signal = options.signal;
    const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    if (typeof maxResponseBytes !== 'number' || !(maxResponseBytes > 0)) throw optionError('maxResponseBytes must be a number > 0');
    this.#maxResponseBytes = maxResponseBytes;

    const tlsConfigured = options.ca !== undefined || options.insecureSkipTlsVerification === true;
    if (options.transport !== undefined) {
      if (tlsConfigured || options.agent !== undefined) {
        throw optionError('a custom transport takes no agent, ca or insecureSkipTlsVerification: configure the transport itself');
      }
      this.#transport = options.transport;
      this.#close = () => {};
    } else {
      if (options.agent !== undefined && tlsConfigured) {
        throw optionError('pass TLS settings (ca, insecureSkipTlsVerification) to your own agent, not to the client');
      }
      const ca = options.ca === undefined ? undefined : Array.isArray(options.ca) ? (options.ca as readonly (string | Uint8Array)[]) : [options.ca as string | Uint8Array];
      const node = nodeTransport({
        rejectUnauthorized: options.insecureSkipTlsVerification !== true,
        ...(ca === undefined ? {} : { ca }),
        ...(options.agent === undefined ? {} : { agent: options.agent }),
      });
      this.#transport = node.transport;
      this.#close = node.close;
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
   * (`PleskHttpError`, `PleskTimeoutError`, `PleskAbortError`, `PleskNetworkError`,
   * `PleskTlsError`, `PleskTruncatedResponseError`, and `PleskResponseError` for a body over
   * `maxResponseBytes`).
   */
  async send(xml: string, opts: PleskCallOptions = {}): Promise<PleskRawResponse> {
    const timeoutMs = checkedTimeout(opts.timeoutMs ?? this.timeoutMs);
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

    try {
      let response;
      try {
        response = await this.#transport({
          url: this.#endpoint,
          method: 'POST',
          headers: this.#headers,
          body: new TextEncoder().encode(xml),
          signal: controller.signal,
          maxResponseBytes: this.#maxResponseBytes,
          errorBodyBytes: 4 * SNIPPET_CHARS,
          readOnly: opts.readOnly,
        });
      } catch (e) {
        if (abortedBy?.kind === 'timeout') throw new PleskTimeoutError(timeoutMs, this.url);
        if (abortedBy?.kind === 'caller') throw new PleskAbortError(abortedBy.reason);
        if (e instanceof PleskClientError) throw e;
        if (e instanceof BodyTooLarge) throw new PleskResponseError(`Plesk response is larger than ${this.#maxResponseBytes} bytes (maxResponseBytes)`, {});
        if (e instanceof TruncatedBody) {
          throw new PleskTruncatedResponseError({
            status: e.status,
            receivedBytes: e.received.byteLength,
            expectedBytes: e.expectedBytes,
            contentType: e.contentType,
            bodySnippet: this.#snippet(e.received),
          });
        }
        throw this.#networkError(e);
      }
      const contentType = response.header('content-type');
      if (response.status < 200 || response.status > 299) {
        throw new PleskHttpError({
          status: response.status,
          statusText: this.#redactor.text(response.statusText),
          contentType,
          bodySnippet: this.#snippet(response.body),
          url: this.url,
          location: this.#redactor.text(response.header('location') ?? '') || undefined,
        });
      }
      return { status: response.status, contentType, body: response.body };
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
      // Said once: the path and position go in front, so the reason is only what is wrong —
      // XmlSyntaxError's `reason` (its message starts with `line:column: `), or the first
      // violation's message (a SchemaViolationError's message repeats path and position).
      const own = e as { reason?: unknown };
      const count = Array.isArray(err.violations) ? err.violations.length : 0;
      const text =
        first !== undefined && typeof first.message === 'string'
          ? `${first.message}${count > 1 ? ` (and ${count - 1} more: see cause.violations)` : ''}`
          : typeof own.reason === 'string' && line !== undefined
            ? own.reason
            : typeof err.message === 'string'
              ? err.message
              : String(e);
      const reason = this.#redactor.text(text);
      throw new PleskResponseError(
        `Plesk response is not a valid response packet${looksHtml ? ' (the server sent an HTML page)' : ''}${where ? ` at ${where}` : ''}: ${reason}`,
        { cause: this.#safeCause(e), line, column, path, contentType: raw.contentType, bodySnippet: snippet },
      );
    }
  }

  /** Closes the client's idle kept-alive connections (an `agent` of yours is left alone). */
  async close(): Promise<void> {
    this.#close();
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
      // (A fetch-based `transport` wraps the real error in `TypeError: fetch failed`.)
      if (c.message && c.message !== 'fetch failed') messages.push(c.message);
    }
    const errorCode = codes.at(-1);
    const detail = messages.at(-1) ?? cause.message;
    const tls = codes.some((c) => tlsCodes.test(c));
    if (tls) {
      return new PleskTlsError(
        // The hint only where trust is what failed (not for an expired certificate or a wrong name).
        `TLS connection to ${this.url} failed: ${detail}${/SELF_SIGNED|UNABLE_TO/.test(codes.join()) ? '. Pass its certificate as `ca` (test servers only: insecureSkipTlsVerification: true)' : ''}`,
        { cause, errorCode },
      );
    }
    return new PleskNetworkError(`Plesk request to ${this.url} failed: ${detail}`, { cause, errorCode });
  }
}
