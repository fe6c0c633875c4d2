/**
 * templates/plesk/client.ts.hbs: rendered into a miniature generated tree (see support/tree.ts), the
 * output compiles under strict tsc against the runtime package's `.d.ts` (plesk-api-codegen-runtime), has the
 * expected typed surface, and its methods build one-operation packets and return results.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PleskTransport } from 'plesk-api-codegen-runtime/client';
import { buildFixtureTree, renderClientTemplate, fixtureTemplateData } from './support/tree.js';
import { tscProject } from '../support/tree.js';

let dir: string;
let source: string;

beforeAll(() => {
  dir = buildFixtureTree('template');
  source = renderClientTemplate(fixtureTemplateData);
});

describe('rendered client.ts', () => {
  it('has the client class, one class per operator, one method per operation', () => {
    expect(source).toContain("export class PleskClient extends PleskOperators<'call'> {");
    expect(source).toMatch(/readonly server: ServerOperations<M>;/);
    expect(source).toMatch(/readonly backupManager: BackupManagerOperations<M>;/);
    expect(source).toMatch(/ srvMan\(params: Req\.ServicesManagementType, \.\.\.opts: Opts<M>\): Outcome<M, Res\.ServicesManagementResultType, Res\.ServicesManagementResultType, Res\.ServicesManagementTypeResponse>/);
    expect(source).toMatch(/ getProtos\(\.\.\.opts: Opts<M>\): Outcome<M, Res\.GetProtosResultType, Res\.GetProtosResultType, Res\.GetProtosTypeResponse>/);
    expect(source).toMatch(/ get\(params: Req\.SiteGetInput, \.\.\.opts: Opts<M>\): Outcome<M, Res\.SiteGetResultType, Res\.SiteGetResultType\[\], Res\.SiteGetOutput>/);
    expect(source).toContain("export const PROTOCOL_VERSION: string | undefined = '1.6.9.1';");
  });

  it('inserts doc text without HTML escaping', () => {
    expect(source).toContain('<angle> & "quotes" \'single\' `ticks` = signs');
    expect(source).not.toMatch(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/);
    expect(source).toContain('Operations of the `backup-manager` operator.');
  });

  it('compiles under strict tsc against the runtime package, and types calls as the bindings say', () => {
    writeFileSync(
      join(dir, 'usage.ts'),
      `import { PleskClient, PleskOperationError, type OperationResponses } from './client.js';
import type { ServicesManagementResultType, SiteGetResultType, BackupResultType, ServicesManagementTypeResponse } from './response.js';
import { startStandin } from './testing/standin.js';

export async function usage(): Promise<void> {
  const standin = await startStandin({ tls: true });
  const client = new PleskClient({ ...standin.connection, auth: { login: 'admin', password: 'x' }, timeoutMs: 1000 });
  const a: ServicesManagementResultType = await client.server.srvMan({ id: 'web', operation: 'stop' });
  const b: SiteGetResultType[] = await client.site.get({ filter: { name: ['a.example'] } });
  const c: BackupResultType = await client.backupManager.backupServer({ local: true, description: 'd' });
  const d = await client.server.getProtos({ timeoutMs: 5 });
  const e: ServicesManagementTypeResponse = {} as OperationResponses['server']['srvMan'];
  // @ts-expect-error operation must be start | stop | restart
  await client.server.srvMan({ id: 'web', operation: 'explode' });
  // @ts-expect-error a flag operation takes no parameters
  await client.server.getProtos({ id: 'web' });
  // @ts-expect-error the TLS opt-out is a boolean with a clear name
  new PleskClient({ host: 'h', auth: { secretKey: 'k' }, insecureSkipTlsVerification: 'yes' });
  const settled = client.settle({ operators: [] }, {});
  for (const s of settled) if (!s.ok) { const err: PleskOperationError = s.error; void err; }
  void [a, b, c, d, e];
  await client.close();
  await standin.close();
}
`,
    );
    const output = tscProject(dir, { skipLibCheck: true, noImplicitOverride: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true }, { include: ['**/*.ts'] });
    expect(output.trim()).toBe('');
  });

  it('methods send one-operation packets and return the result data', async () => {
    const mod = (await import(pathToFileURL(join(dir, 'client.ts')).href)) as typeof import('./support/client-shape.js');
    const sent: string[] = [];
    const answers = [
      '<packet version="1.6.9.1"><server><srv_man><result><status>ok</status><id>web</id></result></srv_man></server></packet>',
      '<packet version="1.6.9.1"><server><get_protos><result><status>ok</status><protos><proto>1.6.9.1</proto><proto>1.6.9.0</proto></protos></result></get_protos></server></packet>',
      '<packet version="1.6.9.1"><site><get><result><status>ok</status><filter-id>a.example</filter-id><id>1</id></result><result><status>ok</status><filter-id>b.example</filter-id><id>2</id></result></get></site></packet>',
      '<packet version="1.6.9.1"><site><get><result><status>ok</status><filter-id>a.example</filter-id><id>1</id></result><result><status>error</status><errcode>1013</errcode><errtext>Site does not exist</errtext><filter-id>zz.example</filter-id></result></get></site></packet>',
    ];
    const transport: PleskTransport = async (req) => {
      sent.push(new TextDecoder().decode(req.body));
      return { status: 200, statusText: 'OK', header: (name) => (name === 'content-type' ? 'text/xml' : undefined), body: new TextEncoder().encode(answers.shift()) };
    };
    const client = new mod.PleskClient({ host: 'plesk.invalid', auth: { secretKey: 'fixture-key-123' }, transport });

    await expect(client.server.srvMan({ id: 'web', operation: 'stop' })).resolves.toEqual({ status: 'ok', id: 'web' });
    expect(sent[0]).toContain('<packet version="1.6.9.1"><server><srv_man><id>web</id><operation>stop</operation></srv_man></server></packet>');

    await expect(client.server.getProtos()).resolves.toEqual({ status: 'ok', protos: { proto: ['1.6.9.1', '1.6.9.0'] } });
    expect(sent[1]).toContain('<server><get_protos/></server>');

    const many = await client.site.get({ filter: { name: ['a.example', 'b.example'] } });
    expect(many.map((r) => r.id)).toEqual([1, 2]);

    const failed = await client.site.get({ filter: { name: ['a.example', 'zz.example'] } }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(mod.PleskOperationError);
    const opErr = failed as InstanceType<typeof mod.PleskOperationError>;
    expect(opErr.errcode).toBe(1013);
    expect(opErr.operator).toBe('site');
    expect(opErr.operation).toBe('get');
    expect(opErr.results).toHaveLength(2);
    expect(opErr.results[0]).toMatchObject({ status: 'ok', id: 1 });
    await client.close();
  });
});
