// Runs once before the test files: clears the scratch folder where tests generate trees, so
// trees from earlier runs do not pile up; and builds the runtime package (packages/runtime,
// a fraction of a second), because the trees tests type-check as a consumer would see the
// runtime's emitted `.d.ts`, not its sources (test code itself runs the sources; see
// vitest.config.ts).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SCRATCH_DIR, TSC } from './support/tree.js';
import { REPO_ROOT } from './support/seeds.js';

export default function setup(): void {
  rmSync(SCRATCH_DIR, { recursive: true, force: true });
  execFileSync(TSC, ['-p', join(REPO_ROOT, 'packages', 'runtime', 'tsconfig.json')], { stdio: 'inherit' });
}
