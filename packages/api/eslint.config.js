import base, { forbidRawPrisma } from '@eventora/eslint-config/base';
import { defineConfig } from 'eslint/config';

// Routers reach tenant data only through ctx.db: no raw Prisma client, no pg driver.
export default defineConfig(...base, {
  files: ['src/routers/**/*.ts'],
  ignores: ['**/*.test.ts'],
  ...forbidRawPrisma[0],
});
