import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SchemaError, loadSchemaSet } from '../../generator/model/index.js';
import { fixtureErrors, fixturesDir } from './helpers.js';

const brief = (ds: { file: string; line: number; name: string }[]) => ds.map((d) => `${d.file}:${d.line}:${d.name}`);

describe('schema errors', () => {
  it('reports missing include and import files at the referencing element', () => {
    const ds = fixtureErrors('err-missing-include');
    expect(brief(ds)).toEqual(['root.xsd:3:missing.xsd', 'root.xsd:4:nowhere/x.xsd']);
    expect(ds[0].message).toContain('missing.xsd');
    expect(ds[0].message).toMatch(/not found/);
  });

  it('reports every undefined reference (type, group, element, attribute group, attribute, base, prefix)', () => {
    const ds = fixtureErrors('err-undefined');
    expect(brief(ds)).toEqual([
      'root.xsd:5:NoSuchType',
      'root.xsd:6:NoSuchGroup',
      'root.xsd:7:noSuchElement',
      'root.xsd:8:xs:notABuiltin',
      'root.xsd:9:zz:Prefixed',
      'root.xsd:11:NoSuchAttrs',
      'root.xsd:12:noSuchAttr',
      'root.xsd:16:MissingBase',
    ]);
    expect(ds[0].message).toMatch(/undefined type "NoSuchType"/);
    expect(ds[1].message).toMatch(/undefined group "NoSuchGroup"/);
    expect(ds[5].message).toMatch(/undefined attribute group "NoSuchAttrs"/);
  });

  it('reports duplicate global names defined in different places, not a file reached twice', () => {
    const ds = fixtureErrors('err-duplicate');
    expect(brief(ds)).toEqual(['b.xsd:8:Thing', 'root.xsd:6:dup']);
    expect(ds[0].message).toContain('a.xsd:3');
    expect(ds[1].message).toMatch(/duplicate global element "dup"/);
  });

  it('reports malformed XML with its line, and keeps going', () => {
    const ds = fixtureErrors('err-malformed');
    expect(brief(ds)).toEqual(['broken.xsd:6:broken.xsd', 'root.xsd:4:Undefined']);
    expect(ds[0].message).toMatch(/malformed XML/);
    expect(ds[0].message).toContain('<xs:sequence> of line 4');
  });

  it('reports unsupported constructs (XSD 1.1: xs:override, xs:openContent, xs:assert)', () => {
    const ds = fixtureErrors('err-unsupported');
    expect(brief(ds)).toEqual(['root.xsd:3:xs:override', 'root.xsd:9:xs:openContent', 'root.xsd:16:xs:assert']);
    for (const d of ds) expect(d.message).toMatch(/unsupported construct/);
  });

  it('reports circular derivation and circular group references', () => {
    const ds = fixtureErrors('err-circular');
    expect(brief(ds)).toEqual(['root.xsd:21:Chicken', 'root.xsd:25:Ouroboros', 'root.xsd:11:Ping']);
    expect(ds[0].message).toMatch(/circular type derivation/);
    expect(ds[2].message).toMatch(/circular group reference/);
  });

  it('throws one SchemaError whose message lists file:line: message for each problem', () => {
    let error: unknown;
    try {
      loadSchemaSet(join(fixturesDir, 'err-undefined'), 'root.xsd');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaError);
    const lines = (error as SchemaError).message.split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe('root.xsd:5: reference to undefined type "NoSuchType"');
  });

  it('reports a missing root file', () => {
    expect(() => loadSchemaSet(join(fixturesDir, 'err-undefined'), 'nope.xsd')).toThrow(/nope\.xsd not found/);
  });
});
