import 'server-only';

import {
  ClinicRateLimiter,
  defaultMailer,
  portalUrl,
  registerTenancyGauges,
  type ApiServices,
} from '@eventora/api';
import { DEVELOPMENT_MAIL_LINK_SECRET } from '@eventora/api/jobs';
import { createPlatformClient } from '@eventora/auth';
import {
  createBillingService,
  secretResolver,
  staticAccountDirectory,
  type BillingService,
} from '@eventora/billing';
import { processObservability } from '@eventora/observability';
import { databaseUrlResolver, TenantRouter } from '@eventora/tenancy';

import { billingSecrets, secretByName, serverEnv, type ServerEnv } from './env';

/**
 * The process-wide services behind every request: one tenant router (one connection budget)
 * and one platform client, shared by server pages and route handlers (the tenant context is
 * process-wide too). Kept on globalThis so `next dev` reloads reuse the pools.
 */
const globalServices = globalThis as typeof globalThis & { eventoraWebServices?: ApiServices };

export function services(): ApiServices {
  globalServices.eventoraWebServices ??= createServices();
  return globalServices.eventoraWebServices;
}

function createServices(): ApiServices {
  const env = serverEnv();
  const observability = processObservability('web');
  const built: ApiServices = {
    tenants: new TenantRouter({
      connectionString: env.DATABASE_URL,
      connectionBudget: env.DATABASE_CONNECTION_BUDGET,
      // A database-mode clinic's URL is a secret named by the registry (or a database on this server).
      resolveDatabaseUrl: databaseUrlResolver(env.DATABASE_URL, secretByName),
    }),
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
  registerTenancyGauges(built.tenants);
  built.billing = createBilling(env, built);
  return built;
}

/**
 * Stripe when STRIPE_SECRET_KEY is set; otherwise, outside production, the simulated provider,
 * which posts signed events to this portal's own webhook route. In production without keys
 * billing is off: its procedures refuse and the webhook route answers 404.
 */
function createBilling(env: ServerEnv, built: ApiServices): BillingService | undefined {
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
        resolveSecret: secretResolver(billingSecrets()),
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
