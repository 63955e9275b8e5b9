import { randomBytes } from 'node:crypto';
import type { TenantClient, TenantRouter } from '@eventora/tenancy';

import {
  simulatedAccountRouting,
  stripeAccountRouting,
  type AccountRouting,
} from './accounts/account-routing';
import {
  platformOnly,
  secretResolver,
  type ClinicAccountDirectory,
  type SecretResolver,
} from './accounts/stripe-account';
import { syncPackage, type SyncedPackage, type SyncPackageInput } from './catalog/sync-package';
import {
  clientReference,
  createCheckout,
  type CreateCheckoutInput,
  type CreatedCheckout,
} from './checkout/create-checkout';
import { BillingError } from './errors';
import {
  createSimulatedProvider,
  type SimulatedProvider,
  type SimulatedProviderOptions,
} from './providers/simulated-provider';
import type { StripeApiLocation } from './providers/stripe-provider';
import {
  createWebhookHandler,
  type BillingLogger,
  type WebhookHandler,
} from './webhook/handle-stripe-webhook';

export type CheckoutStatus = 'open' | 'completed' | 'expired' | 'failed' | 'refunded';

export interface StripeSettings {
  /** The platform account's secret key (`sk_…` or a restricted `rk_…`). */
  secretKey: string;
  /** The platform endpoint's signing secret (`whsec_…`). */
  webhookSecret: string;
  /** The platform's Connect endpoint secret, when clinics use connected accounts. */
  connectWebhookSecret?: string;
  /** Another API server: stripe-mock, or a test's fake Stripe. */
  api?: StripeApiLocation;
  /** Which clinics bill through a connected or their own account (default: none). */
  clinicAccounts?: ClinicAccountDirectory;
  /** Resolves the secret references of clinics' own accounts. */
  resolveSecret?: SecretResolver;
}

export interface BillingServiceOptions {
  tenants: TenantRouter;
  /** Stripe itself. Absent: the simulated provider, which refuses to start in production. */
  stripe?: StripeSettings;
  /** Without Stripe: where simulated events go (the portal's webhook route) and how. */
  simulated?: Omit<SimulatedProviderOptions, 'portalUrl' | 'nodeEnv' | 'webhookSecret'> & {
    /** Default: a random secret, held only by this process. */
    webhookSecret?: string;
  };
  /** A clinic portal's address (`http://alpha.localhost:3000`): return and checkout pages. */
  portalUrl: (slug: string) => string;
  /** The app's NODE_ENV. */
  nodeEnv: string | undefined;
  now?: () => Date;
  logger?: BillingLogger;
}

/** Billing as the API and the webhook route use it; built once per process. */
export interface BillingService {
  /** `simulated` without Stripe keys: checkout completes through `completeSimulatedCheckout`. */
  readonly mode: 'stripe' | 'simulated';
  createCheckout(db: TenantClient, input: CreateCheckoutInput): Promise<CreatedCheckout>;
  syncPackage(db: TenantClient, input: SyncPackageInput): Promise<SyncedPackage>;
  /** The buyer's own checkout session and whether its credits have arrived. */
  checkoutStatus(
    db: TenantClient,
    input: { userId: string; sessionId: string },
  ): Promise<{ status: CheckoutStatus; credited: boolean }>;
  /**
   * Simulated mode only: "pays" the buyer's open checkout session by posting a signed
   * `checkout.session.completed` to the webhook, then answers the session's status.
   */
  completeSimulatedCheckout(
    db: TenantClient,
    input: {
      clinic: { id: string; slug: string };
      user: { id: string; email: string };
      sessionId: string;
    },
  ): Promise<{ status: CheckoutStatus }>;
  /** The webhook route's handler (apps/web/app/api/stripe/webhook/route.ts). */
  handleWebhook: WebhookHandler;
}

/** Builds billing for one process: Stripe when keys are configured, else the simulated provider. */
export function createBillingService(options: BillingServiceOptions): BillingService {
  const now = options.now ?? (() => new Date());
  let simulated: SimulatedProvider | undefined;
  let accounts: AccountRouting;
  if (options.stripe) {
    const { stripe } = options;
    accounts = stripeAccountRouting({
      tenants: options.tenants,
      secretKey: stripe.secretKey,
      webhookSecrets: [stripe.webhookSecret, stripe.connectWebhookSecret].filter(
        (secret): secret is string => Boolean(secret),
      ),
      api: stripe.api,
      directory: stripe.clinicAccounts ?? platformOnly,
      resolveSecret: stripe.resolveSecret ?? secretResolver({}),
    });
  } else {
    if (!options.simulated) {
      throw new Error(
        'Billing needs Stripe settings, or a webhook URL for the simulated provider.',
      );
    }
    const webhookSecret =
      options.simulated.webhookSecret ?? `whsec_sim_${randomBytes(24).toString('base64url')}`;
    simulated = createSimulatedProvider({
      ...options.simulated,
      webhookSecret,
      portalUrl: options.portalUrl,
      nodeEnv: options.nodeEnv,
    });
    accounts = simulatedAccountRouting(simulated, webhookSecret);
  }

  return {
    mode: simulated ? 'simulated' : 'stripe',

    async createCheckout(db, input) {
      const provider = await accounts.providerFor(input.clinic);
      return createCheckout(db, input, { provider, portalUrl: options.portalUrl });
    },

    async syncPackage(db, input) {
      return syncPackage(db, input, { provider: await accounts.providerFor(input.clinic) });
    },

    async checkoutStatus(db, input) {
      const checkout = await db.checkoutSession.findFirst({
        where: { id: input.sessionId, userId: input.userId },
        select: { status: true },
      });
      if (!checkout) throw new BillingError('NOT_FOUND', 'Checkout not found.');
      const credits = await db.userPackage.count({
        where: { purchaseReference: input.sessionId, userId: input.userId, status: 'active' },
      });
      return { status: checkout.status, credited: credits > 0 };
    },

    async completeSimulatedCheckout(db, input) {
      const find = () =>
        db.checkoutSession.findFirst({
          where: { id: input.sessionId, userId: input.user.id },
          select: {
            id: true,
            status: true,
            packageId: true,
            package: { select: { priceCents: true, currency: true } },
          },
        });
      // The buyer's own checkout first: anyone else's answers NOT_FOUND whatever the mode.
      const checkout = await find();
      if (!checkout) throw new BillingError('NOT_FOUND', 'Checkout not found.');
      if (!simulated) {
        throw new BillingError('UNPROCESSABLE', 'Payments are only simulated without Stripe keys.');
      }
      if (checkout.status !== 'open') return { status: checkout.status };

      const { status } = await simulated.pay({
        id: checkout.id,
        metadata: {
          clinicId: input.clinic.id,
          tenantSlug: input.clinic.slug,
          userId: input.user.id,
          packageId: checkout.packageId,
        },
        clientReferenceId: clientReference(input.clinic.id, input.user.id),
        amountTotal: checkout.package.priceCents,
        currency: checkout.package.currency,
        customerEmail: input.user.email,
      });
      if (status !== 200) {
        throw new BillingError(
          'PROVIDER_UNAVAILABLE',
          `The simulated payment was not accepted (webhook answered ${status}).`,
        );
      }
      return { status: (await find())?.status ?? 'open' };
    },

    handleWebhook: createWebhookHandler({
      tenants: options.tenants,
      accounts,
      now,
      logger: options.logger,
    }),
  };
}
