/**
 * What a user reads in the editor and in the compiler's output about the generated types: the
 * language service's quick info (hover) and tsc's diagnostics, as given/want tables, over the
 * embedded tree in a consumer project (`src/plesk/`, as a user places it).
 *
 * Why a golden table: the types' exactness is tested elsewhere (`@ts-expect-error` in
 * test/fixtures/consumer/seeds.check.ts); this test keeps the texts readable. A choice is a union
 * of named branches (`ServerOperatorTypeRequestItemSrvMan`, see emit/ts-types.ts `namedChoice`),
 * so hovers and errors name a branch instead of spelling out its properties beside every other
 * branch's absent ones, as `OneOf<[…]>` made TypeScript do (`({ srvMan: … } & Absent<"getProtos"
 * | … 30 more keys>) | … 29 more …` on the real tree's server item). A change to the generated
 * types that makes these texts longer or vaguer fails here, and the new text is reviewed.
 *
 * Hovers come from TypeScript 5.9's language service (TypeScript 7's package has no such API
 * here); diagnostics from both 5.9's language service and TypeScript 7's tsc, which must agree
 * with the same table.
 *
 * One text is poor and kept as TypeScript writes it ("two branches, one a flag"): the object
 * literal's contextual type is narrowed to the branch its `true` flag matches, so the other
 * branch's string literal loses its literal type and the error lands on it. No form of the
 * types changes that while keeping `item.srvMan !== undefined` narrowing (which needs the absent
 * properties typed `never`); the README says so.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsumerProjects, TYPESCRIPT_VERSIONS } from '../support/consumer-matrix.js';
import { EMBEDDED_SCHEMAS_DIR, REPO_ROOT } from '../support/seeds.js';
import { generateToTemp, removeTemp } from '../support/tree.js';

/** A hover: the quick info of the identifier just before `/*?*\/` in `code`. */
interface HoverCase {
  what: string;
  code: string;
  want: string;
}

/** A diagnostic: every error tsc reports inside `code`, flattened as tsc prints it (`--pretty false`). */
interface ErrorCase {
  what: string;
  code: string;
  want: string[];
  /** TypeScript 7's text where it differs from 5.9's. */
  ts7?: string[];
}

const IMPORTS = `import type { BackupServerInput, RequestPacket, ResponsePacket, ServerOperatorTypeRequestItem } from './plesk/index.js';`;

const hovers: HoverCase[] = [
  {
    what: 'a repeating choice: the union of its named branches',
    code: 'type Item = ServerOperatorTypeRequestItem/*?*/;',
    want: '(alias) type ServerOperatorTypeRequestItem = ServerOperatorTypeRequestItemGetProtos | ServerOperatorTypeRequestItemSrvMan\nimport ServerOperatorTypeRequestItem',
  },
  {
    what: 'a variable of a choice type: the type name',
    code: "const item/*?*/: ServerOperatorTypeRequestItem = { srvMan: { id: 'web', operation: 'stop' } };",
    want: 'const item: ServerOperatorTypeRequestItem',
  },
  {
    what: 'narrowed by one branch property: that branch by name',
    code: 'function f(item: ServerOperatorTypeRequestItem) { if (item.srvMan !== undefined) return item/*?*/; return undefined; }',
    want: '(parameter) item: ServerOperatorTypeRequestItemSrvMan',
  },
  {
    what: 'an object with two choices beside its members: each choice a union of names',
    code: 'type Backup = BackupServerInput/*?*/;',
    want: [
      '(alias) type BackupServerInput = {',
      '    prefix?: StringType;',
      '    description: StringType;',
      '    splitSize?: Int;',
      '    onlyConfiguration?: NoneType;',
      '} & ((BackupServerInputLocal | BackupServerInputRemote) & (BackupServerInputNone2 | BackupServerInputOnlyHosting | BackupServerInputOnlyMail))',
      'import BackupServerInput',
    ].join('\n'),
  },
  {
    what: "a response's operator item, narrowed: the branch by name",
    code: 'function g(packet: ResponsePacket) { for (const op of packet.operators ?? []) if (op.server !== undefined) return op/*?*/; return undefined; }',
    want: 'const op: ResponsePacketTypeOperatorsItemServer',
  },
  {
    what: "a request packet's operators property",
    code: "const packet: RequestPacket = { operators: [{ server: [{ getProtos: true }] }] }; const ops = packet.operators/*?*/;",
    want: '(property) RequestPacket.operators: RequestPacketOperatorsItem[]',
  },
];

