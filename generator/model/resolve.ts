/**
 * Stage 1b: turns the loaded XSD documents of one schema set into the resolved model
 * (`types.ts`). Every reference becomes an object; groups, attribute groups and element `ref=`
 * are expanded where they are used.
 *
 * Named types are resolved once, lazily, through a cache of placeholder objects that are filled
 * in place, so recursive type graphs (`ObjectType` contains an `ObjectType`) come out as cycles of
 * objects. A base type is resolved eagerly (an extension needs its base's content), everything an
 * element declaration points at is resolved later from a work queue; so only a real derivation
 * loop (`A` extends `B` extends `A`) is reported as circular.
 *
 * Problems are collected, not thrown one by one: `resolveLoadedSet` throws one `SchemaError`
 * carrying every diagnostic of the set.
 */
import { checkConstraints } from './constraints.js';
import {
  XS_NS,
  qnameKey,
  SchemaError,
  type AnyParticle,
  type AttributeUse,
  type ComplexTypeDef,
  type Documentation,
  type ElementDecl,
  type ElementParticle,
  type EnumValue,
  type IdentityConstraint,
  type Facets,
  type ModelGroup,
  type Particle,
  type QName,
  type SchemaDiagnostic,
  type SchemaSet,
  type SimpleTypeDef,
  type SourceLocation,
  type TypeDef,
  type Wildcard,
  type WhiteSpace,
} from './types.js';
import { anySimpleType, anyType, builtinType } from './builtins.js';
import { resolvePrefixed, type XsdNode } from '../xsd/dom.js';
import { parseIdentityXPath } from './identity.js';
import type { ComponentKind, GlobalDecl, LoadedSet, SchemaDoc } from '../xsd/loader.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type State = 'pending' | 'scheduled' | 'resolving' | 'done';

interface TypeEntry {
  readonly decl: GlobalDecl;
  readonly def: TypeDef;
  state: State;
}

interface GroupEntry {
  readonly decl: GlobalDecl;
  state: State;
  group: ModelGroup | null;
}

interface AttributeSet {
  uses: AttributeUse[];
  prohibited: Set<string>;
  any?: Wildcard;
}

interface AttrGroupEntry {
  readonly decl: GlobalDecl;
  state: State;
  value: AttributeSet;
}

interface GlobalAttr {
  readonly name: QName;
  readonly type: SimpleTypeDef;
  readonly default?: string;
  readonly fixed?: string;
  readonly loc: SourceLocation;
  readonly doc: Documentation;
}

const FACETS = new Set([
  'enumeration',
  'pattern',
  'length',
  'minLength',
  'maxLength',
  'whiteSpace',
  'minInclusive',
  'maxInclusive',
  'minExclusive',
  'maxExclusive',
  'totalDigits',
  'fractionDigits',
]);

const MODEL_GROUPS = new Set(['sequence', 'choice', 'all']);
const IDENTITY = new Set(['key', 'keyref', 'unique']);

/** Reads `xs:annotation/xs:documentation` of a component: paragraphs joined by a blank line. */
export function documentationOf(node: XsdNode): Documentation {
  const parts: string[] = [];
  for (const a of node.children) {
    if (a.ns !== XS_NS || a.local !== 'annotation') continue;
    for (const d of a.children) {
      if (d.ns !== XS_NS || d.local !== 'documentation') continue;
      const text = normalizeDoc(d.text);
      if (text !== '') parts.push(text);
    }
  }
  return parts.length === 0 ? undefined : parts.join('\n\n');
}

/** Trims each line (collapsing indentation), drops leading/trailing blank lines, keeps one blank line between paragraphs. */
export function normalizeDoc(text: string): string {
  const out: string[] = [];
  let blank = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '') {
      blank = out.length > 0;
      continue;
    }
    if (blank) out.push('');
    blank = false;
    out.push(line);
  }
  return out.join('\n');
}

function isXs(node: XsdNode, local?: string): boolean {
  return node.ns === XS_NS && (local === undefined || node.local === local);
}


/** True when a particle may match nothing at all (XML Schema 1.0, 3.9.6 "Particle Emptiable"). */
function isEmptiable(p: Particle | null): boolean {
  if (p === null || p.min === 0) return true;
  if (p.kind === 'element' || p.kind === 'any') return false;
  return p.kind === 'choice' ? p.particles.length === 0 || p.particles.some(isEmptiable) : p.particles.every(isEmptiable);
}

/** True when a particle can never contribute anything (groups with only empty groups inside). */
function isEmptyParticle(p: Particle | null): boolean {
  if (p === null) return true;
  if (p.kind === 'element' || p.kind === 'any') return false;
  return p.particles.every(isEmptyParticle);
}

class Resolver {
  readonly diagnostics: SchemaDiagnostic[] = [];
  private readonly seenDiag = new Set<string>();
  private readonly types = new Map<string, TypeEntry>();
  private readonly elements = new Map<string, ElementDecl>();
  private readonly groups = new Map<string, GroupEntry>();
  private readonly attrGroups = new Map<string, AttrGroupEntry>();
  private readonly attributes = new Map<string, GlobalAttr>();
  private readonly attributesInProgress = new Set<string>();
  private readonly queue: (() => void)[] = [];
  /** Global elements whose type comes from their substitution group head. */
  private readonly substitutions: { decl: ElementDecl; head: QName; node: XsdNode }[] = [];
  /** Identity constraints by `qnameKey` of their name (keyrefs find what they refer to here). */
  private readonly identityByName = new Map<string, IdentityConstraint>();
  /** The same declaration read twice (a local element reached twice) is one constraint. */
  private readonly identityByNode = new Map<XsdNode, IdentityConstraint | undefined>();
  /** Keyrefs whose `refer` is resolved once every element is read. */
  private readonly keyrefs: { constraint: IdentityConstraint; refer: QName; node: XsdNode }[] = [];
  /** Every global element naming a substitution group head, in schema order. */
  private readonly members: { decl: ElementDecl; head: QName; node: XsdNode; doc: SchemaDoc }[] = [];

  constructor(private readonly loaded: LoadedSet) {}

  run(): SchemaSet {
    const g = this.loaded.globals;
    const types = new Map<string, TypeDef>();
    for (const [key, decl] of g.type) {
      types.set(key, this.requireType(decl.name, decl.node, false));
    }
    const elements = new Map<string, ElementDecl>();
    for (const key of g.element.keys()) {
      const decl = this.globalElement(key);
      if (decl !== undefined) elements.set(key, decl);
    }
    // Unused groups and attribute groups are resolved too, so their problems are reported.
    for (const decl of g.group.values()) this.groupByName(decl.name, decl.node);
    for (const decl of g.attributeGroup.values()) this.attributeGroupByName(decl.name, decl.node);
    for (const key of g.attribute.keys()) this.globalAttribute(key);
    this.drain();
    this.resolveSubstitutions();
    this.substitutionGroups();
    this.resolveKeyrefs();
    return { root: this.loaded.root, files: [...this.loaded.files], types, elements, prefixes: this.namespacePrefixes() };
  }

