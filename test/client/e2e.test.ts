/**
 * End to end over real loopback sockets: the rendered client (templates/plesk/client.ts.hbs on the
 * fixture codec, see support/tree.ts) against the Plesk stand-in, both used through
 * the tree exactly as downstream code would use them.
 */
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { buildFixtureTree } from './support/tree.js';
import { seedSample, EMBEDDED_SCHEMAS_DIR, type SeedSampleId } from '../support/seeds.js';
import { validatorsFor } from '../support/libxml.js';
import type { RequestPacket } from './fixture/request.js';

type ClientModule = typeof import('./support/client-shape.js');
type StandinModule = typeof import('plesk-api-codegen-runtime/testing');
type Client = InstanceType<ClientModule['PleskClient']>;
type Standin = Awaited<ReturnType<StandinModule['startStandin']>>;

const LOGIN = 'admin';
const PASSWORD = 'Sw0rd&<pässwörd>€"\'';
const SECRET_KEY = 'k3y-&<ключ>-0123456789abcdef';

let m: ClientModule;
let s: StandinModule;
const clients: Client[] = [];
const standins: Standin[] = [];
/**
 * Every error any test provoked, with the credentials of the client that threw it; scanned at
 * the end. (A client can only redact its own credentials: a password client cannot know a key.)
 */
const thrown: { error: unknown; secrets: string[] }[] = [];

beforeAll(async () => {
  const dir = buildFixtureTree('e2e');
  m = (await import(pathToFileURL(join(dir, 'client.ts')).href)) as ClientModule;
  s = (await import(pathToFileURL(join(dir, 'testing/standin.ts')).href)) as StandinModule;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(standins.map((x) => x.close()));
});

async function standin(options: Parameters<StandinModule['startStandin']>[0] = {}): Promise<Standin> {
  const st = await s.startStandin({ auth: { login: LOGIN, password: PASSWORD, secretKeys: [SECRET_KEY] }, ...options });
  standins.push(st);
  return st;
}

function client(st: Standin | { connection: object }, options: Partial<ConstructorParameters<ClientModule['PleskClient']>[0]> = {}): Client {
  const c = new m.PleskClient({
    ...(st.connection as { host: string; port: number; scheme: 'http' | 'https' }),
    auth: { login: LOGIN, password: PASSWORD },
    timeoutMs: 2000,
    ...options,
  } as ConstructorParameters<ClientModule['PleskClient']>[0]);
  clients.push(c);
  return c;
}

