/**
 * A small schema under test, bound through the Plesk profile: the schema's global elements named
 * as roots become the choices of one `<doc>` operation under `<packet>`, so the tests read and
 * write through the same generated codecs and libxml2 validator helpers as the Plesk tests (the
 * general core, `generateFromXsd`, binds the same way; test/xsd/suite-*.test.ts goes through it
 * for the public suites). The schema itself is written
 * as its own file (`feature.xsd`, with or without a target namespace), so libxml2 judges the
 * instance documents against exactly what the test states; the wrapper only imports it.
 *
 * `instance(xml)` wraps a document in the packet; `codecs` parse and write it; `libxml2` says
 * whether a wrapped document is valid.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCodecs, type PacketCodecs } from './codec.js';
import { createValidator, type PacketValidator } from './libxml.js';
import { SCRATCH_DIR, removeTemp, typecheck } from './tree.js';

export interface FeatureSchema {
  readonly dir: string;
  readonly codecs: PacketCodecs & { tree: string };
  readonly libxml2: PacketValidator;
  /** The document wrapped as the packet the codecs read. */
  instance(xml: string): string;
  /** The document inside a packet the serializer wrote. */
  unwrap(packet: string): string;
  /** `tsc --strict` over the generated tree, with consumer files: '' when clean. */
  typecheck(consumers?: string[]): string;
  dispose(): void;
}

export interface FeatureSchemaOptions {
  /** Target namespace of `schema` (its `xs:schema` must declare the same), or none. */
  targetNamespace?: string;
  /** Global elements of `schema` that may be the document's root. */
  roots: string[];
}

/** Writes `schema` (a whole `xs:schema` document) and its packet wrapper, generates, and compiles libxml2's validator. */
export async function featureSchema(name: string, schema: string, options: FeatureSchemaOptions): Promise<FeatureSchema> {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  const dir = mkdtempSync(join(SCRATCH_DIR, `feature-${name}-`));
  writeFileSync(join(dir, 'feature.xsd'), schema);
  const ns = options.targetNamespace;
  const refs = options.roots.map((r) => `<xs:element ref="${ns === undefined ? '' : 'f:'}${r}"/>`).join('');
  const wrapper = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"${ns === undefined ? '' : ` xmlns:f="${ns}"`}>
  ${ns === undefined ? '<xs:include schemaLocation="feature.xsd"/>' : `<xs:import namespace="${ns}" schemaLocation="feature.xsd"/>`}
  <xs:element name="packet"><xs:complexType><xs:choice maxOccurs="unbounded">
    <xs:element name="doc"><xs:complexType><xs:choice>${refs}</xs:choice></xs:complexType></xs:element>
  </xs:choice></xs:complexType></xs:element>
</xs:schema>
`;
  writeFileSync(join(dir, 'agent_input.xsd'), wrapper);
  writeFileSync(join(dir, 'agent_output.xsd'), wrapper);
  const codecs = await loadCodecs(dir, { client: false, protocolVersion: null });
  const libxml2 = createValidator(dir, 'agent_input.xsd');
  return {
    dir,
    codecs,
    libxml2,
    instance: (xml) => `<packet><doc>${xml}</doc></packet>`,
    unwrap: (packet) =>
      packet
        .replace(/^<\?xml[^>]*\?>\s*/, '')
        .replace(/^<packet><doc>/, '')
        .replace(/<\/doc><\/packet>$/, ''),
    typecheck: (consumers = []) => typecheck(codecs.tree, consumers),
    dispose() {
      libxml2.dispose();
      removeTemp(codecs.tree);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The verdict of the strict parser on a wrapped document, and what the serializer writes back
 * from the value it read: `{ ok: true, value, written }` or `{ ok: false, error }`.
 */
export function readAndWrite(f: FeatureSchema, xml: string): { ok: true; value: unknown; written: string } | { ok: false; error: Error } {
  // The packet's value is `{ doc: [<the document's value>] }`; `value` is the document's.
  let value: unknown;
  try {
    value = f.codecs.parseRequest(f.instance(xml));
  } catch (error) {
    return { ok: false, error: error as Error };
  }
  return { ok: true, value: (value as { doc: unknown[] }).doc[0], written: f.unwrap(f.codecs.serializeRequest(value)) };
}
