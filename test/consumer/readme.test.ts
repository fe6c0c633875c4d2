/**
 * The README's TypeScript examples are compiled, in every consumer configuration, through their
 * mirror `test/fixtures/consumer/readme.check.ts` (see matrix.test.ts). This test keeps the mirror
 * honest: every statement line of every ```ts block of the README (trailing comments dropped,
 * import paths pointed at the tree) appears in the mirror.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/seeds.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
// readme-client.check.ts mirrors the client examples written for the real set's operators
// (compiled against the real tree by test/client/coverage.test.ts).
const MIRROR = [
  ...['readme.check.ts', 'readme-client.check.ts'].map((f) => join(REPO_ROOT, 'test', 'fixtures', 'consumer', f)),
  // The generator's own programmatic API example (compiled by npm run typecheck).
  join(REPO_ROOT, 'test', 'generate', 'readme-api.check.ts'),
]
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

/** A line as compared: trimmed, without a trailing `// comment`, tree paths as the mirror writes them. */
function normalize(line: string): string {
  return line
    .replace(/\s+\/\/ .*$/, '')
    .replace(/'\.\/generated\/1\.6\.9\.1\//g, "'../")
    .trim();
}

const blocks = [...README.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
const mirrored = new Set(MIRROR.split('\n').map(normalize));

describe("the README's TypeScript examples", () => {
  it('are found', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((text, i) => ({ i: i + 1, text })))('block $i is mirrored line by line in readme.check.ts', ({ text }) => {
    const missing = text.split('\n').map(normalize).filter((line) => line !== '' && !mirrored.has(line));
    expect(missing).toEqual([]);
  });
});
