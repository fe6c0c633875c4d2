/**
 * The Plesk profile's naming pass alone (`generator/profiles/plesk/naming.ts`), given/want: an
 * operator list (hand-built: XML names, property names, which operations requests have) → the
 * operator modules' files, the client's members and classes, and the operations' constants.
 */
import { describe, expect, it } from 'vitest';
import type { OperatorBinding } from '../../generator/binding/model.js';
import { nameOperators } from '../../generator/profiles/plesk/naming.js';

const FLAG = { kind: 'anyType' } as const;

function operator(xml: string, prop: string, operations: [xml: string, prop: string, inRequests: boolean][], inRequests = true): OperatorBinding {
  return {
    xml,
    prop,
    doc: undefined,
    request: null,
    response: null,
    requestLayout: inRequests ? { kind: 'list' } : null,
    responseLayout: { kind: 'list' },
    operations: operations.map(([x, p, req]) => ({ xml: x, prop: p, doc: undefined, request: req ? FLAG : null, response: FLAG, constName: null })),
    file: '',
    client: null,
  };
}

describe('nameOperators', () => {
  it('names files, client members and classes, and operation constants', () => {
    const given = [
      operator('server', 'server', [['get_protos', 'getProtos', true], ['delete', 'delete', true], ['codec', 'codec', true], ['only-in-responses', 'onlyInResponses', false]]),
      operator('backup-manager', 'backupManager', [['get', 'get', true]]),
      operator('request', 'request', [['get', 'get', true]]),
      operator('Server', 'server2', [['get', 'get', true]]),
      operator('event', 'event', [['x', 'x', true]], false),
      operator('ui', 'ui', [['x', 'x', false]]),
    ];
    nameOperators(given);
    expect(given.map((o) => ({ file: o.file, client: o.client, consts: o.operations.map((op) => op.constName) }))).toEqual([
      { file: 'server', client: { member: 'server', className: 'ServerOperations' }, consts: ['getProtos', 'deleteOperation', 'codec2', null] },
      { file: 'backup-manager', client: { member: 'backupManager', className: 'BackupManagerOperations' }, consts: ['get'] },
      // `request` is a member of PleskClient itself.
      { file: 'request', client: { member: 'requestOperator', className: 'RequestOperations' }, consts: ['get'] },
      // Files stay distinct on case-insensitive file systems; class names too.
      { file: 'Server2', client: { member: 'server2', className: 'ServerOperations2' }, consts: ['get'] },
      // Not in requests, or no operation requests have: no client member, no constants.
      { file: 'event', client: null, consts: [null] },
      { file: 'ui', client: null, consts: [null] },
    ]);
  });
});
