import { describe, expect, it } from 'vitest';
import { parse, parseWithWarnings, SchemaViolationError, serialize, type ParseWarning, type Violation } from 'plesk-api-codegen-runtime';
import { pairsRoot, requestRoot, responseRoot } from './fixtures.js';

function violations(f: () => unknown): Violation[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SchemaViolationError);
    return [...(e as SchemaViolationError).violations];
  }
  throw new Error('expected a SchemaViolationError');
}

const reqParse = (body: string) => parse(requestRoot, `<packet>${body}</packet>`);
const resParse = (body: string) => parse(responseRoot, `<packet>${body}</packet>`);

describe('parse: values', () => {
  it('builds arrays where the schema repeats, in document order', () => {
    const v = reqParse('<server><get_protos/><srv_man><id>web</id><operation>stop</operation></srv_man><get_protos/></server><backup-manager><get-local-backup-list/></backup-manager>');
    expect(v).toEqual({
      operators: [{ server: [{ getProtos: true }, { srvMan: { id: 'web', operation: 'stop' } }, { getProtos: true }] }, { backupManager: [{ getLocalBackupList: true }] }],
    });
  });

  it('makes max>1 elements arrays even with one item', () => {
    const v = resParse('<server><srv_man><result><status>ok</status></result></srv_man></server>');
    expect(v).toEqual({ operators: [{ server: [{ srvMan: { result: [{ status: 'ok' }] } }] }] });
  });

  it('keeps 007 a string, converts integers, applies whiteSpace', () => {
    const v = resParse('<server><srv_man><result><status>\n  ok \n</status><errcode> 0042 </errcode><errtext> a  b </errtext><id>  007\n</id></result></srv_man></server>') as {
      operators: { server: { srvMan: { result: Record<string, unknown>[] } }[] }[];
    };
    expect(v.operators[0].server[0].srvMan.result[0]).toEqual({ status: 'ok', errcode: 42, errtext: ' a  b ', id: '007' });
  });

  it('reads every value kind', () => {
    const xml =
      '<misc priority=" 7 " lang="en-GB"><expires xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/><size unit="KB">0012.50</size>' +
      '<ports> 80\n 443 </ports><limit>unlimited</limit><weight>-INF</weight><enabled>1</enabled><counter>-9223372036854775808</counter>' +
      '<quota>9007199254740991</quota><data>AQID BA==</data><email>x@y.z</email><tag><![CDATA[<raw> & ]]></tag>' +
      '<node name="a"><node name="b"/><note>n</note></node><raw><p>hi <b>there</b></p></raw><ext any="1"><z:a xmlns:z="urn:z"><b/></z:a></ext></misc>';
    expect(reqParse(xml)).toEqual({
      operators: [
        {
          misc: {
            priority: 7,
            lang: 'en-GB',
            expires: null,
            size: { unit: 'KB', value: '0012.50' },
            ports: [80, 443],
            limit: 'unlimited',
            weight: -Infinity,
            enabled: true,
            counter: -9223372036854775808n,
            quota: 9007199254740991,
            data: 'AQID BA==',
            email: 'x@y.z',
            tag: ['<raw> & '],
            node: { name: 'a', node: [{ name: 'b' }], note: 'n' },
            raw: { xml: '<p>hi <b>there</b></p>' },
            ext: { $attrs: { any: '1' }, items: [{ xml: '<z:a xmlns:z="urn:z"><b/></z:a>' }] },
          },
        },
      ],
    });
    expect(reqParse('<misc priority="1"><limit>12</limit><raw/></misc>')).toEqual({ operators: [{ misc: { priority: 1, limit: 12, raw: true } }] });
    expect(reqParse('<misc priority="1"><raw> text </raw></misc>')).toEqual({ operators: [{ misc: { priority: 1, raw: ' text ' } }] });
  });

  it('handles all groups in any order and repeating sequences', () => {
    expect(parse(pairsRoot, '<pairs><head>h</head><key>a</key><val>1</val><key>b</key><all><c>x</c><b>2</b><a>y</a></all><tail>t</tail></pairs>')).toEqual({
      head: 'h',
      pairs: [{ key: 'a', val: '1' }, { key: 'b' }],
      all: { c: 'x', b: 2, a: 'y' },
      tail: 't',
    });
  });

  it('accepts UTF-8 bytes with a BOM, and refuses bytes that are not UTF-8', () => {
    const text = '<packet version="größe ✓"><server><get_protos/></server></packet>';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(parse(requestRoot, bytes)).toEqual({ version: 'größe ✓', operators: [{ server: [{ getProtos: true }] }] });
    expect(() => parse(requestRoot, new Uint8Array([0x3c, 0x70, 0xff, 0x3e]))).toThrow(/not valid UTF-8/);
    expect(parse(requestRoot, `\uFEFF${text}`)).toEqual({ version: 'größe ✓', operators: [{ server: [{ getProtos: true }] }] });
  });
});

