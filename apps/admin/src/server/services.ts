import 'server-only';

import {
  defaultMailer,
  portalUrl,
  registerTenancyGauges,
  type ApiServices,
  type ConsoleBackups,
} from '@eventora/api';
import { shippedMigrationsDir } from '@eventora/api/health';
import { createPlatformClient } from '@eventora/auth';
import { openQueueReader } from '@eventora/jobs';
import { processObservability } from '@eventora/observability';
import { databaseUrlResolver, PlatformWriter, TenantRouter } from '@eventora/tenancy';
import { openBackupStore } from '@eventora/tenancy/backups';
import { loadMigrations } from '@eventora/tenancy/migrations';

import { secretByName, serverEnv, type ServerEnv } from './env';

const globalServices = globalThis as typeof globalThis & { eventoraConsoleServices?: ApiServices };

/** The console's process-wide services (kept on globalThis so `next dev` reloads reuse pools). */
export function services(): ApiServices {
  globalServices.eventoraConsoleServices ??= createServices();
  return globalServices.eventoraConsoleServices;
}

function createServices(): ApiServices {
  const env = serverEnv();
  const development = env.NODE_ENV !== 'production';
  const observability = processObservability('console');
  const migrationsDir = shippedMigrationsDir(env.EVENTORA_MIGRATIONS_DIR);
  const tenants = new TenantRouter({
    connectionString: env.DATABASE_URL,
    resolveDatabaseUrl: databaseUrlResolver(env.DATABASE_URL, secretByName),
    connectionBudget: 20,
  });
  registerTenancyGauges(tenants);
  return {
    tenants,
    platform: createPlatformClient({ connectionString: env.DATABASE_PLATFORM_URL }),
    platformWriter: new PlatformWriter(env.DATABASE_PLATFORM_URL),
    jobQueue: openQueueReader(env.DATABASE_PLATFORM_URL),
    rootDomain: env.ROOT_DOMAIN,
    mailer: defaultMailer({
      production: !development,
      revealTokens: false,
      rootDomain: env.ROOT_DOMAIN,
      port: env.PORTAL_PORT,
    }),
    now: () => new Date(),
    portalUrl: (slug) => portalUrl(slug, { rootDomain: env.ROOT_DOMAIN, port: env.PORTAL_PORT }),
    provisioning: env.DATABASE_OWNER_URL
      ? { ownerUrl: env.DATABASE_OWNER_URL, migrations: () => loadMigrations(migrationsDir) }
      : undefined,
    moves: env.DATABASE_OWNER_URL
      ? {
          ownerUrl: env.DATABASE_OWNER_URL,
          appUrl: env.DATABASE_URL,
          secrets: secretByName,
          migrations: () => loadMigrations(migrationsDir),
        }
      : undefined,
    backups: consoleBackups(env, () => loadMigrations(migrationsDir)),
    revealLinks: development,
    logger: observability.logger,
    trustTraceparent: observability.env.TRUST_TRACEPARENT === '1',
    traceUiUrl: env.TRACE_UI_URL,
  };
}

/**
 * Backups need the owner role, the key that signed them and the store the worker writes to;
 * without one of them the clinic page's backups panel names what is missing.
 */
function consoleBackups(
  env: ServerEnv,
  migrations: () => ReturnType<typeof loadMigrations>,
): ConsoleBackups {
  const missing = [
    env.DATABASE_OWNER_URL ? null : 'DATABASE_OWNER_URL',
    (env.ARCHIVE_SIGNING_KEY?.length ?? 0) >= 32
      ? null
      : 'ARCHIVE_SIGNING_KEY (32 characters at least)',
    env.BACKUP_STORE ? null : 'BACKUP_STORE',
  ].filter((name): name is string => name !== null);
  if (missing.length > 0 || !env.DATABASE_OWNER_URL || !env.ARCHIVE_SIGNING_KEY) {
    return { configured: false, missing };
  }
  return {
    configured: true,
    ownerUrl: env.DATABASE_OWNER_URL,
    signingKey: env.ARCHIVE_SIGNING_KEY,
    store: openBackupStore(env.BACKUP_STORE, env),
    secrets: secretByName,
    migrations,
  };
}
