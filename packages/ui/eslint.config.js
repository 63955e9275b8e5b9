import nextjs from '@eventora/eslint-config/nextjs';
import { defineConfig } from 'eslint/config';

// The Next.js apps' rules (React hooks, browser globals, no raw database) fit shared components
// too; this package has no pages for the pages-router link rule to look for.
export default defineConfig(nextjs, {
  rules: { '@next/next/no-html-link-for-pages': 'off' },
});
