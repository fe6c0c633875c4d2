/**
 * Builds a miniature generated tree for the client tests, laid out like the real one:
 *
 *   test/client/out/<name>/
 *     testing/standin.ts   re-exports plesk-api-codegen-runtime/testing
 *     request.ts, response.ts, xml.ts   the hand-written fixture codec (test/client/fixture)
 *     client.ts            templates/plesk/client.ts.hbs rendered with `fixtureTemplateData`
 *
 * Each test file uses its own <name>, so parallel test files never share a directory.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { Imports } from '../../../generator/emit/imports.js';
import { clientImports } from '../../../generator/profiles/plesk/emit/client.js';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
export const templatePath = join(repoRoot, 'templates/plesk/client.ts.hbs');

export interface ClientTemplateOperation {
  xmlName: string;
  prop: string;
  key?: string;
  propLiteral?: string;
  requestType?: string;
  requestFlag?: boolean;
  responseType: string;
  resultType: string;
  resultIsArray: boolean;
  doc?: string;
}

export interface ClientTemplateOperator {
  xmlName: string;
  prop: string;
  key?: string;
  access?: string;
  propLiteral?: string;
  single?: boolean;
  className: string;
  doc?: string;
  operations: ClientTemplateOperation[];
}

/** The data contract of templates/plesk/client.ts.hbs. */
export interface ClientTemplateData {
  version: string;
  runtimeImport: string;
  operators: ClientTemplateOperator[];
  layouts?: { key: string; request: string; response: string }[];
}

export const fixtureTemplateData: ClientTemplateData = {
  version: '1.6.9.1',
  runtimeImport: 'plesk-api-codegen-runtime/client',
  operators: [
    {
      xmlName: 'server',
      prop: 'server',
      className: 'ServerOperations',
      doc: 'Server management: services, protocols, settings.',
      operations: [
        {
          xmlName: 'srv_man',
          prop: 'srvMan',
          requestType: 'ServicesManagementType',
          responseType: 'ServicesManagementTypeResponse',
          resultType: 'ServicesManagementResultType',
          resultIsArray: false,
          doc: 'Services management',
        },
        {
          xmlName: 'get_protos',
          prop: 'getProtos',
          requestFlag: true,
          responseType: 'GetProtosTypeResponse',
          resultType: 'GetProtosResultType',
          resultIsArray: false,
          doc: 'Get supported PA protocols (kept verbatim: <angle> & "quotes" \'single\' `ticks` = signs).',
        },
      ],
    },
    {
      xmlName: 'backup-manager',
      prop: 'backupManager',
      className: 'BackupManagerOperations',
      operations: [
        {
          xmlName: 'backup-server',
          prop: 'backupServer',
          requestType: 'BackupServerInput',
          responseType: 'BackupCommandOutput',
          resultType: 'BackupResultType',
          resultIsArray: false,
        },
      ],
    },
    {
      xmlName: 'site',
      prop: 'site',
      className: 'SiteOperations',
      doc: 'Sites (fixture-only filter operation).',
      operations: [
        {
          xmlName: 'get',
          prop: 'get',
          requestType: 'SiteGetInput',
          responseType: 'SiteGetOutput',
          resultType: 'SiteGetResultType',
          resultIsArray: true,
          doc: 'Site information, one result per site the filter matched.',
        },
      ],
    },
  ],
};

/**
 * The fields the emitter derives from `prop` (the fixture's props are all identifiers, so the
 * member key is the prop itself), and a `list` layout for every operator.
 */
function completed(data: ClientTemplateData): ClientTemplateData {
  const operators = data.operators.map((o) => ({
    key: o.prop,
    access: `.${o.prop}`,
    propLiteral: `'${o.prop}'`,
    ...o,
    operations: o.operations.map((op) => ({
      key: op.prop,
      propLiteral: `'${op.prop}'`,
      requestTs: `Req.${op.requestType}`,
      resultTs: `Res.${op.resultType}`,
      valueTs: `Res.${op.resultType}${op.resultIsArray ? '[]' : ''}`,
      answerTs: `Res.${op.responseType}`,
      ...op,
    })),
  }));
  const layouts = data.layouts ?? data.operators.map((o) => ({ key: o.prop, request: "{ kind: 'list' }", response: "{ kind: 'list' }" }));
  // The imports as the generator writes them (a tree at the same layout: request.ts and response.ts beside client.ts).
  const imports = clientImports(new Imports('client', 'js')).print({ wrapWidth: 100 });
  return { ...data, operators, layouts, imports } as ClientTemplateData;
}

/** Renders the client template the way the generator does: an isolated Handlebars environment, no helpers. */
export function renderClientTemplate(data: ClientTemplateData): string {
  const hb = Handlebars.create();
  return hb.compile(readFileSync(templatePath, 'utf8'))(completed(data));
}

/** Builds test/client/out/<name>/ and returns its absolute path. */
export function buildFixtureTree(name: string, data: ClientTemplateData = fixtureTemplateData): string {
  const dir = join(repoRoot, 'test/client/out', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(dir, 'testing'));
  writeFileSync(join(dir, 'testing/standin.ts'), "export * from 'plesk-api-codegen-runtime/testing';\n");
  for (const f of ['request.ts', 'response.ts', 'xml.ts']) cpSync(join(repoRoot, 'test/client/fixture', f), join(dir, f));
  writeFileSync(join(dir, 'client.ts'), renderClientTemplate(data));
  return dir;
}
