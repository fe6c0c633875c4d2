/**
 * Every request operation of a schema set is a typed client method: the operations come from the
 * schema model (test/support/operations.ts, independent of the binding model and the client
 * emitter), and a generated assertion file checks, with tsc, that each has a method whose
 * parameter, resolved value and settled value are exactly the packet types' (see there). Prints
 * the count; 357/357 for the real set (rpc-2015).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR, REPO_ROOT } from '../support/seeds.js';
import { generateToTemp, removeTemp, typecheck } from '../support/tree.js';
import { failingOperations, operationAssertions, requestOperations } from '../support/operations.js';

/** The README's examples of settled results and batches (written for the real set's operators). */
const README_CLIENT_EXAMPLES = join(REPO_ROOT, 'test', 'fixtures', 'consumer', 'readme-client.check.ts');

const trees: string[] = [];
afterAll(() => trees.forEach(removeTemp));

describe.each([
  ['embedded', EMBEDDED_SCHEMAS_DIR],
  ['real', REAL_SCHEMAS_DIR],
])('every request operation of the %s set', (label, schemaDir) => {
  it('has a client method with the parameter and result types of the packet', () => {
    const ops = requestOperations(schemaDir);
    expect(ops.length).toBeGreaterThan(0);
    const tree = generateToTemp(schemaDir);
    trees.push(tree);
    const { source, lineOf } = operationAssertions(ops);
    mkdirSync(join(tree, '__consumer__'), { recursive: true });
    writeFileSync(join(tree, '__consumer__', 'operations.ts'), source);
    const output = typecheck(tree, label === 'real' ? [README_CLIENT_EXAMPLES] : []);
    const failing = failingOperations(output, 'operations.ts', lineOf);
    const reached = ops.length - failing.length;
    console.log(`${label} set: ${reached}/${ops.length} request operations are typed client methods`);
    expect(failing.map((o) => `${o.operator}/${o.operation}`)).toEqual([]);
    expect(output).toBe('');
  });
});
