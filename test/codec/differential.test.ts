// Differential test: seeded mutations of the documented samples (../shared/samples) judged by
// libxml2 and by the strict parser of the real set's bindings. For every mutant the two must
// agree on accept/refuse, and an accepted mutant must serialize to output libxml2 accepts, with
// the same elements and attributes (text aside: values are compared instead), that parses back
// to an equal value. The documented decisions (DECISIONS below) are the only
// differences allowed (test/support/decisions.ts).
//
// Reproducible by seed: PLESK_DIFF_SEED=<n> (default 1) and PLESK_DIFF_PER_SAMPLE=<n> mutants
// per sample (default 30; PLESK_DIFF_TWICE=1 mutates each mutant once more). The seed and the counts are printed; a failing mutant prints the
// document and both verdicts.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REAL_SCHEMAS_DIR, loadIndexedSamples } from '../support/seeds.js';
import { validatorsFor } from '../support/libxml.js';
import { loadCodecs } from '../support/codec.js';
import { writeFileSync } from 'node:fs';
import { ALL_MUTATION_KINDS, mutate, readTree, structure, type Mutant } from '../support/mutate.js';
import { random } from '../support/random.js';
import { ACCEPTANCE_DECISIONS, DECISIONS, type Violation } from '../support/decisions.js';

const SEED = Number(process.env.PLESK_DIFF_SEED ?? 1);
const PER_SAMPLE = Number(process.env.PLESK_DIFF_PER_SAMPLE ?? 30);
/** PLESK_DIFF_TWICE=1: two mutations per mutant (whitespace of two kinds in one value, …). */
const TWICE = process.env.PLESK_DIFF_TWICE === '1';

interface Verdict {
  accepted: boolean;
  value?: unknown;
  errors: string[];
  violations?: Violation[];
}

function show(m: Mutant, libxml: { valid: boolean; errors: string[] }, ours: Verdict, extra = ''): string {
  return [
    `${m.kind}: ${m.what}`,
    `  libxml2: ${libxml.valid ? 'valid' : `invalid — ${libxml.errors.slice(0, 3).join(' | ')}`}`,
    `  parser:  ${ours.accepted ? 'accepted' : `refused — ${ours.errors.slice(0, 3).join(' | ')}`}`,
    ...(extra ? [`  ${extra}`] : []),
    `  document: ${m.xml}`,
  ].join('\n');
}

