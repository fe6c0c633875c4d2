/**
 * The Plesk tree's narrower descriptors, written with the core's `DescriptorEmitter` pieces: a
 * packet that allows one operator only (for `operators/<operator>.ts`), and the building blocks
 * of `clientFor` (packages/runtime/src/client/picked.ts), each reaching only what it names, so
 * that a bundle holds just the operations a program uses:
 * - `packetSkeleton`: the packet type with its operators' choice left open (`operators`);
 * - `operatorElement`: the operator element of the packet, its type with the operation list left
 *   open (`operations`) — null when the operations are not the plain elements of one group (then
 *   the operator has no parts and `clientFor` cannot take its operations);
 * - `operationElement`: one operation's element, as the operator type declares it.
 */
import type { ComplexDeclaration, ParticleBinding } from '../../../binding/model.js';
import { firstRepeatingGroup } from '../../../binding/model.js';
import type { DescriptorEmitter, DescriptorImports, DescriptorPiece } from '../../../emit/descriptors.js';

/** The descriptor of a packet that allows one operator only (`keep`, its XML name). */
export function narrowedPacket(emitter: DescriptorEmitter, decl: ComplexDeclaration, keep: string): DescriptorPiece {
  const content = decl.content ? keepOperator(decl.content, keep) : null;
  return emitter.complexPiece({ ...decl, content });
}

/**
 * The packet type with its operators' choice written as `operators`, for a line indented `depth`
 * levels; each of the `given` elements (see `packetElements`) is written as `...given('<property>')`.
 */
export function packetSkeleton(emitter: DescriptorEmitter, decl: ComplexDeclaration, depth = 0, given: readonly ParticleBinding[] = []): DescriptorPiece | null {
  const slot = decl.content ? operatorsGroup(decl.content) : null;
  if (slot === null) return null;
  return emitter.complexPiece(decl, { slot: { group: slot, expr: 'operators' }, given: { particles: new Set(given), expr: 'given' }, depth });
}

/**
 * The optional elements of a packet's sequences beside its operators (Plesk's
 * `request-settings`): a client of a few operations carries them only when asked to, since what
 * they reach (untyped content, for `request-settings`) is in its bundle whether it sends them
 * or not. Leaving an optional element out of a sequence only narrows what the packet allows.
 */
export function packetElements(decl: ComplexDeclaration): Extract<ParticleBinding, { kind: 'element' }>[] {
  const slot = decl.content ? operatorsGroup(decl.content) : null;
  const found: Extract<ParticleBinding, { kind: 'element' }>[] = [];
  const walk = (p: ParticleBinding): void => {
    if (p.kind === 'element' || p.kind === 'any' || p === slot) return;
    for (const c of p.particles) {
      if (p.kind === 'sequence' && c.kind === 'element' && c.min === 0) found.push(c);
      else walk(c);
    }
  };
  if (slot !== null && decl.content) walk(decl.content);
  return found;
}

/**
 * The operator element `xml` of a packet, as a block that declares its type (operations written
 * as `operations`) and returns the element, for a line indented `depth` levels.
 */
export function operatorElement(emitter: DescriptorEmitter, packet: ComplexDeclaration, operator: ComplexDeclaration, xml: string, depth = 0): DescriptorPiece | null {
  const element = packet.content ? operatorsGroup(packet.content)?.particles.find((p) => p.kind === 'element' && p.xml === xml) : undefined;
  const slot = operationsGroup(operator);
  if (element === undefined || slot === null) return null;
  const type = emitter.complexPiece(operator, { slot: { group: slot, expr: 'operations' }, depth: depth + 1 });
  const returned = emitter.particlePiece(operator.side, element, { local: { decl: operator, name: 'type' }, depth: depth + 1 });
  const pad = '  '.repeat(depth);
  return {
    literal: `{\n${pad}  const type: ComplexDesc = ${type.literal};\n${pad}  return ${returned.literal};\n${pad}}`,
    imports: mergeImports(type.imports, returned.imports),
  };
}

/** The element of operation `xml` in an operator type (for a line indented `depth` levels), and its position among the operations. */
export function operationElement(emitter: DescriptorEmitter, operator: ComplexDeclaration, xml: string, depth = 0): (DescriptorPiece & { index: number }) | null {
  const particles = operationsGroup(operator)?.particles ?? [];
  const index = particles.findIndex((p) => p.kind === 'element' && p.xml === xml);
  if (index < 0) return null;
  return { ...emitter.particlePiece(operator.side, particles[index]!, { depth }), index };
}

function mergeImports(a: DescriptorImports, b: DescriptorImports): DescriptorImports {
  const merge = (x: string[], y: string[]): string[] => [...new Set([...x, ...y])].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
  return { shared: merge(a.shared, b.shared), request: merge(a.request, b.request), response: merge(a.response, b.response), runtime: merge(a.runtime, b.runtime) };
}

/** The content with the packet's repeating group of operators reduced to one operator. */
function keepOperator(p: ParticleBinding, keep: string): ParticleBinding {
  if (p.kind === 'element' || p.kind === 'any') return p;
  if (p === operatorsGroup(p)) return { ...p, particles: p.particles.filter((c) => c.kind === 'element' && c.xml === keep) };
  return { ...p, particles: p.particles.map((c) => keepOperator(c, keep)) };
}

type GroupParticle = Exclude<ParticleBinding, { kind: 'element' } | { kind: 'any' }>;

/** The packet's repeating group of operator elements (the first such group, depth first). */
function operatorsGroup(p: ParticleBinding): GroupParticle | null {
  if (p.kind === 'element' || p.kind === 'any') return null;
  if (p.max > 1 && p.prop !== undefined && p.particles.every((c) => c.kind === 'element')) return p;
  for (const c of p.particles) {
    const found = operatorsGroup(c);
    if (found) return found;
  }
  return null;
}

/**
 * The group of an operator type that holds its operations, when they are its plain elements
 * (the binding model's `OperationsLayout`: the whole content for `list`, `single` and `fields`,
 * else its first repeating group); null otherwise.
 */
function operationsGroup(decl: ComplexDeclaration): GroupParticle | null {
  const c = decl.content;
  if (c === null || c.kind === 'element' || c.kind === 'any') return null;
  let group: GroupParticle | null = c;
  const whole =
    decl.shape === 'array' || (c.max > 1 && c.prop !== undefined) || (c.kind === 'choice' && c.max === 1) || (c.max === 1 && c.particles.every((p) => p.kind === 'element' && p.max === 1));
  if (!whole) group = firstRepeatingGroup(c);
  return group !== null && group.particles.length > 0 && group.particles.every((p) => p.kind === 'element') ? group : null;
}
