/**
 * Structural comparison of two resolved schema sets of the same side (old requests against new
 * requests, or old responses against new responses).
 *
 * The walk starts at `<packet>` in both and goes down element by element, breadth first, so
 * each change is reported at the shortest path that reaches it. Types are compared as PAIRS
 * (old type, new type), each pair once: a named type used in two hundred places is compared
 * once, its changes carry the first path and list the other places in `alsoAt`, and recursive
 * types (`ObjectType` reaches itself) end the walk. Types are matched by where they are used,
 * not by name, so a type renamed between versions is still compared with its old self.
 *
 * Within one complex type the content model is flattened to its elements (matched by name,
 * `renames.ts` pairs what is left over), and its groups are matched by the elements they hold,
 * which is how choices gaining or losing branches, a choice becoming a sequence and reorderings
 * inside a sequence are found. Changes are classified by `classify.ts` as they are recorded.
 */
import { isBuiltin, qnameKey, type AnyParticle, type AttributeUse, type ComplexTypeDef, type ElementParticle, type ModelGroup, type Particle, type SchemaSet, type SimpleTypeDef, type SourceLocation, type TypeDef } from '../model/index.js';
import { packetOperators } from '../profiles/plesk/schemas.js';
import type { DocChange, SchemaChange, SchemaChangeKind, SetName, Side } from './changes.js';
import { classify, type ChangeFacts } from './classify.js';
import { compareSimple, type SimpleDifference } from './simple.js';
import { pairRenames, typeSignature } from './renames.js';

type Role = 'packet' | 'operator' | 'other';

/** One pair of types to compare, and how the walk reached it. */
interface Item {
  a: TypeDef;
  b: TypeDef;
  path: string;
  role: Role;
  /** Where the element or attribute using the types is declared (for anonymous simple types). */
  aLoc: SourceLocation | null;
  bLoc: SourceLocation | null;
}

/** A compared pair of types: the first path that reached it and every other one. */
interface Visit {
  path: string;
  alsoAt: string[];
  inType?: string;
}

/** An element (or wildcard) of a flattened content model. */
interface Entry {
  key: string;
  label: string;
  particle: ElementParticle | AnyParticle;
  parent: ModelGroup | null;
  /** Every valid document has it (required particle, every enclosing group required, no choice of several). */
  required: boolean;
  /** Inside a repeating choice (the operators under `<packet>`). */
  inRepeatingChoice: boolean;
}

export interface SetDiff {
  changes: SchemaChange[];
  docs: DocChange[];
}

const locText = (l: SourceLocation | null | undefined): string | null => (l ? `${l.file}:${l.line}` : null);
export const occursText = (min: number, max: number): string => `[${min}..${max === Infinity ? '∞' : max}]`;

function typeLabel(t: TypeDef): string {
  if (t.name === null) return t.kind === 'simple' ? 'an anonymous simple type' : 'an anonymous complex type';
  return t.name.ns === 'http://www.w3.org/2001/XMLSchema' ? `xs:${t.name.local}` : t.name.local;
}

function childPath(path: string, name: string): string {
  return path === 'packet' && !name.startsWith('@') ? name : `${path}/${name}`;
}

/** Compares the old and new schema sets of one side. */
export function compareSchemaSets(set: SetName, oldSet: SchemaSet, newSet: SchemaSet): SetDiff {
  return new SetComparer(set, oldSet, newSet).run();
}

class SetComparer {
  private readonly changes: { change: SchemaChange; visit: Visit | null }[] = [];
  private readonly docs: DocChange[] = [];
  private readonly visits = new Map<TypeDef, Map<TypeDef, Visit>>();
  private readonly queue: Item[] = [];
  private visit: Visit | null = null;
  private readonly oldOperators: Set<object>;
  private readonly newOperators: Set<object>;

  constructor(
    private readonly set: SetName,
    private readonly oldSet: SchemaSet,
    private readonly newSet: SchemaSet,
  ) {
    this.oldOperators = new Set(packetOperators(oldSet));
    this.newOperators = new Set(packetOperators(newSet));
  }

  run(): SetDiff {
    const a = this.oldSet.elements.get('packet');
    const b = this.newSet.elements.get('packet');
    if (a !== undefined && b !== undefined) {
      this.queue.push({ a: a.type, b: b.type, path: 'packet', role: 'packet', aLoc: a.loc, bLoc: b.loc });
    }
    for (let i = 0; i < this.queue.length; i++) this.item(this.queue[i]);
    // The same declaration reached through several types (a base type's element in each of its
    // extensions) is one change, listed once with every place.
    const byIdentity = new Map<string, SchemaChange>();
    const out: SchemaChange[] = [];
    for (const { change, visit } of this.changes) {
      // The type was also reached at other paths: the change is at the same place below each.
      const suffix = visit !== null && change.path.startsWith(visit.path) ? change.path.slice(visit.path.length) : null;
      const places = [change.path, ...(suffix === null ? [] : (visit?.alsoAt ?? []).map((p) => `${p}${suffix}`))];
      const id = [change.kind, change.subject, change.message, change.old?.loc, change.new?.loc].join('\u0000');
      const first = byIdentity.get(id);
      if (first !== undefined) {
        first.alsoAt.push(...places);
        continue;
      }
      change.alsoAt = places.slice(1);
      byIdentity.set(id, change);
      out.push(change);
    }
    for (const c of out) c.alsoAt = [...new Set(c.alsoAt)].filter((p) => p !== c.path);
    const docs = new Map<string, DocChange>();
    for (const d of this.docs) {
      const id = [d.subject, d.old.loc, d.new.loc, d.old.text, d.new.text].join('\u0000');
      if (!docs.has(id)) docs.set(id, d);
    }
    return { changes: out, docs: [...docs.values()] };
  }

