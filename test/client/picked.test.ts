/**
 * `clientFor` (the generated client-for.ts over the runtime's client/picked.ts): a client of the
 * operations named. It must send exactly what `PleskClient` sends for the same calls (checked on
 * the wire, embedded and real trees, one operator and several, list and single layouts), answer
 * the same values and errors, type its methods as `PleskClient` does (and have no others), and
 * refuse operations it was not made with on both sides: a request before anything is sent, a
 * response as a `PleskResponseError`. The packet's `request-settings` are given like an
 * operation (`requestSettings`): sent as `PleskClient` sends them, refused by a client made
 * without them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { replies, startStandin, type Standin } from 'plesk-api-codegen-runtime/testing';
import { PleskOperationError, PleskResponseError, SchemaViolationError } from 'plesk-api-codegen-runtime/client';
import { clientFor, requestSettings } from '../../generated/1.6.9.1/client-for.js';
import * as server from '../../generated/1.6.9.1/operators/server.js';
import * as backupManager from '../../generated/1.6.9.1/operators/backup-manager.js';
import { PleskClient } from '../../generated/1.6.9.1/client.js';
import type { ServicesManagementResultType } from '../../generated/1.6.9.1/response.js';
import { REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { loadCodecs } from '../support/codec.js';

const AUTH = { login: 'admin', password: 'pw' };
const OK = '<packet version="1.6.9.1"><server><srv_man><result><status>ok</status><id>web</id></result></srv_man></server></packet>';
const PROTOS = '<packet version="1.6.9.1"><server><get_protos><result><status>ok</status><protos><proto>1.6.9.1</proto></protos></result></get_protos></server></packet>';
const FAILED = '<packet version="1.6.9.1"><server><srv_man><result><status>error</status><errcode>1013</errcode><errtext>no such service</errtext></result></srv_man></server></packet>';

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin({ auth: AUTH });
});
afterAll(async () => {
  await standin.close();
});
const options = () => ({ url: standin.url, auth: AUTH, timeoutMs: 5000 });

/** Compile-time checks (tsc runs over this file in `npm test`); never called. */
export async function typed(): Promise<void> {
  const plesk = clientFor([server.srvMan, server.getProtos], options());
  const result: ServicesManagementResultType = await plesk.server.srvMan({ id: 'web', operation: 'stop' });
  const protos = await plesk.server.getProtos({ timeoutMs: 10 });
  const settled = await plesk.settled.server.srvMan({ id: 'web', operation: 'stop' });
  if (!settled.ok) {
    const error: PleskOperationError = settled.error;
    void error;
  }
  const [a, b] = await plesk.batch((op) => [op.server.getProtos(), op.server.srvMan({ id: 'web', operation: 'stop' })]);
  const id: string | undefined = b.id;
  // @ts-expect-error operation must be start | stop | restart
  await plesk.server.srvMan({ id: 'web', operation: 'explode' });
  // @ts-expect-error a flag operation takes no parameters
  await plesk.server.getProtos({ id: 'web' });
  // @ts-expect-error only the operations given: backup-manager was not
  void plesk.backupManager;
  // @ts-expect-error batch entries take no call options (the batch does)
  await plesk.batch((op) => [op.server.getProtos({ timeoutMs: 1 })]);
  // @ts-expect-error only operation constants
  clientFor([{ name: 'srvMan' }], options());
  // A packet element adds no member: the methods are those of the operations.
  const withSettings = clientFor([server.srvMan, requestSettings], options());
  const stopped: ServicesManagementResultType = await withSettings.server.srvMan({ id: 'web', operation: 'stop' });
  await withSettings.core.request({ requestSettings: { setting: [{ name: 'a', value: 'b' }] }, operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }] }] });
  // @ts-expect-error no member for a packet element
  void withSettings.requestSettings;
  // @ts-expect-error only the operations given
  void withSettings.server.getProtos;
  void stopped;
  void [result, protos, a, id];
}

