import type { NextConfig } from 'next';

const config: NextConfig = {
  // Internal packages export TypeScript sources and have no build step.
  transpilePackages: [
    '@eventora/api',
    '@eventora/auth',
    '@eventora/billing',
    '@eventora/db',
    '@eventora/observability',
    '@eventora/tenancy',
    '@eventora/ui',
  ],
  // Clinic portals are served at <slug>.localhost in development.
  allowedDevOrigins: ['localhost', '*.localhost'],
  poweredByHeader: false,
};

export default config;
