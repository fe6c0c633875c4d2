// The diff on the real Plesk set: a copy with generated edits of every kind (real-edits.ts)
// must show each change at the edited file:line with the right classification; the embedded
// set against the real one runs, reads sanely and is deterministic.
import { describe, expect, it } from 'vitest';
import { loadSchemaSets } from '../../generator/profiles/plesk/schemas.js';
import { diffSchemaDirs, type DiffReport } from '../../generator/diff/index.js';
import { renderMarkdown, renderText } from '../../generator/diff/render.js';
import { EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR } from '../support/seeds.js';
import { editedCopy, removeCopy } from './support.js';
import { planRealEdits } from './real-edits.js';

describe('diff on the real set with generated edits of every kind', () => {
  it('reports each edit where it was made, classified', () => {
    const { edits, want } = planRealEdits(REAL_SCHEMAS_DIR, loadSchemaSets(REAL_SCHEMAS_DIR));
    const dir = editedCopy(REAL_SCHEMAS_DIR, edits);
    try {
      const report = diffSchemaDirs(REAL_SCHEMAS_DIR, dir);
      expect([...new Set(want.filter((w) => !w.absent).map((w) => w.kind))].sort()).toEqual([
        'attribute-added', 'base-changed', 'choice-branch-added', 'choice-branch-removed', 'content-changed', 'documentation',
        'element-added', 'element-moved', 'element-removed', 'element-renamed', 'enum-value-added', 'enum-value-removed', 'facet-changed',
        'group-kind-changed', 'occurs-changed', 'operation-added', 'operation-removed', 'operator-removed', 'order-changed', 'value-changed',
      ]);
      for (const w of want) {
        if (w.kind === 'documentation') {
          expect(report.documentation.some((d) => d.set === w.set && (d.old.loc === w.loc || d.new.loc === w.loc)), w.what).toBe(true);
          continue;
        }
        const found = report.schema.filter(
          (c) => c.set === w.set && c.kind === w.kind && (c.old?.loc === w.loc || c.new?.loc === w.loc) && (w.subject === undefined || c.subject === w.subject),
        );
        if (w.absent) {
          expect(found.map((c) => `${c.kind} ${c.path} ${c.message}`), `${w.what} at ${w.loc}`).toEqual([]);
          continue;
        }
        expect(found.map((c) => `${c.kind} ${c.path} ${c.impact.level}`), `${w.what} at ${w.loc}`).not.toEqual([]);
        if (w.level !== undefined) expect(found[0].impact.level, w.what).toBe(w.level);
        expect(found[0].path, w.what).toMatch(/^[\w.-]+(\/[@\w.*-]+)*$/);
      }
      // Nothing is reported that no edit explains: every change's location is an edited line or
      // in a type an edit touched (its enclosing group or simple type).
      const locs = new Set(want.filter((w) => !w.absent).map((w) => w.loc));
      const unexplained = report.schema.filter((c) => !locs.has(c.old?.loc ?? '') && !locs.has(c.new?.loc ?? ''));
      expect(unexplained.map((c) => `${c.kind} ${c.path} ${c.old?.loc}`)).toEqual([]);
    } finally {
      removeCopy(dir);
    }
  });
});

describe('diff of the embedded set against the real one (smoke)', () => {
  let report: DiffReport;
  it('runs and reads sanely', () => {
    report = diffSchemaDirs(EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR);
    const added = report.schema.filter((c) => c.set === 'request' && c.kind === 'operator-added').map((c) => c.path);
    expect(added).toEqual(expect.arrayContaining(['webspace', 'customer', 'mail', 'dns']));
    expect(added).not.toContain('server');
    expect(report.schema.filter((c) => c.kind === 'operator-removed')).toEqual([]);
    expect(report.schema.some((c) => c.set === 'request' && c.kind === 'operation-added' && c.path === 'server/get')).toBe(true);
    for (const c of report.schema) {
      expect(c.old?.loc ?? c.new?.loc, c.path).toMatch(/\.xsd:\d+$/);
      expect(c.impact.reason).not.toBe('');
    }
    expect(report.api.some((c) => c.kind === 'method-added' && c.name === 'client.webspace.add')).toBe(true);
    expect(report.summary.request.compatible).toBeGreaterThan(40);
    expect(renderText(report)).toContain('Summary: requests');
    expect(renderMarkdown(report)).toContain('### Requests');
  });

  it('is deterministic', () => {
    const again = diffSchemaDirs(EMBEDDED_SCHEMAS_DIR, REAL_SCHEMAS_DIR);
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  });
});
