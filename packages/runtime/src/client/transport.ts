/**
 * The HTTP layer: one POST, on Node's own `node:http`/`node:https`.
 *
 * Chosen by measurement (bench/RESULTS.md, "Client transport"): against undici and global
 * `fetch` it adds nothing to a bundle (a built-in module is an import, not code), needs no
 * dependency, runs unchanged on Node 20–24, Bun and Deno (their `node:https`), and carries every
 * transport setting through a plain `Agent`: a custom CA, verification on by default, keep-alive
 * connection reuse. Global `fetch` cannot take a CA per request without importing undici
 * (Node's fetch has no TLS options of its own), and undici bundled as ESM crashes at start
 * (`Dynamic require of "node:assert"`) and weighs about half a megabyte minified.
 *
 * What this layer tells apart, so the core can map it to typed errors:
 * - a failure before any response (refused, reset, DNS, TLS): the lower-layer error as thrown;
 * - a body that breaks off after the headers: `TruncatedBody` (received and announced bytes);
 * - a body over the limit: `BodyTooLarge` (reading stops, the connection is dropped);
 * - a compressed 2xx body (the core asks for `Accept-Encoding: identity`, so a server that
 *   compresses anyway breaks the protocol): a `PleskResponseError` saying so, where the parser
 *   would only have seen bytes that are not UTF-8.
 * Timeouts and caller aborts come in through `signal`; the core knows which one fired.
 *
 * One retry, for read-only packets only: a kept-alive connection the server closes just as the
 * next request goes out on it fails that request before any answer (Node reports the reuse as
 * `reusedSocket`). A packet whose every operation only reads (`readOnly`) is sent once more, on
 * whatever connection the agent gives (the dead one is gone); any other packet is not — a Plesk
 * operation that changes something may have been carried out — and fails with the error.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { PleskResponseError } from './errors.js';

/** One request as the core hands it to a transport. */
export interface PleskTransportRequest {
  readonly url: URL;
  readonly method: 'POST';
  /** Header entries; values are byte strings (one Latin-1 code unit per byte). */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
  /** Fires on timeout or caller abort: stop, and reject with anything. */
  readonly signal: AbortSignal;
  /** Largest body accepted for a 2xx answer; more → reject with `BodyTooLarge`. */
  readonly maxResponseBytes: number;
  /** For answers outside 2xx only this many bytes are needed (for an error snippet); the rest may be dropped. */
  readonly errorBodyBytes: number;
  /**
   * Every operation of the packet only reads (`PleskCallOptions.readOnly`): the request may be
   * sent again, once, when it fails on a reused kept-alive connection before any answer (the
   * server closed it as the request went out). Never set for a packet that changes something.
   */
  readonly readOnly?: boolean | undefined;
}

/** The answer a transport resolves with. */
export interface PleskTransportResponse {
  readonly status: number;
  readonly statusText: string;
  /** Header lookup by lower-case name. */
  header(name: string): string | undefined;
  readonly body: Uint8Array;
}

/**
 * Carries one request. The default is Node's `node:http`/`node:https`; pass your own as the
 * client's `transport` option (a test double, or another HTTP stack). A transport rejects with
 * `BodyTooLarge` and `TruncatedBody` for those two cases; anything else it rejects with is
 * reported as a network failure (or TLS, when its `code` says so).
 */
export type PleskTransport = (request: PleskTransportRequest) => Promise<PleskTransportResponse>;

/** The 2xx body was larger than `maxResponseBytes`. */
export class BodyTooLarge extends Error {
  override name: string = 'BodyTooLarge';
}

/** The connection closed after the headers, before the body was complete. */
export class TruncatedBody extends Error {
  override name: string = 'TruncatedBody';
  constructor(
    readonly status: number,
    readonly contentType: string | undefined,
    readonly received: Uint8Array,
    readonly expectedBytes: number | undefined,
  ) {
    super(`response body broke off after ${received.byteLength} bytes`);
  }
}

