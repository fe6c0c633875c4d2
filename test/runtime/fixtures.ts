/**
 * Hand-written descriptors for a small Plesk-like schema, standing in for generator output.
 *
 * Request:  <packet version?> (server | backup-manager | misc)*   → { version?, operators: [...] }
 * Response: <packet version?> (server | misc)*                     → { version?, operators: [...] }
 */
import { withSupport, type ComplexDesc, type RootDesc, type SimpleDesc } from '../../packages/runtime/src/descriptors.js';
import { untypedContent } from '../../packages/runtime/src/untyped.js';
import { anyAttributes } from '../../packages/runtime/src/anyattr.js';
import { lexicalSpaces } from '../../packages/runtime/src/lexical.js';
import { listTypes, unionTypes } from '../../packages/runtime/src/listunion.js';
import { bigintTypes, decimalTypes, numberTypes } from '../../packages/runtime/src/numbers.js';
import { lexicalFacets } from '../../packages/runtime/src/facets.js';

// ---------------------------------------------------------------------------------------------
// Simple types

export const xsString: SimpleDesc = { name: 'xs:string', kind: 'string', whiteSpace: 'preserve' };
export const xsToken: SimpleDesc = withSupport({ name: 'xs:token', kind: 'string', whiteSpace: 'collapse', lexical: 'token' }, lexicalSpaces);
export const srvOpType: SimpleDesc = { name: 'srvOpType', kind: 'string', whiteSpace: 'collapse', enumeration: ['start', 'stop', 'restart'] };
export const statusType: SimpleDesc = { name: 'resultStatusType', kind: 'string', whiteSpace: 'collapse', enumeration: ['ok', 'error'] };
export const xsUnsignedInt: SimpleDesc = { name: 'xs:unsignedInt', kind: 'integer', whiteSpace: 'collapse', minInclusive: '0', maxInclusive: '4294967295' };
export const xsInt: SimpleDesc = { name: 'xs:int', kind: 'integer', whiteSpace: 'collapse', minInclusive: '-2147483648', maxInclusive: '2147483647' };
export const xsLong: SimpleDesc = { name: 'xs:long', kind: 'integer', whiteSpace: 'collapse', minInclusive: '-9223372036854775808', maxInclusive: '9223372036854775807' };
export const xsLongBig: SimpleDesc = withSupport({ name: 'xs:long', kind: 'bigint', whiteSpace: 'collapse', minInclusive: '-9223372036854775808', maxInclusive: '9223372036854775807' }, bigintTypes);
export const xsBoolean: SimpleDesc = { name: 'xs:boolean', kind: 'boolean', whiteSpace: 'collapse' };
export const xsDouble: SimpleDesc = withSupport({ name: 'xs:double', kind: 'number', whiteSpace: 'collapse' }, numberTypes);
export const moneyType: SimpleDesc = withSupport({ name: 'moneyType', kind: 'decimal', whiteSpace: 'collapse', totalDigits: 10, fractionDigits: 2, minInclusive: '0' }, decimalTypes, lexicalFacets);
export const xsDateTime: SimpleDesc = withSupport({ name: 'xs:dateTime', kind: 'string', whiteSpace: 'collapse', lexical: 'dateTime' }, lexicalSpaces);
export const xsBase64: SimpleDesc = withSupport({ name: 'xs:base64Binary', kind: 'string', whiteSpace: 'collapse', lexical: 'base64Binary' }, lexicalSpaces);
export const xsLanguage: SimpleDesc = withSupport({ name: 'xs:language', kind: 'string', whiteSpace: 'collapse', lexical: 'language' }, lexicalSpaces);
/** Plesk's e-mail pattern, converted by hand to a JavaScript source. */
export const emailType: SimpleDesc = withSupport(
  {
    name: 'emailType',
    kind: 'string',
    whiteSpace: 'preserve',
    patterns: [['[\\-+\\p{L}\\p{N}._]*@(?:[\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.)*[\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.?']],
  },
  lexicalFacets,
);
export const prefixType: SimpleDesc = withSupport(
  {
    name: 'backupPrefixType',
    kind: 'string',
    whiteSpace: 'preserve',
    minLength: 1,
    maxLength: 16,
    patterns: [['[0-9a-zA-Z][\\-a-zA-Z0-9_.]{0,16}']],
  },
  lexicalFacets,
);
export const portListType: SimpleDesc = withSupport({ name: 'portListType', kind: 'list', whiteSpace: 'collapse', itemType: xsInt, maxLength: 5 }, listTypes, lexicalFacets);
export const limitType: SimpleDesc = withSupport(
  {
    name: 'limitType',
    kind: 'union',
    whiteSpace: 'collapse',
    members: [xsInt, { name: 'unlimitedType', kind: 'string', whiteSpace: 'collapse', enumeration: ['unlimited'] }],
  },
  unionTypes,
);
export const sizeUnitType: SimpleDesc = { name: 'sizeUnitType', kind: 'string', whiteSpace: 'collapse', enumeration: ['KB', 'MB', 'GB'] };

