/**
 * Unit-level checks of the client runtime (settle, credentials, options) and of the stand-in's
 * own API (routing, recorded replies, parseRequest, certificates).
 */
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PleskClientCore,
  PleskHttpError,
  PleskOperationError,
  PleskResponseError,
  PleskSystemError,
  fromHeaderByteString,
  settle,
  toHeaderByteString,
  type PacketCodec,
} from 'plesk-api-codegen-runtime/client';
import { Redactor, authHeaders } from '../../packages/runtime/src/client/credentials.js';
import { createSelfSignedCertificate, normalizeXml, replies, startStandin, type Standin } from 'plesk-api-codegen-runtime/testing';
import { serializeRequest, type RequestPacket } from './fixture/request.js';
import { parseResponse, type ResponsePacket } from './fixture/response.js';

const codec: PacketCodec<RequestPacket, ResponsePacket> = { serializeRequest, parseResponse };
const auth = { login: 'admin', password: 'secret-pw' };

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function standin(options: Parameters<typeof startStandin>[0] = {}): Promise<Standin> {
  const st = await startStandin(options);
  open.push(st);
  return st;
}

function core(st: Standin, extra: object = {}): PleskClientCore<RequestPacket, ResponsePacket> {
  const c = new PleskClientCore(codec, { ...st.connection, auth, timeoutMs: 2000, ...extra }, { protocolVersion: '1.6.9.1' });
  open.push(c);
  return c;
}

describe('settle', () => {
  const request = {
    operators: [{ server: [{ srvMan: { id: 'a' } }, { getProtos: true }] }, { site: [{ get: { filter: {} } }] }],
  };

  it('pairs operations in order and keeps every result', () => {
    const response = {
      operators: [
        { server: [{ srvMan: { result: { status: 'error', errcode: 1013, errtext: 'no' } } }, { getProtos: { result: { status: 'ok' } } }] },
        { site: [{ get: { result: [{ status: 'ok', id: 1 }, { status: 'ok', id: 2 }] } }] },
      ],
    };
    const out = settle(request, response);
    expect(out.map((o) => [o.operator, o.operation, o.index, o.ok])).toEqual([
      ['server', 'srvMan', 0, false],
      ['server', 'getProtos', 1, true],
      ['site', 'get', 2, true],
    ]);
    expect(out[2]).toMatchObject({ value: [{ id: 1 }, { id: 2 }] });
    const first = out[0]!;
    expect(first.ok ? null : first.error).toBeInstanceOf(PleskOperationError);
  });

  it('an operation whose element is itself a result (lic_update) settles on its status', () => {
    const out = settle({ operators: [{ server: [{ licUpdate: true }] }] }, { operators: [{ server: [{ licUpdate: { status: 'error', errcode: 1 } }] }] });
    expect(out[0]!.ok).toBe(false);
  });

  it('a filter answer with one failed result is an error that still carries every result', () => {
    const out = settle(
      { operators: [{ site: [{ get: {} }] }] },
      { operators: [{ site: [{ get: { result: [{ status: 'ok', id: 1 }, { status: 'error', errcode: 1013, errtext: 'gone' }] } }] }] },
    );
    const e = out[0]!;
    if (e.ok) throw new Error('expected error');
    expect(e.error.results).toHaveLength(2);
    expect(e.error.result).toMatchObject({ errtext: 'gone' });
    expect(e.error.message).toContain('1 of 2 results failed');
  });

  it('refuses to guess when the response does not match the request', () => {
    expect(() => settle(request, { operators: [] })).toThrow(PleskResponseError);
    expect(() =>
      settle({ operators: [{ server: [{ srvMan: {} }] }] }, { operators: [{ server: [{ getProtos: { result: { status: 'ok' } } }] }] }),
    ).toThrow(/srvMan/);
  });

  it('a <system> error response throws PleskSystemError', () => {
    expect(() => settle(request, { system: { status: 'error', errcode: 1001, errtext: 'Authentication failed' } })).toThrow(PleskSystemError);
  });
});