/** The rejection of `p` (fails the test if it resolves); remembered for the credentials scan. */
async function failure(p: Promise<unknown>, secrets: string[] = [PASSWORD]): Promise<Error> {
  const result = await p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => ({ ok: false as const, e }),
  );
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.v)}`);
  thrown.push({ error: result.e, secrets });
  return result.e as Error;
}

const srvMan = (id: string, operation: 'start' | 'stop' | 'restart' = 'stop'): RequestPacket => ({
  operators: [{ server: [{ srvMan: { id, operation } }] }],
});

const escapeXml = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const okSrvMan = (id: string): string =>
  `<packet version="1.6.9.1"><server><srv_man><result><status>ok</status><id>${id}</id></result></srv_man></server></packet>`;

describe('seed exchanges', () => {
  const exchanges: { id: SeedSampleId; packet: RequestPacket }[] = [
    {
      id: 'srv-man-stop-web-fail2ban',
      packet: { operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }, { srvMan: { id: 'fail2ban', operation: 'stop' } }] }] },
    },
    {
      id: 'srv-man-start-postgresql-mysql',
      packet: { operators: [{ server: [{ srvMan: { id: 'postgresql', operation: 'start' } }, { srvMan: { id: 'mysql', operation: 'start' } }] }] },
    },
    {
      id: 'backup-server-local',
      packet: { operators: [{ backupManager: [{ backupServer: { local: true, description: 'Standard weekly backup' } }] }] },
    },
    {
      id: 'backup-server-only-mail',
      packet: { operators: [{ backupManager: [{ backupServer: { local: true, description: 'Standard weekly backup', onlyMail: true } }] }] },
    },
  ];

  it('sends the seed requests byte for byte (whitespace aside), the server validates them, and the seed responses parse', async () => {
    const input = validatorsFor(EMBEDDED_SCHEMAS_DIR).input;
    const recorded = new Map(exchanges.map((x) => [seedSample(x.id, 'request').xml, seedSample(x.id, 'response').xml]));
    const st = await standin({ recorded, validateRequest: (xml) => input.validate(xml).errors });
    const c = client(st, { protocolVersion: null });

    const responses = [];
    for (const x of exchanges) responses.push(await c.request(x.packet));

    expect(st.requests).toHaveLength(4);
    exchanges.forEach((x, i) => {
      expect(s.normalizeXml(st.requests[i]!.body)).toBe(s.normalizeXml(seedSample(x.id, 'request').xml));
      expect(st.requests[i]!.validationErrors).toEqual([]);
    });

    expect(responses[0]).toEqual({
      operators: [{ server: [{ srvMan: { result: { status: 'ok', id: 'web' } } }, { srvMan: { result: { status: 'ok', id: 'fail2ban' } } }] }],
    });
    expect(responses[2]).toEqual({ version: '1.6.7.0', operators: [{ backupManager: [{ backupServer: { result: { status: 'ok', taskId: 27 } } }] }] });
    expect(responses[3]).toMatchObject({ operators: [{ backupManager: [{ backupServer: { result: { taskId: 28 } } }] }] });

    // The batch with one failed operation: the other result survives.
    const settled = c.settle(exchanges[1]!.packet, responses[1]!);
    expect(settled.map((e) => e.ok)).toEqual([true, false]);
    expect(settled[0]).toMatchObject({ ok: true, operator: 'server', operation: 'srvMan', index: 0, value: { status: 'ok', id: 'postgresql' } });
    const bad = settled[1]!;
    if (bad.ok) throw new Error('expected an error entry');
    thrown.push({ error: bad.error, secrets: [PASSWORD] });
    expect(bad.error).toBeInstanceOf(m.PleskOperationError);
    expect(bad.error).toMatchObject({ errcode: 1013, errtext: "Service 'mysql' does not exist", operator: 'server', operation: 'srvMan', index: 1 });
  });

  it('writes the protocol version by default (valid against agent_input.xsd), per call and per packet', async () => {
    const input = validatorsFor(EMBEDDED_SCHEMAS_DIR).input;
    const st = await standin({ validateRequest: (xml) => input.validate(xml).errors, handler: () => okSrvMan('web') });
    const c = client(st);
    await c.server.srvMan({ id: 'web', operation: 'restart' });
    await c.request(srvMan('web'), { protocolVersion: '1.6.8.0' });
    await c.request({ ...srvMan('web'), version: '1.6.7.0' });
    expect(st.requests.map((r) => /<packet(?: version="([^"]*)")?>/.exec(r.body)?.[1])).toEqual(['1.6.9.1', '1.6.8.0', '1.6.7.0']);
    expect(st.requests.every((r) => r.validationErrors.length === 0)).toBe(true);
  });

  it('a request the server-side schema check refuses comes back as a system error 1014', async () => {
    const st = await standin({ validateRequest: () => ['line 1: element srv_man: not expected'] });
    const err = await failure(client(st).server.srvMan({ id: 'web', operation: 'stop' }));
    expect(err).toBeInstanceOf(m.PleskSystemError);
    expect(err).toMatchObject({ errcode: 1014 });
  });
});

describe('results and packet-level errors', () => {
  it('an operation error result throws PleskOperationError with errcode 1013', async () => {
    const st = await standin({
      handler: () =>
        `<packet version="1.6.9.1"><server><srv_man><result><status>error</status><errcode>1013</errcode><errtext>Service 'mysql' does not exist</errtext></result></srv_man></server></packet>`,
    });
    const err = await failure(client(st).server.srvMan({ id: 'mysql', operation: 'start' }));
    expect(err).toBeInstanceOf(m.PleskOperationError);
    expect(err).toBeInstanceOf(m.PleskClientError);
    expect(err).toMatchObject({ code: 'PLESK_OPERATION_ERROR', errcode: 1013, errtext: "Service 'mysql' does not exist", operator: 'server', operation: 'srvMan' });
    expect((err as InstanceType<ClientModule['PleskOperationError']>).result).toEqual({ status: 'error', errcode: 1013, errtext: "Service 'mysql' does not exist" });
  });

  it('bad credentials: the server answers <system> errcode 1001 and the client throws PleskSystemError', async () => {
    const st = await standin();
    const err = await failure(client(st, { auth: { login: LOGIN, password: 'wrong password' } }).server.srvMan({ id: 'web', operation: 'stop' }), [
      'wrong password',
    ]);
    expect(err).toBeInstanceOf(m.PleskSystemError);
    expect(err).toMatchObject({ code: 'PLESK_SYSTEM_ERROR', errcode: 1001, errtext: 'Authentication failed' });
    expect(st.requests[0]!.authenticated).toBe(false);
    const keyErr = await failure(client(st, { auth: { secretKey: 'not-the-key' } }).request(srvMan('web')), ['not-the-key']);
    expect(keyErr).toMatchObject({ errcode: 1001 });
  });

  it('a system error keeps the <output> text', async () => {
    const st = await standin({ handler: () => s.replies.systemError(1014, 'Parser error', { output: 'debug: line 3' }) });
    const err = await failure(client(st).request(srvMan('web')));
    expect(err).toMatchObject({ errcode: 1014, errtext: 'Parser error', output: 'debug: line 3' });
  });

  it('a batch with one failed operation: every other result survives (requestSettled)', async () => {
    const st = await standin({
      handler: () =>
        `<packet version="1.6.9.1"><server><srv_man><result><status>ok</status><id>web</id></result></srv_man><srv_man><result><status>error</status><errcode>1013</errcode><errtext>Service 'nope' does not exist</errtext></result></srv_man></server><backup-manager><backup-server><result><status>ok</status><task-id>29</task-id></result></backup-server></backup-manager></packet>`,
    });
    const packet: RequestPacket = {
      operators: [
        { server: [{ srvMan: { id: 'web', operation: 'stop' } }, { srvMan: { id: 'nope', operation: 'stop' } }] },
        { backupManager: [{ backupServer: { local: true, description: 'weekly' } }] },
      ],
    };
    const { operations } = await client(st).requestSettled(packet);
    expect(operations.map((o) => [o.operator, o.operation, o.ok])).toEqual([
      ['server', 'srvMan', true],
      ['server', 'srvMan', false],
      ['backupManager', 'backupServer', true],
    ]);
    expect(operations[2]).toMatchObject({ value: { status: 'ok', taskId: 29 } });
    const failed = operations[1]!;
    if (!failed.ok) thrown.push({ error: failed.error, secrets: [PASSWORD] });
    expect(failed.ok ? undefined : failed.error.errcode).toBe(1013);
  });

  it('a response that does not answer the request is a PleskResponseError, not a silent mis-pairing', async () => {
    const st = await standin({ handler: () => okSrvMan('web') });
    const packet: RequestPacket = { operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }, { srvMan: { id: 'ftp', operation: 'stop' } }] }] };
    const err = await failure(client(st).requestSettled(packet));
    expect(err).toBeInstanceOf(m.PleskResponseError);
  });
});

describe('transport failures', () => {
  it('HTTP 500 → PleskHttpError with status and a bounded body snippet', async () => {
    const st = await standin({ replies: [s.replies.httpError(500, `Internal Server Error ${'x'.repeat(5000)}`)] });
    const err = await failure(client(st).request(srvMan('web')));
    expect(err).toBeInstanceOf(m.PleskHttpError);
    const http = err as InstanceType<ClientModule['PleskHttpError']>;
    expect(http.status).toBe(500);
    expect(http.statusText).toBe('Internal Server Error');
    expect(http.bodySnippet.startsWith('Internal Server Error xxx')).toBe(true);
    expect(http.bodySnippet.length).toBeLessThanOrEqual(1025);
  });

  it('an HTML error page → PleskResponseError (200) or PleskHttpError (503)', async () => {
    const st = await standin({ replies: [s.replies.htmlPage(200), s.replies.htmlPage(503)] });
    const c = client(st);
    const err = await failure(c.request(srvMan('web')));
    expect(err).toBeInstanceOf(m.PleskResponseError);
    expect(err.message).toContain('HTML');
    expect((err as InstanceType<ClientModule['PleskResponseError']>).contentType).toContain('text/html');
    expect((err as InstanceType<ClientModule['PleskResponseError']>).line).toBeGreaterThan(0);
    const err503 = await failure(c.request(srvMan('web')));
    expect(err503).toBeInstanceOf(m.PleskHttpError);
    expect(err503).toMatchObject({ status: 503 });
  });

  it('a cut body: cut XML → PleskResponseError with its position; a connection closed mid-body → PleskTruncatedResponseError', async () => {
    const full = okSrvMan('web');
    const st = await standin({ replies: [s.replies.cutXml(full, 60), s.replies.cutConnection(full, 60)] });
    const c = client(st);
    const cut = await failure(c.request(srvMan('web')));
    expect(cut).toBeInstanceOf(m.PleskResponseError);
    expect(cut).not.toBeInstanceOf(m.PleskTruncatedResponseError);
    expect((cut as InstanceType<ClientModule['PleskResponseError']>).line).toBe(1);
    expect((cut as InstanceType<ClientModule['PleskResponseError']>).cause).toBeInstanceOf(Error);
    // The position is said once: "at line 1:61: <reason>", not "at line 1:61: 1:61: <reason>".
    expect(cut.message).toMatch(/at line 1:\d+: (?!\d+:\d+:)/);
    const dropped = await failure(c.request(srvMan('web')));
    expect(dropped).toBeInstanceOf(m.PleskTruncatedResponseError);
    expect(dropped).toBeInstanceOf(m.PleskResponseError);
    expect(dropped).not.toBeInstanceOf(m.PleskNetworkError);
    expect(dropped).toMatchObject({ code: 'PLESK_TRUNCATED_RESPONSE', status: 200, receivedBytes: 60, expectedBytes: Buffer.byteLength(full) });
    expect((dropped as InstanceType<ClientModule['PleskTruncatedResponseError']>).bodySnippet).toBe(full.slice(0, 60));
  });

  it('a connection reset before any response → PleskNetworkError with a cause (not a truncated response)', async () => {
    const st = await standin({ replies: [s.replies.reset()] });
    const err = await failure(client(st).request(srvMan('web')));
    expect(err).toBeInstanceOf(m.PleskNetworkError);
    expect(err).not.toBeInstanceOf(m.PleskTlsError);
    expect(err).not.toBeInstanceOf(m.PleskResponseError);
    expect(err.cause).toBeInstanceOf(Error);
    expect((err as InstanceType<ClientModule['PleskNetworkError']>).errorCode).toMatch(/ECONNRESET/);
  });

  it('a body over maxResponseBytes → PleskResponseError, without reading it', async () => {
    const st = await standin({ replies: [okSrvMan('x'.repeat(5000))] });
    const err = await failure(client(st, { maxResponseBytes: 1000 }).request(srvMan('web')));
    expect(err).toBeInstanceOf(m.PleskResponseError);
    expect(err.message).toContain('larger than 1000 bytes');
  });

  it('reuses one kept-alive connection for consecutive requests, over HTTP and HTTPS', async () => {
    for (const tls of [false, true]) {
      const st = await standin({ tls, handler: () => okSrvMan('web') });
      const c = client(st);
      for (let i = 0; i < 3; i++) await c.server.srvMan({ id: 'web', operation: 'stop' });
      await Promise.all([c.server.srvMan({ id: 'web', operation: 'stop' }), c.server.srvMan({ id: 'web', operation: 'stop' })]);
      const used = st.requests.map((r) => r.connection);
      expect(used.slice(0, 3), `tls ${tls}`).toEqual([used[0], used[0], used[0]]);
      expect(new Set(used).size, `tls ${tls}`).toBe(2); // the two parallel ones need a second connection
    }
  });

  it('connection refused → PleskNetworkError ECONNREFUSED', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const err = await failure(client({ connection: { host: '127.0.0.1', port, scheme: 'http' } }).request(srvMan('web')));
    expect(err).toBeInstanceOf(m.PleskNetworkError);
    expect((err as InstanceType<ClientModule['PleskNetworkError']>).errorCode).toBe('ECONNREFUSED');
  });

  it('a slow answer past the timeout → PleskTimeoutError, promptly', async () => {
    const st = await standin({ replies: [s.replies.delayed(okSrvMan('web'), 3000), s.replies.delayed(okSrvMan('web'), 50)] });
    const c = client(st, { timeoutMs: 150 });
    const started = Date.now();
    const err = await failure(c.request(srvMan('web')));
    expect(err).toBeInstanceOf(m.PleskTimeoutError);
    expect(err).toMatchObject({ code: 'PLESK_TIMEOUT', timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(1500);
    await expect(c.request(srvMan('web'), { timeoutMs: -1 })).rejects.toThrow(TypeError);
    // A per-call timeout overrides the client's; a delay within it is fine.
    await expect(c.server.srvMan({ id: 'web', operation: 'stop' }, { timeoutMs: 1000 })).resolves.toEqual({ status: 'ok', id: 'web' });
  });

  it('caller abort → PleskAbortError (signal per call, per client, and already aborted)', async () => {
    const st = await standin({ replies: [s.replies.hang(), s.replies.hang()] });
    const c = client(st);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await failure(c.request(srvMan('web'), { signal: ac.signal }));
    expect(err).toBeInstanceOf(m.PleskAbortError);
    expect(err).toMatchObject({ code: 'PLESK_ABORTED' });

    const clientWide = new AbortController();
    const c2 = client(st, { signal: clientWide.signal });
    setTimeout(() => clientWide.abort(new Error('shutting down')), 50);
    const err2 = await failure(c2.request(srvMan('web')));
    expect(err2).toBeInstanceOf(m.PleskAbortError);
    expect((err2 as InstanceType<ClientModule['PleskAbortError']>).reason).toMatchObject({ message: 'shutting down' });

    const before = st.requests.length;
    const err3 = await failure(c.request(srvMan('web'), { signal: AbortSignal.abort() }));
    expect(err3).toBeInstanceOf(m.PleskAbortError);
    expect(st.requests.length).toBe(before);
  });
});

describe('TLS', () => {
  it('a self-signed certificate is rejected by default, accepted with `ca` and with insecureSkipTlsVerification', async () => {
    const st = await standin({ tls: true, handler: () => okSrvMan('web') });
    expect(st.url.startsWith('https://127.0.0.1:')).toBe(true);
    const { ca, ...noCa } = st.connection;
    expect(ca).toContain('BEGIN CERTIFICATE');

    const err = await failure(client({ connection: noCa }).request(srvMan('web')));
    expect(err).toBeInstanceOf(m.PleskTlsError);
    expect(err).toBeInstanceOf(m.PleskNetworkError);
    expect((err as InstanceType<ClientModule['PleskTlsError']>).errorCode).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    expect(err.message).toContain('ca');

    await expect(client({ connection: noCa }, { ca }).server.srvMan({ id: 'web', operation: 'stop' })).resolves.toMatchObject({ status: 'ok' });
    await expect(client({ connection: noCa }, { insecureSkipTlsVerification: true }).server.srvMan({ id: 'web', operation: 'stop' })).resolves.toMatchObject({ status: 'ok' });
  });

  it('connects with a URL: the stand-in\'s full URL, and the server URL alone (the path is added)', async () => {
    const st = await standin({ tls: true, handler: () => okSrvMan('web') });
    const full = new m.PleskClient({ url: st.url, ca: st.ca, auth: { login: LOGIN, password: PASSWORD } });
    const bare = new m.PleskClient({ url: `https://127.0.0.1:${st.port}`, ca: st.ca, auth: { login: LOGIN, password: PASSWORD } });
    clients.push(full, bare);
    expect(bare.core.url).toBe(st.url);
    await expect(full.server.srvMan({ id: 'web', operation: 'stop' })).resolves.toEqual({ status: 'ok', id: 'web' });
    await expect(bare.server.srvMan({ id: 'web', operation: 'stop' })).resolves.toEqual({ status: 'ok', id: 'web' });
    expect(st.requests.map((r) => [r.path, r.authenticated])).toEqual([
      ['/enterprise/control/agent.php', true],
      ['/enterprise/control/agent.php', true],
    ]);
  });

  it('a trusted certificate for another host name is still refused', async () => {
    const st = await standin({ tls: { selfSigned: { dnsNames: ['plesk.example'], ipAddresses: [] } }, handler: () => okSrvMan('web') });
    const err = await failure(client(st).request(srvMan('web')));
    expect(err).toBeInstanceOf(m.PleskTlsError);
    expect((err as InstanceType<ClientModule['PleskTlsError']>).errorCode).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});