const errors: ErrorCase[] = [
  {
    what: 'two branches, neither a flag: the property of the other branch is named',
    code: "const b: BackupServerInput = { description: 'nightly', local: true, remote: 'ftp' };",
    want: [
      "TS2322: Type '{ description: string; local: true; remote: string; }' is not assignable to type 'BackupServerInput'.\n  Types of property 'remote' are incompatible.\n    Type 'string' is not assignable to type 'undefined'.",
    ],
  },
  {
    what: 'two branches, one a flag (poor, as TypeScript writes it: see the module comment)',
    code: "const two: ServerOperatorTypeRequestItem = { getProtos: true, srvMan: { id: 'web', operation: 'stop' } };",
    want: ["TS2322: Type 'string' is not assignable to type 'SrvOpType'."],
  },
  {
    what: 'a misspelled branch property: the choice and the nearest name',
    code: "const miss: ServerOperatorTypeRequestItem = { srvMna: { id: 'web', operation: 'stop' } };",
    want: ["TS2561: Object literal may only specify known properties, but 'srvMna' does not exist in type 'ServerOperatorTypeRequestItem'. Did you mean to write 'srvMan'?"],
  },
  {
    what: 'a misspelled property inside a branch',
    code: "const inner: ServerOperatorTypeRequestItem = { srvMan: { id: 'web', operaton: 'stop' } };",
    want: ["TS2561: Object literal may only specify known properties, but 'operaton' does not exist in type 'ServicesManagementTypeRequest'. Did you mean to write 'operation'?"],
  },
  {
    what: 'a missing required element inside a branch',
    code: "const missing: ServerOperatorTypeRequestItem = { srvMan: { id: 'web' } };",
    want: ["TS2741: Property 'operation' is missing in type '{ id: string; }' but required in type 'ServicesManagementTypeRequest'."],
  },
  {
    what: 'a missing required member beside a choice (the branch flattened into its parts: see emit/ts-types.ts namedChoice)',
    code: "const noDescription: BackupServerInput = { remote: 'ftp' };",
    want: [
      "TS2322: Type '{ remote: string; }' is not assignable to type 'BackupServerInput'.\n  Type '{ remote: string; }' is not assignable to type '({ prefix?: string | undefined; description: string; splitSize?: number | undefined; onlyConfiguration?: true | undefined; } & OtherBranchesAbsent<BackupServerInputNone, \"remote\"> & { ...; } & BackupServerInputNone2) | ({ ...; } & ... 3 more ... & { ...; }) | ({ ...; } & ... 3 more ... & { ...; })'.\n    Type '{ remote: string; }' is not assignable to type '{ prefix?: string | undefined; description: string; splitSize?: number | undefined; onlyConfiguration?: true | undefined; } & OtherBranchesAbsent<BackupServerInputNone, \"remote\"> & { ...; } & OtherBranchesAbsent<...> & { ...; }'.\n      Property 'description' is missing in type '{ remote: string; }' but required in type '{ prefix?: string | undefined; description: string; splitSize?: number | undefined; onlyConfiguration?: true | undefined; }'.",
    ],
  },
  {
    what: 'a value outside an enumeration',
    code: "const halt: ServerOperatorTypeRequestItem = { srvMan: { id: 'web', operation: 'halt' } };",
    want: ["TS2322: Type '\"halt\"' is not assignable to type 'SrvOpType'."],
  },
  {
    what: 'a wrong value type for a flag',
    code: 'const flag: ServerOperatorTypeRequestItem = { getProtos: 1 };',
    want: ["TS2322: Type 'number' is not assignable to type 'true'."],
  },
  {
    what: 'no branch at all',
    code: 'const none: ServerOperatorTypeRequestItem = {};',
    want: ["TS2322: Type '{}' is not assignable to type 'ServerOperatorTypeRequestItem'."],
  },
];

/** The consumer file: the imports, then each case in a block of its own (so their names do not meet). */
function consumerText(): { text: string; lines: Map<number, ErrorCase> } {
  const out = [IMPORTS, ''];
  const lines = new Map<number, ErrorCase>();
  for (const c of hovers) out.push(`{ ${c.code} }`);
  for (const c of errors) {
    lines.set(out.length + 1, c);
    out.push(`{ ${c.code} }`);
  }
  return { text: `${out.join('\n')}\n`, lines };
}

/** The part of TypeScript 5.9's API used here (the root `typescript` package is 7, with another API). */
interface Ts5 {
  sys: { fileExists(p: string): boolean; readFile(p: string): string | undefined; readDirectory(...a: unknown[]): string[]; directoryExists(p: string): boolean; getDirectories(p: string): string[] };
  ScriptSnapshot: { fromString(text: string): unknown };
  getParsedCommandLineOfConfigFile(path: string, options: object, host: object): { fileNames: string[]; options: object } | undefined;
  getDefaultLibFilePath(options: object): string;
  createLanguageService(host: object): {
    getQuickInfoAtPosition(file: string, position: number): { displayParts?: { text: string }[] } | undefined;
    getSemanticDiagnostics(file: string): { code: number; start?: number; messageText: unknown; file?: { getLineAndCharacterOfPosition(pos: number): { line: number } } }[];
  };
  displayPartsToString(parts: { text: string }[] | undefined): string;
  flattenDiagnosticMessageText(message: unknown, newLine: string): string;
}

