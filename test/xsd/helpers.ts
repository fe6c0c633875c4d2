import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, type CommandIo } from '../../generator/cli.js';
import { SchemaError, loadSchemaSet, type ElementParticle, type ModelGroup, type Particle, type SchemaDiagnostic, type SchemaSet, type TypeDef } from '../../generator/model/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
export const fixturesDir = join(repoRoot, 'test/fixtures/xsd');
export const pleskDir = process.env.PLESK_SCHEMAS_DIR ?? resolve(repoRoot, '../shared/plesk-schemas/rpc-2015');

export function fixture(name: string, root: string): SchemaSet {
  return loadSchemaSet(join(fixturesDir, name), root);
}

/** The diagnostics a fixture fails with (fails the test when it loads cleanly). */
export function fixtureErrors(name: string, root = 'root.xsd'): SchemaDiagnostic[] {
  try {
    loadSchemaSet(join(fixturesDir, name), root);
  } catch (e) {
    if (e instanceof SchemaError) return e.diagnostics;
    throw e;
  }
  throw new Error(`fixture ${name} loaded without errors`);
}

export function type(set: SchemaSet, key: string): TypeDef {
  const t = set.types.get(key);
  if (t === undefined) throw new Error(`no type ${key}`);
  return t;
}

export function complex(set: SchemaSet, key: string) {
  const t = type(set, key);
  if (t.kind !== 'complex') throw new Error(`${key} is not complex`);
  return t;
}

export function simple(set: SchemaSet, key: string) {
  const t = type(set, key);
  if (t.kind !== 'simple') throw new Error(`${key} is not simple`);
  return t;
}

export function group(p: Particle | null | undefined): ModelGroup {
  if (p === null || p === undefined || p.kind === 'element' || p.kind === 'any') throw new Error(`not a model group: ${p?.kind}`);
  return p;
}

export function elem(p: Particle | null | undefined): ElementParticle {
  if (p === null || p === undefined || p.kind !== 'element') throw new Error(`not an element particle: ${p?.kind}`);
  return p;
}

/** A compact text form of a particle tree: `seq(a,b[0..1],choice[0..n](c,d))`. */
export function shape(p: Particle | null): string {
  if (p === null) return 'null';
  const occ = p.min === 1 && p.max === 1 ? '' : `[${p.min}..${p.max === Infinity ? 'n' : p.max}]`;
  if (p.kind === 'element') return `${p.decl.name.local}${occ}`;
  if (p.kind === 'any') return `any${occ}`;
  const k = p.kind === 'sequence' ? 'seq' : p.kind;
  return `${k}${occ}(${p.particles.map(shape).join(',')})`;
}

/** Runs one plesk-codegen command in process, capturing what it prints. */
export async function runCommand(command: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await main([command, ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
