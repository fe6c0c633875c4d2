/**
 * Hand-written descriptors for a small Plesk-like schema, standing in for generator output.
 *
 * Request:  <packet version?> (server | backup-manager | misc)*   → { version?, operators: [...] }
 * Response: <packet version?> (server | misc)*                     → { version?, operators: [...] }
 */
import type { ComplexDesc, RootDesc, SimpleDesc } from '../../packages/runtime/src/descriptors.js';

// ---------------------------------------------------------------------------------------------
// Simple types

export const xsString: SimpleDesc = { n: 'xs:string', k: 'string', ws: 'p' };
export const xsToken: SimpleDesc = { n: 'xs:token', k: 'string', ws: 'c', lex: 'token' };
export const srvOpType: SimpleDesc = { n: 'srvOpType', k: 'string', ws: 'c', en: ['start', 'stop', 'restart'] };
export const statusType: SimpleDesc = { n: 'resultStatusType', k: 'string', ws: 'c', en: ['ok', 'error'] };
export const xsUnsignedInt: SimpleDesc = { n: 'xs:unsignedInt', k: 'integer', ws: 'c', minI: '0', maxI: '4294967295' };
export const xsInt: SimpleDesc = { n: 'xs:int', k: 'integer', ws: 'c', minI: '-2147483648', maxI: '2147483647' };
export const xsLong: SimpleDesc = { n: 'xs:long', k: 'integer', ws: 'c', minI: '-9223372036854775808', maxI: '9223372036854775807' };
export const xsLongBig: SimpleDesc = { n: 'xs:long', k: 'bigint', ws: 'c', minI: '-9223372036854775808', maxI: '9223372036854775807' };
export const xsBoolean: SimpleDesc = { n: 'xs:boolean', k: 'boolean', ws: 'c' };
export const xsDouble: SimpleDesc = { n: 'xs:double', k: 'number', ws: 'c' };
export const moneyType: SimpleDesc = { n: 'moneyType', k: 'decimal', ws: 'c', td: 10, fd: 2, minI: '0' };
export const xsDateTime: SimpleDesc = { n: 'xs:dateTime', k: 'string', ws: 'c', lex: 'dateTime' };
export const xsBase64: SimpleDesc = { n: 'xs:base64Binary', k: 'string', ws: 'c', lex: 'base64Binary' };
export const xsLanguage: SimpleDesc = { n: 'xs:language', k: 'string', ws: 'c', lex: 'language' };
/** Plesk's e-mail pattern, converted by hand to a JavaScript source. */
export const emailType: SimpleDesc = {
  n: 'emailType',
  k: 'string',
  ws: 'p',
  pt: [['[\\-+\\p{L}\\p{N}._]*@(?:[\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.)*[\\p{L}\\p{N}][\\-\\p{L}\\p{N}]*\\.?']],
};
export const prefixType: SimpleDesc = {
  n: 'backupPrefixType',
  k: 'string',
  ws: 'p',
  minLen: 1,
  maxLen: 16,
  pt: [['[0-9a-zA-Z][\\-a-zA-Z0-9_.]{0,16}']],
};
export const portListType: SimpleDesc = { n: 'portListType', k: 'list', ws: 'c', li: xsInt, maxLen: 5 };
export const limitType: SimpleDesc = {
  n: 'limitType',
  k: 'union',
  ws: 'c',
  u: [xsInt, { n: 'unlimitedType', k: 'string', ws: 'c', en: ['unlimited'] }],
};
export const sizeUnitType: SimpleDesc = { n: 'sizeUnitType', k: 'string', ws: 'c', en: ['KB', 'MB', 'GB'] };

// ---------------------------------------------------------------------------------------------
// Complex types

export const noneType: ComplexDesc = { n: 'NoneType', shape: 'flag' };

export const srvManRequest: ComplexDesc = {
  n: 'SrvManRequestType',
  shape: 'object',
  c: {
    k: 's',
    min: 1,
    max: 1,
    items: [
      { k: 'e', x: 'id', p: 'id', t: xsToken, min: 1, max: 1 },
      { k: 'e', x: 'operation', p: 'operation', t: srvOpType, min: 1, max: 1 },
    ],
  },
};

export const serverRequest: ComplexDesc = {
  n: 'ServerOperatorType',
  shape: 'array',
  c: {
    k: 'c',
    min: 1,
    max: Infinity,
    items: [
      { k: 'e', x: 'srv_man', p: 'srvMan', t: srvManRequest, min: 1, max: 1 },
      { k: 'e', x: 'get_protos', p: 'getProtos', t: noneType, min: 1, max: 1 },
    ],
  },
};

