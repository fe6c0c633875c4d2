import { describe, expect, it } from 'vitest';
import { SchemaViolationError, serialize, type Violation } from 'plesk-api-codegen-runtime';
import { pairsRoot, requestRoot, responseRoot } from './fixtures.js';

const DECL = '<?xml version="1.0" encoding="UTF-8"?>';

function violations(f: () => unknown): Violation[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SchemaViolationError);
    return [...(e as SchemaViolationError).violations];
  }
  throw new Error('expected a SchemaViolationError');
}

const req = (value: unknown) => serialize(requestRoot, value, { declaration: false });

describe('serialize: order and shapes', () => {
  it('writes elements in schema order whatever the key order', () => {
    const a = req({ operators: [{ server: [{ srvMan: { operation: 'stop', id: 'web' } }] }], version: '1.6' });
    const b = req({ version: '1.6', operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }] }] });
    expect(a).toBe('<packet version="1.6"><server><srv_man><id>web</id><operation>stop</operation></srv_man></server></packet>');
    expect(b).toBe(a);
  });

  it('keeps the caller order inside repeating choices', () => {
    const xml = req({
      operators: [
        { server: [{ getProtos: true }, { srvMan: { id: 'a', operation: 'start' } }, { getProtos: true }] },
        { backupManager: [{ getLocalBackupList: true }] },
        { server: [{ srvMan: { id: 'b', operation: 'restart' } }] },
      ],
    });
    expect(xml).toBe(
      '<packet><server><get_protos/><srv_man><id>a</id><operation>start</operation></srv_man><get_protos/></server>' +
        '<backup-manager><get-local-backup-list/></backup-manager>' +
        '<server><srv_man><id>b</id><operation>restart</operation></srv_man></server></packet>',
    );
  });

  it('writes the declaration by default, and indents on request', () => {
    const v = { operators: [{ server: [{ getProtos: true }] }] };
    expect(serialize(requestRoot, v)).toBe(`${DECL}<packet><server><get_protos/></server></packet>`);
    expect(serialize(requestRoot, v, { indent: true })).toBe(`${DECL}\n<packet>\n  <server>\n    <get_protos/>\n  </server>\n</packet>`);
    expect(serialize(requestRoot, v, { indent: '\t', declaration: false })).toBe('<packet>\n\t<server>\n\t\t<get_protos/>\n\t</server>\n</packet>');
  });

  it('writes flags, nil, attributes, simple content, lists, unions, fragments, anyType and recursion', () => {
    const xml = req({
      operators: [
        {
          misc: {
            priority: 1,
            lang: 'de',
            expires: null,
            size: { value: '10.5', unit: 'GB' },
            ports: [80, 443],
            limit: 5,
            tag: ['one', 'two'],
            node: { name: 'a', node: [{ name: 'b', node: [{ name: 'c' }] }], note: 'n' },
            raw: 'text',
            ext: { items: [{ xml: '<x:e xmlns:x="urn:x"/>' }, { xml: '<y>1</y>' }] },
          },
        },
      ],
    });
    expect(xml).toBe(
      '<packet><misc lang="de" priority="1"><expires xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>' +
        '<size unit="GB">10.5</size><ports>80 443</ports><limit>5</limit><tag>one</tag><tag>two</tag>' +
        '<node name="a"><node name="b"><node name="c"/></node><note>n</note></node><raw>text</raw>' +
        '<ext><x:e xmlns:x="urn:x"/><y>1</y></ext></misc></packet>',
    );
    const backup = req({ operators: [{ backupManager: [{ backupServer: { remote: 'ftp://h', description: 'd', onlyHosting: true } }] }] });
    expect(backup).toBe('<packet><backup-manager><backup-server><remote>ftp://h</remote><description>d</description><only-hosting/></backup-server></backup-manager></packet>');
  });
});