// ---------------------------------------------------------------------------------------------
// Complex types

export const noneType: ComplexDesc = { name: 'NoneType', shape: 'flag' };

export const srvManRequest: ComplexDesc = {
  name: 'SrvManRequestType',
  shape: 'object',
  content: {
    particle: 'sequence',
    minOccurs: 1,
    maxOccurs: 1,
    particles: [
      { particle: 'element', xmlName: 'id', property: 'id', type: xsToken, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'operation', property: 'operation', type: srvOpType, minOccurs: 1, maxOccurs: 1 },
    ],
  },
};

export const serverRequest: ComplexDesc = {
  name: 'ServerOperatorType',
  shape: 'array',
  content: {
    particle: 'choice',
    minOccurs: 1,
    maxOccurs: Infinity,
    particles: [
      { particle: 'element', xmlName: 'srv_man', property: 'srvMan', type: srvManRequest, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'get_protos', property: 'getProtos', type: noneType, minOccurs: 1, maxOccurs: 1 },
    ],
  },
};

export const backupServer: ComplexDesc = {
  name: 'BackupServerType',
  shape: 'object',
  content: {
    particle: 'sequence',
    minOccurs: 1,
    maxOccurs: 1,
    particles: [
      {
        particle: 'choice',
        minOccurs: 1,
        maxOccurs: 1,
        particles: [
          { particle: 'element', xmlName: 'local', property: 'local', type: noneType, minOccurs: 1, maxOccurs: 1 },
          { particle: 'element', xmlName: 'remote', property: 'remote', type: xsString, minOccurs: 1, maxOccurs: 1 },
        ],
      },
      { particle: 'element', xmlName: 'prefix', property: 'prefix', type: prefixType, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'description', property: 'description', type: xsString, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'split-size', property: 'splitSize', type: xsUnsignedInt, minOccurs: 0, maxOccurs: 1 },
      {
        particle: 'choice',
        minOccurs: 0,
        maxOccurs: 1,
        particles: [
          { particle: 'element', xmlName: 'only-hosting', property: 'onlyHosting', type: noneType, minOccurs: 1, maxOccurs: 1 },
          { particle: 'element', xmlName: 'only-mail', property: 'onlyMail', type: noneType, minOccurs: 1, maxOccurs: 1 },
        ],
      },
    ],
  },
};

export const backupManagerRequest: ComplexDesc = {
  name: 'BackupManagerOperatorType',
  shape: 'array',
  content: {
    particle: 'choice',
    minOccurs: 1,
    maxOccurs: Infinity,
    particles: [
      { particle: 'element', xmlName: 'backup-server', property: 'backupServer', type: backupServer, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'get-local-backup-list', property: 'getLocalBackupList', type: noneType, minOccurs: 1, maxOccurs: 1 },
    ],
  },
};

export const sizeType: ComplexDesc = {
  name: 'SizeType',
  shape: 'simple',
  text: moneyType,
  attributes: [{ xmlName: 'unit', property: 'unit', type: sizeUnitType, required: true }],
};

