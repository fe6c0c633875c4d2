// Runs once before the test files: clears the scratch folder where tests generate trees, so
// trees from earlier runs do not pile up.
import { rmSync } from 'node:fs';
import { SCRATCH_DIR } from './support/tree.js';

export default function setup(): void {
  rmSync(SCRATCH_DIR, { recursive: true, force: true });
}
