/**
 * A Plesk stand-in: a small HTTP(S) server on loopback that speaks the XML API's transport the
 * way Plesk does, for tests of anything that talks to Plesk (the generated client, and packages
 * built on it). Import it from a generated tree as `<tree>/testing/standin.js`.
 *
 * ```ts
 * import { startStandin, replies } from '<tree>/testing/standin.js';
 * import { parseRequest } from '<tree>/request.js';
 *
 * const standin = await startStandin({
 *   tls: true,                                   // self-signed certificate, made in-process (@peculiar/x509)
 *   auth: { login: 'admin', password: 's3cret' }, // wrong credentials → <system> errcode 1001
 *   parseRequest,                                // strict request check → errcode 1014 when it throws
 *   handler: (xml, parsed) => '<packet version="1.6.9.1"><server>…</server></packet>',
 * });
 * const client = new PleskClient({ ...standin.connection, auth: { login: 'admin', password: 's3cret' } });
 * …
 * standin.requests[0].body;                      // what the client sent
 * await standin.close();
 * ```
 *
 * ## What happens to a request
 * 1. Not `POST` to `path` → HTTP 404 (405 for another method), like a web server.
 * 2. Authentication, when `auth` is configured: a `KEY` header must equal one of `secretKeys`,
 *    otherwise `HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD` must equal `login`/`password`. Header
 *    values are decoded as UTF-8 bytes (what the client sends; see the client's credentials
 *    notes). Failure → `<system>` error, errcode 1001, HTTP 200 (as Plesk does).
 * 3. Validation, when `validateRequest` and/or `parseRequest` are given: any message returned,
 *    or a throw → `<system>` error, errcode 1014 (`Parser error: Request is invalid`).
 * 4. The reply: the next queued reply (`replies` option, `enqueue`), else the recorded reply for
 *    this packet (`recorded` option, `record`; keyed by `normalizeXml` of the request), else
 *    `handler(xml, parsed, info)`, else a `<system>` error saying nothing was configured.
 *
 * A reply is a string (an XML body, HTTP 200), bytes, or a `StandinResponse` with status,
 * headers, body, a delay, or a fault (`reset` the connection, `truncate` it mid-body, `hang`);
 * `replies.*` builds the usual ones, Plesk's own errors (`systemError`, `operationErrors`) too.
 *
 * Every request is appended to `requests` (method, path, headers, body, decoded credentials,
 * whether it authenticated, validation messages) for assertions.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createSelfSignedCertificate, type SelfSignedOptions } from './certificate.js';

export { createSelfSignedCertificate, type SelfSignedCertificate, type SelfSignedOptions } from './certificate.js';

/** A response with everything under control. */
export interface StandinResponse {
  /** HTTP status. Default 200. */
  status?: number;
  /** Reason phrase of the status line (Latin-1). Default: Node's for the status. */
  statusText?: string;
  /** Body. Default empty. */
  body?: string | Uint8Array;
  /** Extra or replacing headers. `content-type` defaults to `text/xml; charset=UTF-8`. */
  headers?: Record<string, string>;
  /** Wait this long before answering (the client may time out meanwhile). */
  delayMs?: number;
  /**
   * - `reset`: destroy the connection (TCP RST) without answering;
   * - `truncate`: send the headers announcing the whole body, then `truncateAt` bytes of it
   *   (default: half), then destroy the connection;
   * - `hang`: never answer (until the client gives up or the stand-in closes).
   */
  fault?: 'reset' | 'truncate' | 'hang';
  truncateAt?: number;
}

export type StandinReply = string | Uint8Array | StandinResponse;

