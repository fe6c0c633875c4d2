/**
 * Runtime descriptors for the binding model (the format is defined in one place,
 * packages/runtime/src/descriptors.ts).
 * One module per side: `descriptors/shared.ts`, `descriptors/request.ts`,
 * `descriptors/response.ts`. Shared imports nothing; each side imports only shared, so the
 * modules never form a cycle. Within a module, simple types come first, each after those it
 * uses, then complex types in dependency order (strongly connected components): a reference to
 * another module or an earlier component is direct, one within a cycle a thunk.
 *
 * The form is chosen for tsc. Every constant has an explicit type, so nothing is inferred and a
 * consumer's tsc need not check these modules at all: they carry `@ts-nocheck`
 * (templates/descriptors.ts.hbs; bench/consumer-tsc.bench.ts), and the generator's tests check
 * them without it. For those checks and for `--package` builds: elements and groups are calls
 * of the runtime's particle builders with plain signatures, not object literals checked against the `ParticleDesc` union inside nested arrays;
 * the builders are called through local function declarations (see `localBuilders`); and direct
 * references spare an arrow function each. Together about 0.4× the checking time of literals
 * with thunks, with the same checks: a wrong key, kind or reference still fails to compile.
 */
import { stringLiteral } from '../binding/names.js';
import { fromModule, fromPackage, type Imports } from './imports.js';
import { RUNTIME_PACKAGE } from './runtime-package.js';
import type {
  AttributeBinding,
  ComplexDeclaration,
  Declaration,
  ElementType,
  IdentityFacts,
  IdentityPathFacts,
  ParticleBinding,
  Side,
  SimpleDeclaration,
  SimpleFacts,
  SimpleRef,
} from '../binding/model.js';

/**
 * The descriptor format these modules are written in: the runtime's `DESCRIPTOR_FORMAT`
 * (packages/runtime/src/descriptors.ts defines the format; test/emit/descriptors.test.ts checks
 * the two numbers agree). Each module calls `checkDescriptorFormat` with it.
 */
export const DESCRIPTOR_FORMAT = 3;

export interface DescriptorModule {
  side: Side;
  /** Text of the declarations (without imports). */
  body: string;
  /** Names imported from the shared descriptors module. */
  sharedImports: string[];
  /** Runtime type names used (`ComplexDesc`, `SimpleDesc`). */
  runtimeTypes: string[];
  /** The runtime's particle builders called (`elementDesc`, `sequenceDesc`, …). */
  builders: string[];
  /**
   * Runtime values used: `enableIdentityConstraints`, `enableXsiTypes`, `enableMixedContent`
   * (called by a module whose schema needs them), `withSupport` and the runtime features it installs (`untypedContent`, …).
   */
  runtimeValues: string[];
}

/** What a piece of descriptor code imports: names from each descriptors module, and the runtime's particle builders. */
export type DescriptorImports = Record<Side, string[]> & { runtime: string[] };

/** Name of the descriptor constant of a built-in simple type. */
export function builtinConstName(builtin: string): string {
  return `xs_${builtin}`;
}

/** A descriptor literal for a part of the schema, and what it names from each descriptors module. */
export interface DescriptorPiece {
  literal: string;
  imports: DescriptorImports;
}

/** How a piece is written (see `DescriptorEmitter.complexPiece`, `particlePiece`). */
export interface PieceOptions {
  /** A group whose particles are written as the expression `expr` (an open list, filled at run time). */
  slot?: { group: ParticleBinding; expr: string };
  /**
   * Elements written as `...expr('<property>')` in their group's list: present only when the
   * function `expr` returns them at run time (a skeleton's optional parts).
   */
  given?: { particles: ReadonlySet<ParticleBinding>; expr: string };
  /** A declaration named by a local constant (`name`) instead of its descriptor. */
  local?: { decl: ComplexDeclaration; name: string };
  /** Indentation of the line the literal starts on, in levels of two spaces (default 0). */
  depth?: number;
}

/**
 * Writes the descriptor modules of a set of declarations, and pieces of them for a profile's
 * narrower modules. Everything is computed from the declarations given to the constructor: the
 * built-in types the shared module declares are those any declaration uses, known before any
 * module is written, so modules and pieces may be asked for in any order and each answer
 * depends only on the declarations.
 */
export class DescriptorEmitter {
  /** Built-in simple types any declaration uses, by name; the shared module declares them. */
  private readonly builtins: ReadonlyMap<string, SimpleFacts>;