  // ------------------------------------------------------------------ recording

  private add(kind: SchemaChangeKind, path: string, subject: string, message: string, old: Side | undefined, now: Side | undefined, facts: ChangeFacts = {}): void {
    const change: SchemaChange = { kind, set: this.set, path, alsoAt: [], subject, message, impact: classify(kind, this.set, facts) };
    if (this.visit?.inType !== undefined) change.inType = this.visit.inType;
    if (facts.direction !== undefined) change.direction = facts.direction;
    if (old !== undefined) change.old = old;
    if (now !== undefined) change.new = now;
    this.changes.push({ change, visit: this.visit });
  }

  private doc(path: string, subject: string, a: { doc: string | undefined; loc: SourceLocation | null }, b: { doc: string | undefined; loc: SourceLocation | null }): void {
    if ((a.doc ?? '') === (b.doc ?? '')) return;
    this.docs.push({ set: this.set, path, subject, old: { loc: locText(a.loc), text: a.doc ?? null }, new: { loc: locText(b.loc), text: b.doc ?? null } });
  }

  // ------------------------------------------------------------------ types

  private item(it: Item): void {
    if (it.a === it.b) return; // the same built-in
    let inner = this.visits.get(it.a);
    if (inner === undefined) this.visits.set(it.a, (inner = new Map()));
    const seen = inner.get(it.b);
    if (seen !== undefined) {
      seen.alsoAt.push(it.path);
      return;
    }
    const visit: Visit = { path: it.path, alsoAt: [] };
    if (it.a.name !== null || it.b.name !== null) {
      const an = it.a.name ? typeLabel(it.a) : '(anonymous)';
      const bn = it.b.name ? typeLabel(it.b) : '(anonymous)';
      visit.inType = an === bn ? an : `${an} → ${bn}`;
    }
    inner.set(it.b, visit);
    this.visit = visit;
    if (it.a.name !== null && it.b.name !== null && typeLabel(it.a) === typeLabel(it.b)) this.doc(it.path, `type ${typeLabel(it.b)}`, it.a, it.b);
    if (it.a.kind === 'simple' && it.b.kind === 'simple') this.simple(it, it.a, it.b);
    else if (it.a.kind === 'complex' && it.b.kind === 'complex') this.complex(it, it.a, it.b);
  }

  private simple(it: Item, a: SimpleTypeDef, b: SimpleTypeDef): void {
    const old = (value?: string): Side => ({ loc: locText(a.loc ?? it.aLoc), ...(value !== undefined ? { value } : {}) });
    const now = (value?: string): Side => ({ loc: locText(b.loc ?? it.bLoc), ...(value !== undefined ? { value } : {}) });
    let differences = compareSimple(a, b);
    // A difference inherited from the base types (Plesk's `string` gaining a facet) is the
    // base's change: it is reported once, at the base, with every derived use as a place.
    if (a.base !== null && b.base !== null && a.base.name !== null && b.base.name !== null && !isBuiltin(a.base) && !isBuiltin(b.base) && differences.length > 0) {
      const inherited = new Set(compareSimple(a.base, b.base).map(differenceKey));
      if (inherited.size > 0) {
        differences = differences.filter((d) => !inherited.has(differenceKey(d)));
        this.queue.push({ a: a.base, b: b.base, path: it.path, role: 'other', aLoc: it.aLoc, bLoc: it.bLoc });
      }
    }
    for (const d of differences) {
      switch (d.kind) {
        case 'base-changed':
          this.add('base-changed', it.path, d.subject, `${d.subject} changed from ${d.old} to ${d.new}`, old(d.old), now(d.new));
          break;
        case 'enum-value-added':
          this.add(d.kind, it.path, d.value, `enumeration value "${d.value}" added`, old(), now(d.value));
          break;
        case 'enum-value-removed':
          this.add(d.kind, it.path, d.value, `enumeration value "${d.value}" removed`, old(d.value), now());
          break;
        case 'facet-changed':
          this.add(
            'facet-changed',
            it.path,
            d.facet,
            `${d.facet} ${d.direction}: ${d.old ?? '(none)'} → ${d.new ?? '(none)'}`,
            old(d.old),
            now(d.new),
            { direction: d.direction, facetWarns: d.warns },
          );
          break;
        case 'item':
          this.queue.push({ a: d.old, b: d.new, path: it.path, role: 'other', aLoc: it.aLoc, bLoc: it.bLoc });
          break;
        case 'member-added':
          this.add('facet-changed', it.path, `union member ${d.member}`, `union member type ${d.member} added: more values are accepted`, old(), now(d.member), { direction: 'loosened', facetWarns: false });
          break;
        case 'member-removed':
          this.add('facet-changed', it.path, `union member ${d.member}`, `union member type ${d.member} removed: fewer values are accepted`, old(d.member), now(), { direction: 'tightened', facetWarns: false });
          break;
      }
    }
    // Documentation of enumeration values (of the most derived steps that list them).
    const ae = a.facets.enumeration;
    const be = b.facets.enumeration;
    if (ae && be) {
      const docs = new Map(ae.map((e) => [e.value, e.doc]));
      for (const e of be) {
        if (docs.has(e.value)) this.doc(it.path, `value "${e.value}"`, { doc: docs.get(e.value), loc: a.loc ?? it.aLoc }, { doc: e.doc, loc: b.loc ?? it.bLoc });
      }
    }
  }

