/**
 * The collect pass: which declarations exist and what their content is, from resolved schema
 * sets — every global type, the anonymous types reached from them, and the content of each
 * (elements, groups, wildcards, attributes, simple types' facts) in the binding model's terms.
 * It makes no name: each declaration gets a `NameOrigin` (what the naming pass will name it
 * from), properties and item types are left for the naming pass (`naming.ts`); sides come from
 * the sharing pass (`sharing.ts`). What it decides about content:
 * - a group holding one element is folded into the element where XML Schema gives both one
 *   meaning (`simplify`), except the operators' outermost group (the Plesk profile's);
 * - a type whose whole content is one repeating group, with no attributes, is an `array`;
 * - a reference to the head of a substitution group is a choice of the elements that may stand there;
 * - an extension's base (`extends`), an abstract type's `xsi:type` stand-ins.
 * The passes run in order in `bind.ts`.
 */
import { SchemaError, XS_NS, qnameKey } from '../model/types.js';
import type {
  ComplexTypeDef,
  ElementDecl,
  EnumValue,
  IdentityConstraint,
  IdentityPath,
  NameTest,
  Particle,
  SchemaSet,
  SimpleTypeDef,
  TypeDef,
  Wildcard,
} from '../model/types.js';
import type {
  AttributeBinding,
  RootBinding,
  BindingOptions,
  ComplexDeclaration,
  Declaration,
  ElementBinding,
  ElementType,
  GroupBinding,
  IdentityFacts,
  IdentityPathFacts,
  ParticleBinding,
  RootElementBinding,
  Side,
  SimpleDeclaration,
  SimpleRef,
  TsType,
} from './model.js';
import type { NameOrigin } from './naming.js';
import type { SetSide, Sharing } from './sharing.js';
import { simpleFacts, simpleTsType } from './simple.js';

/** What the collect pass is for: the general core's named roots, or the Plesk profile's packets and operators. */
export type CollectProfile = { kind: 'elements' } | { kind: 'plesk'; operators: { readonly input: readonly ElementDecl[]; readonly output: readonly ElementDecl[] } };

interface Pending {
  decl: Declaration;
  def: TypeDef;
  setSide: SetSide;
}

/** What the collect pass hands on: the declarations in the order found, with their name origins. */
export interface Collected {
  declarations: Declaration[];
  origins: Map<Declaration, NameOrigin>;
  /** The `<packet>` types (Plesk profile), whose repeating group is `operators`. */
  packets: Set<Declaration>;
}

/** The Plesk profile's collection: both sets' global types and `<packet>`s. */
export function collectPackets(input: SchemaSet, output: SchemaSet, sharing: Sharing, options: BindingOptions, operators: { readonly input: readonly ElementDecl[]; readonly output: readonly ElementDecl[] }): Collected & { request: RootBinding; response: RootBinding } {
  return new Binder(input, output, sharing, options, { kind: 'plesk', operators }).run();
}

/** The general core's collection: one set's global types and the named roots (their codec names are the naming pass's). */
export function collectElements(set: SchemaSet, sharing: Sharing, options: BindingOptions, roots: readonly ElementDecl[]): Collected & { roots: RootElementBinding[] } {
  return new Binder(set, set, sharing, options, { kind: 'elements' }).runElements(roots);
}

class Binder {
  private readonly byName: Record<SetSide, Map<string, Declaration>> = { input: new Map(), output: new Map() };
  private readonly byAnonymous = new Map<TypeDef, Declaration>();
  private readonly globalAnonymous = new Map<string, { decl: Declaration; setSide: SetSide }>();
  /** Types of the operators under `<packet>`: their operations stay an array of one-operation items. */
  private readonly operatorTypes = new Set<TypeDef>();
  private readonly operatorTypeNames = new Set<string>();
  private readonly declarations: Declaration[] = [];
  private readonly origins = new Map<Declaration, NameOrigin>();
  private readonly pending: Pending[] = [];
  /** The declaration whose content is being collected (where anonymous types are first reached). */
  private current: Declaration | null = null;

  /** The types of `<packet>` on both sides (Plesk profile): their repeating choice of operators is `operators`. */
  private readonly packetTypes = new Set<TypeDef>();
  private readonly packetDecls = new Set<Declaration>();

