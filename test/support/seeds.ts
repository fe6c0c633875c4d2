/**
 * Test inputs kept outside the repository:
 *
 * - the seed documentation pages (`PLESK_SEEDS_DIR`, default `<repo>/../shared/seeds`),
 *   whose sample packets are the project's acceptance samples; they are extracted
 *   from the page text at test time, never copied into the repository;
 * - the indexed documentation samples (`PLESK_SAMPLES_DIR`, default
 *   `<repo>/../shared/samples`, described by its `INDEX.tsv`);
 * - the real 2015 Plesk schema set (`PLESK_SCHEMAS_DIR`, default
 *   `<repo>/../shared/plesk-schemas/rpc-2015`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of this repository (two levels above test/support/). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function dirFromEnv(name: string, fallback: string): string {
  const value = process.env[name];
  return value && value.length > 0 ? resolve(value) : resolve(REPO_ROOT, fallback);
}

export const SEEDS_DIR = dirFromEnv('PLESK_SEEDS_DIR', '../shared/seeds');
export const SAMPLES_DIR = dirFromEnv('PLESK_SAMPLES_DIR', '../shared/samples');
export const REAL_SCHEMAS_DIR = dirFromEnv('PLESK_SCHEMAS_DIR', '../shared/plesk-schemas/rpc-2015');
export const EMBEDDED_SCHEMAS_DIR = resolve(REPO_ROOT, 'schemas/1.6.9.1');

export type PacketKind = 'request' | 'response';

export type SeedSampleId =
  | 'srv-man-stop-web-fail2ban'
  | 'srv-man-start-postgresql-mysql'
  | 'backup-server-local'
  | 'backup-server-only-mail';

export interface SeedSample {
  /** Shared by a request and its response. */
  id: SeedSampleId;
  kind: PacketKind;
  operator: 'server' | 'backup-manager';
  operation: 'srv_man' | 'backup-server';
  /**
   * The packet text as printed on the page, with its `<?xml …?>` declaration when the
   * page has one; no-break spaces (U+00A0) in line indentation, an artifact of the
   * HTML rendering that XML does not count as whitespace, are turned into spaces.
   */
  xml: string;
  /** The block exactly as it stands in the page text. */
  raw: string;
  /** File name of the seed page it came from. */
  page: string;
  /** Position of the packet among the `<packet>` blocks of the page (0-based). */
  position: number;
}

type Label = Pick<SeedSample, 'id' | 'kind' | 'operator' | 'operation'>;

/**
 * What each seed page holds, block by block in document order. `null` marks a
 * structure illustration (`<packet>…...…</packet>` with an ellipsis), not a sample.
 */
const SEED_LAYOUT: ReadonlyArray<{ prefix: string; blocks: ReadonlyArray<Label | null> }> = [
  {
    prefix: '000_',
    blocks: [
      null,
      { id: 'srv-man-stop-web-fail2ban', kind: 'request', operator: 'server', operation: 'srv_man' },
      { id: 'srv-man-stop-web-fail2ban', kind: 'response', operator: 'server', operation: 'srv_man' },
      { id: 'srv-man-start-postgresql-mysql', kind: 'request', operator: 'server', operation: 'srv_man' },
      { id: 'srv-man-start-postgresql-mysql', kind: 'response', operator: 'server', operation: 'srv_man' },
    ],
  },
  {
    prefix: '003_',
    blocks: [],
  },
  {
    prefix: '004_',
    blocks: [
      null,
      { id: 'backup-server-local', kind: 'request', operator: 'backup-manager', operation: 'backup-server' },
      { id: 'backup-server-local', kind: 'response', operator: 'backup-manager', operation: 'backup-server' },
      { id: 'backup-server-only-mail', kind: 'request', operator: 'backup-manager', operation: 'backup-server' },
      { id: 'backup-server-only-mail', kind: 'response', operator: 'backup-manager', operation: 'backup-server' },
    ],
  },
];

/** Number of acceptance samples (4 requests + 4 responses). */
export const SEED_SAMPLE_COUNT = SEED_LAYOUT.reduce((n, p) => n + p.blocks.filter((b) => b !== null).length, 0);

/**
 * Every `<packet …>…</packet>` block of a page, in document order, each with the
 * `<?xml …?>` declaration that directly precedes it (only whitespace between), if any.
 * Blocks do not nest: a block ends at the first `</packet>` after its start.
 */
export function extractPacketBlocks(text: string): string[] {
  const blocks: string[] = [];
  const start = /<packet(?=[\s>\/])/g;
  let m: RegExpExecArray | null;
  while ((m = start.exec(text)) !== null) {
    const end = text.indexOf('</packet>', m.index);
    if (end < 0) throw new Error(`unterminated <packet> at offset ${m.index}`);
    let from = m.index;
    const before = text.slice(0, m.index);
    const decl = /<\?xml\b[^?]*\?>\s*$/.exec(before);
    if (decl) from = decl.index;
    blocks.push(text.slice(from, end + '</packet>'.length));
    start.lastIndex = end + '</packet>'.length;
  }
  return blocks;
}