export const nodeType: ComplexDesc = {
  name: 'NodeType',
  shape: 'object',
  attributes: [{ xmlName: 'name', property: 'name', type: xsString, required: true }],
  content: {
    particle: 'sequence',
    minOccurs: 1,
    maxOccurs: 1,
    particles: [
      { particle: 'element', xmlName: 'node', property: 'node', type: () => nodeType, minOccurs: 0, maxOccurs: Infinity },
      { particle: 'element', xmlName: 'note', property: 'note', type: xsString, minOccurs: 0, maxOccurs: 1 },
    ],
  },
};

export const extType: ComplexDesc = withSupport(
  {
    name: 'ExtensionType',
    shape: 'object',
    anyAttribute: true,
    content: { particle: 'sequence', minOccurs: 1, maxOccurs: 1, particles: [withSupport({ particle: 'any', property: 'items', minOccurs: 0, maxOccurs: Infinity, namespaces: '##any', processContents: 'lax' }, untypedContent)] },
  },
  anyAttributes,
);

// Content kept as XML needs the runtime's support for it, installed as generated descriptors do.
export const anyType: ComplexDesc = withSupport({ name: 'xs:anyType', shape: 'any' }, untypedContent);

export const miscType: ComplexDesc = {
  name: 'MiscType',
  shape: 'object',
  attributes: [
    { xmlName: 'lang', property: 'lang', type: xsLanguage },
    { xmlName: 'priority', property: 'priority', type: xsInt, required: true },
  ],
  content: {
    particle: 'sequence',
    minOccurs: 1,
    maxOccurs: 1,
    particles: [
      { particle: 'element', xmlName: 'expires', property: 'expires', type: xsDateTime, minOccurs: 0, maxOccurs: 1, nillable: true },
      { particle: 'element', xmlName: 'size', property: 'size', type: sizeType, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'ports', property: 'ports', type: portListType, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'limit', property: 'limit', type: limitType, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'weight', property: 'weight', type: xsDouble, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'enabled', property: 'enabled', type: xsBoolean, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'counter', property: 'counter', type: xsLongBig, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'quota', property: 'quota', type: xsLong, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'data', property: 'data', type: xsBase64, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'email', property: 'email', type: emailType, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'tag', property: 'tag', type: xsString, minOccurs: 0, maxOccurs: 3 },
      { particle: 'element', xmlName: 'node', property: 'node', type: nodeType, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'raw', property: 'raw', type: anyType, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'ext', property: 'ext', type: extType, minOccurs: 0, maxOccurs: 1 },
    ],
  },
};

export const packetRequest: ComplexDesc = {
  name: 'RequestPacketType',
  shape: 'object',
  attributes: [{ xmlName: 'version', property: 'version', type: xsString }],
  content: {
    particle: 'choice',
    minOccurs: 0,
    maxOccurs: Infinity,
    property: 'operators',
    particles: [
      { particle: 'element', xmlName: 'server', property: 'server', type: serverRequest, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'backup-manager', property: 'backupManager', type: backupManagerRequest, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'misc', property: 'misc', type: miscType, minOccurs: 1, maxOccurs: 1 },
    ],
  },
};

export const requestRoot: RootDesc = { xmlName: 'packet', type: packetRequest };

// Response side

export const resultType: ComplexDesc = {
  name: 'ResultType',
  shape: 'object',
  content: {
    particle: 'sequence',
    minOccurs: 1,
    maxOccurs: 1,
    particles: [
      { particle: 'element', xmlName: 'status', property: 'status', type: statusType, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'errcode', property: 'errcode', type: xsUnsignedInt, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'errtext', property: 'errtext', type: xsString, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'id', property: 'id', type: xsToken, minOccurs: 0, maxOccurs: 1 },
    ],
  },
};

export const protosType: ComplexDesc = {
  name: 'ProtosType',
  shape: 'object',
  content: { particle: 'sequence', minOccurs: 1, maxOccurs: 1, particles: [{ particle: 'element', xmlName: 'proto', property: 'proto', type: xsToken, minOccurs: 1, maxOccurs: Infinity }] },
};

