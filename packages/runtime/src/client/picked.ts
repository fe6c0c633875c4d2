/**
 * A client of the operations you name, for small bundles: `clientFor([server.srvMan], options)`
 * (the generated `client-for.ts`) gives `plesk.server.srvMan(…)`, `plesk.settled.…`, `batch` and
 * `batchSettled` exactly as `PleskClient` does, typed the same way, but its packet descriptors
 * hold only the operators and operations it was given.
 *
 * Why: `PleskClient` reaches every operator's descriptors through the packet's content model, so
 * a bundler keeps the whole API (the real Plesk set: about 600 KiB minified) although a program
 * calls one operation. Here the generated tree provides building blocks that reach nothing by
 * themselves — one constant per operation (`operators/<operator>.ts`: the operation's request and
 * response element), one per operator (the operator element, its type with the operation list
 * left open) and the packet skeletons (`client-for.ts`, the operators' choice left open) — and
 * this module puts the chosen ones together once, when the client is made. What the bundle holds
 * is what the named operations reach.
 *
 * Nothing is checked less: the assembled descriptors are the schema's own, narrowed to the named
 * operations. A request with another operation is refused by the serializer
 * (`SchemaViolationError`) before anything is sent; a response with another one is refused by
 * the parser (`PleskResponseError`), as Plesk answers the operations it was sent.
 *
 * The request packet's optional elements beside its operators (Plesk's `request-settings`) are
 * named the same way: a constant each in `client-for.ts` (`requestSettings`, a
 * `PleskPacketElement`), given with the operations by a client that sends them. A client made
 * without one refuses packets carrying it, like another operation, and its bundle holds nothing
 * of it: the real `request-settings` values are `xs:anyType`, which would bring the writer of
 * content kept as XML (`untyped.ts`, about 3 KiB) into every client although none of its
 * methods writes them.
 */
import type { ElemDesc, ParticleDesc, RootDesc } from '../descriptors.js';
import { parseStrict } from '../parse.js';
import { serialize } from '../serialize.js';
import { PleskClientCore, type PleskCallOptions, type PleskClientOptions } from './core.js';
import {
  operationRunner,
  runBatch,
  runBatchSettled,
  type BatchOperation,
  type BatchSettled,
  type BatchValues,
  type CallOptionsOf,
  type OperationMode,
  type Outcome,
} from './operations.js';
import type { OperationsLayout, PacketLayouts } from './settle.js';

/** One operator's building blocks (`OPERATOR` in the generated `operators/<operator>.ts`). */
export interface PleskOperatorParts<K extends string = string> {
  /** Member name on the client (`server`; the same as `PleskClient`'s). */
  readonly key: K;
  /** Property of the operator in packet values (`server`). */
  readonly property: string;
  /** How the operator element holds its operations (see `OperationsLayout`). */
  readonly layouts: { readonly request: OperationsLayout | null; readonly response: OperationsLayout | null };
  /** The request operator element whose type allows only `operations` (operation elements, in schema order). */
  readonly request: (operations: readonly ParticleDesc[]) => ElemDesc;
  /** The same for responses; null when responses have no such operator. */
  readonly response: ((operations: readonly ParticleDesc[]) => ElemDesc) | null;
}

/**
 * One operation (a constant in the generated `operators/<operator>.ts`, e.g. `srvMan`): its
 * elements and how it is called. `P` is what the method takes (`void` for flag operations, which
 * take no parameters), `R` one result, `V` what a success resolves with (`R` or `R[]`), `A` the
 * operation's whole answer element.
 */
export interface PleskOperation<K extends string = string, N extends string = string, P = unknown, R = unknown, V = unknown, A = unknown> {
  readonly operator: PleskOperatorParts<K>;
  /** Method name (`srvMan`; the same as `PleskClient`'s). */
  readonly name: N;
  /** Property of the operation in packet values. */
  readonly property: string;
  /** Position among the operator's operations in the schema (the order they are written in). */
  readonly index: number;
  /** The answer holds a list of results (filters): `V` is `R[]`. */
  readonly many: boolean;
  /** The operation element is empty or untyped: the method takes no parameters and sends `true`. */
  readonly flag: boolean;
  readonly request: ElemDesc;
  /** Null when the schema has no answer element for it. */
  readonly response: ElemDesc | null;
  /** Type-only: what the method takes and answers (never set). */
  readonly '~types'?: { readonly params: P; readonly result: R; readonly value: V; readonly answer: A };
}