  constructor(private readonly declarations: readonly Declaration[]) {
    this.builtins = usedBuiltins(declarations);
  }

  /** The descriptors module of one side (`shared` also holds the built-ins and `xs:anyType`). */
  emit(side: Side): DescriptorModule {
    const sharedImports = new Set<string>();
    const builders = new Set<string>();
    const values = new Set<string>();
    const runtime = (name: RuntimeValue): string => {
      values.add(name);
      return name;
    };
    const local = this.declarations.filter((d) => d.side === side);
    const use = (d: Declaration): string => {
      if (d.side !== side) sharedImports.add(d.name);
      return d.name;
    };
    const ctx: Ctx = {
      side,
      use,
      ready: () => false,
      builtin: (name) => {
        const constName = this.builtinConst(name);
        if (side !== 'shared') sharedImports.add(constName);
        return constName;
      },
      builder: (name) => {
        builders.add(name);
        return name;
      },
      runtime,
      anyType: () => {
        if (side !== 'shared') sharedImports.add(ANY_TYPE);
        return ANY_TYPE;
      },
      pattern: stringLiteral,
    };

    const simple = topoSortSimple(local.filter((d): d is SimpleDeclaration => d.kind === 'simple'));
    const components = complexComponents(local.filter((d): d is ComplexDeclaration => d.kind === 'complex'));
    const complex = components.flat();
    const component = new Map(components.flatMap((c, i) => c.map((d) => [d, i] as const)));
    let current = -1;
    // A complex type of another module (imported, evaluated first) or of an earlier component
    // (declared above) is referenced directly; only references within a cycle need a thunk.
    ctx.ready = (d) => d.side !== side || (component.get(d) ?? Infinity) < current;
    const identity = complex.some((d) => d.content !== null && declaresIdentity(d.content));
    const xsiTypes = complex.some((d) => d.xsiTypes !== undefined);
    const mixedContent = complex.some((d) => d.mixed && d.shape === 'object');
    // The sections of the module, in order: the built-ins (shared), then what the runtime must be
    // told before reading (only trees that need it pay for it in their bundles), then the types.
    const write = (pattern: (source: string) => string): string[] => {
      ctx.pattern = pattern;
      const sections: string[] = [];
      if (side === 'shared') sections.push(this.builtinSection(runtime, pattern));
      if (identity) sections.push('// Elements here declare identity constraints (xs:key, xs:keyref, xs:unique): reading checks them.\nenableIdentityConstraints();');
      if (xsiTypes) sections.push('// Abstract types here are replaced with xsi:type in documents: reading honours it.\nenableXsiTypes();');
      if (mixedContent) sections.push('// Types here have mixed content (text and elements, read and written as $content).\nenableMixedContent();');
      for (const d of simple) sections.push(`export const ${d.name}: SimpleDesc = ${simpleLiteral(d.facts, ctx)};`);
      for (const d of complex) {
        current = component.get(d)!;
        sections.push(`export const ${d.name}: ComplexDesc = ${complexLiteral(d, ctx, 0)};`);
      }
      return sections;
    };
    // Written once as plain literals, counting the runs of character ranges in the patterns;
    // again, with the runs that occur more than once as constants, when there are any.
    const counts = new Map<string, number>();
    let sections = write((source) => {
      for (const run of source.match(RANGE_RUN) ?? []) counts.set(run, (counts.get(run) ?? 0) + 1);
      return stringLiteral(source);
    });
    const shared = [...counts].filter(([, n]) => n > 1).map(([run], i) => [run, `CHARACTER_RANGES_${i + 1}`] as const);
    if (shared.length > 0) {
      const names = new Map(shared);
      sections = [
        ...shared.map(([run, name]) => `/** Character ranges that several patterns below share (a class such as \\p{L}, spelled out). */\nconst ${name} = ${stringLiteral(run)};`),
        ...write((source) => rangesLiteral(source, names)),
      ];
    }
    const body = sections.join('\n\n');
    const runtimeValues = [
      ...values,
      ...(identity ? ['enableIdentityConstraints'] : []),
      ...(xsiTypes ? ['enableXsiTypes'] : []),
      ...(mixedContent ? ['enableMixedContent'] : []),
    ];
    // Only the descriptor types this module declares (an unused import fails `noUnusedLocals`);
    // the shared module also holds the built-ins (`SimpleDesc`) and `xs:anyType` (`ComplexDesc`).
    const runtimeTypes = side === 'shared' ? ['ComplexDesc', 'SimpleDesc'] : [...(complex.length > 0 ? ['ComplexDesc'] : []), ...(simple.length > 0 ? ['SimpleDesc'] : [])];
    return { side, body, sharedImports: [...sharedImports].sort(), runtimeTypes, runtimeValues: runtimeValues.sort(), builders: [...builders].sort(compare) };
  }

