/**
 * Type-level tests of the constructs golden tree: compiled by `tsc --strict` in
 * `constructs.test.ts` (not a vitest file). Each `@ts-expect-error` must be needed: tsc reports
 * an unused one, so a binding that becomes too loose fails the test.
 */
import type {
  AlphaInputType,
  BetaInputType,
  ConfigureType,
  GetTypeRequest,
  NamesType,
  RequestPacket,
  SetInputType,
  SetInputTypeOptions,
  SwitchType,
} from './generated/request/agent_input.js';
import type { ResponsePacketType } from './generated/response/agent_output.js';
import type { AmountType, LevelType, NoneType, ObjectNode, ResultStatus, SizeOrAuto } from './generated/shared/common.js';
import { LevelTypeValues, ResultStatusValues } from './generated/shared/common.js';

// ---- A plain value of each construct compiles ---------------------------------------------

const minimalSet: SetInputType = { token: 't', tag: ['a'], traceId: 'x' };

const fullSet: SetInputType = {
  login: 'admin',
  password: 'secret',
  ownerId: 7,
  ownerLogin: 'owner',
  keyGroup: [
    { key: 'k1', value: 'v1' },
    { key: 'k2', value: 'v2' },
  ],
  tag: ['a', 'b', 'c'],
  note: [],
  limits: { unit: 'MB', maxSize: 10 },
  options: { flagAGroup: [{ level: 2, fast: true }, { flagA: true }], label: 'l' },
  traceId: 'trace',
  verbose: true,
};

const names: NamesType = { fooBar: 'a', fooBar2: 'b', default: 'd', class: 'c', class2: 'attr', comment: null, aliases: ['x', null], kind: 'names' };

const configure: ConfigureType = { name: 'n', value: ['v'], id: 1, dryRun: false };
const switched: SwitchType = { name: 'n', enable: true };
const amount: AmountType = { value: '12.50', currency: 'EUR' };
const tree: ObjectNode = { name: 'root', child: [{ name: 'leaf', child: [{ name: 'deeper' }] }] };
const size: SizeOrAuto[] = [512, 'auto'];
const get: GetTypeRequest = { filter: { id: [1, 2] }, dataset: { genInfo: true } };
const getAll: GetTypeRequest = { filter: { name: ['web'] }, dataset: {} };

// A repeating choice: branches mixed, repeated, in any order.
const alpha: AlphaInputType = [{ services: { id: 'web', operation: 'start' } }, { get }, { set: minimalSet }, { get: getAll }, { rename: names }];
const beta: BetaInputType = [{ echo: true }, { ping: true }, { echo: 'text' }, { echo: { xml: '<a/>' } }, { tree }, { configure }, { switch: switched }];
const packet: RequestPacket = { version: '1.0', operators: [{ beta }, { alpha }, { gamma: [{ tree }, { measure: amount }] }, { alpha: [] }] };

const response: ResponsePacketType = { operators: [{ alpha: [{ get: { result: [{ status: 'ok' }] } }] }] };
const systemError: ResponsePacketType = { system: { status: 'error', errcode: 1001, errtext: 'denied' } };

const statuses: readonly ResultStatus[] = ResultStatusValues;
const levels: readonly LevelType[] = LevelTypeValues;
const flag: NoneType = true;

// ---- Choices: one branch only -------------------------------------------------------------

// @ts-expect-error credentials and token are exclusive branches
const bothBranches: SetInputType = { login: 'a', password: 'b', token: 't', tag: ['a'], traceId: 'x' };

// @ts-expect-error no branch of a required choice
const noBranch: SetInputType = { tag: ['a'], traceId: 'x' };

// @ts-expect-error a branch that is a sequence must be given whole
const halfBranch: SetInputType = { login: 'a', tag: ['a'], traceId: 'x' };

// @ts-expect-error the optional choice of dataset still allows one branch only
const twoDatasets: GetTypeRequest = { filter: { id: [1] }, dataset: { genInfo: true, stat: true } };

// @ts-expect-error an extension that adds a choice keeps it exclusive
const bothSwitches: SwitchType = { name: 'n', enable: true, disable: true };

// @ts-expect-error one item of a repeating choice holds exactly one branch
const twoOperations: AlphaInputType = [{ get, rename: names }];

// @ts-expect-error one operator per item of the packet's repeating choice
const twoOperators: RequestPacket = { operators: [{ alpha, beta }] };

// @ts-expect-error a response is the operators or a system error, not both
const both: ResponsePacketType = { operators: [], system: { status: 'error' } };