const ts5 = createRequire(join(REPO_ROOT, 'tools', 'typescript-5', 'package.json'))('typescript') as Ts5;

let tree: string;
let project: string;
let file: string;
let config: { fileNames: string[]; options: object };
let service: ReturnType<Ts5['createLanguageService']>;

/**
 * A language service over the consumer project. The hovers and the diagnostics each get a fresh
 * one: how TypeScript prints a type depends on what it has worked out before (a type first met
 * through an alias keeps its name), so each table is read from the same starting point every run.
 */
function languageService(parsed: { fileNames: string[]; options: object }): ReturnType<Ts5['createLanguageService']> {
  return ts5.createLanguageService({
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: (f: string) => {
      const content = ts5.sys.readFile(f);
      return content === undefined ? undefined : ts5.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => project,
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (o: object) => ts5.getDefaultLibFilePath(o),
    fileExists: ts5.sys.fileExists,
    readFile: ts5.sys.readFile,
    readDirectory: ts5.sys.readDirectory,
    directoryExists: ts5.sys.directoryExists,
    getDirectories: ts5.sys.getDirectories,
  });
}
const { text, lines } = consumerText();

beforeAll(() => {
  tree = generateToTemp(EMBEDDED_SCHEMAS_DIR);
  project = createConsumerProjects(join(tree, '..', 'consumers'), tree, [], true).module;
  file = join(project, 'src', 'readability.ts');
  writeFileSync(file, text);
  const compilerOptions = { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: ['node'], skipLibCheck: true };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['src/readability.ts'] }));
  const parsed = ts5.getParsedCommandLineOfConfigFile(join(project, 'tsconfig.json'), {}, { ...ts5.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (parsed === undefined) throw new Error(`cannot read ${project}/tsconfig.json`);
  config = parsed;
  service = languageService(config);
});

// The consumer project lives in the tree's temporary folder: removeTemp takes both.
afterAll(() => {
  if (tree) removeTemp(tree);
});

/** Each case's diagnostics, as `TS<code>: <message>` texts. */
function byCase(diagnostics: { line: number; text: string }[]): Map<ErrorCase, string[]> {
  const found = new Map<ErrorCase, string[]>(errors.map((c) => [c, []]));
  for (const d of diagnostics) {
    const c = lines.get(d.line);
    if (c === undefined) throw new Error(`a diagnostic outside the error cases, line ${d.line}: ${d.text}`);
    found.get(c)!.push(d.text);
  }
  return found;
}

describe('hovers over the generated types (TypeScript 5.9 language service)', () => {
  it.each(hovers)('$what', ({ code, want }) => {
    const at = text.indexOf(code) + code.indexOf('/*?*/') - 1;
    const info = service.getQuickInfoAtPosition(file, at);
    expect(ts5.displayPartsToString(info?.displayParts)).toBe(want);
  });
});

describe('errors in code using the generated types', () => {
  let ls: Map<ErrorCase, string[]>;
  let tsc7: Map<ErrorCase, string[]>;
  beforeAll(() => {
    ls = byCase(
      languageService(config)
        .getSemanticDiagnostics(file).map((d) => ({
        line: d.file!.getLineAndCharacterOfPosition(d.start!).line + 1,
        text: `TS${d.code}: ${ts5.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      })),
    );
    const ts7 = TYPESCRIPT_VERSIONS.find((v) => v.name === 'TypeScript 7')!;
    const [command, ...args] = ts7.command;
    const run = spawnSync(command, [...args, '-p', project, '--pretty', 'false'], { encoding: 'utf8', cwd: project });
    // `src/readability.ts(12,45): error TS2322: message`, continuation lines indented.
    const found: { line: number; text: string }[] = [];
    for (const line of run.stdout.split('\n')) {
      const head = /^src\/readability\.ts\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
      if (head) found.push({ line: Number(head[1]), text: `${head[2]}: ${head[3]}` });
      else if (line.startsWith(' ') && found.length > 0) found[found.length - 1]!.text += `\n${line}`;
      else if (line.trim() !== '') throw new Error(`unexpected tsc output: ${line}`);
    }
    tsc7 = byCase(found);
  });

  it.each(errors)('$what', (c) => {
    expect(ls.get(c)).toEqual(c.want);
    expect(tsc7.get(c)).toEqual(c.ts7 ?? c.want);
  });
});
