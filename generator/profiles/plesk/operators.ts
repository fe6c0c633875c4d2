/**
 * The Plesk profile's operators for the client layer: for each operator element under
 * `<packet>` (request and response side, in schema order, request first), its binding on each
 * side, and its operations with how the operator's value holds them (`OperationsLayout`).
 *
 * The operator elements come from the schema model (`packetOperators`, in bind.ts); this module
 * only finds their bindings in the bound packets, it does not decide again which they are.
 */
import { qnameKey, type ElementDecl } from '../../model/types.js';
import type {
  ComplexDeclaration,
  ElementBinding,
  GroupBinding,
  OperationBinding,
  OperationsLayout,
  OperatorBinding,
  ParticleBinding,
} from '../../binding/model.js';
import { firstRepeatingGroup } from '../../binding/model.js';

export function bindOperators(
  request: ComplexDeclaration,
  response: ComplexDeclaration,
  operators: { readonly input: readonly ElementDecl[]; readonly output: readonly ElementDecl[] },
): OperatorBinding[] {
  const req = bindingsOf(request.content, operators.input);
  const res = bindingsOf(response.content, operators.output);
  const names = [...new Set([...req.keys(), ...res.keys()])];
  return names.map((xml) => {
    const q = req.get(xml);
    const s = res.get(xml);
    const reqDecl = q?.type.kind === 'complex' ? q.type.decl : null;
    const resDecl = s?.type.kind === 'complex' ? s.type.decl : null;
    const reqOps = operationsOf(reqDecl);
    const resOps = operationsOf(resDecl);
    const opNames = [...new Set([...(reqOps?.elements.keys() ?? []), ...(resOps?.elements.keys() ?? [])])];
    const operations: OperationBinding[] = opNames.map((op) => {
      const inRequest = reqOps?.elements.get(op);
      const inResponse = resOps?.elements.get(op);
      return {
        xml: op,
        prop: (inRequest ?? inResponse)!.prop,
        doc: inRequest?.doc ?? inResponse?.doc,
        request: inRequest?.type ?? null,
        response: inResponse?.type ?? null,
        constName: null,
      };
    });
    return {
      xml,
      prop: (q ?? s)!.prop,
      doc: q?.doc ?? s?.doc,
      request: reqDecl,
      response: resDecl,
      requestLayout: reqOps?.layout ?? null,
      responseLayout: resOps?.layout ?? null,
      operations,
      // Named by the profile's naming pass (naming.ts).
      file: '',
      client: null,
    };
  });
}

/**
 * The element bindings of the given operator elements in a packet's content, by XML name, in
 * the order of `operators` (the first binding of each name inside a repeating group).
 */
function bindingsOf(content: ParticleBinding | null, operators: readonly ElementDecl[]): Map<string, ElementBinding> {
  const wanted = new Set(operators.map((op) => qnameKey(op.name)));
  const found = new Map<string, ElementBinding>();
  const visit = (p: ParticleBinding, inRepeating: boolean): void => {
    if (p.kind === 'element') {
      const key = qnameKey({ ns: p.ns, local: p.xml });
      if (inRepeating && wanted.has(key) && !found.has(key)) found.set(key, p);
      return;
    }
    if (p.kind === 'any') return;
    for (const child of p.particles) visit(child, inRepeating || (p.kind === 'choice' && p.max > 1));
  };
  if (content) visit(content, false);
  const out = new Map<string, ElementBinding>();
  for (const op of operators) {
    const binding = found.get(qnameKey(op.name));
    if (binding) out.set(binding.xml, binding);
  }
  return out;
}

/**
 * The operations of an operator type and how its value holds them (see `OperationsLayout`):
 * a repeating group is a `list`, a plain choice `single`, a sequence or `all` of elements
 * `fields`; any other content falls back to the first repeating group inside it. Null when the
 * type holds no operation elements.
 */
function operationsOf(decl: ComplexDeclaration | null): { layout: OperationsLayout; elements: Map<string, ElementBinding> } | null {
  const content = decl?.content ?? null;
  if (decl === null || content === null || content.kind === 'element' || content.kind === 'any') return null;
  let result: { layout: OperationsLayout; elements: Map<string, ElementBinding> } | null = null;
  if (decl.shape === 'array' || (content.max > 1 && content.prop !== undefined)) {
    result = { layout: content.prop === undefined ? { kind: 'list' } : { kind: 'list', prop: content.prop }, elements: elementsOf(content) };
  } else if (content.kind === 'choice' && content.max === 1) {
    result = { layout: { kind: 'single' }, elements: elementsOf(content) };
  } else if (content.max === 1 && content.particles.every((p) => p.kind === 'element' && p.max === 1)) {
    const elements = elementsOf(content);
    result = { layout: { kind: 'fields', order: [...elements.values()].map((e) => e.prop) }, elements };
  } else {
    const group = firstRepeatingGroup(content);
    if (group?.prop !== undefined) result = { layout: { kind: 'list', prop: group.prop }, elements: elementsOf(group) };
  }
  return result === null || result.elements.size === 0 ? null : result;
}

/** The elements of a group, through nested groups that do not repeat, by XML name. */
function elementsOf(group: GroupBinding): Map<string, ElementBinding> {
  const found = new Map<string, ElementBinding>();
  const visit = (p: ParticleBinding): void => {
    if (p.kind === 'element') found.set(p.xml, p);
    else if (p.kind !== 'any' && p.max === 1) p.particles.forEach(visit);
  };
  group.particles.forEach(visit);
  return found;
}