export const backupServer: ComplexDesc = {
  n: 'BackupServerType',
  shape: 'object',
  c: {
    k: 's',
    min: 1,
    max: 1,
    items: [
      {
        k: 'c',
        min: 1,
        max: 1,
        items: [
          { k: 'e', x: 'local', p: 'local', t: noneType, min: 1, max: 1 },
          { k: 'e', x: 'remote', p: 'remote', t: xsString, min: 1, max: 1 },
        ],
      },
      { k: 'e', x: 'prefix', p: 'prefix', t: prefixType, min: 0, max: 1 },
      { k: 'e', x: 'description', p: 'description', t: xsString, min: 1, max: 1 },
      { k: 'e', x: 'split-size', p: 'splitSize', t: xsUnsignedInt, min: 0, max: 1 },
      {
        k: 'c',
        min: 0,
        max: 1,
        items: [
          { k: 'e', x: 'only-hosting', p: 'onlyHosting', t: noneType, min: 1, max: 1 },
          { k: 'e', x: 'only-mail', p: 'onlyMail', t: noneType, min: 1, max: 1 },
        ],
      },
    ],
  },
};

export const backupManagerRequest: ComplexDesc = {
  n: 'BackupManagerOperatorType',
  shape: 'array',
  c: {
    k: 'c',
    min: 1,
    max: Infinity,
    items: [
      { k: 'e', x: 'backup-server', p: 'backupServer', t: backupServer, min: 1, max: 1 },
      { k: 'e', x: 'get-local-backup-list', p: 'getLocalBackupList', t: noneType, min: 1, max: 1 },
    ],
  },
};

export const sizeType: ComplexDesc = {
  n: 'SizeType',
  shape: 'simple',
  s: moneyType,
  attrs: [{ x: 'unit', p: 'unit', t: sizeUnitType, req: true }],
};

export const nodeType: ComplexDesc = {
  n: 'NodeType',
  shape: 'object',
  attrs: [{ x: 'name', p: 'name', t: xsString, req: true }],
  c: {
    k: 's',
    min: 1,
    max: 1,
    items: [
      { k: 'e', x: 'node', p: 'node', t: () => nodeType, min: 0, max: Infinity },
      { k: 'e', x: 'note', p: 'note', t: xsString, min: 0, max: 1 },
    ],
  },
};

export const extType: ComplexDesc = {
  n: 'ExtensionType',
  shape: 'object',
  anyAttr: true,
  c: { k: 's', min: 1, max: 1, items: [{ k: 'any', p: 'items', min: 0, max: Infinity, ns: '##any', pc: 'lax' }] },
};

export const anyType: ComplexDesc = { n: 'xs:anyType', shape: 'any' };

export const miscType: ComplexDesc = {
  n: 'MiscType',
  shape: 'object',
  attrs: [
    { x: 'lang', p: 'lang', t: xsLanguage },
    { x: 'priority', p: 'priority', t: xsInt, req: true },
  ],
  c: {
    k: 's',
    min: 1,
    max: 1,
    items: [
      { k: 'e', x: 'expires', p: 'expires', t: xsDateTime, min: 0, max: 1, nil: true },
      { k: 'e', x: 'size', p: 'size', t: sizeType, min: 0, max: 1 },
      { k: 'e', x: 'ports', p: 'ports', t: portListType, min: 0, max: 1 },
      { k: 'e', x: 'limit', p: 'limit', t: limitType, min: 0, max: 1 },
      { k: 'e', x: 'weight', p: 'weight', t: xsDouble, min: 0, max: 1 },
      { k: 'e', x: 'enabled', p: 'enabled', t: xsBoolean, min: 0, max: 1 },
      { k: 'e', x: 'counter', p: 'counter', t: xsLongBig, min: 0, max: 1 },
      { k: 'e', x: 'quota', p: 'quota', t: xsLong, min: 0, max: 1 },
      { k: 'e', x: 'data', p: 'data', t: xsBase64, min: 0, max: 1 },
      { k: 'e', x: 'email', p: 'email', t: emailType, min: 0, max: 1 },
      { k: 'e', x: 'tag', p: 'tag', t: xsString, min: 0, max: 3 },
      { k: 'e', x: 'node', p: 'node', t: nodeType, min: 0, max: 1 },
      { k: 'e', x: 'raw', p: 'raw', t: anyType, min: 0, max: 1 },
      { k: 'e', x: 'ext', p: 'ext', t: extType, min: 0, max: 1 },
    ],
  },
};

export const packetRequest: ComplexDesc = {
  n: 'RequestPacketType',
  shape: 'object',
  attrs: [{ x: 'version', p: 'version', t: xsString }],
  c: {
    k: 'c',
    min: 0,
    max: Infinity,
    p: 'operators',
    items: [
      { k: 'e', x: 'server', p: 'server', t: serverRequest, min: 1, max: 1 },
      { k: 'e', x: 'backup-manager', p: 'backupManager', t: backupManagerRequest, min: 1, max: 1 },
      { k: 'e', x: 'misc', p: 'misc', t: miscType, min: 1, max: 1 },
    ],
  },
};