  /** All three modules. */
  emitAll(): Record<Side, DescriptorModule> {
    return { shared: this.emit('shared'), request: this.emit('request'), response: this.emit('response') };
  }

  /**
   * A complex type's descriptor literal alone, for a module that must not reach what the
   * descriptors modules hold: everything it names is imported from them.
   */
  complexPiece(decl: ComplexDeclaration, options: PieceOptions = {}): DescriptorPiece {
    return this.piece(decl.side, options, (ctx) => complexLiteral(decl, ctx, options.depth ?? 0));
  }

  /** One particle's descriptor literal (an element's `elementDesc(…)` call, a group's), as `complexPiece`. */
  particlePiece(side: Side, particle: ParticleBinding, options: PieceOptions = {}): DescriptorPiece {
    return this.piece(side, options, (ctx) => particleLiteral(particle, ctx, options.depth ?? 0));
  }

  /** Runs `emit` with a context that records what the literal imports from each descriptors module. */
  private piece(side: Side, options: PieceOptions, emit: (ctx: Ctx) => string): DescriptorPiece {
    const imports: Record<Side | 'runtime', Set<string>> = { shared: new Set(), request: new Set(), response: new Set(), runtime: new Set() };
    const ctx: Ctx = {
      side,
      ...(options.slot !== undefined ? { slot: options.slot } : {}),
      ...(options.given !== undefined ? { given: options.given } : {}),
      use: (d) => {
        if (d === options.local?.decl) return options.local.name;
        imports[d.side].add(d.name);
        return d.name;
      },
      builder: (name) => {
        imports.runtime.add(name);
        return name;
      },
      runtime: (name) => {
        imports.runtime.add(name);
        return name;
      },
      // Everything these pieces name is imported from the descriptors modules (evaluated first).
      ready: () => true,
      builtin: (name) => {
        const constName = this.builtinConst(name);
        imports.shared.add(constName);
        return constName;
      },
      anyType: () => {
        imports.shared.add(ANY_TYPE);
        return ANY_TYPE;
      },
      // Pieces write patterns whole (they are small, and share nothing with a module).
      pattern: stringLiteral,
    };
    const literal = emit(ctx);
    const sorted = (set: Set<string>): string[] => [...set].sort(compare);
    return { literal, imports: { shared: sorted(imports.shared), request: sorted(imports.request), response: sorted(imports.response), runtime: sorted(imports.runtime) } };
  }

  /** The constant of a built-in the declarations use (the shared module declares exactly those). */
  private builtinConst(name: string): string {
    if (!this.builtins.has(name)) throw new Error(`DescriptorEmitter: the built-in ${name} is used by no declaration given to the emitter`);
    return builtinConstName(name);
  }

  /**
   * The shared module's first section: every built-in used (under a heading, when there are any),
   * and `xs:anyType`. They reference nothing but the runtime's features (`runtime` records them).
   */
  private builtinSection(runtime: (name: RuntimeValue) => string, pattern: (source: string) => string): string {
    const ctx: Ctx = { ...noRefs, runtime, pattern };
    const builtins = [...this.builtins]
      .sort(([a], [b]) => compare(a, b))
      .map(([name, facts]) => `export const ${builtinConstName(name)}: SimpleDesc = ${simpleLiteral(facts, ctx)};`);
    // Its content is kept as XML: the runtime's support for that comes with it (see `withSupport`).
    const anyType = `/** \`xs:anyType\`: an element declared without a type. */\nexport const ${ANY_TYPE}: ComplexDesc = ${PURE}${runtime('withSupport')}({ name: 'xs:anyType', shape: 'any' }, ${runtime('untypedContent')});`;
    return [...(builtins.length > 0 ? [['// Built-in XML Schema types.', ...builtins].join('\n')] : []), anyType].join('\n\n');
  }
}

