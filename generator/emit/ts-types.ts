/**
 * TypeScript declarations for the binding model, as ts-morph statement structures (printed
 * once per file by `tree.ts`). One function per construct:
 * - simple type → type alias (+ a runtime list of enumeration values)
 * - flag → `true`; simple content → `{ value, …attributes }`
 * - object without choices → interface (with `extends` for plain extensions)
 * - object with choices → intersection of the plain members and one `OneOf<[…]>` per choice
 * - repeating group → a named item type and an array of it
 */
import type {
  InterfaceDeclarationStructure,
  OptionalKind,
  PropertySignatureStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
  VariableStatementStructure,
} from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './ts-morph.js';
import type {
  AttributeBinding,
  ComplexDeclaration,
  Declaration,
  ElementBinding,
  ElementType,
  GroupBinding,
  ParticleBinding,
  SimpleDeclaration,
  SimpleFacts,
  SimpleRef,
  TsType,
} from '../binding/model.js';
import { propertyKey, stringLiteral } from '../binding/names.js';
import { elementTypeText, simpleRefText, typeText, type References } from './type-text.js';

export { elementTypeText, typeText, type References };

interface Member {
  key: string;
  type: string;
  optional: boolean;
  docs: string[];
  /** What `type` refers to: added to the module's imports only when the member is written. */
  deps?: References;
}

function newReferences(): References {
  return { decls: new Set(), runtime: new Set() };
}

/** Records the references of members that are written. */
function useMembers(members: Member[], refs: References): Member[] {
  for (const m of members) {
    for (const d of m.deps?.decls ?? []) refs.decls.add(d);
    for (const r of m.deps?.runtime ?? []) refs.runtime.add(r);
    for (const a of m.deps?.aliases ?? []) (refs.aliases ??= new Set()).add(a);
  }
  return members;
}

/** A set of members plus exclusive alternatives (one entry per choice; each entry lists its branches). */
interface Shape {
  members: Member[];
  choices: Shape[][];
}

/** Documentation lines for a simple type's facets. */
export function factDocs(f: SimpleFacts): string[] {
  const lines: string[] = [];
  if (f.xsdPatterns) lines.push(...f.xsdPatterns.flat().map((p) => `Pattern: \`${p.replace(/`/g, '\\`')}\``));
  if (f.length !== undefined) lines.push(`Length: exactly ${f.length}.`);
  if (f.minLength !== undefined || f.maxLength !== undefined) {
    lines.push(`Length: ${f.minLength ?? 0} to ${f.maxLength ?? 'any'}.`);
  }
  const lower = f.minInclusive !== undefined ? `≥ ${f.minInclusive}` : f.minExclusive !== undefined ? `> ${f.minExclusive}` : undefined;
  const upper = f.maxInclusive !== undefined ? `≤ ${f.maxInclusive}` : f.maxExclusive !== undefined ? `< ${f.maxExclusive}` : undefined;
  if ((lower || upper) && !isIntrinsicRange(f)) lines.push(`Range: ${[lower, upper].filter(Boolean).join(', ')}.`);
  if (f.totalDigits !== undefined) lines.push(`At most ${f.totalDigits} digits.`);
  if (f.fractionDigits !== undefined) lines.push(`At most ${f.fractionDigits} fraction digits.`);
  if (f.enumeration !== undefined) return lines;
  if (f.kind === 'integer') lines.push('An integer.');
  if (f.lex) lines.push(`Text in the lexical form of \`xs:${f.lex}\`.`);
  if (f.ws === 'c' && f.kind === 'string' && !f.lex) lines.push('Whitespace is collapsed when read.');
  return lines;
}

function isIntrinsicRange(f: SimpleFacts): boolean {
  return f.kind === 'integer' && f.minExclusive === undefined && f.maxExclusive === undefined && [f.minInclusive, f.maxInclusive].every((v) => v === undefined || /^-?\d{9,}$/.test(v) || v === '0' || v === '1');
}

