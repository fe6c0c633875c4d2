import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// `plesk-codegen-source`: the runtime package (packages/runtime) resolves to its TypeScript
// sources, so tests need no build of it and every import of it, from tests and from generated
// trees alike, gets one instance (one set of error classes). tsconfig.json sets the same
// condition for type-checking.
const SOURCE = 'plesk-codegen-source';

export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts', 'integration/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
