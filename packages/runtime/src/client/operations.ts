/**
 * Operations as calls, settled calls and batch entries: the machinery behind the generated
 * client's per-operator methods, `settled` view and `batch`/`batchSettled`.
 *
 * The generated operator classes are written once, generic over an `OperationMode`; each method
 * hands (operator, operation, value, many) to a runner, and the mode decides what comes back:
 *
 * | mode      | a method returns                    | on an operation error            |
 * |-----------|-------------------------------------|----------------------------------|
 * | `call`    | `Promise<V>` (the result, or `R[]`) | rejects with `PleskOperationError` |
 * | `settled` | `Promise<SettledOperation<R, V, A>>` | resolves `{ ok: false, error, results, succeeded, failed }` |
 * | `batch`   | `BatchOperation<R, V, A>` (no request) | — (the batch sends them)         |
 *
 * `R` is one result's type, `V` what a success resolves with (`R`, or `R[]` for operations that
 * answer several results, such as `get` with a filter), `A` the operation's whole answer element
 * (the settled `response`). The types are phantom on the batch entry,
 * so a tuple of entries maps to a tuple of typed results (`BatchValues`, `BatchSettled`).
 *
 * Packet order. A batch writes its operations in the order given, and Plesk answers the n-th
 * operation with the n-th result. Consecutive operations of an operator whose element holds a
 * list share one operator element; an operator that comes back later in the batch opens a new
 * element (the packet's operators repeat), so operations are never reordered — a batch that
 * creates something and then changes it runs in that order. Operators that hold one operation
 * per element (`single`, a plain choice) get an element per operation; those holding fields
 * (`fields`, a sequence) share one while the operations keep schema order and do not repeat.
 */
import type { PleskOperationError } from './errors.js';
import type { OperationsLayout, PacketLayouts, SettledOperation } from './settle.js';

/** What a generated operator method does: call (throw on errors), settle, or describe a batch entry. */
export type OperationMode = 'call' | 'settled' | 'batch';

/** One operation of a batch, made by `op.<operator>.<operation>(params)` inside `batch(…)`; sends nothing by itself. */
export interface BatchOperation<R = unknown, V = unknown, A = unknown> {
  readonly operator: string;
  readonly operation: string;
  /** The operation's request value as written in the packet. */
  readonly value: unknown;
  /** The operation answers a list of results (`V` is `R[]`). */
  readonly many: boolean;
  /** Type-only: the result, value and answer types (never set). */
  readonly '~types'?: { readonly result: R; readonly value: V; readonly answer: A };
}

/** What a method of mode `M` returns for an operation with result `R`, success value `V` and answer element `A`. */
export type Outcome<M extends OperationMode, R, V, A> = {
  call: Promise<V>;
  settled: Promise<SettledOperation<R, V, A>>;
  batch: BatchOperation<R, V, A>;
}[M];

/** The trailing parameters of a method of mode `M`: call options, except for batch entries (the batch takes them). */
export type CallOptionsOf<M extends OperationMode, O> = M extends 'batch' ? [] : [opts?: O];

/** The function every method of mode `M` calls. */
export type OperationRunner<M extends OperationMode, O> = <R, V, A>(
  operator: string,
  operation: string,
  value: unknown,
  many: boolean,
  opts: CallOptionsOf<M, O>,
) => Outcome<M, R, V, A>;

/** Success values of a tuple of batch entries, position by position. */
export type BatchValues<T extends readonly BatchOperation[]> = { -readonly [K in keyof T]: T[K] extends BatchOperation<unknown, infer V, unknown> ? V : never };

/** Settled answers of a tuple of batch entries, position by position. */
export type BatchSettled<T extends readonly BatchOperation[]> = {
  -readonly [K in keyof T]: T[K] extends BatchOperation<infer R, infer V, infer A> ? SettledOperation<R, V, A> : never;
};

/** The part of the client core the runner needs. */
export interface OperationCore<O> {
  request(packet: never, opts?: O): Promise<unknown>;
  settle(request: never, response: never): SettledOperation[];
}

/** A runner for mode `M` over a client core (the generated client makes one per mode). */
export function operationRunner<M extends OperationMode, O>(core: OperationCore<O>, mode: M, layouts: PacketLayouts): OperationRunner<M, O> {
  const runner = (operator: string, operation: string, value: unknown, many: boolean, opts: readonly (O | undefined)[]): unknown => {
    const entry: BatchOperation = { operator, operation, value, many };
    if (mode === 'batch') return entry;
    const settled = runOperations(core, [entry], layouts, opts[0]).then((all) => all[0]!);
    if (mode === 'settled') return settled;
    return settled.then((s) => {
      if (!s.ok) throw s.error;
      return s.value;
    });
  };
  return runner as OperationRunner<M, O>;
}