  constructor(
    private readonly input: SchemaSet,
    private readonly output: SchemaSet,
    private readonly sharing: Sharing,
    private readonly options: BindingOptions,
    private readonly profile: CollectProfile,
  ) {}

  run(): Collected & { request: RootBinding; response: RootBinding } {
    if (this.profile.kind !== 'plesk') throw new Error('unreachable: run() is the Plesk profile');
    this.declareGlobals();
    const request = this.rootOf('input', 'RequestPacket');
    const response = this.rootOf('output', 'ResponsePacket');
    for (const side of ['input', 'output'] as const) {
      for (const e of this.profile.operators[side]) {
        this.operatorTypes.add(e.type);
        // A shared type is bound from the request set's declaration: match it by name too.
        if (e.type.name !== null) this.operatorTypeNames.add(qnameKey(e.type.name));
      }
    }
    this.fillPending();
    return { declarations: this.declarations, origins: this.origins, packets: this.packetDecls, request, response };
  }

  /** The general core: each named root element's type, and everything reachable from it. */
  runElements(roots: readonly ElementDecl[]): Collected & { roots: RootElementBinding[] } {
    this.declareGlobals();
    const bound: RootElementBinding[] = [];
    for (const element of roots) {
      const t = element.type;
      let type: RootElementBinding['type'];
      if (t.name !== null && t.name.ns === XS_NS && t.kind === 'complex') type = { kind: 'anyType' };
      else if (t.kind === 'complex') type = { kind: 'complex', decl: this.complexDeclOf(this.declOf(t, 'input', null, element.name.local, element.name.ns)) };
      else type = { kind: 'simple', decl: this.rootSimpleDecl(element, t) };
      // The codec's functions are named after the element by the naming pass: `parseInvoice`, `serializeInvoice`.
      bound.push({ xml: element.name.local, ns: element.name.ns, doc: element.doc, type, codecName: '', ...(element.identity !== undefined ? { identity: element.identity.map(identityFacts) } : {}) });
    }
    this.fillPending();
    return { declarations: this.declarations, origins: this.origins, packets: this.packetDecls, roots: bound };
  }

  /**
   * The declaration of a root element of a simple type: its named type's, or (a built-in or an
   * anonymous type) one of its own named after the element (`<note>` of `xs:string` → `Note`),
   * so the codec has a type and a descriptor to name.
   */
  private rootSimpleDecl(element: ElementDecl, t: SimpleTypeDef): SimpleDeclaration {
    let d: Declaration;
    if (t.name !== null && t.name.ns !== XS_NS) d = this.declOf(t, 'input', null, t.name.local);
    else {
      d = this.newDeclaration(t, element.name.local, 'shared', { kind: 'element', local: element.name.local, ns: element.name.ns, file: element.loc.file, foundIn: null });
      if (d.loc === null) d.loc = element.loc;
      this.pending.push({ decl: d, def: t, setSide: 'input' });
    }
    if (d.kind !== 'simple') throw new Error('unreachable: a simple type declared as complex');
    return d;
  }

  private complexDeclOf(d: Declaration): ComplexDeclaration {
    if (d.kind !== 'complex') throw new Error('unreachable: a complex type declared as simple');
    return d;
  }

  /** Fills content; anonymous types discovered on the way are appended to `pending`. */
  private fillPending(): void {
    for (let i = 0; i < this.pending.length; i++) {
      this.current = this.pending[i].decl;
      this.fill(this.pending[i]);
    }
    this.current = null;
    this.settleXsiTypes();
  }

  private set(side: SetSide): SchemaSet {
    return side === 'input' ? this.input : this.output;
  }

  // ---- Declarations -------------------------------------------------------------------------

  /** Declares every global type of both sets, in the order the naming pass names them (side, then `{ns}local`). */
  private declareGlobals(): void {
    const candidates: { key: string; side: Side; setSide: SetSide; def: TypeDef }[] = [];
    for (const setSide of ['input', 'output'] as const) {
      for (const [key, def] of [...this.set(setSide).types].sort(([a], [b]) => compare(a, b))) {
        const side = this.sharing.globalSide(key, setSide);
        if (side !== null) candidates.push({ key, side, setSide, def });
      }
    }
    const order: Record<Side, number> = { shared: 0, request: 1, response: 2 };
    candidates.sort((a, b) => order[a.side] - order[b.side] || compare(a.key, b.key));
    for (const c of candidates) {
      const local = c.def.name?.local ?? c.key;
      const decl = this.newDeclaration(c.def, local, c.side, { kind: 'global', local, ns: c.def.name?.ns ?? null, file: c.def.loc?.file });
      this.byName[c.setSide].set(c.key, decl);
      if (c.side === 'shared') this.byName.output.set(c.key, decl);
      this.pending.push({ decl, def: c.def, setSide: c.setSide });
    }
  }

