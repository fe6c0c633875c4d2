/**
 * One public XSD suite (`../shared/xsd-suites/<suite>`, README there) through the general core:
 * generate from the suite's entry XSDs (column 3 of INDEX.tsv) with its root elements (column 2)
 * and its catalog, type-check the tree under `tsc --strict`, then parse every sample strictly
 * with the generated codec and judge against libxml2's verdict (column 4):
 *
 * - a `valid` sample must parse, and what the serializer writes back must be valid for libxml2
 *   against the same entry XSD and equal to the sample as a namespace-aware infoset (`infoset`:
 *   expanded names, attributes sorted, text; namespace prefixes, comments, processing
 *   instructions and whitespace-only text between elements are not compared — the serializer
 *   chooses its own prefixes, as C14N would show). Where the text differs, the difference must be
 *   lexical only: the writer applies each type's whiteSpace facet and writes values in their
 *   canonical form (`05` → `5`, `3.1E0` → `3.1`, `a  b` of a list → `a b`; README, "Reading
 *   modes"), and drops an `xsi:type` that names the declared type or an `xsi:nil="false"`. So the
 *   two documents must then have the same elements and attribute names in the same places
 *   (`infoset` without text, `xsi:type` and `xsi:nil`), and the written document must parse back
 *   to a value deeply equal to the sample's — which `$type`, `null` and every value carry;
 * - an `invalid` or `malformed` sample must be refused (`SchemaViolationError`, `XmlSyntaxError`).
 *
 * Every sample gets an outcome; the test compares them with the suite's known disagreements
 * (constructs not supported yet, each named with its reason), so a sample that starts to pass,
 * or one that stops, fails the test until the list says so. Counts are printed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import { XmlDocument, XmlLibError, XsdValidator } from 'libxml2-wasm';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { generateFromXsd, type XsdGenerateOptions } from '../../generator/core/generate.js';
import { writeTree } from '../../generator/emit/write.js';
import { SCRATCH_DIR, typecheck } from '../support/tree.js';
import { repoRoot } from './helpers.js';

export const SUITES_DIR = process.env.XSD_SUITES_DIR ?? resolve(repoRoot, '../shared/xsd-suites');

export interface IndexRow {
  sample: string;
  /** `{namespace}local`. */
  root: string;
  entry: string;
  verdict: 'valid' | 'invalid' | 'malformed';
  message: string;
}

export function suiteIndex(suite: string): IndexRow[] {
  return readFileSync(join(SUITES_DIR, suite, 'INDEX.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [sample, root, entry, verdict] = l.split('\t') as [string, string, string, string];
      const kind = verdict === 'valid' ? 'valid' : verdict.startsWith('malformed') ? 'malformed' : 'invalid';
      return { sample, root, entry, verdict: kind, message: verdict };
    });
}

/** What happened to one sample. */
export type Outcome =
  | 'round-trip' // valid: parsed, written back valid and canonically equal
  | 'refused' // invalid or malformed: refused
  | `parse refused: ${string}`
  | `written back invalid: ${string}`
  | `written back differs: ${string}`
  | `serialize failed: ${string}`
  | 'accepted, libxml2 refuses';

export interface SuiteReport {
  suite: string;
  declarations: number;
  roots: number;
  samples: number;
  libxml2: { valid: number; invalid: number };
  parsed: number;
  roundTripped: number;
  refused: number;
  outcomes: Record<string, Outcome>;
  typecheck: string;
}

