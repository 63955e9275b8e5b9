import base from '@eventora/eslint-config/base';
import { defineConfig } from 'eslint/config';

// The whole package is test code: it reads its run's configuration from the environment.
export default defineConfig(...base, { rules: { 'no-restricted-properties': 'off' } });
