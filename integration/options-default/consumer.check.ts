// Consumer of the options-default tree (camelCase names, integers as numbers, client on,
// protocol version 1.6.9.1), type-checked with tsc against the golden tree: every
// `@ts-expect-error` must be needed. Not run; integration/options-fixture runs the same calls.
import { PleskClient, PROTOCOL_VERSION, type SettledOperation } from './generated/index.js';
import type { AccountOutputGet, AccountResult, DbHostOutputGetLocal, DbHostOutputGetLocalResult, MailPrefsOutputGetPrefsResult, ResultType } from './generated/index.js';

declare const plesk: PleskClient;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): void {}

export async function calls(): Promise<void> {
  // A method per operation, whatever the operator's content model.
  const added: AccountResult = await plesk.account.addAccount({ loginName: 'jdoe', ownerId: 7 });
  const matched: AccountResult[] = await plesk.account.get({ filter: { loginName: ['jdoe', 'jroe'] } });
  const local: DbHostOutputGetLocalResult = await plesk.dbHost.getLocal();
  const prefs: MailPrefsOutputGetPrefsResult = await plesk.mailPrefs.getPrefs({ timeoutMs: 1000, protocolVersion: '1.6.8.0' });
  const id: number | undefined = added.accountId;
  void [matched, local, prefs, id, PROTOCOL_VERSION];

  // @ts-expect-error ownerId is a number under `integers: number`
  await plesk.account.addAccount({ loginName: 'jdoe', ownerId: 7n });
  // @ts-expect-error a flag operation takes no parameters
  await plesk.dbHost.getLocal({ hostId: 1 });
  // @ts-expect-error two branches of the filter choice
  await plesk.account.get({ filter: { loginName: ['a'], all: true } });
  // @ts-expect-error XML names are not members under camelCase naming
  await plesk['db-host'];

  // Settled methods: every result of a filter, without exceptions.
  const outcome = await plesk.settled.account.get({ filter: { all: true } });
  assertType<Equal<typeof outcome, SettledOperation<AccountResult, AccountResult[], AccountOutputGet>>>();
  const answer: AccountOutputGet = outcome.response;
  void answer;
  const every: readonly AccountResult[] = outcome.results;
  const good: readonly AccountResult[] = outcome.succeeded;
  const bad: readonly AccountResult[] = outcome.failed;
  if (outcome.ok) {
    const value: AccountResult[] = outcome.value;
    void value;
  } else {
    const code: number | undefined = outcome.error.errcode;
    const first: AccountResult = outcome.error.result;
    void [code, first];
    // @ts-expect-error no value on a failed outcome
    void outcome.value;
  }
  void [every, good, bad];
}

export async function batches(): Promise<void> {
  // Results typed position by position, across operators of every layout.
  const [a, b, c, d, e] = await plesk.batch((op) => [
    op.account.addAccount({ loginName: 'jdoe' }),
    op.account.get({ filter: { accountId: [1, 2] } }),
    op.dbHost.setDefault({ hostId: 3 }),
    op.mailPrefs.getPrefs(),
    op.account.ping(),
  ]);
  assertType<Equal<typeof a, AccountResult>>();
  assertType<Equal<typeof b, AccountResult[]>>();
  assertType<Equal<typeof c, ResultType>>();
  assertType<Equal<typeof d, MailPrefsOutputGetPrefsResult>>();
  assertType<Equal<typeof e, AccountResult>>();

  const settled = await plesk.batchSettled((op) => [op.dbHost.getLocal(), op.account.get({ filter: { all: true } })], { timeoutMs: 5000 });
  assertType<
    Equal<typeof settled, [SettledOperation<DbHostOutputGetLocalResult, DbHostOutputGetLocalResult, DbHostOutputGetLocal>, SettledOperation<AccountResult, AccountResult[], AccountOutputGet>]>
  >();
  const [first, second] = settled;
  if (first.ok) {
    const hostId: number | undefined = first.value.hostId;
    void hostId;
  }
  if (!second.ok) {
    const failed: readonly AccountResult[] = second.failed;
    void failed;
  }

  // @ts-expect-error a wrong parameter in a batch entry does not compile
  await plesk.batch((op) => [op.account.get({ filter: { accountId: ['one'] } })]);
  // @ts-expect-error an unknown operation is not on the batch builder
  await plesk.batch((op) => [op.dbHost.dropAll()]);
  // @ts-expect-error batch entries take no call options (the batch does)
  await plesk.batch((op) => [op.account.ping({ timeoutMs: 5 })]);
  // @ts-expect-error only operations made by the builder are batch entries
  await plesk.batch(() => [plesk.account.ping()]);
  const [only] = await plesk.batch((op) => [op.account.ping()]);
  // @ts-expect-error a one-entry batch has one result
  const [, none] = await plesk.batch((op) => [op.account.ping()]);
  void [only, none];
}
