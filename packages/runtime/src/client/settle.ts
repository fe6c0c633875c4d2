/**
 * Pairing a request with its response, operation by operation.
 *
 * Plesk answers the n-th operation of a request with the n-th operation of the response
 * (operator sections in the same order, operations in the same order inside each). `settle`
 * walks both packets in that order and returns one settled entry per requested operation, so
 * one failed operation never hides the results of the others (the official PHP client throws
 * the whole batch away on the first error).
 *
 * Works on the value shapes of the generated bindings without depending on their types:
 * a packet is `{ operators: [ { <operator>: <operations> }, … ] }`, where an operator holds its
 * operations as its `OperationsLayout` says (a list `[{ <operation>: value }, …]`, one
 * operation `{ <operation>: value }`, or fields in schema order — the generated client passes
 * every operator's layout; without them the shape is guessed), and an operation's answer is
 * `{ result: R }` or `{ result: R[] }` (filters), or — for the few operations whose element is
 * itself a `resultType` — the result object directly.
 *
 * Every settled entry has the same shape, filter or not: `results`, `succeeded` and `failed`
 * are always arrays; `value` (when ok) is what the throwing method resolves with.
 */
import { PleskOperationError, PleskResponseError, PleskSystemError, type PleskResultLike } from './errors.js';

/** What every settled operation carries, answered well or not. */
interface SettledCommon<R, A> {
  /** Operator property name (`server`). */
  readonly operator: string;
  /** Operation property name (`srvMan`). */
  readonly operation: string;
  /** Position in the request, over all operators, from 0. */
  readonly index: number;
  /**
   * Every result of the operation, in document order: one for most operations, one per matched
   * object for filter operations (`get` with a filter), ok and failed alike.
   */
  readonly results: readonly R[];
  /** The results with status `ok` (all of `results` when `ok`). */
  readonly succeeded: readonly R[];
  /** The results with status `error`, each with its `errcode` and `errtext` (none when `ok`). */
  readonly failed: readonly R[];
  /** The operation's whole answer element as parsed (`{ result: … }`), typed `A` (its response type). */
  readonly response: A;
}

/** One operation answered successfully: every result has status `ok`. */
export interface SettledOk<R = unknown, V = unknown, A = unknown> extends SettledCommon<R, A> {
  readonly ok: true;
  /** What the throwing method resolves with: the result, or every result as an array for operations that answer several. */
  readonly value: V;
}

/** One operation answered with status `error` in at least one of its results (the others stay in `results`/`succeeded`). */
export interface SettledError<R = unknown, A = unknown> extends SettledCommon<R, A> {
  readonly ok: false;
  /** The error the throwing method throws: the first failed result, with every result in `error.results`. */
  readonly error: PleskOperationError<R & PleskResultLike>;
}

/** The settled answer of one operation: `R` a result's type, `V` the value of a success, `A` the whole answer's type. */
export type SettledOperation<R = unknown, V = unknown, A = unknown> = SettledOk<R, V, A> | SettledError<R, A>;

/**
 * How one operator element holds its operations (decided by the generator's binding model from
 * the operator's content model, and passed in by the generated client):
 * - `list`: an array of one-operation items `[{ srvMan: … }, …]` (a repeating choice), in the
 *   property `prop` when the operator value is an object;
 * - `single`: one operation, `{ add: … }` (a plain choice): one per operator element;
 * - `fields`: `{ get: …, set: … }` (a sequence or all): each operation at most once, in `order`.
 */
export type OperationsLayout =
  | { readonly kind: 'list'; readonly prop?: string }
  | { readonly kind: 'single' }
  | { readonly kind: 'fields'; readonly order: readonly string[] };

/** The layouts of every operator by property name, for requests and responses. */
export type PacketLayouts = Readonly<Record<string, { readonly request: OperationsLayout | null; readonly response: OperationsLayout | null }>>;