// @ts-expect-error nested choice inside a repeating choice's sequence branch
const nested: SetInputTypeOptions = { flagAGroup: [{ level: 1, fast: true, safe: true }], label: 'l' };

// ---- Enumerations -------------------------------------------------------------------------

// @ts-expect-error not a value of result_status
const badStatus: ResultStatus = 'maybe';

// @ts-expect-error not a value of levelType (integer enumeration)
const badLevel: LevelType = 4;

// @ts-expect-error an integer enumeration takes numbers, not their text
const textLevel: LevelType = '1';

// @ts-expect-error anonymous enumeration of ServicesType/operation
const badOperation: AlphaInputType = [{ services: { id: 'web', operation: 'reload' } }];

// ---- Required and optional ----------------------------------------------------------------

// @ts-expect-error the required element `comment` is missing
const noComment: NamesType = { fooBar: 'a', fooBar2: 'b', default: 'd', kind: 'names' };

// @ts-expect-error the required attribute `trace-id` is missing
const noTrace: SetInputType = { token: 't', tag: ['a'] };

// @ts-expect-error the required element of a plain extension's base is missing
const noName: ConfigureType = { value: ['v'] };

// @ts-expect-error an optional sequence of required elements: all or none
const partialOwner: SetInputType = { token: 't', ownerId: 1, tag: ['a'], traceId: 'x' };

// @ts-expect-error a repeating sequence's items are whole sequences
const partialKey: SetInputType = { token: 't', keyGroup: [{ key: 'k' }], tag: ['a'], traceId: 'x' };

// @ts-expect-error an element with maxOccurs > 1 is an array
const singleTag: SetInputType = { token: 't', tag: 'a', traceId: 'x' };

// ---- Nillable -----------------------------------------------------------------------------

// @ts-expect-error null only where the element is nillable
const nullName: NamesType = { fooBar: null, fooBar2: 'b', default: 'd', comment: null, kind: 'names' };

// @ts-expect-error a nillable element is still required
const missingNillable: NamesType = { fooBar: 'a', fooBar2: 'b', default: 'd', kind: 'names' };

// @ts-expect-error not nillable: an optional element takes no null either
const nullClass: NamesType = { fooBar: 'a', fooBar2: 'b', default: 'd', class: null, comment: 'c', kind: 'names' };

// ---- Flags, untyped elements, simple content ----------------------------------------------

// @ts-expect-error a flag is `true`, never `false`
const falseFlag: NoneType = false;

// @ts-expect-error a flag element inside an item takes `true` only
const objectFlag: BetaInputType = [{ ping: {} }];

// @ts-expect-error an untyped element takes true, text or an XmlFragment, not a number
const numberEcho: BetaInputType = [{ echo: 1 }];

// @ts-expect-error simple content needs its value
const noValue: AmountType = { currency: 'EUR' };

// @ts-expect-error a recursive type checks every level
const badTree: ObjectNode = { name: 'root', child: [{ child: [] }] };

// ---- Choices: checking a branch's property narrows to that branch ---------------------------

export function describeOperation(item: AlphaInputType[number]): string {
  if (item.get !== undefined) return `get ${JSON.stringify(item.get.filter)}`;
  if (item.set !== undefined) return `set ${item.set.traceId}`;
  if (item.rename !== undefined) {
    // Narrowed to the rename branch: the other branches' properties are absent.
    const none: undefined = item.services;
    return `rename ${item.rename.fooBar}${none ?? ''}`;
  }
  // Only the services branch is left.
  return `services ${item.services.id}`;
}

export function datasetName(dataset: GetTypeRequest['dataset']): string {
  if (dataset === undefined) return 'none';
  if (dataset.genInfo) return 'genInfo';
  // @ts-expect-error not narrowed yet: `stat` may be absent (the empty branch)
  const stat: NoneType = dataset.stat;
  return stat ? 'stat' : 'nothing';
}

export const values = [
  minimalSet, fullSet, names, configure, switched, amount, tree, size, get, getAll, alpha, beta, packet, response, systemError, statuses, levels, flag,
  bothBranches, noBranch, halfBranch, twoDatasets, bothSwitches, twoOperations, twoOperators, both, nested,
  badStatus, badLevel, textLevel, badOperation,
  noComment, noTrace, noName, partialOwner, partialKey, singleTag,
  nullName, missingNillable, nullClass,
  falseFlag, objectFlag, numberEcho, noValue, badTree,
];