  /** A new declaration, unnamed (`name` and `module` are the naming pass's), with what its name is made from. */
  private newDeclaration(def: TypeDef, schemaName: string, side: Side, origin: NameOrigin): Declaration {
    const common = { name: '', schemaName, side, module: '', loc: def.loc, doc: def.doc };
    const decl: Declaration =
      def.kind === 'simple'
        ? { ...common, kind: 'simple', facts: { name: schemaName, kind: 'string', ws: 'p' }, ts: { kind: 'primitive', name: 'string' } }
        : { ...common, kind: 'complex', shape: 'object', attributes: [], content: null, mixed: def.mixed, anyAttribute: false };
    this.declarations.push(decl);
    this.origins.set(decl, origin);
    return decl;
  }

  /** The declaration of a type as seen from one set (shared names resolve to the shared one). */
  private declOf(def: TypeDef, setSide: SetSide, owner: Declaration | null, hint: string, hintNs: string | null = null): Declaration {
    if (def.name !== null && def.name.ns !== XS_NS) {
      const found = this.byName[setSide].get(qnameKey(def.name));
      if (found) return found;
    }
    let decl = this.byAnonymous.get(def);
    if (decl === undefined && owner === null) {
      // The anonymous type of a global element: both sets resolve the same declaration to
      // different objects. One declaration serves both when the sharing pass says it is shared.
      const key = `${def.loc?.file}:${def.loc?.line}`;
      const shared = this.sharing.sharesAnonymous(def);
      const other = this.globalAnonymous.get(key);
      if (other && other.setSide !== setSide && shared) decl = other.decl;
      if (decl === undefined) {
        const side: Side = shared ? 'shared' : this.sharing.sideOf(setSide);
        decl = this.newDeclaration(def, hint, side, { kind: 'element', local: hint, ns: hintNs, file: def.loc?.file, foundIn: this.current });
        this.globalAnonymous.set(key, { decl, setSide });
        this.pending.push({ decl, def, setSide });
      }
      this.byAnonymous.set(def, decl);
    }
    if (decl === undefined) {
      const schemaName = owner ? `${owner.schemaName}/${hint}` : hint;
      decl = this.newDeclaration(def, schemaName, owner?.side ?? this.sharing.sideOf(setSide), { kind: 'local', owner, hint, file: def.loc?.file, foundIn: this.current });
      this.byAnonymous.set(def, decl);
      this.pending.push({ decl, def, setSide });
    }
    return decl;
  }

  private rootOf(setSide: SetSide, name: string): RootBinding {
    const set = this.set(setSide);
    const packet = set.elements.get('packet');
    if (!packet) {
      throw new SchemaError([
        { file: set.root, line: 1, name: 'packet', message: `no global element "packet": the ${setSide === 'input' ? 'request' : 'response'} schema must declare <xs:element name="packet">` },
      ]);
    }
    if (packet.type.kind !== 'complex') {
      throw new SchemaError([{ file: packet.loc.file, line: packet.loc.line, name: 'packet', message: 'element "packet" must have a complex type' }]);
    }
    this.packetTypes.add(packet.type);
    let decl: Declaration;
    if (packet.type.name === null) {
      // `name` is reserved up front (RESERVED_TYPE_NAMES), so no schema type can have taken it.
      decl = this.byAnonymous.get(packet.type) ?? this.newDeclaration(packet.type, 'packet', this.sharing.sideOf(setSide), { kind: 'fixed', name, file: packet.type.loc?.file });
      this.byAnonymous.set(packet.type, decl);
      this.pending.push({ decl, def: packet.type, setSide });
    } else {
      decl = this.declOf(packet.type, setSide, null, 'packet');
    }
    if (decl.kind !== 'complex') throw new Error('unreachable: a complex type declared as simple');
    this.packetDecls.add(decl);
    const globals: RootBinding['globals'] = [];
    for (const [, element] of [...set.elements].sort(([a], [b]) => compare(a, b))) {
      if (element === packet) continue;
      const t = element.type;
      if (t.name !== null && t.name.ns === XS_NS && t.kind === 'complex') continue;
      const d = t.kind === 'complex' ? this.declOf(t, setSide, null, element.name.local, element.name.ns) : this.rootSimpleDecl(element, t);
      globals.push({ xml: element.name.local, ns: element.name.ns, decl: d });
    }
    return { xml: 'packet', decl, globals };
  }

