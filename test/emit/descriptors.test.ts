// The descriptor format: the generator writes the format the runtime reads, every descriptor
// module says which format it is in, and a tree in another format fails at import with a
// message naming both versions.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DESCRIPTOR_FORMAT as RUNTIME_FORMAT, checkDescriptorFormat } from 'plesk-api-codegen-runtime';
import { DESCRIPTOR_FORMAT as GENERATOR_FORMAT } from '../../generator/emit/descriptors.js';
import { EMBEDDED_SCHEMAS_DIR } from '../support/seeds.js';
import { generateToTemp, removeTemp } from '../support/tree.js';

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
