/**
 * The Plesk profile's naming pass, after the operator list (operators.ts): the names the client
 * layer and the per-operator modules use, made here once — the emitters (emit/client.ts,
 * emit/tree.ts) only print them. Type names, properties and modules of the schema's declarations
 * are the core's naming pass (binding/naming.ts); the client's class names are reserved there
 * (`bindPlesk`), so no schema type takes them.
 *
 * - `file`: each operator's module `operators/<file>.ts`, its XML name with unsafe characters as
 *   `_`, unique on case-insensitive file systems;
 * - `client`: for an operator the client offers, its `PleskClient` member (the property name, or
 *   `<prop>Operator` where the client has a member of that name) and its methods' class
 *   (`backup-manager` → `BackupManagerOperations`);
 * - `constName`: per offered operation, the constant in the operator's module that `clientFor`
 *   takes (`srvMan`; a reserved word gets `Operation`: `deleteOperation`), unique beside the
 *   module's own names;
 * - `packetElementNames`: the constants of `client-for.ts` that name the packet's optional
 *   elements beside its operators (`requestSettings`), unique beside that module's names.
 */
import type { OperatorBinding } from '../../binding/model.js';
import { NameAllocator, operationConstName, operatorClassName } from '../../binding/names.js';

/** Members of `PleskClient` itself: an operator with one of these names is renamed `<name>Operator`. */
export const RESERVED_CLIENT_MEMBERS = ['core', 'settled', 'batch', 'batchSettled', 'request', 'requestSettled', 'settle', 'close', 'constructor'];

/** Names an operator module declares itself (template `plesk/operator.ts.hbs`). */
export const OPERATOR_MODULE_NAMES = ['OPERATOR', 'REQUEST_ROOT', 'RESPONSE_ROOT', 'serializeRequest', 'parseRequest', 'serializeResponse', 'parseResponse', 'codec', 'requestPacket', 'responsePacket'];

/** Whether the client offers the operator: requests have it, with at least one operation. */
export function offeredByClient(o: Pick<OperatorBinding, 'requestLayout' | 'operations'>): boolean {
  return o.requestLayout !== null && o.operations.some((op) => op.request !== null);
}

/** Names everything in place (see the module comment), in the operators' order. */
export function nameOperators(operators: readonly OperatorBinding[]): void {
  const files = new NameAllocator(true);
  const classNames = new NameAllocator();
  for (const taken of ['PleskClient', 'PleskOperators', 'OperationResponses']) classNames.claimExact(taken);
  for (const o of operators) {
    o.file = files.claim(o.xml.replace(/[^A-Za-z0-9_.-]/g, '_'));
    if (!offeredByClient(o)) continue;
    o.client = { member: RESERVED_CLIENT_MEMBERS.includes(o.prop) ? `${o.prop}Operator` : o.prop, className: classNames.claim(operatorClassName(o.xml)) };
    const consts = new NameAllocator();
    for (const taken of OPERATOR_MODULE_NAMES) consts.claimExact(taken);
    for (const op of o.operations) if (op.request !== null) op.constName = consts.claim(operationConstName(op.prop, op.xml));
  }
}

/** Names `client-for.ts` declares itself (template `plesk/client-for.ts.hbs`). */
export const CLIENT_FOR_NAMES = ['clientFor', 'requestPacket', 'responsePacket'];

/**
 * The constants of `client-for.ts` for the packet elements with properties `props`, in order:
 * each property as `operationConstName` makes it, unique beside the module's own names and
 * `imported` (what it imports).
 */
export function packetElementNames(props: readonly { prop: string; xml: string }[], imported: readonly string[]): string[] {
  const consts = new NameAllocator();
  for (const taken of [...CLIENT_FOR_NAMES, ...imported]) consts.claimExact(taken);
  return props.map((p) => consts.claim(operationConstName(p.prop, p.xml)));
}
