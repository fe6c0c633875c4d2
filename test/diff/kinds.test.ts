// One kind of schema change per row: the embedded set, copied to a temporary folder and edited
// at run time, compared with the original. Each row lists every schema change the diff must
// report (set, kind, path, subject, impact) and nothing else.
import { describe, expect, it } from 'vitest';
import { diffSchemaDirs, type SchemaChange } from '../../generator/diff/index.js';
import { EMBEDDED_SCHEMAS_DIR } from '../support/seeds.js';
import { editedCopy, removeCopy, type Edits } from './support.js';

interface Want {
  set: 'request' | 'response';
  kind: SchemaChange['kind'];
  path: string;
  subject?: string;
  level: 'breaking' | 'compatible';
  lenient?: true;
}

interface Row {
  name: string;
  /** Edits that make the OLD set (default: the embedded set as it is). */
  oldEdits?: Edits;
  edits: Edits;
  want: Want[];
  /** Documentation changes the edit makes too (default none). */
  docs?: number;
}

const SRV_MAN_REQ = `      <xs:element name="operation" type="srvOpType">`;
const PREFIX = `      <xs:element name="prefix" type="string" minOccurs="0">`;
const DESCRIPTION = `      <xs:element name="description" type="string">`;

/** backup-server's `prefix` (requests) typed with a simple type declared at the end of backup.xsd. */
const prefixTyped = (decl: string): Edits => ({
  'backup.xsd': [
    [PREFIX, `      <xs:element name="prefix" type="prefixType" minOccurs="0">`],
    [`</xs:schema>`, `  <xs:simpleType name="prefixType">${decl}</xs:simpleType>\n</xs:schema>`],
  ],
});
/** `system/errcode` (responses) typed likewise, in common.xsd. */
const errcodeTyped = (decl: string): Edits => ({
  'common.xsd': [
    [`<xs:element name="errcode" type="unsignedInt" minOccurs="0">`, `<xs:element name="errcode" type="errcodeType" minOccurs="0">`],
    [`</xs:schema>`, `  <xs:simpleType name="errcodeType">${decl}</xs:simpleType>\n</xs:schema>`],
  ],
});
/** backup-server with `note` twice (a name may repeat in a sequence when every occurrence has the same type). */
const NOTE_1 = `      <xs:element name="note" type="string" minOccurs="0"/>\n`;
const NOTE_2 = `      <xs:element name="note" type="string" minOccurs="0" maxOccurs="3"/>\n`;
const notes = (beforePrefix: string, beforeDescription: string, first = ''): Edits => ({
  'backup.xsd': [
    [PREFIX, `${beforePrefix}${PREFIX}`],
    [DESCRIPTION, `${beforeDescription}${DESCRIPTION}`],
    ...(first === '' ? [] : ([[`    <xs:sequence>\n      <xs:choice>\n        <xs:element name="local"`, `    <xs:sequence>\n${first}      <xs:choice>\n        <xs:element name="local"`]] as [string, string][])),
  ],
});
const SHORT = (n: number) => `<xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="${n}"/></xs:restriction></xs:simpleType>`;