function seedPage(prefix: string): string {
  const matches = readdirSync(SEEDS_DIR).filter((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (matches.length !== 1) {
    throw new Error(`expected exactly one seed page ${prefix}*.txt in ${SEEDS_DIR}, found ${matches.length}`);
  }
  return matches[0]!;
}

/** Replace no-break spaces in the leading whitespace of each line with ordinary spaces. */
export function normalizeIndentation(block: string): string {
  return block.replace(/^[ \t\u00a0]+/gm, (indent) => indent.replace(/\u00a0/g, ' '));
}

const isIllustration = (xml: string): boolean => /^\s*\.\.\.\s*$/m.test(xml);

let seedCache: SeedSample[] | undefined;

/**
 * The acceptance samples, extracted from the seed pages. Throws if a page does not
 * hold exactly the expected blocks (count, and illustration vs. sample at each position).
 */
export function loadSeedSamples(): SeedSample[] {
  if (seedCache) return seedCache.map((s) => ({ ...s }));
  const samples: SeedSample[] = [];
  for (const { prefix, blocks: layout } of SEED_LAYOUT) {
    const page = seedPage(prefix);
    const blocks = extractPacketBlocks(readFileSync(join(SEEDS_DIR, page), 'utf8'));
    if (blocks.length !== layout.length) {
      throw new Error(`seed page ${page}: expected ${layout.length} <packet> blocks, found ${blocks.length}`);
    }
    blocks.forEach((raw, position) => {
      const xml = normalizeIndentation(raw);
      const label = layout[position];
      if (label === undefined) throw new Error(`seed page ${page}: no label for block ${position}`);
      if (label === null) {
        if (!isIllustration(xml)) {
          throw new Error(`seed page ${page}: block ${position} should be a structure illustration with "..."`);
        }
        return;
      }
      if (isIllustration(xml)) throw new Error(`seed page ${page}: block ${position} is an illustration, expected ${label.id} ${label.kind}`);
      if (!xml.includes(`<${label.operator}>`) || !xml.includes(`<${label.operation}>`)) {
        throw new Error(`seed page ${page}: block ${position} is not a ${label.operator}/${label.operation} packet`);
      }
      const isResponse = xml.includes('<result>');
      if (isResponse !== (label.kind === 'response')) {
        throw new Error(`seed page ${page}: block ${position} does not look like a ${label.kind}`);
      }
      if (xml.includes('\u00a0')) throw new Error(`seed page ${page}: block ${position} has a no-break space outside indentation`);
      samples.push({ ...label, xml, raw, page, position });
    });
  }
  if (samples.length !== SEED_SAMPLE_COUNT) {
    throw new Error(`expected ${SEED_SAMPLE_COUNT} seed samples, found ${samples.length}`);
  }
  seedCache = samples;
  return samples.map((s) => ({ ...s }));
}

/** One seed sample by id and kind. */
export function seedSample(id: SeedSampleId, kind: PacketKind): SeedSample {
  const found = loadSeedSamples().find((s) => s.id === id && s.kind === kind);
  if (!found) throw new Error(`no seed sample ${id} (${kind})`);
  return found;
}

export interface IndexedSample {
  file: string;
  kind: PacketKind;
  operator: string;
  operation: string;
  /** INDEX.tsv `wellformed` column. */
  wellformed: boolean;
  /** INDEX.tsv `valid_rpc2015` column: libxml2 accepts it against the real 2015 set. */
  valid: boolean;
  /** First libxml2 error recorded in INDEX.tsv, '' when valid. */
  firstError: string;
  docVersion: string;
  url: string;
  xml: string;
}

function yesNo(value: string | undefined, column: string, line: number): boolean {
  if (value === 'yes') return true;
  if (value === 'no') return false;
  throw new Error(`INDEX.tsv line ${line}: ${column} is ${JSON.stringify(value)}, expected yes|no`);
}

/** Every sample listed in `SAMPLES_DIR/INDEX.tsv`, with its file content. */
export function loadIndexedSamples(): IndexedSample[] {
  const lines = readFileSync(join(SAMPLES_DIR, 'INDEX.tsv'), 'utf8').split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`INDEX.tsv has no ${name} column`);
    return i;
  };
  const c = {
    file: col('file'),
    kind: col('kind'),
    operator: col('operator'),
    operation: col('operation'),
    wellformed: col('wellformed'),
    valid: col('valid_rpc2015'),
    firstError: col('first_error'),
    docVersion: col('doc_version'),
    url: col('url'),
  };
  const out: IndexedSample[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const lineNo = i + 2;
    const f = line.split('\t');
    const kind = f[c.kind];
    if (kind !== 'request' && kind !== 'response') {
      throw new Error(`INDEX.tsv line ${lineNo}: kind is ${JSON.stringify(kind)}`);
    }
    const file = f[c.file] ?? '';
    out.push({
      file,
      kind,
      operator: f[c.operator] ?? '',
      operation: f[c.operation] ?? '',
      wellformed: yesNo(f[c.wellformed], 'wellformed', lineNo),
      valid: yesNo(f[c.valid], 'valid_rpc2015', lineNo),
      firstError: f[c.firstError] ?? '',
      docVersion: f[c.docVersion] ?? '',
      url: f[c.url] ?? '',
      xml: readFileSync(join(SAMPLES_DIR, file), 'utf8'),
    });
  });
  return out;
}
