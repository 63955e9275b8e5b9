import 'server-only';

import { defaultMailer, portalUrl, type ApiServices } from '@eventora/api';
import { createPlatformClient } from '@eventora/auth';
import { TenantRouter } from '@eventora/tenancy';

import { serverEnv } from './env';

/**
 * The process-wide services behind every request: one tenant router (one connection budget)
 * and one platform client. Kept on globalThis so `next dev` reloads reuse the pools.
 */
const globalServices = globalThis as typeof globalThis & { eventoraWebServices?: ApiServices };

export function services(): ApiServices {
  globalServices.eventoraWebServices ??= createServices();
  return globalServices.eventoraWebServices;
}

/** `http://alpha.localhost:3000` in development, `https://alpha.<domain>` behind TLS. */
function createServices(): ApiServices {
  const env = serverEnv();
  return {
    tenants: new TenantRouter({ connectionString: env.DATABASE_URL }),
    platform: createPlatformClient({
      connectionString: env.DATABASE_PLATFORM_URL,
      maxConnections: 2,
    }),
    rootDomain: env.ROOT_DOMAIN,
    mailer: defaultMailer({
      production: env.NODE_ENV === 'production',
      outboxDir: env.EVENTORA_MAIL_OUTBOX,
      revealTokens: env.DEV_REVEAL_RESET_LINKS === '1',
      rootDomain: env.ROOT_DOMAIN,
      port: env.PORTAL_PORT,
    }),
    now: () => new Date(),
    portalUrl: (slug) => portalUrl(slug, { rootDomain: env.ROOT_DOMAIN, port: env.PORTAL_PORT }),
  };
}
