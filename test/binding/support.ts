/**
 * Small schemas for the binding passes' given/want tables: each test states its schema files as
 * text, they are written to a scratch folder, loaded into the schema model and bound by the
 * general core (`bindElements`) or, with `agent_input.xsd`/`agent_output.xsd`, by the Plesk
 * profile. `schemaFile(body)` wraps the body of one `xs:schema` (attributes first).
 */
import { afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bindElements } from '../../generator/binding/bind.js';
import type { BindingOptions, ComplexDeclaration, Declaration, ElementsBindingModel } from '../../generator/binding/model.js';
import { loadSchemaSets, type SchemaSets } from '../../generator/profiles/plesk/schemas.js';
import { loadEntrySet, type SchemaSet } from '../../generator/model/index.js';
import { SCRATCH_DIR } from '../support/tree.js';

mkdirSync(SCRATCH_DIR, { recursive: true });
const scratch = mkdtempSync(join(SCRATCH_DIR, 'binding-pass-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

export const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';

/** Writes the files (name → the text inside `<xs:schema …`, starting with its attributes) into a new folder. */
export function schemaDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, 'set-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), `<xs:schema ${XS} ${body}</xs:schema>`);
  return dir;
}

/** The schema set of `files`, entered from all of them. */
export function schemaSet(files: Record<string, string>): SchemaSet {
  return loadEntrySet(schemaDir(files), Object.keys(files));
}

/** Binds `files` with the general core; `roots` as `{ns}local` or a local name (default: every global element). */
export function bindCore(files: Record<string, string>, roots?: string[], options?: BindingOptions): ElementsBindingModel {
  const set = schemaSet(files);
  const all = [...set.elements.values()];
  const chosen = roots === undefined ? all : roots.map((r) => all.find((e) => `{${e.name.ns ?? ''}}${e.name.local}` === r || e.name.local === r)!);
  return bindElements(set, chosen, options);
}

/** The declaration named `name` (throws when there is none, listing the names there are). */
export function declNamed(declarations: readonly Declaration[], name: string): Declaration {
  const d = declarations.find((x) => x.name === name);
  if (d === undefined) throw new Error(`no declaration ${name}; have ${declarations.map((x) => x.name).join(', ')}`);
  return d;
}

export function complexNamed(declarations: readonly Declaration[], name: string): ComplexDeclaration {
  const d = declNamed(declarations, name);
  if (d.kind !== 'complex') throw new Error(`${name} is simple`);
  return d;
}

/** The Plesk profile's two sets from `files` (which must hold `agent_input.xsd` and `agent_output.xsd`). */
export function pleskSets(files: Record<string, string>): SchemaSets {
  return loadSchemaSets(schemaDir(files));
}