describe('authentication', () => {
  it('sends the headers Plesk reads, with text/xml; charset=UTF-8', async () => {
    const st = await standin({ handler: () => okSrvMan('web') });
    await client(st).server.srvMan({ id: 'web', operation: 'stop' });
    const r = st.requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/enterprise/control/agent.php');
    expect(r.contentType).toBe('text/xml; charset=UTF-8');
    expect(r.headers['http_auth_login']).toBe(LOGIN);
    expect(r.headers['key']).toBeUndefined();
  });

  it('secret-key auth sends KEY and no login/password', async () => {
    const st = await standin({ handler: () => okSrvMan('web') });
    await client(st, { auth: { secretKey: SECRET_KEY } }).server.srvMan({ id: 'web', operation: 'stop' });
    const r = st.requests[0]!;
    expect(r.authenticated).toBe(true);
    expect(r.credentials).toEqual({ secretKey: SECRET_KEY });
    expect(r.headers['http_auth_passwd']).toBeUndefined();
  });

  it('a password with &, <, >, quotes and non-ASCII characters arrives intact (as UTF-8 bytes)', async () => {
    const st = await standin({ handler: () => okSrvMan('web') });
    await client(st).server.srvMan({ id: 'web', operation: 'stop' });
    const r = st.requests[0]!;
    expect(r.authenticated).toBe(true);
    expect(r.credentials.password).toBe(PASSWORD);
    expect(Buffer.from(r.headers['http_auth_passwd'] as string, 'latin1')).toEqual(Buffer.from(PASSWORD, 'utf8'));
  });

  it('refuses credentials that cannot travel in a header, naming the field but not the value', () => {
    for (const bad of ['line\r\nbreak', ' leading', 'trailing\t', '']) {
      let err: unknown;
      try {
        new m.PleskClient({ host: '127.0.0.1', auth: { login: 'admin', password: bad } });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TypeError);
      expect((err as Error).message).toContain('auth.password');
      if (bad.length > 0) expect((err as Error).message).not.toContain(bad.trim());
    }
  });
});

