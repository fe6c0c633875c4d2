/**
 * The client fault matrix: the generated clients (the real tree's `PleskClient` and
 * `clientFor([server.srvMan])`, the embedded tree's `PleskClient`) against servers that misbehave
 * at every layer — TCP, TLS, HTTP framing, HTTP status, body encoding, the packet, the pairing of
 * operations with results — each fault a row of one given/want table.
 *
 * The servers are real sockets on 127.0.0.1 with ephemeral ports: raw `net`/`tls` servers that
 * write the bytes of each answer by hand (so framing faults are exactly what the row says), not
 * the stand-in. Every row checks, besides the class and message of the error:
 * - the class is exported by the tree's client module, `instanceof` works, `name` is the class's;
 * - neither the password nor the secret key is in the message, `cause` chain, JSON or
 *   `util.inspect` of the error, although the fault servers echo the credentials they received;
 * - nothing is left behind: after `close()` every connection the client opened has been closed by
 *   the client (the server closes none itself unless the row says so), no socket, server or timer
 *   of the client stays active in this process (`process.getActiveResourcesInfo()`), and no
 *   promise was rejected unhandled;
 * - promptly: each row runs under a small vitest timeout; the timeouts the rows provoke are 150 ms.
 */
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { gzipSync, deflateSync } from 'node:zlib';
import { inspect } from 'node:util';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from 'plesk-api-codegen-runtime/testing';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR, REPO_ROOT } from '../support/seeds.js';
import { loadCodecs } from '../support/codec.js';

const LOGIN = 'admin';
const PASSWORD = 'fault-Pässw0rd&<x>"';
const SECRET_KEY = 'fault-key-0123456789abcdef-ключ';
const SECRETS = [PASSWORD, SECRET_KEY];

/* ------------------------------------------------------------------ raw servers */

/** One parsed request as a raw server received it. */
interface RawRequest {
  readonly head: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  /** Number of the connection it came on (from 0). */
  readonly connection: number;
}

type Answer = (socket: Socket, request: RawRequest, server: RawServer) => void;

interface RawServer {
  readonly port: number;
  readonly url: string;
  readonly requests: RawRequest[];
  /** Connections still open (by either side). */
  readonly open: Set<Socket>;
  connections: number;
  close(): Promise<void>;
}

const servers: RawServer[] = [];

/**
 * A `net` (or, with `tls`, a TLS) server that reads each HTTP/1.1 request and lets `answer` write
 * raw bytes; `silent` reads everything and never answers.
 */
async function rawServer(answer: Answer, tls?: { key: string; cert: string }, silent = false): Promise<RawServer> {
  const open = new Set<Socket>();
  const requests: RawRequest[] = [];
  let self!: RawServer;
  const onSocket = (socket: Socket): void => {
    const connection = self.connections++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {});
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      // Not HTTP (a TLS ClientHello on a plain port): answer 400 and close, as web servers do.
      if (silent) return;
      if (!/^[A-Z]/.test(buffered.toString('latin1', 0, 1))) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const headers: Record<string, string> = {};
        for (const line of head.split('\r\n').slice(1)) {
          const colon = line.indexOf(':');
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        const length = Number(headers['content-length'] ?? 0);
        if (buffered.byteLength < end + 4 + length) return;
        const body = buffered.subarray(end + 4, end + 4 + length);
        buffered = buffered.subarray(end + 4 + length);
        const request = { head, headers, body, connection };
        requests.push(request);
        answer(socket, request, self);
      }
    });
  };
  const server: Server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, onSocket) : createNetServer(onSocket);
  if (tls) server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  self = {
    port,
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    open,
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(self);
  return self;
}