function docBlock(...parts: (string | undefined | string[])[]): string[] {
  const lines = parts.flat().filter((p): p is string => p !== undefined && p.trim() !== '');
  return lines.length === 0 ? [] : [lines.join('\n\n').replace(/\*\//g, '*\u200b/')];
}

function occursNote(min: number, max: number): string | undefined {
  if (max <= 1) return undefined;
  return max === Infinity ? (min > 0 ? `At least ${min}.` : undefined) : `${min} to ${max} items.`;
}

function elementMember(e: ElementBinding, optional: boolean): Member {
  const deps = newReferences();
  let type = elementTypeText(e.type, deps);
  if (e.nillable) type = `${type} | null`;
  if (e.max > 1) type = /[|&]/.test(type) ? `Array<${type}>` : `${type}[]`;
  const facts = e.type.kind === 'simple' && e.type.ref.kind === 'inline' && e.type.ref.builtin === undefined ? factDocs(e.type.ref.facts) : [];
  return {
    key: e.prop,
    type,
    optional: optional || e.min === 0,
    docs: docBlock(e.doc, facts, occursNote(e.min, e.max), e.default !== undefined ? `@defaultValue \`${e.default}\`` : undefined, e.fixed !== undefined ? `Fixed: \`${e.fixed}\`.` : undefined),
    deps,
  };
}

function attributeMember(a: AttributeBinding): Member {
  const deps = newReferences();
  const facts = a.type.kind === 'inline' && a.type.builtin === undefined ? factDocs(a.type.facts) : [];
  return {
    key: a.prop,
    type: simpleRefText(a.type, deps),
    optional: !a.required,
    docs: docBlock(a.doc, facts, `XML attribute \`${a.xml}\`.`, a.fixed !== undefined ? `Fixed: \`${a.fixed}\`.` : undefined, a.default !== undefined ? `@defaultValue \`${a.default}\`` : undefined),
    deps,
  };
}

/**
 * Mixed content: `$content`, its text and child elements in document order, each element an
 * object of one property (`{ b: Para }`, exclusive through `OneOf`); it stands for the element
 * properties. Optional when the content model allows no elements at all.
 */
function mixedContentMember(d: ComplexDeclaration): Member {
  const deps = newReferences();
  const kinds = new Map<string, string>();
  const walk = (p: ParticleBinding): void => {
    if (p.kind === 'element') {
      if (kinds.has(p.prop)) return;
      const type = elementTypeText(p.type, deps);
      kinds.set(p.prop, p.nillable ? `${type} | null` : type);
    } else if (p.kind === 'any') {
      deps.runtime.add('XmlFragment');
      if (!kinds.has(p.prop)) kinds.set(p.prop, 'XmlFragment');
    } else p.particles.forEach(walk);
  };
  if (d.content) walk(d.content);
  const branches = [...kinds].map(([k, t]) => `{ ${propertyKey(k)}: ${t} }`);
  let item = 'string';
  if (branches.length === 1) item = `string | ${branches[0]}`;
  else if (branches.length > 1) {
    deps.runtime.add('OneOf');
    item = `string | OneOf<[${branches.join(', ')}]>`;
  }
  return {
    key: '$content',
    type: branches.length === 0 ? 'string[]' : `Array<${item}>`,
    optional: d.content === null || nullable(d.content),
    docs: [
      branches.length === 0
        ? 'Mixed content: the text, in document order.'
        : 'Mixed content: the text and the child elements in document order, each element as an object of its one property (`{ name: value }`); whitespace-only text between elements is left out when there is no other text.',
    ],
    deps,
  };
}

/** Whether a particle may match nothing. */
function nullable(p: ParticleBinding): boolean {
  if (p.min === 0) return true;
  if (p.kind === 'element' || p.kind === 'any') return false;
  return p.kind === 'choice' ? p.particles.some(nullable) : p.particles.every(nullable);
}

/** `xs:anyAttribute`: attributes the schema does not name, by XML name. */
function anyAttributeMember(d: ComplexDeclaration): Member[] {
  return d.anyAttribute ? [{ key: '$attrs', type: 'Record<string, string>', optional: true, docs: ['Attributes allowed by the schema wildcard (`xs:anyAttribute`), by XML name.'] }] : [];
}

/** The shape a particle contributes to the object it is part of. */
function particleShape(p: ParticleBinding, optional: boolean): Shape {
  switch (p.kind) {
    case 'element':
      return { members: [elementMember(p, optional)], choices: [] };
    case 'any': {
      const deps: References = { decls: new Set(), runtime: new Set(['XmlFragment']) };
      return {
        members: [{ key: p.prop, type: p.max > 1 ? 'XmlFragment[]' : 'XmlFragment', optional: optional || p.min === 0, docs: docBlock('Elements matched by the schema wildcard (`xs:any`), kept as XML.'), deps }],
        choices: [],
      };
    }
    default:
      if (p.max > 1 && p.prop !== undefined) {
        return {
          members: [{ key: p.prop, type: `${p.itemTypeName}[]`, optional: optional || p.min === 0, docs: docBlock(p.doc, `A repeating ${p.kind}: each item is one occurrence, in document order.`, occursNote(p.min, p.max)) }],
          choices: [],
        };
      }
      return groupShape(p, optional);
  }
}

/** The shape of one occurrence of a group. */
function groupShape(g: GroupBinding, optional: boolean): Shape {
  if (g.kind === 'choice') {
    const branches = g.particles.map((child) => particleShape(child, false));
    if (optional || g.min === 0) branches.push({ members: [], choices: [] });
    return { members: [], choices: [branches] };
  }
  const children = g.particles.map((child) => particleShape(child, optional || g.min === 0));
  const merged: Shape = { members: children.flatMap((c) => c.members), choices: children.flatMap((c) => c.choices) };
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

function memberText(m: Member): string {
  return `${jsDoc(m.docs)}${propertyKey(m.key)}${m.optional ? '?' : ''}: ${m.type};`;
}

/** A JSDoc comment (with its line break), one line when the text is one line. */
function jsDoc(docs: string[]): string {
  if (docs.length === 0) return '';
  const lines = docs.join('\n\n').split('\n');
  if (lines.length === 1) return `/** ${lines[0]} */\n`;
  return `/**\n${lines.map((l) => (l === '' ? ' *' : ` * ${l}`)).join('\n')}\n */\n`;
}

/**
 * The shape as a type expression: its members, then `& OneOf<[A, B]>` per choice. The runtime's
 * `OneOf` makes each branch exclude the other branches' properties, so every branch is written
 * once and the text grows with the number of branches, not its square.
 */
function shapeText(shape: Shape, refs: References, nested = false): string {
  const parts: string[] = [];
  if (shape.members.length > 0) parts.push(objectText(useMembers(shape.members, refs), nested || shape.choices.length > 0));
  for (const branches of shape.choices) {
    const texts = branches.map((b) => (b.members.length === 0 && b.choices.length === 0 ? '{}' : shapeText(b, refs, true)));
    if (texts.length === 1) {
      parts.push(texts[0]);
    } else {
      refs.runtime.add('OneOf');
      parts.push(`OneOf<[\n${texts.map((t) => `${indent(t)},\n`).join('')}]>`);
    }
  }
  return parts.length === 0 ? 'Record<string, never>' : parts.join(' & ');
}

/** An object type literal; inside a larger type, on one line when short and undocumented (`{ id: number }`). */
function objectText(members: Member[], compact: boolean): string {
  if (compact && members.every((m) => m.docs.length === 0)) {
    const line = `{ ${members.map((m) => memberText(m).slice(0, -1)).join('; ')} }`;
    if (line.length <= 80 && !line.includes('\n')) return line;
  }
  return `{\n${indent(members.map(memberText).join('\n'))}\n}`;
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '  ');
}

function toProperty(m: Member): OptionalKind<PropertySignatureStructure> {
  return { name: propertyKey(m.key), type: m.type, hasQuestionToken: m.optional, docs: m.docs };
}

/** Repeating groups inside a declaration each get a named item type. */
function itemTypes(p: ParticleBinding | null, out: GroupBinding[]): GroupBinding[] {
  if (p === null || p.kind !== 'sequence' && p.kind !== 'choice' && p.kind !== 'all') return out;
  if (p.max > 1 && p.itemTypeName) out.push(p);
  for (const child of p.particles) itemTypes(child, out);
  return out;
}

function declDocs(d: Declaration, extra: string[] = []): string[] {
  const where = d.loc ? `Schema: \`${d.schemaName}\` (${d.loc.file}:${d.loc.line}).` : `Schema: \`${d.schemaName}\`.`;
  return docBlock(d.doc, extra, where);
}

export function simpleStatements(d: SimpleDeclaration, refs: References): (string | StatementStructures)[] {
  const alias: TypeAliasDeclarationStructure = {
    kind: StructureKind.TypeAlias,
    name: d.name,
    isExported: true,
    type: typeText(d.ts, refs),
    docs: declDocs(d, factDocs(d.facts)),
  };
  if (d.ts.kind !== 'literals') return [alias];
  const values: VariableStatementStructure = {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [`Every value of {@link ${d.name}}, in schema order.`],
    declarations: [{ name: `${d.name}Values`, type: `readonly ${d.name}[]`, initializer: `[${d.ts.values.map((v) => (typeof v === 'string' ? stringLiteral(v) : String(v))).join(', ')}]` }],
  };
  return [alias, values];
}

export function complexStatements(d: ComplexDeclaration, refs: References): (string | StatementStructures)[] {
  const statements: (string | StatementStructures)[] = [];
  const attrs = d.attributes.map((a) => attributeMember(a));
  switch (d.shape) {
    case 'flag':
      statements.push({ kind: StructureKind.TypeAlias, name: d.name, isExported: true, type: 'true', docs: declDocs(d, ['An empty element: write `true` to include it.']) });
      break;
    case 'any':
      refs.runtime.add('AnyElementValue');
      statements.push({ kind: StructureKind.TypeAlias, name: d.name, isExported: true, type: 'AnyElementValue', docs: declDocs(d) });
      break;
    case 'simple': {
      const value: Member = { key: 'value', type: d.text ? simpleRefText(d.text, refs) : 'string', optional: false, docs: ['The element text.'] };
      statements.push(interfaceOf(d, useMembers([value, ...attrs, ...anyAttributeMember(d)], refs)));
      break;
    }
    case 'array': {
      const g = d.content as GroupBinding;
      statements.push({ kind: StructureKind.TypeAlias, name: d.name, isExported: true, type: `${g.itemTypeName}[]`, docs: declDocs(d, ['Items in document order; each item is one occurrence of the repeating group.']) });
      break;
    }
    case 'object': {
      if (d.mixed) {
        statements.push(interfaceOf(d, useMembers([...attrs, ...anyAttributeMember(d), mixedContentMember(d)], refs)));
        break;
      }
      const content = d.content ? particleShape(d.content, false) : { members: [], choices: [] };
      const shape: Shape = { members: [...content.members, ...attrs, ...anyAttributeMember(d)], choices: content.choices };
      const extension = d.extends ? extensionMembers(d.extends, shape) : null;
      if (extension) {
        statements.push({ ...interfaceOf(d, useMembers(extension, refs)), extends: [d.extends!.name] });
        refs.decls.add(d.extends!);
      } else if (shape.choices.length === 0) {
        statements.push(interfaceOf(d, useMembers(shape.members, refs)));
      } else {
        statements.push(typeAlias(d.name, shapeText(shape, refs), declDocs(d)));
      }
      break;
    }
  }
  if (d.xsiTypes !== undefined) {
    // What an element of this type holds: a derived type, named by `$type` (xsi:type in XML), or
    // (a concrete type) the type itself, without `$type`.
    refs.runtime.add('XsiTyped');
    const members = d.xsiTypes.types.map((t) => {
      refs.decls.add(t.decl);
      return `XsiTyped<${stringLiteral(t.discriminant)}, ${t.decl.name}>`;
    });
    // The declared type itself has no `$type` (so that `$type` discriminates the union).
    if (d.xsiTypes.concrete) members.unshift(`(${d.name} & { $type?: never })`);
    statements.push(
      typeAlias(
        d.xsiTypes.unionName,
        members.length === 0 ? 'never' : members.join(' | '),
        docBlock(
          d.xsiTypes.concrete
            ? `A value of {@link ${d.name}}, or of a type derived from it: \`$type\` names that type (\`xsi:type\` in XML).`
            : `A value of a type derived from the abstract {@link ${d.name}}: \`$type\` names it (\`xsi:type\` in XML).`,
        ),
      ),
    );
  }
  // (A mixed type's content is `$content`: its repeating groups have no item types.)
  for (const g of d.mixed ? [] : itemTypes(d.content, [])) {
    const shape = groupShape({ ...g, min: 1, max: 1 }, false);
    statements.push(typeAlias(g.itemTypeName!, shapeText(shape, refs), docBlock(`One item of a repeating ${g.kind} in {@link ${d.name}}.`)));
  }
  return statements;
}

/** A type alias as source text: ts-morph would re-indent a multi-line type, so it is written here. */
function typeAlias(name: string, type: string, docs: string[]): string {
  return `${jsDoc(docs)}export type ${name} = ${type};`;
}

/**
 * The members an extension adds, when it can be written `interface X extends Base`: both the
 * base and the added part are plain members (no choices), and the base's members keep their
 * names and types in the derived type. Otherwise `null` (the full shape is written instead).
 */
function extensionMembers(base: ComplexDeclaration, full: Shape): Member[] | null {
  if (base.shape !== 'object' || base.mixed || full.choices.length > 0) return null;
  const baseShape = base.content ? particleShape(base.content, false) : { members: [], choices: [] };
  if (baseShape.choices.length > 0) return null;
  const baseMembers = [...baseShape.members, ...base.attributes.map((a) => attributeMember(a))];
  const byKey = new Map(full.members.map((m) => [m.key, m]));
  for (const m of baseMembers) {
    const derived = byKey.get(m.key);
    if (!derived || derived.type !== m.type || derived.optional !== m.optional) return null;
  }
  const baseKeys = new Set(baseMembers.map((m) => m.key));
  return full.members.filter((m) => !baseKeys.has(m.key));
}

function interfaceOf(d: ComplexDeclaration, members: Member[]): InterfaceDeclarationStructure {
  return { kind: StructureKind.Interface, name: d.name, isExported: true, properties: members.map(toProperty), docs: declDocs(d) };
}

