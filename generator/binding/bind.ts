/**
 * Builds the binding model from resolved schema sets: which declarations exist, their names,
 * modules and shapes. The rules are documented in the README ("How XML maps to TypeScript");
 * the runtime's view of them is in `runtime/descriptors.ts`.
 *
 * Two entry points over one `Binder`:
 * - `bindElements(set, roots)`: the general core: one set, the global elements a user names as
 *   document roots; every declaration is `shared` (there are no request/response sides).
 * - `bindSchemas(input, output, comparison, plesk)`: the Plesk profile (generator/profiles/plesk):
 *   two sets whose same-named types may differ, a `<packet>` root on each side, and the operator
 *   types whose outermost group stays a list. What is Plesk's comes in through `PleskBinding`;
 *   the operator list for the client is derived by the profile from the bound packets.
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
  QName,
  SchemaSet,
  SetComparison,
  SimpleTypeDef,
  TypeDef,
} from '../model/types.js';
import type {
  AttributeBinding,
  BindingModel,
  BindingOptions,
  ComplexDeclaration,
  Declaration,
  ElementBinding,
  ElementType,
  GroupBinding,
  ElementsBindingModel,
  IdentityFacts,
  IdentityPathFacts,
  ParticleBinding,
  RootElementBinding,
  Side,
  SimpleDeclaration,
  SimpleRef,
  TsType,
} from './model.js';
import { NameAllocator, RUNTIME_EXPORTS, camelCase, namespacePrefixName, pascalCase, safeTypeName } from './names.js';
import { decideShapes } from './shapes.js';
import { simpleFacts, simpleTsType } from './simple.js';

export const DEFAULT_BINDING_OPTIONS: BindingOptions = { naming: 'camel', integers: 'number' };

/** Property name of the repeating choice of operators directly under `<packet>`. */
const PACKET_GROUP_PROP = 'operators';

type SetSide = 'input' | 'output';

/** What the Plesk profile tells the binder (see generator/profiles/plesk/bind.ts). */
export interface PleskBinding {
  /** Type names the profile's tree declares itself (packets, client classes). */
  readonly reservedNames: readonly string[];
  /** The operator elements under `<packet>` on each side (`packetOperators`, derived once). */
  readonly operators: { readonly input: readonly ElementDecl[]; readonly output: readonly ElementDecl[] };
}

/** What a binder run is for: the general core's named roots, or the Plesk profile's packets. */
type Profile = { kind: 'elements'; folder: string } | ({ kind: 'plesk' } & PleskBinding);

interface Pending {
  decl: Declaration;
  def: TypeDef;
  setSide: SetSide;
}

/**
 * The Plesk profile's binding: both packet sides (the profile adds the operator list for the
 * client, `profiles/plesk/operators.ts`).
 */
export function bindSchemas(
  input: SchemaSet,
  output: SchemaSet,
  comparison: SetComparison,
  options: BindingOptions,
  plesk: PleskBinding,
): Omit<BindingModel, 'operators'> {
  return new Binder(input, output, comparison, options, { kind: 'plesk', ...plesk }).run();
}

/**
 * The general core's binding: the named global elements of one set as document roots, every
 * type reachable from them declared once (module folder `types/`). A root of a built-in or
 * anonymous simple type gets a declaration named after the element; an untyped root is `anyType`.
 */
export function bindElements(set: SchemaSet, roots: readonly ElementDecl[], options: BindingOptions = DEFAULT_BINDING_OPTIONS): ElementsBindingModel {
  const comparison: SetComparison = { shared: [...set.types.keys()], differing: [], inputOnly: [], outputOnly: [] };
  return new Binder(set, set, comparison, options, { kind: 'elements', folder: 'types' }).runElements(roots);
}

