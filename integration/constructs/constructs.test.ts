/**
 * Golden-file tests over the constructs fixture (`schemas/`): a small Plesk-style schema set
 * that uses every XSD construct the generator binds.
 *
 * - The generated tree is compared byte for byte with the committed one in `generated/`
 *   (missing and extra files fail too). Regenerate it with `UPDATE_GOLDEN=1 npx vitest run
 *   integration/constructs` and review the diff: it is what users read.
 * - The tree holds no runtime: it imports the package `plesk-api-codegen-runtime` by name.
 * - The golden tree type-checks under `tsc --strict` against that package's `.d.ts`, together
 *   with `types.check.ts`, whose `@ts-expect-error` lines prove what must not compile.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, type GenerateOptions } from '../../generator/generate.js';
import { PACKAGE_ROOT } from '../../generator/emit/modules.js';
import { createValidator } from '../../test/support/libxml.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCHEMAS = join(HERE, 'schemas');
const GOLDEN = join(HERE, 'generated');
const UPDATE = process.env.UPDATE_GOLDEN === '1';


function generateConstructs(options: Partial<GenerateOptions> = {}): Map<string, string> {
  return generate(SCHEMAS, { label: 'constructs', protocolVersion: null, client: false, ...options }).files;
}

/** Every file under `dir`, by path relative to it (with `/`). */
function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

