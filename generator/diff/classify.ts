/**
 * Whom a schema change breaks, decided in one place from the kind of change and the set it is
 * in. The two sets are read by different parties:
 *
 * - requests: our client writes packets that the new server validates. A change breaks when a
 *   packet valid under the old schema can be refused under the new one (something removed,
 *   newly required, narrowed or reordered).
 * - responses: the strict parser generated from the old schema reads the new server's answers.
 *   A change breaks when a new answer can be refused by the old parser (something new, wider,
 *   more repeating, no longer present), or when code that reads a value loses it. Lenient mode
 *   keeps unknown elements in `$unknown`, drops unknown attributes and turns enumeration and
 *   facet violations into warnings, so those changes are tolerated there.
 */
import type { Impact, SchemaChangeKind, SetName } from './changes.js';

/** What the classifier needs to know beyond the kind. */
export interface ChangeFacts {
  /** Added element or attribute: whether every valid document must now contain it. */
  required?: boolean;
  /** Occurrence changes: old and new bounds. */
  oldMin?: number;
  oldMax?: number;
  newMin?: number;
  newMax?: number;
  /** Facet changes. */
  direction?: 'tightened' | 'loosened' | 'changed';
  /** Facet changes: whether lenient mode would only warn (patterns, lengths, bounds, digits, enumeration). */
  facetWarns?: boolean;
  /** `value-changed` (nillable, fixed): whether the change widened what is accepted. */
  widened?: boolean;
  /** `content-changed` to xs:anyType (anything accepted) or from it. */
  narrowed?: boolean;
  /** `value-changed` of a default value only: validity is unchanged. */
  defaultOnly?: boolean;
}

const breaking = (reason: string, lenientTolerates?: boolean): Impact =>
  lenientTolerates === undefined ? { level: 'breaking', reason } : { level: 'breaking', reason, lenientTolerates };
const compatible = (reason: string): Impact => ({ level: 'compatible', reason });

const STRICT = 'the strict parser of the old bindings refuses answers that';

export function classify(kind: SchemaChangeKind, set: SetName, facts: ChangeFacts = {}): Impact {
  return set === 'request' ? classifyRequest(kind, facts) : classifyResponse(kind, facts);
}

function classifyRequest(kind: SchemaChangeKind, f: ChangeFacts): Impact {
  switch (kind) {
    case 'operator-added':
    case 'operation-added':
      return compatible('new requests become possible; existing ones are unaffected');
    case 'operator-removed':
    case 'operation-removed':
      return breaking('packets that use it are refused by the new server');
    case 'element-added':
    case 'attribute-added':
      return f.required ? breaking('it is required: packets without it are refused') : compatible('it is optional');
    case 'wildcard-added':
    case 'choice-branch-added':
    case 'enum-value-added':
      return compatible('more packets are accepted; existing ones still are');
    case 'element-removed':
    case 'attribute-removed':
    case 'wildcard-removed':
    case 'choice-branch-removed':
      return breaking('packets that contain it are refused');
    case 'element-renamed':
    case 'attribute-renamed':
      return breaking('packets with the old name are refused');
    case 'enum-value-removed':
      return breaking('packets with this value are refused');
    case 'occurs-changed': {
      const reasons: string[] = [];
      if ((f.newMin ?? 0) > (f.oldMin ?? 0)) reasons.push(f.oldMin === 0 ? 'it is now required' : 'more occurrences are now required');
      if ((f.newMax ?? 1) < (f.oldMax ?? 1)) reasons.push('fewer occurrences are now allowed');
      return reasons.length > 0 ? breaking(`${reasons.join(' and ')}: packets valid before are refused`) : compatible('more packets are accepted; existing ones still are');
    }
    case 'value-changed':
      if (f.defaultOnly) return compatible('packets stay valid; when the value is absent the server assumes the new default');
      return f.widened ? compatible('more packets are accepted') : breaking('packets valid before can be refused');
    case 'facet-changed':
      if (f.direction === 'loosened') return compatible('more values are accepted');
      return breaking(f.direction === 'tightened' ? 'values valid before are refused' : 'values valid before may be refused');
    case 'content-changed':
      if (f.widened) return compatible('any content is now accepted');
      return breaking('values valid before may be refused');
    case 'base-changed':
      return breaking('values valid before may be refused');
    case 'group-kind-changed':
      return breaking('packets valid before are refused (a choice takes one branch, a sequence every required member)');
    case 'element-moved':
      return breaking('packets valid before may be refused (the element now stands with other alternatives, in another order or under other occurrences)');
    case 'order-changed':
      return breaking('packets in the old order are refused (Plesk requires schema order)');
  }
}

function classifyResponse(kind: SchemaChangeKind, f: ChangeFacts): Impact {
  switch (kind) {
    case 'operator-added':
    case 'operation-added':
      return compatible('the server answers it only to requests that use it');
    case 'operator-removed':
    case 'operation-removed':
      return breaking('code that reads its answers gets none');
    case 'element-added':
    case 'wildcard-added':
    case 'choice-branch-added':
      return breaking(`${STRICT} contain it`, kind !== 'choice-branch-added' || undefined);
    case 'attribute-added':
      return breaking(`${STRICT} carry it`, true);
    case 'enum-value-added':
      return breaking(`${STRICT} carry the new value`, true);
    case 'element-removed':
    case 'attribute-removed':
    case 'wildcard-removed':
    case 'choice-branch-removed':
      return breaking('code that reads it gets nothing (and the old parser refuses answers without it where it was required)');
    case 'element-renamed':
    case 'attribute-renamed':
      return breaking(`${STRICT} use the new name, and code that reads the old name gets nothing`);
    case 'enum-value-removed':
      return compatible('the server sends fewer values');
    case 'occurs-changed': {
      const reasons: string[] = [];
      if ((f.newMin ?? 0) < (f.oldMin ?? 0)) reasons.push(f.newMin === 0 ? 'it may now be absent: the old parser refuses answers without it and code that reads it must handle its absence' : 'fewer occurrences may come than the old parser requires');
      if ((f.newMax ?? 1) > (f.oldMax ?? 1)) reasons.push(`more occurrences may come than the old parser allows${(f.oldMax ?? 1) <= 1 ? ' (and the value becomes a list)' : ''}`);
      return reasons.length > 0 ? breaking(reasons.join('; ')) : compatible('answers valid under the new schema are valid under the old one');
    }
    case 'value-changed':
      if (f.defaultOnly) return compatible('answers stay valid; the default applies where the value is absent');
      return f.widened ? breaking(`${STRICT} use what is now allowed`) : compatible('answers valid under the new schema are valid under the old one');
    case 'facet-changed':
      if (f.direction === 'tightened') return compatible('the server sends fewer values');
      return breaking(`${STRICT} carry values the old facets refuse`, f.facetWarns === true || undefined);
    case 'content-changed':
      if (f.narrowed) return compatible('the old parser accepted any content here');
      return breaking(`${STRICT} carry values of the new type`);
    case 'base-changed':
      return breaking(`${STRICT} carry values of the new type`);
    case 'group-kind-changed':
    case 'element-moved':
      return breaking(`${STRICT} use the new structure`);
    case 'order-changed':
      return breaking(`${STRICT} use the new order`);
  }
}
