import Stripe from 'stripe';

import { BillingError } from '../errors';
import type {
  BillingProvider,
  CheckoutRequest,
  PriceInfo,
  PriceInput,
  ProductInput,
} from './billing-provider';

/** Where the Stripe API is: Stripe itself by default, or stripe-mock / a test server. */
export interface StripeApiLocation {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

export interface StripeProviderOptions {
  secretKey: string;
  /** Another API server (stripe-mock in docker-compose.yml, a test's fake server). */
  api?: StripeApiLocation;
  /** A clinic's Connect account: every call is made on its behalf (`Stripe-Account`). */
  stripeAccount?: string;
}

/** Creates the Stripe SDK client billing uses (pinned API version, no telemetry). */
export function createStripeClient(secretKey: string, api?: StripeApiLocation): Stripe {
  return new Stripe(secretKey, {
    apiVersion: Stripe.API_VERSION,
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(api ?? {}),
  });
}

/** The real provider: the Stripe SDK on the platform's keys or a clinic's own. */
export function createStripeProvider(options: StripeProviderOptions): BillingProvider {
  const stripe = createStripeClient(options.secretKey, options.api);
  const onBehalf = options.stripeAccount ? { stripeAccount: options.stripeAccount } : {};

  return {
    kind: 'stripe',

    createCheckoutSession: (request) =>
      call('create a checkout session', async () => {
        const session = await stripe.checkout.sessions.create(checkoutParams(request), onBehalf);
        if (!session.url) throw new Error(`Checkout Session ${session.id} has no URL.`);
        return { id: session.id, url: session.url };
      }),

    findCheckoutSessionId: (paymentIntentId) =>
      call('find the checkout session of a payment', async () => {
        const list = await stripe.checkout.sessions.list(
          { payment_intent: paymentIntentId, limit: 1 },
          onBehalf,
        );
        return list.data[0]?.id ?? null;
      }),

    createProduct: (product, idempotencyKey) =>
      call('create a product', async () => {
        const created = await stripe.products.create(productParams(product), {
          ...onBehalf,
          idempotencyKey,
        });
        return created.id;
      }),

    updateProduct: (id, product) =>
      call('update a product', async () => {
        await stripe.products.update(
          id,
          { ...productParams(product), description: product.description ?? '' },
          onBehalf,
        );
      }),

    retrievePrice: (id) =>
      call('read a price', async () => {
        try {
          return priceInfo(await stripe.prices.retrieve(id, {}, onBehalf));
        } catch (error) {
          if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)
            return null;
          throw error;
        }
      }),

    createPrice: (price: PriceInput, idempotencyKey) =>
      call('create a price', async () => {
        const created = await stripe.prices.create(
          {
            product: price.productId,
            unit_amount: price.unitAmount,
            currency: price.currency,
            metadata: price.metadata,
          },
          { ...onBehalf, idempotencyKey },
        );
        return created.id;
      }),

    archivePrice: (id) =>
      call('archive a price', async () => {
        await stripe.prices.update(id, { active: false }, onBehalf);
      }),
  };
}

function checkoutParams(request: CheckoutRequest): Stripe.Checkout.SessionCreateParams {
  const { lineItem } = request;
  return {
    mode: 'payment',
    line_items: [
      'price' in lineItem
        ? { price: lineItem.price, quantity: 1 }
        : {
            quantity: 1,
            price_data: {
              currency: lineItem.currency,
              unit_amount: lineItem.unitAmount,
              ...(lineItem.productId
                ? { product: lineItem.productId }
                : { product_data: { name: lineItem.productName } }),
            },
          },
    ],
    metadata: { ...request.metadata },
    client_reference_id: request.clientReferenceId,
    // Copied by Stripe onto the payment's charge, so a refund names its clinic too.
    payment_intent_data: { metadata: { ...request.metadata } },
    ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
  };
}

function productParams(product: ProductInput): Stripe.ProductCreateParams {
  return {
    name: product.name,
    ...(product.description ? { description: product.description } : {}),
    active: product.active,
    metadata: product.metadata,
  };
}

function priceInfo(price: Stripe.Price): PriceInfo {
  return {
    id: price.id,
    productId: typeof price.product === 'string' ? price.product : price.product.id,
    unitAmount: price.unit_amount,
    currency: price.currency,
    active: price.active,
  };
}

/** Stripe's own errors stay on the server (cause); callers get a safe, retryable message. */
async function call<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new BillingError('PROVIDER_UNAVAILABLE', `Stripe could not ${what}. Try again.`, {
      cause: error,
    });
  }
}
