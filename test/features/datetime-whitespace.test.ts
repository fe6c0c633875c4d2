/**
 * libxml2 refuses whitespace around most date and time values although their whiteSpace facet
 * is collapse (runtime lexical.ts), and the strict parser follows it — with one exception found
 * on NeTEx's examples (`<PublicationTimestamp>2001-12-17T09:30:47.0Z </PublicationTimestamp>`):
 * libxml2 accepts trailing whitespace after an `xs:dateTime` that ends in a timezone (`Z`,
 * `+01:00`), and only there; the parser refused it. Given: dateTime, time and date values with
 * and without a timezone and whitespace on either side; want: libxml2's verdict, and accepted
 * values read without the whitespace and written back without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreSchema, type CoreSchema } from '../support/core-schema.js';

const XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="dateTime" type="xs:dateTime"/>
  <xs:element name="time" type="xs:time"/>
  <xs:element name="date" type="xs:date"/>
</xs:schema>
`;

describe('whitespace around date and time values, as libxml2 judges it', () => {
  let f: CoreSchema;
  beforeAll(async () => {
    f = await coreSchema('datetime-ws', { 'd.xsd': XSD }, 'd.xsd', ['dateTime', 'time', 'date']);
  }, 60_000);
  afterAll(() => f?.dispose());

  const rows: [string, string][] = [];
  for (const [root, value] of [['dateTime', '2001-12-17T09:30:47'], ['dateTime', '2001-12-17T09:30:47.5'], ['time', '09:30:47'], ['date', '2001-12-17']] as const) {
    for (const tz of ['', 'Z', '+01:00', '-05:00']) {
      for (const [before, after] of [['', ' '], ['', '\n\t '], [' ', ''], ['\n ', '']]) rows.push([root, `${before}${value}${tz}${after}`]);
    }
  }

  it.each(rows)('<%s>%j', (root, text) => {
    const xml = `<${root}>${text}</${root}>`;
    const name = { dateTime: 'DateTime', time: 'Time', date: 'DateType' }[root]!; // `Date` is a global: DateType
    const libxml2 = f.libxml2(xml) === '' ? 'valid' : 'invalid';
    let ours: string;
    try {
      const value = f.codec[`parse${name}`]!(xml);
      ours = 'valid';
      expect(value).toBe(text.trim());
      expect(String(f.codec[`serialize${name}`]!(value)).replace(/^<\?xml[^>]*\?>\s*/, '')).toBe(`<${root}>${text.trim()}</${root}>`);
    } catch (e) {
      if ((e as Error).name !== 'SchemaViolationError') throw e;
      ours = 'invalid';
    }
    expect(ours).toBe(libxml2);
  });

  it('the exception is the one libxml2 makes: trailing whitespace after a dateTime with a timezone', () => {
    expect(f.libxml2('<dateTime>2001-12-17T09:30:47Z </dateTime>')).toBe('');
    expect(f.libxml2('<dateTime>2001-12-17T09:30:47 </dateTime>')).not.toBe('');
    expect(f.libxml2('<time>09:30:47Z </time>')).not.toBe('');
  });
});
