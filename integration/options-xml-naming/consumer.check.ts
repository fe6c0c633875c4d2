// Consumer of the options-xml-naming tree (`--naming xml`: the exact XML names as members and
// keys, integers as numbers, client on, no protocol version), type-checked with tsc against the
// golden tree: every `@ts-expect-error` must be needed.
import { PleskClient, PROTOCOL_VERSION, type SettledOperation } from './generated/index.js';
import type { AccountOutputGet, AccountResult, DbHostOutputGetLocalResult, ResultType } from './generated/index.js';
import { clientFor } from './generated/client-for.js';
import * as account from './generated/operators/account.js';
import * as dbHost from './generated/operators/db-host.js';

declare const plesk: PleskClient;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): void {}

export async function calls(): Promise<void> {
  const added: AccountResult = await plesk.account['add-account']({ login_name: 'jdoe', 'owner-id': 7 });
  const id: number | undefined = added['account-id'];
  const local: DbHostOutputGetLocalResult = await plesk['db-host']['get-local']();
  const prefs = await plesk.mail_prefs.set_prefs({ 'max-size': 1024 }, { protocolVersion: '1.6.9.1' });
  const none: string | undefined = PROTOCOL_VERSION;
  void [id, local, prefs, none];
  // @ts-expect-error camelCase members do not exist under `--naming xml`
  await plesk.dbHost.getLocal();
  // @ts-expect-error camelCase keys do not exist under `--naming xml`
  await plesk.account['add-account']({ loginName: 'jdoe' });
}

export async function batches(): Promise<void> {
  const [a, b, c] = await plesk.batch((op) => [
    op['db-host']['set-default']({ 'host-id': 3 }),
    op.account.get({ filter: { login_name: ['jdoe'] } }),
    op.mail_prefs.get_prefs(),
  ]);
  assertType<Equal<typeof a, ResultType>>();
  assertType<Equal<typeof b, AccountResult[]>>();
  void c;
  const [s] = await plesk.batchSettled((op) => [op.account.get({ filter: { all: true } })]);
  assertType<Equal<typeof s, SettledOperation<AccountResult, AccountResult[], AccountOutputGet>>>();
  // @ts-expect-error a wrong parameter in a batch entry does not compile
  await plesk.batch((op) => [op['db-host']['set-default']({ hostId: 3 })]);
}

export async function picked(): Promise<void> {
  // Operation constants are identifiers (`getLocal`); the client's members keep the XML names.
  const p = clientFor([dbHost.getLocal, dbHost.setDefault, account.addAccount], { host: 'h', auth: { secretKey: 'k' } });
  const local: DbHostOutputGetLocalResult = await p['db-host']['get-local']();
  const added: AccountResult = await p.account['add-account']({ login_name: 'jdoe', 'owner-id': 7 });
  const [r] = await p.batch((op) => [op['db-host']['set-default']({ 'host-id': 3 })]);
  assertType<Equal<typeof r, ResultType>>();
  void [local, added];
  // @ts-expect-error only the operations given: account.get was not
  await p.account.get({ filter: { all: true } });
  // @ts-expect-error camelCase members do not exist under `--naming xml`
  await p.dbHost.getLocal();
}
