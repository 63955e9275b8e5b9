import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Shared lint rules. The `no-restricted-imports` rule is a security boundary: tenant data is
 * reached only through `@eventora/tenancy`, so routers and apps may not import the raw
 * Prisma client, and `process.env` is read in one validated `env.ts` per package.
 */
export const restrictEnvAccess = {
  files: ['**/*.ts', '**/*.tsx'],
  ignores: ['**/env.ts', '**/*.config.ts', '**/*.test.ts', '**/scripts/**', '**/test/**'],
  rules: {
    'no-restricted-properties': [
      'error',
      { object: 'process', property: 'env', message: "Read configuration from the package's env.ts." },
    ],
  },
};

/** Forbids the raw Prisma client where tenant data must go through the tenancy library. */
export const forbidRawPrisma = {
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@prisma/*', '@eventora/db', '@eventora/db/*', 'pg'],
            message: 'Reach tenant data only through ctx.db (@eventora/tenancy).',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.next/**', '**/generated/**', '**/.cache/**', '**/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
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
);