  /** See `SchemaSet.prefixes`. */
  private namespacePrefixes(): Map<string, string> {
    const targets = new Set(this.loaded.docs.map((d) => d.targetNamespace).filter((ns): ns is string => ns !== null));
    const first = new Map<string, string>();
    const owners = new Map<string, Set<string>>();
    // A namespace's own schema documents name it first; then the documents that import it.
    for (const own of [true, false]) {
      for (const doc of this.loaded.docs) {
        for (const [prefix, ns] of doc.root.prefixes) {
          if (prefix === '' || prefix === 'xml' || !targets.has(ns) || (doc.targetNamespace === ns) !== own) continue;
          if (!first.has(ns)) first.set(ns, prefix);
          const set = owners.get(prefix) ?? new Set<string>();
          set.add(ns);
          owners.set(prefix, set);
        }
      }
    }
    const out = new Map<string, string>();
    for (const [ns, prefix] of first) if (owners.get(prefix)!.size === 1) out.set(ns, prefix);
    return out;
  }

  private drain(): void {
    for (let i = 0; i < this.queue.length; i++) this.queue[i]();
    this.queue.length = 0;
  }

  // ---------------------------------------------------------------- diagnostics & names

  report(node: Pick<XsdNode, 'file' | 'line'>, name: string, message: string): void {
    const key = `${node.file}:${node.line}:${message}`;
    if (this.seenDiag.has(key)) return;
    this.seenDiag.add(key);
    this.diagnostics.push({ file: node.file, line: node.line, name, message });
  }

  /** A boolean attribute of an XSD element (`nillable`, `abstract`, `mixed`): absent is false; anything but a boolean is reported. */
  private flag(node: XsdNode, attr: string): boolean {
    const raw = node.attrs[attr];
    if (raw === undefined) return false;
    const value = raw.trim();
    if (value === 'true' || value === '1') return true;
    if (value !== 'false' && value !== '0') this.report(node, raw, `invalid value "${raw}" of ${attr} (a boolean: true, false, 1 or 0)`);
    return false;
  }

  private loc(node: XsdNode): SourceLocation {
    return { file: node.file, line: node.line };
  }

  /** Resolves the QName in attribute `attr` of `node`, applying the chameleon namespace. */
  private qname(node: XsdNode, attr: string, doc: SchemaDoc): QName | undefined {
    const value = node.attrs[attr];
    if (value === undefined) return undefined;
    return this.qnameOf(node, value, doc);
  }

  private qnameOf(node: XsdNode, value: string, doc: SchemaDoc): QName | undefined {
    const r = resolvePrefixed(node, value);
    if (r === undefined) {
      this.report(node, value, `undeclared namespace prefix in "${value}"`);
      return undefined;
    }
    if (r.ns === null && doc.chameleon) return { ns: doc.targetNamespace, local: r.local };
    return r;
  }

  private lookup(kind: ComponentKind, name: QName, at: XsdNode, what: string): GlobalDecl | undefined {
    const key = qnameKey(name);
    const decl = this.loaded.globals[kind].get(key);
    if (decl === undefined) {
      const imp = name.ns === null ? undefined : this.loaded.unlocatedImports.get(name.ns);
      const hint = imp === undefined ? '' : ` (its namespace is imported at ${imp.file}:${imp.line} without a schemaLocation, and no catalog entry maps it)`;
      this.report(at, key, `reference to undefined ${what} "${key}"${hint}`);
    }
    return decl;
  }

  // ---------------------------------------------------------------- types

  private typeEntry(name: QName, at: XsdNode): TypeEntry | TypeDef {
    if (name.ns === XS_NS) {
      const b = builtinType(name.local);
      if (b !== undefined) return b;
      this.report(at, `xs:${name.local}`, `reference to undefined built-in type "xs:${name.local}"`);
      return anyType;
    }
    const key = qnameKey(name);
    let entry = this.types.get(key);
    if (entry !== undefined) return entry;
    const decl = this.lookup('type', name, at, 'type');
    if (decl === undefined) return anyType;
    const loc = this.loc(decl.node);
    const doc = documentationOf(decl.node);
    const def: TypeDef =
      decl.node.local === 'simpleType'
        ? { kind: 'simple', name: decl.name, loc, doc, variety: 'atomic', base: null, facets: {} }
        : emptyComplex(decl.name, loc, doc, this.flag(decl.node, 'abstract'), this.flag(decl.node, 'mixed'));
    if (def.kind === 'complex') {
      const block = typeMethods(decl.node.attrs.block ?? decl.doc.root.attrs.blockDefault);
      const final = typeMethods(decl.node.attrs.final ?? decl.doc.root.attrs.finalDefault);
      if (block !== undefined) def.block = block;
      if (final !== undefined) def.final = final;
    }
    entry = { decl, def, state: 'pending' };
    this.types.set(key, entry);
    return entry;
  }

  /** A reference whose target may be filled in later (element types): never a cycle. */
  private typeRef(name: QName, at: XsdNode): TypeDef {
    const entry = this.typeEntry(name, at);
    if (!('decl' in entry)) return entry;
    if (entry.state === 'pending') {
      entry.state = 'scheduled';
      this.queue.push(() => this.fillNamed(entry));
    }
    return entry.def;
  }

  /** A reference that must be complete now (base types, list items, union members). */
  private requireType(name: QName, at: XsdNode, asBase = true): TypeDef {
    const entry = this.typeEntry(name, at);
    if (!('decl' in entry)) return entry;
    if (entry.state === 'resolving') {
      if (asBase) {
        const key = qnameKey(name);
        this.report(at, key, `circular type derivation through "${key}"`);
      }
      return entry.def;
    }
    this.fillNamed(entry);
    return entry.def;
  }

  private fillNamed(entry: TypeEntry): void {
    if (entry.state === 'done' || entry.state === 'resolving') return;
    entry.state = 'resolving';
    const { node, doc } = entry.decl;
    if (entry.def.kind === 'simple') this.fillSimple(entry.def, node, doc);
    else this.fillComplex(entry.def, node, doc);
    entry.state = 'done';
  }

