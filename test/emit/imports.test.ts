/**
 * The import tracker every generated file is written with (generator/emit/imports.ts): given
 * what a file uses from where, want its import lines — one order whatever the order of the
 * calls, one line per source, the tree's extension on every relative specifier.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromModule, fromPackage, Imports, type ImportExtension, type ImportSource } from '../../generator/emit/imports.js';

describe('Imports.specifier', () => {
  it.each<{ file: string; module: string; extension: ImportExtension; want: string }>([
    { file: 'index', module: 'request', extension: 'js', want: './request.js' },
    { file: 'index', module: 'request', extension: 'ts', want: './request.ts' },
    { file: 'operators/server', module: 'request', extension: 'js', want: '../request.js' },
    { file: 'operators/server', module: 'descriptors/shared', extension: 'ts', want: '../descriptors/shared.ts' },
    { file: 'types/a', module: 'types/b', extension: 'js', want: './b.js' },
    { file: 'shared/common', module: 'request/x', extension: 'js', want: '../request/x.js' },
    { file: 'a/b/c', module: 'd', extension: 'js', want: '../../d.js' },
    { file: 'index', module: 'shared/UBL-CommonBasicComponents-2.1', extension: 'ts', want: './shared/UBL-CommonBasicComponents-2.1.ts' },
  ])('from $file to $module (extension $extension) is $want', ({ file, module, extension, want }) => {
    expect(new Imports(file, extension).specifier(module)).toBe(want);
  });
});

type Call = (imports: Imports) => void;
const RUNTIME = fromPackage('plesk-api-codegen-runtime');
const CLIENT = fromPackage('plesk-api-codegen-runtime/client');

describe('Imports.print', () => {
  it.each<{ what: string; file?: string; extension?: ImportExtension; calls: Call[]; want: string[] }>([
    { what: 'nothing', calls: [], want: [] },
    { what: 'nothing but empty lists', calls: [(i) => i.values(RUNTIME, []), (i) => i.types(fromModule('request'), [])], want: [] },
    {
      what: 'values then types, each sorted',
      calls: [(i) => i.types(RUNTIME, ['RootDesc', 'ComplexDesc']), (i) => i.values(RUNTIME, ['serialize', 'parse'])],
      want: ["import { parse, serialize, type ComplexDesc, type RootDesc } from 'plesk-api-codegen-runtime';"],
    },
    {
      what: 'types only: import type',
      calls: [(i) => i.types(fromModule('shared/common'), ['B', 'A', 'B'])],
      file: 'request/x',
      want: ["import type { A, B } from '../shared/common.js';"],
    },
    {
      what: 'a name imported as a value and as a type, once as a value',
      calls: [(i) => i.types(RUNTIME, ['RootDesc']), (i) => i.values(RUNTIME, ['RootDesc'])],
      want: ["import { RootDesc } from 'plesk-api-codegen-runtime';"],
    },
    {
      what: 'an import under another name, sorted by the name imported',
      calls: [(i) => i.values(RUNTIME, ['sequenceDesc as runtimeSequenceDesc', 'checkDescriptorFormat', 'choiceDesc as runtimeChoiceDesc'])],
      want: ["import { checkDescriptorFormat, choiceDesc as runtimeChoiceDesc, sequenceDesc as runtimeSequenceDesc } from 'plesk-api-codegen-runtime';"],
    },
    {
      what: 'packages before the tree, each by specifier; a namespace after the named import of its module',
      file: 'operators/server',
      calls: [
        (i) => i.namespace(fromModule('response'), 'Res', true),
        (i) => i.types(fromModule('response'), ['ResponsePacket']),
        (i) => i.values(fromModule('descriptors/shared'), ['StringType']),
        (i) => i.namespace(fromModule('request'), 'Req', true),
        (i) => i.types(fromModule('request'), ['RequestPacket']),
        (i) => i.values(fromModule('descriptors/request'), ['X']),
        (i) => i.types(CLIENT, ['PacketCodec']),
        (i) => i.values(RUNTIME, ['parse']),
      ],
      want: [
        "import { parse } from 'plesk-api-codegen-runtime';",
        "import type { PacketCodec } from 'plesk-api-codegen-runtime/client';",
        "import { X } from '../descriptors/request.js';",
        "import { StringType } from '../descriptors/shared.js';",
        "import type { RequestPacket } from '../request.js';",
        "import type * as Req from '../request.js';",
        "import type { ResponsePacket } from '../response.js';",
        "import type * as Res from '../response.js';",
      ],
    },
    {
      what: 'a namespace alone, and one imported for values too (not type-only)',
      file: 'codec',
      extension: 'ts',
      calls: [(i) => i.namespace(fromModule('descriptors'), 'descriptors'), (i) => i.namespace(fromModule('types/a'), 'A', true), (i) => i.namespace(fromModule('types/a'), 'A')],
      want: ["import * as descriptors from './descriptors.ts';", "import * as A from './types/a.ts';"],
    },
  ])('$what', ({ file, extension, calls, want }) => {
    const imports = new Imports(file ?? 'index', extension ?? 'js');
    for (const call of calls) call(imports);
    expect(imports.print()).toBe(want.join('\n'));
  });

  it('lists the names one per line when the line is longer than wrapWidth, and only then', () => {
    const imports = new Imports('client', 'js').values(CLIENT, ['PleskClientCore', 'runBatch']).types(CLIENT, ['Outcome']).values(fromModule('request'), ['serializeRequest']);
    expect(imports.print({ wrapWidth: 60 })).toBe(
      ['import {', '  PleskClientCore,', '  runBatch,', '  type Outcome,', "} from 'plesk-api-codegen-runtime/client';", "import { serializeRequest } from './request.js';"].join('\n'),
    );
    expect(imports.print({ wrapWidth: 200 })).toBe(imports.print());
  });

  it('refuses one module under two namespace names', () => {
    const imports = new Imports('client', 'js').namespace(fromModule('request'), 'Req');
    expect(() => imports.namespace(fromModule('request'), 'Request')).toThrow('./request.js is imported as Req and as Request in client');
  });

  it('prints the same lines whatever the order of the calls', () => {
    const sources = [RUNTIME, CLIENT, fromModule('request'), fromModule('descriptors/shared'), fromModule('shared/a'), fromModule('operators/x')];
    type Recorded = { kind: 'values' | 'types'; source: ImportSource; names: string[] } | { kind: 'namespace'; source: ImportSource; typeOnly: boolean };
    const call: fc.Arbitrary<Recorded> = fc.oneof(
      fc.record({ kind: fc.constantFrom('values' as const, 'types' as const), source: fc.constantFrom(...sources), names: fc.array(fc.constantFrom('A', 'b', 'C as D', 'e'), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('namespace' as const), source: fc.constantFrom(...sources), typeOnly: fc.boolean() }),
    );
    const apply = (imports: Imports, c: Recorded): void => {
      if (c.kind === 'namespace') imports.namespace(c.source, 'NS', c.typeOnly);
      else imports[c.kind](c.source, c.names);
    };
    fc.assert(
      fc.property(
        fc.array(call, { maxLength: 12 }).chain((calls) => fc.tuple(fc.constant(calls), fc.shuffledSubarray(calls, { minLength: calls.length, maxLength: calls.length }))),
        ([calls, shuffled]) => {
          const a = new Imports('shared/b', 'ts');
          const b = new Imports('shared/b', 'ts');
          calls.forEach((c) => apply(a, c));
          shuffled.forEach((c) => apply(b, c));
          expect(b.print()).toBe(a.print());
        },
      ),
    );
  });
});
