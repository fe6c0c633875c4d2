/**
 * The Plesk client runtime: transport, typed errors and batch settlement, generic over the
 * generated bindings (see `core.ts`). The generated `client.ts` builds `PleskClient` on top.
 *
 * ```ts
 * import { PleskClientCore } from 'plesk-api-codegen-runtime/client';
 * import { serializeRequest, type RequestPacket } from './request.js';
 * import { parseResponse, type ResponsePacket } from './response.js';
 *
 * const core = new PleskClientCore<RequestPacket, ResponsePacket>(
 *   { serializeRequest, parseResponse },
 *   { host: 'plesk.example.com', auth: { secretKey: process.env.PLESK_KEY! }, ca: pem },
 *   { protocolVersion: '1.6.9.1' },
 * );
 * const res = await core.request(packet);           // throws PleskSystemError on <system> errors
 * for (const op of core.settle(packet, res)) …      // one entry per operation, ok or not
 * ```
 */
export {
  PleskClientCore,
  endpointUrl,
  DEFAULT_HTTP_PORT,
  DEFAULT_PATH,
  DEFAULT_PORT,
  DEFAULT_TIMEOUT_MS,
  type PacketCodec,
  type PleskCallOptions,
  type PleskClientDefaults,
  type PleskClientOptions,
  type PleskClientSettings,
  type PleskEndpointOptions,
  type PleskRawResponse,
} from './core.js';
export { BodyTooLarge, TruncatedBody, type PleskTransport, type PleskTransportRequest, type PleskTransportResponse } from './transport.js';
export {
  PleskAbortError,
  PleskClientError,
  PleskHttpError,
  PleskNetworkError,
  PleskOperationError,
  PleskResponseError,
  PleskSystemError,
  PleskTimeoutError,
  PleskTlsError,
  PleskTruncatedResponseError,
  type PleskClientErrorCode,
  type PleskResultLike,
} from './errors.js';
export {
  operationResults,
  packetOperations,
  settle,
  settleOperation,
  throwIfSystemError,
  type OperationsLayout,
  type PacketLayouts,
  type PacketOperation,
  type Redact,
  type SettledError,
  type SettledOk,
  type SettledOperation,
} from './settle.js';
export {
  buildPacket,
  operationRunner,
  runBatch,
  runBatchSettled,
  runOperations,
  type BatchOperation,
  type BatchSettled,
  type BatchValues,
  type CallOptionsOf,
  type OperationCore,
  type OperationMode,
  type OperationRunner,
  type Outcome,
} from './operations.js';
export {
  pickedClient,
  type PickedOperators,
  type PleskOperation,
  type PleskOperatorParts,
  type PleskPacketElement,
  type PleskPacketParts,
  type PleskPickedClient,
} from './picked.js';
export { fromHeaderByteString, toHeaderByteString, REDACTED, type PleskAuth } from './credentials.js';
// The root of every error a call can reject with, and the request-side errors of the codecs.
export { PleskError, SchemaViolationError, XmlSyntaxError } from '../errors.js';