  private requireSimple(name: QName, at: XsdNode): SimpleTypeDef {
    const t = this.requireType(name, at);
    if (t.kind === 'simple') return t;
    this.report(at, qnameKey(name), `"${qnameKey(name)}" is a complex type where a simple type is required`);
    return anySimpleType;
  }

  private simpleRef(name: QName, at: XsdNode): SimpleTypeDef {
    const t = this.typeRef(name, at);
    if (t.kind === 'simple') return t;
    this.report(at, qnameKey(name), `"${qnameKey(name)}" is a complex type where a simple type is required`);
    return anySimpleType;
  }

  private anonymousSimple(node: XsdNode, doc: SchemaDoc): SimpleTypeDef {
    const t: SimpleTypeDef = {
      kind: 'simple',
      name: null,
      loc: this.loc(node),
      doc: documentationOf(node),
      variety: 'atomic',
      base: null,
      facets: {},
    };
    this.fillSimple(t, node, doc);
    return t;
  }

  // ---------------------------------------------------------------- simple types

  private fillSimple(target: SimpleTypeDef, node: XsdNode, doc: SchemaDoc): void {
    const t = target as Mutable<SimpleTypeDef>;
    const step = node.children.find((c) => isXs(c) && (c.local === 'restriction' || c.local === 'list' || c.local === 'union'));
    this.checkChildren(node, ['annotation', 'restriction', 'list', 'union']);
    if (step === undefined) {
      this.report(node, target.name ? qnameKey(target.name) : 'simpleType', 'simple type without restriction, list or union');
      t.base = anySimpleType;
      return;
    }
    if (step.local === 'restriction') {
      const base = this.restrictionBase(step, doc);
      t.base = base;
      t.variety = base.variety;
      if (base.itemType !== undefined) t.itemType = base.itemType;
      if (base.memberTypes !== undefined) t.memberTypes = base.memberTypes;
      t.facets = this.readFacets(step, ['annotation', 'simpleType']);
    } else if (step.local === 'list') {
      t.base = anySimpleType;
      t.variety = 'list';
      const itemName = this.qname(step, 'itemType', doc);
      const inline = step.children.find((c) => isXs(c, 'simpleType'));
      if (itemName !== undefined) t.itemType = this.requireSimple(itemName, step);
      else if (inline !== undefined) t.itemType = this.anonymousSimple(inline, doc);
      else {
        this.report(step, 'list', 'xs:list without itemType or inline simpleType');
        t.itemType = anySimpleType;
      }
      this.checkChildren(step, ['annotation', 'simpleType']);
    } else {
      t.base = anySimpleType;
      t.variety = 'union';
      const members: SimpleTypeDef[] = [];
      for (const m of (step.attrs.memberTypes ?? '').split(/\s+/).filter((s) => s !== '')) {
        const q = this.qnameOf(step, m, doc);
        if (q !== undefined) members.push(this.requireSimple(q, step));
      }
      for (const c of step.children) if (isXs(c, 'simpleType')) members.push(this.anonymousSimple(c, doc));
      if (members.length === 0) this.report(step, 'union', 'xs:union without member types');
      t.memberTypes = members;
      this.checkChildren(step, ['annotation', 'simpleType']);
    }
  }

  /** The base of a simple restriction: `base=` or an inline `simpleType`. */
  private restrictionBase(step: XsdNode, doc: SchemaDoc): SimpleTypeDef {
    const baseName = this.qname(step, 'base', doc);
    if (baseName !== undefined) return this.requireSimple(baseName, step);
    const inline = step.children.find((c) => isXs(c, 'simpleType'));
    if (inline !== undefined) return this.anonymousSimple(inline, doc);
    this.report(step, 'restriction', 'xs:restriction without base or inline simpleType');
    return anySimpleType;
  }

  private readFacets(step: XsdNode, alsoAllowed: string[]): Facets {
    const f: Facets = {};
    for (const c of step.children) {
      if (!isXs(c) || !FACETS.has(c.local)) {
        if (isXs(c) && !alsoAllowed.includes(c.local)) this.report(c, `xs:${c.local}`, `unexpected xs:${c.local} in xs:restriction`);
        continue;
      }
      const value = c.attrs.value;
      if (value === undefined) {
        this.report(c, `xs:${c.local}`, `facet xs:${c.local} without a value`);
        continue;
      }
      switch (c.local) {
        case 'enumeration':
          (f.enumeration ??= []).push({ value, doc: documentationOf(c) } satisfies EnumValue);
          break;
        case 'pattern':
          (f.pattern ??= []).push(value);
          (f.patternLocs ??= []).push({ file: c.file, line: c.line });
          break;
        case 'whiteSpace':
          if (value === 'preserve' || value === 'replace' || value === 'collapse') f.whiteSpace = value as WhiteSpace;
          else this.report(c, value, `invalid whiteSpace value "${value}"`);
          break;
        case 'length':
        case 'minLength':
        case 'maxLength':
        case 'totalDigits':
        case 'fractionDigits': {
          const n = /^\s*\+?\d+\s*$/.test(value) ? Number(value) : NaN;
          if (Number.isNaN(n)) this.report(c, value, `invalid ${c.local} value "${value}"`);
          else f[c.local] = n;
          break;
        }
        case 'minInclusive':
        case 'maxInclusive':
        case 'minExclusive':
        case 'maxExclusive':
          f[c.local] = value.trim();
          break;
      }
    }
    return f;
  }

  // ---------------------------------------------------------------- complex types

  private fillComplex(target: ComplexTypeDef, node: XsdNode, doc: SchemaDoc): void {
    const t = target as Mutable<ComplexTypeDef>;
    const simpleContent = node.children.find((c) => isXs(c, 'simpleContent'));
    const complexContent = node.children.find((c) => isXs(c, 'complexContent'));
    if (simpleContent !== undefined) {
      this.checkChildren(node, ['annotation', 'simpleContent']);
      this.fillSimpleContent(t, simpleContent, doc);
      return;
    }
    if (complexContent !== undefined) {
      this.checkChildren(node, ['annotation', 'complexContent']);
      this.fillComplexContent(t, complexContent, doc);
      return;
    }
    // Shorthand: a restriction of anyType.
    this.checkChildren(node, ['annotation', 'sequence', 'choice', 'all', 'group', 'attribute', 'attributeGroup', 'anyAttribute', ...IDENTITY]);
    t.derivation = null;
    t.base = anyType;
    const own = this.contentParticle(node, doc);
    const attrs = this.attributeSet(node, doc);
    t.attributes = mergeAttributes([], attrs);
    if (attrs.any !== undefined) t.anyAttribute = attrs.any;
    this.setContent(t, own, target.mixed);
  }

