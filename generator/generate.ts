/**
 * The Plesk profile's pipeline (generator/profiles/plesk/generate.ts), at the path programs and
 * tests have imported it from. The general core's is generator/core/generate.ts.
 */
export * from './profiles/plesk/generate.js';