describe('parse: strict rejections', () => {
  const cases: [name: string, body: string, path: string, message: RegExp][] = [
    ['wrong order', '<server><srv_man><operation>stop</operation><id>a</id></srv_man></server>', 'packet.operators[0].server[0].srvMan.id', /not expected here/],
    ['missing required', '<server><srv_man><id>a</id></srv_man></server>', 'packet.operators[0].server[0].srvMan.operation', /missing the required element <operation>/],
    ['too many', '<misc priority="1"><tag>1</tag><tag>2</tag><tag>3</tag><tag>4</tag></misc>', 'packet.operators[0].misc.tag', /too many <tag> elements \(at most 3\)/],
    ['both branches of a choice', '<backup-manager><backup-server><local/><remote>r</remote><description>d</description></backup-server></backup-manager>', 'packet.operators[0].backupManager[0].backupServer.remote', /not expected/],
    ['both optional flags', '<backup-manager><backup-server><local/><description>d</description><only-hosting/><only-mail/></backup-server></backup-manager>', 'packet.operators[0].backupManager[0].backupServer.onlyMail', /not expected/],
    ['bad enum', '<server><srv_man><id>a</id><operation>halt</operation></srv_man></server>', 'packet.operators[0].server[0].srvMan.operation', /"halt" is not one of start, stop, restart/],
    ['facet', '<backup-manager><backup-server><local/><prefix>_x</prefix><description>d</description></backup-server></backup-manager>', 'packet.operators[0].backupManager[0].backupServer.prefix', /does not match the pattern/],
    ['bound', '<backup-manager><backup-server><local/><description>d</description><split-size>4294967296</split-size></backup-server></backup-manager>', 'packet.operators[0].backupManager[0].backupServer.splitSize', /greater than the maximum 4294967295/],
    ['unknown element', '<server><srv_man><id>a</id><operation>stop</operation><force/></srv_man></server>', 'packet.operators[0].server[0].srvMan.force', /unknown element <force>/],
    ['text in element-only content', '<server><srv_man>oops<id>a</id><operation>stop</operation></srv_man></server>', 'packet.operators[0].server[0].srvMan', /text "oops" is not allowed/],
    ['missing required attribute', '<misc/>', 'packet.operators[0].misc.priority', /missing the required attribute priority/],
    ['unknown attribute', '<server flavour="x"><get_protos/></server>', 'packet.operators[0].server.@flavour', /unknown attribute flavour/],
    ['integer beyond 2^53', '<misc priority="1"><quota>9007199254740993</quota></misc>', 'packet.operators[0].misc.quota', /outside the safe integer range/],
    ['not an integer', '<misc priority="1.5"/>', 'packet.operators[0].misc.priority', /not a valid integer/],
    ['element in a flag', '<server><get_protos><x/></get_protos></server>', 'packet.operators[0].server[0].getProtos', /not allowed here/],
    ['text in a flag', '<server><get_protos>x</get_protos></server>', 'packet.operators[0].server[0].getProtos', /must be empty/],
    ['nil on a non-nillable element', '<misc priority="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><ports xsi:nil="true"/></misc>', 'packet.operators[0].misc.ports', /not nillable/],
    ['nil with content', '<misc priority="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><expires xsi:nil="true">2020-01-01T00:00:00</expires></misc>', 'packet.operators[0].misc.expires', /nil element must be empty/],
    ['empty array shape', '<server/>', 'packet.operators[0].server', /missing one of <srv_man>, <get_protos>/],
    ['list facet', '<misc priority="1"><ports>1 2 3 4 5 6</ports></misc>', 'packet.operators[0].misc.ports', /6 items; at most 5 allowed/],
    ['union', '<misc priority="1"><limit>lots</limit></misc>', 'packet.operators[0].misc.limit', /not valid for any member/],
    ['lexical date', '<misc priority="1"><expires>2020-02-30T25:00:00</expires></misc>', 'packet.operators[0].misc.expires', /not a valid xs:dateTime/],
  ];
  it.each(cases)('%s', (_name, body, path, message) => {
    const v = violations(() => reqParse(body));
    expect(
      v.some((x) => x.path === path && message.test(x.message) && typeof x.line === 'number' && typeof x.column === 'number'),
      v.map((x) => `${x.path}: ${x.message}`).join('\n'),
    ).toBe(true);
  });

  it('reports all violations at once, with line and column', () => {
    const xml = ['<packet>', '  <server>', '    <srv_man><id>a</id><operation>halt</operation></srv_man>', '    <srv_man><id>b</id></srv_man>', '    <bogus/>', '  </server>', '</packet>'].join('\n');
    const v = violations(() => parse(requestRoot, xml));
    expect(v).toEqual([
      { path: 'packet.operators[0].server[0].srvMan.operation', message: '"halt" is not one of start, stop, restart', line: 3, column: 24 },
      { path: 'packet.operators[0].server[1].srvMan.operation', message: 'missing the required element <operation>', line: 4, column: 5 },
      { path: 'packet.operators[0].server[1].bogus', message: 'unknown element <bogus> (type ServerOperatorType has no such element); expected <srv_man>, <get_protos>', line: 5, column: 5 },
    ]);
  });

  it('refuses the wrong root element', () => {
    expect(violations(() => parse(requestRoot, '<pocket/>'))[0]).toMatchObject({ path: 'pocket', message: 'the root element must be <packet>, found <pocket>' });
  });
});

