// The per-operator modules (operators/<operator>.ts): the same codecs for one operator only,
// for consumers who want a small bundle. They read and write that operator's packets exactly as
// the full codecs do, and refuse packets holding another operator.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR, seedSample } from '../support/seeds.js';
import { loadCodecs } from '../support/codec.js';

describe.each([
  ['embedded', EMBEDDED_SCHEMAS_DIR],
  ['real', REAL_SCHEMAS_DIR],
])('operators/server of the %s tree', (_label, schemaDir) => {
  async function load() {
    const codecs = await loadCodecs(schemaDir);
    return { codecs, server: await import(pathToFileURL(join(codecs.tree, 'operators', 'server.ts')).href) };
  }

  it('reads and writes server packets like the full codecs', async () => {
    const { codecs, server } = await load();
    const response = seedSample('srv-man-start-postgresql-mysql', 'response').xml;
    expect(server.parseResponse(response)).toEqual(codecs.parseResponse(response));
    const packet = { operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }, { getProtos: true }] }] };
    expect(server.serializeRequest(packet)).toBe(codecs.serializeRequest(packet));
  });

  it('refuses a packet with another operator, with its path', async () => {
    const { server } = await load();
    const packet = { operators: [{ backupManager: [{ backupServer: { local: true, description: 'x' } }] }] };
    expect(() => server.serializeRequest(packet)).toThrow(/operators\[0\]/);
    expect(() => server.parseResponse(seedSample('backup-server-local', 'response').xml)).toThrow(/backup-manager/);
  });
});