export const requestRoot: RootDesc = { x: 'packet', t: packetRequest };

// Response side

export const resultType: ComplexDesc = {
  n: 'ResultType',
  shape: 'object',
  c: {
    k: 's',
    min: 1,
    max: 1,
    items: [
      { k: 'e', x: 'status', p: 'status', t: statusType, min: 1, max: 1 },
      { k: 'e', x: 'errcode', p: 'errcode', t: xsUnsignedInt, min: 0, max: 1 },
      { k: 'e', x: 'errtext', p: 'errtext', t: xsString, min: 0, max: 1 },
      { k: 'e', x: 'id', p: 'id', t: xsToken, min: 0, max: 1 },
    ],
  },
};

export const protosType: ComplexDesc = {
  n: 'ProtosType',
  shape: 'object',
  c: { k: 's', min: 1, max: 1, items: [{ k: 'e', x: 'proto', p: 'proto', t: xsToken, min: 1, max: Infinity }] },
};

export const protosResultType: ComplexDesc = {
  n: 'ProtosResultType',
  shape: 'object',
  c: {
    k: 's',
    min: 1,
    max: 1,
    items: [
      { k: 'e', x: 'status', p: 'status', t: statusType, min: 1, max: 1 },
      { k: 'e', x: 'errcode', p: 'errcode', t: xsUnsignedInt, min: 0, max: 1 },
      { k: 'e', x: 'errtext', p: 'errtext', t: xsString, min: 0, max: 1 },
      { k: 'e', x: 'protos', p: 'protos', t: protosType, min: 0, max: 1 },
    ],
  },
};

export const srvManResponse: ComplexDesc = {
  n: 'SrvManResponseType',
  shape: 'object',
  c: { k: 's', min: 1, max: 1, items: [{ k: 'e', x: 'result', p: 'result', t: resultType, min: 1, max: Infinity }] },
};

export const getProtosResponse: ComplexDesc = {
  n: 'GetProtosResponseType',
  shape: 'object',
  c: { k: 's', min: 1, max: 1, items: [{ k: 'e', x: 'result', p: 'result', t: protosResultType, min: 1, max: 1 }] },
};

export const serverResponse: ComplexDesc = {
  n: 'ServerOperatorResponseType',
  shape: 'array',
  c: {
    k: 'c',
    min: 1,
    max: Infinity,
    items: [
      { k: 'e', x: 'srv_man', p: 'srvMan', t: srvManResponse, min: 1, max: 1 },
      { k: 'e', x: 'get_protos', p: 'getProtos', t: getProtosResponse, min: 1, max: 1 },
    ],
  },
};

export const packetResponse: ComplexDesc = {
  n: 'ResponsePacketType',
  shape: 'object',
  attrs: [{ x: 'version', p: 'version', t: xsString }],
  c: {
    k: 'c',
    min: 0,
    max: Infinity,
    p: 'operators',
    items: [
      { k: 'e', x: 'server', p: 'server', t: serverResponse, min: 1, max: 1 },
      { k: 'e', x: 'misc', p: 'misc', t: miscType, min: 1, max: 1 },
    ],
  },
};

export const responseRoot: RootDesc = { x: 'packet', t: packetResponse };

/** A sequence with repeating nested group and an `all` group, for matcher tests. */
export const allType: ComplexDesc = {
  n: 'AllType',
  shape: 'object',
  c: {
    k: 'a',
    min: 1,
    max: 1,
    items: [
      { k: 'e', x: 'a', p: 'a', t: xsString, min: 1, max: 1 },
      { k: 'e', x: 'b', p: 'b', t: xsInt, min: 0, max: 1 },
      { k: 'e', x: 'c', p: 'c', t: xsString, min: 1, max: 1 },
    ],
  },
};
export const pairsType: ComplexDesc = {
  n: 'PairsType',
  shape: 'object',
  c: {
    k: 's',
    min: 1,
    max: 1,
    items: [
      { k: 'e', x: 'head', p: 'head', t: xsString, min: 1, max: 1 },
      {
        k: 's',
        min: 1,
        max: 3,
        p: 'pairs',
        items: [
          { k: 'e', x: 'key', p: 'key', t: xsString, min: 1, max: 1 },
          { k: 'e', x: 'val', p: 'val', t: xsString, min: 0, max: 1 },
        ],
      },
      { k: 'e', x: 'all', p: 'all', t: allType, min: 0, max: 1 },
      { k: 'e', x: 'tail', p: 'tail', t: xsString, min: 1, max: 1 },
    ],
  },
};
export const pairsRoot: RootDesc = { x: 'pairs', t: pairsType };
