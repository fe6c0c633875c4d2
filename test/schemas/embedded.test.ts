import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearValidatorCache, compileTimeMs, createValidator, validatorsFor, type PacketValidators } from '../support/libxml.js';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR, loadSeedSamples, type SeedSample } from '../support/seeds.js';

const seeds = loadSeedSamples();
const label = (s: SeedSample): string => `${s.id} (${s.kind})`;

const sets: Array<[name: string, dir: string]> = [
  ['embedded 1.6.9.1', EMBEDDED_SCHEMAS_DIR],
  ['real rpc-2015', REAL_SCHEMAS_DIR],
];

/** Packets both schema sets must refuse, with the error text libxml2 should give. */
const NEGATIVE: Array<{ name: string; kind: 'request'; xml: string; error: RegExp }> = [
  {
    name: 'srv_man with operation "halt"',
    kind: 'request',
    xml: '<packet>\n<server>\n<srv_man>\n<id>web</id>\n<operation>halt</operation>\n</srv_man>\n</server>\n</packet>',
    error: /line 5.*operation.*halt/,
  },
  {
    name: 'backup-server with both local and remote',
    kind: 'request',
    xml: '<packet>\n<backup-manager>\n<backup-server>\n<local/>\n<remote>ftp</remote>\n<description>x</description>\n</backup-server>\n</backup-manager>\n</packet>',
    error: /line 5.*remote/,
  },
  {
    name: 'backup-server without description',
    kind: 'request',
    xml: '<packet>\n<backup-manager>\n<backup-server>\n<local/>\n<prefix>weekly</prefix>\n</backup-server>\n</backup-manager>\n</packet>',
    error: /line 3.*backup-server.*description/s,
  },
  {
    name: 'srv_man with the operation before the id',
    kind: 'request',
    xml: '<packet>\n<server>\n<srv_man>\n<operation>stop</operation>\n<id>web</id>\n</srv_man>\n</server>\n</packet>',
    error: /line 4.*operation/,
  },
  {
    name: 'backup-server with both only-hosting and only-mail',
    kind: 'request',
    xml: '<packet>\n<backup-manager>\n<backup-server>\n<local/>\n<description>x</description>\n<only-hosting/>\n<only-mail/>\n</backup-server>\n</backup-manager>\n</packet>',
    error: /line 7.*only-mail/,
  },
];

afterAll(() => clearValidatorCache());

describe('seed pages', () => {
  it('hold four request/response pairs', () => {
    expect(seeds.map((s) => `${s.id}/${s.kind}`)).toEqual([
      'srv-man-stop-web-fail2ban/request',
      'srv-man-stop-web-fail2ban/response',
      'srv-man-start-postgresql-mysql/request',
      'srv-man-start-postgresql-mysql/response',
      'backup-server-local/request',
      'backup-server-local/response',
      'backup-server-only-mail/request',
      'backup-server-only-mail/response',
    ]);
    const byId = (id: string, kind: string) => seeds.find((s) => s.id === id && s.kind === kind)!.xml;
    expect(byId('srv-man-start-postgresql-mysql', 'response')).toContain('<errcode>1013</errcode>');
    expect(byId('backup-server-local', 'response')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<packet version="1.6.7.0">/);
    expect(byId('backup-server-local', 'response')).toContain('<task-id>27</task-id>');
    expect(byId('backup-server-only-mail', 'response')).toContain('<task-id>28</task-id>');
    expect(byId('backup-server-only-mail', 'request')).toContain('<only-mail/>');
  });
});

describe.each(sets)('%s schema set', (_name, dir) => {
  let v: PacketValidators;

  it('compiles both root schemas in libxml2', () => {
    v = validatorsFor(dir);
    expect(v.input.schemaPath.endsWith('agent_input.xsd')).toBe(true);
    expect(v.output.schemaPath.endsWith('agent_output.xsd')).toBe(true);
    // Cold compile includes wasm/JIT warm-up; warm compile of the full real set is ~20 ms.
    expect(compileTimeMs(dir, 'agent_input.xsd')).toBeLessThan(2000);
    expect(compileTimeMs(dir, 'agent_output.xsd')).toBeLessThan(2000);
  });

  it.each(seeds.map((s) => [label(s), s] as const))('accepts seed %s', (_l, sample) => {
    const result = v.forKind(sample.kind).validate(sample.xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each(NEGATIVE.map((n) => [n.name, n] as const))('rejects %s', (_n, neg) => {
    const result = v.forKind(neg.kind).validate(neg.xml);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(neg.error);
  });

  it('rejects a request packet against the response schema and vice versa', () => {
    const request = seeds.find((s) => s.kind === 'request' && s.operator === 'server')!;
    const response = seeds.find((s) => s.kind === 'response' && s.operator === 'server')!;
    expect(v.output.validate(request.xml).valid).toBe(false);
    expect(v.input.validate(response.xml).valid).toBe(false);
  });

  it('accepts a system error response and request-settings', () => {
    expect(
      v.output.validate('<packet version="1.6.7.0"><system><status>error</status><errcode>1001</errcode><errtext>Authentication failed</errtext></system></packet>').errors,
    ).toEqual([]);
    expect(
      v.input.validate(
        '<packet version="1.6.9.1"><request-settings><setting><name>x</name><value>1</value></setting></request-settings><server><get_protos/></server></packet>',
      ).errors,
    ).toEqual([]);
  });
});

describe('embedded set specifics', () => {
  const v = validatorsFor(EMBEDDED_SCHEMAS_DIR);

  it('accepts a get_protos response with a protocol list', () => {
    const xml =
      '<packet version="1.6.9.1"><server><get_protos><result><status>ok</status><protos><proto>1.6.9.1</proto><proto>1.6.9.0</proto></protos></result></get_protos></server></packet>';
    expect(v.output.validate(xml).errors).toEqual([]);
  });

  it('accepts every optional backup-server field in the documented order', () => {
    const xml =
      '<packet><backup-manager><backup-server><remote>ftp</remote><prefix>p</prefix><description>d</description><split-size>0</split-size><only-hosting/><only-configuration/></backup-server></backup-manager></packet>';
    expect(v.input.validate(xml).errors).toEqual([]);
  });

  it('rejects a non-numeric task-id and an unknown status', () => {
    const bad = (inner: string) =>
      `<packet version="1.6.7.0"><backup-manager><backup-server><result>${inner}</result></backup-server></backup-manager></packet>`;
    expect(v.output.validate(bad('<status>ok</status><task-id>x</task-id>')).valid).toBe(false);
    expect(v.output.validate(bad('<status>maybe</status>')).valid).toBe(false);
  });

  it('keeps the request and response ServicesManagementType apart', () => {
    const asRequest = '<packet><server><srv_man><result><status>ok</status></result></srv_man></server></packet>';
    expect(v.input.validate(asRequest).valid).toBe(false);
    expect(v.output.validate(asRequest).valid).toBe(true);
  });

  it('reports schema compile errors with the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plesk-xsd-'));
    try {
      writeFileSync(
        join(dir, 'agent_input.xsd'),
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n  <xs:element name="packet" type="NoSuchType"/>\n</xs:schema>\n',
      );
      expect(() => createValidator(dir, 'agent_input.xsd')).toThrow(/agent_input\.xsd: line 2\b.*NoSuchType/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