const rows: Row[] = [
  {
    name: 'operation added',
    edits: { 'server_input.xsd': [[`      <xs:element name="get_protos" type="GetProtosType">`, `      <xs:element name="reboot"/>\n      <xs:element name="get_protos" type="GetProtosType">`]] },
    want: [{ set: 'request', kind: 'operation-added', path: 'server/reboot', level: 'compatible' }],
  },
  {
    name: 'operation removed',
    edits: { 'server_input.xsd': [[`<xs:element name="get_protos" type="GetProtosType">`, `<xs:element name="get_protos_gone" type="GetProtosType" minOccurs="0" maxOccurs="0">`]] },
    want: [{ set: 'request', kind: 'operation-removed', path: 'server/get_protos', level: 'breaking' }],
  },
  {
    name: 'operator removed',
    edits: {
      'agent_input.xsd': [[`<xs:element name="backup-manager" type="BackupInputType">`, `<xs:element name="backup-manager" type="BackupInputType" minOccurs="0" maxOccurs="0">`]],
    },
    want: [{ set: 'request', kind: 'operator-removed', path: 'backup-manager', level: 'breaking' }],
  },
  {
    name: 'optional element added to a request',
    edits: { 'server_input.xsd': [[SRV_MAN_REQ, `      <xs:element name="timeout" type="int" minOccurs="0"/>\n${SRV_MAN_REQ}`]] },
    want: [{ set: 'request', kind: 'element-added', path: 'server/srv_man/timeout', level: 'compatible' }],
  },
  {
    name: 'required element added to a request',
    edits: { 'server_input.xsd': [[SRV_MAN_REQ, `      <xs:element name="timeout" type="int"/>\n${SRV_MAN_REQ}`]] },
    want: [{ set: 'request', kind: 'element-added', path: 'server/srv_man/timeout', level: 'breaking' }],
  },
  {
    name: 'element removed from a request',
    edits: { 'backup.xsd': [[PREFIX, `      <xs:element name="prefix" type="string" minOccurs="0" maxOccurs="0">`]] },
    want: [{ set: 'request', kind: 'element-removed', path: 'backup-manager/backup-server/prefix', level: 'breaking' }],
  },
  {
    name: 'element renamed (same place, same type)',
    edits: { 'backup.xsd': [[DESCRIPTION, `      <xs:element name="comment" type="string">`]] },
    want: [{ set: 'request', kind: 'element-renamed', path: 'backup-manager/backup-server/comment', subject: 'description → comment', level: 'breaking' }],
  },
  {
    name: 'optional element becomes required (request)',
    edits: { 'backup.xsd': [[PREFIX, `      <xs:element name="prefix" type="string">`]] },
    want: [{ set: 'request', kind: 'occurs-changed', path: 'backup-manager/backup-server/prefix', level: 'breaking' }],
  },
  {
    name: 'required element becomes optional (request: compatible)',
    edits: { 'backup.xsd': [[DESCRIPTION, `      <xs:element name="description" type="string" minOccurs="0">`]] },
    want: [{ set: 'request', kind: 'occurs-changed', path: 'backup-manager/backup-server/description', level: 'compatible' }],
  },
  {
    name: 'single element becomes repeating (response: breaking)',
    edits: { 'server_output.xsd': [[`<xs:element name="id" type="srvIdType">`, `<xs:element name="id" type="srvIdType" maxOccurs="unbounded">`]] },
    want: [{ set: 'response', kind: 'occurs-changed', path: 'server/srv_man/result/id', level: 'breaking' }],
  },
  {
    name: 'response element becomes optional (code that reads it breaks)',
    edits: { 'common.xsd': [[`<xs:element name="status" type="result_status">`, `<xs:element name="status" type="result_status" minOccurs="0">`]] },
    want: [{ set: 'response', kind: 'occurs-changed', path: 'system/status', level: 'breaking' }],
  },
  {
    name: 'element added to a response (strict parsing breaks, lenient tolerates)',
    edits: { 'server_output.xsd': [[`<xs:element name="id" type="srvIdType">`, `<xs:element name="state" type="string" minOccurs="0"/>\n          <xs:element name="id" type="srvIdType">`]] },
    want: [{ set: 'response', kind: 'element-added', path: 'server/srv_man/result/state', level: 'breaking', lenient: true }],
  },
  {
    name: 'enumeration value added (shared simple type: request compatible, response breaking)',
    edits: { 'common.xsd': [[`<xs:enumeration value="error"/>`, `<xs:enumeration value="error"/>\n      <xs:enumeration value="warning"/>`]] },
    want: [{ set: 'response', kind: 'enum-value-added', path: 'system/status', subject: 'warning', level: 'breaking', lenient: true }],
  },
  {
    name: 'enumeration value removed from a request type',
    edits: { 'plesk_server.xsd': [[`<xs:enumeration value="restart">`, `<xs:enumeration value="reload">`]] },
    want: [
      { set: 'request', kind: 'enum-value-removed', path: 'server/srv_man/operation', subject: 'restart', level: 'breaking' },
      { set: 'request', kind: 'enum-value-added', path: 'server/srv_man/operation', subject: 'reload', level: 'compatible' },
    ],
  },
  {
    name: 'facet tightened (request breaking, response compatible)',
    edits: { 'plesk_server.xsd': [[`<xs:restriction base="string"/>`, `<xs:restriction base="string"><xs:maxLength value="32"/></xs:restriction>`]] },
    want: [
      { set: 'request', kind: 'facet-changed', path: 'server/srv_man/id', subject: 'maxLength', level: 'breaking' },
      { set: 'response', kind: 'facet-changed', path: 'server/srv_man/result/id', subject: 'maxLength', level: 'compatible' },
    ],
  },
  {
    name: 'facet loosened (request compatible, response breaking, lenient tolerates)',
    oldEdits: { 'plesk_server.xsd': [[`<xs:restriction base="string"/>`, `<xs:restriction base="string"><xs:maxLength value="16"/></xs:restriction>`]] },
    edits: { 'plesk_server.xsd': [[`<xs:restriction base="string"/>`, `<xs:restriction base="string"><xs:maxLength value="64"/></xs:restriction>`]] },
    want: [
      { set: 'request', kind: 'facet-changed', path: 'server/srv_man/id', subject: 'maxLength', level: 'compatible' },
      { set: 'response', kind: 'facet-changed', path: 'server/srv_man/result/id', subject: 'maxLength', level: 'breaking', lenient: true },
    ],
  },
  {
    name: 'built-in base changed within a primitive (unsignedInt → Plesk int, an xs:integer: bounds compared)',
    edits: { 'common.xsd': [[`<xs:element name="errcode" type="unsignedInt" minOccurs="0">`, `<xs:element name="errcode" type="int" minOccurs="0">`]] },
    want: [
      { set: 'response', kind: 'facet-changed', path: 'system/errcode', subject: 'minimum', level: 'breaking', lenient: true },
      { set: 'response', kind: 'facet-changed', path: 'system/errcode', subject: 'maximum', level: 'breaking', lenient: true },
    ],
  },
  {
    name: 'base type changed',
    edits: { 'backup.xsd': [[`<xs:element name="split-size" type="int" minOccurs="0">`, `<xs:element name="split-size" type="string" minOccurs="0">`]] },
    want: [{ set: 'request', kind: 'base-changed', path: 'backup-manager/backup-server/split-size', level: 'breaking' }],
  },
  {
    name: 'choice branch added',
    edits: { 'backup.xsd': [[`        <xs:element name="remote" type="string">`, `        <xs:element name="cloud" type="string"/>\n        <xs:element name="remote" type="string">`]] },
    want: [{ set: 'request', kind: 'choice-branch-added', path: 'backup-manager/backup-server/cloud', level: 'compatible' }],
  },
  {
    name: 'choice grows from two branches to five',
    edits: { 'backup.xsd': [[`        <xs:element name="remote" type="string">`, `        <xs:element name="s3" type="string"/><xs:element name="gcs" type="string"/><xs:element name="azure" type="string"/>\n        <xs:element name="remote" type="string">`]] },
    want: ['s3', 'gcs', 'azure'].map((b) => ({ set: 'request' as const, kind: 'choice-branch-added' as const, path: `backup-manager/backup-server/${b}`, level: 'compatible' as const })),
  },
  {
    name: 'choice branch removed',
    edits: { 'backup.xsd': [[`        <xs:element name="only-mail" type="NoneType">`, `        <xs:element name="only-mail" type="NoneType" minOccurs="0" maxOccurs="0">`]] },
    want: [{ set: 'request', kind: 'choice-branch-removed', path: 'backup-manager/backup-server/only-mail', level: 'breaking' }],
  },
  {
    name: 'choice becomes a sequence',
    edits: {
      'backup.xsd': [
        [`      <xs:choice minOccurs="0">\n        <xs:element name="only-hosting"`, `      <xs:sequence minOccurs="0">\n        <xs:element name="only-hosting"`],
        [`      </xs:choice>\n      <xs:element name="only-configuration"`, `      </xs:sequence>\n      <xs:element name="only-configuration"`],
      ],
    },
    want: [{ set: 'request', kind: 'group-kind-changed', path: 'backup-manager/backup-server', subject: 'sequence (only-hosting, only-mail)', level: 'breaking' }],
  },
  {
    name: 'order changed inside a sequence',
    edits: {
      'server_input.xsd': [
        [`      <xs:element name="id" type="srvIdType">`, `      <xs:element name="operation" type="srvOpType"/>\n      <xs:element name="id" type="srvIdType">`],
        [SRV_MAN_REQ, `      <xs:element name="operation-old" type="srvOpType" minOccurs="0" maxOccurs="0">`],
      ],
    },
    want: [{ set: 'request', kind: 'order-changed', path: 'server/srv_man', subject: 'id', level: 'breaking' }],
    docs: 1, // the moved element lost its xs:documentation
  },
  {
    name: 'optional attribute added to a request, and to a response',
    edits: {
      'agent_input.xsd': [[`<xs:attribute name="version" type="string">`, `<xs:attribute name="lang" type="string"/>\n    <xs:attribute name="version" type="string">`]],
    },
    want: [{ set: 'request', kind: 'attribute-added', path: 'packet/@lang', level: 'compatible' }],
  },
  {
    name: 'attribute removed',
    edits: { 'agent_input.xsd': [[`<xs:attribute name="version" type="string">`, `<xs:attribute name="version" type="string" use="prohibited">`]] },
    want: [{ set: 'request', kind: 'attribute-removed', path: 'packet/@version', level: 'breaking' }],
  },
  {
    name: 'attribute renamed (same type)',
    edits: { 'agent_input.xsd': [[`<xs:attribute name="version" type="string">`, `<xs:attribute name="protocol" type="string">`]] },
    want: [{ set: 'request', kind: 'attribute-renamed', path: 'packet/@protocol', subject: '@version → @protocol', level: 'breaking' }],
  },
  {
    name: 'wildcard added to a response type (strict parsing breaks, lenient tolerates)',
    edits: { 'server_output.xsd': [[`<xs:element name="id" type="srvIdType">`, `<xs:any processContents="skip" minOccurs="0"/>\n          <xs:element name="id" type="srvIdType">`]] },
    want: [{ set: 'response', kind: 'wildcard-added', path: 'server/srv_man/result/xs:any', level: 'breaking', lenient: true }],
  },
  {
    name: 'default value changed (compatible both ways)',
    edits: { 'backup.xsd': [[`<xs:element name="split-size" type="int" minOccurs="0">`, `<xs:element name="split-size" type="int" minOccurs="0" default="0">`]] },
    want: [{ set: 'request', kind: 'value-changed', path: 'backup-manager/backup-server/split-size', subject: 'default', level: 'compatible' }],
  },
  {
    name: 'attribute becomes required',
    edits: { 'agent_input.xsd': [[`<xs:attribute name="version" type="string">`, `<xs:attribute name="version" type="string" use="required">`]] },
    want: [{ set: 'request', kind: 'occurs-changed', path: 'packet/@version', level: 'breaking' }],
  },
  {
    name: 'element becomes nillable (request compatible)',
    edits: { 'backup.xsd': [[PREFIX, `      <xs:element name="prefix" type="string" minOccurs="0" nillable="true">`]] },
    want: [{ set: 'request', kind: 'value-changed', path: 'backup-manager/backup-server/prefix', subject: 'nillable', level: 'compatible' }],
  },
  {
    name: 'union member type added (request compatible)',
    oldEdits: prefixTyped(`<xs:union memberTypes="xs:int xs:boolean"/>`),
    edits: prefixTyped(`<xs:union memberTypes="xs:int xs:date xs:boolean"/>`),
    want: [{ set: 'request', kind: 'facet-changed', path: 'backup-manager/backup-server/prefix', subject: 'union member xs:date', level: 'compatible' }],
  },
  {
    name: 'union member type removed, another added (request: the removal breaks)',
    oldEdits: prefixTyped(`<xs:union memberTypes="xs:int xs:boolean"/>`),
    edits: prefixTyped(`<xs:union memberTypes="xs:boolean xs:date"/>`),
    want: [
      { set: 'request', kind: 'facet-changed', path: 'backup-manager/backup-server/prefix', subject: 'union member xs:int', level: 'breaking' },
      { set: 'request', kind: 'facet-changed', path: 'backup-manager/backup-server/prefix', subject: 'union member xs:date', level: 'compatible' },
    ],
  },
  {
    name: 'union member type added to a response (strict parsing breaks)',
    oldEdits: errcodeTyped(`<xs:union memberTypes="xs:int"/>`),
    edits: errcodeTyped(`<xs:union memberTypes="xs:int xs:token"/>`),
    want: [{ set: 'response', kind: 'facet-changed', path: 'system/errcode', subject: 'union member xs:token', level: 'breaking' }],
  },
  {
    name: 'union member type removed from a response (compatible)',
    oldEdits: errcodeTyped(`<xs:union memberTypes="xs:int xs:token"/>`),
    edits: errcodeTyped(`<xs:union memberTypes="xs:int"/>`),
    want: [{ set: 'response', kind: 'facet-changed', path: 'system/errcode', subject: 'union member xs:token', level: 'compatible' }],
  },
  {
    name: 'anonymous union member changed (its facet, not a count)',
    oldEdits: prefixTyped(`<xs:union memberTypes="xs:int">${SHORT(8)}</xs:union>`),
    edits: prefixTyped(`<xs:union memberTypes="xs:int">${SHORT(4)}</xs:union>`),
    want: [{ set: 'request', kind: 'facet-changed', path: 'backup-manager/backup-server/prefix', subject: 'maxLength', level: 'breaking' }],
  },
  {
    name: 'union members reordered (nothing to report)',
    oldEdits: prefixTyped(`<xs:union memberTypes="xs:int xs:boolean"/>`),
    edits: prefixTyped(`<xs:union memberTypes="xs:boolean xs:int"/>`),
    want: [],
  },
  {
    name: 'list item type changed',
    oldEdits: prefixTyped(`<xs:list itemType="xs:int"/>`),
    edits: prefixTyped(`<xs:list itemType="xs:string"/>`),
    want: [{ set: 'request', kind: 'base-changed', path: 'backup-manager/backup-server/prefix', subject: 'list item type', level: 'breaking' }],
  },
  {
    name: 'list item type changed within its primitive (its facets compared)',
    oldEdits: prefixTyped(`<xs:list>${SHORT(8)}</xs:list>`),
    edits: prefixTyped(`<xs:list>${SHORT(16)}</xs:list>`),
    want: [
      { set: 'request', kind: 'facet-changed', path: 'backup-manager/backup-server/prefix', subject: 'maxLength', level: 'compatible' },
    ],
  },
  {
    name: 'a repeated name: a new occurrence inserted before the others (only the insertion shows)',
    oldEdits: notes(NOTE_1, NOTE_2),
    edits: notes(NOTE_1, NOTE_2, `      <xs:element name="note" type="string"/>\n`),
    want: [{ set: 'request', kind: 'element-added', path: 'backup-manager/backup-server/note', level: 'breaking' }],
  },
  {
    name: 'a repeated name: a new occurrence inserted next to an equal-named one',
    oldEdits: notes(NOTE_1, NOTE_2),
    edits: notes(`      <xs:element name="note" type="string" minOccurs="0" maxOccurs="5"/>\n${NOTE_1}`, NOTE_2),
    want: [{ set: 'request', kind: 'element-added', path: 'backup-manager/backup-server/note', level: 'compatible' }],
  },
  {
    name: 'a repeated name: the first occurrence removed (the second is not "changed")',
    oldEdits: notes(NOTE_1, NOTE_2),
    edits: notes('', NOTE_2),
    want: [{ set: 'request', kind: 'element-removed', path: 'backup-manager/backup-server/note', level: 'breaking' }],
  },
  {
    name: 'a repeated name: the second occurrence really changed',
    oldEdits: notes(NOTE_1, NOTE_2),
    edits: notes(NOTE_1, `      <xs:element name="note" type="string" maxOccurs="3"/>\n`),
    want: [{ set: 'request', kind: 'occurs-changed', path: 'backup-manager/backup-server/note#2', level: 'breaking' }],
  },
  {
    name: 'element moved from the sequence into a choice of the same type',
    edits: {
      'backup.xsd': [
        [PREFIX, `      <xs:element name="prefix" type="string" minOccurs="0" maxOccurs="0">`],
        [`        <xs:element name="remote" type="string">`, `        <xs:element name="prefix" type="string" minOccurs="0"/>\n        <xs:element name="remote" type="string">`],
      ],
    },
    want: [{ set: 'request', kind: 'element-moved', path: 'backup-manager/backup-server/prefix', subject: 'prefix', level: 'breaking' }],
    docs: 1, // the moved element lost its xs:documentation
  },
  {
    name: 'element moved out of a choice into the sequence',
    edits: {
      'backup.xsd': [
        [`        <xs:element name="only-mail" type="NoneType">`, `        <xs:element name="only-mail" type="NoneType" minOccurs="0" maxOccurs="0">`],
        [`      <xs:element name="only-configuration" type="NoneType" minOccurs="0">`, `      <xs:element name="only-mail" type="NoneType"/>\n      <xs:element name="only-configuration" type="NoneType" minOccurs="0">`],
      ],
    },
    want: [{ set: 'request', kind: 'element-moved', path: 'backup-manager/backup-server/only-mail', subject: 'only-mail', level: 'breaking' }],
    docs: 1,
  },
  {
    name: 'element moved into a new choice in a response type (and the new branch added)',
    edits: {
      'server_output.xsd': [
        [`        <xs:sequence minOccurs="0">\n          <xs:element name="id" type="srvIdType">`, `        <xs:sequence minOccurs="0">\n          <xs:choice>\n          <xs:element name="id" type="srvIdType">`],
        [`ID of the service that was started, stopped or restarted.</xs:documentation>\n            </xs:annotation>\n          </xs:element>`, `ID of the service that was started, stopped or restarted.</xs:documentation>\n            </xs:annotation>\n          </xs:element>\n          <xs:element name="pid" type="int"/>\n          </xs:choice>`],
      ],
    },
    want: [
      { set: 'response', kind: 'element-moved', path: 'server/srv_man/result/id', subject: 'id', level: 'breaking' },
      { set: 'response', kind: 'element-added', path: 'server/srv_man/result/pid', level: 'breaking', lenient: true },
    ],
  },
  {
    name: 'elements wrapped in a plain sequence (no move: the sequence only brackets them)',
    edits: {
      'backup.xsd': [
        [PREFIX, `      <xs:sequence>\n${PREFIX}`],
        [`      <xs:element name="split-size" type="int" minOccurs="0">`, `      </xs:sequence>\n      <xs:element name="split-size" type="int" minOccurs="0">`],
      ],
    },
    want: [],
  },
  {
    name: 'operator type stops being a repeating choice (request: breaking)',
    edits: { 'server_input.xsd': [[`    <xs:choice maxOccurs="unbounded">`, `    <xs:choice>`]] },
    want: [{ set: 'request', kind: 'occurs-changed', path: 'server', subject: 'choice (get_protos | srv_man)', level: 'breaking' }],
  },
  {
    name: 'operator type becomes a repeating choice with a bound (response: compatible)',
    edits: { 'server_output.xsd': [[`    <xs:choice maxOccurs="unbounded">`, `    <xs:choice maxOccurs="10">`]] },
    want: [{ set: 'response', kind: 'occurs-changed', path: 'server', subject: 'choice (get_protos | srv_man)', level: 'compatible' }],
  },
  {
    name: 'the packet choice of operators gets a bound',
    edits: { 'agent_input.xsd': [[`            <xs:choice maxOccurs="unbounded">`, `            <xs:choice maxOccurs="5">`]] },
    want: [{ set: 'request', kind: 'occurs-changed', path: 'packet', subject: 'choice (server | backup-manager)', level: 'breaking' }],
  },
  {
    name: 'optional choice becomes required',
    edits: { 'backup.xsd': [[`      <xs:choice minOccurs="0">\n        <xs:element name="only-hosting"`, `      <xs:choice>\n        <xs:element name="only-hosting"`]] },
    want: [{ set: 'request', kind: 'occurs-changed', path: 'backup-manager/backup-server', subject: 'choice (only-hosting | only-mail)', level: 'breaking' }],
  },
  {
    name: 'optional sequence becomes repeating in a response (strict parsing breaks)',
    edits: { 'server_output.xsd': [[`        <xs:sequence minOccurs="0">\n          <xs:element name="id" type="srvIdType">`, `        <xs:sequence minOccurs="0" maxOccurs="unbounded">\n          <xs:element name="id" type="srvIdType">`]] },
    want: [{ set: 'response', kind: 'occurs-changed', path: 'server/srv_man/result', subject: 'sequence (id)', level: 'breaking' }],
  },
];

