import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

/** The portal's unit tests: its translation catalogs and pure helpers (no browser, no database). */
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: { include: ['src/**/*.test.ts'] },
});
