/**
 * Golden trees per generator option combination, over one small fixture schema (`schemas/`):
 * an operator of each content model Plesk uses for operators (repeating choice, plain choice,
 * sequence), hyphenated and underscored names, flags, a filter operation, 64-bit and 32-bit
 * integers — so that every option changes something the client uses.
 *
 * Each `integration/options-<combination>/` folder holds `options.json` (the generator options),
 * `generated/` (the golden tree) and `consumer.check.ts` (a consumer type-checked against it,
 * with `@ts-expect-error` lines for what must not compile):
 *
 * | folder                | naming | integers | client | protocol version |
 * |-----------------------|--------|----------|--------|------------------|
 * | options-default       | camel  | number   | yes    | 1.6.9.1          |
 * | options-xml-naming    | xml    | number   | yes    | none             |
 * | options-bigint        | camel  | bigint   | yes    | 1.6.9.1          |
 * | options-no-client     | xml    | bigint   | no     | none             |
 *
 * Every option value is compiled with the client (or without it) at least once; the pairs that
 * interact with the client's names and types (naming × client, integers × client) are covered.
 *
 * For each: the generated tree equals `generated/` byte for byte (regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run integration/options-fixture` and review the diff), it
 * type-checks under `tsc --strict` with its consumer, and, with a client, a batch over all three
 * operator layouts goes through the tree's stand-in (which checks the request with the strict
 * parser) and libxml2 accepts the packet it sent.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, type GenerateOptions } from '../../generator/generate.js';
import { PACKAGE_ROOT } from '../../generator/emit/modules.js';
import { createValidator } from '../../test/support/libxml.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCHEMAS = join(HERE, 'schemas');
const INTEGRATION = dirname(HERE);
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Combination {
  name: string;
  dir: string;
  options: Required<Pick<GenerateOptions, 'naming' | 'integers' | 'client' | 'protocolVersion'>>;
}

const combinations: Combination[] = readdirSync(INTEGRATION)
  .filter((name) => name.startsWith('options-') && existsSync(join(INTEGRATION, name, 'options.json')))
  .sort()
  .map((name) => ({ name, dir: join(INTEGRATION, name), options: JSON.parse(readFileSync(join(INTEGRATION, name, 'options.json'), 'utf8')) }));

function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  golden:    ${JSON.stringify(a[i])}\n  generated: ${JSON.stringify(b[i])}`;
  }
  return 'no line differs';
}

const TSC = join(PACKAGE_ROOT, 'node_modules', '.bin', 'tsc');
const cache = join(PACKAGE_ROOT, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'options-tsc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('finds the four option combinations', () => {
  expect(combinations.map((c) => c.name)).toEqual(['options-bigint', 'options-default', 'options-no-client', 'options-xml-naming']);
});

describe.each(combinations)('$name', ({ name, dir, options }) => {
  const golden = join(dir, 'generated');

  it(UPDATE ? 'is rewritten (UPDATE_GOLDEN=1)' : 'matches the golden tree byte for byte', () => {
    const files = generate(SCHEMAS, { label: 'options', ...options }).files;
    if (UPDATE) {
      rmSync(golden, { recursive: true, force: true });
      for (const [path, content] of files) {
        mkdirSync(dirname(join(golden, path)), { recursive: true });
        writeFileSync(join(golden, path), content);
      }
    }
    const have = readTree(golden);
    const hint = 'regenerate with UPDATE_GOLDEN=1 and review the diff';
    expect([...files.keys()].filter((p) => !have.has(p)), `missing from generated/ (${hint})`).toEqual([]);
    expect([...have.keys()].filter((p) => !files.has(p)), `not generated any more (${hint})`).toEqual([]);
    const differing = [...files].filter(([p, text]) => have.get(p) !== undefined && have.get(p) !== text);
    expect(differing.map(([p, text]) => `${p}: ${firstDifference(have.get(p)!, text)}`), hint).toEqual([]);
    expect(files.has('client.ts')).toBe(options.client);
  });

  it('type-checks under tsc --strict with its consumer (every @ts-expect-error needed)', () => {
    const target = join(work, name);
    cpSync(golden, join(target, 'generated'), { recursive: true });
    cpSync(join(dir, 'consumer.check.ts'), join(target, 'consumer.check.ts'));
    writeFileSync(join(target, 'package.json'), '{ "type": "module" }\n');
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
      include: ['generated', 'consumer.check.ts'],
    };
    writeFileSync(join(target, 'tsconfig.json'), JSON.stringify(config));
    const run = spawnSync(TSC, ['-p', join(target, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`.split(target).join('<tree>')).toBe('');
    expect(run.status).toBe(0);
  });

  it.runIf(options.client)('sends a batch over every operator layout through the stand-in, and libxml2 accepts the packet', async () => {
    /* eslint-disable @typescript-eslint/no-explicit-any */
    const client = await import(pathToFileURL(join(golden, 'client.ts')).href);
    const request = await import(pathToFileURL(join(golden, 'request.ts')).href);
    const { startStandin } = await import(pathToFileURL(join(golden, 'testing', 'standin.ts')).href);
    const n = (xml: string): string => (options.naming === 'xml' ? xml : xml.replace(/[-_]([a-z])/g, (_, c: string) => c.toUpperCase()));
    const int = (v: number): number | bigint => (options.integers === 'bigint' ? BigInt(v) : v);
    // Beyond 2^53 for bigint trees (kept exactly); a number tree would refuse it, so 1024 there.
    const maxSize = options.integers === 'bigint' ? '9007199254740993' : '1024';
    const auth = { login: 'admin', password: 'secret' };
    const standin = await startStandin({ auth, parseRequest: (xml: string) => request.parseRequest(xml) });
    const plesk = new client.PleskClient({ ...standin.connection, auth, timeoutMs: 5000 });
    try {
      standin.enqueue(
        '<packet><account><add-account><result><status>ok</status><account-id>11</account-id></result></add-account>' +
          '<get><result><status>ok</status><login_name>a</login_name></result><result><status>error</status><errcode>1013</errcode><errtext>no b</errtext></result></get></account>' +
          '<db-host><get-local><result><status>ok</status><host-id>4</host-id></result></get-local></db-host>' +
          '<db-host><set-default><result><status>ok</status></result></set-default></db-host>' +
          `<mail_prefs><get_prefs><result><status>ok</status><max-size>${maxSize}</max-size></result></get_prefs></mail_prefs></packet>`,
      );
      const [added, got, local, set, prefs] = await plesk.batchSettled((op: any) => [
        op.account[n('add-account')]({ [n('login_name')]: 'jdoe', [n('owner-id')]: int(7) }),
        op.account.get({ filter: { [n('login_name')]: ['a', 'b'] } }),
        op[n('db-host')][n('get-local')](),
        op[n('db-host')][n('set-default')]({ [n('host-id')]: int(3) }),
        op[n('mail_prefs')][n('get_prefs')](),
      ]);
      const sent = standin.requests.at(-1).body as string;
      expect(sent.replace(/^<\?xml[^>]*>\s*/, '')).toBe(
        `<packet${options.protocolVersion === null ? '' : ` version="${options.protocolVersion}"`}>` +
          '<account><add-account><login_name>jdoe</login_name><owner-id>7</owner-id></add-account><get><filter><login_name>a</login_name><login_name>b</login_name></filter></get></account>' +
          '<db-host><get-local/></db-host><db-host><set-default><host-id>3</host-id></set-default></db-host><mail_prefs><get_prefs/></mail_prefs></packet>',
      );
      const validator = createValidator(SCHEMAS, 'agent_input.xsd');
      try {
        expect(validator.validate(sent)).toEqual({ valid: true, errors: [] });
      } finally {
        validator.dispose();
      }
      expect(added).toMatchObject({ ok: true, value: { [n('account-id')]: int(11) } });
      expect(got).toMatchObject({ ok: false, succeeded: [{ [n('login_name')]: 'a' }], failed: [{ errcode: 1013 }] });
      expect(local).toMatchObject({ ok: true, value: { [n('host-id')]: int(4) } });
      expect(set).toMatchObject({ ok: true, value: { status: 'ok' } });
      expect(prefs).toMatchObject({ ok: true, value: { [n('max-size')]: options.integers === 'bigint' ? 9007199254740993n : 1024 } });
    } finally {
      await plesk.close();
      await standin.close();
    }
  });
});

describe('options fixture schemas', () => {
  it('compile with libxml2', () => {
    for (const root of ['agent_input.xsd', 'agent_output.xsd'] as const) createValidator(SCHEMAS, root).dispose();
  });

  it('refuse two operations in one plain-choice operator element, and the sequence operator out of order (so batches must split and keep order)', () => {
    const input = createValidator(SCHEMAS, 'agent_input.xsd');
    try {
      expect(input.validate('<packet><db-host><get-local/><set-default><host-id>1</host-id></set-default></db-host></packet>').valid).toBe(false);
      expect(input.validate('<packet><mail_prefs><set_prefs><max-size>1</max-size></set_prefs><get_prefs/></mail_prefs></packet>').valid).toBe(false);
      expect(input.validate('<packet><mail_prefs><get_prefs/></mail_prefs><mail_prefs><get_prefs/></mail_prefs></packet>').valid).toBe(true);
    } finally {
      input.dispose();
    }
  });
});
