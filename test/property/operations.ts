/**
 * Enumerating the operations of a packet side by walking its root descriptor:
 * packet → the repeating choice of operators (`operators`) → each operator element → its
 * `array`-shaped type → the repeating choice of operations → each operation particle.
 */
import type { ElemDesc, GroupDesc, ParticleDesc, RootDesc } from '../../packages/runtime/src/descriptors.js';
import { derefType, isComplexDesc, repeatingRoot } from '../support/arbitrary.js';

export interface Operation {
  readonly side: 'request' | 'response';
  /** The operator element (`server`, `backup-manager`…). */
  readonly operator: ElemDesc;
  /** The operation particle: an element (`srv_man`…), or a group when the operator's choice holds one. */
  readonly operation: ParticleDesc;
  /**
   * How the operator holds its operations: `array` (the operator's value is an array of
   * one-operation objects) or `object` (an operator type whose content is a single choice:
   * the value is one operation object).
   */
  readonly holder: 'array' | 'object';
  /** `request server/srv_man` */
  readonly label: string;
}

/** The operator's value holding one operation (`ops` are one-operation objects). */
export function operatorValue(op: Operation, ops: readonly Record<string, unknown>[]): unknown {
  if (op.holder === 'array') return ops;
  if (ops.length !== 1) throw new Error(`${op.label}: an object-shaped operator holds exactly one operation`);
  return ops[0];
}

function findGroup(p: ParticleDesc, prop: string): GroupDesc | null {
  if (p.particle === 'element' || p.particle === 'any') return null;
  if (p.property === prop && p.maxOccurs > 1) return p;
  for (const it of p.particles) {
    const g = findGroup(it, prop);
    if (g !== null) return g;
  }
  return null;
}

/** The repeating choice of operators in the packet type (the `operators` property). */
export function operatorsChoice(root: RootDesc): GroupDesc {
  const t = derefType(root.type);
  if (!isComplexDesc(t) || t.content === undefined) throw new Error('packet type has no content');
  const g = findGroup(t.content, 'operators');
  if (g === null) throw new Error('packet type has no operators group');
  return g;
}

function label(p: ParticleDesc): string {
  if (p.particle === 'element') return p.xmlName;
  if (p.particle === 'any') return '*';
  return `(${p.particles.map(label).join(p.particle === 'choice' ? '|' : ',')})`;
}

export function operationsOf(root: RootDesc, side: Operation['side']): Operation[] {
  const out: Operation[] = [];
  for (const op of operatorsChoice(root).particles) {
    if (op.particle !== 'element') throw new Error(`operators choice holds a non-element particle ${label(op)}`);
    const t = derefType(op.type);
    if (!isComplexDesc(t)) throw new Error(`operator ${op.xmlName} has a simple type`);
    if (t.shape === 'array') {
      const g = repeatingRoot(t);
      const items = g.particle === 'choice' ? g.particles : [g as ParticleDesc];
      for (const operation of items) out.push({ side, operator: op, operation, holder: 'array', label: `${side} ${op.xmlName}/${label(operation)}` });
    } else if (t.shape === 'object' && t.content !== undefined && (t.attributes ?? []).every((a) => !a.required)) {
      const items = t.content.particle === 'choice' && t.content.maxOccurs === 1 ? t.content.particles : [t.content];
      for (const operation of items) out.push({ side, operator: op, operation, holder: 'object', label: `${side} ${op.xmlName}/${label(operation)}` });
    } else throw new Error(`operator ${op.xmlName} has the ${t.shape} shape with no operations to enumerate`);
  }
  return out;
}

/** The system-error branch of the response packet (`{ system: … }`), if the packet type has one. */
export function systemElement(root: RootDesc): ElemDesc | null {
  const t = derefType(root.type);
  if (!isComplexDesc(t) || t.content === undefined) return null;
  const find = (p: ParticleDesc): ElemDesc | null => {
    if (p.particle === 'element') return p.xmlName === 'system' ? p : null;
    if (p.particle === 'any') return null;
    for (const it of p.particles) {
      const e = find(it);
      if (e !== null) return e;
    }
    return null;
  };
  return find(t.content);
}
