import type { SchemaSets } from '../model/index.js';
import type { ApiChange } from './changes.js';
export interface ApiOptions { naming?: 'camel' | 'xml'; integers?: 'number' | 'bigint' }
export function compareApis(_a: SchemaSets, _b: SchemaSets, _ao?: ApiOptions, _bo?: ApiOptions): ApiChange[] { return []; }