/**
 * An optional element of the request packet beside its operators (a constant in the generated
 * `client-for.ts`, e.g. `requestSettings`): a client made with it may send it
 * (`plesk.core.request({ requestSettings, operators })`).
 */
export interface PleskPacketElement<P extends string = string> {
  /** Property of the element in packet values (`requestSettings`). */
  readonly packetElement: P;
  readonly element: ElemDesc;
}

/** The packet skeletons of a tree (the generated `client-for.ts` passes them). */
export interface PleskPacketParts {
  /** The protocol version the bindings were generated for (the default `version` attribute). */
  readonly protocolVersion: string | undefined;
  /**
   * The request `<packet>` whose operators' choice holds only `operators`, and whose optional
   * elements beside them are those `given` returns (the element of a `PleskPacketElement` the
   * client was made with, or none).
   */
  readonly request: (operators: readonly ElemDesc[], given: (property: string) => readonly ElemDesc[]) => RootDesc;
  /** The response `<packet>` whose operators' choice holds only `operators` (`<system>` stays). */
  readonly response: (operators: readonly ElemDesc[]) => RootDesc;
}

type Method<O, M extends OperationMode> =
  O extends PleskOperation<string, string, infer P, infer R, infer V, infer A>
    ? [P] extends [void]
      ? (...opts: CallOptionsOf<M, PleskCallOptions>) => Outcome<M, R, V, A>
      : (params: P, ...opts: CallOptionsOf<M, PleskCallOptions>) => Outcome<M, R, V, A>
    : never;

/** The operators and methods of the operations `O` (a union), in mode `M`: `plesk.server.srvMan(…)`. */
export type PickedOperators<O extends PleskOperation, M extends OperationMode> = {
  readonly [K in O['operator']['key']]: { readonly [Op in Extract<O, { readonly operator: PleskOperatorParts<K> }> as Op['name']]: Method<Op, M> };
};

/** A client of the operations `O` (a union of `PleskOperation` types); `Req`/`Res` are the tree's packet types. */
export type PleskPickedClient<O extends PleskOperation, Req extends object = object, Res extends object = object> = PickedOperators<O, 'call'> & {
  /** The transport underneath: raw `send`, `serialize`, `request` (of packets holding these operations only). */
  readonly core: PleskClientCore<Req, Res>;
  /** The same methods, resolving with a `SettledOperation` instead of rejecting on an operation error. */
  readonly settled: PickedOperators<O, 'settled'>;
  /** Several of these operations in one packet, in the order given (see `PleskClient.batch`). */
  batch<const T extends readonly BatchOperation[]>(build: (op: PickedOperators<O, 'batch'>) => T, opts?: PleskCallOptions): Promise<BatchValues<T>>;
  /** Like `batch`, every entry settled. */
  batchSettled<const T extends readonly BatchOperation[]>(build: (op: PickedOperators<O, 'batch'>) => T, opts?: PleskCallOptions): Promise<BatchSettled<T>>;
  /** Releases the client's connections. */
  close(): Promise<void>;
};

/** Members of the client itself (the generator renames operators that would take these names). */
const OWN_MEMBERS = new Set(['core', 'settled', 'batch', 'batchSettled', 'close']);

/**
 * Makes the client of `operations` (what the generated `clientFor` calls), which may also name
 * packet elements (`PleskPacketElement`); `O` is the union of the operations among them (the
 * caller states it: `clientFor` extracts it from its list's type). Throws `TypeError` for a list
 * without an operation, an entry that is neither, or two operators of one name from different
 * trees.
 */
