/**
 * The naming pass: every name of the binding model is made here and nowhere else — type names,
 * item type names of repeating groups, the unions of `xsi:type` stand-ins, property names,
 * module names and the core's codec names. The rules are in the README ("Naming"); the word
 * transformations (PascalCase, camelCase, reserved words) in `names.ts`.
 *
 * Given: the declarations the collect pass found, in the order it found them, each with its
 * `NameOrigin` (what its name is made from), with their content bound but unnamed. Names are
 * handed out in a fixed order, so equal schemas always get equal names:
 * 1. the names the tree or the runtime takes for itself (reserved);
 * 2. every global type (sorted by side — shared, request, response — then by `{ns}local`): PascalCase
 *    of its local name, led by its namespace's prefix when global components of several
 *    namespaces want that name, and suffixed `Request`/`Response` when both sides want it;
 * 3. the core's roots, in the order named: the anonymous type of a root element, then its codec name;
 * 4. each declaration in order found: its properties (elements first, then attributes), the
 *    anonymous types first reached from it (`Owner` + element name; a global element's: its own
 *    name), the item types of its repeating groups (innermost first) and its `…Derived` union;
 * 5. after the shapes pass (`nameChoices`): the named branches of choices and their `…None` base.
 * A name already taken gets `2`, `3`, ….
 */
import { XS_NS, type SchemaSet } from '../model/types.js';
import type { BindingOptions, ComplexDeclaration, Declaration, GroupBinding, ParticleBinding, RootElementBinding, Side } from './model.js';
import { NameAllocator, camelCase, namespaceModuleName, namespacePrefixName, pascalCase, safeTypeName } from './names.js';
import { hasNamedBranches, shapesWithChoices } from './shapes.js';

/** What a declaration's name is made from (recorded by the collect pass). */
export type NameOrigin =
  /** A global type: named up front, from its local name (and namespace). */
  | { kind: 'global'; local: string; ns: string | null; file: string | undefined }
  /**
   * The anonymous type of a global element (or the own simple type of a core root): named after
   * the element when first reached, from `foundIn`'s content (null: from the roots).
   */
  | { kind: 'element'; local: string; ns: string | null; file: string | undefined; foundIn: Declaration | null }
  /** The anonymous type of a local element: `owner`'s name + the element's, when first reached from `foundIn`. */
  | { kind: 'local'; owner: Declaration | null; hint: string; file: string | undefined; foundIn: Declaration | null }
  /** A name the profile decided (`RequestPacket`), reserved before any other. */
  | { kind: 'fixed'; name: string; file: string | undefined };

export interface NamingInput {
  /** The schema sets bound (for the namespaces that want each local name and their declared prefixes). */
  readonly sets: readonly SchemaSet[];
  /** Names taken before any schema name: the tree's own, the runtime's exports. */
  readonly reserved: readonly string[];
  readonly options: BindingOptions;
  /**
   * Where declarations live: `sides` (Plesk: `shared/`, `request/`, `response/` + the XSD file's
   * name), or `namespaces` (the general core): in `folder`, one module per target namespace named
   * after it (`urn:…:CommonBasicComponents-2` → `types/common-basic-components`), and for
   * components in no namespace, one per XSD file (`types/<file>`).
   */
  readonly modules: { kind: 'sides' } | { kind: 'namespaces'; folder: string };
  /** Every declaration, in the order the collect pass found them. */
  readonly declarations: readonly Declaration[];
  readonly origins: ReadonlyMap<Declaration, NameOrigin>;
  /** Types whose repeating group is named `operators` (the Plesk profile's `<packet>`). */
  readonly packets?: ReadonlySet<Declaration>;
  /** The general core's roots: their codec names are made here. */
  readonly roots?: readonly RootElementBinding[];
  /** The types of the Plesk sets' other global elements (`RootBinding.globals`): named as roots' types are. */
  readonly globalElements?: readonly { decl: Declaration }[];
}

/** Property name of the repeating choice of operators directly under `<packet>`. */
const PACKET_GROUP_PROP = 'operators';