function writeTree(dir: string, files: Map<string, string>): void {
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** The first line where two texts differ, for a readable failure. */
function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  golden:    ${JSON.stringify(a[i])}\n  generated: ${JSON.stringify(b[i])}`;
  }
  return 'no line differs (line endings?)';
}

const generated = generateConstructs();

describe('constructs fixture schemas', () => {
  it('compile with libxml2', () => {
    for (const root of ['agent_input.xsd', 'agent_output.xsd'] as const) {
      const validator = createValidator(SCHEMAS, root);
      validator.dispose();
    }
  });

  it('accept a packet using the repeating choices of operators and operations', () => {
    const input = createValidator(SCHEMAS, 'agent_input.xsd');
    const packet = `<packet version="1.0">
      <alpha><services><id>web</id><operation>start</operation></services><get><filter><id>1</id><id>2</id></filter></get></alpha>
      <gamma><tree><name>root</name><child><name>leaf</name></child></tree></gamma>
      <beta><ping/><echo>anything</echo></beta>
    </packet>`;
    expect(input.validate(packet)).toEqual({ valid: true, errors: [] });
    input.dispose();
  });
});

describe('constructs golden tree', () => {
  it(UPDATE ? 'is rewritten (UPDATE_GOLDEN=1)' : 'matches the committed files byte for byte', () => {
    const want = generated;
    if (UPDATE) {
      rmSync(GOLDEN, { recursive: true, force: true });
      writeTree(GOLDEN, want);
    }
    const golden = readTree(GOLDEN);
    const missing = [...want.keys()].filter((p) => !golden.has(p));
    const extra = [...golden.keys()].filter((p) => !want.has(p));
    const differing = [...want.keys()]
      .filter((p) => golden.has(p) && golden.get(p) !== want.get(p))
      .map((p) => `${p}: ${firstDifference(golden.get(p)!, want.get(p)!)}`);
    const hint = 'regenerate with UPDATE_GOLDEN=1 and review the diff';
    expect(missing, `generated files missing from generated/ (${hint})`).toEqual([]);
    expect(extra, `files in generated/ the generator no longer writes (${hint})`).toEqual([]);
    expect(differing, `files that differ from generated/ (${hint})`).toEqual([]);
  });

  it('imports the runtime from its package, by name, and holds none of it', () => {
    const specifiers = new Set<string>();
    for (const text of generated.values()) {
      for (const m of text.matchAll(/^(?:import|export)\b[^;]*?from '([^']+)';/gms)) if (!m[1].startsWith('.')) specifiers.add(m[1]);
    }
    expect([...specifiers].sort()).toEqual(['plesk-api-codegen-runtime', 'plesk-api-codegen-runtime/client', 'plesk-api-codegen-runtime/testing']);
    expect([...generated.keys()].filter((p) => p.startsWith('runtime/'))).toEqual([]);
  });

  it('has no file the golden layout does not expect', () => {
    const tops = [...new Set([...generated.keys()].map((p) => (p.includes('/') ? `${p.split('/')[0]}/` : p)))].sort();
    expect(tops).toEqual(['descriptors/', 'index.ts', 'operators/', 'request.ts', 'request/', 'response.ts', 'response/', 'shared/', 'testing/']);
  });
});

describe('constructs golden tree type-checks', () => {
  const TSC = join(PACKAGE_ROOT, 'node_modules', '.bin', 'tsc');
  // Under node_modules so that `plesk-api-codegen-runtime` (the workspace package) resolves.
  const cache = join(PACKAGE_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'constructs-tsc-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Copies the golden tree and `types.check.ts` into `work/<name>` and runs tsc over `include`. */
  function tsc(name: string, include: string[]): { status: number | null; output: string } {
    const dir = join(work, name);
    cpSync(GOLDEN, join(dir, 'generated'), { recursive: true });
    cpSync(join(HERE, 'types.check.ts'), join(dir, 'types.check.ts'));
    const config = {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023'],
        types: ['node'],
        typeRoots: [join(PACKAGE_ROOT, 'node_modules', '@types')],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        noUnusedLocals: false,
      },
      include,
    };
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
    const run = spawnSync(TSC, ['-p', join(dir, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}`.split(dir).join('<tree>') };
  }

  it('types, descriptors and types.check.ts (every @ts-expect-error needed)', () => {
    const result = tsc('types', ['generated/shared', 'generated/request', 'generated/response', 'generated/descriptors', 'types.check.ts']);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('the packet modules, the index, the operators and the testing stand-in', () => {
    const result = tsc('whole', ['generated/request.ts', 'generated/response.ts', 'generated/index.ts', 'generated/operators', 'generated/testing']);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('generation options', () => {
  it('is deterministic: two runs give the same files in the same order', () => {
    const again = generateConstructs();
    expect([...again.keys()]).toEqual([...generated.keys()]);
    expect(again).toEqual(generated);
  });

  it("naming: 'xml' keeps the XML names as (quoted) keys", () => {
    const files = generateConstructs({ naming: 'xml' });
    const input = files.get('request/agent_input.ts')!;
    expect(input).toContain("'foo-bar': StringType;");
    expect(input).toContain('foo_bar: StringType;');
    expect(input).toContain("'trace-id': StringType;");
    expect(input).toContain("'owner-id': number;");
    expect(input).toContain("'dry-run'?: BooleanType;");
    expect(input).not.toContain('fooBar');
    const shared = files.get('shared/common.ts')!;
    expect(shared).toContain("'short-text': string;");
    const descriptors = files.get('descriptors/request.ts')!;
    expect(descriptors).toContain("elementDesc('foo-bar', 'foo-bar', ");
    expect(descriptors).toContain("elementDesc('gen_info', 'gen_info', ");
  });

  it("integers: 'bigint' makes xs:long and unbounded integers bigint, xs:int stays number", () => {
    const files = generateConstructs({ integers: 'bigint' });
    const shared = files.get('shared/common.ts')!;
    expect(shared).toMatch(/export type BigCountType = bigint;/);
    expect(shared).toMatch(/export type HugeType = bigint;/);
    expect(shared).toMatch(/export type PortType = number;/);
    expect(shared).toMatch(/\n {2}int: number;\n/);
    expect(shared).toMatch(/\n {2}long: bigint;\n/);
    expect(shared).toMatch(/\n {2}errcode\?: number;\n/);
    const descriptors = files.get('descriptors/shared.ts')!;
    expect(descriptors).toContain("export const xs_long: SimpleDesc = /*#__PURE__*/ withSupport({ name: 'xs:long', kind: 'bigint',");
    expect(descriptors).toContain("export const xs_int: SimpleDesc = { name: 'xs:int', kind: 'integer',");
    // The default keeps every integer a number.
    expect(generated.get('shared/common.ts')).toMatch(/export type BigCountType = number;/);
  });
});