/** The built-in simple types the declarations use (directly, or inside an inline list or union), with their facts. */
function usedBuiltins(declarations: readonly Declaration[]): Map<string, SimpleFacts> {
  const found = new Map<string, SimpleFacts>();
  const ref = (r: SimpleRef): void => {
    if (r.kind === 'named') return;
    if (r.builtin !== undefined) found.set(r.builtin, r.facts);
    else facts(r.facts);
  };
  const facts = (f: SimpleFacts): void => {
    f.members?.forEach(ref);
    if (f.item) ref(f.item);
  };
  const particle = (p: ParticleBinding): void => {
    if (p.kind === 'element') {
      if (p.type.kind === 'simple') ref(p.type.ref);
    } else if (p.kind !== 'any') p.particles.forEach(particle);
  };
  for (const d of declarations) {
    if (d.kind === 'simple') {
      facts(d.facts);
      continue;
    }
    d.attributes.forEach((a) => ref(a.type));
    if (d.content) particle(d.content);
    if (d.text) ref(d.text);
  }
  return found;
}

/**
 * For a descriptors module: the runtime's particle builders it calls, as imports under other
 * names and local functions that call them. A descriptors module calls them thousands of times,
 * and TypeScript checks each call of an imported name by tracing the module's control flow back
 * to its start (an import is narrowable like a variable), while a call of a local function
 * declaration needs no such trace: a tenth or more of a consumer's tsc over the real tree
 * (bench/consumer-tsc.bench.ts). Smaller modules (operators/, client-for.ts) import the
 * builders directly.
 */
export function localBuilders(builders: readonly string[]): { imports: string[]; types: string[]; text: string } {
  if (builders.length === 0) return { imports: [], types: [], text: '' };
  const types = new Set<string>();
  const functions = [...builders].sort(compare).map((name) => {
    const runtimeName = `runtime${name[0]!.toUpperCase()}${name.slice(1)}`;
    if (name === 'elementDesc') {
      ['ElemDesc', 'ElementOptions', 'TypeRef'].forEach((t) => types.add(t));
      return `function elementDesc(xmlName: string, property: string, type: TypeRef, minOccurs: number, maxOccurs: number, options?: ElementOptions): ElemDesc {\n  return ${runtimeName}(xmlName, property, type, minOccurs, maxOccurs, options);\n}`;
    }
    ['GroupDesc', 'ParticleDesc'].forEach((t) => types.add(t));
    return `function ${name}(minOccurs: number, maxOccurs: number, particles: readonly ParticleDesc[], property?: string): GroupDesc {\n  return ${runtimeName}(minOccurs, maxOccurs, particles, property);\n}`;
  });
  const text = [
    "// The runtime's particle builders through local functions: TypeScript checks a call of a local",
    '// function without tracing this module back to its imports, which thousands of calls would cost.',
    ...functions.map((f) => `/*#__NO_SIDE_EFFECTS__*/\n${f}`),
  ].join('\n');
  return { imports: [...builders].sort(compare).map((name) => `${name} as runtime${name[0]!.toUpperCase()}${name.slice(1)}`), types: [...types].sort(compare), text };
}

/**
 * What a descriptors module imports (into `imports`: the runtime's format check, values, types
 * and builders; the shared module's descriptors, `sharedModule`, for a side module), and the
 * text of its local builders.
 */
export function descriptorModuleParts(m: DescriptorModule, imports: Imports, sharedModule: string): { builders: string } {
  const builders = localBuilders(m.builders);
  imports.values(fromPackage(RUNTIME_PACKAGE), ['checkDescriptorFormat', ...m.runtimeValues, ...builders.imports]);
  imports.types(fromPackage(RUNTIME_PACKAGE), [...m.runtimeTypes, ...builders.types]);
  imports.values(fromModule(sharedModule), m.sharedImports);
  return { builders: builders.text };
}

const ANY_TYPE = 'xs_anyType';

interface Ctx {
  side: Side;
  /** A group whose particles are written as the expression `expr` (the open list of a skeleton). */
  slot?: { group: ParticleBinding; expr: string };
  /** Elements written as `...expr('<property>')` (see `PieceOptions.given`). */
  given?: { particles: ReadonlySet<ParticleBinding>; expr: string };
  use(d: Declaration): string;
  /** The constant of a built-in type (declared in the shared module). */
  builtin(name: string): string;
  anyType(): string;
  /** Records a call of the runtime's particle builder `name` and returns the name to call it by. */
  builder(name: Builder): string;
  /** Records a use of the runtime value `name` (`withSupport`, a feature) and returns the name to use it by. */
  runtime(name: RuntimeValue): string;
  /**
   * Whether the descriptor of `d` is initialized where it is referenced, so the reference can be
   * direct; otherwise it is a thunk (`() => D`, read by the runtime on first use). Direct
   * references also spare a consumer's tsc an arrow function each.
   */
  ready(d: ComplexDeclaration): boolean;
  /** A pattern (a RegExp source, or the XSD's) as a string expression. */
  pattern(source: string): string;
}