describe('credentials never leak', () => {
  it('servers echoing credentials are redacted from messages, snippets, texts and causes', async () => {
    const echo = `<html><body>Bad request from user ${LOGIN} with password ${PASSWORD} / key ${SECRET_KEY}</body></html>`;
    const st = await standin({
      auth: undefined,
      replies: [
        s.replies.httpError(500, echo),
        { status: 200, body: echo },
        s.replies.systemError(1001, `Login ${LOGIN} with password ${PASSWORD} is wrong`, { output: `KEY=${SECRET_KEY}` }),
        s.replies.cutXml(`<packet><server><srv_man><result><status>${PASSWORD}</status></result></srv_man></server></packet>`),
        `<packet><server><srv_man><result><status>error</status><errcode>1002</errcode><errtext>password ${PASSWORD.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')} rejected</errtext></result></srv_man></server></packet>`,
      ],
    });
    const c = client(st);
    for (let i = 0; i < 4; i++) await failure(c.request(srvMan('web')));
    const opErr = await failure(c.server.srvMan({ id: 'web', operation: 'stop' }));
    expect(opErr).toBeInstanceOf(m.PleskOperationError);
    expect((opErr as InstanceType<ClientModule['PleskOperationError']>).errtext).toBe('password [REDACTED] rejected');
    const ck = client(st, { auth: { secretKey: SECRET_KEY } });
    st.enqueue(s.replies.systemError(1001, `Key ${SECRET_KEY} is expired`));
    await failure(ck.request(srvMan('web')), [SECRET_KEY]);
    const last = thrown.at(-1)!.error as Error;
    expect(last.message).toContain('[REDACTED]');
  });

  it('short secrets (1–3 characters) echoed by the server are redacted wherever they stand as a token', async () => {
    // A stand-in that puts the credentials it received into every place a client copies server text from.
    // Each echo also wraps the secret in «» so that the check below finds it whatever surrounds it.
    const echoes = (pw: string): StandinReply[] => [
      { status: 500, statusText: `Bad password ${pw} «${pw}»`, body: `password=${pw}; login=${LOGIN} «${pw}»`, headers: { 'content-type': 'text/plain' } },
      s.replies.systemError(1001, `Login ${LOGIN} with password "${pw}" is wrong «${pw}»`, { output: `HTTP_AUTH_PASSWD: ${pw}` }),
      `<packet><server><srv_man><result><status>error</status><errcode>1002</errcode><errtext>password ${escapeXml(pw)} rejected «${escapeXml(pw)}»</errtext></result></srv_man></server></packet>`,
      s.replies.cutXml(`<packet><server><srv_man><result><status>«${escapeXml(pw)}»</status><errtext>(${escapeXml(pw)})</errtext></result></srv_man></server></packet>`),
      s.replies.cutConnection(`<packet><system><errtext>«${escapeXml(pw)}»</errtext></system></packet>`, 40),
    ];
    type StandinReply = Parameters<Standin['enqueue']>[0];
    for (const pw of ['a', 'ab', '7', 'p&', '<', 'ö1', 'x_y']) {
      const st = await standin({ auth: undefined });
      for (const reply of echoes(pw)) st.enqueue(reply);
      const c = client(st, { auth: { login: LOGIN, password: pw } });
      const errors: Error[] = [];
      for (let i = 0; i < 2; i++) errors.push(await failure(c.request(srvMan('web')), []));
      errors.push(await failure(c.server.srvMan({ id: 'web', operation: 'stop' }), []));
      errors.push(await failure(c.request(srvMan('web')), []));
      errors.push(await failure(c.request(srvMan('web')), []));
      expect(errors.map((e) => e.name)).toEqual(['PleskHttpError', 'PleskSystemError', 'PleskOperationError', 'PleskResponseError', 'PleskTruncatedResponseError']);
      expect(st.requests.every((r) => r.credentials.password === pw)).toBe(true);
      // The secret in any form the server could have echoed it.
      const forms = [pw, escapeXml(pw), encodeURIComponent(pw), Buffer.from(pw, 'utf8').toString('latin1')];
      for (const e of errors) {
        const view = [inspect(e, { depth: Infinity, showHidden: true }), JSON.stringify(e), e.message, e.stack ?? ''].join('\n');
        expect(view).toContain('«[REDACTED]»');
        for (const f of forms) expect(view.includes(`«${f}»`), `${pw} (${f}) in ${e.name}: ${view.slice(0, 400)}`).toBe(false);
      }
      expect(errors[0]).toMatchObject({ statusText: 'Bad password [REDACTED] «[REDACTED]»', bodySnippet: `password=[REDACTED]; login=${LOGIN} «[REDACTED]»` });
      expect(errors[1]).toMatchObject({ errtext: `Login ${LOGIN} with password "[REDACTED]" is wrong «[REDACTED]»`, output: 'HTTP_AUTH_PASSWD: [REDACTED]' });
      expect(errors[2]).toMatchObject({ errtext: 'password [REDACTED] rejected «[REDACTED]»' });
    }
  });

  it('a short secret inside a longer word is left as it is (documented), a long one is not', async () => {
    const st = await standin({ auth: undefined, replies: [s.replies.systemError(1001, 'bad admin credentials'), s.replies.systemError(1001, 'bad administrator credentials')] });
    const short = await failure(client(st, { auth: { login: LOGIN, password: 'ad' } }).request(srvMan('web')), []);
    expect(short).toMatchObject({ errtext: 'bad admin credentials' });
    const long = await failure(client(st, { auth: { login: LOGIN, password: 'admin' } }).request(srvMan('web')), []);
    expect(long).toMatchObject({ errtext: 'bad [REDACTED]istrator credentials' });
  });

  it('no error thrown in this file carries the password or the key (JSON, util.inspect, stack, causes)', () => {
    expect(thrown.length).toBeGreaterThanOrEqual(20);
    const forms = (secret: string): string[] => [secret, Buffer.from(secret, 'utf8').toString('latin1')];
    const views = (e: unknown): string[] => {
      const out: string[] = [inspect(e, { depth: Infinity, showHidden: true }), JSON.stringify(e) ?? ''];
      for (let c: unknown = e, d = 0; c instanceof Error && d < 10; c = c.cause, d++) out.push(c.stack ?? '', c.message, JSON.stringify(c) ?? '');
      return out;
    };
    for (const { error, secrets } of thrown) {
      for (const view of views(error)) {
        for (const secret of secrets.flatMap(forms)) expect(view.includes(secret), `${(error as Error).name}: ${view.slice(0, 300)}`).toBe(false);
      }
    }
    // Nor does the client object itself show them.
    for (const c of clients) {
      const view = inspect(c, { depth: Infinity, showHidden: true }) + (JSON.stringify(c) ?? '');
      for (const secret of [PASSWORD, SECRET_KEY].flatMap(forms)) expect(view.includes(secret)).toBe(false);
    }
  });
});
