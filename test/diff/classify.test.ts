// Whom each kind of change breaks, per set: a given/want table over classify() (the rules in
// classify.ts's header), independent of any schema.
import { describe, expect, it } from 'vitest';
import { classify, type ChangeFacts } from '../../generator/diff/classify.js';
import type { SchemaChangeKind } from '../../generator/diff/changes.js';

type Want = 'breaking' | 'compatible' | 'lenient';
const rows: [SchemaChangeKind, ChangeFacts, Want, Want][] = [
  // kind, facts, request, response
  ['operator-added', {}, 'compatible', 'compatible'],
  ['operator-removed', {}, 'breaking', 'breaking'],
  ['operation-added', {}, 'compatible', 'compatible'],
  ['operation-removed', {}, 'breaking', 'breaking'],
  ['element-added', { required: false }, 'compatible', 'lenient'],
  ['element-added', { required: true }, 'breaking', 'lenient'],
  ['attribute-added', { required: false }, 'compatible', 'lenient'],
  ['attribute-added', { required: true }, 'breaking', 'lenient'],
  ['element-removed', {}, 'breaking', 'breaking'],
  ['attribute-removed', {}, 'breaking', 'breaking'],
  ['element-renamed', {}, 'breaking', 'breaking'],
  ['wildcard-added', {}, 'compatible', 'lenient'],
  ['wildcard-removed', {}, 'breaking', 'breaking'],
  ['occurs-changed', { oldMin: 0, oldMax: 1, newMin: 1, newMax: 1 }, 'breaking', 'compatible'],
  ['occurs-changed', { oldMin: 1, oldMax: 1, newMin: 0, newMax: 1 }, 'compatible', 'breaking'],
  ['occurs-changed', { oldMin: 1, oldMax: 1, newMin: 1, newMax: Infinity }, 'compatible', 'breaking'],
  ['occurs-changed', { oldMin: 1, oldMax: Infinity, newMin: 1, newMax: 1 }, 'breaking', 'compatible'],
  ['occurs-changed', { oldMin: 0, oldMax: 5, newMin: 0, newMax: 10 }, 'compatible', 'breaking'],
  ['enum-value-added', {}, 'compatible', 'lenient'],
  ['enum-value-removed', {}, 'breaking', 'compatible'],
  ['facet-changed', { direction: 'tightened', facetWarns: true }, 'breaking', 'compatible'],
  ['facet-changed', { direction: 'loosened', facetWarns: true }, 'compatible', 'lenient'],
  ['facet-changed', { direction: 'changed', facetWarns: true }, 'breaking', 'lenient'],
  ['facet-changed', { direction: 'changed', facetWarns: false }, 'breaking', 'breaking'],
  ['base-changed', {}, 'breaking', 'breaking'],
  ['content-changed', {}, 'breaking', 'breaking'],
  ['content-changed', { widened: true }, 'compatible', 'breaking'],
  ['content-changed', { narrowed: true }, 'breaking', 'compatible'],
  ['choice-branch-added', {}, 'compatible', 'breaking'],
  ['choice-branch-removed', {}, 'breaking', 'breaking'],
  ['group-kind-changed', {}, 'breaking', 'breaking'],
  ['element-moved', {}, 'breaking', 'breaking'],
  ['order-changed', {}, 'breaking', 'breaking'],
  ['value-changed', { widened: true }, 'compatible', 'breaking'],
  ['value-changed', { widened: false }, 'breaking', 'compatible'],
  ['value-changed', { defaultOnly: true }, 'compatible', 'compatible'],
];

function level(kind: SchemaChangeKind, set: 'request' | 'response', facts: ChangeFacts): Want {
  const i = classify(kind, set, facts);
  expect(i.reason).not.toBe('');
  if (i.lenientTolerates) {
    expect(i.level).toBe('breaking');
    return 'lenient';
  }
  return i.level;
}

describe('classify: whom a change breaks', () => {
  it.each(rows)('%s %o → request %s, response %s', (kind, facts, request, response) => {
    expect(level(kind, 'request', facts)).toBe(request);
    expect(level(kind, 'response', facts)).toBe(response);
  });
});