export interface NodeTransportOptions {
  /** Trusted CA certificate(s), PEM; replaces the default roots. */
  readonly ca?: readonly (string | Uint8Array)[];
  /** `false` turns certificate and host name verification off. */
  readonly rejectUnauthorized: boolean;
  /** An agent of the caller's (a proxy agent, a custom pool); the TLS settings are then its business. */
  readonly agent?: HttpAgent;
}

/** A transport on `node:http`/`node:https` with its own keep-alive agents, and a `close` that drops their sockets. */
export function nodeTransport(options: NodeTransportOptions): { transport: PleskTransport; close(): void } {
  let https: HttpsAgent | undefined;
  let http: HttpAgent | undefined;
  const agentFor = (url: URL): HttpAgent => {
    if (options.agent !== undefined) return options.agent;
    if (url.protocol === 'https:') {
      https ??= new HttpsAgent({
        keepAlive: true,
        rejectUnauthorized: options.rejectUnauthorized,
        ...(options.ca === undefined ? {} : { ca: options.ca.map((c) => (typeof c === 'string' ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength))) }),
      });
      return https;
    }
    http ??= new HttpAgent({ keepAlive: true });
    return http;
  };
  const transport = (req: PleskTransportRequest, retry = req.readOnly): Promise<PleskTransportResponse> =>
    new Promise<PleskTransportResponse>((resolve, reject) => {
      const send = req.url.protocol === 'https:' ? httpsRequest : httpRequest;
      const headers: Record<string, string> = {};
      for (const [k, v] of req.headers) headers[k] = v;
      headers['Content-Length'] = String(req.body.byteLength);
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        req.signal.removeEventListener('abort', onAbort);
        fn();
      };
      const outgoing = send(req.url, { method: req.method, headers, agent: agentFor(req.url) });
      function onAbort(): void {
        const reason = new Error('request aborted');
        finish(() => reject(reason));
        outgoing.destroy(reason);
      }
      req.signal.addEventListener('abort', onAbort, { once: true });
      // (Errors after the status line come through the response: this is "no answer at all".)
      outgoing.on('error', (err) => finish(() => (retry && outgoing.reusedSocket ? resolve(transport(req, false)) : reject(err))));
      outgoing.on('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const contentType = headerValue(res.headers['content-type']);
        const announced = res.headers['content-length'] === undefined ? undefined : Number(res.headers['content-length']);
        const ok = status >= 200 && status <= 299;
        const limit = ok ? req.maxResponseBytes : req.errorBodyBytes;
        const coded = ok && (res.headers['content-encoding'] ?? 'identity') !== 'identity';
        if (coded || (ok && announced !== undefined && announced > limit)) {
          finish(() => reject(coded ? new PleskResponseError('Plesk response is compressed (Content-Encoding), not accepted', {}) : new BodyTooLarge()));
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let total = 0;
        const answer = (): PleskTransportResponse => ({
          status,
          statusText: res.statusMessage ?? '',
          header: (name) => headerValue(res.headers[name.toLowerCase()]),
          body: Buffer.concat(chunks, total),
        });
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          chunks.push(chunk);
          total += chunk.byteLength;
          if (total > limit) {
            if (ok) finish(() => reject(new BodyTooLarge()));
            else finish(() => resolve(answer()));
            res.destroy();
          }
        });
        res.on('end', () => finish(() => resolve(answer())));
        // 'close' without 'end' (or an 'error' such as "aborted"): the body broke off.
        // For an error status the status is the news: what arrived is enough for a snippet.
        const brokeOff = (): void => {
          if (res.complete) return;
          if (ok) finish(() => reject(new TruncatedBody(status, contentType, Buffer.concat(chunks, total), announced)));
          else finish(() => resolve(answer()));
        };
        res.on('error', brokeOff);
        res.on('close', brokeOff);
      });
      outgoing.end(req.body);
    });
  return {
    transport,
    close() {
      https?.destroy();
      http?.destroy();
    },
  };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}
