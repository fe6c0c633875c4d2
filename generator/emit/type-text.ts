/**
 * The TypeScript text of a binding-model type, as the emitter writes it in declarations, and the
 * references it needs imported. Apart from `ts-types.ts` (which loads ts-morph) so that readers
 * of the text alone — `diff` comparing two versions' generated API — neither load ts-morph nor
 * write the text a second way.
 */
import type { ComplexDeclaration, Declaration, ElementBinding, ElementType, SimpleRef, TsType } from '../binding/model.js';
import { stringLiteral } from '../binding/names.js';

/** Collects what a module refers to, so its imports can be written. */
export interface References {
  /** Declarations referenced by type. */
  decls: Set<Declaration>;
  /** Runtime types referenced (`XmlFragment`, `AnyElementValue`). */
  runtime: Set<string>;
  /** Abstract types whose union of `xsi:type` stand-ins (`xsiTypes.unionName`, in the type's module) is referenced. */
  aliases?: Set<ComplexDeclaration>;
}

export function typeText(t: TsType, refs: References): string {
  switch (t.kind) {
    case 'primitive':
      return t.name;
    case 'literals':
      return t.values.map((v) => (typeof v === 'string' ? stringLiteral(v) : String(v))).join(' | ');
    case 'named':
      refs.decls.add(t.decl);
      return t.decl.name;
    case 'runtime':
      refs.runtime.add(t.name);
      return t.name;
    case 'array': {
      const inner = typeText(t.of, refs);
      return /[|&]/.test(inner) ? `Array<${inner}>` : `${inner}[]`;
    }
    case 'union':
      return t.of.map((m) => typeText(m, refs)).join(' | ');
  }
}

export function simpleRefText(r: SimpleRef, refs: References): string {
  return r.kind === 'named' ? typeText({ kind: 'named', decl: r.decl }, refs) : typeText(r.ts, refs);
}

/** The TypeScript type of an element's value (without occurs or nillable). */
export function elementTypeText(t: ElementType, refs: References): string {
  switch (t.kind) {
    case 'complex':
      if (t.decl.xsiTypes !== undefined) {
        // An abstract type: the value is one of the types that stand in its place.
        (refs.aliases ??= new Set()).add(t.decl);
        return t.decl.xsiTypes.unionName;
      }
      refs.decls.add(t.decl);
      return t.decl.name;
    case 'simple':
      return simpleRefText(t.ref, refs);
    case 'anyType':
      refs.runtime.add('AnyElementValue');
      return 'AnyElementValue';
  }
}

/**
 * The TypeScript type of one element's value (without occurs or nillable): its type's, less the
 * `xsi:type` stand-ins the element's own `block` refuses (written out as a union then; the
 * type's union alias otherwise).
 */
export function elementValueText(e: ElementBinding, refs: References): string {
  const t = e.type;
  const block = e.block;
  if (block === undefined || t.kind !== 'complex' || t.decl.xsiTypes === undefined) return elementTypeText(t, refs);
  const x = t.decl.xsiTypes;
  const kept = x.types.filter((s) => !s.by.some((m) => block.includes(m)));
  if (kept.length === x.types.length) return elementTypeText(t, refs);
  refs.runtime.add('XsiTyped');
  const members = kept.map((s) => {
    refs.decls.add(s.decl);
    return `XsiTyped<${stringLiteral(s.discriminant)}, ${s.decl.name}>`;
  });
  if (x.concrete) {
    refs.decls.add(t.decl);
    members.unshift(`(${t.decl.name} & { $type?: never })`);
  }
  return members.length === 0 ? 'never' : members.length === 1 ? members[0]! : `(${members.join(' | ')})`;
}
