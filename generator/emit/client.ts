/**
 * The data the client template (`templates/client.ts.hbs`) is rendered with: one entry per
 * operator under `<packet>`, one per operation under it, with the TypeScript names of what an
 * operation takes and what it answers.
 */
import type { BindingModel, ElementType, ParticleBinding } from '../binding/model.js';
import { operatorClassName, pascalCase } from '../binding/names.js';
import { elementTypeText, type References } from './ts-types.js';
import { RUNTIME_PACKAGE } from './runtime-package.js';

export interface ClientOperationData {
  xmlName: string;
  prop: string;
  /** Method name (the property name made a safe identifier). */
  method: string;
  requestType: string;
  /** The operation element is empty or untyped (a flag): the method takes no parameters and sends `true`. */
  requestFlag: boolean;
  responseType: string;
  /** Type of the `result` element(s) of the answer; the whole answer when it has no `result`. */
  resultType: string;
  hasResult: boolean;
  resultIsArray: boolean;
  doc: string;
}

export interface ClientOperatorData {
  xmlName: string;
  prop: string;
  className: string;
  doc: string;
  operations: ClientOperationData[];
}

export interface ClientTemplateData {
  /** Protocol version for `<packet version>`; empty when the bindings have none. */
  version: string;
  runtimeImport: string;
  requestModule: string;
  responseModule: string;
  /** Every type name the operations mention, for one import line. */
  typeImports: { names: string; from: string }[];
  operators: ClientOperatorData[];
}

export function clientTemplateData(model: BindingModel, version: string | null): ClientTemplateData {
  const refs: References = { decls: new Set(), runtime: new Set() };
  const nameOf = (t: ElementType | null): string => (t === null ? 'never' : elementTypeText(t, refs));
  const operators = model.operators
    .filter((o) => o.request !== null && o.response !== null)
    .map((o) => ({
      xmlName: o.xml,
      prop: o.prop,
      className: operatorClassName(o.xml),
      doc: oneLine(o.doc ?? `Operations of the \`${o.xml}\` operator.`),
      operations: o.operations
        .filter((op) => op.request !== null && op.response !== null)
        .map((op) => {
          const result = resultElement(op.response);
          return {
            xmlName: op.xml,
            prop: op.prop,
            method: /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(op.prop) ? op.prop : `op${pascalCase(op.xml)}`,
            requestType: nameOf(op.request),
            // Empty operations (`<get_protos/>`) and untyped ones (`<reboot/>`: Plesk's untyped
            // elements are flags) take no parameters and send `true`.
            requestFlag: op.request?.kind === 'anyType' || (op.request?.kind === 'complex' && op.request.decl.shape === 'flag'),
            responseType: nameOf(op.response),
            resultType: result ? nameOf(result.type) : nameOf(op.response),
            hasResult: result !== null,
            resultIsArray: result !== null && result.max > 1,
            doc: oneLine(op.doc ?? `The \`${op.xml}\` operation.`),
          };
        }),
    }));
  const byModule = new Map<string, Set<string>>();
  for (const d of refs.decls) byModule.set(d.module, (byModule.get(d.module) ?? new Set()).add(d.name));
  const typeImports = [...byModule]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([module, names]) => ({ names: [...names].sort().join(', '), from: `./${module}.js` }));
  if (refs.runtime.size > 0) typeImports.push({ names: [...refs.runtime].sort().join(', '), from: RUNTIME_PACKAGE });
  return {
    version: version ?? '',
    runtimeImport: `${RUNTIME_PACKAGE}/client`,
    requestModule: './request.js',
    responseModule: './response.js',
    typeImports,
    operators,
  };
}

/** Documentation as one line, safe inside a block comment. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\*\//g, '*\\/');
}

/** The `result` element directly in an operation's answer, if it has one. */
function resultElement(t: ElementType | null): (ParticleBinding & { kind: 'element' }) | null {
  if (t === null || t.kind !== 'complex') return null;
  const find = (p: ParticleBinding | null): (ParticleBinding & { kind: 'element' }) | null => {
    if (p === null || p.kind === 'any') return null;
    if (p.kind === 'element') return p.xml === 'result' ? p : null;
    if (p.max > 1 && p.prop !== undefined) return null;
    for (const child of p.particles) {
      const r = find(child);
      if (r) return r;
    }
    return null;
  };
  return find(t.decl.content);
}
