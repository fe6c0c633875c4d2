/**
 * Generated edits of the real Plesk schema set, one or more per kind of change the diff knows.
 *
 * Targets are chosen from the resolved model (the first suitable place in breadth-first order
 * from `<packet>`, each in a different complex type), and every edit rewrites a single line of
 * the file in place (insertions go on the same line as their neighbour, removals blank the
 * line), so line numbers stay valid in both copies and each expectation can name the exact
 * `file:line` the diff must report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ComplexTypeDef, type ElementParticle, type ModelGroup, type Particle, type SchemaSet, type SimpleTypeDef } from '../../generator/model/index.js';
import { packetOperators, type SchemaSets } from '../../generator/profiles/plesk/schemas.js';
import type { SchemaChangeKind, SetName } from '../../generator/diff/changes.js';
import type { Edits } from './support.js';

export interface Expectation {
  /** What was edited, for messages. */
  what: string;
  set: SetName;
  kind: SchemaChangeKind | 'documentation';
  /** `file:line` the change must carry (old or new side). */
  loc: string;
  level?: 'breaking' | 'compatible';
  subject?: string;
  /** The diff must NOT report this change (a false report the edit could provoke). */
  absent?: true;
}

interface Site {
  set: SetName;
  type: ComplexTypeDef;
  particle: ElementParticle;
  parent: ModelGroup | null;
  depth: number;
}

/** Element particles of both sets, breadth first from `<packet>`, each complex type once per set. */
function sites(sets: SchemaSets): Site[] {
  const out: Site[] = [];
  for (const [set, s] of [['request', sets.input], ['response', sets.output]] as [SetName, SchemaSet][]) {
    const packet = s.elements.get('packet');
    if (!packet || packet.type.kind !== 'complex') continue;
    const seen = new Set<ComplexTypeDef>();
    const queue: [ComplexTypeDef, number][] = [[packet.type, 0]];
    const operators = new Set(packetOperators(s));
    for (let i = 0; i < queue.length; i++) {
      const [type, depth] = queue[i];
      if (seen.has(type)) continue;
      seen.add(type);
      const walk = (p: Particle | null, parent: ModelGroup | null): void => {
        if (p === null || p.kind === 'any') return;
        if (p.kind === 'element') {
          const d = depth === 0 && !operators.has(p.decl) ? 3 : depth + 1;
          out.push({ set, type, particle: p, parent, depth: d });
          if (p.decl.type.kind === 'complex' && p.decl.type.name?.ns !== 'http://www.w3.org/2001/XMLSchema') queue.push([p.decl.type, d]);
          return;
        }
        for (const c of p.particles) walk(c, p);
      };
      walk(type.content, null);
    }
  }
  return out;
}

const lineOf = (file: string, line: number): string => `${file}:${line}`;

