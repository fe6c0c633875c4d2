/**
 * The report as text (for a terminal; colours only when asked, which the command decides from
 * the TTY and NO_COLOR) and as Markdown (for a changelog or a pull request). JSON is the report
 * object itself (`changes.ts` documents it). Both renderings group the same way: requests,
 * responses, the generated TypeScript API, then documentation; breaking changes first in each.
 */
import type { ApiChange, DiffReport, DocChange, SchemaChange, SetName } from './changes.js';

export interface TextOptions {
  color?: boolean;
  /** At most this many `also at` paths are shown per change (JSON has them all). */
  maxAlso?: number;
  /** At most this many names per kind of API addition are shown (JSON has them all). */
  maxNames?: number;
}

/** Additions with nothing to show but their name: listed by kind, names only. */
function isPlainAddition(c: ApiChange): boolean {
  return c.level === 'compatible' && (c.kind === 'export-added' || c.kind === 'method-added' || c.kind === 'property-added');
}

const ADDITION_TITLES: [ApiChange['kind'], string][] = [
  ['export-added', 'new exports'],
  ['property-added', 'new optional properties'],
  ['method-added', 'new client methods'],
];

function additions(api: ApiChange[]): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const [kind, title] of ADDITION_TITLES) {
    const names = api.filter((c) => c.kind === kind && isPlainAddition(c)).map(apiSubject);
    if (names.length > 0) out.push([`${names.length} ${title}`, names]);
  }
  return out;
}

const SET_TITLE: Record<SetName, string> = {
  request: 'Requests (agent_input.xsd: what the client sends)',
  response: 'Responses (agent_output.xsd: what the strict parser reads)',
};