  private complex(it: Item, a: ComplexTypeDef, b: ComplexTypeDef): void {
    if (a.contentKind !== b.contentKind) {
      const names = { empty: 'empty', simple: 'text', elements: 'elements', mixed: 'mixed (elements and text)' };
      this.add('content-changed', it.path, 'content', `content changed from ${names[a.contentKind]} to ${names[b.contentKind]}`, { loc: locText(a.loc ?? it.aLoc), value: a.contentKind }, { loc: locText(b.loc ?? it.bLoc), value: b.contentKind });
    }
    if (a.simpleType && b.simpleType) this.queue.push({ a: a.simpleType, b: b.simpleType, path: it.path, role: 'other', aLoc: a.loc ?? it.aLoc, bLoc: b.loc ?? it.bLoc });
    this.attributes(it, a, b);
    if ((a.contentKind === 'elements' || a.contentKind === 'mixed') && (b.contentKind === 'elements' || b.contentKind === 'mixed')) {
      this.content(it, a.content, b.content);
    } else if (b.contentKind === 'elements' || b.contentKind === 'mixed') {
      this.content(it, null, b.content);
    } else if (a.contentKind === 'elements' || a.contentKind === 'mixed') {
      this.content(it, a.content, null);
    }
  }

  private attributes(it: Item, a: ComplexTypeDef, b: ComplexTypeDef): void {
    const olds = new Map(a.attributes.map((u) => [qnameKey(u.name), u]));
    const news = new Map(b.attributes.map((u) => [qnameKey(u.name), u]));
    const removed = [...olds.values()].filter((u) => !news.has(qnameKey(u.name)));
    const added = [...news.values()].filter((u) => !olds.has(qnameKey(u.name)));
    const renames = pairRenames(
      removed.map((u) => ({ item: u, sig: typeSignature(u.type), place: '' })),
      added.map((u) => ({ item: u, sig: typeSignature(u.type), place: '' })),
    );
    const pairs: [AttributeUse, AttributeUse, string][] = [];
    for (const [u, v] of renames) {
      const path = childPath(it.path, `@${v.name.local}`);
      this.add('attribute-renamed', path, `@${u.name.local} → @${v.name.local}`, `attribute ${u.name.local} renamed to ${v.name.local}`, { loc: locText(u.loc), value: u.name.local }, { loc: locText(v.loc), value: v.name.local });
      pairs.push([u, v, path]);
    }
    const renamed = new Set<AttributeUse>(renames.flat());
    for (const u of removed) {
      if (renamed.has(u)) continue;
      this.add('attribute-removed', childPath(it.path, `@${u.name.local}`), `@${u.name.local}`, `attribute ${u.name.local} removed`, { loc: locText(u.loc), value: typeLabel(u.type) }, undefined);
    }
    for (const v of added) {
      if (renamed.has(v)) continue;
      const required = v.use === 'required';
      this.add('attribute-added', childPath(it.path, `@${v.name.local}`), `@${v.name.local}`, `${required ? 'required' : 'optional'} attribute ${v.name.local} added`, undefined, { loc: locText(v.loc), value: typeLabel(v.type) }, { required });
    }
    for (const [key, u] of olds) {
      const v = news.get(key);
      if (v !== undefined) pairs.push([u, v, childPath(it.path, `@${u.name.local}`)]);
    }
    for (const [u, v, path] of pairs) {
      if (u.use !== v.use) {
        const m = (x: AttributeUse): number => (x.use === 'required' ? 1 : 0);
        this.add('occurs-changed', path, `@${v.name.local}`, `attribute ${v.name.local} changed from ${u.use} to ${v.use}`, { loc: locText(u.loc), value: u.use }, { loc: locText(v.loc), value: v.use }, { oldMin: m(u), oldMax: 1, newMin: m(v), newMax: 1 });
      }
      this.values(path, v.name.local, 'attribute', u, v);
      this.doc(path, `@${v.name.local}`, u, v);
      this.pushTypes(u.type, v.type, path, 'other', u.loc, v.loc, `attribute ${v.name.local}`);
    }
    if (!a.anyAttribute !== !b.anyAttribute) {
      const kind = b.anyAttribute ? 'wildcard-added' : 'wildcard-removed';
      this.add(kind, childPath(it.path, '@*'), 'anyAttribute', `attribute wildcard (xs:anyAttribute) ${b.anyAttribute ? 'added' : 'removed'}`, { loc: locText(a.loc) }, { loc: locText(b.loc) });
    }
  }