describe('differential test against libxml2 (mutated documented samples)', () => {
  it(`agrees with libxml2 on every mutant (seed ${SEED}, ${PER_SAMPLE} per sample)`, async () => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    const validators = validatorsFor(REAL_SCHEMAS_DIR);
    const samples = loadIndexedSamples().filter((s) => s.wellformed && s.valid);
    const judge = (kind: 'request' | 'response', xml: string): Verdict => {
      try {
        const value = (kind === 'request' ? codecs.parseRequest : codecs.parseResponse)(xml);
        return { accepted: true, value, errors: [] };
      } catch (error) {
        const e = error as Error & { violations?: Violation[] };
        // A document that is not well-formed (XmlSyntaxError) is one violation at the document.
        const violations = e.violations ?? [{ path: '', message: e.message }];
        return { accepted: false, errors: violations.map((v) => `${v.path}: ${v.message}`), violations };
      }
    };

    const rnd = random(SEED);
    const failures: string[] = [];
    const byRule = new Map<string, number>();
    const counts = { mutants: 0, bothAccept: 0, bothRefuse: 0, decisions: 0 };
    for (const sample of samples) {
      const tree = readTree(sample.xml);
      const validator = validators.forKind(sample.kind);
      const serialize = sample.kind === 'request' ? codecs.serializeRequest : codecs.serializeResponse;
      for (let n = 0; n < PER_SAMPLE; n++) {
        const kind = ALL_MUTATION_KINDS[Math.floor(rnd() * ALL_MUTATION_KINDS.length)];
        let m = mutate(tree, kind, rnd);
        if (m === undefined) continue;
        if (TWICE) {
          // A second mutation of the mutant, where it can be read again (not after a DOCTYPE).
          try {
            const m2 = mutate(readTree(m.xml), ALL_MUTATION_KINDS[Math.floor(rnd() * ALL_MUTATION_KINDS.length)], rnd);
            if (m2 !== undefined) m = { ...m2, what: `${m.kind}: ${m.what}; then ${m2.kind}: ${m2.what}` };
          } catch {
            // keep the first mutant
          }
        }
        counts.mutants++;
        const libxml = validator.validate(m.xml);
        const ours = judge(sample.kind, m.xml);
        if (libxml.valid && ours.accepted) {
          counts.bothAccept++;
          let out: string;
          try {
            out = serialize(ours.value);
          } catch (error) {
            failures.push(show(m, libxml, ours, `serializing the parsed value failed: ${(error as Error).message}`));
            continue;
          }
          const again = validator.validate(out);
          if (!again.valid) {
            failures.push(show(m, libxml, ours, `output refused by libxml2: ${again.errors.join(' | ')}\n  output: ${out}`));
            continue;
          }
          if (structure(readTree(out)) !== structure(readTree(m.xml))) {
            failures.push(show(m, libxml, ours, `output lost or added elements or attributes\n  output: ${out}`));
            continue;
          }
          const back = judge(sample.kind, out);
          if (!back.accepted || !isDeepStrictEqual(back.value, ours.value)) {
            failures.push(show(m, libxml, ours, `output does not parse back to an equal value (${back.errors.join(' | ')})\n  output: ${out}`));
          }
        } else if (!libxml.valid && !ours.accepted) {
          counts.bothRefuse++;
        } else if (!libxml.valid && ACCEPTANCE_DECISIONS.some((d) => d.explains(libxml.errors))) {
          counts.decisions++;
        } else if (libxml.valid && ours.violations?.every((v) => DECISIONS.some((d) => d.explains(v)))) {
          counts.decisions++;
          for (const v of ours.violations) {
            const rule = DECISIONS.find((d) => d.explains(v))!.rule.replace(/ \(.*$/, '');
            byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
          }
        } else {
          failures.push(show(m, libxml, ours));
        }
      }
    }
    validators.dispose();
    if (process.env.PLESK_DIFF_OUT) writeFileSync(process.env.PLESK_DIFF_OUT, JSON.stringify(failures));
    console.log(
      `differential test: seed ${SEED}, ${counts.mutants} mutants of ${samples.length} samples: ` +
        `${counts.bothAccept} accepted by both (round-tripped), ${counts.bothRefuse} refused by both, ` +
        `${counts.decisions} refused by a documented decision, ${failures.length} disagreements` +
        [...byRule].map(([rule, n]) => `\n  ${n} × ${rule}`).join(''),
    );
    expect(counts.mutants).toBeGreaterThan(samples.length * PER_SAMPLE * 0.8);
    expect(failures, `${failures.length} disagreements (seed ${SEED}):\n\n${failures.join('\n\n')}`).toEqual([]);
  });
});

// One regression case per disagreement class the differential test has found (issue 12), each
// judged by libxml2 too, so a case that stops testing anything fails.
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const rec = (host: string): string =>
  `<packet ${XSI}><dns><add_rec><site-id>1</site-id><type>A</type>${host}<value>192.0.2.1</value></add_rec></dns></packet>`;