/** One request as the stand-in saw it. */
export interface StandinRequestRecord {
  readonly method: string;
  readonly path: string;
  /** Raw header values as Node received them (Latin-1 view of the bytes). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly contentType: string | undefined;
  /** The body decoded as UTF-8. */
  readonly body: string;
  /** Credentials as sent, decoded from their UTF-8 bytes. */
  readonly credentials: { readonly login?: string; readonly password?: string; readonly secretKey?: string };
  /** False when the request failed authentication (and was answered with errcode 1001). */
  authenticated: boolean;
  /** Messages from `validateRequest`/`parseRequest` (empty when valid or not checked). */
  validationErrors: string[];
  /** Number of the connection it came on (1, 2, … in order of connecting): equal numbers mean a reused connection. */
  readonly connection: number;
}

export interface StandinHandlerInfo {
  /** The record of this request (also in `requests`). */
  readonly request: StandinRequestRecord;
  /** 0-based number of the request since the stand-in started. */
  readonly index: number;
}

/** Answers a packet. `parsed` is what `parseRequest` returned (undefined without it). */
export type StandinHandler = (packetXml: string, parsed: unknown, info: StandinHandlerInfo) => StandinReply | Promise<StandinReply>;

export interface StandinAuth {
  login?: string;
  password?: string;
  /** Accepted secret keys (`KEY` header). */
  secretKeys?: readonly string[];
}

export interface StandinOptions {
  /** `true`: HTTPS with a fresh self-signed certificate; an object: use this key/cert, or make one with these options. Default: plain HTTP. */
  tls?: boolean | { key: string | Uint8Array; cert: string } | { selfSigned: SelfSignedOptions };
  /** Credentials to require. Omitted: every request is accepted. */
  auth?: StandinAuth;
  /** Endpoint path. Default `/enterprise/control/agent.php`. */
  path?: string;
  /** `version` attribute of the packets the stand-in makes itself (system errors). Default `1.6.9.1`. */
  version?: string;
  /** Schema check of each request; a non-empty answer → errcode 1014. */
  validateRequest?: (packetXml: string) => readonly string[] | Promise<readonly string[]>;
  /** Parses each request (e.g. the generated strict `parseRequest`); a throw → errcode 1014; the value goes to `handler`. */
  parseRequest?: (packetXml: string) => unknown;
  /** Replies used first, one per request, in order. */
  replies?: readonly StandinReply[];
  /** Replies by request packet (keys are normalized with `normalizeXml`). */
  recorded?: ReadonlyMap<string, StandinReply> | Readonly<Record<string, StandinReply>>;
  handler?: StandinHandler;
  /** Listen address. Default `127.0.0.1`. */
  host?: string;
  /** Listen port. Default 0 (any free port). */
  port?: number;
}

export interface Standin {
  /** Endpoint URL, e.g. `https://127.0.0.1:40123/enterprise/control/agent.php`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly scheme: 'http' | 'https';
  /** The certificate (PEM) to trust when `scheme` is https; undefined for http. */
  readonly ca: string | undefined;
  /** Spread into client options: `{ host, port, scheme, path, ca? }`. */
  readonly connection: { host: string; port: number; scheme: 'http' | 'https'; path: string; ca?: string };
  /** Every request received, in order. */
  readonly requests: StandinRequestRecord[];
  /** Appends replies to the queue. */
  enqueue(...replies: StandinReply[]): void;
  /** Adds a recorded reply for a request packet. */
  record(requestXml: string, reply: StandinReply): void;
  /** Replaces the handler. */
  setHandler(handler: StandinHandler | undefined): void;
  /** Stops listening and drops every open connection (pending delayed replies are cancelled). */
  close(): Promise<void>;
}

const DEFAULT_PATH = '/enterprise/control/agent.php';

/** Whitespace-insensitive form of an XML packet: no declaration, no whitespace between tags, trimmed. */
export function normalizeXml(xml: string): string {
  return xml
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[^?]*\?>/, '')
    .replace(/>\s+</g, '><')
    .trim();
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