export function pickedClient<O extends PleskOperation, Req extends object = object, Res extends object = object>(
  packets: PleskPacketParts,
  operations: readonly (PleskOperation | PleskPacketElement)[],
  options: PleskClientOptions,
): PleskPickedClient<O, Req, Res> {
  const elements = new Map<string, ElemDesc>();
  const byOperator = new Map<PleskOperatorParts, PleskOperation[]>();
  const keys = new Map<string, PleskOperatorParts>();
  (Array.isArray(operations) ? operations : []).forEach((op: unknown, i) => {
    const o = op as Partial<PleskOperation & PleskPacketElement> | null;
    if (o !== null && typeof o === 'object' && typeof o.packetElement === 'string' && o.element !== undefined) {
      elements.set(o.packetElement, o.element);
      return;
    }
    if (o === null || typeof o !== 'object' || typeof o.name !== 'string' || typeof o.operator !== 'object' || o.operator === null || o.request === undefined) {
      throw new TypeError(`clientFor: entry ${i} is not a generated operation (import them from operators/<operator>.js)`);
    }
    const parts = o.operator;
    const seen = keys.get(parts.key);
    if (OWN_MEMBERS.has(parts.key)) throw new TypeError(`clientFor: operator member ${parts.key} clashes with the client's own`);
    if (seen !== undefined && seen !== parts) throw new TypeError(`clientFor: two different operators named ${parts.key} (operations of two trees?)`);
    keys.set(parts.key, parts);
    const list = byOperator.get(parts) ?? [];
    if (!list.includes(o as PleskOperation)) list.push(o as PleskOperation);
    byOperator.set(parts, list);
  });
  if (byOperator.size === 0) throw new TypeError('clientFor: pass the operations to call, e.g. [server.srvMan]');

  const layouts: Record<string, PleskOperatorParts['layouts']> = {};
  const requestOperators: ElemDesc[] = [];
  const responseOperators: ElemDesc[] = [];
  for (const [parts, ops] of byOperator) {
    ops.sort((a, b) => a.index - b.index);
    layouts[parts.property] = parts.layouts;
    requestOperators.push(parts.request(ops.map((op) => op.request)));
    const answers = ops.flatMap((op) => (op.response === null ? [] : [op.response]));
    if (parts.response !== null && answers.length > 0) responseOperators.push(parts.response(answers));
  }
  const requestRoot = packets.request(requestOperators, (property) => {
    const element = elements.get(property);
    return element === undefined ? [] : [element];
  });
  const responseRoot = packets.response(responseOperators);
  const packetLayouts: PacketLayouts = layouts;
  const core = new PleskClientCore<Req, Res>(
    { serializeRequest: (packet) => serialize(requestRoot, packet), parseResponse: (xml) => parseStrict(responseRoot, xml) as Res },
    options,
    { ...(packets.protocolVersion === undefined ? {} : { protocolVersion: packets.protocolVersion }), layouts: packetLayouts },
  );

  const view = <M extends OperationMode>(mode: M): PickedOperators<O, M> => {
    const run = operationRunner(core, mode, packetLayouts) as (operator: string, operation: string, value: unknown, many: boolean, opts: unknown[]) => unknown;
    const out: Record<string, Record<string, unknown>> = {};
    for (const [parts, ops] of byOperator) {
      const methods: Record<string, unknown> = {};
      for (const op of ops) {
        methods[op.name] = op.flag
          ? (...opts: unknown[]) => run(parts.property, op.property, true, op.many, opts)
          : (params: unknown, ...opts: unknown[]) => run(parts.property, op.property, params, op.many, opts);
      }
      out[parts.key] = Object.freeze(methods);
    }
    return Object.freeze(out) as PickedOperators<O, M>;
  };
  const batchView = view('batch');
  const client: Record<string, unknown> = {
    ...view('call'),
    core,
    settled: view('settled'),
    batch: (build: (op: PickedOperators<O, 'batch'>) => readonly BatchOperation[], opts?: PleskCallOptions) => runBatch(core, build(batchView), packetLayouts, opts),
    batchSettled: (build: (op: PickedOperators<O, 'batch'>) => readonly BatchOperation[], opts?: PleskCallOptions) => runBatchSettled(core, build(batchView), packetLayouts, opts),
    close: () => core.close(),
  };
  return Object.freeze(client) as PleskPickedClient<O, Req, Res>;
}