const BREAKING_NOTE: Record<SetName, string> = {
  request: 'packets valid before can be refused by the new server',
  response: 'answers of the new server can be refused by the old strict parser, or lose what code reads',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function locs(c: { old?: { loc: string | null }; new?: { loc: string | null } }): string {
  const o = c.old?.loc ?? null;
  const n = c.new?.loc ?? null;
  if (o === null) return `new ${n ?? '—'}`;
  if (n === null) return `old ${o}`;
  return `old ${o}, new ${n}`;
}

function docText(t: string | null): string {
  if (t === null) return '(none)';
  const one = t.replace(/\s+/g, ' ').trim();
  return one.length > 70 ? `"${one.slice(0, 67)}…"` : `"${one}"`;
}

export function renderText(report: DiffReport, options: TextOptions = {}): string {
  const color = options.color ?? false;
  const maxAlso = options.maxAlso ?? 3;
  const maxNames = options.maxNames ?? 12;
  const paint = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const red = paint('31');
  const green = paint('32');
  const yellow = paint('33');
  const bold = paint('1');
  const dim = paint('2');
  const lines: string[] = [];
  lines.push(bold(`plesk-codegen diff ${report.old.path} → ${report.new.path}`));
  const schemaLine = (c: SchemaChange): void => {
    const mark = c.impact.level === 'breaking' ? red('✗') : green('+');
    lines.push(`  ${mark} ${bold(c.path)}: ${c.message}`);
    const where = [locs(c)];
    if (c.inType !== undefined) where.push(`in type ${c.inType}`);
    lines.push(`      ${dim(where.join('; '))}`);
    if (c.impact.level === 'breaking') {
      lines.push(`      ${c.impact.reason}${c.impact.lenientTolerates ? yellow(' (lenient mode tolerates it)') : ''}`);
    }
    if (c.alsoAt.length > 0) {
      const shown = c.alsoAt.slice(0, maxAlso).join(', ');
      const more = c.alsoAt.length > maxAlso ? ` and ${c.alsoAt.length - maxAlso} more` : '';
      lines.push(`      ${dim(`also at ${shown}${more}`)}`);
    }
  };
  for (const set of ['request', 'response'] as const) {
    const changes = report.schema.filter((c) => c.set === set);
    const s = report.summary[set];
    lines.push('', bold(`${SET_TITLE[set]}: ${s.breaking > 0 ? red(`${s.breaking} breaking`) : '0 breaking'}, ${s.compatible} compatible`));
    if (changes.length === 0) lines.push('  no changes');
    const breaking = changes.filter((c) => c.impact.level === 'breaking');
    const compatible = changes.filter((c) => c.impact.level === 'compatible');
    if (breaking.length > 0) {
      lines.push(` ${red('Breaking')}: ${BREAKING_NOTE[set]}`);
      breaking.forEach(schemaLine);
    }
    if (compatible.length > 0) {
      lines.push(` ${green('Compatible')}`);
      compatible.forEach(schemaLine);
    }
  }
  const s = report.summary.types;
  lines.push('', bold(`Generated TypeScript API: ${s.breaking > 0 ? red(`${s.breaking} breaking`) : '0 breaking'}, ${s.compatible} additions`));
  if (report.api.length === 0) lines.push('  no changes');
  for (const c of report.api.filter((c) => c.level === 'breaking' || !isPlainAddition(c))) {
    const mark = c.level === 'breaking' ? red('✗') : green('+');
    lines.push(`  ${mark} ${bold(apiSubject(c))}: ${c.message}`);
    if (c.old !== undefined || c.new !== undefined) lines.push(`      ${dim(`${c.old ?? '—'}  →  ${c.new ?? '—'}`)}`);
    if (c.alsoIn !== undefined) lines.push(`      ${dim(`also in ${alsoList(c.alsoIn, maxAlso)}`)}`);
  }
  for (const [title, names] of additions(report.api)) {
    const shown = names.slice(0, maxNames);
    lines.push(`  ${green('+')} ${title}: ${shown.join(', ')}${names.length > shown.length ? dim(` … and ${names.length - shown.length} more (all in --format json)`) : ''}`);
  }
  lines.push('', bold(`Documentation: ${plural(report.documentation.length, 'change')}`));
  for (const d of report.documentation) {
    lines.push(`  ~ ${d.set} ${d.path} ${d.subject === lastSegment(d.path) ? '' : `(${d.subject}) `}${dim(`[${locs(d)}]`)}`);
    lines.push(`      ${dim(`${docText(d.old.text)} → ${docText(d.new.text)}`)}`);
  }
  lines.push('', summaryLine(report));
  return `${lines.join('\n')}\n`;
}

function alsoList(names: string[], max: number): string {
  return `${names.slice(0, max).join(', ')}${names.length > max ? ` and ${names.length - max} more` : ''}`;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function apiSubject(c: ApiChange): string {
  return c.property !== undefined ? `${c.name}.${c.property}` : c.name;
}

export function summaryLine(report: DiffReport): string {
  const s = report.summary;
  return `Summary: requests ${s.request.breaking} breaking / ${s.request.compatible} compatible; responses ${s.response.breaking} breaking / ${s.response.compatible} compatible; TypeScript API ${s.types.breaking} breaking / ${s.types.compatible} additions; ${plural(s.documentation, 'documentation change')}.`;
}

const md = (s: string): string => s.replace(/([|\\`*_<>[\]])/g, '\\$1').replace(/\n/g, ' ');
/** A code span for a table cell (a `|` must be escaped even inside code in GFM tables). */
const code = (s: string): string => `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;

export function renderMarkdown(report: DiffReport, options: { maxAlso?: number } = {}): string {
  const maxAlso = options.maxAlso ?? 3;
  const out: string[] = [];
  out.push(`## Plesk API changes: ${code(report.old.path)} → ${code(report.new.path)}`, '');
  const s = report.summary;
  out.push('| side | breaking | compatible |', '|---|---:|---:|');
  out.push(`| requests (what the client sends) | ${s.request.breaking} | ${s.request.compatible} |`);
  out.push(`| responses (what the strict parser reads) | ${s.response.breaking} | ${s.response.compatible} |`);
  out.push(`| generated TypeScript API | ${s.types.breaking} | ${s.types.compatible} |`);
  out.push('', `Documentation changes: ${s.documentation}.`);
  const table = (changes: SchemaChange[]): void => {
    out.push('| | path | change | old | new | why |', '|---|---|---|---|---|---|');
    for (const c of changes) {
      const also = c.alsoAt.length === 0 ? '' : `<br>also at ${c.alsoAt.slice(0, maxAlso).map(code).join(', ')}${c.alsoAt.length > maxAlso ? ` and ${c.alsoAt.length - maxAlso} more` : ''}`;
      const inType = c.inType !== undefined ? ` (in ${code(c.inType)})` : '';
      const why = c.impact.level === 'breaking' ? `${md(c.impact.reason)}${c.impact.lenientTolerates ? '; lenient mode tolerates it' : ''}` : '';
      out.push(
        `| ${c.impact.level === 'breaking' ? '❌' : '➕'} | ${code(c.path)}${also} | ${md(c.message)}${inType} | ${c.old?.loc ? code(c.old.loc) : '—'} | ${c.new?.loc ? code(c.new.loc) : '—'} | ${why} |`,
      );
    }
  };
  for (const set of ['request', 'response'] as const) {
    const changes = report.schema.filter((c) => c.set === set);
    out.push('', `### ${set === 'request' ? 'Requests' : 'Responses'}`, '');
    if (changes.length === 0) out.push('No changes.');
    else table(changes);
  }
  out.push('', '### Generated TypeScript API', '');
  if (report.api.length === 0) out.push('No changes.');
  else {
    out.push('| | name | change | old | new |', '|---|---|---|---|---|');
    for (const c of report.api.filter((c) => c.level === 'breaking' || !isPlainAddition(c))) {
      const also = c.alsoIn === undefined ? '' : `<br>also in ${c.alsoIn.slice(0, maxAlso).map(code).join(', ')}${c.alsoIn.length > maxAlso ? ` and ${c.alsoIn.length - maxAlso} more` : ''}`;
      out.push(`| ${c.level === 'breaking' ? '❌' : '➕'} | ${code(apiSubject(c))}${also} | ${md(c.message)} | ${c.old !== undefined ? code(c.old) : '—'} | ${c.new !== undefined ? code(c.new) : '—'} |`);
    }
    for (const [title, names] of additions(report.api)) {
      out.push('', `<details><summary>➕ ${title}</summary>`, '', names.map(code).join(', '), '', '</details>');
    }
  }
  if (report.documentation.length > 0) {
    out.push('', '<details><summary>Documentation changes</summary>', '', '| set | path | old | new |', '|---|---|---|---|');
    for (const d of report.documentation as DocChange[]) {
      out.push(`| ${d.set} | ${code(d.path)}${d.subject === lastSegment(d.path) ? '' : ` (${md(d.subject)})`} | ${md(docText(d.old.text))} | ${md(docText(d.new.text))} |`);
    }
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}