/** Builders of common replies. */
export const replies = {
  /** A response packet body as is (HTTP 200). */
  xml(body: string): StandinResponse {
    return { status: 200, body };
  },
  /** A whole-packet `<system>` error, as Plesk sends for bad credentials (1001) or invalid packets (1014). */
  systemError(errcode: number, errtext: string, opts: { version?: string; output?: string } = {}): string {
    const output = opts.output === undefined ? '' : `<output>${escapeText(opts.output)}</output>`;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="${escapeAttr(opts.version ?? '1.6.9.1')}"><system><status>error</status><errcode>${errcode}</errcode><errtext>${escapeText(errtext)}</errtext></system>${output}</packet>`;
  },
  /** An HTTP error status with a short text body. */
  httpError(status = 500, body = 'Internal Server Error'): StandinResponse {
    return { status, body, headers: { 'content-type': 'text/plain; charset=UTF-8' } };
  },
  /** An HTML error page (a proxy or web server answering instead of Plesk), by default with HTTP 200. */
  htmlPage(status = 200, title = 'Service Unavailable'): StandinResponse {
    return {
      status,
      headers: { 'content-type': 'text/html; charset=UTF-8' },
      body: `<!DOCTYPE html>\n<html><head><title>${escapeText(title)}</title></head><body><h1>${escapeText(title)}</h1><p>The server is temporarily unable to service your request.<br>Please try again later.</p></body></html>\n`,
    };
  },
  /** A complete HTTP answer whose XML stops after `at` characters (default: half). */
  cutXml(xml: string, at = Math.floor(xml.length / 2)): StandinResponse {
    return { status: 200, body: xml.slice(0, at) };
  },
  /** Announces the whole body, sends `at` bytes of it (default: half), then drops the connection. */
  cutConnection(xml: string, at?: number): StandinResponse {
    return { status: 200, body: xml, fault: 'truncate', ...(at === undefined ? {} : { truncateAt: at }) };
  },
  /**
   * Every operation of `requestXml` answered with a failed result (`<status>error</status>`,
   * `errcode`, `errtext`), in the request's order — Plesk's per-operation error, for testing how
   * code handles `PleskOperationError` and settled results. Use it from a handler:
   * `setHandler((xml) => replies.operationErrors(xml, 1013, 'Service does not exist'))`.
   * (The request is read by its tags: the packet's children are operators, theirs operations.)
   */
  operationErrors(requestXml: string, errcode: number, errtext: string, opts: { version?: string } = {}): string {
    const result = `<result><status>error</status><errcode>${errcode}</errcode><errtext>${escapeText(errtext)}</errtext></result>`;
    let depth = 0;
    let out = '';
    for (const [, close, name, selfClosing] of requestXml.replace(/<\?[^]*?\?>|<!--[^]*?-->|<!\[CDATA\[[^]*?\]\]>/g, '').matchAll(/<(\/?)([^\s/>]+)[^>]*?(\/?)>/g)) {
      if (close) {
        depth--;
        if (depth === 1) out += `</${name}>`;
        continue;
      }
      if (depth === 1) out += `<${name}>`;
      if (depth === 2) out += `<${name}>${result}</${name}>`;
      if (selfClosing) {
        if (depth === 1) out += `</${name}>`;
      } else depth++;
    }
    return `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="${escapeAttr(opts.version ?? '1.6.9.1')}">${out}</packet>`;
  },
  /** A redirect to `location` (the client must not follow it: the credentials would travel along). */
  redirect(location: string, status = 302): StandinResponse {
    return { status, headers: { location, 'content-type': 'text/html; charset=UTF-8' }, body: `<html><body><a href="${escapeAttr(location)}">moved</a></body></html>` };
  },
  /** Drops the connection without answering. */
  reset(): StandinResponse {
    return { fault: 'reset' };
  },
  /** Never answers. */
  hang(): StandinResponse {
    return { fault: 'hang' };
  },
  /** `reply`, after `delayMs`. */
  delayed(reply: StandinReply, delayMs: number): StandinResponse {
    return { ...toResponse(reply), delayMs };
  },
};

function toResponse(reply: StandinReply): StandinResponse {
  if (typeof reply === 'string' || reply instanceof Uint8Array) return { status: 200, body: reply };
  return reply;
}

function headerText(v: string | string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v[0] : v;
}

/** A header value as received (Latin-1 code units) → the UTF-8 text those bytes spell. */
function decodeHeader(v: string | string[] | undefined): string | undefined {
  const t = headerText(v);
  return t === undefined ? undefined : Buffer.from(t, 'latin1').toString('utf8');
}

/** Starts a stand-in on loopback. Resolves once it listens. */
export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const path = options.path ?? DEFAULT_PATH;
  const version = options.version ?? '1.6.9.1';
  const queue: StandinReply[] = [...(options.replies ?? [])];
  const recorded = new Map<string, StandinReply>();
  if (options.recorded instanceof Map) {
    for (const [k, v] of options.recorded) recorded.set(normalizeXml(k), v);
  } else if (options.recorded !== undefined) {
    for (const [k, v] of Object.entries(options.recorded as Record<string, StandinReply>)) recorded.set(normalizeXml(k), v);
  }
  let handler = options.handler;
  const requests: StandinRequestRecord[] = [];
  const sockets = new Set<Socket>();
  /** Pending delays, each with the function that ends it early (on `close`). */
  const timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  let closing = false;
  let connectionCount = 0;

  let ca: string | undefined;
  let server: Server;
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8' });
        res.end(`stand-in failure: ${err instanceof Error ? err.message : String(err)}`);
      } else {
        res.destroy();
      }
    });
  };
  if (options.tls) {
    let key: string | Uint8Array;
    let cert: string;
    if (options.tls === true || 'selfSigned' in options.tls) {
      const made = await createSelfSignedCertificate(options.tls === true ? {} : options.tls.selfSigned);
      key = made.key;
      cert = made.cert;
    } else {
      key = options.tls.key;
      cert = options.tls.cert;
    }
    ca = cert;
    server = createHttpsServer({ key: Buffer.from(key), cert }, listener);
  } else {
    server = createHttpServer(listener);
  }
  // By the client's address and port: over TLS, requests arrive on a TLS socket wrapping the one
  // 'connection' reports.
  const connectionIds = new Map<string, number>();
  const peer = (socket: Socket): string => `${socket.remoteAddress}|${socket.remotePort}`;
  server.on('connection', (socket: Socket) => {
    const key = peer(socket);
    connectionIds.set(key, ++connectionCount);
    socket.on('close', () => connectionIds.delete(key));
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that gives up during a TLS handshake is not an error of the stand-in.
  server.on('tlsClientError', () => {});
  server.on('clientError', (_err, socket) => socket.destroy());

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.set(t, resolve);
    });
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function systemError(errcode: number, errtext: string): StandinResponse {
    return { status: 200, body: replies.systemError(errcode, errtext, { version }) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://standin');
    const record: StandinRequestRecord = {
      method: req.method ?? '',
      path: url.pathname,
      headers: { ...req.headers },
      contentType: headerText(req.headers['content-type']),
      body,
      credentials: {
        ...(req.headers['http_auth_login'] === undefined ? {} : { login: decodeHeader(req.headers['http_auth_login'])! }),
        ...(req.headers['http_auth_passwd'] === undefined ? {} : { password: decodeHeader(req.headers['http_auth_passwd'])! }),
        ...(req.headers['key'] === undefined ? {} : { secretKey: decodeHeader(req.headers['key'])! }),
      },
      authenticated: true,
      validationErrors: [],
      connection: connectionIds.get(peer(req.socket)) ?? 0,
    };
    const index = requests.length;
    requests.push(record);

    if (url.pathname !== path) return send(res, { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } });
    if (req.method !== 'POST') return send(res, { status: 405, body: 'Method Not Allowed', headers: { 'content-type': 'text/plain', allow: 'POST' } });

    if (options.auth !== undefined && !authenticate(options.auth, record.credentials)) {
      record.authenticated = false;
      return send(res, systemError(1001, 'Authentication failed'));
    }

    let parsed: unknown;
    if (options.validateRequest !== undefined) {
      try {
        record.validationErrors.push(...(await options.validateRequest(body)));
      } catch (e) {
        record.validationErrors.push(e instanceof Error ? e.message : String(e));
      }
    }
    if (options.parseRequest !== undefined && record.validationErrors.length === 0) {
      try {
        parsed = options.parseRequest(body);
      } catch (e) {
        record.validationErrors.push(e instanceof Error ? e.message : String(e));
      }
    }
    if (record.validationErrors.length > 0) {
      return send(res, systemError(1014, `Parser error: Request is invalid. ${record.validationErrors[0]}`));
    }

    let reply: StandinReply | undefined = queue.shift();
    if (reply === undefined) reply = recorded.get(normalizeXml(body));
    if (reply === undefined && handler !== undefined) reply = await handler(body, parsed, { request: record, index });
    if (reply === undefined) reply = systemError(1, 'Plesk stand-in: no reply configured for this packet');
    return send(res, toResponse(reply));
  }

  async function send(res: ServerResponse, reply: StandinResponse): Promise<void> {
    if (reply.delayMs !== undefined && reply.delayMs > 0) await wait(reply.delayMs);
    if (closing || res.destroyed || res.socket === null || res.socket.destroyed) return;
    if (reply.fault === 'hang') return;
    if (reply.fault === 'reset') {
      const socket = res.socket;
      // A TCP RST where Node can send one (plain TCP sockets); a TLS socket refuses
      // (ERR_INVALID_HANDLE_TYPE), and is closed without a TLS close_notify instead: to the client
      // both are a connection that ended before any response.
      try {
        socket.resetAndDestroy();
      } catch {
        socket.destroy();
      }
      return;
    }
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : Buffer.from(reply.body ?? new Uint8Array(0));
    const headers: Record<string, string> = { 'content-type': 'text/xml; charset=UTF-8' };
    for (const [k, v] of Object.entries(reply.headers ?? {})) headers[k.toLowerCase()] = v;
    headers['content-length'] = String(body.byteLength);
    if (reply.statusText === undefined) res.writeHead(reply.status ?? 200, headers);
    else res.writeHead(reply.status ?? 200, reply.statusText, headers);
    if (reply.fault === 'truncate') {
      const at = Math.max(0, Math.min(body.byteLength - 1, reply.truncateAt ?? Math.floor(body.byteLength / 2)));
      res.write(body.subarray(0, at), () => {
        setImmediate(() => res.socket?.destroy());
      });
      return;
    }
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.address;
  const port = address.port;
  const scheme = options.tls ? 'https' : 'http';
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `${scheme}://${urlHost}:${port}${path}`,
    host,
    port,
    scheme,
    ca,
    connection: { host, port, scheme, path, ...(ca === undefined ? {} : { ca }) },
    requests,
    enqueue(...more: StandinReply[]) {
      queue.push(...more);
    },
    record(requestXml: string, reply: StandinReply) {
      recorded.set(normalizeXml(requestXml), reply);
    },
    setHandler(h: StandinHandler | undefined) {
      handler = h;
    },
    close() {
      closing = true;
      // End pending delays now: their requests see `closing` and answer nothing.
      for (const [t, end] of timers) {
        clearTimeout(t);
        end();
      }
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections?.();
      });
    },
  };
}

function authenticate(
  auth: StandinAuth,
  sent: { readonly login?: string; readonly password?: string; readonly secretKey?: string },
): boolean {
  if (sent.secretKey !== undefined) return (auth.secretKeys ?? []).includes(sent.secretKey);
  if (auth.login === undefined && auth.password === undefined) return false;
  return sent.login === auth.login && sent.password === auth.password;
}