/** Writes a raw HTTP/1.1 response; `body` gets a Content-Length unless `headers` sets the framing itself. */
function respond(socket: Socket, status: string, headers: Record<string, string>, body: string | Buffer = ''): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const all: Record<string, string> = { 'Content-Type': 'text/xml; charset=UTF-8', ...headers };
  if (!Object.keys(all).some((k) => /^(content-length|transfer-encoding)$/i.test(k))) all['Content-Length'] = String(bytes.byteLength);
  const head = `HTTP/1.1 ${status}\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
  socket.write(Buffer.concat([Buffer.from(head, 'latin1'), bytes]));
}

/** The credentials as the server received them (the header bytes read as UTF-8), for echoing back. */
const echo = (r: RawRequest): string => Buffer.from(`${r.headers['http_auth_passwd'] ?? ''}${r.headers['key'] ?? ''}`, 'latin1').toString('utf8');

const xmlEscape = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const okSrvMan = (id = 'web', version = '1.6.9.1'): string =>
  `<?xml version="1.0" encoding="UTF-8"?><packet version="${version}"><server><srv_man><result><status>ok</status><id>${id}</id></result></srv_man></server></packet>`;

/** A port nothing listens on (a server bound and closed again). */
async function closedPort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/* ------------------------------------------------------------------ the clients */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

interface Flavour {
  name: string;
  /** The tree's client module (error classes, `PleskClient`). */
  module: Any;
  make(options: object): Any;
}

const flavours: Flavour[] = [];
let certs: { good: { key: string; cert: string }; otherName: { key: string; cert: string }; expired: { key: string; cert: string } };

beforeAll(async () => {
  const real = await loadCodecs(REAL_SCHEMAS_DIR);
  const realClient = await import(pathToFileURL(join(real.tree, 'client.ts')).href);
  const realFor = await import(pathToFileURL(join(real.tree, 'client-for.ts')).href);
  const realServer = await import(pathToFileURL(join(real.tree, 'operators/server.ts')).href);
  const embedded = await import(pathToFileURL(join(REPO_ROOT, 'generated/1.6.9.1/client.ts')).href);
  void EMBEDDED_SCHEMAS_DIR;
  flavours.push(
    { name: 'real PleskClient', module: realClient, make: (o) => new realClient.PleskClient(o) },
    { name: 'real clientFor([server.srvMan])', module: realClient, make: (o) => realFor.clientFor([realServer.srvMan], o) },
    { name: 'embedded PleskClient', module: embedded, make: (o) => new embedded.PleskClient(o) },
  );
  const [good, otherName, expired] = await Promise.all([
    createSelfSignedCertificate(),
    createSelfSignedCertificate({ dnsNames: ['plesk.example'], ipAddresses: [] }),
    // Valid from an hour ago until ten minutes ago.
    createSelfSignedCertificate({ validDays: -10 / 1440 }),
  ]);
  certs = { good, otherName, expired };
});

/* ------------------------------------------------------------------ leak and rejection watch */

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => void unhandled.push(e);
process.on('unhandledRejection', onUnhandled);
process.on('uncaughtException', onUnhandled);
let baseline: Map<string, number>;

const countResources = (): Map<string, number> => {
  const m = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) m.set(r, (m.get(r) ?? 0) + 1);
  return m;
};
/** Resources of the kinds a client could leak, above the baseline taken before the first row. */
const leaked = (): string[] => {
  const now = countResources();
  return ['TCPSocketWrap', 'TLSWrap', 'TCPServerWrap', 'Timeout', 'GetAddrInfoReqWrap'].flatMap((k) =>
    (now.get(k) ?? 0) > (baseline.get(k) ?? 0) ? [`${k} ×${(now.get(k) ?? 0) - (baseline.get(k) ?? 0)}`] : [],
  );
};
const settle = async (until: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !until(); i++) await new Promise((r) => setTimeout(r, 2));
};

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
});

/* ------------------------------------------------------------------ the table */

const srvMan = { id: 'web', operation: 'stop' };
const call = (c: Any, opts?: object): Promise<unknown> => c.server.srvMan(srvMan, opts);
const pair = (c: Any): Promise<unknown> => c.batch((op: Any) => [op.server.srvMan(srvMan), op.server.srvMan({ id: 'mail', operation: 'stop' })]);
/** Calls `server.srvMan` and aborts it `delayMs` after the server has the request. */
const abortOnceReceived = (c: Any, server: RawServer | undefined, delayMs: number): Promise<unknown> => {
  const ac = new AbortController();
  const p = call(c, { signal: ac.signal });
  const wait = setInterval(() => {
    if (server!.requests.length > 0) {
      clearInterval(wait);
      setTimeout(() => ac.abort(), delayMs);
    }
  }, 2);
  return p.finally(() => clearInterval(wait));
};

interface Row {
  fault: string;
  /** Starts the server; returns the client options' endpoint part. */
  given: () => Promise<{ url: string; server?: RawServer; options?: object }>;
  /** The call; default `server.srvMan`. */
  act?: (client: Any, server: RawServer | undefined) => Promise<unknown>;
  /** Client options for this row (merged over the defaults). */
  options?: object;
  want: {
    /** The exported class name; `resolves` = the call succeeds. */
    error: string | 'resolves';
    code?: string;
    /** Parts the message must hold. */
    message?: (string | RegExp)[];
    /** Fields the error must have. */
    fields?: Record<string, unknown>;
    /** The client must drop the connection by itself (the exchange was abandoned half-way). */
    drops?: boolean;
    /** Checks on the resolved value or the error and the server. */
    check?: (outcome: unknown, server: RawServer | undefined) => void;
  };
}

const answering = (answer: Answer, tls?: 'good') => async () => {
  const server = await rawServer(answer, tls === undefined ? undefined : certs[tls]);
  return { url: server.url, server };
};

/*
 * Markers in the table: the rows between EVERY_TREE and TRANSPORT_ONLY depend on the tree's codec
 * (parsing, encodings, packet pairing) and run against every client; the others exercise the
 * transport and core, which every client shares, and run against the real PleskClient only.
 */
const EVERY_TREE = 'every tree' as const;
const TRANSPORT_ONLY = 'transport only' as const;
const table: (Row | typeof EVERY_TREE | typeof TRANSPORT_ONLY)[] = [
  /* -------------------------------------------------- no response */
  {
    fault: 'connection refused',
    given: async () => ({ url: `http://127.0.0.1:${await closedPort()}` }),
    want: { error: 'PleskNetworkError', code: 'PLESK_NETWORK_ERROR', fields: { errorCode: 'ECONNREFUSED' }, message: ['127.0.0.1', 'ECONNREFUSED'] },
  },
  {
    fault: 'DNS failure (a .invalid host)',
    given: async () => ({ url: 'https://plesk.invalid:8443' }),
    want: { error: 'PleskNetworkError', code: 'PLESK_NETWORK_ERROR', fields: { errorCode: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/) }, message: ['plesk.invalid'] },
  },
  {
    fault: 'server closes the socket before the headers',
    given: answering((s) => s.end()),
    want: { error: 'PleskNetworkError', fields: { errorCode: 'ECONNRESET' }, message: ['127.0.0.1', /socket hang up|closed/] },
  },
  {
    fault: 'server resets the connection before the headers',
    given: answering((s) => s.resetAndDestroy()),
    want: { error: 'PleskNetworkError', fields: { errorCode: 'ECONNRESET' } },
  },
  {
    fault: 'server answers garbage instead of an HTTP status line',
    given: answering((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n')),
    want: { error: 'PleskNetworkError', message: ['127.0.0.1'] },
  },
  /* -------------------------------------------------- TLS */
  {
    fault: 'TLS: self-signed certificate, no ca (rejected by default)',
    given: answering((s) => respond(s, '200 OK', {}, okSrvMan()), 'good'),
    want: { error: 'PleskTlsError', code: 'PLESK_TLS_ERROR', fields: { errorCode: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY/) }, message: ['Pass its certificate as `ca`'] },
  },
  {
    fault: 'TLS: certificate for another host name (trusted via ca)',
    given: async () => {
      const server = await rawServer((s) => respond(s, '200 OK', {}, okSrvMan()), certs.otherName);
      return { url: server.url, server, options: { ca: certs.otherName.cert } };
    },
    // (Trust is not what failed: no hint to configure `ca`.)
    want: { error: 'PleskTlsError', fields: { errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' }, message: ['127.0.0.1', /altnames[^`]*$/] },
  },
  {
    fault: 'TLS: expired certificate (trusted via ca)',
    given: async () => {
      const server = await rawServer((s) => respond(s, '200 OK', {}, okSrvMan()), certs.expired);
      return { url: server.url, server, options: { ca: certs.expired.cert } };
    },
    want: { error: 'PleskTlsError', fields: { errorCode: 'CERT_HAS_EXPIRED' }, message: [/certificate has expired$/] },
  },
  {
    fault: 'TLS client, plain HTTP server',
    given: async () => {
      const server = await rawServer((s) => respond(s, '200 OK', {}, okSrvMan()));
      return { url: server.url.replace('http:', 'https:'), server };
    },
    want: { error: 'PleskTlsError', fields: { errorCode: expect.stringMatching(/WRONG_VERSION_NUMBER|EPROTO/) }, message: ['https://127.0.0.1'] },
  },
  {
    fault: 'plain HTTP client, TLS server',
    given: async () => {
      const server = await rawServer((s) => respond(s, '200 OK', {}, okSrvMan()), certs.good);
      return { url: server.url.replace('https:', 'http:'), server };
    },
    want: { error: 'PleskNetworkError', message: ['http://127.0.0.1'] },
  },
  /* -------------------------------------------------- the body breaks off */
  {
    fault: 'server closes after the headers (no body byte)',
    given: answering((s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 120\r\n\r\n');
      setTimeout(() => s.destroy(), 5);
    }),
    want: { error: 'PleskTruncatedResponseError', code: 'PLESK_TRUNCATED_RESPONSE', fields: { status: 200, receivedBytes: 0, expectedBytes: 120 } },
  },
  {
    fault: 'server closes mid-body (Content-Length larger than the body)',
    given: answering((s) => {
      s.write(`HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 500\r\n\r\n${okSrvMan().slice(0, 50)}`);
      setTimeout(() => s.destroy(), 5);
    }),
    want: { error: 'PleskTruncatedResponseError', fields: { receivedBytes: 50, expectedBytes: 500 }, message: ['50', '500'] },
  },
  {
    fault: 'chunked body ended without its last chunk',
    given: answering((s) => {
      const part = okSrvMan().slice(0, 40);
      s.write(`HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n${part.length.toString(16)}\r\n${part}\r\n`);
      setTimeout(() => s.end(), 5);
    }),
    want: { error: 'PleskTruncatedResponseError', fields: { receivedBytes: 40, expectedBytes: undefined }, message: ['chunked'] },
  },
  {
    fault: 'body without length, ended by closing the connection (HTTP/1.0 framing) — valid',
    given: answering((s) => {
      s.end(`HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n${okSrvMan()}`);
    }),
    want: { error: 'resolves', check: (v) => expect(v).toMatchObject({ status: 'ok', id: 'web' }) },
  },
  /* -------------------------------------------------- HTTP status */
  ...[301, 302, 307, 308].map(
    (status): Row => ({
      fault: `HTTP ${status} redirect (not followed)`,
      given: answering((s, r) =>
        respond(s, `${status} Moved`, { Location: `https://elsewhere.example:8443/enterprise/control/agent.php?pw=${encodeURIComponent(echo(r))}`, 'Content-Type': 'text/html' }, '<html>moved</html>'),
      ),
      want: {
        error: 'PleskHttpError',
        code: 'PLESK_HTTP_ERROR',
        fields: { status, location: expect.stringContaining('https://elsewhere.example:8443/') },
        message: [`HTTP ${status}`, 'redirect', 'elsewhere.example', 'not followed'],
        check: (_e, server) => expect(server!.requests).toHaveLength(1),
      },
    }),
  ),
  ...[
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
    [404, 'Not Found'],
  ].map(
    ([status, text]): Row => ({
      fault: `HTTP ${status} ${text}`,
      given: answering((s, r) => respond(s, `${status} ${text}`, { 'Content-Type': 'text/plain' }, `${text}: ${echo(r)}`)),
      want: { error: 'PleskHttpError', fields: { status, statusText: text, bodySnippet: `${text}: [REDACTED]` }, message: [`HTTP ${status} ${text}`, '127.0.0.1'] },
    }),
  ),
  ...[
    [500, 'Internal Server Error'],
    [502, 'Bad Gateway'],
    [503, 'Service Unavailable'],
  ].map(
    ([status, text]): Row => ({
      fault: `HTTP ${status} with an HTML page`,
      given: answering((s, r) =>
        respond(
          s,
          `${status} ${text}`,
          { 'Content-Type': 'text/html' },
          `<!DOCTYPE html>\n<html><head><title>${status} ${text}</title><style>body{color:red}</style></head><body><h1>${text}</h1><p>nginx, for ${xmlEscape(echo(r))}</p></body></html>`,
        ),
      ),
      want: {
        error: 'PleskHttpError',
        fields: { status, contentType: 'text/html' },
        message: [`HTTP ${status} ${text}`, '127.0.0.1'],
        check: (e) => expect((e as { bodySnippet: string }).bodySnippet).toMatch(new RegExp(`^<!DOCTYPE html>\n<html><head><title>${status} ${text}</title>.*\\[REDACTED\\]</p></body></html>$`)),
      },
    }),
  ),
  /* -------------------------------------------------- 200 with something that is not a packet (from here on: every tree) */
  EVERY_TREE,
  {
    fault: '200 with an empty body',
    given: answering((s) => respond(s, '200 OK', {}, '')),
    want: { error: 'PleskResponseError', code: 'PLESK_RESPONSE_ERROR', fields: { bodySnippet: '' }, message: ['root element'] },
  },
  {
    fault: '200 with a non-XML body',
    given: answering((s, r) => respond(s, '200 OK', { 'Content-Type': 'text/plain' }, `OK ${echo(r)}`)),
    want: { error: 'PleskResponseError', fields: { contentType: 'text/plain', bodySnippet: 'OK [REDACTED]' }, message: ['line 1'] },
  },
  {
    fault: '200 with an HTML page',
    given: answering((s) => respond(s, '200 OK', { 'Content-Type': 'text/html' }, '<!DOCTYPE html><html><body>Plesk login</body></html>')),
    want: { error: 'PleskResponseError', message: ['HTML'] },
  },
  {
    fault: 'XML well-formed but not a response packet of the schema (strict parse, with path)',
    given: answering((s) =>
      respond(s, '200 OK', {}, '<packet version="1.6.9.1"><server><srv_man><result><status>maybe</status><id>web</id></result></srv_man></server></packet>'),
    ),
    want: { error: 'PleskResponseError', fields: { path: expect.stringContaining('status') }, message: ['status', 'maybe'] },
  },
  {
    fault: 'XML cut short inside an element (complete HTTP answer)',
    given: answering((s) => respond(s, '200 OK', {}, okSrvMan().slice(0, 90))),
    want: { error: 'PleskResponseError', fields: { line: 1 }, message: ['line 1:'] },
  },
  /* -------------------------------------------------- encodings */
  {
    // The client reads UTF-8 (and US-ASCII) only, as Plesk writes: another encoding is refused.
    fault: 'body in ISO-8859-1, declared in the XML declaration',
    given: answering((s) =>
      respond(s, '200 OK', { 'Content-Type': 'text/xml' }, Buffer.from(okSrvMan('café').replace('UTF-8', 'ISO-8859-1'), 'latin1')),
    ),
    // (The bytes are checked as UTF-8 before the declaration is read; the snippet shows it.)
    want: { error: 'PleskResponseError', fields: { bodySnippet: expect.stringContaining('encoding="ISO-8859-1"') }, message: ['not valid UTF-8'] },
  },
  {
    fault: 'body in windows-1251, charset in Content-Type only',
    given: answering((s) => {
      const xml = okSrvMan('служба').replace('<?xml version="1.0" encoding="UTF-8"?>', '');
      const bytes = Buffer.from([...xml].map((ch) => (ch.charCodeAt(0) < 128 ? ch.charCodeAt(0) : 0xe0 + 'абвгдежзийклмнопрстуфхцчшщъыьэюя'.indexOf(ch))));
      respond(s, '200 OK', { 'Content-Type': 'text/xml; charset=windows-1251' }, bytes);
    }),
    want: { error: 'PleskResponseError', fields: { contentType: 'text/xml; charset=windows-1251' }, message: ['not valid UTF-8'] },
  },
  {
    fault: 'body declared and sent in windows-1251, charset in Content-Type too',
    given: answering((s) => {
      const xml = okSrvMan('служба').replace('UTF-8', 'windows-1251');
      const bytes = Buffer.from([...xml].map((ch) => (ch.charCodeAt(0) < 128 ? ch.charCodeAt(0) : 0xe0 + 'абвгдежзийклмнопрстуфхцчшщъыьэюя'.indexOf(ch))));
      respond(s, '200 OK', { 'Content-Type': 'text/xml; charset=windows-1251' }, bytes);
    }),
    want: { error: 'PleskResponseError', fields: { bodySnippet: expect.stringContaining('encoding="windows-1251"') }, message: ['not valid UTF-8'] },
  },
  {
    fault: 'body not valid UTF-8 although declared UTF-8',
    given: answering((s) => respond(s, '200 OK', {}, Buffer.from(okSrvMan('caf\u00e9'), 'latin1'))),
    want: { error: 'PleskResponseError', message: ['UTF-8'] },
  },
  {
    fault: 'UTF-8 body with a BOM and non-ASCII text (valid)',
    given: answering((s) => respond(s, '200 OK', {}, `\uFEFF${okSrvMan('café-служба-€')}`)),
    want: { error: 'resolves', check: (v) => expect(v).toMatchObject({ id: 'café-служба-€' }) },
  },
  {
    // The client sends Accept-Encoding: identity; a server that compresses anyway is refused, named.
    fault: 'gzip Content-Encoding although the client asked for identity',
    given: answering((s, r) => {
      expect(r.headers['accept-encoding']).toBe('identity');
      respond(s, '200 OK', { 'Content-Encoding': 'gzip' }, gzipSync(okSrvMan('zipped')));
    }),
    want: { error: 'PleskResponseError', message: ['compressed', 'Content-Encoding'] },
  },
  {
    fault: 'deflate Content-Encoding although the client asked for identity',
    given: answering((s) => respond(s, '200 OK', { 'Content-Encoding': 'deflate' }, deflateSync(okSrvMan('deflated')))),
    want: { error: 'PleskResponseError', message: ['compressed'] },
  },
  {
    fault: 'Content-Encoding: identity (valid)',
    given: answering((s) => respond(s, '200 OK', { 'Content-Encoding': 'identity' }, okSrvMan())),
    want: { error: 'resolves' },
  },
  TRANSPORT_ONLY,
  /* -------------------------------------------------- size and time */
  {
    fault: 'huge body announced by Content-Length (over maxResponseBytes)',
    options: { maxResponseBytes: 100_000 },
    given: answering((s) => s.write('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5000000000\r\n\r\n<packet>')),
    want: { drops: true, error: 'PleskResponseError', message: ['larger than 100000 bytes', 'maxResponseBytes'] },
  },
  {
    fault: 'huge chunked body streamed without end (over maxResponseBytes)',
    options: { maxResponseBytes: 100_000 },
    given: answering((s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n');
      const chunk = `4000\r\n${'x'.repeat(0x4000)}\r\n`;
      const pump = (): void => {
        while (!s.destroyed && s.write(chunk));
        if (!s.destroyed) s.once('drain', pump);
      };
      pump();
    }),
    want: { drops: true, error: 'PleskResponseError', message: ['larger than 100000 bytes'] },
  },
  {
    fault: 'headers never come (timeout covers the wait)',
    options: { timeoutMs: 150 },
    given: answering(() => {}),
    want: { drops: true, error: 'PleskTimeoutError', code: 'PLESK_TIMEOUT', fields: { timeoutMs: 150 }, message: ['150 ms', '127.0.0.1'] },
  },
  {
    fault: 'TLS handshake never answered (timeout covers it)',
    options: { timeoutMs: 150 },
    given: async () => {
      // A plain TCP server that reads the ClientHello and says nothing.
      const server = await rawServer(() => {}, undefined, true);
      return { url: server.url.replace('http:', 'https:'), server };
    },
    want: { drops: true, error: 'PleskTimeoutError', fields: { timeoutMs: 150 }, message: ['https://127.0.0.1'] },
  },
  {
    fault: 'headers announce a body that never comes (timeout)',
    options: { timeoutMs: 150 },
    given: answering((s) => s.write('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 300\r\n\r\n')),
    want: { drops: true, error: 'PleskTimeoutError', fields: { timeoutMs: 150 } },
  },
  {
    fault: 'body trickles forever (timeout covers the whole exchange, not only idle time)',
    options: { timeoutMs: 150 },
    given: answering((s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n');
      const tick = setInterval(() => (s.destroyed ? clearInterval(tick) : s.write('1\r\n \r\n')), 10);
      s.on('close', () => clearInterval(tick));
    }),
    want: { drops: true, error: 'PleskTimeoutError', fields: { timeoutMs: 150 } },
  },
  {
    fault: 'connect to an unroutable address (TEST-NET-1): timeout, or refused where the network says so at once',
    options: { timeoutMs: 150 },
    // Where the SYN goes unanswered the timeout ends the wait; a sandbox without routes refuses at once.
    given: async () => ({ url: 'http://192.0.2.1:8880' }),
    want: { error: expect.stringMatching(/^(PleskTimeoutError|PleskNetworkError)$/) as unknown as string },
  },
  /* -------------------------------------------------- caller aborts */
  {
    fault: 'abort before sending (signal already aborted)',
    given: answering((s) => respond(s, '200 OK', {}, okSrvMan())),
    act: (c) => call(c, { signal: AbortSignal.abort(new Error('not now')) }),
    want: {
      error: 'PleskAbortError',
      code: 'PLESK_ABORTED',
      fields: { reason: expect.objectContaining({ message: 'not now' }) },
      check: (_e, server) => expect(server!.connections).toBe(0),
    },
  },
  {
    fault: 'abort while the server holds the request',
    given: answering(() => {}),
    act: (c, server) => abortOnceReceived(c, server, 0),
    want: { error: 'PleskAbortError', drops: true },
  },
  {
    fault: 'abort while the body arrives',
    given: answering((s) => s.write(`HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 400\r\n\r\n${okSrvMan().slice(0, 30)}`)),
    act: (c, server) => abortOnceReceived(c, server, 20),
    want: { error: 'PleskAbortError', drops: true },
  },
  EVERY_TREE,
  /* -------------------------------------------------- the packet */
  {
    fault: 'packet-level <system> error (errcode 1001, auth failed, HTTP 200 as Plesk answers)',
    given: answering((s) =>
      respond(s, '200 OK', {}, '<packet version="1.6.9.1"><system><status>error</status><errcode>1001</errcode><errtext>Authentication failed</errtext></system></packet>'),
    ),
    want: { error: 'PleskSystemError', code: 'PLESK_SYSTEM_ERROR', fields: { errcode: 1001, errtext: 'Authentication failed' }, message: ['1001', 'Authentication failed'] },
  },
  {
    fault: 'packet-level <system> error echoing the password',
    given: answering((s, r) =>
      respond(
        s,
        '200 OK',
        {},
        `<packet version="1.6.9.1"><system><status>error</status><errcode>1014</errcode><errtext>Parser error: bad password ${xmlEscape(echo(r))}</errtext></system></packet>`,
      ),
    ),
    want: { error: 'PleskSystemError', fields: { errcode: 1014, errtext: 'Parser error: bad password [REDACTED]' } },
  },
  {
    fault: 'operation result status=error (typed per operation)',
    given: answering((s) =>
      respond(
        s,
        '200 OK',
        {},
        `<packet version="1.6.9.1"><server><srv_man><result><status>error</status><errcode>1013</errcode><errtext>Service 'web' does not exist</errtext></result></srv_man></server></packet>`,
      ),
    ),
    want: {
      error: 'PleskOperationError',
      code: 'PLESK_OPERATION_ERROR',
      fields: { errcode: 1013, operator: 'server', operation: 'srvMan', index: 0 },
      message: ['server.srvMan', '1013', "Service 'web' does not exist"],
    },
  },
  {
    fault: 'one operation of two fails: the other is still returned (batchSettled)',
    given: answering((s) =>
      respond(
        s,
        '200 OK',
        {},
        `<packet version="1.6.9.1"><server><srv_man><result><status>ok</status><id>web</id></result></srv_man><srv_man><result><status>error</status><errcode>1013</errcode><errtext>no mail</errtext></result></srv_man></server></packet>`,
      ),
    ),
    act: (c) => c.batchSettled((op: Any) => [op.server.srvMan(srvMan), op.server.srvMan({ id: 'mail', operation: 'stop' })]),
    want: {
      error: 'resolves',
      check: (v) => {
        const [a, b] = v as Any[];
        expect(a).toMatchObject({ ok: true, value: { status: 'ok', id: 'web' } });
        expect(b).toMatchObject({ ok: false, index: 1, error: { errcode: 1013, errtext: 'no mail', operator: 'server', operation: 'srvMan' } });
      },
    },
  },
  {
    fault: 'fewer results than operations',
    given: answering((s) => respond(s, '200 OK', {}, okSrvMan())),
    act: pair,
    want: { error: 'PleskResponseError', message: ['1', '2', 'server.srvMan'] },
  },
  {
    fault: 'more results than operations',
    given: answering((s) =>
      respond(s, '200 OK', {}, okSrvMan().replace('</srv_man>', '</srv_man><srv_man><result><status>ok</status><id>extra</id></result></srv_man>')),
    ),
    want: { error: 'PleskResponseError', message: ['2', '1'] },
  },
  {
    fault: 'result of another operation than asked (wrong operator or order)',
    given: answering((s) =>
      respond(s, '200 OK', {}, '<packet version="1.6.9.1"><server><get_protos><result><status>ok</status><protos><proto>http</proto></protos></result></get_protos></server></packet>'),
    ),
    // (PleskClient pairs and names both; clientFor's narrowed packet refuses the element while parsing.)
    want: { error: 'PleskResponseError', message: [/get_?[pP]rotos/] },
  },
  {
    fault: 'response with another protocol version, otherwise valid (accepted)',
    given: answering((s) => respond(s, '200 OK', {}, okSrvMan('web', '1.6.3.0'))),
    want: { error: 'resolves', check: (v) => expect(v).toMatchObject({ status: 'ok' }) },
  },
  {
    fault: 'response with another protocol version that does not fit the schema',
    given: answering((s) =>
      respond(s, '200 OK', {}, '<packet version="1.4.0.0"><server><srv_man><result><status>ok</status><id>web</id><legacy/></result></srv_man></server></packet>'),
    ),
    want: { error: 'PleskResponseError', fields: { path: expect.stringContaining('legacy'), line: 1 }, message: ['legacy'] },
  },
  TRANSPORT_ONLY,
  /* -------------------------------------------------- connections */
  {
    fault: 'Connection: close between reused requests',
    given: answering((s) => {
      respond(s, '200 OK', { Connection: 'close' }, okSrvMan());
      s.end();
    }),
    act: async (c) => {
      for (let i = 0; i < 3; i++) await call(c);
    },
    want: { error: 'resolves', check: (_v, server) => expect(server!.connections).toBe(3) },
  },
  {
    fault: 'kept-alive connection closed by the server while idle: the next request opens a new one',
    given: answering((s) => {
      respond(s, '200 OK', {}, okSrvMan());
      setTimeout(() => s.end(), 5);
    }),
    act: async (c, server) => {
      await call(c);
      await settleUntil(() => server!.open.size === 0);
      await call(c);
    },
    want: { error: 'resolves', check: (_v, server) => expect(server!.connections).toBe(2) },
  },
  {
    // The race no client can win without retrying: the server ends a kept-alive connection right
    // after its answer, without `Connection: close`, and the next request goes out on it before
    // the close arrives. Nothing is retried (Plesk operations change things): each call either
    // succeeds or fails with a PleskNetworkError ECONNRESET, typed, with nothing left behind.
    fault: 'kept-alive connection ended by the server right after each answer, next request at once',
    given: answering((s) => {
      respond(s, '200 OK', {}, okSrvMan());
      s.end();
    }),
    act: async (c) => {
      const outcomes: string[] = [];
      for (let i = 0; i < 10; i++) {
        outcomes.push(
          await call(c).then(
            () => 'ok',
            (e: Any) => `${e.name} ${e.errorCode}`,
          ),
        );
      }
      return outcomes;
    },
    want: {
      error: 'resolves',
      check: (v) => {
        expect((v as string[])[0]).toBe('ok');
        for (const o of v as string[]) expect(o).toMatch(/^(ok|PleskNetworkError ECONNRESET)$/);
      },
    },
  },
  {
    // The same server, read-only calls (every operation a get…): the one retry on a fresh
    // connection makes each of them succeed; the server sees the request that met the closed
    // connection only if it had read it, which for a read does no harm.
    fault: 'kept-alive connection ended right after each answer: read-only calls are sent again once',
    given: answering((s, r) => {
      respond(
        s,
        '200 OK',
        {},
        r.body.includes('get_protos')
          ? '<packet version="1.6.9.1"><server><get_protos><result><status>ok</status><protos><proto>http</proto></protos></result></get_protos></server></packet>'
          : okSrvMan(),
      );
      s.end();
    }),
    act: async (c, server) => {
      for (let i = 0; i < 10; i++) await c.server.getProtos();
      // A packet that also changes something is never sent twice: one request per call.
      const before = server!.requests.length;
      const mixed = await c
        .batch((op: Any) => [op.server.getProtos(), op.server.srvMan(srvMan)])
        .then(
          () => 'ok',
          (e: Any) => `${e.name} ${e.errorCode}`,
        );
      return { mixed, sent: server!.requests.length - before };
    },
    want: {
      error: 'resolves',
      check: (v, server) => {
        const { mixed, sent } = v as { mixed: string; sent: number };
        expect(mixed).toMatch(/^(ok|PleskNetworkError ECONNRESET)$/);
        expect(sent).toBeLessThanOrEqual(1);
        expect(server!.connections).toBeGreaterThanOrEqual(10);
      },
    },
  },
  {
    fault: 'Keep-Alive: timeout=1 hint: the connection is not kept',
    given: answering((s) => respond(s, '200 OK', { 'Keep-Alive': 'timeout=1' }, okSrvMan())),
    act: async (c) => {
      await call(c);
      await call(c);
    },
    want: { error: 'resolves' },
  },
  {
    fault: 'concurrent requests: each gets its own answer',
    given: answering((s, r) => {
      const id = /<id>([^<]*)<\/id>/.exec(r.body.toString('utf8'))?.[1] ?? '?';
      setTimeout(() => respond(s, '200 OK', {}, okSrvMan(id)), (id.length * 7) % 20);
    }),
    act: (c) => Promise.all(['web', 'mail', 'dns', 'ftp', 'sshd', 'mysql', 'postgresql', 'fail2ban'].map((id) => c.server.srvMan({ id, operation: 'stop' }))),
    want: {
      error: 'resolves',
      check: (v) => expect((v as Any[]).map((r) => r.id)).toEqual(['web', 'mail', 'dns', 'ftp', 'sshd', 'mysql', 'postgresql', 'fail2ban']),
    },
  },
];

const settleUntil = settle;

/** The rows, each with the clients it runs against (indexes into `flavours`). */
const rows: (Row & { trees: number[] })[] = [];
{
  let trees = [0];
  for (const entry of table) {
    if (entry === EVERY_TREE) trees = [0, 1, 2];
    else if (entry === TRANSPORT_ONLY) trees = [0];
    else rows.push({ ...entry, trees });
  }
}

/* ------------------------------------------------------------------ the run */

const views = (e: unknown): string => {
  const out: string[] = [inspect(e, { depth: Infinity, showHidden: true }), JSON.stringify(e) ?? ''];
  for (let c: unknown = e, d = 0; c instanceof Error && d < 10; c = c.cause, d++) out.push(c.stack ?? '', c.message, JSON.stringify(c) ?? '');
  return out.join('\n');
};

describe.each([
  [0, 'real PleskClient'],
  [1, 'real clientFor([server.srvMan])'],
  [2, 'embedded PleskClient'],
])('client fault matrix (%i: %s)', (which) => {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it.each(rows.filter((r) => r.trees.includes(which)).map((r) => [r.fault, r] as const))('%s', { timeout: 5000 }, async (_name, row) => {
    const flavour = flavours[which]!;
    baseline ??= countResources();
    const given = await row.given();
    const secretKey = row.fault.includes('HTTP 40') || row.fault.includes('non-XML');
    const client = flavour.make({
      url: given.url,
      auth: secretKey ? { secretKey: SECRET_KEY } : { login: LOGIN, password: PASSWORD },
      timeoutMs: 2000,
      ...(given.url.startsWith('https') && !('ca' in (given.options ?? {})) && !row.fault.startsWith('TLS: self-signed') && !row.fault.startsWith('TLS client') ? { ca: certs.good.cert } : {}),
      ...row.options,
      ...given.options,
    });
    const outcome = await (row.act ?? call)(client, given.server).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    // A request given up half-way (timeout, abort, a body over the limit) leaves no connection
    // behind, even before close(): it cannot be reused, the client drops it.
    if (row.want.drops) {
      await settle(() => given.server!.open.size === 0);
      expect(given.server!.open.size, 'connection of an abandoned request still open').toBe(0);
    }
    await client.close();
    const m = flavour.module;
    if (row.want.error === 'resolves') {
      if (!outcome.ok) throw new Error(`${flavour.name}: expected success, got ${views(outcome.error).slice(0, 600)}`);
      row.want.check?.(outcome.value, given.server);
    } else {
      expect(outcome.ok, `${flavour.name}: expected ${String(row.want.error)}, got a value`).toBe(false);
      const e = (outcome as { error: Any }).error;
      expect(e, `${flavour.name}: ${views(e).slice(0, 800)}`).toBeInstanceOf(m.PleskClientError);
      expect(e.name).toEqual(row.want.error);
      expect(e).toBeInstanceOf(m[e.name]);
      if (row.want.code) expect(e.code).toBe(row.want.code);
      for (const part of row.want.message ?? []) expect(e.message).toMatch(typeof part === 'string' ? new RegExp(part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : part);
      if (row.want.fields) expect(e).toMatchObject(row.want.fields);
      row.want.check?.(e, given.server);
      const view = views(e);
      for (const secret of SECRETS) expect(view.includes(secret), `secret in ${e.name}: ${view.slice(0, 400)}`).toBe(false);
    }
    // Every connection the client opened is closed by the client (after close()), nothing stays active.
    const server = given.server;
    if (server) {
      await settle(() => server.open.size === 0);
      expect(server.open.size, 'connections left open by the client').toBe(0);
    }
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await settle(() => leaked().length === 0);
    expect(leaked()).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});

/* ------------------------------------------------------------------ faults for users' own tests */

describe("the stand-in simulates Plesk's faults for users' tests (testing/standin of the tree)", () => {
  it('operationErrors answers every operation of the request with its failed result, in order; the client settles each', async () => {
    const testing = await import(pathToFileURL(join(REPO_ROOT, 'generated/1.6.9.1/testing/standin.ts')).href);
    const { PleskClient, PleskOperationError } = flavours[2]!.module;
    const standin = await testing.startStandin({
      auth: { login: LOGIN, password: PASSWORD },
      handler: (xml: string) => testing.replies.operationErrors(xml, 1013, "Service 'x' & co. does not exist"),
    });
    const client = new PleskClient({ ...standin.connection, auth: { login: LOGIN, password: PASSWORD } });
    try {
      const settled = await client.batchSettled((op: Any) => [
        op.server.srvMan({ id: 'web', operation: 'stop' }),
        op.backupManager.backupServer({ local: true, description: 'weekly' }),
        op.server.srvMan({ id: 'mail', operation: 'start' }),
      ]);
      expect(settled.map((s: Any) => [s.ok, s.operator, s.operation, s.index, s.error.errcode, s.error.errtext])).toEqual([
        [false, 'server', 'srvMan', 0, 1013, "Service 'x' & co. does not exist"],
        [false, 'backupManager', 'backupServer', 1, 1013, "Service 'x' & co. does not exist"],
        [false, 'server', 'srvMan', 2, 1013, "Service 'x' & co. does not exist"],
      ]);
      await expect(client.server.getProtos()).rejects.toBeInstanceOf(PleskOperationError);
      // The reply of a request as the wire carried it, flag operation and operator order kept.
      expect(testing.replies.operationErrors('<?xml version="1.0"?><packet version="1.6.9.1"><server><get_protos/></server><!-- c --><backup-manager><backup-server><local/></backup-server></backup-manager></packet>', 1, 'e')).toBe(
        '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.1"><server><get_protos><result><status>error</status><errcode>1</errcode><errtext>e</errtext></result></get_protos></server><backup-manager><backup-server><result><status>error</status><errcode>1</errcode><errtext>e</errtext></result></backup-server></backup-manager></packet>',
      );
    } finally {
      await client.close();
      await standin.close();
    }
  });

  it('redirect answers a 3xx that the client refuses to follow, naming the location', async () => {
    const testing = await import(pathToFileURL(join(REPO_ROOT, 'generated/1.6.9.1/testing/standin.ts')).href);
    const { PleskClient, PleskHttpError } = flavours[2]!.module;
    const standin = await testing.startStandin({ replies: [testing.replies.redirect('https://plesk.example:8443/enterprise/control/agent.php', 301)] });
    const client = new PleskClient({ ...standin.connection, auth: { login: LOGIN, password: PASSWORD } });
    try {
      const e = await call(client).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PleskHttpError);
      expect(e).toMatchObject({ status: 301, location: 'https://plesk.example:8443/enterprise/control/agent.php' });
      expect(standin.requests).toHaveLength(1);
    } finally {
      await client.close();
      await standin.close();
    }
  });
});
