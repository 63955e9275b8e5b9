import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';

import { createBillingService } from '../billing-service';
import { createSimulatedProvider, type SimulatedProviderOptions } from './simulated-provider';

const SECRET = 'whsec_simulated_for_tests';

function options(overrides: Partial<SimulatedProviderOptions> = {}): SimulatedProviderOptions {
  return {
    webhookUrl: 'http://localhost:3000/api/stripe/webhook',
    webhookSecret: SECRET,
    portalUrl: (slug) => `http://${slug}.localhost:3000`,
    nodeEnv: 'development',
    ...overrides,
  };
}

const metadata = {
  clinicId: '0199a000-0000-7000-8000-000000000001',
  tenantSlug: 'alpha',
  userId: '0199a000-0000-7000-8000-000000000002',
  packageId: '0199a000-0000-7000-8000-000000000003',
};

describe('simulated provider', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('refuses to start when NODE_ENV=production, passed in or in the process', () => {
    expect(() => createSimulatedProvider(options({ nodeEnv: 'production' }))).toThrow(
      /cannot run in production/,
    );
    process.env.NODE_ENV = 'production';
    expect(() => createSimulatedProvider(options({ nodeEnv: 'development' }))).toThrow(
      /cannot run in production/,
    );
  });

  it('billing without Stripe keys in production does not start', () => {
    expect(() =>
      createBillingService({
        tenants: {} as never,
        simulated: { webhookUrl: 'http://localhost:3000/api/stripe/webhook' },
        portalUrl: (slug) => `https://${slug}.eventora.app`,
        nodeEnv: 'production',
      }),
    ).toThrow(/cannot run in production/);
  });

  it("checkout answers the portal's simulated checkout page", async () => {
    const provider = createSimulatedProvider(options());
    const session = await provider.createCheckoutSession({
      lineItem: { currency: 'mxn', unitAmount: 250000, productName: '5 sessions', productId: null },
      metadata,
      clientReferenceId: `${metadata.clinicId}:${metadata.userId}`,
      customerEmail: 'client@alpha.test',
      successUrl: 'http://alpha.localhost:3000/billing/success',
      cancelUrl: 'http://alpha.localhost:3000/billing/cancel',
    });
    expect(session.id).toMatch(/^cs_sim_[0-9a-f]{32}$/);
    expect(session.url).toBe(
      `http://alpha.localhost:3000/billing/simulated-checkout?session=${session.id}`,
    );
  });

  it('pays by posting a checkout.session.completed that the SDK verifies with the webhook secret', async () => {
    const posted: { url: string; init: RequestInit }[] = [];
    const provider = createSimulatedProvider(
      options({
        fetch: async (url, init) => {
          posted.push({ url, init });
          return Response.json({ received: true });
        },
      }),
    );
    const id = `cs_sim_${'ab'.repeat(16)}`;

    const { status } = await provider.pay({
      id,
      metadata,
      clientReferenceId: 'ref',
      amountTotal: 250000,
      currency: 'mxn',
    });

    expect(status).toBe(200);
    const [{ url, init }] = posted as [{ url: string; init: RequestInit }];
    expect(url).toBe('http://localhost:3000/api/stripe/webhook');
    const headers = new Headers(init.headers);
    const event = Stripe.webhooks.constructEvent(
      init.body as string,
      headers.get('stripe-signature')!,
      SECRET,
    );
    expect(event.type).toBe('checkout.session.completed');
    expect(event.data.object).toMatchObject({
      id,
      object: 'checkout.session',
      payment_status: 'paid',
      metadata,
      payment_intent: `pi_sim_${'ab'.repeat(16)}`,
    });
    expect(await provider.findCheckoutSessionId(`pi_sim_${'ab'.repeat(16)}`)).toBe(id);
    expect(() =>
      Stripe.webhooks.constructEvent(
        init.body as string,
        headers.get('stripe-signature')!,
        'whsec_other',
      ),
    ).toThrow();
  });

  it('keeps prices immutable: a new price per amount, the old one archived', async () => {
    const provider = createSimulatedProvider(options());
    const product = await provider.createProduct(
      { name: 'p', description: null, active: true, metadata: {} },
      'k',
    );
    const first = await provider.createPrice(
      { productId: product, unitAmount: 100, currency: 'mxn', metadata: {} },
      'k1',
    );
    await provider.archivePrice(first);
    expect(await provider.retrievePrice(first)).toMatchObject({ active: false, unitAmount: 100 });
    expect(await provider.retrievePrice('price_unknown')).toBeNull();
  });
});
