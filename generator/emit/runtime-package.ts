/**
 * The runtime package that generated trees import (`plesk-api-codegen-runtime`, in
 * `packages/runtime/`), and the version range of it this generator emits code for.
 *
 * The generator and the runtime are released in lockstep with the same version. A tree written
 * by generator X.Y.Z may use anything runtime X.Y.Z has, so it needs a runtime at least that new
 * and within the same compatibility line: `^X.Y.Z`. Under semver's caret rules that is
 * `>=X.Y.Z <(X+1).0.0` from 1.0 on, and `>=0.Y.Z <0.(Y+1).0` while the major version is 0 (a
 * 0.x minor release may break), which is the rule we follow for the runtime's releases too.
 * The descriptors also carry a format version the runtime checks when it loads them, so a
 * mismatch that slips past the package manager fails at once with a message, not later.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The npm name trees import the runtime by (a bare specifier). */
export const RUNTIME_PACKAGE = 'plesk-api-codegen-runtime';

/** This generator's version, from its package.json (two levels up, from source and from dist/). */
export const GENERATOR_VERSION: string = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }
).version;

/** The range of runtime versions the trees this generator writes work with. */
export const RUNTIME_RANGE = `^${GENERATOR_VERSION}`;