  // ---- Shapes ------------------------------------------------------------------------------

  private fill({ decl, def, setSide }: Pending): void {
    if (decl.kind === 'simple') {
      if (def.kind !== 'simple') throw new Error('unreachable');
      decl.facts = simpleFacts(def, decl.schemaName, this.options, (t) => this.simpleRef(t, setSide, decl));
      decl.ts = simpleTsType(decl.facts, (r) => this.refTs(r));
      const values = enumerationOf(def);
      if (values?.some((v) => v.doc !== undefined)) {
        const list = values.map((v) => `- \`${v.value}\`${v.doc !== undefined ? `: ${v.doc.replace(/\s+/g, ' ')}` : ''}`).join('\n');
        decl.doc = decl.doc === undefined ? list : `${decl.doc}\n\n${list}`;
      }
      return;
    }
    if (def.kind !== 'complex') throw new Error('unreachable');
    const isPacket = this.packetTypes.has(def);
    decl.anyAttribute = def.anyAttribute !== undefined;
    if (def.anyAttribute !== undefined && wildcardNamespaces(def.anyAttribute) !== '##any') decl.anyAttributeNamespaces = wildcardNamespaces(def.anyAttribute);
    decl.mixed = def.mixed;

    const isOperator = this.operatorTypes.has(def) || (def.name !== null && this.operatorTypeNames.has(qnameKey(def.name)));
    const content = def.content ? simplify(def.content, isOperator) : null;
    const whole = content ? wholeRepeatingGroup(content) : null;
    if (def.contentKind === 'simple') {
      decl.shape = 'simple';
      decl.text = def.simpleType ? this.simpleRef(def.simpleType, setSide, decl, 'value') : this.builtinRef('string');
    } else if (content && whole && def.attributes.length === 0 && !def.anyAttribute && !isPacket && !def.mixed) {
      decl.shape = 'array';
      decl.content = this.group(whole, setSide, decl);
    } else if (content && (def.contentKind === 'elements' || def.contentKind === 'mixed')) {
      decl.shape = 'object';
      decl.content = this.particle(content, setSide, decl);
    } else {
      // Mixed content without elements still holds text (`$content` of strings).
      decl.shape = def.attributes.length === 0 && !def.anyAttribute && !def.mixed ? 'flag' : 'object';
    }
    decl.attributes = def.attributes.map((a) => ({
      prop: '',
      xml: a.name.local,
      ns: a.name.ns,
      doc: a.doc,
      type: this.simpleRef(a.type, setSide, decl, a.name.local),
      required: a.use === 'required',
      ...(a.default !== undefined ? { default: a.default } : {}),
      ...(a.fixed !== undefined ? { fixed: a.fixed } : {}),
    }));
    this.recordExtension(decl, def, setSide);
    // xsi:type stand-ins: for abstract types always; for concrete ones in the general core (a
    // Plesk tree keeps its concrete types as they are: its documents do not use xsi:type).
    if (def.name !== null && (def.abstract || this.profile.kind === 'elements')) this.recordXsiTypes(decl, def, setSide);
  }

  /** Named complex types by each of their (complex) ancestors, in schema order, per set. */
  private readonly derivedIndex: Partial<Record<SetSide, Map<TypeDef, ComplexTypeDef[]>>> = {};

  private derivedOf(def: ComplexTypeDef, setSide: SetSide): ComplexTypeDef[] {
    let index = this.derivedIndex[setSide];
    if (index === undefined) {
      index = new Map();
      for (const t of this.set(setSide).types.values()) {
        if (t.kind !== 'complex' || t.abstract) continue;
        for (let b = t.base; b !== null && b.kind === 'complex' && !(b.name !== null && b.name.ns === XS_NS); b = b.base) {
          const list = index.get(b) ?? [];
          list.push(t);
          index.set(b, list);
        }
      }
      this.derivedIndex[setSide] = index;
    }
    return index.get(def) ?? [];
  }

