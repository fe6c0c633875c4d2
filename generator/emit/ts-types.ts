/**
 * TypeScript declarations for the binding model, as ts-morph statement structures (printed
 * once per file by `tree.ts`). This module prints; it decides nothing: which objects are
 * interfaces (and what they extend), where choices exclude each other and which optional groups
 * are all-or-none is the binding's shapes pass (`binding/shapes.ts`, `form` and `itemShape`).
 * One function per construct:
 * - simple type → type alias (+ a runtime list of enumeration values)
 * - flag → `true`; simple content → `{ value, …attributes }`
 * - `interface` form → interface (with `extends` when the shapes pass chose it)
 * - `intersection` form → the plain members and one part per choice: the union of its named
 *   branches (`namedChoice`), or `OneOf<[…]>` for a choice whose branches hold choices
 * - repeating group → a named item type (its `itemShape`) and an array of it
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
import type { AttributeBinding, ComplexDeclaration, Declaration, ElementBinding, GroupBinding, SimpleDeclaration, SimpleFacts, WildcardBinding } from '../binding/model.js';
import { itemGroups, type ChoiceNames, type ObjectShape, type ShapeMember } from '../binding/shapes.js';
import { propertyKey, stringLiteral } from '../binding/names.js';
import { elementTypeText, elementValueText, simpleRefText, typeText, type References } from './type-text.js';

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
  let type = elementValueText(e, deps);
  if (e.nillable) type = `${type} | null`;
  if (e.max > 1) type = /[|&]/.test(type) ? `Array<${type}>` : `${type}[]`;
  const facts = e.type.kind === 'simple' && e.type.ref.kind === 'inline' && e.type.ref.builtin === undefined ? factDocs(e.type.ref.facts) : [];
  return {
    key: e.prop,
    type,
    optional,
    docs: docBlock(e.doc, facts, occursNote(e.min, e.max), e.default !== undefined ? `@defaultValue \`${e.default}\`` : undefined, e.fixed !== undefined ? `Fixed: \`${e.fixed}\`.` : undefined),
    deps,
  };
}

function attributeMember(a: AttributeBinding, optional: boolean): Member {
  const deps = newReferences();
  const facts = a.type.kind === 'inline' && a.type.builtin === undefined ? factDocs(a.type.facts) : [];
  return {
    key: a.prop,
    type: simpleRefText(a.type, deps),
    optional,
    docs: docBlock(a.doc, facts, `XML attribute \`${a.xml}\`.`, a.fixed !== undefined ? `Fixed: \`${a.fixed}\`.` : undefined, a.default !== undefined ? `@defaultValue \`${a.default}\`` : undefined),
    deps,
  };
}

/** The property the shapes pass decided, as it is written. */
function memberOf(m: ShapeMember): Member {
  switch (m.kind) {
    case 'element':
      return elementMember(m.element, m.optional);
    case 'attribute':
      return attributeMember(m.attribute, m.optional);
    case 'any': {
      const deps: References = { decls: new Set(), runtime: new Set(['XmlFragment']) };
      return { key: m.key, type: m.wildcard.max > 1 ? 'XmlFragment[]' : 'XmlFragment', optional: m.optional, docs: docBlock('Elements matched by the schema wildcard (`xs:any`), kept as XML.'), deps };
    }
    case 'items': {
      const g = m.group;
      return { key: m.key, type: `${g.itemTypeName}[]`, optional: m.optional, docs: docBlock(g.doc, `A repeating ${g.kind}: each item is one occurrence, in document order.`, occursNote(g.min, g.max)) };
    }
    case 'anyAttributes':
      return { key: m.key, type: 'Record<string, string>', optional: true, docs: ['Attributes allowed by the schema wildcard (`xs:anyAttribute`), by XML name.'] };
    case 'mixedContent':
      return mixedContentMember(m.key, m.optional, m.items);
  }
}

/**
 * Mixed content: `$content`, its text and child elements in document order, each element an
 * object of one property (`{ b: Para }`, exclusive through `OneOf`).
 */
