/**
 * The shapes pass: how each object value is written as a TypeScript type, decided once, here,
 * from the bound content (after naming, since `extends` depends on the members' names). The
 * emitter (`emit/ts-types.ts`) only prints what this pass decided.
 *
 * - Choice exclusion: a choice becomes one entry of `choices`, each branch one `ObjectShape`; the
 *   emitter writes it as the union of named branches (`hasNamedBranches`), or `OneOf<[…]>` when a
 *   branch holds a choice itself (each branch excludes the others' properties). An optional
 *   choice (or one inside an optional group) gets an empty branch: the value may have none.
 *   An object of more than `MAX_ALTERNATIVES` alternatives (its choices' branches multiplied
 *   out) has its widest choices written as optional members instead (`boundAlternatives`).
 * - All or none: an optional sequence of several required members (and no choice inside) is a
 *   choice of "all of them" and the empty branch, rather than several unrelated optionals.
 * - `extends`: an extension is written `interface X extends Base` when the base and the derived
 *   type are plain members (no choices) and every member of the base keeps its name, type and
 *   optionality in the derived type; otherwise the full shape is written.
 * - Mixed content: the attributes and `$content`, the ordered items of text and elements (one
 *   item kind per element or wildcard property of the content model); no element properties, no
 *   item types for its repeating groups, no `extends`.
 *
 * README "How XML maps to TypeScript" (Structures) states these rules for users.
 */
import type {
  AttributeBinding,
  ComplexDeclaration,
  Declaration,
  ElementBinding,
  ElementType,
  GroupBinding,
  ParticleBinding,
  SimpleRef,
  TsType,
  WildcardBinding,
} from './model.js';

/** One property of an object type; `optional` is final (the particle's own and its groups'). */
export type ShapeMember =
  | { kind: 'element'; key: string; optional: boolean; element: ElementBinding }
  | { kind: 'any'; key: string; optional: boolean; wildcard: WildcardBinding }
  /** A repeating group that is not the whole value: an array of its item type. */
  | { kind: 'items'; key: string; optional: boolean; group: GroupBinding }
  | { kind: 'attribute'; key: string; optional: boolean; attribute: AttributeBinding }
  /** `xs:anyAttribute`: `$attrs`. */
  | { kind: 'anyAttributes'; key: string; optional: true }
  /**
   * Mixed content: `$content`, text and one-property element items in document order; `items`
   * are the properties an item may have (each element or wildcard of the content model, once).
   * Optional when the content model allows no element.
   */
  | { kind: 'mixedContent'; key: string; optional: boolean; items: (ElementBinding | WildcardBinding)[] };

/** Members present together, plus exclusive alternatives: one entry per choice, listing its branches. */
export interface ObjectShape {
  members: ShapeMember[];
  choices: ObjectShape[][];
  /**
   * Per entry of `choices`, the names of a choice written as named branches (see
   * `hasNamedBranches`), set by the naming pass's `nameChoices` after this pass; undefined for a
   * choice written `OneOf<[…]>`.
   */
  choiceNames?: (ChoiceNames | undefined)[];
}

/**
 * A choice written as named branches: `none` is the interface of every branch property made
 * absent (`?: never`), the base each branch extends without its own properties and, for an
 * optional choice, its empty branch; `branches` the name of each branch in order (`none` for the
 * empty one).
 */
export interface ChoiceNames {
  none: string;
  branches: string[];
}

/**
 * Whether a choice is written as named branches (per branch a type `OtherBranchesAbsent<None, its
 * own properties> & { … }`, the choice as their union; see `emit/ts-types.ts`) rather than
 * `OneOf<[…]>`: when it has two branches or more and none of them holds a choice of its own.
 * Named, a branch reads as its name in hovers and errors (`ServerOperatorTypeRequestItemSrvMan`)
 * instead of its properties beside every other branch's absent ones; a nested choice keeps `OneOf`.
 */
export function hasNamedBranches(branches: readonly ObjectShape[]): boolean {
  return branches.length > 1 && branches.every((b) => b.choices.length === 0);
}

/** The shapes of a declaration that hold choices: its own (intersection form) and its item types', each with what its names start with. */
export function shapesWithChoices(d: ComplexDeclaration): { owner: string; shape: ObjectShape }[] {
  const out: { owner: string; shape: ObjectShape }[] = [];
  if (d.form?.kind === 'intersection') out.push({ owner: d.name, shape: d.form.shape });
  for (const g of d.mixed ? [] : itemGroups(d.content, [])) if (g.itemShape && g.itemTypeName) out.push({ owner: g.itemTypeName, shape: g.itemShape });
  return out;
}

/**
 * How an `object` declaration is written: an interface (its own members, with the base it
 * extends) when it has no choices, else the intersection of its members and one `OneOf` per choice.
 */
export type ObjectForm = { kind: 'interface'; members: ShapeMember[]; extends?: ComplexDeclaration } | { kind: 'intersection'; shape: ObjectShape };

