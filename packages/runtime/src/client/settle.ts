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
 * a packet is `{ operators: [ { <operator>: [ { <operation>: value }, … ] }, … ] }` and an
 * operation's answer is `{ result: R }` or `{ result: R[] }` (filters), or — for the few
 * operations whose element is itself a `resultType` — the result object directly.
 */
import { PleskOperationError, PleskResponseError, PleskSystemError, type PleskResultLike } from './errors.js';

/** One operation of a batch, answered successfully. */
export interface SettledOk<V = unknown> {
  readonly ok: true;
  /** Operator property name (`server`). */
  readonly operator: string;
  /** Operation property name (`srvMan`). */
  readonly operation: string;
  /** Position in the request, over all operators, from 0. */
  readonly index: number;
  /** The operation's result data: the `result` (an array of results when the operation answered with several). */
  readonly value: V;
  /** The operation's whole answer object as parsed (`{ result: … }`). */
  readonly response: unknown;
}

/** One operation of a batch, answered with status `error` (in at least one of its results). */
export interface SettledError<R extends PleskResultLike = PleskResultLike> {
  readonly ok: false;
  readonly operator: string;
  readonly operation: string;
  readonly index: number;
  readonly error: PleskOperationError<R>;
  readonly response: unknown;
}

export type SettledOperation<V = unknown, R extends PleskResultLike = PleskResultLike> = SettledOk<V> | SettledError<R>;

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

function operationItems(operatorValue: unknown): unknown[] | undefined {
  if (Array.isArray(operatorValue)) return operatorValue;
  if (isObject(operatorValue)) {
    // An operator type shaped as an object whose one repeating group holds the operations.
    const arrays = Object.values(operatorValue).filter((v) => Array.isArray(v));
    if (arrays.length === 1) return arrays[0] as unknown[];
  }
  return undefined;
}

/**
 * Every operation of a packet value, in document order. Throws `TypeError` when the value does
 * not have the packet shape (`what` names the side for the message).
 */
export function packetOperations(packet: unknown, what: 'request' | 'response' = 'request'): PacketOperation[] {
  if (!isObject(packet)) throw new TypeError(`${what} packet is not an object`);
  const operators = packet.operators;
  if (operators === undefined) return [];
  if (!Array.isArray(operators)) throw new TypeError(`${what} packet: operators is not an array`);
  const out: PacketOperation[] = [];
  operators.forEach((section, i) => {
    const operator = soleKey(section);
    if (operator === undefined) throw new TypeError(`${what} packet: operators[${i}] is not a one-operator object`);
    const items = operationItems((section as Record<string, unknown>)[operator]);
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
  const at = parsed.findIndex((r) => isObject(r) && r.status === 'error');
  if (at < 0) {
    const value = many ? parsed : parsed.length === 1 ? parsed[0] : op.value;
    return { ok: true, operator: op.operator, operation: op.operation, index, value, response: op.value };
  }
  const results = redact === undefined ? parsed : redactDeep(parsed, redact);
  const error = new PleskOperationError({ operator: op.operator, operation: op.operation, index, result: results[at]!, results });
  return { ok: false, operator: op.operator, operation: op.operation, index, error, response: op.value };
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
export function settle(request: unknown, response: unknown, redact?: Redact): SettledOperation[] {
  throwIfSystemError(response, redact);
  const asked = packetOperations(request, 'request');
  let answered: PacketOperation[];
  try {
    answered = packetOperations(response, 'response');
  } catch (e) {
    throw new PleskResponseError(`Plesk response does not have the packet shape: ${(e as Error).message}`, {});
  }
  if (asked.length !== answered.length) {
    throw new PleskResponseError(
      `Plesk response answers ${answered.length} operation(s) but the request had ${asked.length}`,
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