describe('credentials', () => {
  it('headers carry UTF-8 bytes; the round trip restores the text', () => {
    const pw = 'p&ss<wörd>€😀';
    const headers = authHeaders({ login: 'admin', password: pw });
    expect(headers.map(([k]) => k)).toEqual(['HTTP_AUTH_LOGIN', 'HTTP_AUTH_PASSWD']);
    const value = headers[1]![1];
    expect([...value].every((ch) => ch.charCodeAt(0) <= 0xff)).toBe(true);
    expect(Buffer.from(value, 'latin1')).toEqual(Buffer.from(pw, 'utf8'));
    expect(fromHeaderByteString(toHeaderByteString(pw))).toBe(pw);
    expect(authHeaders({ secretKey: 'abc-123' })).toEqual([['KEY', 'abc-123']]);
  });

  it('refuses mixed or malformed auth', () => {
    expect(() => authHeaders({ secretKey: 'k', login: 'a', password: 'b' } as never)).toThrow(/either/);
    expect(() => authHeaders({ login: 'a' } as never)).toThrow(TypeError);
    expect(() => authHeaders({ login: 'a', password: 'x\u0000y' })).toThrow(/control character/);
    expect(() => authHeaders({ login: 'a', password: 'x\uD800y' })).toThrow(/surrogate/);
  });

  it('the redactor replaces short secrets where they stand as a token, long ones everywhere', () => {
    const cases: [string, string, string][] = [
      ['a', 'password a is wrong; a=a', 'password [REDACTED] is wrong; [REDACTED]=[REDACTED]'],
      ['a', 'bad admin', 'bad admin'],
      ['ab', '"ab" (ab) ab_ab 1ab', '"[REDACTED]" ([REDACTED]) ab_ab 1ab'],
      ['p&', 'p& p&amp; p%26 xp&', '[REDACTED] [REDACTED] [REDACTED] xp&'],
      ['<', 'a < b &lt; c', 'a [REDACTED] b [REDACTED] c'],
      ['ö1', 'pw ö1 and Ã¶1', 'pw [REDACTED] and [REDACTED]'],
      ['abcd', 'xabcdx abcd', 'x[REDACTED]x [REDACTED]'],
    ];
    for (const [secret, text, want] of cases) {
      const r = new Redactor([secret]);
      expect(r.text(text), `${secret} in ${text}`).toBe(want);
      expect(r.contains(text)).toBe(text !== want);
    }
  });

  it('the redactor replaces every form of a secret, and copies error chains without them', () => {
    const r = new Redactor(['p&ss<wörd']);
    expect(r.text('a p&ss<wörd b p&amp;ss&lt;wörd c p%26ss%3Cw%C3%B6rd d')).toBe('a [REDACTED] b [REDACTED] c [REDACTED] d');
    expect(r.text(`raw ${toHeaderByteString('p&ss<wörd')}`)).toBe('raw [REDACTED]');
    const inner = Object.assign(new Error('connect failed for p&ss<wörd'), { code: 'ECONNRESET', secretStuff: { pw: 'p&ss<wörd' } });
    const copy = r.error(new Error('outer', { cause: inner }));
    expect(JSON.stringify(copy.cause)).not.toContain('p&ss');
    expect((copy.cause as Error).message).toBe('connect failed for [REDACTED]');
    expect((copy.cause as { code?: string }).code).toBe('ECONNRESET');
    expect(copy.cause).not.toHaveProperty('secretStuff');
  });
});