/**
 * Names everything in place (see the module comment). Returns the last step, run after the shapes
 * pass (which decides the choices it names): `nameChoices`.
 */
export function nameAll(input: NamingInput): { nameChoices(declarations: readonly Declaration[]): void } {
  const naming = new Naming(input);
  naming.run();
  return { nameChoices: (declarations) => naming.nameChoices(declarations) };
}

class Naming {
  private readonly typeNames = new NameAllocator();
  private readonly moduleNames = new NameAllocator(true);
  private readonly modules = new Map<string, string>();
  /** PascalCase local name → the namespaces whose global types or elements want it. */
  private readonly namespacesByLocal = new Map<string, Set<string | null>>();
  private readonly nsPrefixes = new Map<string, string>();
  private readonly named = new Set<Declaration>();

  constructor(private readonly input: NamingInput) {
    for (const name of input.reserved) this.typeNames.claimExact(name);
    for (const set of input.sets) {
      for (const t of set.types.values()) if (t.name !== null) this.noteLocal(t.name.local, t.name.ns);
      for (const e of set.elements.values()) if (e.type.name === null) this.noteLocal(e.name.local, e.name.ns);
      for (const [ns, prefix] of set.prefixes) if (!this.nsPrefixes.has(ns)) this.nsPrefixes.set(ns, prefix);
    }
  }

  run(): void {
    const { declarations, origins } = this.input;
    for (const d of declarations) d.module = this.moduleOf(d);
    // 1–2: fixed names, then the global types.
    const globals: { decl: Declaration; base: string }[] = [];
    for (const d of declarations) {
      const o = this.origin(d);
      if (o.kind === 'fixed') this.assign(d, o.name);
      else if (o.kind === 'global') globals.push({ decl: d, base: this.typeBase(o.local, o.ns) });
    }
    const sidesByBase = new Map<string, Set<Side>>();
    for (const g of globals) sidesByBase.set(g.base, (sidesByBase.get(g.base) ?? new Set<Side>()).add(g.decl.side));
    for (const { decl, base } of globals) {
      const sides = sidesByBase.get(base)!;
      const wanted = decl.side !== 'shared' && sides.has('request') && sides.has('response') ? `${base}${decl.side === 'request' ? 'Request' : 'Response'}` : base;
      this.assign(decl, this.typeNames.claim(wanted));
    }
    // 3: the core's roots.
    const codecNames = new NameAllocator();
    for (const r of this.input.roots ?? []) {
      if (r.type.kind !== 'anyType') this.nameFound(r.type.decl, null);
      r.codecName = codecNames.claim(this.typeBase(r.xml, r.ns));
    }
    for (const g of this.input.globalElements ?? []) this.nameFound(g.decl, null);
    // 4: each declaration's own names, in order found.
    for (const d of declarations) this.nameInside(d);
    for (const d of declarations) if (!this.named.has(d)) throw new Error(`unreachable: ${d.schemaName} (${origins.get(d)?.kind}) was never reached by the naming pass`);
  }

  /**
   * 5 (after the shapes pass): the named branches of choices (`hasNamedBranches`), in order of
   * declarations, then choices: each branch `Owner` + its first property (`ServerOperatorTypeRequestItem`
   * + `srvMan` → `ServerOperatorTypeRequestItemSrvMan`), the choice's absent-properties base
   * `Owner` + `None`. Claimed last, so they never take a name from a schema type.
   */
  nameChoices(declarations: readonly Declaration[]): void {
    for (const d of declarations) {
      if (d.kind !== 'complex') continue;
      for (const { owner, shape } of shapesWithChoices(d)) {
        shape.choiceNames = shape.choices.map((branches) => {
          if (!hasNamedBranches(branches)) return undefined;
          const none = this.typeNames.claim(`${owner}None`);
          return { none, branches: branches.map((b) => (b.members.length === 0 ? none : this.typeNames.claim(safeTypeName(`${owner}${pascalCase(b.members[0]!.key)}`)))) };
        });
      }
    }
  }