  /** default / fixed / nillable of an element or attribute. */
  private values(path: string, name: string, what: string, u: { default?: string; fixed?: string; nillable?: boolean; loc: SourceLocation }, v: typeof u): void {
    if ((u.nillable ?? false) !== (v.nillable ?? false)) {
      this.add('value-changed', path, 'nillable', `${what} ${name} ${v.nillable ? 'became nillable' : 'is no longer nillable'}`, { loc: locText(u.loc), value: String(!!u.nillable) }, { loc: locText(v.loc), value: String(!!v.nillable) }, { widened: !!v.nillable });
    }
    if (u.fixed !== v.fixed) {
      this.add('value-changed', path, 'fixed', `fixed value of ${what} ${name} changed: ${u.fixed ?? '(none)'} → ${v.fixed ?? '(none)'}`, { loc: locText(u.loc), value: u.fixed ?? '' }, { loc: locText(v.loc), value: v.fixed ?? '' }, { widened: v.fixed === undefined });
    }
    if (u.default !== v.default) {
      this.add('value-changed', path, 'default', `default of ${what} ${name} changed: ${u.default ?? '(none)'} → ${v.default ?? '(none)'}`, { loc: locText(u.loc), value: u.default ?? '' }, { loc: locText(v.loc), value: v.default ?? '' }, { defaultOnly: true });
    }
  }

  private pushTypes(a: TypeDef, b: TypeDef, path: string, role: Role, aLoc: SourceLocation, bLoc: SourceLocation, what: string): void {
    if (a === b) return;
    // xs:anyType takes any content: a type becoming it (or ceasing to be it) is one change, not a list of its parts.
    if (a.kind !== b.kind || (a.kind === 'complex' && (isBuiltin(a) || isBuiltin(b)))) {
      const text = (t: TypeDef) => `${t.kind} type ${t.name ? typeLabel(t) : '(anonymous)'}`;
      const anyType = (t: TypeDef): boolean => t.kind === 'complex' && isBuiltin(t);
      const facts = anyType(b) ? { widened: true } : anyType(a) ? { narrowed: true } : {};
      this.add('content-changed', path, 'type', `${what} changed from ${text(a)} to ${text(b)}`, { loc: locText(aLoc), value: typeLabel(a) }, { loc: locText(bLoc), value: typeLabel(b) }, facts);
      return;
    }
    this.queue.push({ a, b, path, role, aLoc, bLoc });
  }

  // ------------------------------------------------------------------ content models

