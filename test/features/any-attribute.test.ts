/**
 * `xs:anyAttribute` values (`$attrs`) keep the declaration of each prefix they use, as captured
 * fragments do, so a foreign attribute read from one document is written correctly into another
 * (BPMN's `modeler:executionPlatform` on `definitions`). Judged by libxml2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XS_NS } from '../../generator/model/index.js';
import { featureSchema, type FeatureSchema } from '../support/feature-schema.js';

const SCHEMA = `<xs:schema xmlns:xs="${XS_NS}">
  <xs:element name="root"><xs:complexType><xs:attribute name="id" type="xs:string"/><xs:anyAttribute namespace="##other" processContents="lax"/></xs:complexType></xs:element>
</xs:schema>`;

describe('xs:anyAttribute', () => {
  let f: FeatureSchema;
  beforeAll(async () => {
    f = await featureSchema('any-attribute', SCHEMA, { roots: ['root'] });
  }, 60_000);
  afterAll(() => f?.dispose());

  it('keeps the prefix declaration of a foreign attribute declared on an ancestor', () => {
    const packet = `<packet xmlns:m="urn:m"><doc><root id="a" m:x="1" xml:lang="en"/></doc></packet>`;
    expect(f.libxml2.validate(packet).errors).toEqual([]);
    const value = f.codecs.parseRequest(packet) as { doc: { root: unknown }[] };
    expect(value.doc[0].root).toEqual({ id: 'a', $attrs: { 'm:x': '1', 'xmlns:m': 'urn:m', 'xml:lang': 'en' } });
    const written = f.codecs.serializeRequest(value);
    expect(written).toContain('<root id="a" m:x="1" xmlns:m="urn:m" xml:lang="en"/>');
    expect(f.libxml2.validate(written).errors).toEqual([]);
  });
});