type Builder = 'elementDesc' | 'sequenceDesc' | 'choiceDesc' | 'allDesc';
type RuntimeValue = 'withSupport' | 'untypedContent' | 'anyAttributes' | 'fixedValues' | 'lexicalSpaces' | 'uriReferences' | 'lexicalFacets' | 'listTypes' | 'unionTypes' | 'numberTypes' | 'decimalTypes' | 'bigintTypes';

/** The runtime feature each kind of simple value beyond string, boolean and integer needs (`<kind>Types`). */
const KIND_FEATURES: Partial<Record<SimpleFacts['kind'], RuntimeValue>> = { list: 'listTypes', union: 'unionTypes', number: 'numberTypes', decimal: 'decimalTypes', bigint: 'bigintTypes' };

const referencesNothing = (): never => {
  throw new Error('built-in descriptors reference nothing');
};

const noRefs: Ctx = {
  side: 'shared',
  use: referencesNothing,
  builtin: referencesNothing,
  anyType: referencesNothing,
  builder: referencesNothing,
  runtime: referencesNothing,
  ready: referencesNothing,
  pattern: stringLiteral,
};

function simpleRefExpr(r: SimpleRef, ctx: Ctx): string {
  if (r.kind === 'named') return ctx.use(r.decl);
  if (r.builtin !== undefined) return ctx.builtin(r.builtin);
  return simpleLiteral(r.facts, ctx);
}

const WHITE_SPACE = { p: 'preserve', r: 'replace', c: 'collapse' } as const;

function simpleLiteral(f: SimpleFacts, ctx: Ctx): string {
  const fields: string[] = [`name: ${stringLiteral(f.name)}`, `kind: ${stringLiteral(f.kind)}`, `whiteSpace: ${stringLiteral(WHITE_SPACE[f.ws])}`];
  const patterns = (steps: readonly (readonly string[])[]): string => `[${steps.map((step) => `[${step.map((source) => ctx.pattern(source)).join(', ')}]`).join(', ')}]`;
  if (f.lex) fields.push(`lexical: ${stringLiteral(f.lex)}`);
  if (f.enumeration) fields.push(`enumeration: [${f.enumeration.map(stringLiteral).join(', ')}]`);
  if (f.patterns) fields.push(`patterns: ${patterns(f.patterns)}`);
  if (f.xsdPatterns) fields.push(`patternSources: ${patterns(f.xsdPatterns)}`);
  if (f.length !== undefined) fields.push(`length: ${f.length}`);
  if (f.minLength !== undefined) fields.push(`minLength: ${f.minLength}`);
  if (f.maxLength !== undefined) fields.push(`maxLength: ${f.maxLength}`);
  if (f.minInclusive !== undefined) fields.push(`minInclusive: ${stringLiteral(f.minInclusive)}`);
  if (f.maxInclusive !== undefined) fields.push(`maxInclusive: ${stringLiteral(f.maxInclusive)}`);
  if (f.minExclusive !== undefined) fields.push(`minExclusive: ${stringLiteral(f.minExclusive)}`);
  if (f.maxExclusive !== undefined) fields.push(`maxExclusive: ${stringLiteral(f.maxExclusive)}`);
  if (f.totalDigits !== undefined) fields.push(`totalDigits: ${f.totalDigits}`);
  if (f.fractionDigits !== undefined) fields.push(`fractionDigits: ${f.fractionDigits}`);
  if (f.members) fields.push(`members: [${f.members.map((m) => simpleRefExpr(m, ctx)).join(', ')}]`);
  if (f.item) fields.push(`itemType: ${simpleRefExpr(f.item, ctx)}`);
  // What only some simple types need of the runtime comes with them (see `withSupport`).
  const features: RuntimeValue[] = [];
  if (f.lex) features.push('lexicalSpaces');
  if (f.lex === 'anyURI') features.push('uriReferences');
  const kind = KIND_FEATURES[f.kind];
  if (kind !== undefined) features.push(kind);
  if (f.patterns || f.length !== undefined || f.minLength !== undefined || f.maxLength !== undefined || f.totalDigits !== undefined || f.fractionDigits !== undefined) features.push('lexicalFacets');
  const literal = `{ ${fields.join(', ')} }`;
  return features.length === 0 ? literal : `${PURE}${ctx.runtime('withSupport')}(${literal}, ${features.map((n) => ctx.runtime(n)).join(', ')})`;
}