// The "maxOccurs=0" edits remove a particle without restructuring the file; the model drops it.
describe('diff: one kind of change each (embedded set, edited copy)', () => {
  for (const row of rows) {
    it(row.name, () => {
      const base = row.oldEdits ? editedCopy(EMBEDDED_SCHEMAS_DIR, row.oldEdits) : EMBEDDED_SCHEMAS_DIR;
      const dir = editedCopy(EMBEDDED_SCHEMAS_DIR, row.edits);
      try {
        const report = diffSchemaDirs(base, dir);
        const got = report.schema.map((c) => ({
          set: c.set,
          kind: c.kind,
          path: c.path,
          subject: c.subject,
          level: c.impact.level,
          ...(c.impact.lenientTolerates ? { lenient: true } : {}),
        }));
        const want = row.want.map((w) => ({ subject: expect.any(String), ...w }));
        expect(got).toEqual(expect.arrayContaining(want));
        expect(got).toHaveLength(want.length);
        for (const c of report.schema) {
          expect(c.old?.loc ?? c.new?.loc).toMatch(/^[\w.-]+\.xsd:\d+$/);
          expect(c.message).not.toBe('');
        }
        expect(report.documentation).toHaveLength(row.docs ?? 0);
      } finally {
        removeCopy(dir);
        if (base !== EMBEDDED_SCHEMAS_DIR) removeCopy(base);
      }
    });
  }
});