export function planRealEdits(dir: string, sets: SchemaSets): { edits: Edits; want: Expectation[] } {
  const files = new Map<string, string[]>();
  const lines = (file: string): string[] => {
    let l = files.get(file);
    if (l === undefined) files.set(file, (l = readFileSync(join(dir, file), 'utf8').split('\n')));
    return l;
  };
  const changed = new Map<string, Map<number, string>>();
  const text = (file: string, line: number): string => changed.get(file)?.get(line) ?? lines(file)[line - 1];
  const usedTypes = new Set<object>();
  const usedLines = new Set<string>();
  const want: Expectation[] = [];
  const edit = (file: string, line: number, to: string): void => {
    let m = changed.get(file);
    if (m === undefined) changed.set(file, (m = new Map()));
    m.set(line, to);
    usedLines.add(lineOf(file, line));
  };
  const all = sites(sets);
  const free = (s: Site): boolean => !usedTypes.has(s.type) && !usedLines.has(lineOf(s.particle.loc.file, s.particle.loc.line));
  /** A single-line, self-closing element declaration (`<xs:element name="x" type="y"/>`). */
  const oneLine = (s: Site): boolean => /^\s*<xs:element [^<>]*\/>\s*$/.test(text(s.particle.loc.file, s.particle.loc.line));
  const startTag = (s: Site): boolean => /^\s*<xs:element [^<>]*>\s*$/.test(text(s.particle.loc.file, s.particle.loc.line));
  const pick = (what: string, ok: (s: Site) => boolean, last = false): Site => {
    const s = (last ? [...all].reverse() : all).find((x) => free(x) && ok(x));
    if (s === undefined) throw new Error(`no target in the real set for: ${what}`);
    usedTypes.add(s.type);
    return s;
  };
  const at = (s: Site): [string, number, string] => [s.particle.loc.file, s.particle.loc.line, text(s.particle.loc.file, s.particle.loc.line)];
  const setOccurs = (line: string, occurs: string): string =>
    line.replace(/\s(minOccurs|maxOccurs)="[^"]*"/g, '').replace('<xs:element ', `<xs:element ${occurs} `);
  const seqChild = (s: Site): boolean => s.parent?.kind === 'sequence' && s.depth >= 3;

  // Operators and operations.
  {
    const s = pick('operator removed', (x) => x.set === 'request' && x.depth === 1 && x.particle.loc.file === 'agent_input.xsd' && (oneLine(x) || startTag(x)), true);
    const [f, l, t] = at(s);
    edit(f, l, setOccurs(t, 'minOccurs="0" maxOccurs="0"'));
    want.push({ what: 'operator removed', set: 'request', kind: 'operator-removed', loc: lineOf(f, l), level: 'breaking' });
  }
  {
    const s = pick('operation added', (x) => x.set === 'request' && x.depth === 2 && x.parent?.kind === 'choice');
    const [f, l, t] = at(s);
    edit(f, l, `<xs:element name="zz-new-operation"/>${t}`);
    want.push({ what: 'operation added', set: 'request', kind: 'operation-added', loc: lineOf(f, l), level: 'compatible', subject: 'zz-new-operation' });
  }
  {
    const s = pick('operation removed', (x) => x.set === 'request' && x.depth === 2 && (oneLine(x) || startTag(x)) && (x.parent?.particles.length ?? 0) > 2);
    const [f, l, t] = at(s);
    edit(f, l, setOccurs(t, 'minOccurs="0" maxOccurs="0"'));
    want.push({ what: 'operation removed', set: 'request', kind: 'operation-removed', loc: lineOf(f, l), level: 'breaking' });
  }
  // Elements.
  {
    const s = pick('optional element added', (x) => x.set === 'request' && seqChild(x));
    const [f, l, t] = at(s);
    edit(f, l, `<xs:element name="zz-optional" type="xs:string" minOccurs="0"/>${t}`);
    want.push({ what: 'optional element added', set: 'request', kind: 'element-added', loc: lineOf(f, l), level: 'compatible', subject: 'zz-optional' });
  }
  {
    const s = pick('required element added', (x) => x.set === 'request' && seqChild(x) && x.parent!.min > 0);
    const [f, l, t] = at(s);
    edit(f, l, `<xs:element name="zz-required" type="xs:string"/>${t}`);
    want.push({ what: 'required element added', set: 'request', kind: 'element-added', loc: lineOf(f, l), level: 'breaking', subject: 'zz-required' });
  }
  {
    const s = pick('element added to a response', (x) => x.set === 'response' && seqChild(x));
    const [f, l, t] = at(s);
    edit(f, l, `<xs:element name="zz-response" type="xs:string" minOccurs="0"/>${t}`);
    want.push({ what: 'element added to a response', set: 'response', kind: 'element-added', loc: lineOf(f, l), level: 'breaking', subject: 'zz-response' });
  }
  {
    const s = pick('element removed', (x) => x.set === 'request' && seqChild(x) && x.particle.min === 0 && (oneLine(x) || startTag(x)));
    const [f, l, t] = at(s);
    edit(f, l, setOccurs(t, 'minOccurs="0" maxOccurs="0"'));
    want.push({ what: 'element removed', set: 'request', kind: 'element-removed', loc: lineOf(f, l), level: 'breaking' });
  }
  {
    const s = pick('element renamed', (x) => x.set === 'request' && seqChild(x) && (oneLine(x) || startTag(x)) && x.parent!.particles.length > 2);
    const [f, l, t] = at(s);
    const name = s.particle.decl.name.local;
    edit(f, l, t.replace(`name="${name}"`, `name="${name}-renamed"`));
    want.push({ what: 'element renamed', set: 'request', kind: 'element-renamed', loc: lineOf(f, l), level: 'breaking', subject: `${name} → ${name}-renamed` });
  }
  {
    const s = pick('optional → required', (x) => x.set === 'request' && seqChild(x) && x.particle.min === 0 && x.particle.max === 1 && (oneLine(x) || startTag(x)));
    const [f, l, t] = at(s);
    edit(f, l, setOccurs(t, 'minOccurs="1"'));
    want.push({ what: 'optional → required', set: 'request', kind: 'occurs-changed', loc: lineOf(f, l), level: 'breaking' });
  }
  {
    const s = pick('single → repeating in a response', (x) => x.set === 'response' && seqChild(x) && x.particle.max === 1 && (oneLine(x) || startTag(x)));
    const [f, l, t] = at(s);
    edit(f, l, setOccurs(t, `minOccurs="${s.particle.min}" maxOccurs="unbounded"`));
    want.push({ what: 'single → repeating', set: 'response', kind: 'occurs-changed', loc: lineOf(f, l), level: 'breaking' });
  }
  {
    const s = pick('element becomes nillable', (x) => x.set === 'request' && seqChild(x) && !x.particle.decl.nillable && (oneLine(x) || startTag(x)));
    const [f, l, t] = at(s);
    edit(f, l, t.replace('<xs:element ', '<xs:element nillable="true" '));
    want.push({ what: 'nillable', set: 'request', kind: 'value-changed', loc: lineOf(f, l), level: 'compatible', subject: 'nillable' });
  }
  // Types of elements.
  const simpleSite = (x: Site, primitive: RegExp): boolean => {
    const t = x.particle.decl.type;
    if (t.kind !== 'simple' || t.name === null || t.facets.enumeration) return false;
    let b: SimpleTypeDef | null = t;
    while (b !== null && b.base !== null && b.base.base !== null) b = b.base;
    return b !== null && primitive.test(b.builtin ?? '') && / type="[^"]+"/.test(text(x.particle.loc.file, x.particle.loc.line));
  };
  {
    const s = pick('base type changed', (x) => x.set === 'request' && seqChild(x) && simpleSite(x, /^decimal$/));
    const [f, l, t] = at(s);
    edit(f, l, t.replace(/ type="[^"]+"/, ' type="xs:string"'));
    want.push({ what: 'base type changed', set: 'request', kind: 'base-changed', loc: lineOf(f, l), level: 'breaking' });
  }
  {
    const s = pick('simple → anyType', (x) => x.set === 'request' && seqChild(x) && simpleSite(x, /^string$/) && oneLine(x));
    const [f, l, t] = at(s);
    edit(f, l, t.replace(/ type="[^"]+"/, ' type="xs:anyType"'));
    want.push({ what: 'simple → anyType', set: 'request', kind: 'content-changed', loc: lineOf(f, l), level: 'compatible' });
  }
  // Enumerations and facets: the simple type's own lines.
  const enumSite = (x: Site): boolean => {
    const t = x.particle.decl.type;
    return t.kind === 'simple' && t.loc !== null && (t.facets.enumeration?.length ?? 0) >= 3 && !usedTypes.has(t) && !usedLines.has(lineOf(t.loc.file, t.loc.line));
  };
  const enumLines = (t: SimpleTypeDef): number[] => {
    const out: number[] = [];
    const ls = lines(t.loc!.file);
    for (let i = t.loc!.line; i < ls.length && !/<\/xs:simpleType>/.test(ls[i - 1]); i++) {
      if (/^\s*<xs:enumeration value="[^"]*"\/>\s*$/.test(ls[i - 1])) out.push(i);
    }
    return out;
  };
  {
    const s = pick('enumeration value added (response)', (x) => x.set === 'response' && enumSite(x) && enumLines(x.particle.decl.type as SimpleTypeDef).length > 0);
    const t = s.particle.decl.type as SimpleTypeDef;
    usedTypes.add(t);
    const l = enumLines(t)[0];
    edit(t.loc!.file, l, `<xs:enumeration value="zz-value"/>${text(t.loc!.file, l)}`);
    want.push({ what: 'enumeration value added', set: 'response', kind: 'enum-value-added', loc: lineOf(t.loc!.file, t.loc!.line), level: 'breaking', subject: 'zz-value' });
  }
  {
    const s = pick('enumeration value removed (request)', (x) => x.set === 'request' && enumSite(x) && enumLines(x.particle.decl.type as SimpleTypeDef).length >= 2);
    const t = s.particle.decl.type as SimpleTypeDef;
    usedTypes.add(t);
    const l = enumLines(t)[1];
    const value = /value="([^"]*)"/.exec(text(t.loc!.file, l))![1];
    edit(t.loc!.file, l, '');
    want.push({ what: 'enumeration value removed', set: 'request', kind: 'enum-value-removed', loc: lineOf(t.loc!.file, t.loc!.line), level: 'breaking', subject: value });
  }
  {
    // A type nothing derives from: tightening a base would make its derived types' own facets
    // and enumerations invalid, and the set would no longer load.
    const bases = new Set<SimpleTypeDef>();
    for (const x of all) {
      for (let t = x.particle.decl.type; t.kind === 'simple' && t.base !== null; t = t.base) bases.add(t.base);
    }
    const s = pick('facet tightened', (x) => {
      const t = x.particle.decl.type;
      if (x.set !== 'request' || t.kind !== 'simple' || t.loc === null || t.name === null || t.facets.maxLength !== undefined || t.facets.enumeration || usedTypes.has(t) || bases.has(t)) return false;
      return /^\s*<xs:restriction base="(xs:)?string">\s*$/.test(text(t.loc.file, t.loc.line + 1) ?? '');
    });
    const t = s.particle.decl.type as SimpleTypeDef;
    usedTypes.add(t);
    const l = t.loc!.line + 1;
    edit(t.loc!.file, l, `${text(t.loc!.file, l)}<xs:maxLength value="3"/>`);
    want.push({ what: 'facet tightened', set: 'request', kind: 'facet-changed', loc: lineOf(t.loc!.file, t.loc!.line), level: 'breaking', subject: 'maxLength' });
  }
  // Choices and sequences.
  {
    const s = pick('choice branch added', (x) => x.set === 'request' && x.depth >= 3 && x.parent?.kind === 'choice' && x.parent.max === 1 && x.parent.particles.length >= 2);
    const [f, l, t] = at(s);
    edit(f, l, `<xs:element name="zz-branch" type="xs:string"/>${t}`);
    want.push({ what: 'choice branch added', set: 'request', kind: 'choice-branch-added', loc: lineOf(f, l), level: 'compatible', subject: 'zz-branch' });
  }
  {
    const s = pick('choice branch removed', (x) => x.set === 'request' && x.depth >= 3 && x.parent?.kind === 'choice' && x.parent.max === 1 && x.parent.particles.length >= 3 && (oneLine(x) || startTag(x)));
    const [f, l, t] = at(s);
    edit(f, l, setOccurs(t, 'minOccurs="0" maxOccurs="0"'));
    want.push({ what: 'choice branch removed', set: 'request', kind: 'choice-branch-removed', loc: lineOf(f, l), level: 'breaking' });
  }
  {
    // A choice whose start and end tags are on lines of their own: both become xs:sequence.
    const s = pick('choice → sequence', (x) => {
      if (x.set !== 'request' || x.depth < 3 || x.parent?.kind !== 'choice' || x.parent.particles.length < 2) return false;
      return /^\s*<xs:choice( minOccurs="\d+")?>\s*$/.test(text(x.parent.loc.file, x.parent.loc.line)) && closing(lines(x.parent.loc.file), x.parent.loc.line) !== null;
    });
    const g = s.parent!;
    const end = closing(lines(g.loc.file), g.loc.line)!;
    edit(g.loc.file, g.loc.line, text(g.loc.file, g.loc.line).replace('<xs:choice', '<xs:sequence'));
    edit(g.loc.file, end, text(g.loc.file, end).replace('</xs:choice>', '</xs:sequence>'));
    want.push({ what: 'choice → sequence', set: 'request', kind: 'group-kind-changed', loc: lineOf(g.loc.file, g.loc.line), level: 'breaking' });
  }
  {
    const s = pick('order changed', (x) => {
      if (x.set !== 'request' || !seqChild(x) || !oneLine(x)) return false;
      const i = x.parent!.particles.indexOf(x.particle);
      const next = x.parent!.particles[i + 1];
      return next?.kind === 'element' && next.loc.file === x.particle.loc.file && next.loc.line === x.particle.loc.line + 1 && /^\s*<xs:element [^<>]*\/>\s*$/.test(text(next.loc.file, next.loc.line));
    });
    const [f, l, t] = at(s);
    const u = text(f, l + 1);
    edit(f, l, u);
    edit(f, l + 1, t);
    want.push({ what: 'order changed', set: 'request', kind: 'order-changed', loc: lineOf(s.parent!.loc.file, s.parent!.loc.line), level: 'breaking' });
  }
  {
    // An element of a sequence moved into a choice of the same sequence, as its first branch
    // (its line copied onto the branch's line, the original removed).
    const choiceIn = (x: Site): ModelGroup | undefined =>
      x.parent!.particles.find((c): c is ModelGroup => c.kind === 'choice' && c.max === 1 && c.particles[0]?.kind === 'element' && !usedLines.has(lineOf(c.particles[0].loc.file, c.particles[0].loc.line)));
    const nameOnce = (x: Site): boolean => {
      let n = 0;
      const walk = (p: Particle | null): void => {
        if (p === null || p.kind === 'any') return;
        if (p.kind === 'element') n += p.decl.name.local === x.particle.decl.name.local ? 1 : 0;
        else p.particles.forEach(walk);
      };
      walk(x.type.content);
      return n === 1;
    };
    const s = pick('element moved into a choice', (x) => x.set === 'request' && seqChild(x) && oneLine(x) && choiceIn(x) !== undefined && nameOnce(x));
    const [f, l, t] = at(s);
    const branch = choiceIn(s)!.particles[0];
    edit(branch.loc.file, branch.loc.line, `${t.trim()}${text(branch.loc.file, branch.loc.line)}`);
    edit(f, l, '');
    want.push({ what: 'element moved into a choice', set: 'request', kind: 'element-moved', loc: lineOf(f, l), level: 'breaking', subject: s.particle.decl.name.local });
  }
  {
    // An operator type that stops being a repeating choice of operations.
    // (Picked through one of its operations: the site's type is the operator type.)
    const s = pick('operator no longer a repeating choice', (x) => {
      const g = x.type.content;
      if (x.set !== 'request' || x.depth !== 2 || g?.kind !== 'choice' || x.parent !== g || g.max !== Infinity) return false;
      return /^\s*<xs:choice maxOccurs="unbounded">\s*$/.test(text(g.loc.file, g.loc.line));
    });
    const g = s.type.content as ModelGroup;
    edit(g.loc.file, g.loc.line, text(g.loc.file, g.loc.line).replace(' maxOccurs="unbounded"', ''));
    want.push({ what: 'operator no longer a repeating choice', set: 'request', kind: 'occurs-changed', loc: lineOf(g.loc.file, g.loc.line), level: 'breaking' });
  }
  {
    // A name that now occurs twice: a copy with other occurrences inserted before the previous
    // sibling. Only the copy is new; the old occurrence must not be reported as changed.
    const s = pick('repeated name inserted earlier', (x) => {
      if (x.set !== 'response' || !seqChild(x) || !oneLine(x) || x.particle.max !== 1) return false;
      const i = x.parent!.particles.indexOf(x.particle);
      const prev = x.parent!.particles[i - 1];
      return prev?.kind === 'element' && prev.loc.file === x.particle.loc.file && !usedLines.has(lineOf(prev.loc.file, prev.loc.line));
    });
    const [, , t] = at(s);
    const i = s.parent!.particles.indexOf(s.particle);
    const prev = s.parent!.particles[i - 1];
    edit(prev.loc.file, prev.loc.line, `${setOccurs(t.trim(), 'minOccurs="0" maxOccurs="2"')}${text(prev.loc.file, prev.loc.line)}`);
    const name = s.particle.decl.name.local;
    want.push({ what: 'repeated name inserted earlier', set: 'response', kind: 'element-added', loc: lineOf(prev.loc.file, prev.loc.line), level: 'breaking', subject: name });
    want.push({ what: 'repeated name: the old occurrence is unchanged', set: 'response', kind: 'occurs-changed', loc: lineOf(s.particle.loc.file, s.particle.loc.line), absent: true });
  }
  // Attributes.
  {
    const packet = sets.input.elements.get('packet')!.type as ComplexTypeDef;
    const types = [packet, ...all.filter((x) => x.set === 'request').map((x) => x.particle.decl.type)].filter((t): t is ComplexTypeDef => t.kind === 'complex' && (t === packet || !usedTypes.has(t)));
    const type = types.find((t) => t.attributes.some((a) => /^\s*<xs:attribute [^<>]*\/>\s*$/.test(text(a.loc.file, a.loc.line))));
    if (type === undefined) throw new Error('no target in the real set for: attribute added');
    usedTypes.add(type);
    const a = type.attributes.find((x) => /^\s*<xs:attribute [^<>]*\/>\s*$/.test(text(x.loc.file, x.loc.line)))!;
    edit(a.loc.file, a.loc.line, `<xs:attribute name="zz-attr" type="xs:string" use="required"/>${text(a.loc.file, a.loc.line)}`);
    want.push({ what: 'required attribute added', set: 'request', kind: 'attribute-added', loc: lineOf(a.loc.file, a.loc.line), level: 'breaking', subject: '@zz-attr' });
  }
  // Documentation.
  {
    const s = pick('documentation changed', (x) => x.set === 'request' && x.depth >= 3 && x.particle.decl.doc !== undefined && startTag(x) && /^\s*<xs:documentation>[^<]+<\/xs:documentation>\s*$/.test(text(x.particle.loc.file, x.particle.loc.line + 2) ?? ''));
    const [f, l] = at(s);
    edit(f, l + 2, text(f, l + 2).replace('<xs:documentation>', '<xs:documentation>Edited: '));
    want.push({ what: 'documentation changed', set: 'request', kind: 'documentation', loc: lineOf(f, l) });
  }

  const edits: Edits = {};
  for (const [file, m] of changed) {
    const ls = [...lines(file)];
    for (const [line, to] of m) ls[line - 1] = to;
    edits[file] = [[lines(file).join('\n'), ls.join('\n')]];
  }
  return { edits, want };
}

/** Line of the `</xs:choice>` closing the choice opened on `start` (1-based), if tags are one per line. */
function closing(ls: string[], start: number): number | null {
  let depth = 0;
  for (let i = start; i <= ls.length; i++) {
    const l = ls[i - 1];
    if (/<xs:choice\b[^>]*[^/]>/.test(l) || /<xs:choice>/.test(l)) depth++;
    if (/<\/xs:choice>/.test(l)) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return null;
}
