/**
 * The data the client template (`templates/plesk/client.ts.hbs`) is rendered with: one entry per
 * operator under `<packet>`, one per operation under it, with the TypeScript names of what an
 * operation takes and what it answers.
 */
import type { BindingModel, ElementType, OperationsLayout, ParticleBinding } from '../../../binding/model.js';
import { isIdentifier, propertyKey as memberKey, stringLiteral as literal } from '../../../binding/names.js';
import { elementTypeText, type References } from '../../../emit/ts-types.js';
import { RUNTIME_PACKAGE } from '../../../emit/runtime-package.js';
import { fromModule, fromPackage, type Imports } from '../../../emit/imports.js';

export interface ClientOperationData {
  xmlName: string;
  prop: string;
  /** Method name: the property name, quoted when it is not an identifier (`'backup-server'` with `--naming xml`). */
  key: string;
  /** The property name as a string literal. */
  propLiteral: string;
  requestType: string;
  /** The operation element is empty or untyped (a flag): the method takes no parameters and sends `true`. */
  requestFlag: boolean;
  responseType: string;
  /** Type of the `result` element(s) of the answer; the whole answer when it has no `result`. */
  resultType: string;
  hasResult: boolean;
  resultIsArray: boolean;
  /** The TypeScript types the method mentions, as written in client.ts (`Req.X`, `Res.Y`, `never`). */
  requestTs: string;
  resultTs: string;
  valueTs: string;
  answerTs: string;
  doc: string;
}

export interface ClientOperatorData {
  xmlName: string;
  prop: string;
  /** Member name on the client (the property name, quoted when not an identifier; renamed when reserved). */
  key: string;
  /** `this` + member access for `key` (`.server`, `['backup-manager']`). */
  access: string;
  /** The member name as a string literal (`'server'`, `'requestOperator'`). */
  memberLiteral: string;
  propLiteral: string;
  className: string;
  /** One operation per operator element (a plain choice). */
  single: boolean;
  doc: string;
  operations: ClientOperationData[];
}

export interface ClientTemplateData {
  /** Protocol version for `<packet version>`; empty when the bindings have none. */
  version: string;
  runtimeImport: string;
  operators: ClientOperatorData[];
  /** Every operator's layouts, as TypeScript literals. */
  layouts: { key: string; request: string; response: string }[];
}

export function clientTemplateData(model: BindingModel, version: string | null): ClientTemplateData {
  const refs: References = { decls: new Set(), runtime: new Set() };
  const nameOf = (t: ElementType | null): string => (t === null ? 'never' : elementTypeText(t, refs));
  // The names are the profile's naming pass's (profiles/plesk/naming.ts): `client` is set exactly
  // on the operators the client offers.
  const operators = model.operators
    .filter((o) => o.client !== null)
    .map((o): ClientOperatorData => {
      const { member, className } = o.client!;
      return {
        xmlName: o.xml,
        prop: o.prop,
        key: memberKey(member),
        access: isIdentifier(member) ? `.${member}` : `[${literal(member)}]`,
        memberLiteral: literal(member),
        propLiteral: literal(o.prop),
        className,
        single: o.requestLayout?.kind === 'single',
        doc: oneLine(o.doc ?? `Operations of the \`${o.xml}\` operator.`),
        operations: o.operations
          .filter((op) => op.request !== null)
          .map((op) => {
            const result = resultElement(op.response);
            const resultTs = op.response === null ? 'never' : `Res.${result ? nameOf(result.type) : nameOf(op.response)}`;
            const resultIsArray = result !== null && result.max > 1;
            return {
              xmlName: op.xml,
              prop: op.prop,
              key: memberKey(op.prop),
              propLiteral: literal(op.prop),
              requestType: nameOf(op.request),
              // Empty operations (`<get_protos/>`) and untyped ones (`<reboot/>`: Plesk's untyped
              // elements are flags) take no parameters and send `true`.
              requestFlag: op.request?.kind === 'anyType' || (op.request?.kind === 'complex' && op.request.decl.shape === 'flag'),
              responseType: nameOf(op.response),
              resultType: result ? nameOf(result.type) : nameOf(op.response),
              hasResult: result !== null,
              resultIsArray,
              requestTs: `Req.${nameOf(op.request)}`,
              resultTs,
              valueTs: resultIsArray ? `${resultTs}[]` : resultTs,
              answerTs: op.response === null ? 'never' : `Res.${nameOf(op.response)}`,
              doc: oneLine(op.doc ?? `The \`${op.xml}\` operation.`),
            };
          }),
      };
    });
  const layouts = model.operators.map((o) => ({ key: memberKey(o.prop), request: layoutLiteral(o.requestLayout), response: layoutLiteral(o.responseLayout) }));
  return {
    version: version ?? '',
    runtimeImport: `${RUNTIME_PACKAGE}/client`,
    operators,
    layouts,
  };
}

/** The client's imports (client.ts at the tree's root): the runtime client's core, the packet codecs, and the packet modules as type namespaces. */
export function clientImports(imports: Imports): Imports {
  const runtime = fromPackage(`${RUNTIME_PACKAGE}/client`);
  imports.values(runtime, ['PleskClientCore', 'operationRunner', 'runBatch', 'runBatchSettled']);
  imports.types(runtime, ['BatchOperation', 'BatchSettled', 'BatchValues', 'CallOptionsOf', 'OperationMode', 'OperationRunner', 'Outcome', 'PacketCodec', 'PacketLayouts', 'PleskCallOptions', 'PleskClientOptions', 'SettledOperation']);
  imports.values(fromModule('request'), ['serializeRequest']).types(fromModule('request'), ['RequestPacket']).namespace(fromModule('request'), 'Req', true);
  imports.values(fromModule('response'), ['parseResponseStrict']).types(fromModule('response'), ['ResponsePacket']).namespace(fromModule('response'), 'Res', true);
  return imports;
}

export function layoutLiteral(layout: OperationsLayout | null): string {
  if (layout === null) return 'null';
  if (layout.kind === 'list') return layout.prop === undefined ? "{ kind: 'list' }" : `{ kind: 'list', prop: ${literal(layout.prop)} }`;
  if (layout.kind === 'single') return "{ kind: 'single' }";
  return `{ kind: 'fields', order: [${layout.order.map(literal).join(', ')}] }`;
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
