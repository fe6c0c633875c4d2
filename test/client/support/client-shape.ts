/**
 * The module shape a rendered client.ts has for the fixture data (support/tree.ts), written out
 * by hand so tests can type the dynamically imported output (`typeof import('./client-shape.js')`).
 * Type-only: never imported at run time. The template test type-checks the real output itself.
 */
import type { PleskCallOptions, PleskClientCore, PleskClientOptions, SettledOperation } from 'plesk-api-codegen-runtime/client';
import type * as Req from '../fixture/request.js';
import type * as Res from '../fixture/response.js';

export * from 'plesk-api-codegen-runtime/client';

export declare const PROTOCOL_VERSION: string;

export declare class PleskClient {
  readonly core: PleskClientCore<Req.RequestPacket, Res.ResponsePacket>;
  readonly server: {
    srvMan(params: Req.ServicesManagementType, opts?: PleskCallOptions): Promise<Res.ServicesManagementResultType>;
    getProtos(opts?: PleskCallOptions): Promise<Res.GetProtosResultType>;
  };
  readonly backupManager: {
    backupServer(params: Req.BackupServerInput, opts?: PleskCallOptions): Promise<Res.BackupResultType>;
  };
  readonly site: {
    get(params: Req.SiteGetInput, opts?: PleskCallOptions): Promise<Res.SiteGetResultType[]>;
  };
  constructor(options: PleskClientOptions);
  request(packet: Req.RequestPacket, opts?: PleskCallOptions): Promise<Res.ResponsePacket>;
  requestSettled(packet: Req.RequestPacket, opts?: PleskCallOptions): Promise<{ response: Res.ResponsePacket; operations: SettledOperation[] }>;
  settle(request: Req.RequestPacket, response: Res.ResponsePacket): SettledOperation[];
  close(): Promise<void>;
}