const REGRESSIONS: readonly { name: string; xml: string; refused?: RegExp; value?: unknown; written?: string }[] = [
  { name: 'xsi:nil="false" on an element that is not nillable', xml: `<packet ${XSI}><server xsi:nil="false"><get_protos/></server></packet>`, refused: /element <server> is not nillable/ },
  { name: 'xsi:nil="true" on an element that is not nillable', xml: `<packet ${XSI}><server><get_protos xsi:nil="true"/></server></packet>`, refused: /element <get_protos> is not nillable/ },
  { name: 'xsi:nil="yes" (not a boolean) on a nillable element', xml: rec('<host xsi:nil="yes"/>'), refused: /xsi:nil: "yes" is not a valid boolean/ },
  { name: 'xsi:nil=" ok " (not a boolean)', xml: rec('<host xsi:nil=" ok ">a</host>'), refused: /xsi:nil: " ok " is not a valid boolean/ },
  { name: 'xsi:nil=" true " (a boolean, whitespace collapsed)', xml: rec('<host xsi:nil=" true "/>'), written: '<host xsi:nil="true"' },
  { name: 'xsi:nil="0" on a nillable element', xml: rec('<host xsi:nil="0">www</host>'), written: '<host>www</host>' },
  { name: 'whitespace in empty content', xml: '<packet><server><get_protos> </get_protos></server></packet>', refused: /<get_protos> must be empty/ },
  { name: 'a newline in empty content', xml: '<packet><server><get_protos>\n</get_protos></server></packet>', refused: /<get_protos> must be empty/ },
  { name: 'whitespace in an element with xsi:nil="true"', xml: rec('<host xsi:nil="true"> </host>'), refused: /nil element must be empty/ },
  { name: 'untyped content: an invalid <packet> inside', xml: '<packet><dns><get_acl><packet/></get_acl></dns></packet>', refused: /packet\.operators\[0\]\.dns\[0\]\.getAcl\.packet(\.operators)?: missing/ },
  { name: 'untyped content: an invalid <packet> deeper inside', xml: '<packet><dns><get_acl><foo><packet><bogus/></packet></foo></get_acl></dns></packet>', refused: /getAcl\.foo\.packet.*unknown element <bogus>/ },
  {
    name: 'untyped content: a valid <packet> inside is kept as XML',
    xml: '<packet><dns><get_acl><packet><server><get_protos/></server></packet></get_acl></dns></packet>',
    value: { xml: '<packet><server><get_protos/></server></packet>' },
  },
  { name: 'untyped content: other elements are not checked', xml: '<packet><dns><get_acl><foo a="1">text<bar/></foo></get_acl></dns></packet>', value: { xml: '<foo a="1">text<bar/></foo>' } },
  { name: 'an attribute on an untyped element is kept', xml: '<packet><dns><get_acl fuzz="1"/></dns></packet>', value: { attributes: { fuzz: '1' } }, written: '<get_acl fuzz="1"/>' },
  { name: 'xml:lang on an untyped element is kept', xml: '<packet><dns><get_acl xml:lang="en">x &amp; y</get_acl></dns></packet>', value: { attributes: { 'xml:lang': 'en' }, content: 'x & y' }, written: '<get_acl xml:lang="en">x &amp; y</get_acl>' },
  { name: 'xsi:nil on an untyped element that is not nillable', xml: `<packet ${XSI}><dns><get_acl xsi:nil="false"/></dns></packet>`, refused: /element <get_acl> is not nillable/ },
  { name: 'leading whitespace around a date (libxml2 refuses it)', xml: '<packet><webspace><get_traffic><filter/><since_date> 2015-01-01</since_date></get_traffic></webspace></packet>', refused: /" 2015-01-01" is not a valid xs:date: libxml2/ },
  { name: 'trailing whitespace around a date (libxml2 refuses it)', xml: '<packet><webspace><get_traffic><filter/><since_date>2015-01-01\n</since_date></get_traffic></webspace></packet>', refused: /is not a valid xs:date: libxml2/ },
  { name: 'whitespace around an integer (fine)', xml: rec('<host> www </host>').replace('<site-id>1</site-id>', '<site-id> 1 </site-id>'), written: '<site-id>1</site-id>' },
];

describe('disagreements with libxml2 found by the differential test (regressions)', () => {
  it.each(REGRESSIONS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    const validators = validatorsFor(REAL_SCHEMAS_DIR);
    expect(validators.input.validate(c.xml).valid, 'libxml2 verdict').toBe(c.refused === undefined);
    if (c.refused !== undefined) {
      expect(() => codecs.parseRequest(c.xml)).toThrow(c.refused);
      return;
    }
    const packet = codecs.parseRequest(c.xml) as { operators: Record<string, Record<string, unknown>[]>[] };
    if (c.value !== undefined) expect(packet.operators[0].dns[0].getAcl).toEqual(c.value);
    const out = codecs.serializeRequest(packet);
    expect(validators.input.validate(out).errors).toEqual([]);
    if (c.written !== undefined) expect(out).toContain(c.written);
    expect(codecs.parseRequest(out)).toEqual(packet);
  });
});

describe('the serializer checks untyped content as libxml2 does (regressions)', () => {
  const packet = (getAcl: unknown): unknown => ({ operators: [{ dns: [{ getAcl }] }] });
  it.each([
    ['an invalid <packet> in an XmlFragment', { xml: '<packet/>' }, /getAcl: in the XmlFragment at packet\.operators: missing one of <server>/],
    ['an invalid <packet> deeper inside', { xml: '<foo><packet><bogus/></packet></foo>' }, /getAcl: in the XmlFragment at foo\.packet.*: unknown element <bogus>/],
    ['an invalid <packet> in the content of an AnyElement', { attributes: { fuzz: '1' }, content: { xml: '<packet/>' } }, /getAcl\.content: in the XmlFragment at packet\.operators: missing one of/],
  ])('refuses %s', async (_name, getAcl, message) => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    expect(() => codecs.serializeRequest(packet(getAcl))).toThrow(message);
  });

  it.each([
    ['a valid <packet>', { xml: '<packet><server><get_protos/></server></packet>' }],
    ['other elements, not checked', { xml: '<foo a="1">text<bar/></foo>' }],
  ])('writes %s, and libxml2 accepts it', async (_name, getAcl) => {
    const codecs = await loadCodecs(REAL_SCHEMAS_DIR);
    const validators = validatorsFor(REAL_SCHEMAS_DIR);
    const xml = codecs.serializeRequest(packet(getAcl));
    expect(xml).toContain(`<get_acl>${getAcl.xml}</get_acl>`);
    expect(validators.input.validate(xml).errors).toEqual([]);
  });
});