function typeRefExpr(t: ElementType, ctx: Ctx): string {
  switch (t.kind) {
    case 'complex':
      return ctx.ready(t.decl) ? ctx.use(t.decl) : `() => ${ctx.use(t.decl)}`;
    case 'simple':
      return simpleRefExpr(t.ref, ctx);
    case 'anyType':
      return ctx.anyType();
  }
}

/**
 * Elements and groups are written as calls of the runtime's particle builders
 * (`elementDesc(xmlName, property, type, minOccurs, maxOccurs, options?)`,
 * `sequenceDesc(minOccurs, maxOccurs, particles, property?)`, …), which return the plain objects
 * of the format: a consumer's tsc checks such a call several times faster than the same object
 * literal against the `ParticleDesc` union (bench/consumer-tsc.bench.ts). `PURE` marks each call
 * free of side effects, so bundlers still drop the descriptors nothing reaches.
 */
function particleLiteral(p: ParticleBinding, ctx: Ctx, depth: number): string {
  const pad = '  '.repeat(depth);
  switch (p.kind) {
    case 'element': {
      const options: string[] = [];
      if (p.ns !== null) options.push(`namespace: ${stringLiteral(p.ns)}`);
      if (p.nillable) options.push('nillable: true');
      if (p.default !== undefined) options.push(`default: ${stringLiteral(p.default)}`);
      if (p.fixed !== undefined) options.push(`fixed: ${stringLiteral(p.fixed)}`);
      if (p.identity !== undefined) options.push(`identity: [${p.identity.map(identityLiteral).join(', ')}]`);
      if (p.block !== undefined) options.push(`block: ${stringLiteral(p.block.join(' '))}`);
      const args = [stringLiteral(p.xml), stringLiteral(p.prop), typeRefExpr(p.type, ctx), String(p.min), num(p.max)];
      if (options.length > 0) args.push(`{ ${options.join(', ')} }`);
      return `${PURE}${ctx.builder('elementDesc')}(${args.join(', ')})`;
    }
    case 'any':
      // A wildcard's content is kept as XML: the runtime's support for that comes with it.
      return `${PURE}${ctx.runtime('withSupport')}({ particle: 'any', property: ${stringLiteral(p.prop)}, minOccurs: ${p.min}, maxOccurs: ${num(p.max)}, namespaces: ${stringLiteral(p.namespace)}, processContents: ${stringLiteral(p.processContents)} }, ${ctx.runtime('untypedContent')})`;
    default: {
      const call = `${PURE}${ctx.builder(`${p.kind}Desc`)}(${p.min}, ${num(p.max)}, `;
      const prop = p.prop !== undefined ? `, ${stringLiteral(p.prop)}` : '';
      if (ctx.slot?.group === p) return `${call}${ctx.slot.expr}${prop})`;
      if (p.particles.length === 0) return `${call}[]${prop})`;
      const item = (c: ParticleBinding): string =>
        ctx.given?.particles.has(c) && c.kind === 'element' ? `...${ctx.given.expr}(${stringLiteral(c.prop)})` : particleLiteral(c, ctx, depth + 1);
      const items = p.particles.map((c) => `${pad}  ${item(c)},`).join('\n');
      return `${call}[\n${items}\n${pad}]${prop})`;
    }
  }
}

const PURE = '/*#__PURE__*/ ';

/** An identity constraint (`IdentityDesc`); a path's `descendant` only when true. */
export function identityLiteral(c: IdentityFacts): string {
  const path = (p: IdentityPathFacts): string => {
    const fields = [`steps: [${p.steps.map(stringLiteral).join(', ')}]`];
    if (p.descendant) fields.unshift('descendant: true');
    if (p.attribute !== undefined) fields.push(`attribute: ${stringLiteral(p.attribute)}`);
    return `{ ${fields.join(', ')} }`;
  };
  const fields = [
    `constraint: ${stringLiteral(c.kind)}`,
    `name: ${stringLiteral(c.name)}`,
    `selector: [${c.selector.map(path).join(', ')}]`,
    `fields: [${c.fields.map((f) => `[${f.map(path).join(', ')}]`).join(', ')}]`,
  ];
  if (c.refer !== undefined) fields.push(`refer: ${stringLiteral(c.refer)}`);
  return `{ ${fields.join(', ')} }`;
}

