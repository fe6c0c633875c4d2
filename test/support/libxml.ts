/**
 * XSD validation for tests, backed by libxml2 compiled to WebAssembly (libxml2-wasm).
 *
 * The Plesk schema sets have no target namespace and are split over many files
 * joined by `xs:include`; libxml2 resolves those includes relative to the URL of
 * the root schema document, reading them through the Node.js file-system input
 * provider of libxml2-wasm.
 *
 * Compiled schemas are cached per (absolute schema directory, root file) for the
 * life of the process: creating a second validator for the same pair is free.
 * A handle's `dispose()` releases that handle; the compiled schema is freed when
 * the last handle for it is released and `clearValidatorCache()` is called (or
 * the process ends).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XmlDocument, XmlLibError, XsdValidator, type ErrorDetail } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

export type RootSchemaFile = 'agent_input.xsd' | 'agent_output.xsd';

export interface ValidationResult {
  valid: boolean;
  /** One entry per libxml2 diagnostic, as `line L, col C: message` (file name first for schema errors). */
  errors: string[];
}

export interface PacketValidator {
  /** The absolute path of the root schema this validator was compiled from. */
  readonly schemaPath: string;
  /** Validate one XML document (a request or response packet) given as text. Never throws for bad input. */
  validate(xml: string): ValidationResult;
  /** Release this handle. Further `validate` calls throw. */
  dispose(): void;
}

export interface PacketValidators {
  input: PacketValidator;
  output: PacketValidator;
  /** Pick by packet kind. */
  forKind(kind: 'request' | 'response'): PacketValidator;
  dispose(): void;
}

interface CompiledSchema {
  schemaDoc: XmlDocument;
  validator: XsdValidator;
  handles: number;
  /** Milliseconds it took to read and compile the schema set. */
  compileMs: number;
}

const cache = new Map<string, CompiledSchema>();
let providersRegistered = false;

function ensureProviders(): void {
  if (providersRegistered) return;
  // Returns false when already registered (e.g. by another module); either way includes resolve.
  xmlRegisterFsInputProviders();
  providersRegistered = true;
}

/** Format libxml2 diagnostics as readable strings carrying line (and column) numbers. */
export function formatDetails(details: readonly ErrorDetail[], withFile = false): string[] {
  return details.map((d) => {
    const where = `line ${d.line}${d.col > 0 ? `, col ${d.col}` : ''}`;
    const file = withFile && d.file ? `${d.file}: ` : '';
    return `${file}${where}: ${d.message.trim()}`;
  });
}

function describeError(err: unknown, withFile: boolean): string[] {
  if (err instanceof XmlLibError && err.details.length > 0) return formatDetails(err.details, withFile);
  return [err instanceof Error ? err.message : String(err)];
}

function compile(schemaPath: string): CompiledSchema {
  ensureProviders();
  const started = performance.now();
  const schemaDoc = XmlDocument.fromBuffer(readFileSync(schemaPath), { url: schemaPath });
  let validator: XsdValidator;
  try {
    validator = XsdValidator.fromDoc(schemaDoc);
  } catch (err) {
    schemaDoc.dispose();
    const lines = describeError(err, true);
    throw new Error(`libxml2 could not compile ${schemaPath}:\n  ${lines.join('\n  ')}`);
  }
  return { schemaDoc, validator, handles: 0, compileMs: performance.now() - started };
}

function compiledFor(schemaPath: string): CompiledSchema {
  let entry = cache.get(schemaPath);
  if (!entry) {
    entry = compile(schemaPath);
    cache.set(schemaPath, entry);
  }
  return entry;
}

/**
 * Compile (or take from the cache) the schema set rooted at `schemaDir/rootFile`
 * and return a validator for packets. Throws if the schema does not compile,
 * with libxml2's messages (file, line, column).
 */
export function createValidator(schemaDir: string, rootFile: RootSchemaFile): PacketValidator {
  const schemaPath = resolve(schemaDir, rootFile);
  const entry = compiledFor(schemaPath);
  entry.handles += 1;
  let disposed = false;
  return {
    schemaPath,
    validate(xml: string): ValidationResult {
      if (disposed) throw new Error(`validator for ${schemaPath} was disposed`);
      let doc: XmlDocument;
      try {
        doc = XmlDocument.fromString(xml);
      } catch (err) {
        return { valid: false, errors: describeError(err, false).map((e) => `not well-formed: ${e}`) };
      }
      try {
        entry.validator.validate(doc);
        return { valid: true, errors: [] };
      } catch (err) {
        return { valid: false, errors: describeError(err, false) };
      } finally {
        doc.dispose();
      }
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      entry.handles -= 1;
    },
  };
}

/** Validators for both root schemas of one schema directory. */
export function validatorsFor(schemaDir: string): PacketValidators {
  const input = createValidator(schemaDir, 'agent_input.xsd');
  const output = createValidator(schemaDir, 'agent_output.xsd');
  return {
    input,
    output,
    forKind: (kind) => (kind === 'request' ? input : output),
    dispose(): void {
      input.dispose();
      output.dispose();
    },
  };
}

/** How long compiling `schemaDir/rootFile` took (ms), if it is in the cache. */
export function compileTimeMs(schemaDir: string, rootFile: RootSchemaFile): number | undefined {
  return cache.get(resolve(schemaDir, rootFile))?.compileMs;
}

/** Free every cached compiled schema that no live handle uses. */
export function clearValidatorCache(): void {
  for (const [key, entry] of cache) {
    if (entry.handles > 0) continue;
    entry.validator.dispose();
    entry.schemaDoc.dispose();
    cache.delete(key);
  }
}

/** A schema document of any set (the general core's), compiled once: libxml2's verdict per document. */
export interface XsdJudge {
  /** '' when `xml` is valid; else why: "not well-formed: …", or libxml2's messages joined by " | ". */
  verdict(xml: string): string;
  dispose(): void;
}

/** Compiles the schema at `xsdPath` (imports and includes read from the file system). */
export function xsdJudge(xsdPath: string): XsdJudge {
  xmlRegisterFsInputProviders();
  const schemaDoc = XmlDocument.fromBuffer(readFileSync(xsdPath), { url: xsdPath });
  const validator = XsdValidator.fromDoc(schemaDoc);
  return {
    verdict(xml) {
      let doc: XmlDocument;
      try {
        doc = XmlDocument.fromString(xml);
      } catch (e) {
        return `not well-formed: ${(e as Error).message}`;
      }
      try {
        validator.validate(doc);
        return '';
      } catch (e) {
        if (!(e instanceof XmlLibError)) throw e;
        return e.details.map((d) => d.message.trim()).join(' | ');
      } finally {
        doc.dispose();
      }
    },
    dispose() {
      validator.dispose();
      schemaDoc.dispose();
    },
  };
}
