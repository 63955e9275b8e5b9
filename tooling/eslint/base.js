import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/**
 * Which workspace package may import which: a package imports only from layers below its
 * own, so nothing runs back up (db ← tenancy ← auth/billing/mail/jobs ← api ← the processes).
 * Config-only packages (`@eventora/eslint-config`, `tsconfig`, `vitest-config`) are outside it.
 */
export const LAYERS = [
  ['db', 'observability', 'ui'], // foundations: import no other Eventora package
  ['tenancy'], // clinics, routing, the RLS binding
  ['auth', 'billing', 'mail', 'jobs'], // services over tenancy
  ['api'], // the tRPC API and what the apps share
  ['web', 'admin', 'worker', 'dev', 'bench'], // the processes
  ['e2e'], // the browser suites drive all of the above
];

/**
 * The import rules for the package eslint runs in (`eslint .` in the package's folder, as
 * every `lint` script does): no package of its own layer or above, no other package's `src/`
 * internals, no relative path out of the package. A package missing from LAYERS fails the
 * lint until it is placed. `@typescript-eslint/no-restricted-imports` is used (not the core
 * rule) so that it adds to `forbidRawPrisma` instead of replacing it.
 *
 * @param {string} packageName
 */
export function importBoundaries(packageName) {
  const name = packageName.replace(/^@eventora\//, '');
  const level = LAYERS.findIndex((layer) => layer.includes(name));
  if (level === -1) {
    throw new Error(`${packageName} has no place in LAYERS (tooling/eslint/base.js): add it.`);
  }
  const notBelow = LAYERS.slice(level)
    .flat()
    .filter((other) => other !== name);
  const patterns = [
    ...(notBelow.length > 0
      ? [
          {
            group: notBelow.flatMap((other) => [`@eventora/${other}`, `@eventora/${other}/*`]),
            message: `${packageName} may import only packages of a lower layer (LAYERS in tooling/eslint/base.js).`,
          },
        ]
      : []),
    {
      regex: '^@eventora/[^/]+/src(/|$)',
      message: "Import the package's public entry (its package.json exports), not its src/.",
    },
    {
      // Two or more `../` into a workspace folder: the way out of a package's root.
      regex: `^(\\.\\./){2,}(${WORKSPACE_FOLDERS.join('|')})/`,
      message: 'A relative import may not leave its package: import the package by name.',
    },
  ];
  const rule = (/** @type {object[]} */ list) => ({
    '@typescript-eslint/no-restricted-imports': /** @type {['error', { patterns: object[] }]} */ ([
      'error',
      { patterns: list },
    ]),
  });
  if (DEV_TOOLING_PACKAGES.has(name)) {
    return defineConfig({ files: SOURCE_FILES, rules: rule(patterns) });
  }
  return defineConfig(
    {
      files: SOURCE_FILES,
      rules: rule([
        ...patterns,
        {
          group: ['@eventora/db/dev', '@eventora/db/dev/*'],
          message:
            '@eventora/db/dev (embedded server, demo seed) is for dev/, bench/, e2e/ and tests: runtime code may not import it.',
        },
      ]),
    },
    // Test support may start an embedded server or seed demo data.
    { files: TEST_SUPPORT_FILES, rules: rule(patterns) },
  );
}

const SOURCE_FILES = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];

/** Where a runtime package keeps test support (these may import `@eventora/db/dev`). */
export const TEST_SUPPORT_FILES = [
  '**/*.test.{ts,tsx}',
  '**/testing/**',
  '**/scripts/**',
  '**/vitest.config.ts',
];

/** The packages that run only in development, benchmarks and browser suites. */
const DEV_TOOLING_PACKAGES = new Set(['dev', 'bench', 'e2e']);

/** The workspace's package folders, as a relative import would name them from outside. */
const WORKSPACE_FOLDERS = [
  'packages/(?:api|auth|billing|db|jobs|mail|observability|tenancy|ui)',
  'apps/(?:web|admin|worker)',
  'dev',
  'bench',
  'e2e',
  'tooling',
];

/** tooling/'s shared configs sit outside the layers. */
const CONFIG_PACKAGES = new Set([
  '@eventora/eslint-config',
  '@eventora/next-config',
  '@eventora/prettier-config',
  '@eventora/tsconfig',
  '@eventora/vitest-config',
]);

/** importBoundaries for the package whose folder eslint runs in (its package.json's name). */
function boundariesOfCurrentPackage() {
  const { name } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
  return name?.startsWith('@eventora/') && !CONFIG_PACKAGES.has(name) ? importBoundaries(name) : [];
}

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
  boundariesOfCurrentPackage(),
);
