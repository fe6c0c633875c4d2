// Runs once before the test files: clears the scratch folder where tests generate trees, so
// trees from earlier runs do not pile up; and builds the runtime package (packages/runtime,
// a fraction of a second), because the trees tests type-check as a consumer would see the
// runtime's emitted `.d.ts`, not its sources (test code itself runs the sources; see
// vitest.config.ts). It also stops the run at once, naming the variable to set, when the
// inputs kept outside the repository (../shared) are not where the tests look for them.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SCRATCH_DIR, TSC } from './support/tree.js';
import { REAL_SCHEMAS_DIR, REPO_ROOT, SAMPLES_DIR, SEEDS_DIR } from './support/seeds.js';

const INPUTS = [
  { variable: 'PLESK_SCHEMAS_DIR', dir: REAL_SCHEMAS_DIR, needs: 'agent_input.xsd', what: 'the real Plesk schema set (rpc-2015)' },
  { variable: 'PLESK_SEEDS_DIR', dir: SEEDS_DIR, needs: '', what: 'the documentation seed pages' },
  { variable: 'PLESK_SAMPLES_DIR', dir: SAMPLES_DIR, needs: 'INDEX.tsv', what: 'the documented samples' },
];

export default function setup(): void {
  const missing = INPUTS.filter((i) => !existsSync(join(i.dir, i.needs)));
  if (missing.length > 0) {
    throw new Error(
      `the tests need inputs kept outside the repository:\n${missing
        .map((i) => `  ${i.what}: ${join(i.dir, i.needs)} not found; set ${i.variable} to its folder`)
        .join('\n')}\n(.ci/run sets them; by default they are read from ../shared next to the repository)`,
    );
  }
  rmSync(SCRATCH_DIR, { recursive: true, force: true });
  execFileSync(TSC, ['-p', join(REPO_ROOT, 'packages', 'runtime', 'tsconfig.json')], { stdio: 'inherit' });
}
