/**
 * Loading a generated tree's packet codecs into the test process, and comparing packets the
 * way the acceptance criteria say: insignificant whitespace (between elements) aside.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateToTemp } from './tree.js';
import type { GenerateOptions } from '../../generator/generate.js';
import type { RootDesc } from '../../packages/runtime/src/descriptors.js';

export interface PacketCodecs {
  serializeRequest(packet: unknown, options?: object): string;
  parseRequest(xml: string | Uint8Array, options?: object): unknown;
  serializeResponse(packet: unknown, options?: object): string;
  parseResponse(xml: string | Uint8Array, options?: object): unknown;
  parseResponseWithWarnings?: unknown;
  /** The root descriptors of the two sides (trees with a `<packet>` profile). */
  readonly REQUEST_ROOT?: RootDesc;
  readonly RESPONSE_ROOT?: RootDesc;
  runtime: Record<string, unknown>;
}

const cache = new Map<string, Promise<PacketCodecs & { tree: string }>>();

/** Generates the tree of `schemaDir` (once per process and options) and imports its codecs. */
export function loadCodecs(schemaDir: string, options: GenerateOptions = {}): Promise<PacketCodecs & { tree: string }> {
  const key = `${schemaDir}\0${JSON.stringify(options)}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = (async () => {
      const tree = generateToTemp(schemaDir, options);
      const request = (await import(pathToFileURL(join(tree, 'request.ts')).href)) as Record<string, unknown>;
      const response = (await import(pathToFileURL(join(tree, 'response.ts')).href)) as Record<string, unknown>;
      // The runtime the tree imports (one instance: the package's sources, see vitest.config.ts).
      const runtime = (await import('plesk-api-codegen-runtime')) as Record<string, unknown>;
      return { ...(request as object), ...(response as object), runtime, tree } as PacketCodecs & { tree: string };
    })();
    cache.set(key, loaded);
  }
  return loaded;
}

/** The packet without its XML declaration and without whitespace-only text between tags. */
export function normalizeXml(xml: string): string {
  return xml
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[^?]*\?>/, '')
    .replace(/>\s+</g, '><')
    .replace(/<([^\s>/!?]+)([^>]*?)\s*\/>/g, '<$1$2/>')
    .replace(/<([^\s>/!?]+)([^>]*)><\/\1>/g, '<$1$2/>')
    .trim();
}

/** Lexical forms XML Schema gives one boolean value; the serializer writes the canonical one. */
const BOOLEAN_FORMS: Record<string, string> = { '1': 'true', '0': 'false' };

/**
 * Compares two packets after `normalizeXml`, tag by tag and text by text. The one difference
 * allowed is a boolean written `1`/`0` in the original where the output has the canonical
 * `true`/`false` (the same value in XML Schema). Returns a description of the first difference,
 * or `null` when the packets are the same.
 */
export function packetDifference(actual: string, expected: string): string | null {
  const tokens = (xml: string): string[] => normalizeXml(xml).split(/(<[^>]*>)/).filter((t) => t !== '');
  const a = tokens(actual);
  const e = tokens(expected);
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] === e[i]) continue;
    if (a[i] !== undefined && e[i] !== undefined && !a[i].startsWith('<') && BOOLEAN_FORMS[e[i]] === a[i]) continue;
    const context = e.slice(Math.max(0, i - 4), i).join('');
    return `after …${context}: got ${JSON.stringify(a[i])}, want ${JSON.stringify(e[i])}`;
  }
  return null;
}
