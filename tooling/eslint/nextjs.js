import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

import base, { forbidRawPrisma } from './base.js';

export default tseslint.config(...base, {
  files: ['**/*.ts', '**/*.tsx'],
  plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
  rules: {
    ...nextPlugin.configs.recommended.rules,
    ...nextPlugin.configs['core-web-vitals'].rules,
    ...reactHooks.configs.recommended.rules,
    ...forbidRawPrisma.rules,
  },
});