  private setContent(t: Mutable<ComplexTypeDef>, content: Particle | null, mixed: boolean): void {
    const empty = isEmptyParticle(content);
    t.mixed = mixed;
    if (mixed) {
      t.contentKind = 'mixed';
      t.content = empty ? { kind: 'sequence', min: 1, max: 1, particles: [], loc: t.loc ?? { file: '', line: 0 } } : content;
    } else if (empty) {
      t.contentKind = 'empty';
      t.content = null;
    } else {
      t.contentKind = 'elements';
      t.content = content;
    }
  }

  private fillComplexContent(t: Mutable<ComplexTypeDef>, cc: XsdNode, doc: SchemaDoc): void {
    this.checkChildren(cc, ['annotation', 'extension', 'restriction']);
    const step = cc.children.find((c) => isXs(c) && (c.local === 'extension' || c.local === 'restriction'));
    const mixed = cc.attrs.mixed !== undefined ? this.flag(cc, 'mixed') : t.mixed;
    if (step === undefined) {
      this.report(cc, 'complexContent', 'xs:complexContent without extension or restriction');
      t.base = anyType;
      t.derivation = null;
      this.setContent(t, null, mixed);
      return;
    }
    this.checkChildren(step, ['annotation', 'sequence', 'choice', 'all', 'group', 'attribute', 'attributeGroup', 'anyAttribute']);
    const derivation = step.local as 'extension' | 'restriction';
    const baseName = this.qname(step, 'base', doc);
    let base: ComplexTypeDef = anyType;
    if (baseName === undefined) this.report(step, derivation, `xs:${derivation} without base`);
    else {
      const b = this.requireType(baseName, step);
      if (b.kind === 'complex') base = b;
      else this.report(step, qnameKey(baseName), `complexContent ${derivation} of simple type "${qnameKey(baseName)}"`);
    }
    t.base = base;
    t.derivation = derivation;
    if (base.final?.has(derivation)) this.report(step, qnameKey(baseName!), `complex type "${t.name === null ? 'anonymous' : qnameKey(t.name)}" cannot derive by ${derivation} from "${qnameKey(baseName!)}", which is final for ${derivation}`);
    const own = this.contentParticle(step, doc);
    const attrs = this.attributeSet(step, doc);
    if (derivation === 'extension' && base.contentKind === 'simple') {
      // A complexContent extension of a simple-content type keeps the base's text value (XML
      // Schema 1.0, 3.4.2: the content type is the base's when the extension adds no
      // particle); it may add attributes only.
      t.attributes = mergeAttributes(base.attributes, attrs);
      const any = attrs.any ?? base.anyAttribute;
      if (any !== undefined) t.anyAttribute = any;
      if (!isEmptyParticle(own)) {
        this.report(step, qnameKey(baseName!), `complexContent extension of "${qnameKey(baseName!)}", which has simple content, adds element content`);
      }
      t.mixed = false;
      t.contentKind = 'simple';
      t.content = null;
      t.simpleType = base.simpleType ?? anySimpleType;
    } else if (derivation === 'extension') {
      let content: Particle | null;
      const baseEmpty = isEmptyParticle(base.content) || base.contentKind === 'simple';
      if (baseEmpty) content = own;
      else if (isEmptyParticle(own)) content = base.content;
      else content = { kind: 'sequence', min: 1, max: 1, particles: [base.content!, own!], loc: this.loc(step) };
      t.attributes = mergeAttributes(base.attributes, attrs);
      const any = attrs.any ?? base.anyAttribute;
      if (any !== undefined) t.anyAttribute = any;
      this.setContent(t, content, mixed || base.contentKind === 'mixed');
    } else {
      t.attributes = mergeAttributes(base.attributes, attrs);
      if (attrs.any !== undefined) t.anyAttribute = attrs.any;
      this.setContent(t, own, mixed);
    }
  }

  private fillSimpleContent(t: Mutable<ComplexTypeDef>, sc: XsdNode, doc: SchemaDoc): void {
    this.checkChildren(sc, ['annotation', 'extension', 'restriction']);
    const step = sc.children.find((c) => isXs(c) && (c.local === 'extension' || c.local === 'restriction'));
    t.contentKind = 'simple';
    t.content = null;
    if (step === undefined) {
      this.report(sc, 'simpleContent', 'xs:simpleContent without extension or restriction');
      t.base = anyType;
      t.simpleType = anySimpleType;
      return;
    }
    const derivation = step.local as 'extension' | 'restriction';
    t.derivation = derivation;
    const baseName = this.qname(step, 'base', doc);
    let base: TypeDef = anySimpleType;
    if (baseName === undefined) this.report(step, derivation, `xs:${derivation} without base`);
    else base = this.requireType(baseName, step);
    t.base = base;
    let valueType: SimpleTypeDef;
    let inherited: AttributeUse[] = [];
    let inheritedAny: Wildcard | undefined;
    if (base.kind === 'simple') valueType = base;
    else {
      if (base.final?.has(derivation)) this.report(step, qnameKey(baseName!), `complex type "${t.name === null ? 'anonymous' : qnameKey(t.name)}" cannot derive by ${derivation} from "${qnameKey(baseName!)}", which is final for ${derivation}`);
      inherited = base.attributes;
      inheritedAny = base.anyAttribute;
      if (base.contentKind === 'simple' && base.simpleType !== undefined) valueType = base.simpleType;
      else if (derivation === 'restriction' && base.contentKind === 'mixed' && isEmptiable(base.content) && step.children.some((c) => isXs(c, 'simpleType'))) {
        // XML Schema 1.0, 3.4.3 (Complex Type Definition Representation OK, 2.2): a mixed type
        // whose content may be empty can be restricted to text of the <simpleType> given here
        // (SDMX's ValueType → BooleanValueType, StringValueType, …).
        valueType = anySimpleType;
      } else {
        if (baseName !== undefined) this.report(step, qnameKey(baseName), `simpleContent ${derivation} of "${qnameKey(baseName)}", which has no simple content`);
        valueType = anySimpleType;
      }
    }
    const attrs = this.attributeSet(step, doc);
    t.attributes = mergeAttributes(inherited, attrs);
    if (derivation === 'extension') {
      this.checkChildren(step, ['annotation', 'attribute', 'attributeGroup', 'anyAttribute']);
      t.simpleType = valueType;
      const any = attrs.any ?? inheritedAny;
      if (any !== undefined) t.anyAttribute = any;
    } else {
      const inline = step.children.find((c) => isXs(c, 'simpleType'));
      const valueBase = inline !== undefined ? this.anonymousSimple(inline, doc) : valueType;
      const facets = this.readFacets(step, ['annotation', 'simpleType', 'attribute', 'attributeGroup', 'anyAttribute']);
      if (Object.keys(facets).length === 0) t.simpleType = valueBase;
      else {
        t.simpleType = {
          kind: 'simple',
          name: null,
          loc: this.loc(step),
          doc: undefined,
          variety: valueBase.variety,
          base: valueBase,
          facets,
          ...(valueBase.itemType !== undefined ? { itemType: valueBase.itemType } : {}),
          ...(valueBase.memberTypes !== undefined ? { memberTypes: valueBase.memberTypes } : {}),
        };
      }
      if (attrs.any !== undefined) t.anyAttribute = attrs.any;
    }
  }

