import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

import { isProductionProcess } from '../env';
import { BillingError } from '../errors';
import {
  checkoutSessionEvent,
  signPayload,
  stripeLikeId,
  type CheckoutSessionFields,
} from '../events/build-events';
import type { BillingProvider, PriceInfo } from './billing-provider';

export interface SimulatedProviderOptions {
  /** The portal's own webhook route: simulated payments go through the real verification. */
  webhookUrl: string;
  /** The secret the webhook route verifies with; the simulated provider signs with it. */
  webhookSecret: string;
  /** A clinic portal's address (`http://alpha.localhost:3000`), for the simulated checkout page. */
  portalUrl: (slug: string) => string;
  /** How events are posted (tests hand in the webhook handler itself). Default: global fetch. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** The app's NODE_ENV; `production` is refused. */
  nodeEnv: string | undefined;
}

/** The provider used without Stripe keys: checkout completes locally, through the same webhook. */
export interface SimulatedProvider extends BillingProvider {
  readonly kind: 'simulated';
  /**
   * Pays a checkout session: builds the `checkout.session.completed` event Stripe would send,
   * signs it with the SDK's test-header helper and posts it to the webhook URL. Answers the
   * webhook's HTTP status.
   */
  pay(
    session: Omit<CheckoutSessionFields, 'paymentIntentId' | 'paymentStatus' | 'status'>,
  ): Promise<{
    status: number;
  }>;
}

const SESSION_PREFIX = 'cs_sim_';
const PAYMENT_INTENT_PREFIX = 'pi_sim_';

/**
 * Stripe without Stripe, for development and tests. Refuses to start in production: with it, a
 * button press would credit packages nobody paid for.
 */
export function createSimulatedProvider(options: SimulatedProviderOptions): SimulatedProvider {
  if (options.nodeEnv === 'production' || isProductionProcess()) {
    throw new Error(
      'The simulated billing provider cannot run in production: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.',
    );
  }
  const post = options.fetch ?? ((url, init) => fetch(url, init));
  // Posts run outside whatever clinic the caller has bound, like a request from Stripe would:
  // this snapshot is taken at start-up, when no clinic is bound.
  const detached = AsyncLocalStorage.snapshot();
  const products = new Set<string>();
  const prices = new Map<string, PriceInfo>();

  return {
    kind: 'simulated',

    async createCheckoutSession(request) {
      const id = `${SESSION_PREFIX}${randomBytes(16).toString('hex')}`;
      const page = new URL(
        '/billing/simulated-checkout',
        options.portalUrl(request.metadata.tenantSlug),
      );
      page.searchParams.set('session', id);
      return { id, url: page.toString() };
    },

    async findCheckoutSessionId(paymentIntentId) {
      return paymentIntentId.startsWith(PAYMENT_INTENT_PREFIX)
        ? `${SESSION_PREFIX}${paymentIntentId.slice(PAYMENT_INTENT_PREFIX.length)}`
        : null;
    },

    async createProduct() {
      const id = stripeLikeId('prod_sim');
      products.add(id);
      return id;
    },

    async updateProduct() {},

    async retrievePrice(id) {
      // Prices live in memory: after a restart the next sync simply creates a new one.
      return prices.get(id) ?? null;
    },

    async createPrice(price) {
      const id = stripeLikeId('price_sim');
      prices.set(id, {
        id,
        productId: price.productId,
        unitAmount: price.unitAmount,
        currency: price.currency,
        active: true,
      });
      return id;
    },

    async archivePrice(id) {
      const price = prices.get(id);
      if (price) prices.set(id, { ...price, active: false });
    },

    async pay(session) {
      if (!session.id.startsWith(SESSION_PREFIX)) {
        throw new BillingError('UNPROCESSABLE', 'Only simulated checkouts can be paid here.');
      }
      const event = checkoutSessionEvent('checkout.session.completed', {
        ...session,
        paymentIntentId: `${PAYMENT_INTENT_PREFIX}${session.id.slice(SESSION_PREFIX.length)}`,
        paymentStatus: 'paid',
        status: 'complete',
      });
      const payload = JSON.stringify(event, null, 2);
      const response = await detached(() =>
        post(options.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': signPayload(payload, options.webhookSecret),
          },
          body: payload,
        }),
      ).catch((error: unknown) => {
        throw new BillingError(
          'PROVIDER_UNAVAILABLE',
          'The simulated payment could not reach the webhook.',
          { cause: error },
        );
      });
      await response.text();
      return { status: response.status };
    },
  };
}