  /**
   * A type's stand-ins for `xsi:type`: the named, non-abstract types derived from it, less those
   * its `block` (or `blockDefault`) refuses, each with the derivation methods that lead to it (an
   * element's own `block` is checked against them by the runtime). Abstract types always get
   * them; concrete ones in the general core, when some type derives from them (a Plesk tree's
   * concrete base with `xsi:type` naming a derived type is refused by the runtime; see README).
   */
  private recordXsiTypes(decl: ComplexDeclaration, def: ComplexTypeDef, setSide: SetSide): void {
    const methodsOf = (t: ComplexTypeDef): ('extension' | 'restriction')[] => {
      const by = new Set<'extension' | 'restriction'>();
      for (let s: TypeDef | null = t; s !== null && s !== def && s.kind === 'complex'; s = s.base) by.add(s.derivation ?? 'restriction');
      return [...by].sort();
    };
    const derived = this.derivedOf(def, setSide).filter((t) => t.name !== null && !methodsOf(t).some((m) => def.block?.has(m)));
    if (!def.abstract && derived.length === 0) return;
    const locals = new Map<string, number>();
    for (const t of derived) locals.set(t.name!.local, (locals.get(t.name!.local) ?? 0) + 1);
    const types = derived.map((t) => {
      const d = this.declOf(t, setSide, null, t.name!.local);
      if (d.kind !== 'complex') throw new Error('unreachable: a complex type declared as simple');
      return { discriminant: locals.get(t.name!.local)! > 1 ? qnameKey(t.name!) : t.name!.local, xml: t.name!.local, ns: t.name!.ns, decl: d, by: methodsOf(t) };
    });
    decl.xsiTypes = { unionName: '', types, concrete: !def.abstract };
  }

  /** Stand-ins whose value cannot carry `$type` (empty types written as `true`, whole-array types) are left out. */
  private settleXsiTypes(): void {
    for (const d of this.declarations) {
      if (d.kind !== 'complex' || d.xsiTypes === undefined) continue;
      d.xsiTypes.types = d.xsiTypes.types.filter((t) => t.decl.shape === 'object' || t.decl.shape === 'simple');
      // A concrete type none of whose derived types can carry `$type` keeps its plain value.
      if (d.xsiTypes.concrete && d.xsiTypes.types.length === 0) delete d.xsiTypes;
    }
  }

  /**
   * Records the base of an extension of a named complex type whose content is the base's
   * followed by its own (the emitter then decides whether `interface X extends Base` fits).
   */
  private recordExtension(decl: ComplexDeclaration, def: ComplexTypeDef, setSide: SetSide): void {
    const base = def.base;
    if (def.derivation !== 'extension' || decl.shape !== 'object' || base?.kind !== 'complex' || base.name === null || base.name.ns === XS_NS) return;
    const baseDecl = this.declOf(base, setSide, null, base.name.local);
    if (baseDecl.kind !== 'complex') return;
    const appended =
      def.content === base.content ||
      base.content === null ||
      (def.content?.kind === 'sequence' && def.content.particles.length === 2 && def.content.particles[0] === base.content);
    if (appended) decl.extends = baseDecl;
  }

  private particle(p: Particle, setSide: SetSide, owner: ComplexDeclaration): ParticleBinding {
    switch (p.kind) {
      case 'element':
        if (p.decl.substitutes !== undefined) return this.substitutionGroup(p.decl, p.decl.substitutes, p.min, p.max, setSide, owner);
        return this.element(p.decl, p.min, p.max, setSide, owner);
      case 'any':
        return { kind: 'any', prop: '', min: p.min, max: p.max, namespace: wildcardNamespaces(p), processContents: p.processContents };
      default:
        return this.group(p, setSide, owner);
    }
  }

