/**
 * Given/want tables for `generator/binding/names.ts`, the one module that turns XML names into
 * TypeScript identifiers.
 */
import { describe, expect, it } from 'vitest';
import { NameAllocator, camelCase, isIdentifier, pascalCase, propertyKey, safeTypeName, words } from '../../generator/binding/names.js';

describe('words', () => {
  const cases: [given: string, want: string[]][] = [
    ['srvOpType', ['srv', 'Op', 'Type']],
    ['result_status', ['result', 'status']],
    ['ip-address', ['ip', 'address']],
    ['foo.bar baz', ['foo', 'bar', 'baz']],
    ['IPAddress', ['IP', 'Address']],
    ['userID', ['user', 'ID']],
    ['x509cert', ['x509cert']],
    ['ipv6Address', ['ipv6', 'Address']],
    ['--a__b--', ['a', 'b']],
    ['', []],
  ];
  it.each(cases)('%j → %j', (given, want) => {
    expect(words(given)).toEqual(want);
  });
});

describe('pascalCase', () => {
  const cases: [given: string, want: string][] = [
    ['srvOpType', 'SrvOpType'],
    ['result_status', 'ResultStatus'],
    ['ip-address', 'IpAddress'],
    ['get_protos', 'GetProtos'],
    ['backup-manager', 'BackupManager'],
    ['ServicesManagementType', 'ServicesManagementType'],
    ['getType', 'GetType'],
    ['GetType', 'GetType'],
    ['IPAddress', 'IPAddress'],
    ['userID', 'UserID'],
    ['foo-bar', 'FooBar'],
    ['foo_bar', 'FooBar'],
    ['foo.bar', 'FooBar'],
    ['string', 'String'],
    ['3des', 'T3des'],
    ['2fa-code', 'T2faCode'],
    ['', 'Unnamed'],
    ['---', 'Unnamed'],
  ];
  it.each(cases)('%j → %j', (given, want) => {
    expect(pascalCase(given)).toBe(want);
  });
});

describe('camelCase', () => {
  const cases: [given: string, want: string][] = [
    ['srv_man', 'srvMan'],
    ['split-size', 'splitSize'],
    ['get_protos', 'getProtos'],
    ['backup-manager', 'backupManager'],
    ['IP', 'ip'],
    ['ID', 'id'],
    ['IPAddress', 'ipAddress'],
    ['URL', 'url'],
    ['Name', 'name'],
    ['userID', 'userID'],
    ['task-id', 'taskId'],
    ['foo-bar', 'fooBar'],
    ['foo_bar', 'fooBar'],
    ['gen_info', 'genInfo'],
    ['x509', 'x509'],
    ['3des', '_3des'],
    ['default', 'default'],
    ['class', 'class'],
    ['', 'unnamed'],
    ['_', 'unnamed'],
  ];
  it.each(cases)('%j → %j', (given, want) => {
    expect(camelCase(given)).toBe(want);
  });
});

describe('safeTypeName', () => {
  const cases: [given: string, want: string][] = [
    // Globals a module must not shadow.
    ['String', 'StringType'],
    ['Boolean', 'BooleanType'],
    ['Date', 'DateType'],
    ['Record', 'RecordType'],
    ['Promise', 'PromiseType'],
    ['Response', 'ResponseType'],
    ['Element', 'ElementType'],
    // Reserved words (as a candidate may arrive unchanged).
    ['string', 'stringType'],
    ['type', 'typeType'],
    ['default', 'defaultType'],
    // Ordinary names pass through.
    ['SrvOpType', 'SrvOpType'],
    ['Strings', 'Strings'],
    ['DateTime', 'DateTime'],
    ['Datetime', 'Datetime'],
    ['Int', 'Int'],
  ];
  it.each(cases)('%j → %j', (given, want) => {
    expect(safeTypeName(given)).toBe(want);
  });

  it('composes with pascalCase for Plesk names', () => {
    const table: [string, string][] = [
      ['string', 'StringType'],
      ['boolean', 'BooleanType'],
      ['date', 'DateType'],
      ['datetime', 'Datetime'],
      ['object', 'ObjectType'],
      ['result_status', 'ResultStatus'],
    ];
    for (const [given, want] of table) expect(safeTypeName(pascalCase(given)), given).toBe(want);
  });
});

