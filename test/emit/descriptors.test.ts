// The descriptor format: the generator writes the format the runtime reads, every descriptor
// module says which format it is in, and a tree in another format fails at import with a
// message naming both versions.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DESCRIPTOR_FORMAT as RUNTIME_FORMAT, checkDescriptorFormat } from 'plesk-api-codegen-runtime';
import { DESCRIPTOR_FORMAT as GENERATOR_FORMAT } from '../../generator/emit/descriptors.js';
import { EMBEDDED_SCHEMAS_DIR } from '../support/seeds.js';
import { NO_CHECK_LINE, generateToTemp, removeTemp, typecheck } from '../support/tree.js';

describe('descriptor format', () => {
  const tree = generateToTemp(EMBEDDED_SCHEMAS_DIR, { client: false });
  afterAll(() => removeTemp(tree));

  it('is the same number in the generator and the runtime', () => {
    expect(GENERATOR_FORMAT).toBe(RUNTIME_FORMAT);
  });

  it('is declared by every descriptor module', () => {
    for (const side of ['shared', 'request', 'response']) {
      const text = readFileSync(join(tree, 'descriptors', `${side}.ts`), 'utf8');
      expect(text).toContain(`checkDescriptorFormat(${GENERATOR_FORMAT});`);
    }
  });

  it('refuses another format with both version numbers', () => {
    expect(() => checkDescriptorFormat(RUNTIME_FORMAT)).not.toThrow();
    expect(() => checkDescriptorFormat(1)).toThrow(`reads descriptor format ${RUNTIME_FORMAT}, but these descriptors were generated in format 1`);
  });

  it('stops a tree generated in another format at import', async () => {
    const file = join(tree, 'descriptors', 'shared.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace(`checkDescriptorFormat(${GENERATOR_FORMAT});`, `checkDescriptorFormat(${GENERATOR_FORMAT + 1});`));
    await expect(import(pathToFileURL(join(tree, 'request.ts')).href)).rejects.toThrow(
      `reads descriptor format ${RUNTIME_FORMAT}, but these descriptors were generated in format ${GENERATOR_FORMAT + 1}`,
    );
  });
});

// Descriptor and per-operator modules carry `@ts-nocheck` (templates/descriptors.ts.hbs,
// templates/plesk/operator.ts.hbs): everything they export is declared with its type, so a
// consumer's tsc gains nothing by checking them. The tests'
// type-checks remove the line first (`checkEveryModule`), so a descriptor that does not match the
// runtime's types still fails here.
describe('descriptor modules and tsc', () => {
  const tree = generateToTemp(EMBEDDED_SCHEMAS_DIR);
  afterAll(() => removeTemp(tree));
  const modules = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? modules(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []));

  it('and the per-operator modules are the only ones a consumer does not type-check', () => {
    const all = modules(tree).map((file) => relative(tree, file));
    const unchecked = all.filter((file) => readFileSync(join(tree, file), 'utf8').split('\n')[1] === NO_CHECK_LINE.trim());
    expect(unchecked.sort()).toEqual(all.filter((file) => /^(descriptors|operators)\//.test(file)).sort());
    expect(unchecked).toContain('descriptors/shared.ts');
    expect(unchecked).toContain('operators/server.ts');
    for (const file of modules(tree)) expect(readFileSync(file, 'utf8').split(NO_CHECK_LINE).length, file).toBeLessThanOrEqual(2);
  });

  it('are type-checked by the tests all the same', () => {
    const file = join(tree, 'descriptors', 'shared.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nexport const notADescriptor: ComplexDesc = { name: 'x', shape: 'round' };\n`);
    expect(typecheck(tree)).toMatch(/descriptors\/shared\.ts.*error TS2322: Type '"round"' is not assignable/);
  });
});
