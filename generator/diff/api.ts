/**
 * The generated TypeScript API of two schema sets compared: both are bound with the binding
 * stage (the same naming rules the emitters use, so names and shapes are exactly those of the
 * generated trees), and each exported type is reduced to what a consumer's code touches: a
 * simple type's TypeScript text, a complex type's shape and its properties (name, optionality,
 * type text). Choices are flattened (each branch's properties are optional from outside), and
 * repeating groups contribute their item types as exports of their own.
 *
 * Source compatibility depends on the direction the type is used in: callers BUILD request
 * types (a new required property, or a narrower type, breaks them) and READ response types (a
 * property that disappears, becomes optional or changes type breaks them). Shared types are
 * used both ways. Anything that disappears or changes type is breaking either way.
 */
import { DEFAULT_BINDING_OPTIONS } from '../binding/bind.js';
import { bindPlesk } from '../profiles/plesk/bind.js';
import type { BindingModel, ComplexDeclaration, Declaration, ElementType, ParticleBinding, SimpleRef, TsType, Side, GroupBinding } from '../binding/model.js';
import type { SchemaSets } from '../profiles/plesk/schemas.js';
import { elementTypeText, simpleRefText, typeText, type References } from '../emit/type-text.js';
import type { ApiChange } from './changes.js';

export interface ApiOptions {
  naming?: 'camel' | 'xml';
  integers?: 'number' | 'bigint';
}

interface Member {
  type: string;
  optional: boolean;
  /** For a single value of an inline enumeration: its values. */
  literals?: (string | number | boolean)[];
}

interface Export {
  name: string;
  module: string;
  side: Side;
  /** Schema name and side, to recognise a type that was renamed (split into Request/Response). */
  schemaName: string;
  /** Reachable from the request packet (code builds it) and from the response packet (code reads it). */
  built: boolean;
  read: boolean;
  /** `type` for a type alias written as text, `object` for properties. */
  form: 'type' | 'object';
  text: string;
  literals?: (string | number | boolean)[];
  members: Map<string, Member>;
}

/** The text the emitter writes for a type (its references, collected for imports, are not needed here). */
const unused = (): References => ({ decls: new Set(), runtime: new Set() });
const tsText = (t: TsType): string => typeText(t, unused());
const refText = (r: SimpleRef): string => simpleRefText(r, unused());
const elementText = (t: ElementType): string => elementTypeText(t, unused());

const arrayOf = (t: string): string => (/[|&]/.test(t) ? `Array<${t}>` : `${t}[]`);

/** Properties of one occurrence of a particle, flattened (choice branches optional); repeating groups noted in `items`. */
function collect(p: ParticleBinding | null, optional: boolean, out: Map<string, Member>, items: GroupBinding[]): void {
  if (p === null) return;
  switch (p.kind) {
    case 'element': {
      let type = elementText(p.type);
      if (p.nillable) type = `${type} | null`;
      if (p.max > 1) type = arrayOf(type);
      const m: Member = { type, optional: optional || p.min === 0 };
      if (!p.nillable && p.max <= 1 && p.type.kind === 'simple' && p.type.ref.kind === 'inline' && p.type.ref.ts.kind === 'literals') m.literals = p.type.ref.ts.values;
      out.set(p.prop, m);
      return;
    }
    case 'any':
      out.set(p.prop, { type: p.max > 1 ? 'XmlFragment[]' : 'XmlFragment', optional: optional || p.min === 0 });
      return;
    default:
      if (p.max > 1 && p.itemTypeName !== undefined) {
        items.push(p);
        if (p.prop !== undefined) out.set(p.prop, { type: `${p.itemTypeName}[]`, optional: optional || p.min === 0 });
        return;
      }
      for (const c of p.particles) collect(c, optional || p.min === 0 || (p.kind === 'choice' && p.particles.length > 1), out, items);
  }
}

/**
 * Which declarations code builds (reachable from the request packet) and which it reads
 * (reachable from the response packet). A declaration in `shared/` may still be used on one
 * side only; one reachable from neither (a global type nothing uses) counts as both.
 */
function usage(model: BindingModel): Map<Declaration, { built: boolean; read: boolean }> {
  const out = new Map<Declaration, { built: boolean; read: boolean }>();
  const walk = (root: Declaration, side: 'built' | 'read'): void => {
    const stack: Declaration[] = [root];
    const visit = (d: Declaration | undefined): void => {
      if (d === undefined) return;
      const u = out.get(d) ?? { built: false, read: false };
      if (u[side]) return;
      u[side] = true;
      out.set(d, u);
      stack.push(d);
    };
    const ref = (r: SimpleRef | undefined): void => {
      if (r?.kind === 'named') visit(r.decl);
    };
    const particle = (p: ParticleBinding | null): void => {
      if (p === null || p.kind === 'any') return;
      if (p.kind === 'element') {
        if (p.type.kind === 'complex') visit(p.type.decl);
        else if (p.type.kind === 'simple') ref(p.type.ref);
        return;
      }
      p.particles.forEach(particle);
    };
    out.set(root, { ...(out.get(root) ?? { built: false, read: false }), [side]: true });
    while (stack.length > 0) {
      const d = stack.pop()!;
      if (d.kind === 'simple') {
        ref(d.facts.item);
        d.facts.members?.forEach(ref);
        if (d.ts.kind === 'named') visit(d.ts.decl);
        continue;
      }
      particle(d.content);
      d.attributes.forEach((a) => ref(a.type));
      ref(d.text);
      visit(d.extends);
    }
  };
  walk(model.request.decl, 'built');
  walk(model.response.decl, 'read');
  return out;
}

