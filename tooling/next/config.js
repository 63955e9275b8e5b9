import { fileURLToPath } from 'node:url';

/**
 * The Next.js configuration both apps (the portal and the console) build with. Plain
 * JavaScript: Next loads its config with Node.
 *
 * @param {string} appConfigUrl the app's `import.meta.url` (its next.config.ts), to find the
 *   repository root two folders up.
 * @returns {import('next').NextConfig}
 */
export function nextConfig(appConfigUrl) {
  return {
    // A self-contained server with only the files it uses (the container images and the
    // end-to-end suites run it); traced from the repository root, where the packages live.
    output: 'standalone',
    outputFileTracingRoot: fileURLToPath(new URL('../..', appConfigUrl)),
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
}
