import 'server-only';

import path from 'node:path';

import type { ApiServices } from '@eventora/api';
import { createDevPasswordResetMailer, createPlatformClient } from '@eventora/auth';
import { databaseUrlResolver, TenantRouter } from '@eventora/tenancy';
import { loadMigrations } from '@eventora/tenancy/migrations';

import { secretByName, serverEnv } from './env';

const globalServices = globalThis as typeof globalThis & { eventoraConsoleServices?: ApiServices };

/** The console's process-wide services (kept on globalThis so `next dev` reloads reuse pools). */
export function services(): ApiServices {
  globalServices.eventoraConsoleServices ??= createServices();
  return globalServices.eventoraConsoleServices;
}

function portalUrl(slug: string, rootDomain: string): string {
  return rootDomain === 'localhost'
    ? `http://${slug}.localhost:3000`
    : `https://${slug}.${rootDomain}`;
}

function createServices(): ApiServices {
  const env = serverEnv();
  const development = env.NODE_ENV !== 'production';
  // `next start`/`next dev` run with the app folder as working directory.
  const migrationsDir =
    env.EVENTORA_MIGRATIONS_DIR ??
    path.resolve(process.cwd(), '../../packages/db/prisma/migrations');
  return {
    tenants: new TenantRouter({
      connectionString: env.DATABASE_URL,
      resolveDatabaseUrl: databaseUrlResolver(env.DATABASE_URL, secretByName),
      connectionBudget: 20,
    }),
    platform: createPlatformClient({ connectionString: env.DATABASE_PLATFORM_URL }),
    rootDomain: env.ROOT_DOMAIN,
    mailer: createDevPasswordResetMailer({ revealToken: false }),
    now: () => new Date(),
    portalUrl: (slug) => portalUrl(slug, env.ROOT_DOMAIN),
    provisioning: env.DATABASE_OWNER_URL
      ? { ownerUrl: env.DATABASE_OWNER_URL, migrations: () => loadMigrations(migrationsDir) }
      : undefined,
    revealLinks: development,
  };
}
