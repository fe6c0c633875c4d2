import { afterAll, describe, expect, it } from 'vitest';
import { clearValidatorCache, compileTimeMs, createValidator, validatorsFor } from './libxml.js';
import { REAL_SCHEMAS_DIR, loadIndexedSamples } from './seeds.js';

afterAll(() => clearValidatorCache());

describe('libxml2-wasm validator', () => {
  it('loads the real 2015 set and caches the compiled schema', () => {
    const a = createValidator(REAL_SCHEMAS_DIR, 'agent_input.xsd');
    const first = compileTimeMs(REAL_SCHEMAS_DIR, 'agent_input.xsd');
    const b = createValidator(REAL_SCHEMAS_DIR, 'agent_input.xsd');
    expect(compileTimeMs(REAL_SCHEMAS_DIR, 'agent_input.xsd')).toBe(first);
    expect(first).toBeLessThan(2000);
    a.dispose();
    expect(() => a.validate('<packet/>')).toThrow(/disposed/);
    expect(b.validate('<packet><server><get_protos/></server></packet>')).toEqual({ valid: true, errors: [] });
    b.dispose();
  });

  it('reports line numbers for validation and well-formedness errors', () => {
    const v = createValidator(REAL_SCHEMAS_DIR, 'agent_input.xsd');
    const invalid = v.validate('<packet>\n<server>\n<no-such-op/>\n</server>\n</packet>');
    expect(invalid.valid).toBe(false);
    expect(invalid.errors[0]).toMatch(/^line 3\b.*no-such-op/);
    const broken = v.validate('<packet>\n<server>\n</packet>');
    expect(broken.valid).toBe(false);
    expect(broken.errors[0]).toMatch(/^not well-formed: line 3\b/);
    v.dispose();
  });
});

describe('INDEX.tsv agrees with libxml2-wasm on the real 2015 set', () => {
  const samples = loadIndexedSamples();
  const v = validatorsFor(REAL_SCHEMAS_DIR);

  it('lists samples', () => {
    expect(samples.length).toBeGreaterThan(300);
  });

  const wellformed = samples.filter((s) => s.wellformed);
  it.each(wellformed.map((s) => [s.file, s] as const))('%s: valid_rpc2015 matches', (_f, s) => {
    const result = v.forKind(s.kind).validate(s.xml);
    expect(result.valid, result.errors.join('\n')).toBe(s.valid);
  });

  it('the first error recorded for each invalid sample matches libxml2-wasm (line and message)', () => {
    const disagree: string[] = [];
    for (const s of wellformed.filter((x) => !x.valid)) {
      const expected = parseFirstError(s.firstError);
      const got = v.forKind(s.kind).validate(s.xml).errors[0] ?? '';
      if (!got.startsWith(`line ${expected.line}`) || !got.includes(expected.message)) {
        disagree.push(`${s.file}\n  INDEX:  ${s.firstError}\n  wasm:   ${got}`);
      }
    }
    expect(disagree).toEqual([]);
  });

  it('samples marked not well-formed fail to parse', () => {
    const disagree = samples
      .filter((s) => !s.wellformed)
      .filter((s) => !v.forKind(s.kind).validate(s.xml).errors.some((e) => e.startsWith('not well-formed')))
      .map((s) => s.file);
    expect(disagree).toEqual([]);
  });
});

/** INDEX.tsv first_error reads `LINE: element NAME: Schemas validity error : MESSAGE` (or `LINE: parser error : MESSAGE`). */
function parseFirstError(firstError: string): { line: number; message: string } {
  const m = /^(\d+):.*? error : (.*)$/.exec(firstError);
  if (!m) throw new Error(`unexpected first_error format: ${firstError}`);
  return { line: Number(m[1]), message: m[2]!.trim() };
}
