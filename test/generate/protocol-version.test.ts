// When no protocol version is known (a schema folder whose name is not a version, no
// --protocol-version), `generate` says what the client's packets will carry and how to set the
// version; the client of such a tree sends no version attribute unless the client or the call
// gives one. (A version folder name or --protocol-version: no note, the version is the default.)
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main, type CommandIo } from '../../generator/cli.js';
import { EMBEDDED_SCHEMAS_DIR } from '../support/seeds.js';
import { SCRATCH_DIR } from '../support/tree.js';

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

mkdirSync(SCRATCH_DIR, { recursive: true });
const dir = mkdtempSync(join(SCRATCH_DIR, 'protocol-'));
const schemas = join(dir, 'plesk-schemas');
cpSync(EMBEDDED_SCHEMAS_DIR, schemas, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generate without a known protocol version', () => {
  it('notes what packets carry and how to set the version, and still writes the tree', async () => {
    const io = capture();
    const out = join(dir, 'unversioned');
    expect(await main(['generate', '--schemas', schemas, '--out', out], io)).toBe(0);
    expect(io.stderr).toMatch(/^note: .*unversioned: no protocol version: "plesk-schemas" is not a version and --protocol-version was not given/m);
    expect(io.stderr).toContain('carry no version attribute');
    expect(io.stderr).toContain('--protocol-version');
    expect(io.stderr).toContain("new PleskClient({ protocolVersion: '1.6.9.1', … })");
    expect(readFileSync(join(out, 'client.ts'), 'utf8')).toContain('export const PROTOCOL_VERSION: string | undefined = undefined;');
  });

  it.each([
    ['--protocol-version', ['--protocol-version', '1.6.9.1']],
    ['--no-client', ['--no-client']],
    ['a version as the label', ['--label', '1.6.9.1']],
  ])('says nothing with %s', async (_what, args) => {
    const io = capture();
    expect(await main(['generate', '--schemas', schemas, '--out', join(dir, `quiet-${args[0]!.slice(2)}`), ...args], io)).toBe(0);
    expect(io.stderr).toBe('');
  });

  it("the tree's client sends no version unless the client or the call sets one", async () => {
    const tree = join(dir, 'unversioned');
    /* eslint-disable @typescript-eslint/no-explicit-any */
    const client: any = await import(pathToFileURL(join(tree, 'client.ts')).href);
    const request: any = await import(pathToFileURL(join(tree, 'request.ts')).href);
    const { startStandin } = await import(pathToFileURL(join(tree, 'testing', 'standin.ts')).href);
    const auth = { login: 'admin', password: 'secret' };
    const standin = await startStandin({ auth, parseRequest: (xml: string) => request.parseRequest(xml) });
    const answer = '<packet><server><get_protos><result><status>ok</status><protos><proto>1.6.9.1</proto></protos></result></get_protos></server></packet>';
    const plain = new client.PleskClient({ ...standin.connection, auth });
    const pinned = new client.PleskClient({ ...standin.connection, auth, protocolVersion: '1.6.8.0' });
    const sent = (): string => (standin.requests.at(-1).body as string).replace(/^<\?xml[^>]*>\s*/, '');
    try {
      standin.enqueue(answer);
      await plain.server.getProtos();
      expect(sent()).toBe('<packet><server><get_protos/></server></packet>');
      standin.enqueue(answer);
      await plain.server.getProtos({ protocolVersion: '1.6.9.1' });
      expect(sent()).toMatch(/^<packet version="1\.6\.9\.1">/);
      standin.enqueue(answer);
      await pinned.server.getProtos();
      expect(sent()).toMatch(/^<packet version="1\.6\.8\.0">/);
      standin.enqueue(answer);
      await pinned.batch((op: any) => [op.server.getProtos()], { protocolVersion: null });
      expect(sent()).toBe('<packet><server><get_protos/></server></packet>');
    } finally {
      await plain.close();
      await pinned.close();
      await standin.close();
    }
  });
});