describe('client options', () => {
  it('validates options and builds the endpoint URL', () => {
    const mk = (o: object) => new PleskClientCore(codec, { host: 'plesk.example', auth, ...o });
    expect(mk({}).url).toBe('https://plesk.example:8443/enterprise/control/agent.php');
    expect(mk({ host: '::1', scheme: 'http', port: 80 }).url).toBe('http://[::1]:80/enterprise/control/agent.php');
    expect(() => mk({ port: 0 })).toThrow(/port/);
    expect(() => mk({ timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => mk({ path: 'agent.php' })).toThrow(/path/);
    expect(() => mk({ ca: 'pem', agent: {} })).toThrow(/agent/);
    expect(() => mk({ insecureSkipTlsVerification: true, transport: async () => ({}) })).toThrow(/transport/);
    expect(() => mk({ maxResponseBytes: 0 })).toThrow(/maxResponseBytes/);
    expect(mk({}).protocolVersion).toBeNull();
    expect(new PleskClientCore(codec, { host: 'h', auth }, { protocolVersion: '1.6.9.1' }).protocolVersion).toBe('1.6.9.1');
    expect(new PleskClientCore(codec, { host: 'h', auth, protocolVersion: null }, { protocolVersion: '1.6.9.1' }).protocolVersion).toBeNull();
  });

  it('takes the endpoint as a URL, with Plesk defaults for what it leaves out, and refuses ambiguous forms', () => {
    const byUrl = (url: unknown, more: object = {}) => new PleskClientCore(codec, { url, auth, ...more } as never).url;
    const given: [string, string][] = [
      ['https://plesk.example.com', 'https://plesk.example.com:8443/enterprise/control/agent.php'],
      ['https://plesk.example.com/', 'https://plesk.example.com:8443/enterprise/control/agent.php'],
      ['https://plesk.example.com:8443', 'https://plesk.example.com:8443/enterprise/control/agent.php'],
      ['https://plesk.example.com:443', 'https://plesk.example.com:443/enterprise/control/agent.php'],
      ['HTTPS://Plesk.Example.com:9443/custom/agent.php', 'https://plesk.example.com:9443/custom/agent.php'],
      ['http://10.0.0.5', 'http://10.0.0.5:8880/enterprise/control/agent.php'],
      ['http://10.0.0.5:80', 'http://10.0.0.5:80/enterprise/control/agent.php'],
      ['https://[2001:db8::1]', 'https://[2001:db8::1]:8443/enterprise/control/agent.php'],
      ['https://[2001:db8::1]:8443/enterprise/control/agent.php', 'https://[2001:db8::1]:8443/enterprise/control/agent.php'],
    ];
    for (const [url, want] of given) expect(byUrl(url), url).toBe(want);
    expect(byUrl(new URL('https://plesk.example.com:8443'))).toBe('https://plesk.example.com:8443/enterprise/control/agent.php');
    const refused: [unknown, object, RegExp][] = [
      ['https://plesk.example.com', { host: 'plesk.example.com' }, /either url or host.*host/],
      ['https://plesk.example.com', { port: 8443, path: '/x' }, /not both \(got url and port, path\)/],
      ['plesk.example.com:8443', {}, /must start with https:\/\/ or http:\/\//],
      ['https://', {}, /not an absolute URL/],
      ['ftp://plesk.example.com', {}, /https:\/\/ or http:\/\//],
      ['https://admin:pw@plesk.example.com', {}, /user name or password; pass them as auth/],
      ['https://plesk.example.com/?a=1', {}, /query or fragment/],
      [42, {}, /string or a URL/],
    ];
    for (const [url, more, want] of refused) expect(() => byUrl(url, more), String(url)).toThrow(want);
    // The refusal of a URL with credentials does not repeat them.
    expect(() => byUrl('https://admin:pw-in-url@plesk.example.com')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('pw-in-url') }));
    expect(() => new PleskClientCore(codec, { auth } as never)).toThrow(/url or host is required/);
  });

  it('serialize applies the version rules: per call, then packet, then client', () => {
    const c = new PleskClientCore(codec, { host: 'h', auth }, { protocolVersion: '1.6.9.1' });
    const p: RequestPacket = { operators: [{ server: [{ getProtos: true }] }] };
    expect(c.serialize(p)).toContain('<packet version="1.6.9.1">');
    expect(c.serialize({ ...p, version: '1.6.3.0' })).toContain('<packet version="1.6.3.0">');
    expect(c.serialize({ ...p, version: '1.6.3.0' }, { protocolVersion: null })).toContain('<packet>');
  });

  it('does not follow redirects (auth headers would travel to another host): a 3xx is a PleskHttpError', async () => {
    const st = await standin({ replies: [{ status: 302, headers: { location: 'http://127.0.0.2/' }, body: '' }] });
    await expect(core(st).request({ operators: [{ server: [{ getProtos: true }] }] })).rejects.toBeInstanceOf(PleskHttpError);
  });
});

describe('stand-in', () => {
  const packet: RequestPacket = { operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }] }] };
  const ok = '<packet version="1.6.9.1"><server><srv_man><result><status>ok</status><id>web</id></result></srv_man></server></packet>';

  it('answers 404/405 for other paths and methods', async () => {
    const st = await standin();
    expect((await fetch(st.url.replace('agent.php', 'other.php'), { method: 'POST', body: '<packet/>' })).status).toBe(404);
    expect((await fetch(st.url)).status).toBe(405);
  });

  it('replies from the queue first, then recorded packets (whitespace-insensitive), then the handler', async () => {
    const st = await standin({
      replies: [ok.replace('web', 'queued')],
      recorded: { [`<packet version="1.6.9.1">\n  <server>\n    <srv_man><id>web</id><operation>stop</operation></srv_man>\n  </server>\n</packet>`]: ok.replace('web', 'recorded') },
      handler: () => ok.replace('web', 'handled'),
    });
    const c = core(st);
    const ids: unknown[] = [];
    for (const p of [packet, packet, { operators: [{ server: [{ srvMan: { id: 'ftp', operation: 'stop' as const } }] }] }]) {
      const entry = c.settle(p, await c.request(p))[0]!;
      ids.push(entry.ok ? (entry.value as { id: string }).id : null);
    }
    expect(ids).toEqual(['queued', 'recorded', 'handled']);
  });

  it('without any reply configured, answers a <system> error that says so', async () => {
    const st = await standin();
    await expect(core(st).request(packet)).rejects.toThrow(/no reply configured/);
  });

  it('hands parseRequest output to the handler; a throwing parseRequest is errcode 1014', async () => {
    let seen: unknown;
    const st = await standin({
      parseRequest: (xml) => {
        if (xml.includes('fail2ban')) throw new Error('srv_man/id: not allowed here');
        return { parsedLength: xml.length };
      },
      handler: (_xml, parsed) => {
        seen = parsed;
        return ok;
      },
    });
    const c = core(st);
    await c.request(packet);
    expect(seen).toMatchObject({ parsedLength: expect.any(Number) });
    const err = await c.request({ operators: [{ server: [{ srvMan: { id: 'fail2ban', operation: 'stop' } }] }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PleskSystemError);
    expect(err).toMatchObject({ errcode: 1014 });
    expect((err as Error).message).toContain('not allowed here');
    expect(st.requests[1]!.validationErrors).toEqual(['srv_man/id: not allowed here']);
  });

  it('normalizeXml drops the declaration and inter-tag whitespace', () => {
    expect(normalizeXml('<?xml version="1.0"?>\n<packet>\n  <a> x </a>\n</packet>\n')).toBe('<packet><a> x </a></packet>');
  });

  it('systemError escapes its text', () => {
    expect(replies.systemError(1001, 'a & <b>')).toContain('<errtext>a &amp; &lt;b&gt;</errtext>');
  });
});

describe('self-signed certificates (@peculiar/x509)', () => {
  it('makes a verifiable certificate with the requested names and validity', async () => {
    const made = await createSelfSignedCertificate({ commonName: 'test', dnsNames: ['plesk.test'], ipAddresses: ['127.0.0.1', '2001:db8::1'], validDays: 2 });
    const x = new X509Certificate(made.cert);
    expect(x.subject).toBe('CN=test');
    expect(x.issuer).toBe('CN=test');
    expect(x.ca).toBe(true);
    expect(x.checkHost('plesk.test')).toBe('plesk.test');
    expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x.subjectAltName).toContain('IP Address:2001:DB8:0:0:0:0:0:1');
    expect(x.verify(x.publicKey)).toBe(true);
    const days = (Date.parse(x.validTo) - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(1.9);
    expect(days).toBeLessThan(2.1);
    expect(made.fingerprint256).toBe(x.fingerprint256);
    expect(made.key).toContain('BEGIN PRIVATE KEY');
  });
});