function mixedContentMember(key: string, optional: boolean, items: (ElementBinding | WildcardBinding)[]): Member {
  const deps = newReferences();
  const branches = items.map((i) => {
    let type = 'XmlFragment';
    if (i.kind === 'element') {
      type = elementValueText(i, deps);
      if (i.nillable) type = `${type} | null`;
    } else deps.runtime.add('XmlFragment');
    return `{ ${propertyKey(i.prop)}: ${type} }`;
  });
  let item = 'string';
  if (branches.length === 1) item = `string | ${branches[0]}`;
  else if (branches.length > 1) {
    deps.runtime.add('OneOf');
    item = `string | OneOf<[${branches.join(', ')}]>`;
  }
  return {
    key,
    type: branches.length === 0 ? 'string[]' : `Array<${item}>`,
    optional,
    docs: [
      branches.length === 0
        ? 'Mixed content: the text, in document order.'
        : 'Mixed content: the text and the child elements in document order, each element as an object of its one property (`{ name: value }`); whitespace-only text between elements is left out when there is no other text.',
    ],
    deps,
  };
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
 * The shape as a type expression: its members, then one part per choice. A choice the shapes pass
 * names (`hasNamedBranches`) is the union of its branches' names, their declarations pushed to
 * `extra` (see `namedChoice`); any other is `OneOf<[A, B]>`, the runtime's helper making each
 * branch exclude the other branches' properties. Either way every branch is written once and the
 * text grows with the number of branches, not its square.
 */
function shapeText(shape: ObjectShape, refs: References, owner: string, extra: string[], nested = false): string {
  const parts: string[] = [];
  if (shape.members.length > 0) parts.push(objectText(useMembers(shape.members.map(memberOf), refs), nested || shape.choices.length > 0));
  shape.choices.forEach((branches, i) => {
    const names = nested ? undefined : shape.choiceNames?.[i];
    if (names !== undefined) {
      extra.push(...namedChoice(branches, names, refs, owner));
      parts.push([...new Set(names.branches)].join(' | '));
      return;
    }
    const texts = branches.map((b) => (b.members.length === 0 && b.choices.length === 0 ? '{}' : shapeText(b, refs, owner, extra, true)));
    if (texts.length === 1) {
      parts.push(texts[0]);
    } else {
      refs.runtime.add('OneOf');
      parts.push(`OneOf<[\n${texts.map((t) => `${indent(t)},\n`).join('')}]>`);
    }
  });
  if (parts.length === 0) return 'Record<string, never>';
  return parts.length === 1 ? parts[0] : parts.map((p) => (/^[A-Za-z0-9_]+( \| [A-Za-z0-9_]+)+$/.test(p) ? `(${p})` : p)).join(' & ');
}

/**
 * A choice as named branches: `None`, an interface of every branch property absent (`?: never`),
 * and per branch a type alias, `OtherBranchesAbsent<None, its own properties> & { its own }`.
 * TypeScript shows a value of the choice (in hovers, after narrowing, in errors) by its branch
 * names, where `OneOf`'s intersections showed each branch's properties beside every other
 * branch's absent ones. Each property is written twice (in its branch, and absent in `None`): the
 * text stays linear in the branches.
 *
 * Measured against the alternatives (TypeScript 5.9 over the real tree, instantiations counted by
 * `--extendedDiagnostics`): `OneOf` 62,000; this form 22,000, as the runtime's
 * `OtherBranchesAbsent` is worked out only where a value meets the branch; `interface … extends
 * Omit<None, …>` 68,000 and a single mapped type per branch 138,000, both worked out for every
 * branch (an interface is checked against its base where it is declared). The price: inside a
 * larger intersection (a choice beside other members) TypeScript flattens a branch into its parts
 * (`… & OtherBranchesAbsent<BackupServerInputNone, "remote"> & { remote: StringType }`).
 */
function namedChoice(branches: ObjectShape[], names: ChoiceNames, refs: References, owner: string): string[] {
  const keys = branches.flatMap((b) => b.members.map((m) => m.key));
  const optional = names.branches.includes(names.none);
  const none = `${jsDoc([
    `The choice in {@link ${owner}} with every branch's properties absent: the base of each branch, which adds its own${optional ? '; alone, the choice\'s empty branch (the choice is optional)' : ''}.`,
  ])}export interface ${names.none} ${objectText(
    keys.map((key) => ({ key, type: 'never', optional: true, docs: [] })),
    true,
  )}`;
  const out = [none];
  branches.forEach((b, i) => {
    if (b.members.length === 0) return;
    const own = b.members.map((m) => stringLiteral(m.key)).join(' | ');
    const body = objectText(useMembers(b.members.map(memberOf), refs), true);
    refs.runtime.add('OtherBranchesAbsent');
    const doc = jsDoc([`A branch of the choice in {@link ${owner}}: the other branches' properties absent.`]);
    out.push(`${doc}export type ${names.branches[i]} = OtherBranchesAbsent<${names.none}, ${own}> & ${body};`);
  });
  return out;
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
  switch (d.shape) {
    case 'flag':
      statements.push({ kind: StructureKind.TypeAlias, name: d.name, isExported: true, type: 'true', docs: declDocs(d, ['An empty element: write `true` to include it.']) });
      break;
    case 'any':
      refs.runtime.add('AnyElementValue');
      statements.push({ kind: StructureKind.TypeAlias, name: d.name, isExported: true, type: 'AnyElementValue', docs: declDocs(d) });
      break;
    case 'simple': {
      // Simple content: the text as `value`, beside the attributes (the shapes pass does not
      // make these: there is nothing to decide).
      const value: Member = { key: 'value', type: d.text ? simpleRefText(d.text, refs) : 'string', optional: false, docs: ['The element text.'] };
      const attrs = d.attributes.map((a) => attributeMember(a, !a.required));
      const anyAttrs: Member[] = d.anyAttribute ? [memberOf({ kind: 'anyAttributes', key: '$attrs', optional: true })] : [];
      statements.push(interfaceOf(d, useMembers([value, ...attrs, ...anyAttrs], refs)));
      break;
    }
    case 'array': {
      const g = d.content as GroupBinding;
      statements.push({ kind: StructureKind.TypeAlias, name: d.name, isExported: true, type: `${g.itemTypeName}[]`, docs: declDocs(d, ['Items in document order; each item is one occurrence of the repeating group.']) });
      break;
    }
    case 'object': {
      const form = d.form;
      if (form === undefined) throw new Error(`unreachable: no form decided for ${d.name}`);
      if (form.kind === 'interface') {
        statements.push(form.extends ? { ...interfaceOf(d, useMembers(form.members.map(memberOf), refs)), extends: [form.extends.name] } : interfaceOf(d, useMembers(form.members.map(memberOf), refs)));
        if (form.extends) refs.decls.add(form.extends);
      } else {
        const extra: string[] = [];
        statements.push(typeAlias(d.name, shapeText(form.shape, refs, d.name, extra), declDocs(d)), ...extra);
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
  for (const g of d.mixed ? [] : itemGroups(d.content, [])) {
    if (g.itemShape === undefined) throw new Error(`unreachable: no item shape decided for ${g.itemTypeName}`);
    const extra: string[] = [];
    statements.push(typeAlias(g.itemTypeName!, shapeText(g.itemShape, refs, g.itemTypeName!, extra), docBlock(`One item of a repeating ${g.kind} in {@link ${d.name}}.`)), ...extra);
  }
  return statements;
}

/** A type alias as source text: ts-morph would re-indent a multi-line type, so it is written here. */
function typeAlias(name: string, type: string, docs: string[]): string {
  return `${jsDoc(docs)}export type ${name} = ${type};`;
}

function interfaceOf(d: ComplexDeclaration, members: Member[]): InterfaceDeclarationStructure {
  return { kind: StructureKind.Interface, name: d.name, isExported: true, properties: members.map(toProperty), docs: declDocs(d) };
}

