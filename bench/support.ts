/**
 * What the benchmarks share: where the repository and the real schema set are, and the median.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The real Plesk schema set: `PLESK_SCHEMAS_DIR`, or `../shared/plesk-schemas/rpc-2015`. */
export const REAL_SCHEMAS_DIR = process.env.PLESK_SCHEMAS_DIR ?? resolve(ROOT, '../shared/plesk-schemas/rpc-2015');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