class Binder {
  private readonly typeNames = new NameAllocator();
  private readonly moduleNames = new NameAllocator(true);
  private readonly modules = new Map<string, string>();
  private readonly byName: Record<SetSide, Map<string, Declaration>> = { input: new Map(), output: new Map() };
  private readonly byAnonymous = new Map<TypeDef, Declaration>();
  private readonly globalAnonymous = new Map<string, { decl: Declaration; setSide: SetSide }>();
  private readonly sharedNames: Set<string>;
  /** Types of the operators under `<packet>`: their operations stay an array of one-operation items. */
  private readonly operatorTypes = new Set<TypeDef>();
  private readonly operatorTypeNames = new Set<string>();
  private readonly declarations: Declaration[] = [];
  private readonly pending: Pending[] = [];
  /** PascalCase local name → the namespaces whose global types or elements want it (see `typeBase`). */
  private readonly namespacesByLocal = new Map<string, Set<string | null>>();
  private readonly nsPrefixes = new Map<string, string>();

  /** The types of `<packet>` on both sides (Plesk profile): their repeating choice of operators is `operators`. */
  private readonly packetTypes = new Set<TypeDef>();

  constructor(
    private readonly input: SchemaSet,
    private readonly output: SchemaSet,
    comparison: SetComparison,
    private readonly options: BindingOptions,
    private readonly profile: Profile,
  ) {
    for (const name of profile.kind === 'plesk' ? profile.reservedNames : RUNTIME_EXPORTS) this.typeNames.claimExact(name);
    this.sharedNames = new Set(comparison.shared);
    for (const set of [input, output]) {
      for (const t of set.types.values()) if (t.name !== null) this.noteLocal(t.name);
      for (const e of set.elements.values()) if (e.type.name === null) this.noteLocal(e.name);
      for (const [ns, prefix] of set.prefixes) if (!this.nsPrefixes.has(ns)) this.nsPrefixes.set(ns, prefix);
    }
  }

  private noteLocal(name: QName): void {
    const base = pascalCase(name.local);
    const set = this.namespacesByLocal.get(base) ?? new Set<string | null>();
    set.add(name.ns);
    this.namespacesByLocal.set(base, set);
  }

  /**
   * The name a global type (or a global element's anonymous type) wants: PascalCase of its local
   * name, led by its namespace's prefix when global types or elements of several namespaces want
   * the same name (`cbc:AmountType`, `udt:AmountType` → `CbcAmountType`, `UdtAmountType`).
   */
  private typeBase(local: string, ns: string | null): string {
    const base = pascalCase(local);
    if (ns === null || (this.namespacesByLocal.get(base)?.size ?? 0) < 2) return safeTypeName(base);
    return safeTypeName(`${namespacePrefixName(ns, this.nsPrefixes.get(ns))}${base}`);
  }

  run(): Omit<BindingModel, 'operators'> {
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
    return { declarations: this.declarations, request, response, options: this.options };
  }