/**
 * Sends the entries as one packet and settles each, in order. `value` of a success is the list of
 * results for entries that answer several (also when the answer held one or none).
 */
export async function runOperations<O>(
  core: OperationCore<O>,
  entries: readonly BatchOperation[],
  layouts: PacketLayouts,
  opts: O | undefined,
): Promise<SettledOperation[]> {
  if (entries.length === 0) return [];
  const packet = buildPacket(entries, layouts);
  // Plesk's reading operations are the `get…` ones (get, get_protos, get-status, …): a packet of
  // only those may be sent again when a kept-alive connection turns out closed (transport.ts).
  const response = await core.request(packet as never, { readOnly: entries.every((e) => /^get/.test(e.operation)), ...opts } as O);
  // One settled entry per entry: settle refuses a response that answers another number (countMismatch).
  const settled = core.settle(packet as never, response as never);
  return settled.map((s, i) => (s.ok && entries[i]!.many && !Array.isArray(s.value) ? { ...s, value: s.results } : s));
}

/** Runs a batch and resolves with every value, or rejects with the first operation's error (by position). */
export async function runBatch<O>(core: OperationCore<O>, entries: readonly BatchOperation[], layouts: PacketLayouts, opts: O | undefined): Promise<unknown[]> {
  const settled = await runOperations(core, checkEntries(entries), layouts, opts);
  const failed = settled.find((s) => !s.ok);
  if (failed !== undefined && !failed.ok) throw failed.error as PleskOperationError;
  return settled.map((s) => (s.ok ? s.value : undefined));
}

/** Runs a batch and settles every entry: operation errors never reject. */
export function runBatchSettled<O>(core: OperationCore<O>, entries: readonly BatchOperation[], layouts: PacketLayouts, opts: O | undefined): Promise<SettledOperation[]> {
  return runOperations(core, checkEntries(entries), layouts, opts);
}

function checkEntries(entries: unknown): readonly BatchOperation[] {
  if (!Array.isArray(entries)) throw new TypeError('batch: the builder must return an array of operations');
  entries.forEach((e: unknown, i) => {
    const entry = e as Partial<BatchOperation> | null;
    if (entry === null || typeof entry !== 'object' || typeof entry.operator !== 'string' || typeof entry.operation !== 'string') {
      throw new TypeError(`batch: entry ${i} is not an operation made by the batch builder (op.<operator>.<operation>(…))`);
    }
  });
  return entries as readonly BatchOperation[];
}

/**
 * The request packet value for operations in this order (see the file comment): consecutive
 * operations share an operator element where its layout allows, nothing is reordered.
 */
export function buildPacket(entries: readonly BatchOperation[], layouts: PacketLayouts): { operators: Record<string, unknown>[] } {
  const operators: Record<string, unknown>[] = [];
  let last: { operator: string; layout: OperationsLayout; value: unknown; lastField: number } | undefined;
  for (const { operator, operation, value } of entries) {
    const layout = layouts[operator]?.request;
    if (layout === undefined || layout === null) throw new TypeError(`batch: ${operator} is not a request operator`);
    if (layout.kind === 'list') {
      if (last?.operator === operator) {
        (layout.prop === undefined ? (last.value as unknown[]) : ((last.value as Record<string, unknown[]>)[layout.prop] as unknown[])).push({ [operation]: value });
        continue;
      }
      const items = [{ [operation]: value }];
      const section = layout.prop === undefined ? items : { [layout.prop]: items };
      operators.push({ [operator]: section });
      last = { operator, layout, value: section, lastField: -1 };
    } else if (layout.kind === 'single') {
      operators.push({ [operator]: { [operation]: value } });
      last = undefined;
    } else {
      const at = layout.order.indexOf(operation);
      if (last?.operator === operator && at > last.lastField) {
        (last.value as Record<string, unknown>)[operation] = value;
        last.lastField = at;
        continue;
      }
      const section: Record<string, unknown> = { [operation]: value };
      operators.push({ [operator]: section });
      last = { operator, layout, value: section, lastField: at };
    }
  }
  return { operators };
}
