// The runtime package and the generator are released in lockstep, and `generate` tells the user
// what to install: given a package.json above the output folder (and maybe an installed runtime),
// the advice printed, or none.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATOR_VERSION, inCaretRange, RUNTIME_PACKAGE, RUNTIME_RANGE, runtimeInstallAdvice } from '../../generator/emit/runtime-package.js';
import { REPO_ROOT } from '../support/seeds.js';

const json = (path: string): { name: string; version: string; dependencies?: Record<string, string> } => JSON.parse(readFileSync(path, 'utf8'));

describe('lockstep versions', () => {
  it('the runtime package has the generator version, and trees ask for ^that version', () => {
    const root = json(join(REPO_ROOT, 'package.json'));
    const runtime = json(join(REPO_ROOT, 'packages', 'runtime', 'package.json'));
    expect(runtime.name).toBe(RUNTIME_PACKAGE);
    expect(runtime.version).toBe(root.version);
    expect(GENERATOR_VERSION).toBe(root.version);
    expect(RUNTIME_RANGE).toBe(`^${root.version}`);
  });
});

describe('inCaretRange', () => {
  const table: [version: string, base: string, want: boolean][] = [
    ['0.1.0', '0.1.0', true],
    ['0.1.7', '0.1.0', true],
    ['0.1.2', '0.1.3', false],
    ['0.2.0', '0.1.0', false], // 0.x: a minor release may break
    ['0.0.3', '0.0.3', true],
    ['0.0.4', '0.0.3', false],
    ['1.4.0', '1.2.3', true],
    ['1.2.2', '1.2.3', false],
    ['2.0.0', '1.2.3', false],
    ['not a version', '1.0.0', false],
  ];
  it.each(table)('%s in ^%s: %s', (version, base, want) => {
    expect(inCaretRange(version, base)).toBe(want);
  });
});

describe('runtimeInstallAdvice', () => {
  const work = mkdtempSync(join(tmpdir(), 'plesk-advice-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let n = 0;
  /** A project folder with this package.json (and maybe an installed runtime); returns its `src/plesk`. */
  function project(pkg: object | null, installed?: string): string {
    const dir = join(work, `p${n++}`);
    mkdirSync(join(dir, 'src'), { recursive: true });
    if (pkg !== null) writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    if (installed !== undefined) {
      mkdirSync(join(dir, 'node_modules', RUNTIME_PACKAGE), { recursive: true });
      writeFileSync(join(dir, 'node_modules', RUNTIME_PACKAGE, 'package.json'), JSON.stringify({ name: RUNTIME_PACKAGE, version: installed }));
    }
    return join(dir, 'src', 'plesk');
  }
  const install = `npm install --save-prod ${RUNTIME_PACKAGE}@${RUNTIME_RANGE}`;

  it('names the exact command when the package does not list the runtime', () => {
    const advice = runtimeInstallAdvice(project({ name: 'app', dependencies: { other: '^1.0.0' } }));
    expect(advice).toContain('does not list in its dependencies');
    expect(advice).toContain(install);
    expect(advice).toContain('npm install --save-dev @peculiar/x509 reflect-metadata');
    const withPeers = runtimeInstallAdvice(project({ name: 'app', devDependencies: { '@peculiar/x509': '^2.2.0', 'reflect-metadata': '^0.2.2' } }));
    expect(withPeers).toContain(install);
    expect(withPeers).not.toContain('--save-dev');
  });

  it('says the runtime belongs in dependencies when it is only a devDependency', () => {
    const advice = runtimeInstallAdvice(project({ name: 'app', devDependencies: { [RUNTIME_PACKAGE]: RUNTIME_RANGE } }));
    expect(advice).toContain('devDependencies only');
    expect(advice).toContain(install);
  });

  it('is silent when dependencies (or peerDependencies) hold a range in step with the generator', () => {
    expect(runtimeInstallAdvice(project({ name: 'app', dependencies: { [RUNTIME_PACKAGE]: RUNTIME_RANGE } }))).toBeNull();
    expect(runtimeInstallAdvice(project({ name: 'lib', peerDependencies: { [RUNTIME_PACKAGE]: RUNTIME_RANGE } }))).toBeNull();
    expect(runtimeInstallAdvice(project({ name: 'app', dependencies: { [RUNTIME_PACKAGE]: `~${GENERATOR_VERSION}` } }, GENERATOR_VERSION))).toBeNull();
    // A local path or tag cannot be judged from the text: no advice.
    expect(runtimeInstallAdvice(project({ name: 'app', dependencies: { [RUNTIME_PACKAGE]: 'file:../runtime' } }))).toBeNull();
  });

  it('asks for an update when the declared range or the installed copy is older than the generator', () => {
    const declared = runtimeInstallAdvice(project({ name: 'app', dependencies: { [RUNTIME_PACKAGE]: '^0.0.1' } }));
    expect(declared).toContain(`asks for ${RUNTIME_PACKAGE}@^0.0.1`);
    expect(declared).toContain(install);
    const installed = runtimeInstallAdvice(project({ name: 'app', dependencies: { [RUNTIME_PACKAGE]: RUNTIME_RANGE } }, '0.0.1'));
    expect(installed).toContain(`${RUNTIME_PACKAGE} 0.0.1 is installed`);
    expect(installed).toContain(install);
  });

  // Only where no package.json exists above the temporary folder either.
  const above = (dir: string): boolean => existsSync(join(dir, 'package.json')) || (dirname(dir) !== dir && above(dirname(dir)));
  it.skipIf(above(work))('without any package.json says to create one', () => {
    expect(runtimeInstallAdvice(project(null))).toContain(`npm init -y && npm install ${RUNTIME_PACKAGE}@${RUNTIME_RANGE}`);
  });

  it('needs nothing in the generator repository itself (the runtime is a workspace)', () => {
    expect(runtimeInstallAdvice(join(REPO_ROOT, 'generated', '1.6.9.1'))).toBeNull();
  });
});
