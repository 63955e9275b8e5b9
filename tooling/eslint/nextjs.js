import nextPlugin from '@next/eslint-plugin-next';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

import base, { forbidRawPrisma } from './base.js';

/** Lint for the Next.js apps: the shared base, Next's and React's rules, no raw database. */
export default defineConfig(
  base,
  {
    files: ['**/*.{ts,tsx,js,jsx,mjs}'],
    languageOptions: { globals: globals.browser },
  },
  nextPlugin.configs['core-web-vitals'],
  reactHooks.configs.flat.recommended,
  forbidRawPrisma,
);
