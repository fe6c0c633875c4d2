// The generated TypeScript API side of the diff: edited copies of the embedded set, each row
// with every API change the binding models must show (exported names, properties, client
// methods) and whether it breaks code that compiled before.
import { describe, expect, it } from 'vitest';
import { diffSchemaDirs, type ApiChange } from '../../generator/diff/index.js';
import { EMBEDDED_SCHEMAS_DIR } from '../support/seeds.js';
import { editedCopy, removeCopy, type Edits } from './support.js';

type Want = Pick<ApiChange, 'kind' | 'name' | 'level'> & { property?: string; old?: string; new?: string; message?: string };

const SRV_MAN_REQ = `      <xs:element name="operation" type="srvOpType">`;

const rows: { name: string; edits: Edits; want: Want[]; alsoIn?: string[] }[] = [
  {
    name: 'optional property added to a request type',
    edits: { 'server_input.xsd': [[SRV_MAN_REQ, `      <xs:element name="timeout" type="int" minOccurs="0"/>\n${SRV_MAN_REQ}`]] },
    want: [{ kind: 'property-added', name: 'ServicesManagementTypeRequest', property: 'timeout', new: 'timeout?: Int', level: 'compatible' }],
  },
  {
    name: 'required property added to a request type (callers must give it)',
    edits: { 'server_input.xsd': [[SRV_MAN_REQ, `      <xs:element name="timeout" type="int"/>\n${SRV_MAN_REQ}`]] },
    want: [{ kind: 'property-added', name: 'ServicesManagementTypeRequest', property: 'timeout', new: 'timeout: Int', level: 'breaking' }],
  },
  {
    name: 'required property added to a response type (readers are fine)',
    edits: { 'server_output.xsd': [[`<xs:element name="id" type="srvIdType">`, `<xs:element name="state" type="string"/>\n          <xs:element name="id" type="srvIdType">`]] },
    want: [{ kind: 'property-added', name: 'ServicesManagementResultType', property: 'state', new: 'state?: StringType', level: 'compatible' }],
  },
  {
    name: 'property removed',
    edits: { 'backup.xsd': [[`<xs:element name="prefix" type="string" minOccurs="0">`, `<xs:element name="prefix" type="string" minOccurs="0" maxOccurs="0">`]] },
    want: [{ kind: 'property-removed', name: 'BackupServerInput', property: 'prefix', old: 'prefix?: StringType', level: 'breaking' }],
  },
  {
    name: 'response property becomes optional (readers break)',
    edits: { 'common.xsd': [[`<xs:element name="status" type="result_status">`, `<xs:element name="status" type="result_status" minOccurs="0">`]] },
    // resultType's property, in every type extending it: one change, named after the base.
    want: [{ kind: 'property-changed', name: 'ResultType', property: 'status', old: 'status: ResultStatus', new: 'status?: ResultStatus', level: 'breaking' }],
    alsoIn: ['BackupCommandOutputResult', 'GetProtosResultType', 'ServicesManagementResultType'],
  },
  {
    name: 'request property becomes optional (builders are fine)',
    edits: { 'backup.xsd': [[`<xs:element name="description" type="string">`, `<xs:element name="description" type="string" minOccurs="0">`]] },
    want: [{ kind: 'property-changed', name: 'BackupServerInput', property: 'description', old: 'description: StringType', new: 'description?: StringType', level: 'compatible' }],
  },
  {
    name: 'property becomes an array',
    edits: { 'server_output.xsd': [[`<xs:element name="id" type="srvIdType">`, `<xs:element name="id" type="srvIdType" maxOccurs="unbounded">`]] },
    want: [{ kind: 'property-changed', name: 'ServicesManagementResultType', property: 'id', old: 'id?: SrvIdType', new: 'id?: SrvIdType[]', level: 'breaking' }],
  },
  {
    name: 'enumeration widened in a type only requests use (callers may pass more)',
    edits: { 'plesk_server.xsd': [[`<xs:enumeration value="restart">`, `<xs:enumeration value="reload"/>\n      <xs:enumeration value="restart">`]] },
    want: [{ kind: 'export-changed', name: 'SrvOpType', old: `'start' | 'stop' | 'restart'`, new: `'start' | 'stop' | 'reload' | 'restart'`, level: 'compatible', message: 'values added: "reload" (callers may pass more)' }],
  },
  {
    name: 'enumeration widened in a type responses use (code that handles every value breaks)',
    edits: { 'common.xsd': [[`<xs:enumeration value="error"/>`, `<xs:enumeration value="error"/>\n      <xs:enumeration value="warning"/>`]] },
    want: [{ kind: 'export-changed', name: 'ResultStatus', old: `'ok' | 'error'`, new: `'ok' | 'error' | 'warning'`, level: 'breaking', message: 'values added: "warning" (code that handles every value it reads breaks)' }],
  },
  {
    name: 'a type renamed in the schema: the export disappears, the structure is unchanged',
    edits: {
      'plesk_server.xsd': [[`<xs:simpleType name="srvIdType">`, `<xs:simpleType name="serviceIdType">`]],
      'server_input.xsd': [[`<xs:element name="id" type="srvIdType">`, `<xs:element name="id" type="serviceIdType">`]],
      'server_output.xsd': [[`<xs:element name="id" type="srvIdType">`, `<xs:element name="id" type="serviceIdType">`]],
    },
    want: [
      { kind: 'export-removed', name: 'SrvIdType', old: 'string', level: 'breaking' },
      { kind: 'export-added', name: 'ServiceIdType', new: 'string', level: 'compatible' },
      { kind: 'property-changed', name: 'ServicesManagementTypeRequest', property: 'id', old: 'id: SrvIdType', new: 'id: ServiceIdType', level: 'breaking' },
      { kind: 'property-changed', name: 'ServicesManagementResultType', property: 'id', old: 'id?: SrvIdType', new: 'id?: ServiceIdType', level: 'breaking' },
    ],
  },
  {
    name: 'a shared type that now differs between requests and responses is split (README "Naming")',
    edits: {
      'server_output.xsd': [
        [
          `<xs:include schemaLocation="plesk_server.xsd"/>`,
          `<xs:include schemaLocation="common.xsd"/>\n  <xs:simpleType name="srvIdType"><xs:restriction base="string"><xs:maxLength value="64"/></xs:restriction></xs:simpleType>`,
        ],
      ],
    },
    want: [
      { kind: 'export-removed', name: 'SrvIdType', level: 'breaking' },
      { kind: 'export-added', name: 'SrvIdTypeRequest', level: 'compatible' },
      { kind: 'export-added', name: 'SrvIdTypeResponse', level: 'compatible' },
      { kind: 'property-changed', name: 'ServicesManagementTypeRequest', property: 'id', new: 'id: SrvIdTypeRequest', level: 'breaking' },
      { kind: 'property-changed', name: 'ServicesManagementResultType', property: 'id', new: 'id?: SrvIdTypeResponse', level: 'breaking' },
    ],
  },
  {
    name: 'operation removed from requests (its response stays, and so does the client method)',
    edits: { 'server_input.xsd': [[`<xs:element name="get_protos" type="GetProtosType">`, `<xs:element name="get_protos" type="GetProtosType" minOccurs="0" maxOccurs="0">`]] },
    want: [
      { kind: 'property-removed', name: 'ServerOperatorTypeRequestItem', property: 'getProtos', level: 'breaking' },
      { kind: 'property-changed', name: 'ServerOperatorTypeRequestItem', property: 'srvMan', old: 'srvMan?: ServicesManagementTypeRequest', new: 'srvMan: ServicesManagementTypeRequest', level: 'breaking' },
    ],
  },
];

