/**
 * Every request operation of a schema set, found in the schema model (not in the binding model
 * or the client emitter), and a type-level check that the generated client has a method for each
 * with the right parameter and result types.
 *
 * The check is a TypeScript file of assertions, one line per operation, compiled with tsc against
 * the generated tree: the expected types are read from the generated packet types
 * (`RequestPacket`/`ResponsePacket`) by operator and operation name, and must be identical
 * (`Equal`, not merely assignable) to the method's parameter, resolved value, settled value and
 * batch entry.
 * A missing method or a wrong type is a tsc error on that operation's line.
 */
import { elementParticles, type ElementDecl, type SchemaSet } from '../../generator/model/index.js';
import { loadSchemaSets, packetOperators } from '../../generator/profiles/plesk/schemas.js';
import { camelCase, stringLiteral } from '../../generator/binding/names.js';

export interface SchemaOperation {
  operator: string;
  operation: string;
  /** The operation element has no content (a flag): the method takes no parameters. */
  flag: boolean;
}

/** Operation elements of an operator: every element particle of its type's content model, whatever the groups. */
function operationsOf(operator: ElementDecl): ElementDecl[] {
  if (operator.type.kind !== 'complex') return [];
  const seen = new Set<string>();
  return elementParticles(operator.type.content)
    .map((p) => p.particle.decl)
    .filter((d) => !seen.has(d.name.local) && seen.add(d.name.local));
}

function isFlag(decl: ElementDecl): boolean {
  const t = decl.type;
  if (t.kind !== 'complex') return false;
  if (t.name?.local === 'anyType' && t.name.ns === 'http://www.w3.org/2001/XMLSchema') return true;
  return t.contentKind === 'empty' && t.attributes.length === 0 && t.anyAttribute === undefined;
}

/** Every (operator, operation) a request can carry, in schema order. */
export function requestOperations(schemaDir: string): SchemaOperation[] {
  const sets = loadSchemaSets(schemaDir);
  const out: SchemaOperation[] = [];
  const input: SchemaSet = sets.input;
  for (const operator of packetOperators(input)) {
    for (const op of operationsOf(operator)) out.push({ operator: operator.name.local, operation: op.name.local, flag: isFlag(op) });
  }
  return out;
}

const PRELUDE = `import type { BatchOperation, PleskCallOptions, PleskClient, PleskOperators, RequestPacket, ResponsePacket, SettledOperation } from '../index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
/** The value of operator O in a packet's operators (a union of one-operator branches). */
type Section<P, O extends string> = P extends { operators?: readonly (infer I)[] } ? (I extends { [K in O]: infer S } ? S : never) : never;
/** The one-operation objects of an operator value: the items of a list, else the value itself. */
type Holders<S> = S extends readonly (infer I)[] ? I : S;
/** The value of operation K in an operator value, whatever its layout. */
type Op<S, K extends string> = NonNullable<Holders<S> extends infer H ? (H extends { [P in K]?: infer V } ? V : never) : never>;
type Req<O extends string, K extends string> = Op<Section<RequestPacket, O>, K>;
type Answer<O extends string, K extends string> = Op<Section<ResponsePacket, O>, K>;
/** What a method resolves with: the answer's result (or results), else the whole answer. */
type Value<A> = 'result' extends keyof A ? NonNullable<A['result' & keyof A]> : A;
type One<V> = V extends readonly (infer R)[] ? R : V;
type Params<F> = F extends (...args: infer A) => unknown ? A : never;
type Resolved<F> = F extends (...args: never[]) => Promise<infer V> ? V : never;
type Settled<V, A> = SettledOperation<One<V>, V, A>;
`;

/**
 * The assertion file for a generated tree at `<tree>/__consumer__/`, and the line of each
 * operation's assertions. `naming` decides member names the way the binding does.
 */
export function operationAssertions(ops: SchemaOperation[], naming: 'camel' | 'xml' = 'camel'): { source: string; lineOf: Map<number, SchemaOperation> } {
  const name = (xml: string): string => (naming === 'xml' ? xml : camelCase(xml));
  const lines = PRELUDE.split('\n');
  const lineOf = new Map<number, SchemaOperation>();
  ops.forEach((op, i) => {
    const o = stringLiteral(name(op.operator));
    const k = stringLiteral(name(op.operation));
    const method = `PleskClient[${o}][${k}]`;
    const settled = `PleskClient['settled'][${o}][${k}]`;
    const batch = `PleskOperators<'batch'>[${o}][${k}]`;
    const params = op.flag
      ? `Assert<Equal<Params<${method}>, [opts?: PleskCallOptions]>>, Assert<true extends Req<${o}, ${k}> ? true : false>`
      : `Assert<Equal<Params<${method}>[0], Req<${o}, ${k}>>>`;
    lines.push(
      `export type Op${i} = [${params}, Assert<Equal<Resolved<${method}>, Value<Answer<${o}, ${k}>>>>, Assert<Equal<Resolved<${settled}>, Settled<Value<Answer<${o}, ${k}>>, Answer<${o}, ${k}>>>>, Assert<Equal<ReturnType<${batch}>, BatchOperation<One<Value<Answer<${o}, ${k}>>>, Value<Answer<${o}, ${k}>>, Answer<${o}, ${k}>>>>];`,
    );
    lineOf.set(lines.length, op);
  });
  return { source: `${lines.join('\n')}\n`, lineOf };
}

/** The operations whose assertion line has a tsc error (by `file(line,col)` in tsc's output). */
export function failingOperations(tscOutput: string, file: string, lineOf: Map<number, SchemaOperation>): SchemaOperation[] {
  const failing = new Set<SchemaOperation>();
  const re = new RegExp(`${file.replace(/[.]/g, '\\.')}\\((\\d+),\\d+\\)`, 'g');
  for (const m of tscOutput.matchAll(re)) {
    const op = lineOf.get(Number(m[1]));
    if (op) failing.add(op);
  }
  return [...failing];
}