  /** The general core: each named root element's type, and everything reachable from it. */
  runElements(roots: readonly ElementDecl[]): ElementsBindingModel {
    this.declareGlobals();
    const functionNames = new NameAllocator();
    const bound: RootElementBinding[] = [];
    for (const element of roots) {
      const t = element.type;
      let type: RootElementBinding['type'];
      if (t.name !== null && t.name.ns === XS_NS && t.kind === 'complex') type = { kind: 'anyType' };
      else if (t.kind === 'complex') type = { kind: 'complex', decl: this.complexDeclOf(this.declOf(t, 'input', null, element.name.local, element.name.ns)) };
      else type = { kind: 'simple', decl: this.rootSimpleDecl(element, t) };
      // The codec's functions are named after the element: `parseInvoice`, `serializeInvoice`.
      const codecName = functionNames.claim(this.typeBase(element.name.local, element.name.ns));
      bound.push({ xml: element.name.local, ns: element.name.ns, doc: element.doc, type, codecName, ...(element.identity !== undefined ? { identity: element.identity.map(identityFacts) } : {}) });
    }
    this.fillPending();
    const prefixes = [...this.input.prefixes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { declarations: this.declarations, roots: bound, prefixes, options: this.options };
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
      d = this.newDeclaration(t, this.typeNames.claim(this.typeBase(element.name.local, element.name.ns)), element.name.local, 'shared', this.moduleFor('shared', element.loc.file));
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

  /** Fills shapes; anonymous types discovered on the way are appended to `pending`. */
  private fillPending(): void {
    for (let i = 0; i < this.pending.length; i++) this.fill(this.pending[i]);
    this.settleXsiTypes();
    decideShapes(this.declarations);
  }

  private set(side: SetSide): SchemaSet {
    return side === 'input' ? this.input : this.output;
  }

  // ---- Declarations and names -------------------------------------------------------------

  /** Declares every global type of both sets, with names decided up front (deterministic). */
  private declareGlobals(): void {
    const shared = this.sharedNames;
    interface Candidate {
      key: string;
      side: Side;
      setSide: SetSide;
      def: TypeDef;
      base: string;
    }
    const candidates: Candidate[] = [];
    for (const setSide of ['input', 'output'] as const) {
      for (const [key, def] of [...this.set(setSide).types].sort(([a], [b]) => compare(a, b))) {
        if (setSide === 'output' && shared.has(key)) continue;
        const side: Side = shared.has(key) ? 'shared' : setSide === 'input' ? 'request' : 'response';
        candidates.push({ key, side, setSide, def, base: this.typeBase(def.name?.local ?? key, def.name?.ns ?? null) });
      }
    }
    // A base name wanted by both a request and a response type: each takes its side as suffix.
    const sidesByBase = new Map<string, Set<Side>>();
    for (const c of candidates) {
      const sides = sidesByBase.get(c.base) ?? new Set<Side>();
      sides.add(c.side);
      sidesByBase.set(c.base, sides);
    }
    const order: Record<Side, number> = { shared: 0, request: 1, response: 2 };
    candidates.sort((a, b) => order[a.side] - order[b.side] || compare(a.key, b.key));
    for (const c of candidates) {
      const sides = sidesByBase.get(c.base)!;
      const wanted =
        c.side !== 'shared' && sides.has('request') && sides.has('response')
          ? `${c.base}${c.side === 'request' ? 'Request' : 'Response'}`
          : c.base;
      const name = this.typeNames.claim(wanted);
      const decl = this.newDeclaration(c.def, name, c.def.name?.local ?? c.key, c.side);
      this.byName[c.setSide].set(c.key, decl);
      if (c.side === 'shared') this.byName.output.set(c.key, decl);
      this.pending.push({ decl, def: c.def, setSide: c.setSide });
    }
  }

  private moduleFor(side: Side, file: string | undefined): string {
    const stem = (file ?? 'anonymous').replace(/^.*\//, '').replace(/\.xsd$/i, '');
    const folder = this.profile.kind === 'elements' ? this.profile.folder : side;
    const wanted = `${folder}/${stem.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
    let module = this.modules.get(wanted);
    if (module === undefined) {
      module = this.moduleNames.claim(wanted);
      this.modules.set(wanted, module);
    }
    return module;
  }

  private newDeclaration(def: TypeDef, name: string, schemaName: string, side: Side, module?: string): Declaration {
    const common = {
      name,
      schemaName,
      side,
      module: module ?? this.moduleFor(side, def.loc?.file),
      loc: def.loc,
      doc: def.doc,
    };
    const decl: Declaration =
      def.kind === 'simple'
        ? { ...common, kind: 'simple', facts: { name: schemaName, kind: 'string', ws: 'p' }, ts: { kind: 'primitive', name: 'string' } }
        : { ...common, kind: 'complex', shape: 'object', attributes: [], content: null, mixed: def.mixed, anyAttribute: false };
    this.declarations.push(decl);
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
      // different objects. One declaration serves both when its content is shared.
      const key = `${def.loc?.file}:${def.loc?.line}`;
      const other = this.globalAnonymous.get(key);
      if (other && other.setSide !== setSide && this.onlyShared(def, new Set())) decl = other.decl;
      if (decl === undefined) {
        const shared = this.onlyShared(def, new Set()) && this.inBothSets(def);
        const side: Side = shared ? 'shared' : setSide === 'input' ? 'request' : 'response';
        const base = this.typeBase(hint, hintNs);
        const name = this.typeNames.claim(shared || !this.typeNames.has(base) ? base : `${base}${side === 'request' ? 'Request' : 'Response'}`);
        decl = this.newDeclaration(def, name, hint, side);
        this.globalAnonymous.set(key, { decl, setSide });
        this.pending.push({ decl, def, setSide });
      }
      this.byAnonymous.set(def, decl);
    }
    if (decl === undefined) {
      const name = this.typeNames.claim(safeTypeName(`${owner?.name ?? ''}${pascalCase(hint)}`));
      const schemaName = owner ? `${owner.schemaName}/${hint}` : hint;
      decl = this.newDeclaration(def, name, schemaName, owner?.side ?? (setSide === 'input' ? 'request' : 'response'), owner?.module);
      this.byAnonymous.set(def, decl);
      this.pending.push({ decl, def, setSide });
    }
    return decl;
  }

  /** Whether the file declaring `def` belongs to both sets. */
  private inBothSets(def: TypeDef): boolean {
    const file = def.loc?.file;
    return file !== undefined && this.input.files.includes(file) && this.output.files.includes(file);
  }

  /** Whether every named type an (anonymous) type refers to, transitively, is shared. */
  private onlyShared(def: TypeDef, seen: Set<TypeDef>): boolean {
    if (seen.has(def)) return true;
    seen.add(def);
    if (def.name !== null) return def.name.ns === XS_NS || this.sharedNames.has(qnameKey(def.name));
    if (def.kind === 'simple') {
      const refs = [def.base, def.itemType, ...(def.memberTypes ?? [])].filter((t): t is SimpleTypeDef => !!t);
      return refs.every((t) => this.onlyShared(t, seen));
    }
    if (def.base && !this.onlyShared(def.base, seen)) return false;
    if (def.simpleType && !this.onlyShared(def.simpleType, seen)) return false;
    if (!def.attributes.every((a) => this.onlyShared(a.type, seen))) return false;
    const visit = (p: Particle | null): boolean => {
      if (p === null || p.kind === 'any') return true;
      if (p.kind === 'element') return this.onlyShared(p.decl.type, seen) && (p.decl.substitutes ?? []).every((m) => this.onlyShared(m.type, seen));
      return p.particles.every(visit);
    };
    return visit(def.content);
  }

  private rootOf(setSide: SetSide, name: string): { xml: string; decl: ComplexDeclaration } {
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
      decl = this.byAnonymous.get(packet.type) ?? this.newDeclaration(packet.type, name, 'packet', setSide === 'input' ? 'request' : 'response');
      this.byAnonymous.set(packet.type, decl);
      this.pending.push({ decl, def: packet.type, setSide });
    } else {
      decl = this.declOf(packet.type, setSide, null, 'packet');
    }
    if (decl.kind !== 'complex') throw new Error('unreachable: a complex type declared as simple');
    return { xml: 'packet', decl };
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
    decl.mixed = def.mixed;

    // Properties: elements first (they keep the plain names), then attributes.
    const scope = new NameAllocator();
    const isOperator = this.operatorTypes.has(def) || (def.name !== null && this.operatorTypeNames.has(qnameKey(def.name)));
    const content = def.content ? simplify(def.content, isOperator) : null;
    const whole = content ? wholeRepeatingGroup(content) : null;
    if (def.contentKind === 'simple') {
      scope.claimExact('value');
      decl.shape = 'simple';
      decl.text = def.simpleType ? this.simpleRef(def.simpleType, setSide, decl, 'value') : this.builtinRef('string');
    } else if (content && whole && def.attributes.length === 0 && !def.anyAttribute && !isPacket) {
      decl.shape = 'array';
      decl.content = this.group(whole, setSide, decl, new NameAllocator(), decl.name, isPacket);
    } else if (content && (def.contentKind === 'elements' || def.contentKind === 'mixed')) {
      decl.shape = 'object';
      decl.content = this.particle(content, setSide, decl, scope, decl.name, isPacket);
    } else {
      decl.shape = def.attributes.length === 0 && !def.anyAttribute ? 'flag' : 'object';
    }
    decl.attributes = def.attributes.map((a) => ({
      prop: scope.claim(this.propName(a.name.local)),
      xml: a.name.local,
      ns: a.name.ns,
      doc: a.doc,
      type: this.simpleRef(a.type, setSide, decl, a.name.local),
      required: a.use === 'required',
      ...(a.default !== undefined ? { default: a.default } : {}),
      ...(a.fixed !== undefined ? { fixed: a.fixed } : {}),
    }));
    this.recordExtension(decl, def, setSide);
    if (def.abstract && def.name !== null) this.recordXsiTypes(decl, def, setSide);
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
   * An abstract type's stand-ins for `xsi:type`: the named, non-abstract types derived from it.
   * Only abstract types get them, so an element's value type names what may stand there (a
   * concrete base with `xsi:type` naming a derived type is refused by the runtime; see README).
   */
  private recordXsiTypes(decl: ComplexDeclaration, def: ComplexTypeDef, setSide: SetSide): void {
    const derived = this.derivedOf(def, setSide).filter((t) => t.name !== null);
    const locals = new Map<string, number>();
    for (const t of derived) locals.set(t.name!.local, (locals.get(t.name!.local) ?? 0) + 1);
    const types = derived.map((t) => {
      const d = this.declOf(t, setSide, null, t.name!.local);
      if (d.kind !== 'complex') throw new Error('unreachable: a complex type declared as simple');
      return { discriminant: locals.get(t.name!.local)! > 1 ? qnameKey(t.name!) : t.name!.local, xml: t.name!.local, ns: t.name!.ns, decl: d };
    });
    decl.xsiTypes = { unionName: this.typeNames.claim(`${decl.name}Derived`), types };
  }

  /** Stand-ins whose value cannot carry `$type` (empty types written as `true`, whole-array types) are left out. */
  private settleXsiTypes(): void {
    for (const d of this.declarations) {
      if (d.kind === 'complex' && d.xsiTypes !== undefined) d.xsiTypes.types = d.xsiTypes.types.filter((t) => t.decl.shape === 'object' || t.decl.shape === 'simple');
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

  private propName(xml: string): string {
    return this.options.naming === 'xml' ? xml : camelCase(xml);
  }

  private particle(p: Particle, setSide: SetSide, owner: ComplexDeclaration, scope: NameAllocator, itemPrefix: string, isPacket: boolean): ParticleBinding {
    switch (p.kind) {
      case 'element':
        if (p.decl.substitutes !== undefined) return this.substitutionGroup(p.decl, p.decl.substitutes, p.min, p.max, setSide, owner, scope, itemPrefix);
        return this.element(p.decl, p.min, p.max, setSide, owner, scope);
      case 'any':
        return {
          kind: 'any',
          prop: scope.claim(this.options.naming === 'xml' ? '$any' : 'any'),
          min: p.min,
          max: p.max,
          namespace: p.namespace,
          processContents: p.processContents,
        };
      default:
        if (p.max > 1) {
          const prop = scope.claim(isPacket ? PACKET_GROUP_PROP : this.groupPropName(p));
          const g = this.group(p, setSide, owner, new NameAllocator(), `${itemPrefix}${pascalCase(prop)}`, false);
          return { ...g, prop };
        }
        return this.group(p, setSide, owner, scope, itemPrefix, isPacket);
    }
  }

  private group(
    p: Particle & { kind: 'sequence' | 'choice' | 'all' },
    setSide: SetSide,
    owner: ComplexDeclaration,
    scope: NameAllocator,
    itemPrefix: string,
    isPacket: boolean,
  ): GroupBinding {
    const binding: GroupBinding = {
      kind: p.kind,
      min: p.min,
      max: p.max,
      doc: undefined,
      particles: p.particles.map((child) => this.particle(child, setSide, owner, scope, itemPrefix, isPacket)),
    };
    if (p.max > 1) binding.itemTypeName = this.typeNames.claim(`${itemPrefix}Item`);
    return binding;
  }

  /**
   * A reference to the head of a substitution group: a choice of the elements that may appear in
   * its place (`ElementDecl.substitutes`), with the reference's occurrences. Repeating, it is
   * one property named after the head holding the items in document order, each keyed by the
   * element it is (`rootElement: [{ process: … }, { collaboration: … }]`); once, the branches'
   * properties join the enclosing object, one of them present.
   */
  private substitutionGroup(
    head: ElementDecl,
    members: ElementDecl[],
    min: number,
    max: number,
    setSide: SetSide,
    owner: ComplexDeclaration,
    scope: NameAllocator,
    itemPrefix: string,
  ): GroupBinding {
    const repeating = max > 1;
    const prop = repeating ? scope.claim(this.propName(head.name.local)) : undefined;
    const itemScope = repeating ? new NameAllocator() : scope;
    const binding: GroupBinding = {
      kind: 'choice',
      min,
      max,
      doc: head.doc,
      particles: members.map((m) => this.element(m, 1, 1, setSide, owner, itemScope)),
    };
    if (prop !== undefined) {
      binding.prop = prop;
      binding.itemTypeName = this.typeNames.claim(`${itemPrefix}${pascalCase(prop)}Item`);
    }
    return binding;
  }

  /** Name of the property holding a repeating group that is not the whole value. */
  private groupPropName(p: Particle & { kind: 'sequence' | 'choice' | 'all' }): string {
    // A choice of two or three elements reads best by its branches: `objectOrMessage`.
    if (p.kind === 'choice' && p.particles.length >= 2 && p.particles.length <= 3 && p.particles.every((c) => c.kind === 'element')) {
      const names = p.particles.map((c) => (c.kind === 'element' ? c.decl.name.local : ''));
      return this.options.naming === 'xml' ? names.join('-or-') : camelCase(names.join('-or-'));
    }
    const first = firstElementName(p);
    const base = first ? this.propName(first) : p.kind;
    const suffix = /group$/i.test(base) ? 'Items' : 'Group';
    return this.options.naming === 'xml' ? `${base}-${suffix.toLowerCase()}` : `${base}${suffix}`;
  }

  private element(decl: ElementDecl, min: number, max: number, setSide: SetSide, owner: ComplexDeclaration, scope: NameAllocator): ElementBinding {
    return {
      kind: 'element',
      prop: scope.claim(this.propName(decl.name.local)),
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

/** The repeating group that makes up the whole content (through single-particle sequences), if any. */
function wholeRepeatingGroup(p: Particle): (Particle & { kind: 'sequence' | 'choice' | 'all' }) | null {
  let current: Particle = p;
  while (current.kind === 'sequence' && current.max === 1 && current.min === 1 && current.particles.length === 1) {
    current = current.particles[0];
  }
  return current.kind !== 'element' && current.kind !== 'any' && current.max > 1 ? current : null;
}

function firstElementName(p: Particle): string | undefined {
  if (p.kind === 'element') return p.decl.name.local;
  if (p.kind === 'any') return undefined;
  for (const child of p.particles) {
    const name = firstElementName(child);
    if (name) return name;
  }
  return undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { AttributeBinding, SimpleDeclaration };
