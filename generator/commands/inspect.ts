/**
 * `plesk-codegen inspect`: reads a Plesk schema directory and prints what the request and response
 * sets define (files, type counts, operators and their operations), or reads any XSD from its
 * entry files (`--xsd`, as `generate --xsd` does) and prints its files, namespaces and root
 * elements; or one type's resolved structure. `--json` prints the same data as JSON. Both share
 * the type descriptions, so a user of the general core sees a type exactly as a Plesk user does.
 */
import { parseArgs } from 'node:util';
import type { CommandIo } from '../cli.js';
import type { XsdInspectRequest, XsdInspectResult } from '../api.js';
import { reportError } from './generate.js';
import { XS_NS, builtinType, childElements, qnameKey, type AttributeUse, type ElementDecl, type Facets, type Particle, type QName, type SchemaSet, type TypeDef, type Wildcard } from '../model/index.js';
import { packetOperators, type SchemaSets } from '../profiles/plesk/schemas.js';

export const INSPECT_USAGE = `Usage: plesk-codegen inspect --schemas PATH [--version V] [--json] [--type NAME] [--set input|output]
       plesk-codegen inspect --xsd FILE [--xsd FILE…] [--root ELEMENT…] [--catalog FILE] [--json] [--type NAME]

Reads a schema set and prints what it defines: a Plesk XML API schema directory (agent_input.xsd
for requests, agent_output.xsd for responses, and every file they include), or any XML Schema
from its entry files (the general core, as "generate --xsd" reads it).

Options:
  --schemas PATH   Plesk schema directory to read; or a folder of version folders, or
                   Plesk's schemas.zip, with --version.
  --version V      The version folder to read from a folder of versions or a zip.
  --xsd FILE       An entry XSD file of any schema (repeat for several).
    --root ELEMENT The root elements, as for "generate --xsd" (default: the global
                   elements declared in the entry files).
    --catalog FILE Maps URL schemaLocations and location-less imports to local files.
  --json           Print the same information as JSON (stable key order) instead of text.
  --type NAME      Print the resolved structure of the global type NAME (kind, base and
                   derivation, file:line, documentation, content model with occurrences,
                   attributes, facets) instead of the overview. Names without a namespace are
                   written as is; "xs:NAME" shows a built-in type; with --xsd a type is named
                   {namespace}local, prefix:local (a prefix the schemas declare) or, when only
                   one namespace has it, local.
  --set SET        Only the "input" (request) or "output" (response) set of a Plesk schema
                   directory. Without it both sets are shown, each labelled.
  -h, --help       Show this help.

Without --type, prints for a Plesk set, for each side: the files loaded, the number of global
simple and complex types and of global elements, the operators allowed under <packet> and the
operations allowed under each operator; then which types the two sets share. For --xsd: the
files loaded, per target namespace the global types and elements, and the root elements.

Exit status: 0 on success, 1 when the schemas have errors (each printed as
"file:line: message" on stderr) or the type is not found, 2 on bad usage.`;

type SetName = 'input' | 'output';

// ------------------------------------------------------------------ JSON-able descriptions

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function typeName(name: QName): string {
  if (name.ns === XS_NS) return `xs:${name.local}`;
  return qnameKey(name);
}

function occursText(min: number, max: number): string {
  return `[${min}..${max === Infinity ? '∞' : max}]`;
}

function maxJson(max: number): Json {
  return max === Infinity ? 'unbounded' : max;
}