  private origin(d: Declaration): NameOrigin {
    const o = this.input.origins.get(d);
    if (o === undefined) throw new Error(`unreachable: no name origin for ${d.schemaName}`);
    return o;
  }

  private assign(d: Declaration, name: string): void {
    d.name = name;
    this.named.add(d);
  }

  private noteLocal(local: string, ns: string | null): void {
    const base = pascalCase(local);
    const set = this.namespacesByLocal.get(base) ?? new Set<string | null>();
    set.add(ns);
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

  /** Names an anonymous declaration when `from` is where it was first reached (null: the roots). */
  private nameFound(d: Declaration, from: Declaration | null): void {
    if (this.named.has(d)) return;
    const o = this.origin(d);
    if (o.kind === 'element' && o.foundIn === from) {
      const base = this.typeBase(o.local, o.ns);
      this.assign(d, this.typeNames.claim(d.side === 'shared' || !this.typeNames.has(base) ? base : `${base}${d.side === 'request' ? 'Request' : 'Response'}`));
    } else if (o.kind === 'local' && o.foundIn === from) {
      this.assign(d, this.typeNames.claim(safeTypeName(`${o.owner?.name ?? ''}${pascalCase(o.hint)}`)));
    }
  }

  // ---- Modules ------------------------------------------------------------------------------

  private moduleOf(d: Declaration): string {
    const o = this.origin(d);
    if (o.kind === 'local' && o.owner !== null) return o.owner.module;
    const m = this.input.modules;
    const ns = o.kind === 'global' || o.kind === 'element' ? o.ns : null;
    const byNamespace = m.kind === 'namespaces' && ns !== null;
    const stem = byNamespace ? this.namespaceStem(ns) : (o.file ?? 'anonymous').replace(/^.*\//, '').replace(/\.xsd$/i, '');
    const wanted = `${m.kind === 'sides' ? d.side : m.folder}/${stem.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
    // A namespace's module is its own even when another wants the same name (it gets `2`); files
    // of one name share theirs.
    const key = byNamespace ? `{${ns}}` : wanted;
    let module = this.modules.get(key);
    if (module === undefined) {
      module = this.moduleNames.claim(wanted);
      this.modules.set(key, module);
    }
    return module;
  }

  private namespaceStems: Map<string, string> | undefined;

  /**
   * A namespace's module name (`namespaceModuleName`); namespaces whose last URI segments give
   * the same name take the last two (`…/BPMN/…/DI`, `…/DD/…/DI` → `bpmn-di`, `dd-di`), then the
   * version too (XAdES 1.3.2 and 1.4.1); a name still alike gets `2` (the module allocator).
   */
  private namespaceStem(ns: string): string {
    if (this.namespaceStems === undefined) {
      const all = new Set<string>();
      // Every namespace of the sets, so a module's name does not depend on which roots are bound.
      for (const set of this.input.sets) {
        for (const t of set.types.values()) if (t.name !== null && t.name.ns !== null && t.name.ns !== XS_NS) all.add(t.name.ns);
        for (const e of set.elements.values()) if (e.name.ns !== null) all.add(e.name.ns);
      }
      this.namespaceStems = new Map();
      let pending = [...all];
      for (const detail of [1, 2, 3] as const) {
        const byName = new Map<string, string[]>();
        for (const n of pending) byName.set(namespaceModuleName(n, detail), [...(byName.get(namespaceModuleName(n, detail)) ?? []), n]);
        pending = [];
        for (const [name, list] of byName) {
          if (list.length === 1 || detail === 3) for (const n of list) this.namespaceStems.set(n, name);
          else pending.push(...list);
        }
      }
    }
    return this.namespaceStems.get(ns) ?? namespaceModuleName(ns);
  }

  // ---- Inside one declaration -----------------------------------------------------------------

  private propName(xml: string): string {
    return this.input.options.naming === 'xml' ? xml : camelCase(xml);
  }

  private nameInside(d: Declaration): void {
    if (d.kind !== 'complex') return;
    const scope = new NameAllocator();
    if (d.shape === 'simple') scope.claimExact('value');
    if (d.shape === 'array' && d.content !== null && d.content.kind !== 'element' && d.content.kind !== 'any') {
      this.group(d.content, d, new NameAllocator(), d.name, false);
    } else if (d.content !== null) {
      this.particle(d.content, d, scope, d.name, this.input.packets?.has(d) ?? false);
    }
    for (const a of d.attributes) a.prop = scope.claim(this.propName(a.xml));
    if (d.xsiTypes !== undefined) d.xsiTypes.unionName = this.typeNames.claim(`${d.name}${d.xsiTypes.concrete ? 'OrDerived' : 'Derived'}`);
  }

  private particle(p: ParticleBinding, owner: ComplexDeclaration, scope: NameAllocator, itemPrefix: string, isPacket: boolean): void {
    switch (p.kind) {
      case 'element':
        p.prop = scope.claim(this.propName(p.xml));
        if (p.type.kind === 'complex') this.nameFound(p.type.decl, owner);
        return;
      case 'any':
        p.prop = scope.claim(this.input.options.naming === 'xml' ? '$any' : 'any');
        return;
      default:
        if (p.substitutionHead !== undefined) {
          // A substitution group: repeating, one property named after the head holds its items.
          if (p.max > 1) {
            p.prop = scope.claim(this.propName(p.substitutionHead));
            const items = new NameAllocator();
            for (const m of p.particles) this.particle(m, owner, items, itemPrefix, false);
            p.itemTypeName = this.typeNames.claim(`${itemPrefix}${pascalCase(p.prop)}Item`);
          } else {
            for (const m of p.particles) this.particle(m, owner, scope, itemPrefix, false);
          }
          return;
        }
        if (p.max > 1) {
          p.prop = scope.claim(isPacket ? PACKET_GROUP_PROP : this.groupPropName(p));
          this.group(p, owner, new NameAllocator(), `${itemPrefix}${pascalCase(p.prop)}`, false);
          return;
        }
        this.group(p, owner, scope, itemPrefix, isPacket);
    }
  }

  private group(g: GroupBinding, owner: ComplexDeclaration, scope: NameAllocator, itemPrefix: string, isPacket: boolean): void {
    for (const child of g.particles) this.particle(child, owner, scope, itemPrefix, isPacket);
    if (g.max > 1) g.itemTypeName = this.typeNames.claim(`${itemPrefix}Item`);
  }

  /** Name of the property holding a repeating group that is not the whole value. */
  private groupPropName(g: GroupBinding): string {
    const xmlNaming = this.input.options.naming === 'xml';
    // A choice of two or three elements reads best by its branches: `objectOrMessage`.
    const branchNames = g.particles.map(elementNameOf);
    if (g.kind === 'choice' && g.particles.length >= 2 && g.particles.length <= 3 && branchNames.every((n) => n !== undefined)) {
      return xmlNaming ? branchNames.join('-or-') : camelCase(branchNames.join('-or-'));
    }
    const first = firstElementName(g);
    const base = first ? this.propName(first) : g.kind;
    const suffix = /group$/i.test(base) ? 'Items' : 'Group';
    return xmlNaming ? `${base}-${suffix.toLowerCase()}` : `${base}${suffix}`;
  }
}

/** The XML name a particle stands for as one element: an element's, a substitution group's head. */
function elementNameOf(p: ParticleBinding): string | undefined {
  if (p.kind === 'element') return p.xml;
  if (p.kind !== 'any' && p.substitutionHead !== undefined) return p.substitutionHead;
  return undefined;
}

function firstElementName(p: ParticleBinding): string | undefined {
  const own = elementNameOf(p);
  if (own !== undefined || p.kind === 'element' || p.kind === 'any') return own;
  for (const child of p.particles) {
    const name = firstElementName(child);
    if (name) return name;
  }
  return undefined;
}