const EMPTY: ObjectShape = { members: [], choices: [] };

/** Runs the pass: `form` on every `object` declaration, `itemShape` on every named repeating group. */
export function decideShapes(declarations: readonly Declaration[]): void {
  for (const d of declarations) {
    if (d.kind !== 'complex') continue;
    if (d.shape === 'object') d.form = objectForm(d);
    // (A mixed type's content is `$content`: its repeating groups have no item types.)
    if (!d.mixed) for (const g of itemGroups(d.content, [])) g.itemShape = boundAlternatives(groupShape({ ...g, min: 1, max: 1 }, false));
  }
}

/** The form of one `object` declaration (see the module comment). */
export function objectForm(d: ComplexDeclaration): ObjectForm {
  if (d.mixed) return { kind: 'interface', members: [...attributeMembers(d), ...anyAttributeMember(d), mixedContentMember(d)] };
  const content = d.content ? particleShape(d.content, false) : EMPTY;
  const shape: ObjectShape = { members: [...content.members, ...attributeMembers(d), ...anyAttributeMember(d)], choices: content.choices };
  const own = d.extends ? extensionMembers(d.extends, shape) : null;
  if (own !== null) return { kind: 'interface', members: own, extends: d.extends };
  if (shape.choices.length === 0) return { kind: 'interface', members: shape.members };
  const bounded = boundAlternatives(shape);
  if (bounded.choices.length === 0) return { kind: 'interface', members: bounded.members };
  return { kind: 'intersection', shape: bounded };
}

/**
 * The most object types one shape may stand for: TypeScript multiplies an intersection of unions
 * out (`OneOf<[A, B]> & OneOf<[C, D]>` is four object types), fails beyond 100,000 ("Expression
 * produces a union type that is too complex to represent", TS2590) and slows down long before;
 * and a type is used again in others (an abstract type's union of its derived types adds them
 * up). NeTEx has types of a dozen optional choices: billions of alternatives.
 */
export const MAX_ALTERNATIVES = 64;

/** How many object types TypeScript makes of a shape: its choices' branches multiplied out. */
export function alternatives(shape: ObjectShape): number {
  let n = 1;
  for (const branches of shape.choices) n *= branches.reduce((sum, b) => sum + alternatives(b), 0);
  return n;
}

/**
 * A shape of at most `MAX_ALTERNATIVES` alternatives: while there are more, the choice with the
 * most alternatives stops being exclusive in the type, its branches' properties becoming optional
 * members (the writer and the parser still allow one branch only, from the descriptors). A lone
 * choice stays exclusive: a union of its branches grows by addition; their own choices are
 * bounded in turn.
 */
export function boundAlternatives(shape: ObjectShape): ObjectShape {
  if (alternatives(shape) <= MAX_ALTERNATIVES) return shape;
  if (shape.choices.length === 1) return { members: shape.members, choices: [shape.choices[0]!.map(boundAlternatives)] };
  let widest = 0;
  let most = -1;
  shape.choices.forEach((branches, i) => {
    const n = branches.reduce((sum, b) => sum + alternatives(b), 0);
    if (n > most) [widest, most] = [i, n];
  });
  const members = [...shape.members];
  const seen = new Set(members.map((m) => m.key));
  const loosen = (b: ObjectShape): void => {
    for (const m of b.members) {
      if (!seen.has(m.key)) members.push({ ...m, optional: true });
      seen.add(m.key);
    }
    for (const branches of b.choices) branches.forEach(loosen);
  };
  shape.choices[widest]!.forEach(loosen);
  return boundAlternatives({ members, choices: shape.choices.filter((_, i) => i !== widest) });
}

function attributeMembers(d: ComplexDeclaration): ShapeMember[] {
  return d.attributes.map((a) => ({ kind: 'attribute', key: a.prop, optional: !a.required, attribute: a }));
}

function anyAttributeMember(d: ComplexDeclaration): ShapeMember[] {
  return d.anyAttribute ? [{ kind: 'anyAttributes', key: '$attrs', optional: true }] : [];
}

function mixedContentMember(d: ComplexDeclaration): ShapeMember {
  const items = new Map<string, ElementBinding | WildcardBinding>();
  const walk = (p: ParticleBinding): void => {
    if (p.kind === 'element' || p.kind === 'any') {
      if (!items.has(p.prop)) items.set(p.prop, p);
    } else p.particles.forEach(walk);
  };
  if (d.content) walk(d.content);
  return { kind: 'mixedContent', key: '$content', optional: d.content === null || nullable(d.content), items: [...items.values()] };
}

/** Whether a particle may match nothing. */
function nullable(p: ParticleBinding): boolean {
  if (p.min === 0) return true;
  if (p.kind === 'element' || p.kind === 'any') return false;
  return p.kind === 'choice' ? p.particles.some(nullable) : p.particles.every(nullable);
}

