/**
 * The binding as ordered passes, from resolved schema sets to the binding model the emitters
 * read. Each pass is a module of its own with its own given/want tests (test/binding/):
 *
 * 1. sharing (`sharing.ts`): which side each type is declared on — `shared`, `request`,
 *    `response` (the general core: everything `shared`);
 * 2. collect (`collect.ts`): every declaration and its content, in the order found, unnamed,
 *    each with what its name will be made from;
 * 3. naming (`naming.ts`): every name — types, item types, properties, modules, codecs;
 * 4. shapes (`shapes.ts`): how each object is written — choice exclusion, all-or-none, `extends`
 *    (then the naming pass names the choices' branches it decided to name);
 * 5. the profile's passes: the Plesk profile's operator list for the client
 *    (`profiles/plesk/operators.ts`, run by `profiles/plesk/bind.ts`).
 *
 * Two entry points:
 * - `bindElements(set, roots)`: the general core: one set, the global elements a user names as
 *   document roots; every declaration is `shared` (there are no request/response sides).
 * - `bindSchemas(input, output, comparison, options, plesk)`: the Plesk profile: two sets whose
 *   same-named types may differ, a `<packet>` root on each side, and the operator types whose
 *   outermost group stays a list. What is Plesk's comes in through `PleskBinding`.
 *
 * The rules are documented in the README ("How XML maps to TypeScript"); the runtime's view of
 * them is in `runtime/descriptors.ts`.
 */
import type { ElementDecl, SchemaSet, SetComparison } from '../model/types.js';
import type { BindingModel, BindingOptions, ElementsBindingModel } from './model.js';
import { collectElements, collectPackets } from './collect.js';
import { nameAll } from './naming.js';
import { RUNTIME_EXPORTS } from './names.js';
import { decideShapes } from './shapes.js';
import { decideSharing } from './sharing.js';

export { identityFacts } from './collect.js';

export const DEFAULT_BINDING_OPTIONS: BindingOptions = { naming: 'camel', integers: 'number' };

/** What the Plesk profile tells the binding (see generator/profiles/plesk/bind.ts). */
export interface PleskBinding {
  /** Type names the profile's tree declares itself (packets, client classes) and the runtime's exports. */
  readonly reservedNames: readonly string[];
  /** The operator elements under `<packet>` on each side (`packetOperators`, derived once). */
  readonly operators: { readonly input: readonly ElementDecl[]; readonly output: readonly ElementDecl[] };
}

/**
 * The Plesk profile's binding: both packet sides (the profile adds the operator list for the
 * client, `profiles/plesk/operators.ts`).
 */
export function bindSchemas(input: SchemaSet, output: SchemaSet, comparison: SetComparison, options: BindingOptions, plesk: PleskBinding): Omit<BindingModel, 'operators'> {
  const sharing = decideSharing(input, output, comparison);
  const collected = collectPackets(input, output, sharing, options, plesk.operators);
  const naming = nameAll({ sets: [input, output], reserved: plesk.reservedNames, options, modules: { kind: 'sides' }, globalElements: [...collected.request.globals, ...collected.response.globals], ...collected });
  decideShapes(collected.declarations);
  naming.nameChoices(collected.declarations);
  return { declarations: collected.declarations, request: collected.request, response: collected.response, options };
}

/**
 * The general core's binding: the named global elements of one set as document roots, every
 * type reachable from them declared once (in `types/`, a module per namespace; see `naming.ts`). A root of a built-in or
 * anonymous simple type gets a declaration named after the element; an untyped root is `anyType`.
 */
export function bindElements(set: SchemaSet, roots: readonly ElementDecl[], options: BindingOptions = DEFAULT_BINDING_OPTIONS): ElementsBindingModel {
  const sharing = decideSharing(set, set, { shared: [...set.types.keys()], differing: [], inputOnly: [], outputOnly: [] });
  const collected = collectElements(set, sharing, options, roots);
  const naming = nameAll({ sets: [set, set], reserved: RUNTIME_EXPORTS, options, modules: { kind: 'namespaces', folder: 'types' }, ...collected });
  decideShapes(collected.declarations);
  naming.nameChoices(collected.declarations);
  const prefixes = [...set.prefixes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { declarations: collected.declarations, roots: collected.roots, prefixes, options };
}
