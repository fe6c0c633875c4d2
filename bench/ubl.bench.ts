/**
 * A namespaced public standard through the general core: OASIS UBL 2.1 from the shared suites
 * (`XSD_SUITES_DIR`, default `../shared/xsd-suites`; README there).
 *
 * - Generation: `generateFromXsd` (read, bind, emit in memory) for the Invoice schema alone
 *   (15 files, one root) and for all 65 document schemas of `maindoc/` (78 files, 65 roots), next
 *   to two baselines of the same run: the Plesk profile generating the real Plesk set, and
 *   libxml2 compiling the Invoice schema for validation (what a validating consumer pays once).
 * - Codec: the generated `parseInvoice` (strict) and `serializeInvoice` (validating) on the UBL
 *   2.1 example invoice scaled up by repeating its five invoice lines, against fast-xml-parser's
 *   generic `XMLParser`/`XMLBuilder` with attributes on (UBL carries `currencyID`, `unitCode`,
 *   … on nearly every amount), and the saxes event stream alone as the floor; the contenders
 *   alternate inside every round (see codec.bench.ts).
 *
 * The scaled invoice is checked before timing: libxml2 finds it valid, and what
 * `serializeInvoice` writes parses back to the same value.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { generateFromXsd } from '../generator/core/generate.js';
import { generate as generatePlesk } from '../generator/generate.js';
import { writeTree } from '../generator/emit/write.js';
import { median, REAL_SCHEMAS_DIR, ROOT } from './support.js';
import { mib, ms, race, ratio, saxesFloor, type Stats } from './codec.bench.js';

const here = dirname(fileURLToPath(import.meta.url));
const SUITE = resolve(process.env.XSD_SUITES_DIR ?? resolve(ROOT, '../shared/xsd-suites'), 'ubl');
const INVOICE_XSD = join(SUITE, 'schemas/maindoc/UBL-Invoice-2.1.xsd');
const SAMPLE = join(SUITE, 'samples/UBL-Invoice-2.1-Example.xml');
/** How many times the sample's five invoice lines are repeated. */
const REPEAT = 400;
const GEN_RUNS = 5;

function timed(runs: number, f: () => unknown): { median: number; min: number } {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    xs.push(performance.now() - t0);
  }
  return { median: median(xs), min: Math.min(...xs) };
}

/** The example invoice with its `cac:InvoiceLine` elements repeated `repeat` times. */
export function scaledInvoice(repeat = REPEAT): string {
  const xml = readFileSync(SAMPLE, 'utf8');
  const first = xml.indexOf('<cac:InvoiceLine>');
  const end = xml.lastIndexOf('</cac:InvoiceLine>') + '</cac:InvoiceLine>'.length;
  if (first < 0 || end < first) throw new Error('bench: no invoice lines in the sample');
  return xml.slice(0, first) + xml.slice(first, end).repeat(repeat) + xml.slice(end);
}

