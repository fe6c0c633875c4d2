/**
 * A small schema set under test, bound through the general core (`generateFromXsd`, as
 * `plesk-codegen generate --xsd` does) rather than wrapped in a Plesk packet: for constructs that
 * need more than one schema document (an import of the XML namespace, a second target namespace)
 * or a document root of their own (attributes and `xsi:` attributes on the root).
 *
 * `coreSchema(files, entry, roots)` writes the files into a scratch folder, generates the tree,
 * imports its codec and compiles libxml2's validator from the same entry file; `coreRow` is one
 * given/want row judged by libxml2, as `expectRow` (feature-schema.ts) is for packets.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { generateFromXsd, type XsdGenerateOptions } from '../../generator/core/generate.js';
import { writeTree } from '../../generator/emit/write.js';
import { xsdJudge } from './libxml.js';
import { SCRATCH_DIR, typecheck } from './tree.js';

export interface CoreSchema {
  readonly dir: string;
  /** `parse<Name>` / `serialize<Name>` of the generated codec. */
  readonly codec: Record<string, (x: unknown, o?: unknown) => unknown>;
  /** libxml2's verdict on a document: '' when valid, else its first message. */
  libxml2(xml: string): string;
  typecheck(): string;
  dispose(): void;
}

/** `files`: relative path → whole schema document; `entry`: the file to generate and validate from. */
export async function coreSchema(name: string, files: Record<string, string>, entry: string, roots: string[], options: XsdGenerateOptions = {}): Promise<CoreSchema> {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  const dir = mkdtempSync(join(SCRATCH_DIR, `core-${name}-`));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const tree = join(dir, 'tree');
  writeTree(tree, generateFromXsd({ xsd: [join(dir, entry)], roots }, options).files);
  const codec = (await import(pathToFileURL(join(tree, 'codec.ts')).href)) as CoreSchema['codec'];
  const judge = xsdJudge(join(dir, entry));
  return {
    dir,
    codec,
    libxml2: (xml) => judge.verdict(xml),
    typecheck: () => typecheck(tree),
    dispose() {
      judge.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One given/want row: libxml2 says `valid`; the strict parser (`parse<root>`) agrees; an accepted
 * document reads as `value` (when given) and is written back as `written` (default: as given),
 * which libxml2 finds valid too.
 */
export function coreRow(f: CoreSchema, root: string, xml: string, valid: boolean, want: { value?: unknown; written?: string } = {}): void {
  expect(f.libxml2(xml) === '' ? 'valid' : `invalid: ${f.libxml2(xml)}`).toEqual(valid ? 'valid' : expect.stringMatching(/^invalid: /));
  let value: unknown;
  try {
    value = f.codec[`parse${root}`]!(xml);
  } catch (e) {
    expect(valid ? `refused: ${(e as Error).message}` : 'refused').toBe(valid ? 'accepted' : 'refused');
    return;
  }
  expect(valid ? 'accepted' : 'accepted, libxml2 refuses').toBe(valid ? 'accepted' : 'refused');
  if (want.value !== undefined) expect(value).toEqual(want.value);
  const written = String(f.codec[`serialize${root}`]!(value)).replace(/^<\?xml[^>]*\?>\s*/, '');
  expect(written).toBe(want.written ?? xml);
  expect(f.libxml2(written)).toBe('');
}
