// The documented seed exchanges, against the embedded schemas and the real set: each request
// written as a typed object serializes to the documented packet (whitespace between elements
// aside) and libxml2 accepts it; each documented response parses to the expected typed object
// and serializes back to the same packet.
import { describe, expect, it } from 'vitest';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR, seedSample, type SeedSampleId } from '../support/seeds.js';
import { validatorsFor } from '../support/libxml.js';
import { loadCodecs, normalizeXml } from '../support/codec.js';

interface Exchange {
  id: SeedSampleId;
  request: unknown;
  response: (taskId: (n: number) => unknown) => unknown;
}

const srvMan = (id: string, operation: string) => ({ srvMan: { id, operation } });
const srvResult = (result: object) => ({ srvMan: { result } });

const EXCHANGES: Exchange[] = [
  {
    id: 'srv-man-stop-web-fail2ban',
    request: { operators: [{ server: [srvMan('web', 'stop'), srvMan('fail2ban', 'stop')] }] },
    response: () => ({
      operators: [{ server: [srvResult({ status: 'ok', id: 'web' }), srvResult({ status: 'ok', id: 'fail2ban' })] }],
    }),
  },
  {
    id: 'srv-man-start-postgresql-mysql',
    request: { operators: [{ server: [srvMan('postgresql', 'start'), srvMan('mysql', 'start')] }] },
    response: () => ({
      operators: [
        {
          server: [
            srvResult({ status: 'ok', id: 'postgresql' }),
            srvResult({ status: 'error', errcode: 1013, errtext: "Service 'mysql' does not exist" }),
          ],
        },
      ],
    }),
  },
  {
    id: 'backup-server-local',
    request: { operators: [{ backupManager: [{ backupServer: { local: true, description: 'Standard weekly backup' } }] }] },
    response: (taskId) => ({
      version: '1.6.7.0',
      operators: [{ backupManager: [{ backupServer: { result: { status: 'ok', taskId: taskId(27) } } }] }],
    }),
  },
  {
    id: 'backup-server-only-mail',
    request: {
      operators: [{ backupManager: [{ backupServer: { local: true, description: 'Standard weekly backup', onlyMail: true } }] }],
    },
    response: (taskId) => ({
      version: '1.6.7.0',
      operators: [{ backupManager: [{ backupServer: { result: { status: 'ok', taskId: taskId(28) } } }] }],
    }),
  },
];

// The real set types task-id as a string type; ours as documented ("Data type: integer").
describe.each([
  ['embedded schemas', EMBEDDED_SCHEMAS_DIR, (n: number) => n],
  ['real Plesk set', REAL_SCHEMAS_DIR, (n: number) => String(n)],
])('seed exchanges against the %s', (_label, schemaDir, taskId) => {
  const validators = validatorsFor(schemaDir);

  describe.each(EXCHANGES)('$id', (exchange) => {
    const request = seedSample(exchange.id, 'request');
    const response = seedSample(exchange.id, 'response');

    it('serializes the typed request to the documented packet, which libxml2 accepts', async () => {
      const codecs = await loadCodecs(schemaDir);
      const xml = codecs.serializeRequest(exchange.request, { declaration: false });
      expect(normalizeXml(xml)).toBe(normalizeXml(request.xml));
      expect(validators.input.validate(xml)).toEqual({ valid: true, errors: [] });
      expect(codecs.parseRequest(xml)).toEqual(exchange.request);
    });

    it('parses the documented response to the typed object and writes it back', async () => {
      const codecs = await loadCodecs(schemaDir);
      const parsed = codecs.parseResponse(response.xml);
      expect(parsed).toEqual(exchange.response(taskId));
      const xml = codecs.serializeResponse(parsed);
      expect(normalizeXml(xml)).toBe(normalizeXml(response.xml));
      expect(validators.output.validate(xml)).toEqual({ valid: true, errors: [] });
    });
  });
});