  private content(it: Item, a: Particle | null, b: Particle | null): void {
    const olds = flatten(a, it.role === 'packet' ? this.oldOperators : null);
    const news = alignRepeated(olds, flatten(b, it.role === 'packet' ? this.newOperators : null));
    const oldKeys = new Map(olds.map((e) => [e.key, e]));
    const newKeys = new Map(news.map((e) => [e.key, e]));
    const removed = olds.filter((e) => !newKeys.has(e.key));
    const added = news.filter((e) => !oldKeys.has(e.key));
    const structural = it.role === 'other';

    // Renames: same place, same type, new name.
    const renames = structural
      ? pairRenames(
          removed.filter((e) => e.particle.kind === 'element').map((e) => ({ item: e, sig: entrySig(e), place: placeOf(e, olds) })),
          added.filter((e) => e.particle.kind === 'element').map((e) => ({ item: e, sig: entrySig(e), place: placeOf(e, news) })),
        )
      : [];
    const renamedOld = new Map(renames.map(([r, c]) => [r.key, c.key]));
    const renamedSet = new Set<Entry>(renames.flat());

    // Groups, matched by the elements they hold (renamed ones by their new name); nothing to
    // find there when both content models have the same structure (the common case).
    // Under <packet> and in operator types only the groups themselves are compared (their
    // kind and occurrences: an operator that stops being a repeating choice); operators and
    // operations added or removed are reported as such, not as choice branches.
    const covered = new Set<Entry>();
    if (a !== null && b !== null && structureKey(a) !== structureKey(b)) this.groups(it, a, b, olds, news, renamedOld, oldKeys, newKeys, covered, structural);

    for (const [r, c] of renames) {
      const path = childPath(it.path, c.label);
      this.add('element-renamed', path, `${r.label} → ${c.label}`, `element ${r.label} renamed to ${c.label} (same place, same type)`, { loc: locText(r.particle.loc), value: r.label }, { loc: locText(c.particle.loc), value: c.label });
    }
    for (const e of removed) {
      if (renamedSet.has(e) || covered.has(e)) continue;
      const kind: SchemaChangeKind =
        e.particle.kind === 'any' ? 'wildcard-removed' : it.role === 'packet' && e.inRepeatingChoice ? 'operator-removed' : it.role === 'operator' ? 'operation-removed' : 'element-removed';
      const what = kind === 'operator-removed' ? 'operator' : kind === 'operation-removed' ? 'operation' : kind === 'wildcard-removed' ? 'wildcard' : 'element';
      this.add(kind, childPath(it.path, e.label), e.label, `${what} ${e.label} removed`, { loc: locText(e.particle.loc), value: entryType(e) }, undefined);
    }
    for (const e of added) {
      if (renamedSet.has(e) || covered.has(e)) continue;
      const kind: SchemaChangeKind =
        e.particle.kind === 'any' ? 'wildcard-added' : it.role === 'packet' && e.inRepeatingChoice ? 'operator-added' : it.role === 'operator' ? 'operation-added' : 'element-added';
      const what = kind === 'operator-added' ? 'operator' : kind === 'operation-added' ? 'operation' : kind === 'wildcard-added' ? 'wildcard' : `${e.required ? 'required' : 'optional'} element`;
      this.add(kind, childPath(it.path, e.label), e.label, `${what} ${e.label} added`, undefined, { loc: locText(e.particle.loc), value: entryType(e) }, { required: e.required });
    }

    // Matched elements: occurrences, values, documentation, then their types.
    const pairs: [Entry, Entry][] = [...renames];
    for (const e of olds) {
      const f = newKeys.get(e.key);
      if (f !== undefined) pairs.push([e, f]);
    }
    for (const [e, f] of pairs) {
      const path = childPath(it.path, f.label);
      const p = e.particle;
      const q = f.particle;
      if (p.min !== q.min || p.max !== q.max) {
        this.add('occurs-changed', path, f.label, `${f.label} ${occursChange(p.min, p.max, q.min, q.max)}`, { loc: locText(p.loc), value: occursText(p.min, p.max) }, { loc: locText(q.loc), value: occursText(q.min, q.max) }, { oldMin: p.min, oldMax: p.max, newMin: q.min, newMax: q.max });
      }
      if (p.kind !== 'element' || q.kind !== 'element') continue;
      this.values(path, f.label, 'element', { ...p.decl, loc: p.loc }, { ...q.decl, loc: q.loc });
      this.doc(path, f.label, { doc: p.decl.doc, loc: p.loc }, { doc: q.decl.doc, loc: q.loc });
      const role: Role = it.role === 'packet' && this.oldOperators.has(p.decl) ? 'operator' : 'other';
      this.pushTypes(p.decl.type, q.decl.type, path, role, p.loc, q.loc, `element ${f.label}`);
    }
  }

  private groups(
    it: Item,
    a: Particle,
    b: Particle,
    olds: Entry[],
    news: Entry[],
    renamedOld: Map<string, string>,
    oldKeys: Map<string, Entry>,
    newKeys: Map<string, Entry>,
    covered: Set<Entry>,
    structural: boolean,
  ): void {
    const oldGroups = collectGroups(a, olds, (k) => renamedOld.get(k) ?? k);
    const newGroups = collectGroups(b, news, (k) => k);
    const pairs = matchGroups(oldGroups, newGroups);
    // A moved element is reported as moved, not as a reordering of the groups it left and joined.
    const moved = this.moves(it, oldGroups, newGroups, pairs, olds, renamedOld, newKeys);
    for (const [g, h] of pairs) {
      const path = it.path;
      if (g.group.kind !== h.group.kind && (g.group.particles.length > 1 || h.group.particles.length > 1)) {
        this.add('group-kind-changed', path, groupLabel(h), `${g.group.kind} ${groupLabel(g, false)} became a ${h.group.kind}`, { loc: locText(g.group.loc), value: g.group.kind }, { loc: locText(h.group.loc), value: h.group.kind });
      }
      if (g.group.min !== h.group.min || g.group.max !== h.group.max) {
        const label = groupLabel(h);
        this.add('occurs-changed', path, label, `${label} ${occursChange(g.group.min, g.group.max, h.group.min, h.group.max)}`, { loc: locText(g.group.loc), value: occursText(g.group.min, g.group.max) }, { loc: locText(h.group.loc), value: occursText(h.group.min, h.group.max) }, { oldMin: g.group.min, oldMax: g.group.max, newMin: h.group.min, newMax: h.group.max });
      }
      if (structural && g.group.kind === 'choice' && h.group.kind === 'choice') {
        // Branches whose elements the other choice does not hold at all.
        for (const br of g.branches) {
          if (br.keys.length === 0 || br.keys.some((k) => h.keys.has(k))) continue;
          const gone = br.entries.filter((e) => !newKeys.has(e.key) && !renamedOld.has(e.key));
          if (gone.length === 0) continue;
          gone.forEach((e) => covered.add(e));
          this.add('choice-branch-removed', childPath(path, br.label), br.label, `choice branch ${br.label} removed from ${groupLabel(g)}`, { loc: locText(br.loc) }, { loc: locText(h.group.loc) });
        }
        for (const br of h.branches) {
          if (br.keys.length === 0 || br.keys.some((k) => g.keys.has(k))) continue;
          const fresh = br.entries.filter((e) => !oldKeys.has(e.key) && ![...renamedOld.values()].includes(e.key));
          if (fresh.length === 0) continue;
          fresh.forEach((e) => covered.add(e));
          this.add('choice-branch-added', childPath(path, br.label), br.label, `choice branch ${br.label} added to ${groupLabel(h)}`, { loc: locText(g.group.loc) }, { loc: locText(br.loc) });
        }
      }
      if (g.group.kind === 'sequence' && h.group.kind === 'sequence') {
        const before = g.branches.map((br) => br.anchor).filter((k): k is string => k !== undefined && !moved.has(k));
        const after = h.branches.map((br) => br.anchor).filter((k): k is string => k !== undefined && !moved.has(k));
        const inAfter = new Set(after);
        const inBefore = new Set(before);
        const x = before.filter((k) => inAfter.has(k));
        const y = after.filter((k) => inBefore.has(k));
        if (x.join('\n') !== y.join('\n')) {
          const keep = new Set(lcs(x, y));
          const moved = y.filter((k) => !keep.has(k)).map((k) => labelOf(k, newKeys));
          const show = (ks: string[]) => ks.map((k) => labelOf(k, newKeys)).join(', ');
          this.add('order-changed', path, moved.join(', '), `order changed in ${groupLabel(h)}: ${moved.join(', ')} moved`, { loc: locText(g.group.loc), value: show(x) }, { loc: locText(h.group.loc), value: show(y) });
        }
      }
    }
  }