/** The shape a particle contributes to the object it is part of. */
export function particleShape(p: ParticleBinding, optional: boolean): ObjectShape {
  switch (p.kind) {
    case 'element':
      return { members: [{ kind: 'element', key: p.prop, optional: optional || p.min === 0, element: p }], choices: [] };
    case 'any':
      return { members: [{ kind: 'any', key: p.prop, optional: optional || p.min === 0, wildcard: p }], choices: [] };
    default:
      if (p.max > 1 && p.prop !== undefined) return { members: [{ kind: 'items', key: p.prop, optional: optional || p.min === 0, group: p }], choices: [] };
      return groupShape(p, optional);
  }
}

/** The shape of one occurrence of a group. */
export function groupShape(g: GroupBinding, optional: boolean): ObjectShape {
  if (g.kind === 'choice') {
    const branches = g.particles.map((child) => particleShape(child, false));
    if (optional || g.min === 0) branches.push({ members: [], choices: [] });
    return { members: [], choices: [branches] };
  }
  const children = g.particles.map((child) => particleShape(child, optional || g.min === 0));
  const merged: ObjectShape = { members: children.flatMap((c) => c.members), choices: children.flatMap((c) => c.choices) };
  // An optional sequence of several required members: all of them or none.
  if (g.min === 0 && !optional) {
    const inner = g.particles.map((child) => particleShape(child, false));
    const required = inner.flatMap((c) => c.members).filter((m) => !m.optional).length;
    if (required > 1 && inner.every((c) => c.choices.length === 0)) {
      return { members: [], choices: [[{ members: inner.flatMap((c) => c.members), choices: [] }, { members: [], choices: [] }]] };
    }
  }
  return merged;
}

/**
 * The members an extension adds, when it can be written `interface X extends Base` (see the
 * module comment); null when the full shape must be written instead.
 */
function extensionMembers(base: ComplexDeclaration, full: ObjectShape): ShapeMember[] | null {
  if (base.shape !== 'object' || base.mixed || full.choices.length > 0) return null;
  const baseShape = base.content ? particleShape(base.content, false) : EMPTY;
  if (baseShape.choices.length > 0) return null;
  const baseMembers = [...baseShape.members, ...attributeMembers(base)];
  const byKey = new Map(full.members.map((m) => [m.key, m]));
  for (const m of baseMembers) {
    const derived = byKey.get(m.key);
    if (!derived || derived.optional !== m.optional || memberTypeKey(derived) !== memberTypeKey(m)) return null;
  }
  const baseKeys = new Set(baseMembers.map((m) => m.key));
  return full.members.filter((m) => !baseKeys.has(m.key));
}

/** Repeating groups inside a declaration that get a named item type, outermost first. */
export function itemGroups(p: ParticleBinding | null, out: GroupBinding[]): GroupBinding[] {
  if (p === null || p.kind === 'element' || p.kind === 'any') return out;
  if (p.max > 1 && p.itemTypeName) out.push(p);
  for (const child of p.particles) itemGroups(child, out);
  return out;
}

/**
 * What a member's value type is, as a comparable key: two members have the same key exactly when
 * the emitter writes the same type for them (names are unique in a tree, so a name is identity).
 */
export function memberTypeKey(m: ShapeMember): string {
  switch (m.kind) {
    case 'element': {
      const e = m.element;
      return `${elementKey(e.type)}${e.block !== undefined ? `!${e.block.join(' ')}` : ''}${e.nillable ? '|null' : ''}${e.max > 1 ? '[]' : ''}`;
    }
    case 'any':
      return m.wildcard.max > 1 ? 'XmlFragment[]' : 'XmlFragment';
    case 'items':
      return `${m.group.itemTypeName}[]`;
    case 'attribute':
      return simpleKey(m.attribute.type);
    case 'anyAttributes':
      return 'Record<string,string>';
    case 'mixedContent':
      return `$content<${m.items.map((i) => `${i.prop}:${i.kind === 'element' ? `${elementKey(i.type)}${i.nillable ? '|null' : ''}` : 'XmlFragment'}`).join(',')}>`;
  }
}

function elementKey(t: ElementType): string {
  switch (t.kind) {
    case 'complex':
      return t.decl.xsiTypes !== undefined ? t.decl.xsiTypes.unionName : t.decl.name;
    case 'simple':
      return simpleKey(t.ref);
    case 'anyType':
      return 'AnyElementValue';
  }
}

function simpleKey(r: SimpleRef): string {
  return r.kind === 'named' ? r.decl.name : tsKey(r.ts);
}

/** Unions and literal lists flatten into one list of alternatives, as their text does. */
function tsKey(t: TsType): string {
  switch (t.kind) {
    case 'primitive':
      return t.name;
    case 'literals':
      return t.values.map((v) => JSON.stringify(v)).join('|');
    case 'named':
      return t.decl.name;
    case 'runtime':
      return t.name;
    case 'array':
      return `(${tsKey(t.of)})[]`;
    case 'union':
      return t.of.map(tsKey).join('|');
  }
}