/** One operation found in a packet value. */
export interface PacketOperation {
  readonly operator: string;
  readonly operation: string;
  readonly value: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The single own key of a one-branch object (`{ server: … }`), or undefined. */
function soleKey(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  return keys.length === 1 ? keys[0] : undefined;
}

/** The one-operation objects in an operator's value, as the layout says (or as it looks, without one). */
function operationItems(operatorValue: unknown, layout: OperationsLayout | null | undefined): unknown[] | undefined {
  if (layout?.kind === 'single') return isObject(operatorValue) ? [operatorValue] : undefined;
  if (layout?.kind === 'fields') {
    if (!isObject(operatorValue)) return undefined;
    const present = layout.order.filter((name) => operatorValue[name] !== undefined);
    if (present.length !== Object.keys(operatorValue).filter((k) => operatorValue[k] !== undefined).length) return undefined;
    return present.map((name) => ({ [name]: operatorValue[name] }));
  }
  if (layout?.kind === 'list' && layout.prop !== undefined) {
    const items = isObject(operatorValue) ? operatorValue[layout.prop] : undefined;
    return Array.isArray(items) ? items : undefined;
  }
  if (Array.isArray(operatorValue)) return operatorValue;
  if (layout === undefined && isObject(operatorValue)) {
    // No layout: an object whose one repeating group holds the operations, else one operation.
    const arrays = Object.values(operatorValue).filter((v) => Array.isArray(v));
    if (arrays.length === 1) return arrays[0] as unknown[];
    if (soleKey(operatorValue) !== undefined) return [operatorValue];
  }
  return undefined;
}

/**
 * Every operation of a packet value, in document order. Throws `TypeError` when the value does
 * not have the packet shape (`what` names the side for the message). `layouts` (from the
 * generated client) says how each operator holds its operations; without it the shape is guessed.
 */
export function packetOperations(packet: unknown, what: 'request' | 'response' = 'request', layouts?: PacketLayouts): PacketOperation[] {
  if (!isObject(packet)) throw new TypeError(`${what} packet is not an object`);
  const operators = packet.operators;
  if (operators === undefined) return [];
  if (!Array.isArray(operators)) throw new TypeError(`${what} packet: operators is not an array`);
  const out: PacketOperation[] = [];
  operators.forEach((section, i) => {
    const operator = soleKey(section);
    if (operator === undefined) throw new TypeError(`${what} packet: operators[${i}] is not a one-operator object`);
    const layout = layouts === undefined ? undefined : (layouts[operator]?.[what] ?? null);
    const items = operationItems((section as Record<string, unknown>)[operator], layout);
    if (items === undefined) throw new TypeError(`${what} packet: operators[${i}].${operator} holds no operation list`);
    items.forEach((item, j) => {
      const operation = soleKey(item);
      if (operation === undefined) throw new TypeError(`${what} packet: operators[${i}].${operator}[${j}] is not a one-operation object`);
      out.push({ operator, operation, value: (item as Record<string, unknown>)[operation] });
    });
  });
  return out;
}

/** The results carried by one operation's answer, and whether the answer holds a list of them. */
export function operationResults(answer: unknown): { results: PleskResultLike[]; many: boolean } {
  if (isObject(answer) && 'result' in answer) {
    const r = answer.result;
    if (Array.isArray(r)) return { results: r as PleskResultLike[], many: true };
    return { results: r === undefined ? [] : [r as PleskResultLike], many: false };
  }
  if (isObject(answer) && typeof answer.status === 'string') return { results: [answer as unknown as PleskResultLike], many: false };
  return { results: [], many: false };
}

/** Text mapper applied to what goes into errors (the client passes its credential redactor). */
export type Redact = (text: string) => string;

/** `value` with `redact` applied to every string in it; the same object where nothing changed. */
function redactDeep<T>(value: T, redact: Redact, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const mapped = value.map((v) => redactDeep(v, redact, depth + 1));
    return (mapped.some((v, i) => v !== value[i]) ? mapped : value) as T;
  }
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = redactDeep(v, redact, depth + 1);
    if (r !== v) changed = true;
    copy[k] = r;
  }
  return (changed ? copy : value) as T;
}

