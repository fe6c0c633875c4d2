/**
 * The Plesk profile's binding: the core binder over the request and response sets, told what is
 * Plesk's (the names the tree declares itself, the operator elements under `<packet>`), then the
 * profile's passes: the operator list for the client (operators.ts) and the names the client and
 * the per-operator modules use (naming.ts).
 *
 * The operator elements are derived once, from the schema model (`packetOperators`): the binder
 * uses them to keep each operator's operations a list, the client layer to make one class per
 * operator, and operators.ts finds their bindings in the bound packets by the same elements.
 */
import { packetOperators, type SchemaSets } from './schemas.js';
import { bindSchemas, DEFAULT_BINDING_OPTIONS } from '../../binding/bind.js';
import type { BindingModel, BindingOptions } from '../../binding/model.js';
import { operatorClassName, RUNTIME_EXPORTS } from '../../binding/names.js';
import { nameOperators } from './naming.js';
import { bindOperators } from './operators.js';

/**
 * Names the generated tree declares itself or takes from the runtime (which its index
 * re-exports); schema types never take them. The client's per-operator classes are reserved
 * too (`operatorClassName`, in `bindPlesk`).
 */
export const RESERVED_TYPE_NAMES = ['RequestPacket', 'ResponsePacket', 'PleskClient', 'PleskOperators', 'OperationResponses', ...RUNTIME_EXPORTS];

export function bindPlesk(sets: SchemaSets, options: BindingOptions = DEFAULT_BINDING_OPTIONS): BindingModel {
  const operators = { input: packetOperators(sets.input), output: packetOperators(sets.output) };
  // The client's per-operator classes are named after the request side's operators.
  const reservedNames = [...RESERVED_TYPE_NAMES, ...operators.input.map((op) => operatorClassName(op.name.local))];
  const bound = bindSchemas(sets.input, sets.output, sets.comparison, options, { reservedNames, operators });
  const list = bindOperators(bound.request.decl, bound.response.decl, operators);
  nameOperators(list);
  return { ...bound, operators: list };
}
