// Violation messages on the real set read as the schema is written: a pattern failure quotes
// the XSD pattern (not its long JavaScript expansion) and names the type and the path.
import { describe, expect, it } from 'vitest';
import { REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { loadCodecs } from '../support/codec.js';

describe('violation messages on the real set', () => {
  it('quote the XSD pattern of emailType, with the path of the value', async () => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    const packet = { operators: [{ server: [{ addAdminAlias: { data: { email: 'a@中.c' } } }] }] };
    let error: { violations: { path: string; message: string }[] } | undefined;
    try {
      codecs.serializeRequest(packet);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error?.violations).toHaveLength(1);
    const [v] = error!.violations;
    expect(v.path).toBe('packet.operators[0].server[0].addAdminAlias.data.email');
    expect(v.message).toContain('does not match the pattern of emailType');
    expect(v.message).toContain('\\p{L}');
    expect(v.message.length).toBeLessThan(400);
  });
});
