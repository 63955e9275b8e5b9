import 'server-only';

import path from 'node:path';

import { defaultMailer, portalUrl, type ApiServices } from '@eventora/api';
import { createPlatformClient } from '@eventora/auth';
import { databaseUrlResolver, PlatformWriter, TenantRouter } from '@eventora/tenancy';
import { loadMigrations } from '@eventora/tenancy/migrations';

import { secretByName, serverEnv } from './env';

const globalServices = globalThis as typeof globalThis & { eventoraConsoleServices?: ApiServices };

/** The console's process-wide services (kept on globalThis so `next dev` reloads reuse pools). */
export function services(): ApiServices {
  globalServices.eventoraConsoleServices ??= createServices();
  return globalServices.eventoraConsoleServices;
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
    platformWriter: new PlatformWriter(env.DATABASE_PLATFORM_URL),
    rootDomain: env.ROOT_DOMAIN,
    mailer: defaultMailer({
      production: !development,
      outboxDir: env.EVENTORA_MAIL_OUTBOX,
      revealTokens: false,
      rootDomain: env.ROOT_DOMAIN,
      port: env.PORTAL_PORT,
    }),
    now: () => new Date(),
    portalUrl: (slug) => portalUrl(slug, { rootDomain: env.ROOT_DOMAIN, port: env.PORTAL_PORT }),
    provisioning: env.DATABASE_OWNER_URL
      ? { ownerUrl: env.DATABASE_OWNER_URL, migrations: () => loadMigrations(migrationsDir) }
      : undefined,
    revealLinks: development,
  };
}
