// The client as generated (not a hand-written fixture): the embedded and real trees' PleskClient
// against the tree's own Plesk stand-in over HTTPS, with the tree's strict parseRequest as the
// stand-in's request check. The seed exchanges come back as typed results; an error result
// throws PleskOperationError; a batch keeps every result matched to its operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR, seedSample } from '../support/seeds.js';
import { loadCodecs } from '../support/codec.js';

const AUTH = { login: 'admin', password: 'p&ss<word>' };

describe.each([
  ['embedded', EMBEDDED_SCHEMAS_DIR],
  ['real', REAL_SCHEMAS_DIR],
])('generated client of the %s tree', (_label, schemaDir) => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let tree: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let standin: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let client: any;

  beforeAll(async () => {
    const codecs = await loadCodecs(schemaDir);
    const clientModule = await import(pathToFileURL(join(codecs.tree, 'client.ts')).href);
    const testing = await import(pathToFileURL(join(codecs.tree, 'testing', 'standin.ts')).href);
    tree = { ...codecs, ...clientModule, testing };
    standin = await testing.startStandin({ tls: true, auth: AUTH, parseRequest: (xml: string) => codecs.parseRequest(xml) });
    client = new clientModule.PleskClient({ ...standin.connection, auth: AUTH, ca: standin.ca, timeoutMs: 5000 });
  });
  afterAll(async () => {
    await client?.close();
    await standin?.close();
  });

  it('stops web and fail2ban as documented: the request on the wire is the seed packet', async () => {
    standin.enqueue(seedSample('srv-man-stop-web-fail2ban', 'response').xml);
    const request = { operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }, { srvMan: { id: 'fail2ban', operation: 'stop' } }] }] };
    const { operations } = await client.requestSettled(request);
    expect(operations.map((o: { ok: boolean; value: unknown }) => [o.ok, o.value])).toEqual([
      [true, { status: 'ok', id: 'web' }],
      [true, { status: 'ok', id: 'fail2ban' }],
    ]);
    const sent = standin.requests.at(-1).body as string;
    expect(tree.testing.normalizeXml(sent.replace(/<packet version="[^"]*"/, '<packet'))).toBe(
      tree.testing.normalizeXml(seedSample('srv-man-stop-web-fail2ban', 'request').xml),
    );
  });

  it('keeps the ok result of a batch where the other operation failed (errcode 1013)', async () => {
    standin.enqueue(seedSample('srv-man-start-postgresql-mysql', 'response').xml);
    const request = { operators: [{ server: [{ srvMan: { id: 'postgresql', operation: 'start' } }, { srvMan: { id: 'mysql', operation: 'start' } }] }] };
    const { operations } = await client.requestSettled(request);
    expect(operations[0]).toMatchObject({ ok: true, value: { status: 'ok', id: 'postgresql' } });
    expect(operations[1].ok).toBe(false);
    expect(operations[1].error).toBeInstanceOf(tree.PleskOperationError);
    expect(operations[1].error).toMatchObject({ errcode: 1013, errtext: "Service 'mysql' does not exist" });
  });

  it('srvMan throws PleskOperationError with errcode and errtext for an error result', async () => {
    standin.enqueue(
      '<packet version="1.6.9.1"><server><srv_man><result><status>error</status><errcode>1013</errcode><errtext>Service \'mysql\' does not exist</errtext></result></srv_man></server></packet>',
    );
    await expect(client.server.srvMan({ id: 'mysql', operation: 'start' })).rejects.toMatchObject({ name: 'PleskOperationError', errcode: 1013 });
  });

  it('creates a server backup task and returns the typed result', async () => {
    standin.enqueue(seedSample('backup-server-local', 'response').xml);
    const result = await client.backupManager.backupServer({ local: true, description: 'Standard weekly backup' });
    expect(result.status).toBe('ok');
    expect(String(result.taskId)).toBe('27');
  });

  it('refuses an invalid request before sending it, with the path of the violation', async () => {
    const before = standin.requests.length;
    await expect(client.server.srvMan({ id: 'web', operation: 'halt' })).rejects.toThrow(/srvMan\.operation/);
    expect(standin.requests.length).toBe(before);
  });

  it('says the position of a refused response once, and the violation without repeating its path', async () => {
    standin.enqueue(
      tree.testing.replies.cutXml('<packet version="1.6.9.1"><server><srv_man><result><status>ok</status></srv_man></server></packet>', 200),
      '<packet version="1.6.9.1"><server><srv_man><result><status>okay</status><id>web</id></result></srv_man></server></packet>',
    );
    const syntax = await client.server.srvMan({ id: 'web', operation: 'stop' }).catch((e: unknown) => e);
    expect(syntax).toMatchObject({ name: 'PleskResponseError', line: 1, column: 80 });
    expect(syntax.message).toBe('Plesk response is not a valid response packet at line 1:80: unexpected close tag');
    expect(syntax.cause).toBeInstanceOf(tree.XmlSyntaxError);
    const schema = await client.server.srvMan({ id: 'web', operation: 'stop' }).catch((e: unknown) => e);
    expect(schema.message).toBe(
      'Plesk response is not a valid response packet at packet.operators[0].server[0].srvMan.result.status, line 1:52: "okay" is not one of ok, error',
    );
    expect(schema.cause).toBeInstanceOf(tree.SchemaViolationError);
  });

  it('reports bad credentials as PleskSystemError 1001', async () => {
    const wrong = new tree.PleskClient({ ...standin.connection, auth: { login: 'admin', password: 'nope' }, ca: standin.ca });
    try {
      await expect(wrong.server.srvMan({ id: 'web', operation: 'stop' })).rejects.toMatchObject({ name: 'PleskSystemError', errcode: 1001 });
    } finally {
      await wrong.close();
    }
  });
});