describe('clientFor over the embedded tree', () => {
  it('sends what PleskClient sends, and answers the same values', async () => {
    const picked = clientFor([server.srvMan, server.getProtos], options());
    const full = new PleskClient(options());
    standin.enqueue(OK, OK, PROTOS, PROTOS);
    const before = standin.requests.length;
    expect(await picked.server.srvMan({ id: 'web', operation: 'stop' })).toEqual({ status: 'ok', id: 'web' });
    expect(await full.server.srvMan({ id: 'web', operation: 'stop' })).toEqual({ status: 'ok', id: 'web' });
    expect(await picked.server.getProtos()).toEqual(await full.server.getProtos());
    const bodies = standin.requests.slice(before).map((r) => r.body.replace(/^<\?xml[^>]*\?>/, ''));
    expect(bodies[0]).toBe(bodies[1]);
    expect(bodies[2]).toBe(bodies[3]);
    expect(bodies[0]).toBe('<packet version="1.6.9.1"><server><srv_man><id>web</id><operation>stop</operation></srv_man></server></packet>');
    await Promise.all([picked.close(), full.close()]);
  });

  it('settles and batches like PleskClient: an operation error is a settled failure or a PleskOperationError', async () => {
    const plesk = clientFor([server.srvMan, server.getProtos], options());
    standin.enqueue(FAILED, FAILED);
    const settled = await plesk.settled.server.srvMan({ id: 'mysql', operation: 'start' });
    expect(settled).toMatchObject({ ok: false, operator: 'server', operation: 'srvMan' });
    await expect(plesk.server.srvMan({ id: 'mysql', operation: 'start' })).rejects.toBeInstanceOf(PleskOperationError);
    standin.enqueue(
      '<packet version="1.6.9.1"><server><get_protos><result><status>ok</status><protos><proto>1.6.9.1</proto></protos></result></get_protos><srv_man><result><status>ok</status><id>web</id></result></srv_man></server></packet>',
    );
    const before = standin.requests.length;
    const [protos, stopped] = await plesk.batch((op) => [op.server.getProtos(), op.server.srvMan({ id: 'web', operation: 'stop' })]);
    expect(protos).toMatchObject({ status: 'ok', protos: { proto: ['1.6.9.1'] } });
    expect(stopped).toEqual({ status: 'ok', id: 'web' });
    expect(standin.requests[before]!.body.replace(/^<\?xml[^>]*\?>/, '')).toBe('<packet version="1.6.9.1"><server><get_protos/><srv_man><id>web</id><operation>stop</operation></srv_man></server></packet>');
    await plesk.close();
  });

  it('refuses a request with an operation it was not made with, before sending anything', async () => {
    const plesk = clientFor([server.srvMan], options());
    const before = standin.requests.length;
    await expect(plesk.core.request({ operators: [{ server: [{ getProtos: true }] }] })).rejects.toBeInstanceOf(SchemaViolationError);
    await expect(plesk.core.request({ operators: [{ backupManager: [{ backupServer: { local: true } }] }] } as never)).rejects.toBeInstanceOf(SchemaViolationError);
    expect(standin.requests.length).toBe(before);
    await plesk.close();
  });

  it('refuses a response holding an operation it was not made with', async () => {
    const plesk = clientFor([server.srvMan], options());
    standin.enqueue(PROTOS);
    await expect(plesk.server.srvMan({ id: 'web', operation: 'stop' })).rejects.toBeInstanceOf(PleskResponseError);
    standin.enqueue(replies.systemError(1014, 'Parser error'));
    await expect(plesk.server.srvMan({ id: 'web', operation: 'stop' })).rejects.toMatchObject({ name: 'PleskSystemError', errcode: 1014 });
    await plesk.close();
  });

  it('sends request-settings only when made with requestSettings, as PleskClient sends them', async () => {
    const packet = { requestSettings: { setting: [{ name: 'a', value: 'b' }] }, operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' as const } }] }] };
    const withSettings = clientFor([server.srvMan, requestSettings], options());
    const without = clientFor([server.srvMan], options());
    const full = new PleskClient(options());
    expect(Object.keys(withSettings).sort()).toEqual(Object.keys(without).sort());
    const before = standin.requests.length;
    await expect(without.core.request(packet)).rejects.toBeInstanceOf(SchemaViolationError);
    expect(standin.requests.length).toBe(before);
    standin.enqueue(OK, OK, OK);
    await withSettings.core.request(packet);
    await full.request(packet);
    // Without settings in the packet, the client made with them sends what the others send.
    expect(await withSettings.server.srvMan({ id: 'web', operation: 'stop' })).toEqual({ status: 'ok', id: 'web' });
    const bodies = standin.requests.slice(before).map((r) => r.body.replace(/^<\?xml[^>]*\?>/, ''));
    expect(bodies[0]).toBe(bodies[1]);
    expect(bodies[0]).toBe('<packet version="1.6.9.1"><request-settings><setting><name>a</name><value>b</value></setting></request-settings><server><srv_man><id>web</id><operation>stop</operation></srv_man></server></packet>');
    expect(bodies[2]).toBe('<packet version="1.6.9.1"><server><srv_man><id>web</id><operation>stop</operation></srv_man></server></packet>');
    await Promise.all([withSettings.close(), without.close(), full.close()]);
  });

  it('takes operations of several operators, each operator once', () => {
    const plesk = clientFor([server.srvMan, backupManager.backupServer, server.srvMan], options());
    expect(Object.keys(plesk.server)).toEqual(['srvMan']);
    expect(Object.keys(plesk.backupManager)).toEqual(['backupServer']);
    expect(Object.keys(plesk).sort()).toEqual(['backupManager', 'batch', 'batchSettled', 'close', 'core', 'server', 'settled']);
    return plesk.close();
  });

  it('names what is wrong with its arguments', () => {
    expect(() => clientFor([] as never, options())).toThrow(/pass the operations to call/);
    expect(() => clientFor([requestSettings], options())).toThrow(/pass the operations to call/);
    expect(() => clientFor([{ name: 'srvMan' }] as never, options())).toThrow(/entry 0 is not a generated operation/);
    expect(() => clientFor([{ ...server.srvMan, operator: { ...server.OPERATOR } }, server.getProtos], options())).toThrow(/two different operators named server/);
  });
});

describe('clientFor over the real tree', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let tree: { clientFor: any; requestSettings: any; PleskClient: any; operators: Record<string, any> };
  beforeAll(async () => {
    const { tree: dir } = await loadCodecs(REAL_SCHEMAS_DIR);
    const load = (path: string) => import(pathToFileURL(join(dir, path)).href);
    const picked = await load('client-for.ts');
    tree = {
      clientFor: picked.clientFor,
      requestSettings: picked.requestSettings,
      PleskClient: (await load('client.ts')).PleskClient,
      operators: { server: await load('operators/server.ts'), dbServer: await load('operators/db_server.ts'), webspace: await load('operators/webspace.ts') },
    };
  });

  it('writes a batch across operators (list and single layouts) exactly as PleskClient does', async () => {
    const { server: s, dbServer, webspace } = tree.operators;
    const picked = tree.clientFor([s.srvMan, dbServer.get, webspace.get], options());
    const full = new tree.PleskClient(options());
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const build = (op: any) => [op.server.srvMan({ id: 'web', operation: 'stop' }), op.dbServer.get({ filter: { id: [1] } }), op.webspace.get({ filter: {}, dataset: { genInfo: true } })];
    const sent: string[] = [];
    for (const client of [picked, full]) {
      standin.enqueue(replies.systemError(1014, 'only the request matters here'));
      await expect(client.batch(build)).rejects.toMatchObject({ name: 'PleskSystemError' });
      sent.push(standin.requests.at(-1)!.body);
    }
    expect(sent[0]).toBe(sent[1]);
    expect(sent[0]).toContain('<db_server><get>');
    await Promise.all([picked.close(), full.close()]);
  });

  it('sends request-settings (xs:anyType values: text, fragments) as PleskClient does when made with requestSettings, and refuses them otherwise', async () => {
    const packet = {
      requestSettings: { setting: [{ name: 'a', value: 'b' }, { name: 'c', value: { xml: '<x>1</x>' } }] },
      operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }] }],
    };
    const picked = tree.clientFor([tree.operators.server.srvMan, tree.requestSettings], options());
    const without = tree.clientFor([tree.operators.server.srvMan], options());
    const full = new tree.PleskClient(options());
    const before = standin.requests.length;
    await expect(without.core.request(packet)).rejects.toBeInstanceOf(SchemaViolationError);
    // The fragment is checked as PleskClient checks it.
    await expect(picked.core.request({ ...packet, requestSettings: { setting: [{ name: 'c', value: { xml: '<x>' } }] } })).rejects.toThrow(/not well-formed/);
    expect(standin.requests.length).toBe(before);
    standin.enqueue(OK, OK);
    await picked.core.request(packet);
    await full.request(packet);
    const [a, b] = standin.requests.slice(before).map((r) => r.body);
    expect(a).toBe(b);
    expect(a).toContain('<request-settings><setting><name>a</name><value>b</value></setting><setting><name>c</name><value><x>1</x></value></setting></request-settings>');
    await Promise.all([picked.close(), without.close(), full.close()]);
  });
});