  // ---------------------------------------------------------------- particles

  /** The content particle directly under a complex type, extension or restriction. */
  private contentParticle(node: XsdNode, doc: SchemaDoc): Particle | null {
    const c = node.children.find((x) => isXs(x) && (MODEL_GROUPS.has(x.local) || x.local === 'group'));
    return c === undefined ? null : this.particle(c, doc);
  }

  private occurs(node: XsdNode): { min: number; max: number } {
    let min = 1;
    let max = 1;
    const rawMin = node.attrs.minOccurs;
    const rawMax = node.attrs.maxOccurs;
    if (rawMin !== undefined) {
      if (/^\s*\d+\s*$/.test(rawMin)) min = Number(rawMin);
      else this.report(node, rawMin, `invalid minOccurs "${rawMin}"`);
    }
    if (rawMax !== undefined) {
      if (rawMax.trim() === 'unbounded') max = Infinity;
      else if (/^\s*\d+\s*$/.test(rawMax)) max = Number(rawMax);
      else this.report(node, rawMax, `invalid maxOccurs "${rawMax}"`);
    }
    if (max < min) this.report(node, node.attrs.name ?? node.attrs.ref ?? node.local, `maxOccurs ${max} is less than minOccurs ${min}`);
    return { min, max };
  }

  private particle(node: XsdNode, doc: SchemaDoc): Particle | null {
    if (!isXs(node)) return null;
    const occ = this.occurs(node);
    switch (node.local) {
      case 'element': {
        let decl: ElementDecl | undefined;
        const ref = this.qname(node, 'ref', doc);
        if (ref !== undefined) {
          const target = this.lookup('element', ref, node, 'element');
          decl = target === undefined ? undefined : this.globalElement(qnameKey(ref));
        } else if (node.attrs.ref === undefined) {
          decl = this.elementDecl(node, doc, false);
        }
        if (decl === undefined || occ.max === 0) return null;
        return { kind: 'element', decl, min: occ.min, max: occ.max, loc: this.loc(node) } satisfies ElementParticle;
      }
      case 'sequence':
      case 'choice':
      case 'all': {
        const particles: Particle[] = [];
        for (const c of node.children) {
          if (!isXs(c) || c.local === 'annotation') continue;
          if (c.local !== 'element' && c.local !== 'any' && c.local !== 'group' && !MODEL_GROUPS.has(c.local)) {
            this.report(c, `xs:${c.local}`, `unexpected xs:${c.local} in xs:${node.local}`);
            continue;
          }
          const p = this.particle(c, doc);
          if (p !== null) particles.push(p);
        }
        if (occ.max === 0) return null;
        return { kind: node.local, min: occ.min, max: occ.max, particles, loc: this.loc(node) } satisfies ModelGroup;
      }
      case 'group': {
        const ref = this.qname(node, 'ref', doc);
        if (ref === undefined) {
          if (node.attrs.ref === undefined) this.report(node, 'group', 'xs:group reference without ref');
          return null;
        }
        const g = this.groupByName(ref, node);
        if (g === null || occ.max === 0) return null;
        return { ...g, min: occ.min, max: occ.max };
      }
      case 'any': {
        const pc = node.attrs.processContents ?? 'strict';
        if (pc !== 'strict' && pc !== 'lax' && pc !== 'skip') this.report(node, pc, `invalid processContents "${pc}"`);
        if (occ.max === 0) return null;
        return {
          kind: 'any',
          min: occ.min,
          max: occ.max,
          namespace: node.attrs.namespace ?? '##any',
          processContents: pc === 'lax' || pc === 'skip' ? pc : 'strict',
          targetNamespace: doc.targetNamespace,
          loc: this.loc(node),
        } satisfies AnyParticle;
      }
      default:
        return null;
    }
  }

  /** A named model group's content (cached); `null` for an undefined or circular group. */
  private groupByName(name: QName, at: XsdNode): ModelGroup | null {
    const key = qnameKey(name);
    let entry = this.groups.get(key);
    if (entry === undefined) {
      const decl = this.lookup('group', name, at, 'group');
      if (decl === undefined) return null;
      entry = { decl, state: 'pending', group: null };
      this.groups.set(key, entry);
    }
    if (entry.state === 'resolving') {
      this.report(at, key, `circular group reference through "${key}"`);
      return null;
    }
    if (entry.state === 'done') return entry.group;
    entry.state = 'resolving';
    const { node, doc } = entry.decl;
    this.checkChildren(node, ['annotation', 'sequence', 'choice', 'all']);
    const body = node.children.find((c) => isXs(c) && MODEL_GROUPS.has(c.local));
    if (body === undefined) entry.group = { kind: 'sequence', min: 1, max: 1, particles: [], loc: this.loc(node) };
    else {
      if (body.attrs.minOccurs !== undefined || body.attrs.maxOccurs !== undefined) {
        this.report(body, key, `the model group of group "${key}" must not have minOccurs/maxOccurs`);
      }
      const p = this.particle(body, doc) as ModelGroup | null;
      entry.group = p === null ? null : { ...p, min: 1, max: 1 };
    }
    entry.state = 'done';
    return entry.group;
  }

  // ---------------------------------------------------------------- elements

  private globalElement(key: string): ElementDecl | undefined {
    const existing = this.elements.get(key);
    if (existing !== undefined) return existing;
    const g = this.loaded.globals.element.get(key);
    if (g === undefined) return undefined;
    return this.elementDecl(g.node, g.doc, true);
  }

