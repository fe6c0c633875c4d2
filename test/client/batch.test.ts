// Batches, settled forms and filter results of the generated client, end to end: the embedded
// and real trees' PleskClient against the tree's stand-in over HTTPS, the stand-in checking
// every request with the tree's strict parseRequest (so a packet in an invalid order would be
// refused with 1014). The types of the same calls are checked in integration/options-* consumers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { loadCodecs } from '../support/codec.js';

const AUTH = { login: 'admin', password: 'secret' };

/* eslint-disable @typescript-eslint/no-explicit-any */
async function start(schemaDir: string): Promise<{ tree: any; standin: any; client: any }> {
  const codecs = await loadCodecs(schemaDir);
  const clientModule = await import(pathToFileURL(join(codecs.tree, 'client.ts')).href);
  const testing = await import(pathToFileURL(join(codecs.tree, 'testing', 'standin.ts')).href);
  const standin = await testing.startStandin({ tls: true, auth: AUTH, parseRequest: (xml: string) => codecs.parseRequest(xml) });
  const client = new clientModule.PleskClient({ ...standin.connection, auth: AUTH, ca: standin.ca, timeoutMs: 5000 });
  return { tree: { ...clientModule, testing }, standin, client };
}

/** The request body without the XML declaration and version, for comparing packets. */
function sentPacket(standin: any): string {
  return (standin.requests.at(-1).body as string).replace(/^<\?xml[^>]*>\s*/, '').replace(/<packet version="[^"]*">/, '<packet>');
}

const ok = (id: string): string => `<result><status>ok</status><id>${id}</id></result>`;
const failed = (id: string): string => `<result><status>error</status><errcode>1013</errcode><errtext>Service '${id}' does not exist</errtext><id>${id}</id></result>`;

describe('batches on the embedded tree', () => {
  let t: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    t = await start(EMBEDDED_SCHEMAS_DIR);
  });
  afterAll(async () => {
    await t?.client.close();
    await t?.standin.close();
  });

  const batchResponse =
    '<packet version="1.6.9.1"><server><srv_man>' + ok('web') + '</srv_man><srv_man>' + failed('mysql') + '</srv_man></server>' +
    '<backup-manager><backup-server><result><status>ok</status><task-id>27</task-id></result></backup-server></backup-manager>' +
    '<server><get_protos><result><status>ok</status><protos><proto>1.6.9.1</proto></protos></result></get_protos></server></packet>';
  const build = (op: any) => [
    op.server.srvMan({ id: 'web', operation: 'stop' }),
    op.server.srvMan({ id: 'mysql', operation: 'start' }),
    op.backupManager.backupServer({ local: true, description: 'nightly' }),
    op.server.getProtos(),
  ];

  it('writes the operations in the order given: consecutive ones share their operator, a later one opens a new element', async () => {
    t.standin.enqueue(batchResponse);
    await t.client.batchSettled(build);
    expect(sentPacket(t.standin)).toBe(
      '<packet><server><srv_man><id>web</id><operation>stop</operation></srv_man><srv_man><id>mysql</id><operation>start</operation></srv_man></server>' +
        '<backup-manager><backup-server><local/><description>nightly</description></backup-server></backup-manager>' +
        '<server><get_protos/></server></packet>',
    );
  });

  it('batchSettled: the middle operation fails, the others keep their results, in order', async () => {
    t.standin.enqueue(batchResponse);
    const [a, b, c, d] = await t.client.batchSettled(build);
    expect(a).toMatchObject({ ok: true, index: 0, operator: 'server', operation: 'srvMan', value: { status: 'ok', id: 'web' } });
    expect(b.ok).toBe(false);
    expect(b.error).toBeInstanceOf(t.tree.PleskOperationError);
    expect(b.error).toMatchObject({ errcode: 1013, index: 1, operation: 'srvMan' });
    expect(b.failed).toEqual([{ status: 'error', errcode: 1013, errtext: "Service 'mysql' does not exist", id: 'mysql' }]);
    expect(b.succeeded).toEqual([]);
    expect(c).toMatchObject({ ok: true, index: 2, value: { status: 'ok', taskId: 27 } });
    expect(d).toMatchObject({ ok: true, index: 3, value: { status: 'ok', protos: { proto: ['1.6.9.1'] } } });
    for (const s of [a, c, d]) expect(s.results).toEqual([s.value]);
  });

  it('batch: resolves with the values in order, or rejects with the first failed operation', async () => {
    t.standin.enqueue(batchResponse.replace(failed('mysql'), ok('mysql')));
    const values = await t.client.batch(build);
    expect(values.map((v: { status: string }) => v.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(values[2].taskId).toBe(27);

    t.standin.enqueue(batchResponse);
    await expect(t.client.batch(build)).rejects.toMatchObject({ name: 'PleskOperationError', index: 1, errcode: 1013 });
  });

  it('settled methods resolve with the outcome instead of throwing', async () => {
    t.standin.enqueue(`<packet version="1.6.9.1"><server><srv_man>${failed('mysql')}</srv_man></server></packet>`);
    const s = await t.client.settled.server.srvMan({ id: 'mysql', operation: 'start' });
    expect(s).toMatchObject({ ok: false, index: 0, results: [{ status: 'error', errcode: 1013 }] });
    expect(s.error.errtext).toBe("Service 'mysql' does not exist");
    t.standin.enqueue(`<packet version="1.6.9.1"><server><srv_man>${ok('web')}</srv_man></server></packet>`);
    await expect(t.client.settled.server.srvMan({ id: 'web', operation: 'start' })).resolves.toMatchObject({ ok: true, value: { id: 'web' }, failed: [] });
  });

  it('an empty batch sends nothing; a batch entry that is not an operation is refused before sending', async () => {
    const before = t.standin.requests.length;
    await expect(t.client.batch(() => [])).resolves.toEqual([]);
    await expect(t.client.batch(() => [{ status: 'ok' }])).rejects.toThrow(/entry 0 is not an operation/);
    await expect(t.client.batch(() => [Promise.resolve({ status: 'ok' })])).rejects.toThrow(/entry 0/);
    expect(t.standin.requests.length).toBe(before);
  });

  it('an invalid entry fails the whole batch before sending, with the path of the violation', async () => {
    const before = t.standin.requests.length;
    await expect(
      t.client.batch((op: any) => [op.server.getProtos(), op.server.srvMan({ id: 'web', operation: 'halt' })]),
    ).rejects.toThrow(/operators\[0\]\.server\[1\]\.srvMan\.operation/);
    expect(t.standin.requests.length).toBe(before);
  });
});