function attrLiteral(a: AttributeBinding, ctx: Ctx): string {
  const fields = [`xmlName: ${stringLiteral(a.xml)}`];
  if (a.ns !== null) fields.push(`namespace: ${stringLiteral(a.ns)}`);
  fields.push(`property: ${stringLiteral(a.prop)}`, `type: ${simpleRefExpr(a.type, ctx)}`);
  if (a.required) fields.push('required: true');
  if (a.default !== undefined) fields.push(`default: ${stringLiteral(a.default)}`);
  if (a.fixed !== undefined) fields.push(`fixed: ${stringLiteral(a.fixed)}`);
  return `{ ${fields.join(', ')} }`;
}

/** A complex type's literal, for a line indented `depth` levels (its inner lines one level more). */
function complexLiteral(d: ComplexDeclaration, ctx: Ctx, depth: number): string {
  const pad = '  '.repeat(depth);
  const lines = [`name: ${stringLiteral(d.schemaName)}`, `shape: ${stringLiteral(d.shape)}`];
  if (d.attributes.length > 0) lines.push(`attributes: [\n${d.attributes.map((a) => `${pad}    ${attrLiteral(a, ctx)},`).join('\n')}\n${pad}  ]`);
  if (d.content) lines.push(`content: ${particleLiteral(d.content, ctx, depth + 1)}`);
  if (d.text) lines.push(`text: ${simpleRefExpr(d.text, ctx)}`);
  if (d.mixed) lines.push('mixed: true');
  if (d.anyAttribute) lines.push('anyAttribute: true');
  if (d.anyAttributeNamespaces !== undefined) lines.push(`anyAttributeNamespaces: ${stringLiteral(d.anyAttributeNamespaces)}`);
  if (d.xsiTypes !== undefined) {
    const entries = d.xsiTypes.types.map((t) => {
      const fields = [`name: ${stringLiteral(t.discriminant)}`, `xmlName: ${stringLiteral(t.xml)}`];
      if (t.ns !== null) fields.push(`namespace: ${stringLiteral(t.ns)}`);
      fields.push(`type: () => ${ctx.use(t.decl)}`, `by: ${stringLiteral(t.by.join(' '))}`);
      return `${pad}    { ${fields.join(', ')} },`;
    });
    // An abstract type's stand-ins (`xsiTypes`), or a concrete type's (`derivedTypes`).
    const key = d.xsiTypes.concrete ? 'derivedTypes' : 'xsiTypes';
    lines.push(entries.length === 0 ? `${key}: []` : `${key}: [\n${entries.join('\n')}\n${pad}  ]`);
  }
  const literal = `{\n${lines.map((l) => `${pad}  ${l},`).join('\n')}\n${pad}}`;
  // xs:anyAttribute needs the runtime's support for attributes kept as written, a fixed value
  // the rule it is compared by (see `withSupport`).
  const features: RuntimeValue[] = [];
  if (d.anyAttribute) features.push('anyAttributes');
  if (d.attributes.some((a) => a.fixed !== undefined) || hasFixedElement(d.content)) features.push('fixedValues');
  return features.length === 0 ? literal : `${PURE}${ctx.runtime('withSupport')}(${literal}, ${features.map((n) => ctx.runtime(n)).join(', ')})`;
}

/** Whether a content particle declares an element with a fixed value (not inside the elements' own types). */
function hasFixedElement(p: ParticleBinding | null | undefined): boolean {
  if (p === null || p === undefined || p.kind === 'any') return false;
  if (p.kind === 'element') return p.fixed !== undefined;
  return p.particles.some(hasFixedElement);
}

function declaresIdentity(p: ParticleBinding): boolean {
  if (p.kind === 'element') return p.identity !== undefined && p.identity.length > 0;
  if (p.kind === 'any') return false;
  return p.particles.some(declaresIdentity);
}

/**
 * The complex declarations of one module as strongly connected components of their references
 * to each other (Tarjan), each component after those it refers to, in name order within one; the
 * walk visits names in order, so the result is deterministic.
 */