export const protosResultType: ComplexDesc = {
  name: 'ProtosResultType',
  shape: 'object',
  content: {
    particle: 'sequence',
    minOccurs: 1,
    maxOccurs: 1,
    particles: [
      { particle: 'element', xmlName: 'status', property: 'status', type: statusType, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'errcode', property: 'errcode', type: xsUnsignedInt, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'errtext', property: 'errtext', type: xsString, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'protos', property: 'protos', type: protosType, minOccurs: 0, maxOccurs: 1 },
    ],
  },
};

export const srvManResponse: ComplexDesc = {
  name: 'SrvManResponseType',
  shape: 'object',
  content: { particle: 'sequence', minOccurs: 1, maxOccurs: 1, particles: [{ particle: 'element', xmlName: 'result', property: 'result', type: resultType, minOccurs: 1, maxOccurs: Infinity }] },
};

export const getProtosResponse: ComplexDesc = {
  name: 'GetProtosResponseType',
  shape: 'object',
  content: { particle: 'sequence', minOccurs: 1, maxOccurs: 1, particles: [{ particle: 'element', xmlName: 'result', property: 'result', type: protosResultType, minOccurs: 1, maxOccurs: 1 }] },
};

export const serverResponse: ComplexDesc = {
  name: 'ServerOperatorResponseType',
  shape: 'array',
  content: {
    particle: 'choice',
    minOccurs: 1,
    maxOccurs: Infinity,
    particles: [
      { particle: 'element', xmlName: 'srv_man', property: 'srvMan', type: srvManResponse, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'get_protos', property: 'getProtos', type: getProtosResponse, minOccurs: 1, maxOccurs: 1 },
    ],
  },
};

export const packetResponse: ComplexDesc = {
  name: 'ResponsePacketType',
  shape: 'object',
  attributes: [{ xmlName: 'version', property: 'version', type: xsString }],
  content: {
    particle: 'choice',
    minOccurs: 0,
    maxOccurs: Infinity,
    property: 'operators',
    particles: [
      { particle: 'element', xmlName: 'server', property: 'server', type: serverResponse, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'misc', property: 'misc', type: miscType, minOccurs: 1, maxOccurs: 1 },
    ],
  },
};

export const responseRoot: RootDesc = { xmlName: 'packet', type: packetResponse };

/** A sequence with repeating nested group and an `all` group, for matcher tests. */
export const allType: ComplexDesc = {
  name: 'AllType',
  shape: 'object',
  content: {
    particle: 'all',
    minOccurs: 1,
    maxOccurs: 1,
    particles: [
      { particle: 'element', xmlName: 'a', property: 'a', type: xsString, minOccurs: 1, maxOccurs: 1 },
      { particle: 'element', xmlName: 'b', property: 'b', type: xsInt, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'c', property: 'c', type: xsString, minOccurs: 1, maxOccurs: 1 },
    ],
  },
};
export const pairsType: ComplexDesc = {
  name: 'PairsType',
  shape: 'object',
  content: {
    particle: 'sequence',
    minOccurs: 1,
    maxOccurs: 1,
    particles: [
      { particle: 'element', xmlName: 'head', property: 'head', type: xsString, minOccurs: 1, maxOccurs: 1 },
      {
        particle: 'sequence',
        minOccurs: 1,
        maxOccurs: 3,
        property: 'pairs',
        particles: [
          { particle: 'element', xmlName: 'key', property: 'key', type: xsString, minOccurs: 1, maxOccurs: 1 },
          { particle: 'element', xmlName: 'val', property: 'val', type: xsString, minOccurs: 0, maxOccurs: 1 },
        ],
      },
      { particle: 'element', xmlName: 'all', property: 'all', type: allType, minOccurs: 0, maxOccurs: 1 },
      { particle: 'element', xmlName: 'tail', property: 'tail', type: xsString, minOccurs: 1, maxOccurs: 1 },
    ],
  },
};
export const pairsRoot: RootDesc = { xmlName: 'pairs', type: pairsType };
