/**
 * `SchemaLocations`: the root's `xsi:schemaLocation` and `xsi:noNamespaceSchemaLocation`, read
 * into the root's value (`$schemaLocation`, `$noNamespaceSchemaLocation`) and written back at
 * the end of the root's start tag (with `xmlns:xsi`, once), so a round trip keeps them and a
 * caller sets them the same way. They say where the document's schemas are, so they belong to
 * the document: below the root they are accepted and not kept.
 *
 * Installed by the general core's codecs (`enableSchemaLocations`); a Plesk tree's packets
 * neither carry them nor bundle this.
 */
import { readerExtensions } from './parse.js';
import { describeValue, fail, useRootHints } from './serialize.js';
import { notXmlChar } from './simple.js';
import { escapeAttr } from './escape.js';
import { XSI } from './nsfrag.js';

const KEYS = ['$schemaLocation', '$noNamespaceSchemaLocation'] as const;

/** The root value without its `SchemaLocations`, and how the written document gets them; null without. */
function schemaLocations(v: Record<string, unknown>): { value: Record<string, unknown>; finish(xml: string): string } | null {
  if (v.$schemaLocation === undefined && v.$noNamespaceSchemaLocation === undefined) return null;
  const rest = { ...v };
  let attrs = '';
  for (const k of KEYS) {
    const s = rest[k];
    delete rest[k];
    if (s === undefined) continue;
    const bad = typeof s !== 'string' ? `expected a string, got ${describeValue(s)}` : notXmlChar(s);
    if (bad !== undefined && fail(bad, k)) continue;
    attrs += ` xsi:${k.slice(1)}="${escapeAttr(String(s))}"`;
  }
  return { value: rest, finish: (xml) => (attrs === '' ? xml : rootAttributes(xml, attrs)) };
}

/**
 * `xml` with `attrs` added at the end of its root's start tag, and `xsi` declared there once.
 * (Every `>` inside the writer's attribute values is escaped, so the first one ends the tag.)
 */
function rootAttributes(xml: string, attrs: string): string {
  let end = xml.indexOf('>');
  if (xml[end - 1] === '/') end--;
  const decl = xml.slice(0, end).includes(` xmlns:xsi="${XSI}"`) ? '' : ` xmlns:xsi="${XSI}"`;
  return xml.slice(0, end) + attrs + decl + xml.slice(end);
}

/** Makes reading keep, and writing write, the root's `SchemaLocations` (called by generated codecs). */
export function enableSchemaLocations(): void {
  readerExtensions.locations = true;
  useRootHints(schemaLocations);
}
