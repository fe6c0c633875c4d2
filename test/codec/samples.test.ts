// Every documented sample in ../shared/samples against the bindings of the real set: the ones
// libxml2 accepts parse strictly, serialize back to the same packet (whitespace between
// elements aside) and the output validates; every other one is refused by strict parsing, with
// a path (or a line and column when the XML is not well-formed).
import { describe, expect, it } from 'vitest';
import { REAL_SCHEMAS_DIR, loadIndexedSamples } from '../support/seeds.js';
import { validatorsFor } from '../support/libxml.js';
import { loadCodecs, packetDifference } from '../support/codec.js';

const samples = loadIndexedSamples();
const valid = samples.filter((s) => s.wellformed && s.valid);
const invalid = samples.filter((s) => !s.valid || !s.wellformed);

describe('documented samples against the real set', () => {
  const validators = validatorsFor(REAL_SCHEMAS_DIR);

  it('has samples to check', () => {
    expect(valid.length).toBeGreaterThan(250);
    expect(invalid.length).toBeGreaterThan(40);
  });

  it.each(valid.map((s) => [s.file, s] as const))('%s parses, writes back the same packet, and validates', async (_file, sample) => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    const parse = sample.kind === 'request' ? codecs.parseRequest : codecs.parseResponse;
    const serialize = sample.kind === 'request' ? codecs.serializeRequest : codecs.serializeResponse;
    const value = parse(sample.xml);
    const xml = serialize(value);
    expect(packetDifference(xml, sample.xml)).toBeNull();
    expect(validators.forKind(sample.kind).validate(xml).errors).toEqual([]);
  });

  it.each(invalid.map((s) => [s.file, s] as const))('%s is refused by strict parsing, with where', async (_file, sample) => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    const parse = sample.kind === 'request' ? codecs.parseRequest : codecs.parseResponse;
    let caught: unknown;
    try {
      parse(sample.xml);
    } catch (error) {
      caught = error;
    }
    expect(caught, 'strict parsing accepted it').toBeInstanceOf(Error);
    const error = caught as { name: string; violations?: { path: string }[]; line?: number; column?: number };
    if (sample.wellformed) {
      expect(error.name).toBe('SchemaViolationError');
      expect(error.violations!.length).toBeGreaterThan(0);
      for (const v of error.violations!) expect(v.path).toMatch(/^packet/);
    } else {
      expect(error.name).toBe('XmlSyntaxError');
      expect(error.line).toBeGreaterThan(0);
      expect(error.column).toBeTypeOf('number');
    }
  });
});