describe('diff: the generated TypeScript API', () => {
  for (const row of rows) {
    it(row.name, () => {
      const dir = editedCopy(EMBEDDED_SCHEMAS_DIR, row.edits);
      try {
        const { api, summary } = diffSchemaDirs(EMBEDDED_SCHEMAS_DIR, dir);
        const got = api.map((c) => {
          const w: Want = { kind: c.kind, name: c.name, level: c.level };
          if (c.property !== undefined) w.property = c.property;
          if (row.want.some((x) => x.message !== undefined && x.name === c.name)) w.message = c.message;
          return { ...w, ...(c.old !== undefined ? { old: c.old } : {}), ...(c.new !== undefined ? { new: c.new } : {}) };
        });
        expect(got).toEqual(expect.arrayContaining(row.want.map((w) => expect.objectContaining(w))));
        expect(got).toHaveLength(row.want.length);
        expect(summary.types.breaking).toBe(row.want.filter((w) => w.level === 'breaking').length);
        expect(api.flatMap((c) => c.alsoIn ?? [])).toEqual(row.alsoIn ?? []);
        const split = api.some((x) => x.name === 'SrvIdTypeResponse');
        for (const c of api.filter((x) => split && x.kind === 'export-removed' && x.name === 'SrvIdType')) {
          expect(c.message).toBe('no longer exported; the schema type srvIdType is now SrvIdTypeRequest and SrvIdTypeResponse');
        }
      } finally {
        removeCopy(dir);
      }
    });
  }
});

describe('diff: client methods', () => {
  it('reports the methods of an operator removed from both sets as removed (breaking)', () => {
    const dir = editedCopy(EMBEDDED_SCHEMAS_DIR, {
      'agent_input.xsd': [[`<xs:element name="backup-manager" type="BackupInputType">`, `<xs:element name="backup-manager" type="BackupInputType" minOccurs="0" maxOccurs="0">`]],
      'agent_output.xsd': [[`<xs:element name="backup-manager" type="BackupOutputType">`, `<xs:element name="backup-manager" type="BackupOutputType" minOccurs="0" maxOccurs="0">`]],
    });
    try {
      const { api, schema } = diffSchemaDirs(EMBEDDED_SCHEMAS_DIR, dir);
      expect(api).toContainEqual(expect.objectContaining({ kind: 'method-removed', name: 'client.backupManager.backupServer', level: 'breaking' }));
      expect(api.filter((c) => c.kind === 'method-added')).toEqual([]);
      expect(schema.map((c) => `${c.set} ${c.kind} ${c.path} ${c.impact.level}`)).toEqual([
        'request operator-removed backup-manager breaking',
        'response operator-removed backup-manager breaking',
      ]);
    } finally {
      removeCopy(dir);
    }
  });
});