  /**
   * Elements that moved from one group of the type into another: the group holding the old
   * element is not the partner of the group holding the new one. Groups that are only
   * brackets (a required, single sequence inside a sequence) are looked through, so
   * wrapping elements in such a sequence, or unwrapping them, moves nothing.
   */
  private moves(it: Item, oldGroups: GroupInfo[], newGroups: GroupInfo[], pairs: [GroupInfo, GroupInfo][], olds: Entry[], renamedOld: Map<string, string>, newKeys: Map<string, Entry>): Set<string> {
    const moved = new Set<string>();
    const partner = new Map<ModelGroup, ModelGroup>(pairs.map(([g, h]) => [g.group, h.group]));
    const oldInfo = new Map(oldGroups.map((g) => [g.group, g]));
    const newInfo = new Map(newGroups.map((g) => [g.group, g]));
    for (const e of olds) {
      const f = newKeys.get(renamedOld.get(e.key) ?? e.key);
      if (f === undefined || e.parent === null || f.parent === null) continue;
      // The same group (perhaps of another kind: reported as such), or the same once brackets are looked through.
      if (partner.get(e.parent) === f.parent) continue;
      const from = meaningfulGroup(e.parent, oldInfo);
      const to = meaningfulGroup(f.parent, newInfo);
      if (partner.get(from.group) === to.group) continue;
      const path = childPath(it.path, f.label);
      moved.add(f.key);
      this.add(
        'element-moved',
        path,
        f.label,
        `element ${f.label} moved from ${groupLabel(from)} into ${groupLabel(to)}`,
        { loc: locText(e.particle.loc), value: groupLabel(from) },
        { loc: locText(f.particle.loc), value: groupLabel(to) },
      );
    }
    return moved;
  }
}

/** The group that gives an element its meaning: brackets (a [1..1] sequence in a sequence) looked through. */
function meaningfulGroup(g: ModelGroup, info: Map<ModelGroup, GroupInfo>): GroupInfo {
  let cur = info.get(g)!;
  while (cur.parent !== null && cur.group.kind === 'sequence' && cur.group.min === 1 && cur.group.max === 1 && cur.parent.group.kind === 'sequence') cur = cur.parent;
  return cur;
}

/** The structure of a content model: group kinds, occurrences and element names, in order. */
function structureKey(p: Particle): string {
  if (p.kind === 'element') return `${qnameKey(p.decl.name)}[${p.min},${p.max}]`;
  if (p.kind === 'any') return `*[${p.min},${p.max}]`;
  return `${p.kind}[${p.min},${p.max}](${p.particles.map(structureKey).join(' ')})`;
}

function differenceKey(d: SimpleDifference): string {
  switch (d.kind) {
    case 'base-changed':
      return `base|${d.old}|${d.new}`;
    case 'enum-value-added':
    case 'enum-value-removed':
      return `${d.kind}|${d.value}`;
    case 'facet-changed':
      return `facet|${d.facet}|${d.direction}`; // values may differ where the derived type has its own facet too
    case 'item':
      return `item|${d.subject}`;
    case 'member-added':
    case 'member-removed':
      return `${d.kind}|${d.member}`;
  }
}