function exportsOf(model: BindingModel): Map<string, Export> {
  const out = new Map<string, Export>();
  const used = usage(model);
  const add = (e: Export): void => void (out.has(e.name) ? undefined : out.set(e.name, e));
  for (const d of model.declarations) {
    const u = used.get(d);
    const base = { name: d.name, module: d.module, side: d.side, schemaName: d.schemaName, built: u === undefined || u.built, read: u === undefined || u.read };
    if (d.kind === 'simple') {
      add({ ...base, form: 'type', text: tsText(d.ts), ...(d.ts.kind === 'literals' ? { literals: d.ts.values } : {}), members: new Map() });
      continue;
    }
    const items: GroupBinding[] = [];
    const members = new Map<string, Member>();
    complexMembers(d, members, items);
    const text = shapeText(d);
    add({ ...base, form: text === 'object' ? 'object' : 'type', text, members });
    for (let i = 0; i < items.length; i++) {
      const g = items[i];
      const m = new Map<string, Member>();
      // One item is one occurrence: of a choice, one branch.
      for (const c of g.particles) collect(c, g.kind === 'choice' && g.particles.length > 1, m, items);
      add({ ...base, name: g.itemTypeName!, form: 'object', text: 'object', members: m });
    }
  }
  return out;
}

function shapeText(d: ComplexDeclaration): string {
  switch (d.shape) {
    case 'flag':
      return 'true';
    case 'any':
      return 'AnyElementValue';
    case 'array':
      return d.content !== null && d.content.kind !== 'element' && d.content.kind !== 'any' && d.content.itemTypeName ? `${d.content.itemTypeName}[]` : 'array';
    default:
      return 'object';
  }
}

function complexMembers(d: ComplexDeclaration, members: Map<string, Member>, items: GroupBinding[]): void {
  if (d.shape === 'simple' && d.text) members.set('value', { type: refText(d.text), optional: false });
  if (d.shape === 'object') collect(d.content, false, members, items);
  else if (d.shape === 'array' && d.content !== null && d.content.kind !== 'element' && d.content.kind !== 'any') items.push(d.content);
  for (const a of d.attributes) {
    const m: Member = { type: refText(a.type), optional: !a.required };
    if (a.type.kind === 'inline' && a.type.ts.kind === 'literals') m.literals = a.type.ts.values;
    members.set(a.prop, m);
  }
  if (d.anyAttribute) members.set('$attrs', { type: 'Record<string, string>', optional: true });
}

const memberText = (prop: string, m: Member): string => `${prop}${m.optional ? '?' : ''}: ${m.type}`;

function bind(sets: SchemaSets, options: ApiOptions | undefined): BindingModel {
  return bindPlesk(sets, {
    naming: options?.naming ?? DEFAULT_BINDING_OPTIONS.naming,
    integers: options?.integers ?? DEFAULT_BINDING_OPTIONS.integers,
  });
}

/** Compares the TypeScript APIs generated from two schema sets. */
export function compareApis(oldSets: SchemaSets, newSets: SchemaSets, oldOptions?: ApiOptions, newOptions?: ApiOptions): ApiChange[] {
  const a = bind(oldSets, oldOptions);
  const b = bind(newSets, newOptions);
  return compareModels(a, b);
}

