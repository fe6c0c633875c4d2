import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixturesDir, pleskDir, runCommand } from './helpers.js';

const run = (args: string[]) => runCommand('inspect', args);

describe('plesk-codegen inspect', () => {
  it('prints an overview of both sets', async () => {
    const r = await run(['--schemas', pleskDir]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('input set (agent_input.xsd)');
    expect(r.out).toContain('output set (agent_output.xsd)');
    expect(r.out).toContain('files loaded: 58');
    expect(r.out).toContain('files loaded: 59');
    expect(r.out).toContain('operators under <packet>: 43');
    expect(r.out).toContain('operators under <packet>: 44');
    expect(r.out).toMatch(/global types: \d+ \(\d+ simple, \d+ complex\)/);
    expect(r.out).toMatch(/server \(ServerOperatorType\): \d+ operations\n\s+get_protos, get, set, srv_man/);
    expect(r.out).toContain('differing: 13 (');
  });

  it('prints the same data as JSON', async () => {
    const r = await run(['--schemas', pleskDir, '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.sets.map((s: { set: string }) => s.set)).toEqual(['input', 'output']);
    const [input, output] = data.sets;
    expect(input.fileCount).toBe(58);
    expect(input.files).toHaveLength(58);
    expect(output.fileCount).toBe(59);
    expect(input.operatorCount).toBe(43);
    expect(output.operatorCount).toBe(44);
    expect(input.types.total).toBe(input.types.simple + input.types.complex);
    const server = input.operators.find((o: { name: string }) => o.name === 'server');
    expect(server.type).toBe('ServerOperatorType');
    expect(server.operations.slice(0, 3)).toEqual(['get_protos', 'get', 'set']);
    expect(data.comparison.differing).toContain('ServicesManagementType');
    expect(Object.keys(input)).toEqual(['set', 'root', 'fileCount', 'files', 'types', 'elements', 'operatorCount', 'operators']);
    // Stable: a second run prints the same bytes.
    expect((await run(['--schemas', pleskDir, '--json'])).out).toBe(r.out);
  });

  it('--type shows different content for the input and output ServicesManagementType', async () => {
    const r = await run(['--schemas', pleskDir, '--type', 'ServicesManagementType']);
    expect(r.code).toBe(0);
    const [input, output] = r.out.split('[output]');
    expect(input).toContain('[input]');
    expect(input).toContain('server_input.xsd:');
    expect(input).toMatch(/element operation: srvOpType/);
    expect(output).toContain('server_output.xsd:');
    expect(output).toMatch(/element result: /);
    expect(output).not.toMatch(/element operation: /);
  });

  it('--type --json --set describes one type', async () => {
    const r = await run(['--schemas', pleskDir, '--type', 'BackupServerInput', '--set', 'input', '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.sets).toHaveLength(1);
    const def = data.sets[0].definition;
    expect(def.loc).toMatch(/^backup\.xsd:\d+$/);
    expect(def.content.kind).toBe('sequence');
    expect(def.content.particles[0]).toMatchObject({ kind: 'choice', min: 1, max: 1 });
    const optional = def.content.particles.find((p: { kind: string; min: number }) => p.kind === 'choice' && p.min === 0);
    expect(optional.particles.map((p: { name: string }) => p.name)).toEqual(['only-hosting', 'only-mail']);
  });

  it('--type prints facets of a simple type', async () => {
    const r = await run(['--schemas', pleskDir, '--type', 'srvOpType', '--set', 'input']);
    expect(r.out).toContain('enumeration: start | stop | restart');
    expect(r.out).toContain('base: string (restriction)');
  });

  it('reports an unknown type', async () => {
    const r = await run(['--schemas', pleskDir, '--type', 'NoSuchType']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('NoSuchType');
  });

  it('prints every schema diagnostic as file:line: message and exits 1', async () => {
    const dir = join(fixturesDir, 'plesk-broken');
    const r = await run(['--schemas', dir]);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    // Files are named as the user would open them: the --schemas path joined with the file.
    expect(lines).toContain(`${join(dir, 'agent_input.xsd')}:4: reference to undefined type "MissingOperatorType"`);
    expect(lines).toContain(`${join(dir, 'agent_output.xsd')}:3: include of "gone.xsd": file gone.xsd not found`);
  });

  it('usage errors exit 2; --help exits 0', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--schemas', pleskDir, '--bogus'])).code).toBe(2);
    expect((await run(['--schemas', pleskDir, '--set', 'both'])).code).toBe(2);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--schemas', '--json', '--type', '--set', '--help']) expect(help.out).toContain(flag);
  });
});