/** Generates, type-checks and runs every sample of `suite`; never throws for a sample. */
export async function runSuite(suite: string, options: XsdGenerateOptions = {}): Promise<SuiteReport> {
  const dir = join(SUITES_DIR, suite);
  const rows = suiteIndex(suite);
  const entries = [...new Set(rows.map((r) => r.entry))].sort();
  const roots = [...new Set(rows.map((r) => r.root))].sort();
  const catalogFile = join(dir, 'catalog.tsv');
  const catalog = readFileSync(catalogFile, 'utf8').trim() !== '' ? catalogFile : undefined;
  const result = generateFromXsd({ xsd: entries.map((e) => join(dir, e)), roots, ...(catalog ? { catalog } : {}) }, { label: suite, ...options });

  mkdirSync(SCRATCH_DIR, { recursive: true });
  const scratch = mkdtempSync(join(SCRATCH_DIR, `suite-${suite}-`));
  try {
    const tree = join(scratch, 'tree');
    writeTree(tree, result.files);
    const tsc = typecheck(tree);
    const codec = (await import(pathToFileURL(join(tree, 'codec.ts')).href)) as Record<string, (x: unknown) => unknown>;
    const byRoot = new Map(result.model.roots.map((r) => [`{${r.ns ?? ''}}${r.xml}`, r.codecName]));

    xmlRegisterFsInputProviders();
    const validators = new Map<string, { validator: XsdValidator; doc: XmlDocument }>();
    const validatorFor = (entry: string): XsdValidator => {
      let v = validators.get(entry);
      if (v === undefined) {
        const path = join(dir, entry);
        const doc = XmlDocument.fromBuffer(readFileSync(path), { url: path });
        v = { validator: XsdValidator.fromDoc(doc), doc };
        validators.set(entry, v);
      }
      return v.validator;
    };

    const outcomes: Record<string, Outcome> = {};
    let parsed = 0;
    let refused = 0;
    try {
      for (const row of rows) {
        const name = byRoot.get(row.root)!;
        const bytes = readFileSync(join(dir, row.sample));
        let value: unknown;
        try {
          value = codec[`parse${name}`]!(bytes);
          parsed++;
        } catch (e) {
          refused++;
          outcomes[row.sample] = row.verdict === 'valid' ? `parse refused: ${firstLine(e)}` : 'refused';
          continue;
        }
        if (row.verdict !== 'valid') {
          outcomes[row.sample] = 'accepted, libxml2 refuses';
          continue;
        }
        let written: string;
        try {
          written = String(codec[`serialize${name}`]!(value));
        } catch (e) {
          outcomes[row.sample] = `serialize failed: ${firstLine(e)}`;
          continue;
        }
        outcomes[row.sample] = judge(validatorFor(row.entry), bytes, written, value, codec[`parse${name}`]!);
      }
    } finally {
      for (const v of validators.values()) {
        v.validator.dispose();
        v.doc.dispose();
      }
    }
    const valid = rows.filter((r) => r.verdict === 'valid').length;
    return {
      suite,
      declarations: result.model.declarations.length,
      roots: result.model.roots.length,
      samples: rows.length,
      libxml2: { valid, invalid: rows.length - valid },
      parsed,
      roundTripped: Object.values(outcomes).filter((o) => o === 'round-trip').length,
      refused,
      outcomes,
      typecheck: tsc,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function judge(validator: XsdValidator, original: Uint8Array, written: string, value: unknown, parse: (x: unknown) => unknown): Outcome {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(written);
  } catch (e) {
    return `written back invalid: not well-formed: ${firstLine(e)}`;
  }
  try {
    validator.validate(doc);
  } catch (e) {
    if (!(e instanceof XmlLibError)) throw e;
    return `written back invalid: ${e.details.map((d) => d.message.trim()).slice(0, 2).join(' | ')}`;
  } finally {
    doc.dispose();
  }
  const text = new TextDecoder().decode(original);
  const a = infoset(text);
  const b = infoset(written);
  if (a === b) return 'round-trip';
  const shapeA = infoset(text, { shape: true });
  const shapeB = infoset(written, { shape: true });
  if (shapeA !== shapeB) return `written back differs: ${firstDifference(shapeA, shapeB)}`;
  let again: unknown;
  try {
    again = parse(written);
  } catch (e) {
    return `written back differs: refused when parsed again: ${firstLine(e)}`;
  }
  if (!isDeepStrictEqual(again, value)) return `written back differs: parsed again to another value; text ${firstDifference(a, b)}`;
  return 'round-trip';
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))} vs ${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}`;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * A document as text that only its namespace-aware content decides: `<{ns}local {ns}a="v" …>`
 * with attributes sorted (namespace declarations left out), character data as is, except
 * whitespace-only runs between tags; comments and processing instructions left out. With
 * `shape`, only where elements and attributes are: no text, no attribute values, and no
 * `xsi:type` or `xsi:nil`.
 */
export function infoset(xml: string, { shape = false }: { shape?: boolean } = {}): string {
  const out: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  let text = '';
  const flush = (): void => {
    if (text.trim() !== '' && !shape) out.push(text);
    text = '';
  };
  parser.on('opentag', (tag: SaxesTagNS) => {
    flush();
    const attrs = Object.values(tag.attributes)
      .filter((a) => a.uri !== 'http://www.w3.org/2000/xmlns/' && a.prefix !== 'xmlns' && a.name !== 'xmlns')
      .filter((a) => !shape || !(a.uri === XSI && (a.local === 'type' || a.local === 'nil')))
      .map((a) => (shape ? `{${a.uri}}${a.local}` : `{${a.uri}}${a.local}=${JSON.stringify(a.value)}`))
      .sort();
    out.push(`<{${tag.uri}}${tag.local}${attrs.length > 0 ? ` ${attrs.join(' ')}` : ''}>`);
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', (tag) => {
    flush();
    out.push(`</${tag.local}>`);
  });
  parser.write(xml.replace(/^\uFEFF/, '')).close();
  return out.join('');
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n').slice(0, 2).join(' ').slice(0, 300);
}

/** One line of counts per suite, for the test log. */
export function summary(r: SuiteReport): string {
  const disagreements = Object.entries(r.outcomes).filter(([, o]) => o !== 'round-trip' && o !== 'refused');
  return (
    `${r.suite}: ${r.declarations} declarations, ${r.roots} roots; ${r.samples} samples (libxml2: ${r.libxml2.valid} valid, ${r.libxml2.invalid} invalid): ` +
    `parsed ${r.parsed}, round-tripped ${r.roundTripped}, refused ${r.refused}; ${disagreements.length} disagreement${disagreements.length === 1 ? '' : 's'} with libxml2` +
    disagreements.map(([s, o]) => `\n  ${s}: ${o}`).join('')
  );
}