export default async function ublBench(): Promise<{ title: string; markdown: string }> {
  const loadBefore = os.loadavg()[0]!;
  // Generation.
  const maindoc = readdirSync(join(SUITE, 'schemas/maindoc')).filter((f) => f.endsWith('.xsd')).sort().map((f) => join(SUITE, 'schemas/maindoc', f));
  // One untimed run of each first: the first generation in a process also compiles the
  // generator's code (and TypeScript's printer), which is not what the rows compare.
  generateFromXsd({ xsd: [INVOICE_XSD] });
  generatePlesk(REAL_SCHEMAS_DIR, { protocolVersion: null });
  let invoiceFiles = 0;
  let invoiceDecls = 0;
  const tInvoice = timed(GEN_RUNS, () => {
    const r = generateFromXsd({ xsd: [INVOICE_XSD] });
    invoiceFiles = r.schemaFiles.length;
    invoiceDecls = r.model.declarations.length;
  });
  let allFiles = 0;
  let allRoots = 0;
  let allDecls = 0;
  const tAll = timed(3, () => {
    const r = generateFromXsd({ xsd: maindoc });
    allFiles = r.schemaFiles.length;
    allRoots = r.model.roots.length;
    allDecls = r.model.declarations.length;
  });
  let pleskDecls = 0;
  const tPlesk = timed(GEN_RUNS, () => {
    pleskDecls = generatePlesk(REAL_SCHEMAS_DIR, { protocolVersion: null }).model.declarations.length;
  });
  xmlRegisterFsInputProviders();
  const tLibxml = timed(GEN_RUNS, () => {
    const doc = XmlDocument.fromBuffer(readFileSync(INVOICE_XSD), { url: INVOICE_XSD });
    XsdValidator.fromDoc(doc).dispose();
    doc.dispose();
  });

  // The codec, from a tree inside the repository (so it resolves the runtime package).
  mkdirSync(join(here, 'out'), { recursive: true });
  const dir = mkdtempSync(join(here, 'out', 'ubl-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const tree = join(dir, 'tree');
  writeTree(tree, generateFromXsd({ xsd: [INVOICE_XSD] }).files);
  const codec = (await import(pathToFileURL(join(tree, 'codec.ts')).href)) as {
    parseInvoice: (xml: string) => unknown;
    serializeInvoice: (value: unknown) => string;
  };

  const xml = scaledInvoice();
  const bytes = Buffer.byteLength(xml);
  const schemaDoc = XmlDocument.fromBuffer(readFileSync(INVOICE_XSD), { url: INVOICE_XSD });
  const validator = XsdValidator.fromDoc(schemaDoc);
  const doc = XmlDocument.fromString(xml);
  validator.validate(doc); // throws when the scaled invoice is not valid
  doc.dispose();
  const value = codec.parseInvoice(xml) as { invoiceLine: unknown[] };
  if (value.invoiceLine.length !== REPEAT * 5) throw new Error(`bench: ${value.invoiceLine.length} invoice lines parsed, ${REPEAT * 5} expected`);
  const written = codec.serializeInvoice(value);
  if (!isDeepStrictEqual(codec.parseInvoice(written), value)) throw new Error('bench: the written invoice does not parse back to the same value');
  const writtenDoc = XmlDocument.fromString(written);
  validator.validate(writtenDoc);
  writtenDoc.dispose();
  validator.dispose();
  schemaDoc.dispose();

  const fxpParser = new XMLParser({ ignoreAttributes: false });
  const generic = fxpParser.parse(xml) as unknown;
  const builder = new XMLBuilder({ ignoreAttributes: false });
  const [tParse, tFxp, tFloor] = race([() => codec.parseInvoice(xml), () => fxpParser.parse(xml), () => saxesFloor(xml)], 15, 4);
  const [tSer, tBuild] = race([() => codec.serializeInvoice(value), () => builder.build(generic)], 15, 4);

  const g = (t: { median: number; min: number }): string => `${t.median.toFixed(0)} (min ${t.min.toFixed(0)})`;
  const r = (a: { median: number }, b: { median: number }): string => `${(a.median / b.median).toFixed(2)}×`;
  const markdown = [
    `Load average (1 min) ${loadBefore.toFixed(1)} at the start of this module and ${os.loadavg()[0]!.toFixed(1)} at its end, on ${os.cpus().length} cores: compare the ratios, taken within this run, not the absolute times.`,
    '',
    `The UBL 2.1 suite (\`${SUITE.startsWith(resolve(ROOT, '..')) ? SUITE.slice(resolve(ROOT, '..').length + 1) : SUITE}\`) through the general core (\`generateFromXsd\`, the code behind \`plesk-codegen generate --xsd\`), in one process.`,
    '',
    '| generation (read, bind, emit in memory; after one untimed run of each) | ms: median (min) | ÷ Plesk real set | ÷ libxml2 compiling the Invoice schema |',
    '|---|---:|---:|---:|',
    `| UBL Invoice: ${invoiceFiles} XSD files, 1 root, ${invoiceDecls} declarations (${GEN_RUNS} runs) | ${g(tInvoice)} | ${r(tInvoice, tPlesk)} | ${r(tInvoice, tLibxml)} |`,
    `| UBL, all ${maindoc.length} document schemas: ${allFiles} XSD files, ${allRoots} roots, ${allDecls} declarations (3 runs) | ${g(tAll)} | ${r(tAll, tPlesk)} | ${r(tAll, tLibxml)} |`,
    `| baseline: the Plesk profile on the real Plesk set (${pleskDecls} declarations, ${GEN_RUNS} runs) | ${g(tPlesk)} | 1× | |`,
    `| baseline: libxml2 (libxml2-wasm) compiling the Invoice schema for validation (${GEN_RUNS} runs) | ${g(tLibxml)} | | 1× |`,
    '',
    `| codec, invoice of ${REPEAT * 5} lines (${mib(bytes)}) | generated, ms: median (min) | fast-xml-parser, ms: median (min) | ratio of medians (of mins) | saxes events alone ÷ fast-xml-parser (floor) |`,
    '|---|---:|---:|---:|---:|',
    `| parse: \`parseInvoice\` (strict) vs \`XMLParser({ ignoreAttributes: false })\` | ${ms(tParse)} | ${ms(tFxp)} | ${ratio(tParse, tFxp)} | ${ratio(tFloor, tFxp)} |`,
    `| serialize: \`serializeInvoice\` (validating) vs \`XMLBuilder({ ignoreAttributes: false })\` (${mib(written.length)} written) | ${ms(tSer)} | ${ms(tBuild)} | ${ratio(tSer, tBuild)} | |`,
    '',
    `The document: \`UBL-Invoice-2.1-Example.xml\` with its five \`cac:InvoiceLine\` elements repeated ${REPEAT} times (pretty-printed as the sample is; prefixes \`cac\`, \`cbc\`; amounts and quantities with \`currencyID\`/\`unitCode\` attributes); libxml2 validates it and what \`serializeInvoice\` writes before timing, and the written invoice parses back to the same value. 15 timed rounds after 4 warm-up rounds, the contenders alternating. fast-xml-parser builds a generic object (no namespaces resolved, no types, no checks); the runtime resolves every element's namespace, converts and checks every value and keeps schema order.`,
  ].join('\n');
  process.stderr.write(`${markdown}\n`);
  return { title: 'UBL 2.1 through the general core: generation, and an invoice parsed and written vs fast-xml-parser', markdown };
}
