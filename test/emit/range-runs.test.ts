/**
 * Long runs of character ranges (`\p{L}`-style classes spelled out for the Unicode version
 * libxml2 checks against) are written once per descriptors module and joined into the patterns
 * that repeat them (generator/emit/descriptors.ts, `RANGE_RUN`): the real set's
 * `emailType` repeats one 6 KB run five times. The runtime must get the very same pattern
 * strings, and a bundle must hold the run once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodecs } from '../support/codec.js';
import { REAL_SCHEMAS_DIR } from '../support/seeds.js';

let tree: string;
let source: string;
beforeAll(async () => {
  tree = (await loadCodecs(REAL_SCHEMAS_DIR)).tree;
  source = readFileSync(join(tree, 'descriptors', 'shared.ts'), 'utf8');
});

describe('shared character-range runs', () => {
  it('are declared once and used by emailType five times', () => {
    expect(source.match(/^const CHARACTER_RANGES_\d+ = '/gm)).toEqual(["const CHARACTER_RANGES_1 = '"]);
    const line = source.split('\n').find((l) => l.startsWith('export const EmailType'))!;
    expect(line.match(/, CHARACTER_RANGES_1, /g)).toHaveLength(5);
    expect(line).toContain('/*#__PURE__*/ [');
  });

  it('give the runtime the whole pattern, which checks as before', async () => {
    const { EmailType } = (await import(pathToFileURL(join(tree, 'descriptors', 'shared.ts')).href)) as { EmailType: { patterns: string[][] } };
    const pattern = EmailType.patterns[0]![0]!;
    const run = /'((?:\\\\u\{[0-9A-F]+\}(?:-\\\\u\{[0-9A-F]+\})?)+)';/.exec(source)![1]!.replace(/\\\\/g, '\\');
    expect(pattern.split(run)).toHaveLength(6);
    expect(pattern).not.toContain('CHARACTER_RANGES');
    const re = new RegExp(`^(?:${pattern})$`, 'u');
    expect(['user@example.com', 'jürgen@bücher.de', 'a.b+c@x.y.'].map((s) => re.test(s))).toEqual([true, true, true]);
    expect(['user@', 'a b@c.d', 'x@-y'].map((s) => re.test(s))).toEqual([false, false, false]);
  });

  const bundle = (name: string): string =>
    buildSync({
      stdin: { contents: `import { ${name} } from './descriptors/shared.ts'; console.log(${name});`, resolveDir: tree, loader: 'ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      conditions: ['plesk-codegen-source'],
      write: false,
      logLevel: 'silent',
    }).outputFiles[0]!.text;

  it('are held once by a bundle of emailType, and not at all by a bundle without it', () => {
    const code = bundle('EmailType');
    expect(code.split('u{2F800}-').length - 1).toBe(1);
    expect(code.length).toBeLessThan(12 * 1024);
    expect(bundle('StringType')).not.toContain('u{2F800}-');
  });
});
