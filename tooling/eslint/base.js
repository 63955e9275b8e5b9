import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Configuration is read in one validated `env.ts` per package, so a missing or malformed
 * variable fails at start-up instead of deep inside a request. Config files, scripts and
 * tests may read `process.env` directly.
 */
export const restrictEnvAccess = defineConfig({
  files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
  ignores: [
    '**/env.ts',
    '**/*.config.{ts,mts,js,mjs,cjs}',
    '**/*.test.ts',
    '**/scripts/**',
    '**/test/**',
    '**/e2e/**',
  ],
  rules: {
    'no-restricted-properties': [
      'error',
      {
        object: 'process',
        property: 'env',
        message: "Read configuration from the package's env.ts.",
      },
    ],
  },
});

/**
 * A security boundary: tenant data is reached only through `ctx.db` (`@eventora/tenancy`),
 * so apps and tRPC routers may not import the raw Prisma client or a Postgres driver.
 * Type-only imports are forbidden too, so nothing leans on the raw client's shape.
 */
export const forbidRawPrisma = defineConfig({
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@prisma/*', '@eventora/db', '@eventora/db/*', 'pg', 'pg/*'],
            message: 'Reach tenant data only through ctx.db (@eventora/tenancy).',
          },
        ],
      },
    ],
  },
});

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/.next/',
    '**/.turbo/',
    '**/.cache/',
    '**/.data/',
    '**/dist/',
    '**/coverage/',
    // Playwright's reports and traces.
    '**/playwright-report/',
    '**/test-results/',
    // Prisma's generated client (packages/db/src/generated) is not ours to lint.
    '**/generated/',
    '**/next-env.d.ts',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  restrictEnvAccess,
);