  /** A group; a repeating one gets its property (unless it is the whole value) and item type from the naming pass. */
  private group(p: Particle & { kind: 'sequence' | 'choice' | 'all' }, setSide: SetSide, owner: ComplexDeclaration): GroupBinding {
    const particles = p.particles.map((child) => this.particle(child, setSide, owner));
    // A repeating group whose one occurrence may be empty (a choice with an optional branch, a
    // sequence of optional members) matches no element at all with minOccurs 1 as with 0: bound
    // with 0, its items may be left out, as a document leaves them out (with 1, the type wanted
    // an item the parser never gives, and the writer refused the value the parser read).
    const min = p.max > 1 && p.min > 0 && emptiable({ kind: p.kind, min: 1, particles }) ? 0 : p.min;
    return { kind: p.kind, min, max: p.max, doc: undefined, particles };
  }

  /**
   * A reference to the head of a substitution group: a choice of the elements that may appear in
   * its place (`ElementDecl.substitutes`), with the reference's occurrences. Repeating, it is
   * one property named after the head holding the items in document order, each keyed by the
   * element it is (`rootElement: [{ process: … }, { collaboration: … }]`); once, the branches'
   * properties join the enclosing object, one of them present.
   */
  private substitutionGroup(head: ElementDecl, members: ElementDecl[], min: number, max: number, setSide: SetSide, owner: ComplexDeclaration): GroupBinding {
    return { kind: 'choice', min, max, doc: head.doc, substitutionHead: head.name.local, particles: members.map((m) => this.element(m, 1, 1, setSide, owner)) };
  }

  private element(decl: ElementDecl, min: number, max: number, setSide: SetSide, owner: ComplexDeclaration): ElementBinding {
    return {
      kind: 'element',
      prop: '',
      xml: decl.name.local,
      ns: decl.name.ns,
      doc: decl.doc,
      min,
      max,
      type: this.elementType(decl, setSide, owner),
      nillable: decl.nillable,
      ...(decl.default !== undefined ? { default: decl.default } : {}),
      ...(decl.fixed !== undefined ? { fixed: decl.fixed } : {}),
      ...(decl.identity !== undefined ? { identity: decl.identity.map(identityFacts) } : {}),
      ...(decl.block !== undefined ? { block: [...decl.block].sort() } : {}),
    };
  }

  private elementType(decl: ElementDecl, setSide: SetSide, owner: ComplexDeclaration): ElementType {
    const t = decl.type;
    if (t.kind === 'simple') return { kind: 'simple', ref: this.simpleRef(t, setSide, owner, decl.name.local) };
    if (t.name !== null && t.name.ns === XS_NS) return { kind: 'anyType' };
    const d = this.declOf(t, setSide, decl.global ? null : owner, decl.name.local, decl.global ? decl.name.ns : null);
    if (d.kind !== 'complex') throw new Error('unreachable');
    if (t.name === null && d.doc === undefined && decl.doc !== undefined) d.doc = decl.doc;
    return { kind: 'complex', decl: d };
  }

  private builtinRef(local: string): SimpleRef {
    const facts = { name: `xs:${local}`, kind: 'string' as const, ws: 'p' as const };
    return { kind: 'inline', facts, ts: { kind: 'primitive', name: 'string' }, builtin: local };
  }

  private simpleRef(t: SimpleTypeDef, setSide: SetSide, owner: Declaration, hint?: string): SimpleRef {
    if (t.name !== null && t.name.ns !== XS_NS) {
      const d = this.declOf(t, setSide, null, t.name.local);
      if (d.kind !== 'simple') throw new Error('unreachable');
      return { kind: 'named', decl: d };
    }
    const name = t.builtin !== undefined ? `xs:${t.builtin}` : `${owner.schemaName}${hint ? `/${hint}` : ''}`;
    // A built-in's descriptor is emitted once, on its own, and refers to nothing: the item type
    // of a list built-in (`xs:IDREF` of `xs:IDREFS`) is written into it, not referenced.
    const inner = (m: SimpleTypeDef): SimpleRef => {
      const r = this.simpleRef(m, setSide, owner, hint);
      return t.builtin !== undefined && r.kind === 'inline' ? { kind: 'inline', facts: r.facts, ts: r.ts } : r;
    };
    const facts = simpleFacts(t, name, this.options, inner);
    const ts = simpleTsType(facts, (r) => this.refTs(r));
    return t.builtin !== undefined ? { kind: 'inline', facts, ts, builtin: t.builtin } : { kind: 'inline', facts, ts };
  }

  private refTs(r: SimpleRef): TsType {
    return r.kind === 'named' ? { kind: 'named', decl: r.decl } : r.ts;
  }
}