describe('parse: lenient mode', () => {
  it('keeps unknown elements in $unknown with warnings; facet violations become warnings', () => {
    const seen: ParseWarning[] = [];
    const r = parseWithWarnings(
      responseRoot,
      '<packet><server><srv_man><result><status>pending</status><errcode>1</errcode><new-field a="1">x<b/></new-field><id>7</id></result></srv_man></server></packet>',
      { mode: 'lenient', onWarning: (w) => seen.push(w) },
    );
    expect(r.value).toEqual({
      operators: [{ server: [{ srvMan: { result: [{ status: 'pending', errcode: 1, $unknown: [{ xml: '<new-field a="1">x<b/></new-field>' }], id: '7' }] } }] }],
    });
    expect(r.warnings).toEqual(seen);
    expect(r.warnings.map((w) => w.path)).toEqual(['packet.operators[0].server[0].srvMan.result[0].status', 'packet.operators[0].server[0].srvMan.result[0].$unknown']);
    expect(r.warnings[1].fragment).toEqual({ xml: '<new-field a="1">x<b/></new-field>' });
  });

  it('still refuses order, occurrence and lexical problems', () => {
    const v = violations(() => parse(requestRoot, '<packet><server><srv_man><operation>stop</operation></srv_man></server><misc priority="x"/></packet>', { mode: 'lenient' }));
    expect(v.map((x) => x.path)).toEqual(['packet.operators[0].server[0].srvMan.id', 'packet.operators[1].misc.priority']);
  });

  it('values parsed leniently can be written again ($unknown is not written)', () => {
    const v = parse(requestRoot, '<packet><server><srv_man><id>a</id><operation>stop</operation><x/></srv_man></server></packet>', { mode: 'lenient' });
    expect(serialize(requestRoot, v, { declaration: false })).toBe('<packet><server><srv_man><id>a</id><operation>stop</operation></srv_man></server></packet>');
  });
});
