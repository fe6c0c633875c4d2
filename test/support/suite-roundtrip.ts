/**
 * A public suite (`../shared/xsd-suites/<suite>`) through today's Plesk-shaped generator: the
 * suite's root elements wrapped as choices of one `<doc>` operation under `<packet>` (as
 * test/xsd/suite-bindings.test.ts does, until the general command exists). Each libxml2-valid
 * sample must parse strictly and be written back to a document libxml2 accepts against the
 * suite's own entry XSD; each libxml2-invalid one must be refused. Returns one outcome per sample.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XmlDocument, XmlLibError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { generate } from '../../generator/generate.js';
import { writeTree } from '../../generator/emit/write.js';
import { REPO_ROOT } from './seeds.js';

export const SUITES_DIR = process.env.XSD_SUITES_DIR ?? resolve(REPO_ROOT, '../shared/xsd-suites');

export interface SuiteRow {
  sample: string;
  ns: string;
  local: string;
  entry: string;
  verdict: string;
}

export function suiteIndex(suite: string): SuiteRow[] {
  return readFileSync(join(SUITES_DIR, suite, 'INDEX.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [sample, root, entry, verdict] = l.split('\t');
      const m = /^\{([^}]*)\}(.*)$/.exec(root)!;
      return { sample, ns: m[1], local: m[2], entry, verdict };
    });
}

/** `round trip valid`, `refused` (for invalid samples), or what went wrong. */
export async function suiteRoundTrip(suite: string, entry: string, scratch: string): Promise<{ declarations: number; outcome: Record<string, string> }> {
  const dir = join(SUITES_DIR, suite);
  const rows = suiteIndex(suite).filter((r) => r.entry === entry);
  const schemas = join(scratch, suite, 'schemas');
  mkdirSync(schemas, { recursive: true });
  const roots = [...new Map(rows.map((r) => [`${r.ns} ${r.local}`, r])).values()];
  const refs = roots.map((r, n) => `<xs:element ref="r${n}:${r.local}" xmlns:r${n}="${r.ns}"/>`).join('');
  const wrapper = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  ${[...new Set(roots.map((r) => r.ns))].map((ns) => `<xs:import namespace="${ns}" schemaLocation="${pathToFileURL(join(dir, entry)).href}"/>`).join('\n  ')}
  <xs:element name="packet"><xs:complexType><xs:choice maxOccurs="unbounded">
    <xs:element name="doc"><xs:complexType><xs:choice maxOccurs="unbounded">${refs}</xs:choice></xs:complexType></xs:element>
  </xs:choice></xs:complexType></xs:element>
</xs:schema>`;
  writeFileSync(join(schemas, 'agent_input.xsd'), wrapper);
  writeFileSync(join(schemas, 'agent_output.xsd'), wrapper);
  const result = generate(schemas, { protocolVersion: null, client: false });
  const tree = join(scratch, suite, 'tree');
  writeTree(tree, result.files);
  const request = (await import(pathToFileURL(join(tree, 'request.ts')).href)) as Record<string, (x: unknown) => unknown>;

  xmlRegisterFsInputProviders();
  const xsdPath = join(dir, entry);
  const schemaDoc = XmlDocument.fromBuffer(readFileSync(xsdPath), { url: xsdPath });
  const validator = XsdValidator.fromDoc(schemaDoc);
  const outcome: Record<string, string> = {};
  try {
    for (const row of rows) {
      const xml = readFileSync(join(dir, row.sample), 'utf8').replace(/^\uFEFF?<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
      let value: unknown;
      try {
        value = request.parseRequest(`<packet><doc>${xml}</doc></packet>`);
      } catch (e) {
        outcome[row.sample] = row.verdict === 'valid' ? `failed: ${(e as Error).message}` : 'refused';
        continue;
      }
      if (row.verdict !== 'valid') {
        outcome[row.sample] = 'accepted an invalid sample';
        continue;
      }
      try {
        const written = String(request.serializeRequest(value));
        const inner = written.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/^<packet><doc>/, '').replace(/<\/doc><\/packet>$/, '');
        const doc = XmlDocument.fromString(inner);
        try {
          validator.validate(doc);
          outcome[row.sample] = 'round trip valid';
        } catch (e) {
          if (!(e instanceof XmlLibError)) throw e;
          outcome[row.sample] = `written back invalid: ${e.details.map((d) => d.message.trim()).join(' | ')}`;
        } finally {
          doc.dispose();
        }
      } catch (e) {
        outcome[row.sample] ??= `failed to write: ${(e as Error).message}`;
      }
    }
  } finally {
    validator.dispose();
    schemaDoc.dispose();
  }
  return { declarations: result.model.declarations.length, outcome };
}