function occursChange(aMin: number, aMax: number, bMin: number, bMax: number): string {
  const parts: string[] = [];
  if (aMin === 0 && bMin > 0) parts.push('became required');
  else if (aMin > 0 && bMin === 0) parts.push('became optional');
  if (aMax <= 1 && bMax > 1) parts.push('became repeating');
  else if (aMax > 1 && bMax <= 1) parts.push('is no longer repeating');
  const text = `${occursText(aMin, aMax)} → ${occursText(bMin, bMax)}`;
  return parts.length > 0 ? `${parts.join(' and ')} (${text})` : `occurrences changed ${text}`;
}

function entryType(e: Entry): string {
  return e.particle.kind === 'any' ? 'xs:any' : typeLabel(e.particle.decl.type);
}

function entrySig(e: Entry): string {
  return e.particle.kind === 'element' ? typeSignature(e.particle.decl.type) : 'any';
}

/** Where an entry sits: its group's kind and its neighbours' names (a rename keeps at least one neighbour). */
function placeOf(e: Entry, all: Entry[]): string {
  const siblings = all.filter((x) => x.parent === e.parent);
  const i = siblings.indexOf(e);
  return `${e.parent?.kind ?? '-'}|${siblings[i - 1]?.key ?? '^'}|${siblings[i + 1]?.key ?? '$'}|${i}/${siblings.length}`;
}

function labelOf(key: string, entries: Map<string, Entry>): string {
  return entries.get(key)?.label ?? key;
}

/** The elements of a content model, in schema order; a name's second occurrence gets the key `name#2`. */
function flatten(content: Particle | null, operators: Set<object> | null): Entry[] {
  const out: Entry[] = [];
  const counts = new Map<string, number>();
  const walk = (p: Particle, parent: ModelGroup | null, required: boolean, repeatingChoice: boolean): void => {
    if (p.kind === 'element' || p.kind === 'any') {
      const base = p.kind === 'element' ? qnameKey(p.decl.name) : '*';
      const n = (counts.get(base) ?? 0) + 1;
      counts.set(base, n);
      const label = p.kind === 'element' ? p.decl.name.local : 'xs:any';
      out.push({
        key: n === 1 ? base : `${base}#${n}`,
        label: n === 1 ? label : `${label}#${n}`,
        particle: p,
        parent,
        required: required && p.min > 0,
        inRepeatingChoice: repeatingChoice && (operators === null || (p.kind === 'element' && operators.has(p.decl))),
      });
      return;
    }
    const req = required && p.min > 0 && !(p.kind === 'choice' && p.particles.length > 1);
    const rep = repeatingChoice || (p.kind === 'choice' && p.max > 1);
    for (const c of p.particles) walk(c, p, req, rep);
  };
  if (content !== null) walk(content, null, true, false);
  return out;
}

const baseKey = (e: Entry): string => (e.particle.kind === 'element' ? qnameKey(e.particle.decl.name) : '*');

/**
 * Keys of the new side's entries for names that occur more than once on either side: the n-th
 * `x` is not the old n-th `x` when an `x` was inserted (or removed) before it. The two
 * flattened sequences are aligned (a common subsequence of the names, heaviest where the
 * occurrences are unchanged, so neighbours and untouched particles count), and a new occurrence takes the key of the old occurrence it is aligned with; left
 * over occurrences of a name are paired in order (an occurrence that moved), and what is left
 * after that gets a key of its own (an occurrence added). Names occurring once on both sides
 * keep matching by name alone, wherever they moved.
 */
function alignRepeated(olds: Entry[], news: Entry[]): Entry[] {
  const counts = (es: Entry[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const e of es) m.set(baseKey(e), (m.get(baseKey(e)) ?? 0) + 1);
    return m;
  };
  const co = counts(olds);
  const cn = counts(news);
  const repeated = new Set([...co, ...cn].filter(([, n]) => n > 1).map(([k]) => k));
  if (repeated.size === 0) return news;
  const x = olds.map(baseKey);
  const y = news.map(baseKey);
  const keys: (string | undefined)[] = new Array<string | undefined>(news.length);
  const taken = new Set<string>();
  // Same name: worth 2; same name, occurrences and type (an occurrence untouched): 3, so an
  // inserted `x` next to an old `x` is the one that differs, not the old one.
  const same = (o: Entry, e: Entry): boolean => o.particle.min === e.particle.min && o.particle.max === e.particle.max && entrySig(o) === entrySig(e);
  for (const [i, j] of alignPairs(x.length, y.length, (i, j) => (x[i] !== y[j] ? 0 : same(olds[i], news[j]) ? 3 : 2))) {
    if (!repeated.has(y[j])) continue;
    keys[j] = olds[i].key;
    taken.add(olds[i].key);
  }
  const next = new Map<string, number>();
  news.forEach((e, j) => {
    const base = y[j];
    if (!repeated.has(base) || keys[j] !== undefined) return;
    const left = olds.find((o) => baseKey(o) === base && !taken.has(o.key));
    if (left !== undefined) {
      keys[j] = left.key;
      taken.add(left.key);
      return;
    }
    const n = Math.max(next.get(base) ?? 0, co.get(base) ?? 0) + 1;
    next.set(base, n);
    keys[j] = n === 1 ? base : `${base}#${n}`;
  });
  return news.map((e, j) => (keys[j] === undefined || keys[j] === e.key ? e : { ...e, key: keys[j]! }));
}