describe('isIdentifier and propertyKey', () => {
  const cases: [given: string, identifier: boolean, key: string][] = [
    ['name', true, 'name'],
    ['fooBar2', true, 'fooBar2'],
    ['_3des', true, '_3des'],
    ['$any', true, '$any'],
    ['default', true, 'default'],
    ['class', true, 'class'],
    ['foo-bar', false, "'foo-bar'"],
    ['foo.bar', false, "'foo.bar'"],
    ['3des', false, "'3des'"],
    ['a b', false, "'a b'"],
    ["it's", false, "'it\\'s'"],
    ['back\\slash', false, "'back\\\\slash'"],
    ['', false, "''"],
  ];
  it.each(cases)('%j → identifier %j, key %s', (given, identifier, key) => {
    expect(isIdentifier(given)).toBe(identifier);
    expect(propertyKey(given)).toBe(key);
  });
});

describe('NameAllocator', () => {
  /** Claims each name in turn and returns what each claim got. */
  function claims(allocator: NameAllocator, names: string[]): string[] {
    return names.map((n) => allocator.claim(n));
  }

  const cases: [title: string, caseInsensitive: boolean, given: string[], want: string[]][] = [
    ['distinct names are kept', false, ['a', 'b', 'c'], ['a', 'b', 'c']],
    ['repeats get 2, 3, … in call order', false, ['fooBar', 'fooBar', 'fooBar'], ['fooBar', 'fooBar2', 'fooBar3']],
    ['a suffix already taken is skipped', false, ['x2', 'x', 'x'], ['x2', 'x', 'x3']],
    ['a name that looks like a suffixed one is its own name', false, ['class', 'class2', 'class'], ['class', 'class2', 'class3']],
    ['case matters by default', false, ['GetType', 'getType', 'GETTYPE'], ['GetType', 'getType', 'GETTYPE']],
    ['case-insensitive: case variants collide', true, ['GetType', 'getType', 'GETTYPE'], ['GetType', 'getType2', 'GETTYPE3']],
    ['case-insensitive: module paths', true, ['request/Common', 'request/common', 'shared/common'], ['request/Common', 'request/common2', 'shared/common']],
    ['case-insensitive: suffix check ignores case too', true, ['a2', 'A', 'a'], ['a2', 'A', 'a3']],
  ];
  it.each(cases)('%s', (_title, caseInsensitive, given, want) => {
    expect(claims(new NameAllocator(caseInsensitive), given)).toEqual(want);
  });

  it('claimExact reserves a name or reports that it is taken', () => {
    const names = new NameAllocator();
    expect(names.claimExact('RequestPacket')).toBe(true);
    expect(names.claimExact('RequestPacket')).toBe(false);
    expect(names.has('RequestPacket')).toBe(true);
    expect(names.has('requestPacket')).toBe(false);
    expect(names.claim('RequestPacket')).toBe('RequestPacket2');
    expect(names.claimExact('requestPacket')).toBe(true);
  });

  it('claimExact and has ignore case in case-insensitive mode', () => {
    const files = new NameAllocator(true);
    expect(files.claimExact('shared/Common')).toBe(true);
    expect(files.has('SHARED/COMMON')).toBe(true);
    expect(files.claimExact('shared/common')).toBe(false);
    expect(files.claim('shared/common')).toBe('shared/common2');
  });

  it('scopes are independent', () => {
    const a = new NameAllocator();
    const b = new NameAllocator();
    expect(a.claim('value')).toBe('value');
    expect(b.claim('value')).toBe('value');
  });
});
