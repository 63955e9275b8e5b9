import { createPlatformClient } from '@eventora/auth';
import {
  createBillingService,
  secretResolver,
  staticAccountDirectory,
  type BillingService,
} from '@eventora/billing';
import { openQueueReader } from '@eventora/jobs';
import { processObservability } from '@eventora/observability';
import { databaseUrlResolver, PlatformWriter, TenantRouter } from '@eventora/tenancy';
import { openBackupStore } from '@eventora/tenancy/backups';
import { loadMigrations } from '@eventora/tenancy/migrations';

import type { ConsoleEnv } from './env/console-env';
import type { PortalEnv } from './env/portal-env';
import type { EnvSource } from './env/read-env';
import { shippedMigrationsDir } from './health/readiness';
import { DEVELOPMENT_MAIL_LINK_SECRET } from './jobs/unsubscribe-token';
import { defaultMailer } from './mailer';
import { registerTenancyGauges } from './metrics/tenancy-gauges';
import { portalUrl } from './portal-url';
import { ClinicRateLimiter } from './request/clinic-rate-limit';
import type { ApiServices, ConsoleBackups } from './services';

/**
 * Which app the services are for, its parsed configuration, and where secrets named at run
 * time are read (a database-mode clinic's `database_url_ref`, a clinic's own Stripe keys):
 * `process.env` in the apps.
 */
export type ApiServicesConfig =
  | { app: 'portal'; env: PortalEnv; secrets: EnvSource }
  | { app: 'console'; env: ConsoleEnv; secrets: EnvSource };

/**
 * The process-wide services behind every request of an app: one tenant router (one
 * connection budget) and one platform client. The apps build them once and keep them
 * (apps/web/src/server/services.ts, apps/admin/src/server/services.ts).
 */
export function createApiServices(config: ApiServicesConfig): ApiServices {
  return config.app === 'portal'
    ? portalServices(config.env, config.secrets)
    : consoleServices(config.env, config.secrets);
}

function tenantRouter(
  env: { DATABASE_URL: string },
  secrets: EnvSource,
  connectionBudget: number,
): TenantRouter {
  const tenants = new TenantRouter({
    connectionString: env.DATABASE_URL,
    connectionBudget,
    // A database-mode clinic's URL is a secret named by the registry (or a database on this server).
    resolveDatabaseUrl: databaseUrlResolver(env.DATABASE_URL, (name) => secrets[name]),
  });
  registerTenancyGauges(tenants);
  return tenants;
}

function portalServices(env: PortalEnv, secrets: EnvSource): ApiServices {
  const observability = processObservability('web');
  const built: ApiServices = {
    tenants: tenantRouter(env, secrets, env.DATABASE_CONNECTION_BUDGET),
    // The registry's reader (cancellation windows) runs as the runtime role, which may read
    // `clinics` and nothing else of the control plane: the portal holds no platform role.
    platform: createPlatformClient({ connectionString: env.DATABASE_URL, maxConnections: 2 }),
    statsWriter: createPlatformClient({
      connectionString: env.DATABASE_PORTAL_STATS_URL,
      maxConnections: 1,
    }),
    rootDomain: env.ROOT_DOMAIN,
    mailer: defaultMailer({
      production: env.NODE_ENV === 'production',
      revealTokens: env.DEV_REVEAL_RESET_LINKS === '1',
      rootDomain: env.ROOT_DOMAIN,
      port: env.PORTAL_PORT,
    }),
    now: () => new Date(),
    mailLinkSecret:
      env.MAIL_LINK_SECRET ??
      (env.NODE_ENV === 'production' ? undefined : DEVELOPMENT_MAIL_LINK_SECRET),
    portalUrl: (slug) => portalUrl(slug, { rootDomain: env.ROOT_DOMAIN, port: env.PORTAL_PORT }),
    logger: observability.logger,
    trustTraceparent: observability.env.TRUST_TRACEPARENT === '1',
    rateLimiter: new ClinicRateLimiter({ defaultRatePerSecond: env.CLINIC_REQUEST_RATE }),
  };
  built.billing = createBilling(env, secrets, built);
  return built;
}

/**
 * Stripe when STRIPE_SECRET_KEY is set; otherwise, outside production, the simulated provider,
 * which posts signed events to this portal's own webhook route. In production without keys
 * billing is off: its procedures refuse and the webhook route answers 404.
 */
function createBilling(
  env: PortalEnv,
  secrets: EnvSource,
  built: ApiServices,
): BillingService | undefined {
  const common = { tenants: built.tenants, portalUrl: built.portalUrl, nodeEnv: env.NODE_ENV };
  if (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET) {
    const api = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : undefined;
    return createBillingService({
      ...common,
      stripe: {
        secretKey: env.STRIPE_SECRET_KEY,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET,
        connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET,
        api: api && {
          host: api.hostname,
          port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
          protocol: api.protocol === 'https:' ? 'https' : 'http',
        },
        clinicAccounts: staticAccountDirectory(env.STRIPE_CLINIC_ACCOUNTS ?? {}),
        resolveSecret: secretResolver(secrets),
      },
    });
  }
  if (env.NODE_ENV === 'production') {
    console.warn('[billing] STRIPE_SECRET_KEY is not set: payments are off.');
    return undefined;
  }
  return createBillingService({
    ...common,
    simulated: {
      webhookUrl:
        env.BILLING_SIMULATED_WEBHOOK_URL ??
        `http://localhost:${env.PORTAL_PORT}/api/stripe/webhook`,
    },
  });
}

function consoleServices(env: ConsoleEnv, secrets: EnvSource): ApiServices {
  const development = env.NODE_ENV !== 'production';
  const observability = processObservability('console');
  const migrationsDir = shippedMigrationsDir(env.EVENTORA_MIGRATIONS_DIR);
  return {
    tenants: tenantRouter(env, secrets, 20),
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
          secrets: (name) => secrets[name],
          migrations: () => loadMigrations(migrationsDir),
        }
      : undefined,
    backups: consoleBackups(env, secrets, () => loadMigrations(migrationsDir)),
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
  env: ConsoleEnv,
  secrets: EnvSource,
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
    secrets: (name) => secrets[name],
    migrations,
    publicUrl:
      env.CONSOLE_PUBLIC_URL ??
      (env.NODE_ENV === 'production' ? undefined : `http://localhost:${env.CONSOLE_PORT}`),
  };
}