function complexComponents(decls: ComplexDeclaration[]): ComplexDeclaration[][] {
  const byName = [...decls].sort((a, b) => compare(a.name, b.name));
  const inSet = new Set(byName);
  const index = new Map<ComplexDeclaration, number>();
  const low = new Map<ComplexDeclaration, number>();
  const stack: ComplexDeclaration[] = [];
  const onStack = new Set<ComplexDeclaration>();
  const out: ComplexDeclaration[][] = [];
  const visit = (d: ComplexDeclaration): void => {
    index.set(d, index.size);
    low.set(d, index.get(d)!);
    stack.push(d);
    onStack.add(d);
    for (const dep of complexDeps(d)) {
      if (!inSet.has(dep)) continue;
      if (!index.has(dep)) {
        visit(dep);
        low.set(d, Math.min(low.get(d)!, low.get(dep)!));
      } else if (onStack.has(dep)) low.set(d, Math.min(low.get(d)!, index.get(dep)!));
    }
    if (low.get(d) === index.get(d)) {
      const component: ComplexDeclaration[] = [];
      let member: ComplexDeclaration;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== d);
      out.push(component.sort((a, b) => compare(a.name, b.name)));
    }
  };
  for (const d of byName) if (!index.has(d)) visit(d);
  return out;
}

/** The complex declarations `d`'s content refers to, in order of appearance. */
function complexDeps(d: ComplexDeclaration): ComplexDeclaration[] {
  const deps: ComplexDeclaration[] = [];
  const walk = (p: ParticleBinding): void => {
    if (p.kind === 'element') {
      if (p.type.kind === 'complex') deps.push(p.type.decl);
    } else if (p.kind !== 'any') p.particles.forEach(walk);
  };
  if (d.content) walk(d.content);
  return deps;
}

/** Simple declarations ordered so each comes after the simple types it refers to. */
function topoSortSimple(decls: SimpleDeclaration[]): SimpleDeclaration[] {
  const byName = [...decls].sort((a, b) => compare(a.name, b.name));
  const inSet = new Set(byName);
  const done = new Set<SimpleDeclaration>();
  const out: SimpleDeclaration[] = [];
  const visit = (d: SimpleDeclaration): void => {
    if (done.has(d)) return;
    done.add(d);
    for (const dep of simpleDeps(d.facts)) if (inSet.has(dep)) visit(dep);
    out.push(d);
  };
  byName.forEach(visit);
  return out;
}

function simpleDeps(f: SimpleFacts): SimpleDeclaration[] {
  const refs = [...(f.members ?? []), ...(f.item ? [f.item] : [])];
  return refs.flatMap((r) => (r.kind === 'named' ? [r.decl] : simpleDeps(r.facts)));
}


/**
 * A run of at least 32 character escapes or ranges (`\\u{AA}`, `\\u{C0}-\\u{D6}`) in a pattern.
 *
 * Each long run of character ranges that a module's patterns repeat is written once, as a
 * constant, and joined into the patterns that use it. Classes such as `\\p{L}` are spelled out
 * range by range for the Unicode version libxml2 checks against (6 KB each), and one pattern may
 * hold several: the real set's `emailType` holds five identical runs, 30 KB written out, 6 KB this
 * way — in bundles too, since a bundler keeps one copy of the constant. The patterns the runtime
 * compiles are the same strings. The join is marked pure (`/*#__PURE__*\/`): bundlers do not
 * know that joining strings has no side effects, and would otherwise keep every such type
 * whether it is used or not.
 */
const RANGE_RUN = /(?:\\u\{[0-9A-F]+\}(?:-\\u\{[0-9A-F]+\})?){32,}/g;

/** A pattern as a string expression: a literal, or the join of its parts when it holds a run named in `names`. */
function rangesLiteral(source: string, names: ReadonlyMap<string, string>): string {
  const runs = [...source.matchAll(RANGE_RUN)];
  if (!runs.some((m) => names.has(m[0]))) return stringLiteral(source);
  const parts: string[] = [];
  let at = 0;
  for (const m of runs) {
    if (m.index > at) parts.push(stringLiteral(source.slice(at, m.index)));
    parts.push(names.get(m[0]) ?? stringLiteral(m[0]));
    at = m.index + m[0].length;
  }
  if (at < source.length) parts.push(stringLiteral(source.slice(at)));
  return `/*#__PURE__*/ [${parts.join(', ')}].join('')`;
}

function num(n: number): string {
  return n === Infinity ? 'Infinity' : String(n);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