/** An identity constraint in the runtime's terms (see `IdentityFacts`). */
export function identityFacts(c: IdentityConstraint): IdentityFacts {
  const test = (t: NameTest): string => (t.ns === '*' ? '*' : t.ns === null ? t.local : `{${t.ns}}${t.local}`);
  const path = (p: IdentityPath): IdentityPathFacts => ({
    descendant: p.descendant,
    steps: p.steps.map(test),
    ...(p.attribute !== undefined ? { attribute: test(p.attribute) } : {}),
  });
  return {
    kind: c.kind,
    name: qnameKey(c.name),
    selector: c.selector.map(path),
    fields: c.fields.map((f) => f.map(path)),
    ...(c.refer !== undefined ? { refer: qnameKey(c.refer.name) } : {}),
  };
}

/** The enumeration in force for a simple type (the nearest restriction step that has one). */
function enumerationOf(def: SimpleTypeDef): EnumValue[] | undefined {
  for (let t: SimpleTypeDef | null = def; t !== null; t = t.base) {
    if (t.facets.enumeration !== undefined) return t.facets.enumeration;
  }
  return undefined;
}

/**
 * Folds a group holding a single element into the element, where XML Schema gives both the same
 * meaning: `choice maxOccurs="unbounded"` of one `component` is `component maxOccurs="unbounded"`,
 * so the value is `{ component: [...] }` rather than `[{ component }, …]`. Applies when the
 * element occurs exactly once per group occurrence, or the group exactly once, or the group is
 * unbounded and the element optional. With `keepTop`
 * the outermost group stays as written (the operations of an operator stay a list of
 * one-operation items, so adding operations in a later schema does not change the shape).
 */
function simplify(p: Particle, keepTop = false): Particle {
  if (p.kind === 'element' || p.kind === 'any') return p;
  const particles = p.particles.map((c) => simplify(c));
  const changed = particles.some((c, i) => c !== p.particles[i]);
  const group = changed ? { ...p, particles } : p;
  if (keepTop || particles.length !== 1) return group;
  const only = particles[0];
  if (only.kind !== 'element') return group;
  if ((only.min === 1 && only.max === 1) || (p.min === 1 && p.max === 1)) {
    return { ...only, min: p.min * only.min, max: p.max * only.max };
  }
  // An unbounded group of an optional element: any number of the element.
  if (p.max === Infinity && only.min === 0) return { ...only, min: 0, max: Infinity };
  return group;
}

/**
 * A wildcard's namespace constraint as the runtime reads it, without the schema document it was
 * written in: `##targetNamespace` becomes that document's target namespace, and `##other` in a
 * document with one becomes `##other !<target namespace>` (any namespace but that one, and not
 * none). In a document without a target namespace the constraint stays as written (there
 * `##targetNamespace` is no namespace and `##other` any namespace: the runtime reads them so).
 */
export function wildcardNamespaces(w: Wildcard): string {
  const c = w.namespace.trim().split(/\s+/).join(' ');
  const tns = w.targetNamespace;
  if (c === '##any' || tns === null || tns === '') return c;
  if (c === '##other') return `##other !${tns}`;
  return c
    .split(' ')
    .map((t) => (t === '##targetNamespace' ? tns : t))
    .join(' ');
}

/** Whether one occurrence of `p` may match no element: optional, or a group whose content may be empty. */
function emptiable(p: { kind: ParticleBinding['kind']; min: number; particles?: readonly ParticleBinding[] }): boolean {
  if (p.min === 0) return true;
  if (p.kind === 'element' || p.kind === 'any' || p.particles === undefined) return false;
  return p.kind === 'choice' ? p.particles.some(emptiable) : p.particles.every(emptiable);
}

/** The repeating group that makes up the whole content (through single-particle sequences), if any. */
function wholeRepeatingGroup(p: Particle): (Particle & { kind: 'sequence' | 'choice' | 'all' }) | null {
  let current: Particle = p;
  while (current.kind === 'sequence' && current.max === 1 && current.min === 1 && current.particles.length === 1) {
    current = current.particles[0];
  }
  return current.kind !== 'element' && current.kind !== 'any' && current.max > 1 ? current : null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { AttributeBinding, SimpleDeclaration };