describe('serialize: a sequence of single elements, written in one pass when its keys follow schema order', () => {
  // ResultType: status, errcode?, errtext?, id?. The first try writes such an object from its
  // keys as they come; whatever else it meets goes the general way, with the same result.
  const res = (result: object) => serialize(responseRoot, { operators: [{ server: [{ srvMan: { result: [result] } }] }] }, { declaration: false });
  const xml = (inner: string) => `<packet><server><srv_man><result>${inner}</result></srv_man></server></packet>`;
  const at = 'packet.operators[0].server[0].srvMan.result[0]';

  it('writes the same text whatever the key order, skipping absent and undefined optional elements', () => {
    const want = xml('<status>error</status><errcode>1013</errcode><id>web</id>');
    const orders = [
      { status: 'error', errcode: 1013, id: 'web' },
      { status: 'error', errcode: 1013, errtext: undefined, id: 'web' },
      { id: 'web', errcode: 1013, status: 'error' },
      { status: 'error', id: 'web', errcode: 1013 },
      { errcode: 1013, status: 'error', id: 'web' },
    ];
    for (const r of orders) expect(res(r)).toBe(want);
    expect(res({ status: 'ok', $unknown: [{ name: 'x' }] })).toBe(xml('<status>ok</status>'));
  });

  it('writes an element whose property for-in does not see (a getter of a class)', () => {
    class Result {
      status = 'ok';
      get id(): string {
        return 'web';
      }
    }
    expect(res(new Result())).toBe(xml('<status>ok</status><id>web</id>'));
  });

  it('reports a missing element, an unknown key and a wrong value with their paths', () => {
    expect(violations(() => res({ id: 'web' })).map((x) => x.path)).toEqual([`${at}.status`]);
    expect(violations(() => res({ status: 'ok', bogus: 1 })).map((x) => x.path)).toEqual([`${at}.bogus`]);
    expect(violations(() => res({ status: 'ok', errcode: -1, id: 'web' })).map((x) => x.path)).toEqual([`${at}.errcode`]);
    expect(violations(() => res({ errcode: 5, status: 'maybe' })).map((x) => x.path)).toEqual([`${at}.status`]);
  });
});

describe('serialize: escaping', () => {
  it('escapes text, including ]]>', () => {
    const xml = req({ operators: [{ backupManager: [{ backupServer: { local: true, description: 'a & b < c > d ]]> e\r\n' } }] }] });
    expect(xml).toContain('<description>a &amp; b &lt; c &gt; d ]]&gt; e&#13;\n</description>');
    expect(xml).not.toContain(']]>');
  });

  it('escapes attribute values: &, <, ", tab, newline, CR', () => {
    const xml = req({ version: 'a&b<c"d\te\nf\rg>', operators: [] });
    expect(xml).toBe('<packet version="a&amp;b&lt;c&quot;d&#9;e&#10;f&#13;g>"/>');
  });

  it('refuses characters outside XML 1.0 with the path', () => {
    const v = violations(() =>
      req({
        version: 'x\u{FFFE}',
        operators: [
          { backupManager: [{ backupServer: { local: true, description: 'bell\u0007' } }] },
          { misc: { priority: 1, tag: ['ok', 'lone \uD800 surrogate'] } },
        ],
      }),
    );
    expect(v.map((x) => x.path)).toEqual(['packet.version', 'packet.operators[0].backupManager[0].backupServer.description', 'packet.operators[1].misc.tag[1]']);
    expect(v[1].message).toMatch(/U\+0007/);
    expect(v[2].message).toMatch(/U\+D800/);
  });
});

