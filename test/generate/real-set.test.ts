// The bindings generated from the real Plesk schema set compile under tsc --strict, and a
// consumer writing the documented seed packets as typed objects compiles, with the packets that
// must not compile refused (the @ts-expect-error lines of the consumer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR, REPO_ROOT } from '../support/seeds.js';
import { generateToTemp, removeTemp, typecheck } from '../support/tree.js';
import { generate } from '../../generator/generate.js';

const CONSUMER = join(REPO_ROOT, 'test', 'fixtures', 'consumer', 'seeds.check.ts');
const README_EXAMPLE = join(REPO_ROOT, 'test', 'fixtures', 'consumer', 'readme.check.ts');

describe.each([
  ['real Plesk set', REAL_SCHEMAS_DIR],
  ['embedded set', EMBEDDED_SCHEMAS_DIR],
])('bindings of the %s', (_label, schemaDir) => {
  let tree: string;
  beforeAll(() => {
    tree = generateToTemp(schemaDir);
  });
  afterAll(() => removeTemp(tree));

  it('type-check under tsc --strict with a consumer of the seed packets and the README example', () => {
    expect(typecheck(tree, [CONSUMER, README_EXAMPLE])).toBe('');
  });
});

describe('generated tree layout of the real set', () => {
  const { files, model } = generate(REAL_SCHEMAS_DIR);

  it('keeps the 13 differing types apart under side-suffixed names', () => {
    const names = new Set(model.declarations.map((d) => d.name));
    for (const base of ['ServicesManagementType', 'ServerOperatorType', 'GetProtosType', 'LicenseInstallType']) {
      expect(names.has(`${base}Request`), base).toBe(true);
      expect(names.has(`${base}Response`), base).toBe(true);
      expect(names.has(base), base).toBe(false);
    }
    expect(files.get('request/server_input.ts')).toMatch(/export interface ServicesManagementTypeRequest \{/);
    expect(files.get('response/server_output.ts')).toMatch(/export interface ServicesManagementTypeResponse \{/);
  });

  it('gives names differing only in case distinct identifiers and files distinct on case-insensitive file systems', () => {
    const names = model.declarations.map((d) => d.name);
    expect(names).toContain('GetTypeRequest');
    expect(names).toContain('GetTypeResponse');
    expect(new Set(names).size).toBe(names.length);
    const lower = [...files.keys()].map((p) => p.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });

  it('does not shadow TypeScript globals with Plesk simple types named string, boolean, date', () => {
    const shared = files.get('shared/common.ts')!;
    expect(shared).toMatch(/export type StringType = string;/);
    expect(shared).toMatch(/export type BooleanType = boolean;/);
    expect(shared).toMatch(/export type DateType = string;/);
    expect(shared).not.toMatch(/export type (String|Boolean|Date) =/);
  });

  it('is byte-identical across runs', () => {
    const again = generate(REAL_SCHEMAS_DIR).files;
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [path, content] of files) expect(again.get(path), path).toBe(content);
  });

  it('lists the 43 request operators with their operations', () => {
    const withRequest = model.operators.filter((o) => o.request !== null);
    expect(withRequest).toHaveLength(43);
    const server = model.operators.find((o) => o.xml === 'server')!;
    expect(server.operations.map((o) => o.prop)).toEqual(expect.arrayContaining(['srvMan', 'getProtos']));
  });
});