  private elementDecl(node: XsdNode, doc: SchemaDoc, global: boolean): ElementDecl {
    const local = node.attrs.name ?? '';
    if (node.attrs.name === undefined) this.report(node, 'element', 'element declaration without name or ref');
    const qualified = global || (node.attrs.form !== undefined ? node.attrs.form === 'qualified' : doc.elementFormQualified);
    const name: QName = { ns: qualified ? doc.targetNamespace : null, local };
    const decl: Mutable<ElementDecl> = {
      name,
      type: anyType,
      global,
      nillable: this.flag(node, 'nillable'),
      abstract: this.flag(node, 'abstract'),
      loc: this.loc(node),
      doc: documentationOf(node),
    };
    if (node.attrs.default !== undefined) decl.default = node.attrs.default;
    if (node.attrs.fixed !== undefined) decl.fixed = node.attrs.fixed;
    const block = typeMethods(node.attrs.block ?? doc.root.attrs.blockDefault);
    if (block !== undefined) decl.block = block;
    if (node.attrs.default !== undefined && node.attrs.fixed !== undefined) {
      this.report(node, local, `element "${local}" has both default and fixed`);
    }
    if (global) this.elements.set(qnameKey(name), decl);
    this.checkChildren(node, ['annotation', 'simpleType', 'complexType', ...IDENTITY]);
    const typeName = this.qname(node, 'type', doc);
    const inlineComplex = node.children.find((c) => isXs(c, 'complexType'));
    const inlineSimple = node.children.find((c) => isXs(c, 'simpleType'));
    if (typeName !== undefined) {
      decl.type = this.typeRef(typeName, node);
      if (inlineComplex ?? inlineSimple) this.report(node, local, `element "${local}" has both a type attribute and an inline type`);
    } else if (inlineComplex !== undefined) {
      const t = emptyComplex(null, this.loc(inlineComplex), documentationOf(inlineComplex), this.flag(inlineComplex, 'abstract'), this.flag(inlineComplex, 'mixed'));
      decl.type = t;
      this.queue.push(() => this.fillComplex(t, inlineComplex, doc));
    } else if (inlineSimple !== undefined) {
      decl.type = this.anonymousSimple(inlineSimple, doc);
    } else if (global && node.attrs.substitutionGroup !== undefined) {
      const head = this.qname(node, 'substitutionGroup', doc);
      if (head !== undefined) this.substitutions.push({ decl, head, node });
    }
    if (global && node.attrs.substitutionGroup !== undefined && (typeName !== undefined || inlineComplex || inlineSimple)) {
      const head = this.qname(node, 'substitutionGroup', doc);
      if (head !== undefined) this.lookup('element', head, node, 'element');
    }
    for (const c of node.children) {
      if (!isXs(c) || !IDENTITY.has(c.local)) continue;
      const constraint = this.identityConstraint(c, doc);
      if (constraint !== undefined) (decl.identity ??= []).push(constraint);
    }
    if (global && node.attrs.substitutionGroup !== undefined) {
      const head = this.qname(node, 'substitutionGroup', doc);
      if (head !== undefined) this.members.push({ decl, head, node, doc });
    }
    return decl;
  }

  /** Reads one `xs:key`, `xs:keyref` or `xs:unique`; reports a bad XPath or name at its line. */
  private identityConstraint(node: XsdNode, doc: SchemaDoc): IdentityConstraint | undefined {
    if (this.identityByNode.has(node)) return this.identityByNode.get(node);
    const constraint = this.readIdentityConstraint(node, doc);
    this.identityByNode.set(node, constraint);
    return constraint;
  }

  private readIdentityConstraint(node: XsdNode, doc: SchemaDoc): IdentityConstraint | undefined {
    const kind = node.local as IdentityConstraint['kind'];
    this.checkChildren(node, ['annotation', 'selector', 'field']);
    const local = node.attrs.name;
    if (local === undefined) {
      this.report(node, `xs:${kind}`, `xs:${kind} without a name`);
      return undefined;
    }
    const name: QName = { ns: doc.targetNamespace, local };
    const prefix = (p: string): string | undefined => node.prefixes.get(p);
    const path = (n: XsdNode | undefined, field: boolean) => {
      const xpath = n?.attrs.xpath;
      if (n === undefined || xpath === undefined) {
        this.report(n ?? node, local, `xs:${kind} "${local}": ${field ? 'xs:field' : 'xs:selector'} without an xpath`);
        return undefined;
      }
      const parsed = parseIdentityXPath(xpath, field, prefix);
      if (typeof parsed === 'string') {
        this.report(n, local, `xs:${kind} "${local}": ${parsed}`);
        return undefined;
      }
      return parsed;
    };
    const selectorNodes = node.children.filter((c) => isXs(c, 'selector'));
    const fieldNodes = node.children.filter((c) => isXs(c, 'field'));
    if (selectorNodes.length !== 1) this.report(node, local, `xs:${kind} "${local}" must have exactly one xs:selector`);
    if (fieldNodes.length === 0) this.report(node, local, `xs:${kind} "${local}" must have at least one xs:field`);
    const selector = path(selectorNodes[0], false);
    const fields = fieldNodes.map((f) => path(f, true));
    if (selector === undefined || fields.length === 0 || fields.some((f) => f === undefined)) return undefined;
    const constraint: IdentityConstraint = { kind, name, selector, fields: fields as IdentityConstraint['fields'], loc: this.loc(node) };
    const key = qnameKey(name);
    if (this.identityByName.has(key)) this.report(node, key, `duplicate identity constraint "${key}"`);
    else this.identityByName.set(key, constraint);
    if (kind === 'keyref') {
      const refer = this.qname(node, 'refer', doc);
      if (refer === undefined) {
        if (node.attrs.refer === undefined) this.report(node, local, `xs:keyref "${local}" without refer`);
      } else this.keyrefs.push({ constraint, refer, node });
    }
    return constraint;
  }

  /** Points each keyref at the key or unique it names, which must have as many fields. */
  private resolveKeyrefs(): void {
    for (const { constraint, refer, node } of this.keyrefs) {
      const key = qnameKey(refer);
      const target = this.identityByName.get(key);
      if (target === undefined || target.kind === 'keyref') {
        this.report(node, key, target === undefined ? `xs:keyref "${constraint.name.local}" refers to undefined key "${key}"` : `xs:keyref "${constraint.name.local}" refers to keyref "${key}", not a key or unique`);
        continue;
      }
      if (target.fields.length !== constraint.fields.length) {
        this.report(node, key, `xs:keyref "${constraint.name.local}" has ${constraint.fields.length} fields, but "${key}" has ${target.fields.length}`);
        continue;
      }
      constraint.refer = target;
    }
  }

