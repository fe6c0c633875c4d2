// The reader's messages, held to a golden file: seeded mutations of the documented samples
// (../shared/samples; the differential test's kinds, and text put between elements of the
// pretty-printed sample: entities, comments, CDATA, line ends), each read strictly. For every
// refused one the golden file keeps the violations as reported (path, message, line, column); an
// accepted one is recorded as accepted. The file was first written by the parser as it was
// before the reader became one path (issue 12), so it shows that messages and positions stayed
// what they were. Regenerate on purpose only: UPDATE_GOLDEN=1 npx vitest run test/codec/violations.test.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseWithWarnings } from '../../packages/runtime/src/parse.js';
import { loadCodecs } from '../support/codec.js';
import { MUTATION_KINDS, mutate, readTree } from '../support/mutate.js';
import { random } from '../support/random.js';
import { REAL_SCHEMAS_DIR, loadIndexedSamples } from '../support/seeds.js';

const SEED = 12;
const GOLDEN = join(import.meta.dirname, '../fixtures/reader/violations.golden.json');
/** Text put between two tags (or into an element written empty). */
const TEXTS = ['&#32;', '&#x20;\n', 'a&amp;b', '\r\n  ', 'x\r\ny', '\n\n  z', ' <!-- c --> ', '<?pi x?>\n', '<![CDATA[ ]]>', '<![CDATA[x]]>', '\t&#10;', '&lt;', '\n<!-- a -->\nq'];

it('violations read from mutated documented samples are reported as the golden file says', async () => {
  const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
  const REQUEST_ROOT = codecs.REQUEST_ROOT!;
  const RESPONSE_ROOT = codecs.RESPONSE_ROOT!;
  const rnd = random(SEED);
  const got: Record<string, unknown> = {};
  let refused = 0;
  for (const sample of loadIndexedSamples().filter((s) => s.wellformed && s.valid)) {
    const root = sample.kind === 'request' ? REQUEST_ROOT : RESPONSE_ROOT;
    const docs: [string, string][] = [];
    const tree = readTree(sample.xml);
    for (let n = 0; n < 1; n++) {
      const m = mutate(tree, MUTATION_KINDS[Math.floor(rnd() * MUTATION_KINDS.length)], rnd);
      if (m !== undefined) docs.push([`${m.kind} ${n}`, m.xml]);
    }
    const pretty = sample.xml.replace(/>\s*</g, '><').replace(/></g, '>\n  <');
    const tags: number[] = [];
    for (let i = pretty.indexOf('<', 1); i >= 0; i = pretty.indexOf('<', i + 1)) tags.push(i);
    const at = tags[Math.floor(rnd() * tags.length)];
    const text = TEXTS[Math.floor(rnd() * TEXTS.length)];
    docs.push([`text ${JSON.stringify(text)} at ${at}`, pretty.slice(0, at) + text + pretty.slice(at)]);
    for (const [what, xml] of docs) {
      const key = `${sample.file}: ${what}`;
      try {
        parseWithWarnings(root, xml);
        got[key] = 'accepted';
      } catch (e) {
        const x = e as Error & { violations?: { path: string; message: string; line?: number; column?: number }[] };
        got[key] = x.violations?.map((v) => `${v.path}: ${v.message} (${v.line}:${v.column})`) ?? `${x.name}: ${x.message}`;
        refused++;
      }
    }
  }
  const text = `${JSON.stringify(got, null, 1)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, text);
  expect(refused).toBeGreaterThan(250);
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
});
