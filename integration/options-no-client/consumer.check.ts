// Consumer of the options-no-client tree (`--no-client`, `--naming xml`, `--integers bigint`):
// the codecs alone, type-checked with tsc against the golden tree; every `@ts-expect-error` must
// be needed.
import { parseResponse, serializeRequest, type RequestPacket } from './generated/index.js';
import * as tree from './generated/index.js';

const packet: RequestPacket = {
  operators: [
    { account: [{ 'add-account': { login_name: 'jdoe', 'owner-id': 7n } }, { ping: true }] },
    { 'db-host': { 'set-default': { 'host-id': 3n } } },
    { mail_prefs: { get_prefs: true, set_prefs: { 'max-size': 1n } } },
  ],
};
export const xml: string = serializeRequest(packet);
export const answer = parseResponse('<packet><db-host><set-default><result><status>ok</status></result></set-default></db-host></packet>');

// @ts-expect-error a plain-choice operator holds one operation
export const two: RequestPacket = { operators: [{ 'db-host': { 'get-local': true, 'set-default': { 'host-id': 3n } } }] };
// @ts-expect-error no client without --client
export const client = tree.PleskClient;