  /**
   * Fills `substitutionHead` and `substitutes` (see `ElementDecl`). A member whose type derives
   * from the head's by a method the head declares `final` (or its schema's `finalDefault`) is
   * reported, as libxml2 refuses such a schema; `block` (or `blockDefault`) of the head and of the
   * head's type leave members out where the head is referenced.
   */
  private substitutionGroups(): void {
    const direct = new Map<ElementDecl, ElementDecl[]>();
    const settings = new Map<ElementDecl, { block: Set<string>; final: Set<string> }>();
    const derivationSet = (value: string | undefined): Set<string> =>
      new Set(value === undefined ? [] : value.trim() === '#all' ? ['extension', 'restriction', 'substitution'] : value.split(/\s+/).filter((v) => v !== ''));
    for (const m of this.members) {
      const key = qnameKey(m.head);
      if (this.loaded.globals.element.get(key) === undefined) continue; // reported where the member is declared
      const head = this.globalElement(key)!;
      if (head === m.decl) continue;
      (m.decl as Mutable<ElementDecl>).substitutionHead = head;
      const list = direct.get(head) ?? [];
      list.push(m.decl);
      direct.set(head, list);
    }
    const headNodes = new Map<ElementDecl, { node: XsdNode; doc: SchemaDoc }>();
    for (const [key, g] of this.loaded.globals.element) {
      const d = this.elements.get(key);
      if (d !== undefined && direct.has(d)) headNodes.set(d, { node: g.node, doc: g.doc });
    }
    for (const [head, { node, doc }] of headNodes) {
      settings.set(head, {
        block: derivationSet(node.attrs.block ?? doc.root.attrs.blockDefault),
        final: derivationSet(node.attrs.final ?? doc.root.attrs.finalDefault),
      });
    }
    for (const m of this.members) {
      const head = m.decl.substitutionHead;
      if (head === undefined) continue;
      const final = settings.get(head)!.final;
      const methods = derivationMethods(m.decl.type, head.type);
      const barred = [...(methods ?? [])].filter((x) => final.has(x));
      if (barred.length > 0) {
        this.report(m.node, m.decl.name.local, `element "${m.decl.name.local}" cannot be in the substitution group of "${qnameKey(head.name)}", which is final for ${barred.join(' and ')}`);
        direct.set(head, direct.get(head)!.filter((d) => d !== m.decl));
      }
    }
    for (const head of direct.keys()) {
      const { block } = settings.get(head)!;
      const out: ElementDecl[] = head.abstract ? [] : [head];
      if (!block.has('substitution')) {
        const seen = new Set<ElementDecl>([head]);
        const visit = (h: ElementDecl): void => {
          for (const member of direct.get(h) ?? []) {
            if (seen.has(member)) continue;
            seen.add(member);
            const methods = derivationMethods(member.type, head.type);
            // The head's `block` and its type's (`block` or `blockDefault` of the type's schema).
            const typeBlock = head.type.kind === 'complex' ? head.type.block : undefined;
            const blocked = methods !== null && [...methods].some((x) => block.has(x) || typeBlock?.has(x as 'extension' | 'restriction') === true);
            if (!member.abstract && !blocked) out.push(member);
            if (!blocked) visit(member);
          }
        };
        visit(head);
      }
      const order = new Map(this.members.map((m, i) => [m.decl, i]));
      (head as Mutable<ElementDecl>).substitutes = out.sort((a, b) => (a === head ? -1 : b === head ? 1 : order.get(a)! - order.get(b)!));
    }
  }

  /** Elements without a type take the type of their substitution group head. */
  private resolveSubstitutions(): void {
    const pending = new Map(this.substitutions.map((s) => [s.decl, s]));
    const settle = (decl: ElementDecl, chain: Set<ElementDecl>): void => {
      const s = pending.get(decl);
      if (s === undefined) return;
      pending.delete(decl);
      const target = this.lookup('element', s.head, s.node, 'element');
      if (target === undefined) return;
      const head = this.globalElement(qnameKey(s.head))!;
      if (chain.has(head)) {
        this.report(s.node, qnameKey(s.head), `circular substitution group through "${qnameKey(s.head)}"`);
        return;
      }
      chain.add(decl);
      settle(head, chain);
      (decl as Mutable<ElementDecl>).type = head.type;
    };
    for (const s of this.substitutions) settle(s.decl, new Set([s.decl]));
  }

  // ---------------------------------------------------------------- attributes

  /** Own attribute uses of a complex type, extension or restriction (groups expanded). */
  private attributeSet(node: XsdNode, doc: SchemaDoc): AttributeSet {
    const set: AttributeSet = { uses: [], prohibited: new Set() };
    for (const c of node.children) {
      if (!isXs(c)) continue;
      if (c.local === 'attribute') {
        if (c.attrs.use === 'prohibited') {
          const name = this.attributeName(c, doc);
          if (name !== undefined) set.prohibited.add(qnameKey(name));
          continue;
        }
        const use = this.attributeUse(c, doc);
        if (use !== undefined) set.uses.push(use);
      } else if (c.local === 'attributeGroup') {
        const ref = this.qname(c, 'ref', doc);
        if (ref === undefined) {
          this.report(c, 'attributeGroup', 'xs:attributeGroup reference without ref');
          continue;
        }
        const g = this.attributeGroupByName(ref, c);
        if (g === null) continue;
        set.uses.push(...g.uses);
        for (const p of g.prohibited) set.prohibited.add(p);
        if (g.any !== undefined) set.any = set.any ?? g.any;
      } else if (c.local === 'anyAttribute') {
        const pc = c.attrs.processContents ?? 'strict';
        set.any = {
          namespace: c.attrs.namespace ?? '##any',
          processContents: pc === 'lax' || pc === 'skip' ? pc : 'strict',
          targetNamespace: doc.targetNamespace,
        };
      }
    }
    return set;
  }

  private attributeName(node: XsdNode, doc: SchemaDoc): QName | undefined {
    if (node.attrs.ref !== undefined) return this.qname(node, 'ref', doc);
    if (node.attrs.name === undefined) return undefined;
    const qualified = node.attrs.form !== undefined ? node.attrs.form === 'qualified' : doc.attributeFormQualified;
    return { ns: qualified ? doc.targetNamespace : null, local: node.attrs.name };
  }

  private attributeUse(node: XsdNode, doc: SchemaDoc): AttributeUse | undefined {
    const useRaw = node.attrs.use ?? 'optional';
    if (useRaw !== 'optional' && useRaw !== 'required') this.report(node, useRaw, `invalid attribute use "${useRaw}"`);
    const use = useRaw === 'required' ? 'required' : 'optional';
    const withValues = (base: { default?: string; fixed?: string }): { default?: string; fixed?: string } => {
      const out: { default?: string; fixed?: string } = {};
      const d = node.attrs.default ?? (node.attrs.fixed === undefined ? base.default : undefined);
      const f = node.attrs.fixed ?? (node.attrs.default === undefined ? base.fixed : undefined);
      if (d !== undefined) out.default = d;
      if (f !== undefined) out.fixed = f;
      return out;
    };
    if (node.attrs.ref !== undefined) {
      const ref = this.qname(node, 'ref', doc);
      if (ref === undefined) return undefined;
      const g = this.lookup('attribute', ref, node, 'attribute');
      if (g === undefined) return undefined;
      const global = this.globalAttribute(qnameKey(ref));
      if (global === undefined) return undefined;
      return { name: global.name, type: global.type, use, ...withValues(global), loc: this.loc(node), doc: documentationOf(node) ?? global.doc };
    }
    const name = this.attributeName(node, doc);
    if (name === undefined) {
      this.report(node, 'attribute', 'attribute declaration without name or ref');
      return undefined;
    }
    return { name, type: this.attributeType(node, doc), use, ...withValues({}), loc: this.loc(node), doc: documentationOf(node) };
  }