/**
 * Index pairs of a heaviest common subsequence of two lists: `weight(i, j)` is what pairing
 * x[i] with y[j] is worth (0: they cannot pair). With weight 1 for equal values it is the
 * longest common subsequence.
 */
function alignPairs(n: number, m: number, weight: (i: number, j: number) => number): [number, number][] {
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const w = weight(i, j);
      t[i][j] = Math.max(t[i + 1][j], t[i][j + 1], w > 0 ? w + t[i + 1][j + 1] : 0);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const w = weight(i, j);
    if (w > 0 && t[i][j] === w + t[i + 1][j + 1]) {
      out.push([i, j]);
      i++;
      j++;
    } else if (t[i + 1][j] >= t[i][j + 1]) i++;
    else j++;
  }
  return out;
}

interface GroupInfo {
  group: ModelGroup;
  depth: number;
  /** The enclosing group (null for the root). */
  parent: GroupInfo | null;
  /** Keys of every element inside (translated to new names for the old side). */
  keys: Set<string>;
  /** Each child particle: its keys, first key, label and entries. */
  branches: { keys: string[]; anchor: string | undefined; label: string; loc: SourceLocation; entries: Entry[] }[];
}

function collectGroups(root: Particle, entries: Entry[], translate: (k: string) => string): GroupInfo[] {
  const byParticle = new Map<Particle, Entry>(entries.map((e) => [e.particle, e]));
  const out: GroupInfo[] = [];
  const entriesOf = (p: Particle): Entry[] => {
    if (p.kind === 'element' || p.kind === 'any') {
      const e = byParticle.get(p);
      return e ? [e] : [];
    }
    return p.particles.flatMap(entriesOf);
  };
  const walk = (p: Particle, depth: number, parent: GroupInfo | null): void => {
    if (p.kind === 'element' || p.kind === 'any') return;
    const all = entriesOf(p);
    const info: GroupInfo = {
      group: p,
      depth,
      parent,
      keys: new Set(all.map((e) => translate(e.key))),
      branches: p.particles.map((c) => {
        const es = entriesOf(c);
        const keys = es.map((e) => translate(e.key));
        const label = c.kind === 'element' || c.kind === 'any' ? (es[0]?.label ?? '?') : `${c.kind} (${es.map((e) => e.label).join(c.kind === 'choice' ? ' | ' : ', ')})`;
        return { keys, anchor: keys[0], label, loc: c.loc, entries: es };
      }),
    };
    out.push(info);
    for (const c of p.particles) walk(c, depth + 1, info);
  };
  walk(root, 0, null);
  return out;
}

/** Pairs old and new groups by the elements they share (containment, then Jaccard similarity), the roots always. */
function matchGroups(olds: GroupInfo[], news: GroupInfo[]): [GroupInfo, GroupInfo][] {
  const pairs: [GroupInfo, GroupInfo][] = [];
  const used = new Set<GroupInfo>();
  if (olds[0] && news[0]) {
    pairs.push([olds[0], news[0]]);
    used.add(news[0]);
  }
  for (const g of olds.slice(1)) {
    let best: GroupInfo | undefined;
    let bestScore = 0;
    for (const h of news) {
      if (used.has(h)) continue;
      let common = 0;
      for (const k of g.keys) if (h.keys.has(k)) common++;
      if (common === 0) continue;
      // At least half of the smaller group must be in the other (a choice may grow from two
      // branches to five); among those, the most similar wins.
      if (common / Math.min(g.keys.size, h.keys.size) < 0.5) continue;
      let score = common / (g.keys.size + h.keys.size - common);
      if (h.group.kind === g.group.kind) score += 0.01;
      if (score > bestScore) {
        best = h;
        bestScore = score;
      }
    }
    if (best !== undefined) {
      pairs.push([g, best]);
      used.add(best);
    }
  }
  return pairs;
}

function groupLabel(g: GroupInfo, withKind = true): string {
  const names = g.branches.map((b) => b.label);
  const shown = names.length > 4 ? [...names.slice(0, 3), `… ${names.length - 3} more`] : names;
  const body = `(${shown.join(g.group.kind === 'choice' ? ' | ' : ', ')})`;
  return withKind ? `${g.group.kind} ${body}` : body;
}

/** Longest common subsequence of two lists of distinct keys. */
function lcs(x: string[], y: string[]): string[] {
  return alignPairs(x.length, y.length, (i, j) => (x[i] === y[j] ? 1 : 0)).map(([i]) => x[i]);
}
