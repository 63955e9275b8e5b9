import { fileURLToPath } from 'node:url';

import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const config: NextConfig = {
  // A self-contained server with only the files it uses (the container images and the
  // end-to-end suites run it); traced from the repository root, where the packages live.
  output: 'standalone',
  outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)),
  // Internal packages export TypeScript sources and have no build step.
  transpilePackages: [
    '@eventora/api',
    '@eventora/auth',
    '@eventora/billing',
    '@eventora/db',
    '@eventora/jobs',
    '@eventora/mail',
    '@eventora/observability',
    '@eventora/tenancy',
    '@eventora/ui',
  ],
  // Clinic portals are served at <slug>.localhost in development.
  allowedDevOrigins: ['localhost', '*.localhost'],
  poweredByHeader: false,
};

// Translations: each request's language and catalog come from src/i18n/request.ts.
export default createNextIntlPlugin('./src/i18n/request.ts')(config);
