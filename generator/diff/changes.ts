/**
 * The vocabulary of `plesk-codegen diff`: what a change is, where it is, and whom it breaks.
 *
 * A report has three lists. Schema changes are found by walking the old and new resolved
 * models side by side (`compare.ts`), once for the request set (`agent_input.xsd`) and once
 * for the response set (`agent_output.xsd`), because the same type name can mean different
 * things on the two sides; each one is classified for the side it was found on
 * (`classify.ts`). API changes compare the exported TypeScript of the two binding models
 * (`api.ts`). Documentation changes are listed apart: they break no one.
 *
 * These interfaces ARE the JSON format (`--format json`): fields are only ever added; a field
 * changing meaning or disappearing raises `DIFF_FORMAT_VERSION`. The README documents them.
 */

/** Version of the JSON report format. */
export const DIFF_FORMAT_VERSION = 1;

/** Which schema set a change was found in: requests (`agent_input.xsd`) or responses (`agent_output.xsd`). */
export type SetName = 'request' | 'response';

export type SchemaChangeKind =
  | 'operator-added'
  | 'operator-removed'
  | 'operation-added'
  | 'operation-removed'
  | 'element-added'
  | 'element-removed'
  | 'element-renamed'
  | 'attribute-added'
  | 'attribute-removed'
  | 'attribute-renamed'
  | 'wildcard-added'
  | 'wildcard-removed'
  /** An element's or group's minOccurs/maxOccurs, or an attribute's `use`. */
  | 'occurs-changed'
  /** `nillable`, `default` or `fixed` of an element or attribute. */
  | 'value-changed'
  /** Simple ↔ complex, or the content kind (empty, text, elements, mixed). */
  | 'content-changed'
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'facet-changed'
  /** The built-in type a simple type derives from (`int` → `string`), or its variety (atomic, list, union). */
  | 'base-changed'
  | 'choice-branch-added'
  | 'choice-branch-removed'
  /** A choice became a sequence or back (or `all`). */
  | 'group-kind-changed'
  /** An element moved from one group (sequence or choice) of its type into another. */
  | 'element-moved'
  | 'order-changed';

export type Level = 'breaking' | 'compatible';

/** Whom a change breaks, and why, in one sentence. */
export interface Impact {
  level: Level;
  reason: string;
  /** Responses only: `parseResponse(xml, { mode: 'lenient' })` accepts what strict parsing refuses here. */
  lenientTolerates?: boolean;
}

/** One side of a change: where it is declared (`file:line`, relative to its schema folder) and its value, if any. */
export interface Side {
  loc: string | null;
  /** The value before or after: a type name, an occurrence `[0..1]`, a facet value, a name. */
  value?: string;
}

export interface SchemaChange {
  kind: SchemaChangeKind;
  set: SetName;
  /** Schema path of the first place the change shows, from the operator down (`webspace/add/hosting/vrt_hst/property`); attributes end in `/@name`. */
  path: string;
  /** Further places where the same changed type is used (other paths reaching the same pair of types). */
  alsoAt: string[];
  /** The named type the change is inside, as `old` / `new` names (absent for anonymous types). */
  inType?: string;
  /** What changed: an element or attribute name, an enumeration value, a facet name, a group (`choice (a | b)`). */
  subject: string;
  /** For `facet-changed`: which way the set of valid values moved. */
  direction?: 'tightened' | 'loosened' | 'changed';
  old?: Side;
  new?: Side;
  /** One sentence, without the path. */
  message: string;
  impact: Impact;
}

export type ApiChangeKind =
  | 'export-added'
  | 'export-removed'
  | 'export-changed'
  | 'property-added'
  | 'property-removed'
  | 'property-changed'
  | 'method-added'
  | 'method-removed';

/** A change in the generated TypeScript API (exported names, their properties, client methods). */
export interface ApiChange {
  kind: ApiChangeKind;
  /** Exported name (`WebspaceAddInput`) or client member (`client.webspace.add`). */
  name: string;
  /** The property, for property changes. */
  property?: string;
  /** The module of the declaration (`request/webspace`), when known. */
  module?: string;
  /** Old and new TypeScript text (`ipAddress?: string`), or a declaration's kind. */
  old?: string;
  new?: string;
  message: string;
  /** Other exports with the very same property change (types extending the same base), by name. */
  alsoIn?: string[];
  /** `breaking`: code that compiled before may not compile after; `compatible`: an addition. */
  level: Level;
}

export interface DocChange {
  set: SetName;
  path: string;
  subject: string;
  old: Side & { text: string | null };
  new: Side & { text: string | null };
}

export interface DiffSource {
  /** The folder given on the command line. */
  path: string;
  /** The schema folder read (the same for a schema folder; a generated tree's manifest names it). */
  schemas: string;
}

export interface DiffReport {
  format: 'plesk-codegen-diff';
  version: typeof DIFF_FORMAT_VERSION;
  old: DiffSource;
  new: DiffSource;
  /** Counts per side: `request` and `response` count schema changes of that set, `types` API changes. */
  summary: Record<'request' | 'response' | 'types', { breaking: number; compatible: number }> & { documentation: number };
  schema: SchemaChange[];
  api: ApiChange[];
  documentation: DocChange[];
}

export type FailSide = 'request' | 'response' | 'types';

/** Whether the report has breaking changes on any of the sides given. */
export function hasBreaking(report: DiffReport, sides: readonly FailSide[]): boolean {
  return sides.some((s) => report.summary[s].breaking > 0);
}