describe('plain-choice operators and filter operations on the real tree', () => {
  let t: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    t = await start(REAL_SCHEMAS_DIR);
  });
  afterAll(async () => {
    await t?.client.close();
    await t?.standin.close();
  });

  const mixed =
    '<result><status>ok</status><webmail><name>roundcube</name></webmail></result>' +
    '<result><status>error</status><errcode>1013</errcode><errtext>Webmail horde is not registered</errtext></result>' +
    '<result><status>ok</status><webmail><name>atmail</name></webmail></result>';

  it('calls an operation of a plain-choice operator (webmail get-supported)', async () => {
    t.standin.enqueue('<packet version="1.6.6.0"><webmail><get-supported><result><status>ok</status><webmail><name>roundcube</name><status>enabled</status></webmail></result></get-supported></webmail></packet>');
    const result = await t.client.webmail.getSupported();
    expect(result.webmail).toEqual([{ name: 'roundcube', status: 'enabled' }]);
    expect(sentPacket(t.standin)).toBe('<packet><webmail><get-supported/></webmail></packet>');
  });

  it('a filter operation with mixed results: the throwing form rejects with every result, the settled form splits them', async () => {
    const request = { filter: { name: ['roundcube', 'horde', 'atmail'] } };
    t.standin.enqueue(`<packet version="1.6.6.0"><webmail><unregister>${mixed}</unregister></webmail></packet>`);
    const error = await t.client.webmail.unregister(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(t.tree.PleskOperationError);
    expect(error.results).toHaveLength(3);

    t.standin.enqueue(`<packet version="1.6.6.0"><webmail><unregister>${mixed}</unregister></webmail></packet>`);
    const s = await t.client.settled.webmail.unregister(request);
    expect(s.ok).toBe(false);
    expect(s.results).toHaveLength(3);
    expect(s.succeeded.map((r: any) => r.webmail[0].name)).toEqual(['roundcube', 'atmail']);
    expect(s.failed).toEqual([{ status: 'error', errcode: 1013, errtext: 'Webmail horde is not registered' }]);

    t.standin.enqueue(`<packet version="1.6.6.0"><webmail><unregister><result><status>ok</status></result></unregister></webmail></packet>`);
    const one = await t.client.settled.webmail.unregister({ filter: { name: ['roundcube'] } });
    expect(one).toMatchObject({ ok: true, value: [{ status: 'ok' }], results: [{ status: 'ok' }] });
  });

  it('a batch repeats a plain-choice operator element per operation, in the order given', async () => {
    t.standin.enqueue(
      '<packet version="1.6.6.0"><webmail><get-supported><result><status>ok</status></result></get-supported></webmail>' +
        `<webmail><unregister>${mixed}</unregister></webmail>` +
        '<server><get_protos><result><status>ok</status><protos><proto>1.6.6.0</proto></protos></result></get_protos></server></packet>',
    );
    const [a, b, c] = await t.client.batchSettled((op: any) => [
      op.webmail.getSupported(),
      op.webmail.unregister({ filter: { name: ['roundcube', 'horde', 'atmail'] } }),
      op.server.getProtos(),
    ]);
    expect(sentPacket(t.standin)).toBe(
      '<packet><webmail><get-supported/></webmail><webmail><unregister><filter><name>roundcube</name><name>horde</name><name>atmail</name></filter></unregister></webmail>' +
        '<server><get_protos/></server></packet>',
    );
    expect(a).toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(b).toMatchObject({ ok: false, index: 1 });
    expect(b.succeeded).toHaveLength(2);
    expect(b.failed).toHaveLength(1);
    expect(c).toMatchObject({ ok: true, index: 2 });
  });
});