export function compareModels(a: BindingModel, b: BindingModel): ApiChange[] {
  const olds = exportsOf(a);
  const news = exportsOf(b);
  const out: ApiChange[] = [];
  const successors = new Map<string, string[]>();
  for (const e of news.values()) {
    const key = e.schemaName;
    successors.set(key, [...(successors.get(key) ?? []), e.name]);
  }
  for (const [name, e] of olds) {
    const f = news.get(name);
    if (f === undefined) {
      const now = (successors.get(e.schemaName) ?? []).filter((n) => !olds.has(n));
      out.push({
        kind: 'export-removed',
        name,
        module: e.module,
        old: e.text === 'object' ? 'interface' : e.text,
        message: now.length > 0 ? `no longer exported; the schema type ${e.schemaName} is now ${now.join(' and ')}` : 'no longer exported',
        level: 'breaking',
      });
      continue;
    }
    compareExport(e, f, out);
  }
  for (const [name, f] of news) {
    if (!olds.has(name)) out.push({ kind: 'export-added', name, module: f.module, new: f.text === 'object' ? 'interface' : f.text, message: `new export (${f.built && f.read ? 'requests and responses' : f.built ? 'requests' : 'responses'})`, level: 'compatible' });
  }
  // Client methods.
  const methods = (m: BindingModel): Map<string, string> => {
    const r = new Map<string, string>();
    for (const o of m.operators) for (const op of o.operations) r.set(`client.${o.prop}.${op.prop}`, `${o.xml}/${op.xml}`);
    return r;
  };
  const am = methods(a);
  const bm = methods(b);
  for (const [name, xml] of am) if (!bm.has(name)) out.push({ kind: 'method-removed', name, message: `client method for ${xml} removed`, level: 'breaking' });
  for (const [name, xml] of bm) if (!am.has(name)) out.push({ kind: 'method-added', name, message: `client method for ${xml} added`, level: 'compatible' });
  const depth = new Map<string, number>();
  for (const d of b.declarations) {
    let n = 0;
    for (let x = d.kind === 'complex' ? d.extends : undefined; x !== undefined; x = x.extends) n++;
    depth.set(d.name, n);
  }
  return groupRepeats(out, (name) => depth.get(name) ?? 0);
}

/**
 * The same property change in several exports (a base type's property, in every type extending
 * it) is one change, named after the most basic of them (fewest `extends`, then shortest name),
 * the others in `alsoIn`. Changes are sorted by name, then property.
 */
function groupRepeats(changes: ApiChange[], depth: (name: string) => number): ApiChange[] {
  const cmp = (x: string | number, y: string | number): number => (x < y ? -1 : x > y ? 1 : 0);
  const basic = (a: ApiChange, b: ApiChange): number => cmp(depth(a.name), depth(b.name)) || cmp(a.name.length, b.name.length) || cmp(a.name, b.name);
  const out: ApiChange[] = [];
  const first = new Map<string, ApiChange>();
  for (const c of [...changes].sort(basic)) {
    if (c.property === undefined) {
      out.push(c);
      continue;
    }
    const key = [c.kind, c.property, c.old, c.new, c.message, c.level].join('\u0000');
    const f = first.get(key);
    if (f !== undefined) {
      (f.alsoIn ??= []).push(c.name);
      continue;
    }
    first.set(key, c);
    out.push(c);
  }
  for (const c of out) c.alsoIn?.sort();
  return out.sort((a, b) => cmp(a.name, b.name) || cmp(a.property ?? '', b.property ?? ''));
}

function compareExport(e: Export, f: Export, out: ApiChange[]): void {
  const readers = f.read;
  const builders = f.built;
  /** A change of literal values: compatible only when values are added to a type callers build and never read. */
  const literalChange = (o: Member['literals'], n: Member['literals'], what: string): { level: ApiChange['level']; message: string } => {
    if (!o || !n) return { level: 'breaking', message: `${what} changed` };
    const added = n.filter((v) => !o.includes(v)).map((v) => JSON.stringify(v));
    const removed = o.filter((v) => !n.includes(v)).map((v) => JSON.stringify(v));
    const parts = [added.length > 0 ? `values added: ${added.join(', ')}` : '', removed.length > 0 ? `values removed: ${removed.join(', ')}` : ''].filter(Boolean);
    if (removed.length === 0 && !readers) return { level: 'compatible', message: `${parts.join('; ')} (callers may pass more)` };
    return { level: 'breaking', message: `${parts.join('; ')}${removed.length === 0 ? ' (code that handles every value it reads breaks)' : ''}` };
  };
  if (e.text !== f.text) {
    const { level, message } = literalChange(e.literals, f.literals, 'type');
    out.push({ kind: 'export-changed', name: f.name, module: f.module, old: e.text, new: f.text, message, level });
  }
  for (const [prop, m] of e.members) {
    const n = f.members.get(prop);
    if (n === undefined) {
      out.push({ kind: 'property-removed', name: f.name, property: prop, module: f.module, old: memberText(prop, m), message: 'property removed', level: 'breaking' });
      continue;
    }
    if (m.type !== n.type) {
      const { level, message } = literalChange(m.literals, n.literals, 'property type');
      out.push({ kind: 'property-changed', name: f.name, property: prop, module: f.module, old: memberText(prop, m), new: memberText(prop, n), message, level });
    } else if (m.optional !== n.optional) {
      const breaks = n.optional ? readers : builders;
      out.push({
        kind: 'property-changed',
        name: f.name,
        property: prop,
        module: f.module,
        old: memberText(prop, m),
        new: memberText(prop, n),
        message: n.optional ? 'property became optional' : 'property became required',
        level: breaks ? 'breaking' : 'compatible',
      });
    }
  }
  for (const [prop, n] of f.members) {
    if (e.members.has(prop)) continue;
    const breaks = !n.optional && builders;
    out.push({ kind: 'property-added', name: f.name, property: prop, module: f.module, new: memberText(prop, n), message: breaks ? 'required property added: code that builds it must give it' : 'property added', level: breaks ? 'breaking' : 'compatible' });
  }
}


