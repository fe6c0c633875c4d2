import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinSimpleType, qnameKey } from '../../generator/model/index.js';
import { loadSchemaSets, packetOperators, type SchemaSets } from '../../generator/profiles/plesk/schemas.js';
import { complex, elem, group, pleskDir, shape, simple } from './helpers.js';

describe('the real Plesk schema set', () => {
  let sets: SchemaSets;
  it('loads both sets without errors', () => {
    sets = loadSchemaSets(pleskDir);
    expect(sets.input.root).toBe('agent_input.xsd');
    expect(sets.output.root).toBe('agent_output.xsd');
  });

  it('loads 58 request files and 59 response files, 45 of them shared', () => {
    expect(sets.input.files).toHaveLength(58);
    expect(sets.output.files).toHaveLength(59);
    expect(sets.input.files[0]).toBe('agent_input.xsd');
    const out = new Set(sets.output.files);
    expect(sets.input.files.filter((f) => out.has(f))).toHaveLength(45);
    for (const never of ['domain_input.xsd', 'domain_output.xsd', 'plesk_siteapp.xsd', 'plesk_spamfilter.xsd', 'test.xsd']) {
      expect(sets.input.files).not.toContain(never);
      expect(sets.output.files).not.toContain(never);
    }
  });

  it('finds the 43 request operators of agent_input.xsd, in schema order', () => {
    const text = readFileSync(join(pleskDir, 'agent_input.xsd'), 'utf8');
    const choice = /<xs:choice maxOccurs="unbounded">([\s\S]*?)<\/xs:choice>/.exec(text)![1];
    const expected = [...choice.matchAll(/<xs:element name="([^"]+)"/g)].map((m) => m[1]);
    expect(expected).toHaveLength(43);
    expect(packetOperators(sets.input).map((d) => qnameKey(d.name))).toEqual(expected);
  });

  it('finds the 44 response operators, not the system result', () => {
    const text = readFileSync(join(pleskDir, 'agent_output.xsd'), 'utf8');
    const choice = /<xs:choice maxOccurs="unbounded">([\s\S]*?)<\/xs:choice>/.exec(text)![1];
    const expected = [...choice.matchAll(/<xs:element name="([^"]+)"/g)].map((m) => m[1]);
    expect(expected).toHaveLength(44);
    expect(packetOperators(sets.output).map((d) => qnameKey(d.name))).toEqual(expected);
  });

  it('tells shared from differing types: 13 names differ', () => {
    const c = sets.comparison;
    expect(c.differing).toContain('ServicesManagementType');
    expect(c.differing).toEqual([
      'CreateSessionType',
      'DelMiscType',
      'DisableAeType',
      'EnableAeType',
      'GetAdditionalKeyType',
      'GetAeParametersType',
      'GetMiscType',
      'GetProtosType',
      'LicenseInstallType',
      'RenewAdditionalKeyType',
      'ServerOperatorType',
      'ServicesManagementType',
      'SetMiscType',
    ]);
    expect(c.shared).toContain('resultType');
    expect(c.shared).not.toContain('ServicesManagementType');
    for (const list of [c.shared, c.differing, c.inputOnly, c.outputOnly]) expect([...list].sort()).toEqual(list);
    const both = c.shared.length + c.differing.length;
    expect(both + c.inputOnly.length).toBe(sets.input.types.size);
    expect(both + c.outputOnly.length).toBe(sets.output.types.size);
    expect(complex(sets.input, 'ServicesManagementType').loc!.file).toBe('server_input.xsd');
    expect(complex(sets.output, 'ServicesManagementType').loc!.file).toBe('server_output.xsd');
  });

  it('srvOpType enumerates start|stop|restart', () => {
    const t = simple(sets.input, 'srvOpType');
    expect(t.facets.enumeration!.map((e) => e.value)).toEqual(['start', 'stop', 'restart']);
  });

  it('BackupServerInput: a required local|remote choice, then an optional only-hosting|only-mail choice', () => {
    const t = complex(sets.input, 'BackupServerInput');
    expect(t.loc!.file).toBe('backup.xsd');
    const seq = group(t.content);
    expect(seq.kind).toBe('sequence');
    const first = group(seq.particles[0]);
    expect(first).toMatchObject({ kind: 'choice', min: 1, max: 1 });
    expect(first.particles.map((p) => elem(p).decl.name.local)).toEqual(['local', 'remote']);
    const optional = seq.particles.find((p) => p.kind === 'choice' && p !== first);
    expect(optional).toMatchObject({ kind: 'choice', min: 0, max: 1 });
    expect(group(optional).particles.map((p) => elem(p).decl.name.local)).toEqual(['only-hosting', 'only-mail']);
    expect(shape(t.content)).toContain('choice[0..1](only-hosting,only-mail)');
  });

  it('keeps getType and GetType apart (names differing only in case)', () => {
    const all = new Map([...sets.input.types, ...sets.output.types]);
    const lower = all.get('getType')!;
    const upper = all.get('GetType')!;
    expect(lower).toBeDefined();
    expect(upper).toBeDefined();
    expect(lower).not.toBe(upper);
    expect(lower.loc).toEqual({ file: 'server_input.xsd', line: 5 });
    expect(upper.loc).toEqual({ file: 'server_output.xsd', line: 220 });
    expect(sets.comparison.inputOnly).toContain('getType');
    expect(sets.comparison.outputOnly).toContain('GetType');
    expect(sets.output.types.get('initialSetupType')).not.toBe(sets.output.types.get('InitialSetupType'));
    expect(sets.output.types.get('InitialSetupType')!.loc!.file).toBe('server_output.xsd');
    expect(sets.output.types.get('initialSetupType')!.loc!.file).toBe('plesk_server.xsd');
  });

  it('resolves Plesk’s own "string" type apart from xs:string', () => {
    const packetType = complex(sets.input, 'RequestPacketType');
    const version = packetType.attributes[0];
    expect(version.type.name).toEqual({ ns: null, local: 'string' });
    expect(version.type.loc!.file).toBe('common.xsd');
    expect(version.type.base).toBe(builtinSimpleType('string'));
    expect(version.type.facets.whiteSpace).toBe('collapse');
  });

  it('resolves the recursive ObjectType and MessageType', () => {
    for (const name of ['ObjectType', 'MessageType']) {
      const set = sets.input.types.has(name) ? sets.input : sets.output;
      const t = complex(set, name);
      const seen = new Set<object>();
      let reaches = false;
      const walk = (x: unknown): void => {
        if (x === null || typeof x !== 'object' || seen.has(x)) return;
        seen.add(x);
        if (x === t && seen.size > 1) reaches = true;
        for (const v of Object.values(x as Record<string, unknown>)) walk(v);
      };
      for (const v of Object.values(t)) walk(v);
      expect(reaches, `${name} reaches itself`).toBe(true);
    }
  });

  it('the request packet extends RequestPacketType with request-settings and the operator choice', () => {
    const packet = sets.input.elements.get('packet')!;
    if (packet.type.kind !== 'complex') throw new Error('complex expected');
    expect(packet.type.base).toBe(complex(sets.input, 'RequestPacketType'));
    expect(packet.type.derivation).toBe('extension');
    expect(packet.type.attributes.map((a) => a.name.local)).toEqual(['version']);
    const seq = group(packet.type.content);
    expect(elem(seq.particles[0]).decl.name.local).toBe('request-settings');
    expect(seq.particles[0].min).toBe(0);
    expect(group(seq.particles[1])).toMatchObject({ kind: 'choice', min: 1, max: Infinity });
  });
});
