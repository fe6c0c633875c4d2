/**
 * `plesk-codegen diff OLD NEW`: what changed between two Plesk API schema sets and whom it
 * breaks (requests, responses, the generated TypeScript API). The comparison lives in
 * `generator/diff/`; this file reads the command line, loads both sets and prints the report.
 */
import { parseArgs } from 'node:util';
import type { CommandIo } from '../cli.js';
import { CodegenError, formatDiagnostic } from '../errors.js';
import { diffSets, hasBreaking, type DiffInput, type FailSide } from '../diff/index.js';
import { ParseReuse, readDiffInput } from '../diff/inputs.js';
import { renderMarkdown, renderText } from '../diff/render.js';
import type { ApiOptions } from '../diff/api.js';

export const DIFF_USAGE = `Usage: plesk-codegen diff OLD NEW [options]

Lists what changed between two Plesk XML API schema sets and whom each change breaks. OLD
and NEW are each a schema folder (with agent_input.xsd and agent_output.xsd), a folder of
versions or schemas.zip holding one version, or a generated tree (its manifest names the
schemas and the options it was generated with):
  requests   packets our client sends that the new server may refuse
             (removed or newly required elements, narrowed values, reordering)
  responses  answers of the new server that the old strict parser may refuse, or that
             lose what code reads (new elements, attributes or values, removed or
             now-optional elements); lenient parsing tolerates some, as noted
  types      the generated TypeScript API: exports, properties and client methods that
             disappear or change type (source-breaking), and additions
Documentation changes are listed apart.

Options:
  --format text|markdown|json  Output format (default text; JSON is documented in the README)
  --fail-on SIDES              Comma-separated sides whose breaking changes make the exit
                               status 1: request,response,types (default: all three)
  --naming camel|xml           Property naming of the compared TypeScript API (default: a
                               tree's manifest, otherwise camel)
  --integers number|bigint     Integer mapping of the compared TypeScript API (default: a
                               tree's manifest, otherwise number)
  --color, --no-color          Colour the text output (default: when stdout is a terminal and
                               NO_COLOR is not set)
  -h, --help                   Show this help

Exit status: 0 when there are no breaking changes on the chosen sides, 1 when there are, 2
when nothing could be compared: bad usage, a path that is not a schema set or tree, or schema
errors (each printed as "file:line: message").`;

const SIDES: readonly FailSide[] = ['request', 'response', 'types'];

export async function diffCommand(argv: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        naming: { type: 'string' },
        integers: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${DIFF_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(DIFF_USAGE);
    return 0;
  }
  if (positionals.length !== 2) {
    io.err(`plesk-codegen diff: expected two folders (OLD NEW), got ${positionals.length}\n\n${DIFF_USAGE}`);
    return 2;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'markdown' && format !== 'json') {
    io.err(`--format must be text, markdown or json, not "${format}"`);
    return 2;
  }
  let failOn: FailSide[] = [...SIDES];
  if (values['fail-on'] !== undefined) {
    const list = values['fail-on'].split(',').map((s) => s.trim()).filter((s) => s !== '');
    const bad = list.filter((s) => !SIDES.includes(s as FailSide));
    if (bad.length > 0 || list.length === 0) {
      io.err(`--fail-on takes a comma-separated list of request, response, types${bad.length > 0 ? `, not "${bad.join(',')}"` : ''}`);
      return 2;
    }
    failOn = list as FailSide[];
  }
  if (values.naming !== undefined && values.naming !== 'camel' && values.naming !== 'xml') {
    io.err(`--naming must be camel or xml, not "${values.naming}"`);
    return 2;
  }
  if (values.integers !== undefined && values.integers !== 'number' && values.integers !== 'bigint') {
    io.err(`--integers must be number or bigint, not "${values.integers}"`);
    return 2;
  }
  const api: ApiOptions = {
    ...(values.naming ? { naming: values.naming as 'camel' | 'xml' } : {}),
    ...(values.integers ? { integers: values.integers as 'number' | 'bigint' } : {}),
  };
  const inputs: DiffInput[] = [];
  let failed = false;
  const reuse = new ParseReuse();
  for (const path of positionals) {
    try {
      inputs.push(readDiffInput(path, api, reuse));
    } catch (error) {
      if (!(error instanceof CodegenError)) throw error;
      for (const d of error.diagnostics) io.err(error.kind === 'schema' ? formatDiagnostic(d) : `plesk-codegen diff: ${formatDiagnostic(d)}`);
      if (error.kind === 'schema') io.err(`${path}: ${error.diagnostics.length} schema error${error.diagnostics.length === 1 ? '' : 's'}; nothing was compared.`);
      failed = true;
    }
  }
  if (failed) return 2;

  const report = diffSets(inputs[0], inputs[1]);
  if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'markdown') io.out(renderMarkdown(report));
  else {
    const color = values['no-color'] ? false : values.color ? true : process.stdout.isTTY === true && !process.env.NO_COLOR;
    io.out(renderText(report, { color }));
  }
  return hasBreaking(report, failOn) ? 1 : 0;
}