describe('serialize: violations', () => {
  it('reports every kind of violation with its path, all at once', () => {
    const v = violations(() =>
      req({
        bogus: 1,
        operators: [
          { server: [{ srvMan: { id: 'web', operation: 'halt' } }, { srvMan: { id: 'x' } }, { getProtos: true, srvMan: { id: 'y', operation: 'stop' } }, {}] },
          { backupManager: [{ backupServer: { local: true, remote: 'r', description: 'd', prefix: '-bad', splitSize: -1 } }] },
          { backupManager: [{ backupServer: { local: true, description: 'd', splitSize: 2 ** 53, onlyHosting: true, onlyMail: true } }] },
          {
            misc: {
              lang: 'not a language',
              size: { value: '123456789.123' },
              ports: [1, 2, 3, 4, 5, 6],
              limit: 'lots',
              enabled: 'yes',
              counter: 5,
              data: 'not base64!',
              email: 'nobody',
              tag: ['a', 'b', 'c', 'd'],
              expires: '2024-13-01T00:00:00',
              node: { node: [{ name: 'ok' }] },
              raw: 42,
              ext: { items: [{ xml: '<unclosed>' }] },
            },
          },
          { server: 'nope' },
        ],
      }),
    );
    const got = v.map((x) => `${x.path}: ${x.message}`);
    const want: [string, RegExp][] = [
      ['packet.bogus', /unknown property/],
      ['packet.operators[0].server[0].srvMan.operation', /"halt" is not one of start, stop, restart/],
      ['packet.operators[0].server[1].srvMan.operation', /missing the required element <operation>/],
      ['packet.operators[0].server[2]', /only one of srvMan, getProtos may be present/],
      ['packet.operators[0].server[3]', /one of srvMan, getProtos is required/],
      ['packet.operators[1].backupManager[0].backupServer', /only one of local, remote/],
      ['packet.operators[1].backupManager[0].backupServer.prefix', /does not match the pattern/],
      ['packet.operators[1].backupManager[0].backupServer.splitSize', /-1 is less than the minimum 0/],
      ['packet.operators[2].backupManager[0].backupServer.splitSize', /safe integer/],
      ['packet.operators[2].backupManager[0].backupServer', /only one of onlyHosting, onlyMail/],
      ['packet.operators[3].misc.lang', /not a valid xs:language/],
      ['packet.operators[3].misc.priority', /missing the required attribute priority/],
      ['packet.operators[3].misc.expires', /not a valid xs:dateTime/],
      ['packet.operators[3].misc.size.unit', /missing the required attribute unit/],
      ['packet.operators[3].misc.size.value', /more than 10 digits in total/],
      ['packet.operators[3].misc.size.value', /more than 2 fraction digits/],
      ['packet.operators[3].misc.ports', /6 items; at most 5 allowed/],
      ['packet.operators[3].misc.limit', /not valid for any member of limitType/],
      ['packet.operators[3].misc.enabled', /expected a boolean, got string/],
      ['packet.operators[3].misc.counter', /expected a bigint, got number/],
      ['packet.operators[3].misc.data', /not a valid xs:base64Binary/],
      ['packet.operators[3].misc.email', /does not match the pattern of emailType/],
      ['packet.operators[3].misc.tag', /4 <tag> elements; at most 3 allowed/],
      ['packet.operators[3].misc.node.name', /missing the required attribute name/],
      ['packet.operators[3].misc.raw', /expected true, a string, an XmlFragment or \{ attributes, content \}/],
      ['packet.operators[3].misc.ext.items[0]', /not well-formed XML/],
      ['packet.operators[4].server', /expected an array/],
    ];
    for (const [path, re] of want) {
      expect(
        v.some((x) => x.path === path && re.test(x.message)),
        `${path} ${re}\n${got.join('\n')}`,
      ).toBe(true);
    }
    expect(v.length).toBe(want.length);
  });

  it('checks bounds exactly, beyond 2^53 for bigint values', () => {
    const misc = (counter: bigint) => ({ operators: [{ misc: { priority: 1, counter } }] });
    expect(req(misc(9223372036854775807n))).toContain('<counter>9223372036854775807</counter>');
    expect(violations(() => req(misc(9223372036854775808n)))[0].message).toMatch(/greater than the maximum 9223372036854775807/);
    expect(violations(() => req(misc(-9223372036854775809n)))[0].message).toMatch(/less than the minimum/);
  });

  it('checks occurrences of repeating groups', () => {
    const v = violations(() => serialize(pairsRoot, { head: 'h', pairs: [{ key: 'a' }, { key: 'b' }, { key: 'c' }, { key: 'd' }] }));
    expect(v.map((x) => [x.path, x.message])).toEqual([
      ['pairs.pairs', '4 items; at most 3 allowed'],
      ['pairs.tail', 'missing the required element <tail>'],
    ]);
    const none = violations(() => serialize(pairsRoot, { head: 'h', pairs: [], tail: 't' }));
    expect(none[0]).toMatchObject({ path: 'pairs.pairs', message: '0 items; at least 1 required' });
  });

  it('refuses null for non-nillable elements and wrong shapes', () => {
    const v = violations(() => serialize(responseRoot, { operators: [{ server: [{ srvMan: { result: [{ status: null }] } }, { getProtos: { result: { status: 'ok', protos: {} } } }] }] }));
    expect(v.map((x) => x.path)).toEqual(['packet.operators[0].server[0].srvMan.result[0].status', 'packet.operators[0].server[1].getProtos.result.protos.proto']);
    expect(v[0].message).toMatch(/not nillable/);
  });

  it('refuses an unknown property wherever it stands, also beside absent and undefined ones', () => {
    const op = (srvMan: object, extra: object = {}) => ({ operators: [{ server: [{ srvMan, ...extra }] }] });
    const at = 'packet.operators[0].server[0]';
    const cases: [unknown, string][] = [
      [op({ id: 'a', operation: 'stop', force: true }), `${at}.srvMan.force`],
      [op({ operation: 'stop', force: true }), `${at}.srvMan.force`],
      [op({ id: undefined, operation: 'stop', force: 1 }), `${at}.srvMan.force`],
      [op({ id: 'a', operation: 'stop' }, { bogus: 1 }), `${at}.bogus`],
      [{ ...op({ id: 'a', operation: 'stop' }), bogus: 1 }, 'packet.bogus'],
    ];
    for (const [value, path] of cases) {
      const v = violations(() => req(value));
      expect(v.map((x) => x.path)).toContain(path);
      expect(v.find((x) => x.path === path)?.message).toMatch(/unknown property/);
    }
    // Undefined values and `$unknown` are not unknown properties.
    const xml = '<packet><server><srv_man><id>a</id><operation>stop</operation></srv_man></server></packet>';
    expect(req(op({ id: 'a', operation: 'stop', force: undefined, $unknown: [] }, { bogus: undefined }))).toBe(xml);
  });

  it('can skip validation', () => {
    expect(serialize(requestRoot, { operators: [{ server: [{ srvMan: { id: 'x', operation: 'halt' } }] }] }, { validate: false, declaration: false })).toBe(
      '<packet><server><srv_man><id>x</id><operation>halt</operation></srv_man></server></packet>',
    );
  });
});