describe('diff: documentation changes are listed apart', () => {
  it('reports a changed xs:documentation only as documentation', () => {
    const dir = editedCopy(EMBEDDED_SCHEMAS_DIR, {
      'backup.xsd': [['Prefix of the backup name.', 'Prefix of the name of the backup file.']],
    });
    try {
      const report = diffSchemaDirs(EMBEDDED_SCHEMAS_DIR, dir);
      expect(report.schema).toEqual([]);
      expect(report.documentation).toEqual([
        {
          set: 'request',
          path: 'backup-manager/backup-server/prefix',
          subject: 'prefix',
          old: { loc: expect.stringMatching(/^backup\.xsd:\d+$/), text: 'Prefix of the backup name.' },
          new: { loc: expect.stringMatching(/^backup\.xsd:\d+$/), text: 'Prefix of the name of the backup file.' },
        },
      ]);
      expect(report.summary.documentation).toBe(1);
    } finally {
      removeCopy(dir);
    }
  });

  it('finds nothing between a set and an unedited copy of it', () => {
    const dir = editedCopy(EMBEDDED_SCHEMAS_DIR, {});
    try {
      const report = diffSchemaDirs(EMBEDDED_SCHEMAS_DIR, dir);
      expect(report.schema).toEqual([]);
      expect(report.documentation).toEqual([]);
    } finally {
      removeCopy(dir);
    }
  });
});

describe('diff: a change in a type used in several places', () => {
  it('is reported once, at the shortest path, with every other place of the changed item', () => {
    const dir = editedCopy(EMBEDDED_SCHEMAS_DIR, { 'common.xsd': [[`<xs:enumeration value="error"/>`, `<xs:enumeration value="error"/>\n      <xs:enumeration value="warning"/>`]] });
    try {
      const [change, ...rest] = diffSchemaDirs(EMBEDDED_SCHEMAS_DIR, dir).schema;
      expect(rest).toEqual([]);
      expect(change.path).toBe('system/status');
      expect([...change.alsoAt].sort()).toEqual([
        'backup-manager/backup-server/result/status',
        'server/get_protos/result/status',
        'server/srv_man/result/status',
      ]);
    } finally {
      removeCopy(dir);
    }
  });
});