/**
 * Settles one operation's answer: ok with its result data, or an operation error carrying every
 * result. With `redact`, the error's texts and result copies pass through it (the ok `value`
 * and `response` are the parsed data, untouched).
 */
export function settleOperation(op: PacketOperation, index: number, redact?: Redact): SettledOperation {
  const { results: parsed, many } = operationResults(op.value);
  const failedAt = parsed.findIndex(isFailed);
  const common = { operator: op.operator, operation: op.operation, index, response: op.value };
  if (failedAt < 0) {
    const value = many ? parsed : parsed.length === 1 ? parsed[0] : op.value;
    const results = parsed.length === 0 ? [op.value] : parsed;
    return { ok: true, ...common, value, results, succeeded: results, failed: [] };
  }
  const results = redact === undefined ? parsed : redactDeep(parsed, redact);
  const error = new PleskOperationError({ operator: op.operator, operation: op.operation, index, result: results[failedAt]!, results });
  return {
    ok: false,
    ...common,
    error,
    results,
    succeeded: results.filter((r) => !isFailed(r)),
    failed: results.filter(isFailed),
  };
}

function isFailed(r: unknown): boolean {
  return isObject(r) && r.status === 'error';
}

/** Throws `PleskSystemError` when the response is a whole-packet `<system>` error. */
export function throwIfSystemError(response: unknown, redact: Redact = (s) => s): void {
  if (!isObject(response)) return;
  const system = response.system;
  if (!isObject(system)) return;
  if (system.status === 'ok') return;
  const errtext = typeof system.errtext === 'string' ? redact(system.errtext) : undefined;
  const output = outputText(response.output);
  throw new PleskSystemError({
    errcode: system.errcode as number | string | undefined,
    errtext,
    output: output === undefined ? undefined : redact(output),
    protocolVersion: typeof response.version === 'string' ? response.version : undefined,
  });
}

function outputText(output: unknown): string | undefined {
  if (output === undefined || output === null) return undefined;
  if (typeof output === 'string') return output;
  if (isObject(output)) {
    if (typeof output.value === 'string') return output.value;
    if (typeof output.xml === 'string') return output.xml;
  }
  if (output === true) return '';
  return undefined;
}

/**
 * Pairs each operation of `request` with its answer in `response`, in order. Throws
 * `PleskSystemError` for a whole-packet error and `PleskResponseError` when the response does
 * not answer the request (a different number of operations, or other operator/operation names
 * at the same position) — pairing would then be guesswork.
 */
export function settle(request: unknown, response: unknown, redact?: Redact, layouts?: PacketLayouts): SettledOperation[] {
  throwIfSystemError(response, redact);
  const asked = packetOperations(request, 'request', layouts);
  let answered: PacketOperation[];
  try {
    answered = packetOperations(response, 'response', layouts);
  } catch (e) {
    throw new PleskResponseError(`Plesk response does not have the packet shape: ${(e as Error).message}`, {});
  }
  if (asked.length !== answered.length) {
    // Named: the first operation without a partner (asked but not answered, or answered but not asked).
    const n = Math.min(asked.length, answered.length);
    const first = asked[n] ?? answered[n]!;
    throw new PleskResponseError(
      `Plesk response answers ${answered.length} operation(s) but the request had ${asked.length} (${first.operator}.${first.operation} #${n} ${asked[n] ? 'unanswered' : 'not asked'})`,
      {},
    );
  }
  return asked.map((q, i) => {
    const a = answered[i]!;
    if (q.operator !== a.operator || q.operation !== a.operation) {
      throw new PleskResponseError(
        `Plesk response operation #${i} is ${a.operator}.${a.operation} but the request asked ${q.operator}.${q.operation}`,
        {},
      );
    }
    return settleOperation(a, i, redact);
  });
}
