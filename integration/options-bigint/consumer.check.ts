// Consumer of the options-bigint tree (`--integers bigint`: 64-bit integers are bigint, 32-bit
// ones stay numbers; camelCase names, client on), type-checked with tsc against the golden tree:
// every `@ts-expect-error` must be needed.
import { PleskClient, type SettledOperation } from './generated/index.js';
import type { AccountResult, DbHostOutputSetDefault, MailPrefsOutputGetPrefsResult, ResultType } from './generated/index.js';

declare const plesk: PleskClient;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): void {}

export async function calls(): Promise<void> {
  const added = await plesk.account.addAccount({ loginName: 'jdoe', ownerId: 7n });
  const id: bigint | undefined = added.accountId;
  const count: number | undefined = added.mailCount;
  const prefs: MailPrefsOutputGetPrefsResult = await plesk.mailPrefs.getPrefs();
  const size: bigint | undefined = prefs.maxSize;
  void [id, count, size];
  // @ts-expect-error xs:long is bigint under `--integers bigint`
  await plesk.account.addAccount({ loginName: 'jdoe', ownerId: 7 });
}

export async function batches(): Promise<void> {
  const [a, b] = await plesk.batch((op) => [op.account.get({ filter: { accountId: [1n, 2n] } }), op.mailPrefs.setPrefs({ maxSize: 10n })]);
  assertType<Equal<typeof a, AccountResult[]>>();
  assertType<Equal<typeof b, AccountResult>>();
  const [s] = await plesk.batchSettled((op) => [op.dbHost.setDefault({ hostId: 1n })]);
  assertType<Equal<typeof s, SettledOperation<ResultType, ResultType, DbHostOutputSetDefault>>>();
  if (s.ok) {
    const status: 'ok' | 'error' = s.value.status;
    void status;
  }
  // @ts-expect-error a number where the schema says xs:long does not compile in a batch entry
  await plesk.batch((op) => [op.dbHost.setDefault({ hostId: 1 })]);
}