  private attributeType(node: XsdNode, doc: SchemaDoc): SimpleTypeDef {
    const typeName = this.qname(node, 'type', doc);
    const inline = node.children.find((c) => isXs(c, 'simpleType'));
    if (typeName !== undefined) return this.simpleRef(typeName, node);
    if (inline !== undefined) return this.anonymousSimple(inline, doc);
    return anySimpleType;
  }

  private globalAttribute(key: string): GlobalAttr | undefined {
    const existing = this.attributes.get(key);
    if (existing !== undefined) return existing;
    const g = this.loaded.globals.attribute.get(key);
    if (g === undefined) return undefined;
    if (this.attributesInProgress.has(key)) return undefined;
    this.attributesInProgress.add(key);
    const node = g.node;
    const attr: GlobalAttr = {
      name: g.name,
      type: this.attributeType(node, g.doc),
      ...(node.attrs.default !== undefined ? { default: node.attrs.default } : {}),
      ...(node.attrs.fixed !== undefined ? { fixed: node.attrs.fixed } : {}),
      loc: this.loc(node),
      doc: documentationOf(node),
    };
    this.attributes.set(key, attr);
    return attr;
  }

  private attributeGroupByName(name: QName, at: XsdNode): AttributeSet | null {
    const key = qnameKey(name);
    let entry = this.attrGroups.get(key);
    if (entry === undefined) {
      const decl = this.lookup('attributeGroup', name, at, 'attribute group');
      if (decl === undefined) return null;
      entry = { decl, state: 'pending', value: { uses: [], prohibited: new Set() } };
      this.attrGroups.set(key, entry);
    }
    if (entry.state === 'resolving') {
      this.report(at, key, `circular attribute group reference through "${key}"`);
      return null;
    }
    if (entry.state === 'done') return entry.value;
    entry.state = 'resolving';
    this.checkChildren(entry.decl.node, ['annotation', 'attribute', 'attributeGroup', 'anyAttribute']);
    entry.value = this.attributeSet(entry.decl.node, entry.decl.doc);
    entry.state = 'done';
    return entry.value;
  }

  // ---------------------------------------------------------------- checks

  /** Reports XSD children not allowed here (XSD 1.1 ones are reported by the loader). */
  private checkChildren(node: XsdNode, allowed: string[]): void {
    for (const c of node.children) {
      if (!isXs(c) || allowed.includes(c.local)) continue;
      if (UNSUPPORTED_11.has(c.local)) continue;
      this.report(c, `xs:${c.local}`, `unexpected xs:${c.local} in xs:${node.local}`);
    }
  }
}

const UNSUPPORTED_11 = new Set(['assert', 'assertion', 'alternative', 'openContent', 'defaultOpenContent', 'override']);

function emptyComplex(name: QName | null, loc: SourceLocation, doc: Documentation, abstract: boolean, mixed: boolean): ComplexTypeDef {
  return {
    kind: 'complex',
    name,
    loc,
    doc,
    abstract,
    mixed,
    derivation: null,
    base: anyType,
    contentKind: 'empty',
    content: null,
    attributes: [],
  };
}

/** Inherited attribute uses first (an own use of the same name replaces it in place), then new own ones; prohibited ones removed. */
function mergeAttributes(inherited: AttributeUse[], own: AttributeSet): AttributeUse[] {
  const ownByKey = new Map<string, AttributeUse>();
  for (const u of own.uses) ownByKey.set(qnameKey(u.name), u);
  const out: AttributeUse[] = [];
  const placed = new Set<string>();
  for (const u of inherited) {
    const key = qnameKey(u.name);
    if (own.prohibited.has(key)) continue;
    const replacement = ownByKey.get(key);
    out.push(replacement ?? u);
    placed.add(key);
  }
  for (const u of own.uses) {
    const key = qnameKey(u.name);
    if (placed.has(key) || own.prohibited.has(key)) continue;
    placed.add(key);
    out.push(u);
  }
  return out;
}

/**
 * The derivation methods (`extension`, `restriction`) on the way from `type` up to `ancestor`;
 * `null` when `type` does not derive from it. Every type derives from `xs:anyType`.
 */
function derivationMethods(type: TypeDef, ancestor: TypeDef): Set<string> | null {
  const methods = new Set<string>();
  for (let t: TypeDef | null = type; t !== null; t = t.base) {
    if (t === ancestor) return methods;
    if (t === anyType) break;
    methods.add(t.kind === 'complex' ? (t.derivation ?? 'restriction') : 'restriction');
  }
  return ancestor === anyType ? methods : null;
}

/** The `extension`/`restriction` of a `block` or `final` value (`#all` is both); undefined when neither. */
function typeMethods(value: string | undefined): Set<'extension' | 'restriction'> | undefined {
  if (value === undefined) return undefined;
  const words = value.trim() === '#all' ? ['extension', 'restriction'] : value.split(/\s+/);
  const set = new Set(words.filter((w): w is 'extension' | 'restriction' => w === 'extension' || w === 'restriction'));
  return set.size === 0 ? undefined : set;
}

/** Resolves a loaded set; throws a `SchemaError` with every problem found (loading and resolving). */
export function resolveLoadedSet(loaded: LoadedSet): SchemaSet {
  const { set, diagnostics } = tryResolveLoadedSet(loaded);
  if (diagnostics.length > 0) throw new SchemaError(diagnostics);
  return set;
}

/** Resolves a loaded set and returns the problems instead of throwing. */
export function tryResolveLoadedSet(loaded: LoadedSet): { set: SchemaSet; diagnostics: SchemaDiagnostic[] } {
  const r = new Resolver(loaded);
  const set = r.run();
  const diagnostics = [...loaded.diagnostics, ...r.diagnostics];
  // Constraints between facets and values are judged only on a set that resolved cleanly:
  // placeholders for undefined types would only add noise to the real problem.
  if (diagnostics.length === 0) diagnostics.push(...checkConstraints(set));
  return { set, diagnostics };
}
