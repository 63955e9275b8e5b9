import { z } from 'zod';
import { ZClinicAccounts } from '@eventora/billing';

import { readEnv, type EnvSource } from './read-env';

/**
 * The portal's configuration (apps/web), read with `readPortalEnv(process.env)`.
 */
export const ZPortalEnv = z.object({
  /** The runtime role (eventora_app): owns nothing, cannot bypass RLS. */
  DATABASE_URL: z.url(),
  /**
   * Connections the portal may hold across all clinics' pools (one budget, see TenantRouter).
   * The end-to-end suites run with 2, so every request shares one pooled connection.
   */
  DATABASE_CONNECTION_BUDGET: z.coerce.number().int().min(2).max(500).default(40),
  /**
   * Fair share: API calls per second each clinic's portal serves before answering 429, unless
   * the clinic's registry row sets its own (`clinics.request_rate_per_second`). Per process.
   */
  CLINIC_REQUEST_RATE: z.coerce.number().positive().max(100_000).default(100),
  /**
   * The portal's request-stats writer (eventora_portal_stats): adds API call counts to
   * `api_request_stats` and can do nothing else. The portal holds no control-plane role.
   */
  DATABASE_PORTAL_STATS_URL: z.url(),
  /** Portals are served at <slug>.<ROOT_DOMAIN>. */
  ROOT_DOMAIN: z.string().min(1).default('localhost'),
  /** The portal's port on localhost (links in messages); 3000 in development. */
  PORTAL_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Checks reminders' unsubscribe links: the worker's MAIL_LINK_SECRET. Unset outside
   * production: the development secret both use; unset in production: the links are refused.
   */
  MAIL_LINK_SECRET: z.string().min(16).optional(),
  /** Where migrations live (for /readyz); defaults to the repository's packages/db/prisma/migrations. */
  EVENTORA_MIGRATIONS_DIR: z.string().min(1).optional(),
  /** Development only: also print password reset and set-password links, token included, to the log. */
  DEV_REVEAL_RESET_LINKS: z.enum(['0', '1']).default('0'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /**
   * Stripe, for real payments (the platform account). Unset: billing runs the simulated
   * provider, which completes checkouts locally and refuses to run in production.
   */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'A Stripe secret or restricted key.')
    .optional(),
  /** The platform webhook endpoint's signing secret; required with STRIPE_SECRET_KEY. */
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
  /** The platform's Connect endpoint secret, when clinics bill through connected accounts. */
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
  /** Another Stripe API, e.g. stripe-mock from docker-compose.yml: http://localhost:12111. */
  STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Clinics not billed through the platform account, as JSON: `{ "<slug>": { "kind":
   * "connected", "accountId": "acct_…" } }` or `{ "kind": "own", "secretKeyRef": "<ENV NAME>",
   * "webhookSecretRef": "<ENV NAME>" }` (secrets by the name of the variable holding them).
   */
  STRIPE_CLINIC_ACCOUNTS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Not JSON.' });
        return z.NEVER;
      }
    })
    .pipe(ZClinicAccounts)
    .optional(),
  /**
   * Without Stripe keys: where simulated payments are posted (this portal's own webhook).
   * Default: http://localhost:<PORTAL_PORT>/api/stripe/webhook.
   */
  BILLING_SIMULATED_WEBHOOK_URL: z.url().optional(),
});

/**
 * Settings that depend on each other. Without Stripe keys in production billing is off (the
 * simulated provider never runs there): see create-api-services.ts.
 */
const ZCheckedPortalEnv = ZPortalEnv.superRefine((env, ctx) => {
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['STRIPE_WEBHOOK_SECRET'],
      message: 'Required with STRIPE_SECRET_KEY.',
    });
  }
});

export type PortalEnv = z.infer<typeof ZPortalEnv>;

export function readPortalEnv(source: EnvSource): PortalEnv {
  return readEnv(ZCheckedPortalEnv, source, 'portal');
}
