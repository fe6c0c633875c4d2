/**
 * Fixtures for the diff tests: a copy of a schema folder in a temporary directory, with text
 * edits applied. Every edit must match exactly once, so a fixture cannot silently stop
 * changing anything when a schema file is edited.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** file → list of [text to find, replacement]. */
export type Edits = Record<string, [string, string][]>;

export function editedCopy(source: string, edits: Edits): string {
  const dir = mkdtempSync(join(tmpdir(), 'plesk-diff-'));
  cpSync(source, dir, { recursive: true });
  for (const [file, list] of Object.entries(edits)) {
    const path = join(dir, file);
    let text = readFileSync(path, 'utf8');
    for (const [from, to] of list) {
      const n = text.split(from).length - 1;
      if (n !== 1) {
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`fixture edit of ${file}: ${JSON.stringify(from)} occurs ${n} times, not once`);
      }
      text = text.replace(from, to);
    }
    writeFileSync(path, text);
  }
  return dir;
}

export function removeCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
