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
  if (p.k === 'e' || p.k === 'any') return null;
  if (p.p === prop && p.max > 1) return p;
  for (const it of p.items) {
    const g = findGroup(it, prop);
    if (g !== null) return g;
  }
  return null;
}

/** The repeating choice of operators in the packet type (the `operators` property). */
export function operatorsChoice(root: RootDesc): GroupDesc {
  const t = derefType(root.t);
  if (!isComplexDesc(t) || t.c === undefined) throw new Error('packet type has no content');
  const g = findGroup(t.c, 'operators');
  if (g === null) throw new Error('packet type has no operators group');
  return g;
}

function label(p: ParticleDesc): string {
  if (p.k === 'e') return p.x;
  if (p.k === 'any') return '*';
  return `(${p.items.map(label).join(p.k === 'c' ? '|' : ',')})`;
}

export function operationsOf(root: RootDesc, side: Operation['side']): Operation[] {
  const out: Operation[] = [];
  for (const op of operatorsChoice(root).items) {
    if (op.k !== 'e') throw new Error(`operators choice holds a non-element particle ${label(op)}`);
    const t = derefType(op.t);
    if (!isComplexDesc(t)) throw new Error(`operator ${op.x} has a simple type`);
    if (t.shape === 'array') {
      const g = repeatingRoot(t);
      const items = g.k === 'c' ? g.items : [g as ParticleDesc];
      for (const operation of items) out.push({ side, operator: op, operation, holder: 'array', label: `${side} ${op.x}/${label(operation)}` });
    } else if (t.shape === 'object' && t.c !== undefined && (t.attrs ?? []).every((a) => !a.req)) {
      const items = t.c.k === 'c' && t.c.max === 1 ? t.c.items : [t.c];
      for (const operation of items) out.push({ side, operator: op, operation, holder: 'object', label: `${side} ${op.x}/${label(operation)}` });
    } else throw new Error(`operator ${op.x} has the ${t.shape} shape with no operations to enumerate`);
  }
  return out;
}

/** The system-error branch of the response packet (`{ system: … }`), if the packet type has one. */
export function systemElement(root: RootDesc): ElemDesc | null {
  const t = derefType(root.t);
  if (!isComplexDesc(t) || t.c === undefined) return null;
  const find = (p: ParticleDesc): ElemDesc | null => {
    if (p.k === 'e') return p.x === 'system' ? p : null;
    if (p.k === 'any') return null;
    for (const it of p.items) {
      const e = find(it);
      if (e !== null) return e;
    }
    return null;
  };
  return find(t.c);
}