function facetsJson(f: Facets): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  if (f.enumeration) out.enumeration = f.enumeration.map((e): Json => (e.doc === undefined ? { value: e.value } : { value: e.value, doc: e.doc }));
  if (f.pattern) out.pattern = [...f.pattern];
  for (const k of ['length', 'minLength', 'maxLength', 'whiteSpace', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'totalDigits', 'fractionDigits'] as const) {
    const v = f[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** A reference to a type: its name, or (anonymous) its full description. */
function typeRefJson(t: TypeDef, depth: number): Json {
  return t.name !== null ? typeName(t.name) : describeType(t, depth + 1);
}

function wildcardJson(w: Wildcard): { [key: string]: Json } {
  return { namespace: w.namespace, processContents: w.processContents };
}

function attributeJson(a: AttributeUse, depth: number): Json {
  const out: { [key: string]: Json } = { name: qnameKey(a.name), type: typeRefJson(a.type, depth), use: a.use };
  if (a.default !== undefined) out.default = a.default;
  if (a.fixed !== undefined) out.fixed = a.fixed;
  out.loc = `${a.loc.file}:${a.loc.line}`;
  if (a.doc !== undefined) out.doc = a.doc;
  return out;
}

function particleJson(p: Particle, depth: number): Json {
  if (p.kind === 'element') {
    const d = p.decl;
    const out: { [key: string]: Json } = { kind: 'element', name: qnameKey(d.name), min: p.min, max: maxJson(p.max) };
    if (d.global) out.ref = true;
    out.type = typeRefJson(d.type, depth);
    if (d.nillable) out.nillable = true;
    if (d.default !== undefined) out.default = d.default;
    if (d.fixed !== undefined) out.fixed = d.fixed;
    out.loc = `${p.loc.file}:${p.loc.line}`;
    if (d.doc !== undefined) out.doc = d.doc;
    return out;
  }
  if (p.kind === 'any') {
    return { kind: 'any', min: p.min, max: maxJson(p.max), ...wildcardJson(p), loc: `${p.loc.file}:${p.loc.line}` };
  }
  return { kind: p.kind, min: p.min, max: maxJson(p.max), particles: p.particles.map((c) => particleJson(c, depth)) };
}

/** The resolved structure of a type as JSON data (anonymous types nested, named ones by name). */
export function describeType(t: TypeDef, depth = 0): { [key: string]: Json } {
  const out: { [key: string]: Json } = { name: t.name === null ? null : typeName(t.name), kind: t.kind };
  if (depth > 40) return out;
  if (t.kind === 'simple') {
    out.variety = t.variety;
    out.base = t.base === null ? null : typeRefJson(t.base, depth);
    if (t.builtin !== undefined) out.builtin = t.builtin;
    out.loc = t.loc === null ? null : `${t.loc.file}:${t.loc.line}`;
    if (t.doc !== undefined) out.doc = t.doc;
    out.facets = facetsJson(t.facets);
    if (t.itemType !== undefined) out.itemType = typeRefJson(t.itemType, depth);
    if (t.memberTypes !== undefined) out.memberTypes = t.memberTypes.map((m) => typeRefJson(m, depth));
    return out;
  }
  out.contentKind = t.contentKind;
  out.derivation = t.derivation;
  out.base = t.base === null ? null : typeRefJson(t.base, depth);
  out.loc = t.loc === null ? null : `${t.loc.file}:${t.loc.line}`;
  if (t.doc !== undefined) out.doc = t.doc;
  out.abstract = t.abstract;
  out.mixed = t.mixed;
  out.content = t.content === null ? null : particleJson(t.content, depth);
  if (t.simpleType !== undefined) out.simpleType = typeRefJson(t.simpleType, depth);
  out.attributes = t.attributes.map((a) => attributeJson(a, depth));
  if (t.anyAttribute !== undefined) out.anyAttribute = wildcardJson(t.anyAttribute);
  return out;
}

// ------------------------------------------------------------------ text rendering

function indentDoc(doc: string, pad: string): string[] {
  return doc.split('\n').map((l) => (l === '' ? '' : `${pad}${l}`));
}

function typeLabel(t: TypeDef): string {
  if (t.name !== null) return typeName(t.name);
  return t.kind === 'simple' ? `(anonymous simple type, ${t.variety})` : `(anonymous complex type, ${t.contentKind} content)`;
}

function facetLines(f: Facets, pad: string): string[] {
  const lines: string[] = [];
  if (f.enumeration) {
    lines.push(`${pad}enumeration: ${f.enumeration.map((e) => e.value).join(' | ')}`);
    for (const e of f.enumeration) if (e.doc !== undefined) lines.push(`${pad}  ${e.value}: ${e.doc.replace(/\n+/g, ' ')}`);
  }
  if (f.pattern) for (const p of f.pattern) lines.push(`${pad}pattern: ${p}`);
  for (const k of ['length', 'minLength', 'maxLength', 'whiteSpace', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'totalDigits', 'fractionDigits'] as const) {
    const v = f[k];
    if (v !== undefined) lines.push(`${pad}${k}: ${v}`);
  }
  return lines;
}

function attributeLine(a: AttributeUse): string {
  const parts: string[] = [a.use];
  if (a.default !== undefined) parts.push(`default "${a.default}"`);
  if (a.fixed !== undefined) parts.push(`fixed "${a.fixed}"`);
  return `@${qnameKey(a.name)}: ${typeLabel(a.type)} (${parts.join(', ')})`;
}

function particleLines(p: Particle, pad: string, depth: number, out: string[]): void {
  const occ = p.min === 1 && p.max === 1 ? '' : ` ${occursText(p.min, p.max)}`;
  if (p.kind === 'element') {
    const d = p.decl;
    const extras: string[] = [];
    if (d.global) extras.push('ref');
    if (d.nillable) extras.push('nillable');
    if (d.default !== undefined) extras.push(`default "${d.default}"`);
    if (d.fixed !== undefined) extras.push(`fixed "${d.fixed}"`);
    out.push(`${pad}element ${qnameKey(d.name)}: ${typeLabel(d.type)}${occ}${extras.length ? ` (${extras.join(', ')})` : ''}`);
    if (d.type.name === null && depth < 40) typeBodyLines(d.type, `${pad}    `, depth + 1, out);
    return;
  }
  if (p.kind === 'any') {
    out.push(`${pad}any namespace=${p.namespace} processContents=${p.processContents}${occ}`);
    return;
  }
  out.push(`${pad}${p.kind}${occ}`);
  for (const c of p.particles) particleLines(c, `${pad}  `, depth, out);
}

/** The body of a type (no header): content, attributes, facets; anonymous types nested. */
function typeBodyLines(t: TypeDef, pad: string, depth: number, out: string[]): void {
  if (t.kind === 'simple') {
    if (t.base !== null && t.name === null) out.push(`${pad}base: ${typeLabel(t.base)}`);
    if (t.itemType !== undefined) out.push(`${pad}item type: ${typeLabel(t.itemType)}`);
    if (t.memberTypes !== undefined) out.push(`${pad}member types: ${t.memberTypes.map(typeLabel).join(', ')}`);
    out.push(...facetLines(t.facets, pad));
    return;
  }
  if (t.content !== null) particleLines(t.content, pad, depth, out);
  if (t.simpleType !== undefined) {
    out.push(`${pad}simple content: ${typeLabel(t.simpleType)}`);
    if (t.simpleType.name === null) typeBodyLines(t.simpleType, `${pad}  `, depth + 1, out);
  }
  for (const a of t.attributes) out.push(`${pad}${attributeLine(a)}`);
  if (t.anyAttribute !== undefined) out.push(`${pad}anyAttribute namespace=${t.anyAttribute.namespace} processContents=${t.anyAttribute.processContents}`);
}

/** A type's resolved structure as indented text. */
export function renderType(t: TypeDef): string[] {
  const out: string[] = [];
  const name = t.name === null ? '(anonymous)' : typeName(t.name);
  if (t.kind === 'simple') {
    out.push(`${name}: simple type (${t.variety})${t.builtin !== undefined ? ', built-in' : ''}`);
    out.push(`  base: ${t.base === null ? '(none)' : typeLabel(t.base)} (restriction)`);
  } else {
    out.push(`${name}: complex type, ${t.contentKind} content${t.abstract ? ', abstract' : ''}${t.mixed ? ', mixed' : ''}`);
    out.push(`  base: ${t.base === null ? '(none)' : typeLabel(t.base)} (${t.derivation ?? 'no explicit derivation'})`);
  }
  out.push(`  declared at: ${t.loc === null ? '(built-in)' : `${t.loc.file}:${t.loc.line}`}`);
  if (t.doc !== undefined) {
    out.push('  documentation:');
    out.push(...indentDoc(t.doc, '    '));
  }
  const body: string[] = [];
  typeBodyLines(t, '    ', 0, body);
  if (t.kind === 'simple') {
    if (t.itemType !== undefined || t.memberTypes !== undefined || body.length > 0) {
      out.push('  facets and members:');
      out.push(...body);
    }
  } else if (body.length > 0) {
    out.push('  content and attributes:');
    out.push(...body);
  } else out.push('  content: (empty, no attributes)');
  return out;
}

// ------------------------------------------------------------------ overview

interface SetSummary {
  name: SetName;
  root: string;
  files: string[];
  simpleTypes: number;
  complexTypes: number;
  elements: number;
  operators: { name: string; type: string; operations: string[] }[];
}

function summarize(name: SetName, set: SchemaSet): SetSummary {
  let simple = 0;
  let complex = 0;
  for (const t of set.types.values()) {
    if (t.kind === 'simple') simple++;
    else complex++;
  }
  const operators = packetOperators(set).map((op: ElementDecl) => ({
    name: qnameKey(op.name),
    type: typeLabel(op.type),
    operations: childElements(op).map((d) => qnameKey(d.name)),
  }));
  return { name, root: set.root, files: set.files, simpleTypes: simple, complexTypes: complex, elements: set.elements.size, operators };
}

function summaryJson(s: SetSummary): Json {
  return {
    set: s.name,
    root: s.root,
    fileCount: s.files.length,
    files: s.files,
    types: { total: s.simpleTypes + s.complexTypes, simple: s.simpleTypes, complex: s.complexTypes },
    elements: s.elements,
    operatorCount: s.operators.length,
    operators: s.operators.map((o) => ({ name: o.name, type: o.type, operations: o.operations })),
  };
}

function summaryText(s: SetSummary): string[] {
  const out = [`${s.name} set (${s.root})`];
  out.push(`  files loaded: ${s.files.length}`);
  for (const f of s.files) out.push(`    ${f}`);
  out.push(`  global types: ${s.simpleTypes + s.complexTypes} (${s.simpleTypes} simple, ${s.complexTypes} complex)`);
  out.push(`  global elements: ${s.elements}`);
  out.push(`  operators under <packet>: ${s.operators.length}`);
  for (const o of s.operators) {
    out.push(`    ${o.name} (${o.type}): ${o.operations.length} operations`);
    if (o.operations.length > 0) out.push(`      ${o.operations.join(', ')}`);
  }
  return out;
}

// ------------------------------------------------------------------ command

function findType(set: SchemaSet, name: string): TypeDef | undefined {
  if (name.startsWith('xs:')) return builtinType(name.slice(3));
  return set.types.get(name);
}

export async function inspectCommand(argv: string[], io: CommandIo): Promise<number> {
  let values: { schemas?: string; version?: string; xsd?: string[]; root?: string[]; catalog?: string; json?: boolean; type?: string; set?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        schemas: { type: 'string' },
        version: { type: 'string' },
        xsd: { type: 'string', multiple: true },
        root: { type: 'string', multiple: true },
        catalog: { type: 'string' },
        json: { type: 'boolean' },
        type: { type: 'string' },
        set: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    io.err(`inspect: ${(e as Error).message}\n\n${INSPECT_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(INSPECT_USAGE);
    return 0;
  }
  if (values.type === '') {
    io.err(`inspect: --type needs a type name\n\n${INSPECT_USAGE}`);
    return 2;
  }
  if (values.xsd !== undefined) {
    const pleskOnly = (['schemas', 'version', 'set'] as const).filter((k) => values[k] !== undefined).map((k) => `--${k}`);
    if (pleskOnly.length > 0) {
      io.err(`inspect: ${pleskOnly.join(', ')}: for Plesk schema sets only; --xsd reads one set of any schema\n\n${INSPECT_USAGE}`);
      return 2;
    }
    const roots = values.root?.flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '');
    return inspectXsd({ xsd: values.xsd, ...(roots !== undefined ? { roots } : {}), ...(values.catalog !== undefined ? { catalog: values.catalog } : {}) }, values, io);
  }
  if (values.root !== undefined || values.catalog !== undefined) {
    io.err(`inspect: ${values.root !== undefined ? '--root' : '--catalog'} needs --xsd (the general core); a Plesk schema set has its own roots\n\n${INSPECT_USAGE}`);
    return 2;
  }
  if (values.schemas === undefined || values.schemas === '') {
    io.err(`inspect: --schemas DIR or --xsd FILE is required\n\n${INSPECT_USAGE}`);
    return 2;
  }
  if (values.set !== undefined && values.set !== 'input' && values.set !== 'output') {
    io.err(`inspect: --set must be "input" or "output", not "${values.set}"\n\n${INSPECT_USAGE}`);
    return 2;
  }

  let sets: SchemaSets;
  try {
    sets = (await (await import('../api.js')).inspect({ schemas: values.schemas, ...(values.version !== undefined ? { version: values.version } : {}) })).sets;
  } catch (e) {
    return reportError(io, e, null);
  }
  const chosen: SetName[] = values.set === undefined ? ['input', 'output'] : [values.set as SetName];

  if (values.type !== undefined) {
    const name = values.type;
    const found = chosen.map((s) => ({ set: s, type: findType(sets[s], name) }));
    if (found.every((f) => f.type === undefined)) {
      io.err(`inspect: no global type "${name}" in the ${chosen.join(' or ')} set`);
      return 1;
    }
    if (values.json) {
      const data: Json = {
        type: name,
        sets: found.map((f) => ({ set: f.set, found: f.type !== undefined, definition: f.type === undefined ? null : describeType(f.type) })),
      };
      io.out(JSON.stringify(data, null, 2));
      return 0;
    }
    const lines: string[] = [];
    for (const f of found) {
      lines.push(`[${f.set}]`);
      if (f.type === undefined) lines.push(`  (not defined in the ${f.set} set)`);
      else lines.push(...renderType(f.type).map((l) => `  ${l}`));
      lines.push('');
    }
    io.out(lines.join('\n'));
    return 0;
  }

  const summaries = chosen.map((s) => summarize(s, sets[s]));
  const c = sets.comparison;
  if (values.json) {
    const data: { [key: string]: Json } = { sets: summaries.map(summaryJson) };
    if (chosen.length === 2) {
      data.comparison = { shared: c.shared.length, differing: c.differing, inputOnly: c.inputOnly.length, outputOnly: c.outputOnly.length };
    }
    io.out(JSON.stringify(data, null, 2));
    return 0;
  }
  const lines: string[] = [];
  for (const s of summaries) lines.push(...summaryText(s), '');
  if (chosen.length === 2) {
    lines.push('types in both sets:');
    lines.push(`  shared (same declaration, transitively): ${c.shared.length}`);
    lines.push(`  differing: ${c.differing.length}${c.differing.length ? ` (${c.differing.join(', ')})` : ''}`);
    lines.push(`  input only: ${c.inputOnly.length}, output only: ${c.outputOnly.length}`);
  }
  io.out(lines.join('\n'));
  return 0;
}

// ------------------------------------------------------------------ any XSD (--xsd)

interface NamespaceSummary {
  namespace: string | null;
  prefix: string | null;
  simpleTypes: number;
  complexTypes: number;
  elements: number;
}

/** Per target namespace (no namespace first, then by name): how many global types and elements. */
function namespaces(set: SchemaSet): NamespaceSummary[] {
  const byNs = new Map<string | null, NamespaceSummary>();
  const entry = (ns: string | null): NamespaceSummary => {
    let e = byNs.get(ns);
    if (e === undefined) byNs.set(ns, (e = { namespace: ns, prefix: ns === null ? null : (set.prefixes.get(ns) ?? null), simpleTypes: 0, complexTypes: 0, elements: 0 }));
    return e;
  };
  for (const t of set.types.values()) {
    const e = entry(t.name?.ns ?? null);
    if (t.kind === 'simple') e.simpleTypes++;
    else e.complexTypes++;
  }
  for (const d of set.elements.values()) entry(d.name.ns).elements++;
  return [...byNs.values()].sort((a, b) => (a.namespace === null ? -1 : b.namespace === null ? 1 : a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
}

/** The global type `name` names in an XSD set: `xs:NAME`, `{ns}local`, `prefix:local`, or a local name one namespace has. */
function findXsdType(set: SchemaSet, name: string): { type: TypeDef } | { problem: string } {
  if (name.startsWith('xs:')) {
    const t = builtinType(name.slice(3));
    return t === undefined ? { problem: `no built-in type "${name}"` } : { type: t };
  }
  const direct = set.types.get(name);
  if (direct !== undefined) return { type: direct };
  const prefixed = /^([^:{}]+):([^:{}]+)$/.exec(name);
  if (prefixed !== null) {
    for (const [ns, prefix] of set.prefixes) {
      const t = prefix === prefixed[1] ? set.types.get(qnameKey({ ns, local: prefixed[2]! })) : undefined;
      if (t !== undefined) return { type: t };
    }
  }
  const local = [...set.types.values()].filter((t) => t.name?.local === name);
  if (local.length === 1) return { type: local[0]! };
  if (local.length > 1) return { problem: `several global types are named "${name}"; choose one: ${local.map((t) => `{${t.name!.ns ?? ''}}${t.name!.local}`).join(', ')}` };
  return { problem: `no global type "${name}" in the schemas` };
}

async function inspectXsd(request: XsdInspectRequest, values: { json?: boolean; type?: string }, io: CommandIo): Promise<number> {
  let result: XsdInspectResult;
  try {
    result = await (await import('../api.js')).inspect(request);
  } catch (e) {
    return reportError(io, e, null);
  }
  const { set, roots } = result;
  if (values.type !== undefined) {
    const found = findXsdType(set, values.type);
    if ('problem' in found) {
      io.err(`inspect: ${found.problem}`);
      return 1;
    }
    io.out(values.json ? JSON.stringify({ type: values.type, definition: describeType(found.type) }, null, 2) : renderType(found.type).join('\n'));
    return 0;
  }
  const spaces = namespaces(set);
  const rootList = roots.map((r) => ({ name: qnameKey(r.name), type: typeLabel(r.type) }));
  if (values.json) {
    const data: Json = {
      entry: [...request.xsd],
      fileCount: set.files.length,
      files: set.files,
      namespaces: spaces.map((n) => ({
        namespace: n.namespace,
        prefix: n.prefix,
        types: { total: n.simpleTypes + n.complexTypes, simple: n.simpleTypes, complex: n.complexTypes },
        elements: n.elements,
      })),
      roots: rootList,
    };
    io.out(JSON.stringify(data, null, 2));
    return 0;
  }
  const lines = [`XSD set (${request.xsd.join(', ')})`, `  files loaded: ${set.files.length}`];
  for (const f of set.files) lines.push(`    ${f}`);
  lines.push(`  target namespaces: ${spaces.length}`);
  for (const n of spaces) {
    const label = n.namespace === null ? '(no namespace)' : `${n.namespace}${n.prefix === null ? '' : ` (${n.prefix})`}`;
    const types = n.simpleTypes + n.complexTypes;
    lines.push(`    ${label}: ${types} global type${types === 1 ? '' : 's'} (${n.simpleTypes} simple, ${n.complexTypes} complex), ${n.elements} global element${n.elements === 1 ? '' : 's'}`);
  }
  lines.push(`  root elements: ${rootList.length}`);
  for (const r of rootList) lines.push(`    ${r.name} (${r.type})`);
  io.out(lines.join('\n'));
  return 0;
}
