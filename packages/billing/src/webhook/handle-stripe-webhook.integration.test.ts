import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithClinic, TenantRouter } from '@eventora/tenancy';
import { freezeRows, unfreezeRows } from '@eventora/tenancy/moves';
import { listTenantTables } from '@eventora/tenancy/tables';
import {
  createClinicFixture,
  createTestDatabase,
  type ClinicFixture,
  type TestDatabase,
} from '@eventora/tenancy/testing';

import { secretResolver, staticAccountDirectory } from '../accounts/stripe-account';
import { createBillingService, type BillingService } from '../billing-service';
import {
  chargeRefundedEvent,
  checkoutSessionEvent,
  stripeLikeId,
  type CheckoutEventType,
  type EventPayload,
} from '../events/build-events';
import { startFakeStripe, webhookRequest, type FakeStripe } from '../testing';

const SECRET = 'whsec_test_platform_endpoint_secret';
const CONNECTED = 'acct_1AlphaConnected';

let database: TestDatabase;
let tenants: TenantRouter;
let stripe: FakeStripe;
let billing: BillingService;
let admin: pg.Client;
let alpha: ClinicFixture;
let beta: ClinicFixture;
let gamma: ClinicFixture;
let delta: ClinicFixture;
let epsilon: ClinicFixture;
const EPSILON_SECRET = 'whsec_epsilon_own_account';
const logs: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  tenants = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 12 });
  alpha = await createClinicFixture(database, tenants, { slug: 'alpha' });
  beta = await createClinicFixture(database, tenants, { slug: 'beta' });
  gamma = await createClinicFixture(database, tenants, { slug: 'gamma', mode: 'schema' });
  delta = await createClinicFixture(database, tenants, { slug: 'delta' });
  epsilon = await createClinicFixture(database, tenants, { slug: 'epsilon' });
  stripe = await startFakeStripe();
  const record = (...parts: unknown[]) => void logs.push(parts.map(String).join(' '));
  billing = createBillingService({
    tenants,
    stripe: {
      secretKey: 'sk_test_platform',
      webhookSecret: SECRET,
      api: stripe.api,
      // delta bills through a Connect account, epsilon through its own; the rest the platform's.
      clinicAccounts: staticAccountDirectory({
        delta: { kind: 'connected', accountId: CONNECTED },
        epsilon: {
          kind: 'own',
          secretKeyRef: 'EPSILON_STRIPE_KEY',
          webhookSecretRef: 'EPSILON_WEBHOOK_SECRET',
        },
      }),
      resolveSecret: secretResolver({
        EPSILON_STRIPE_KEY: 'sk_test_epsilon_own',
        EPSILON_WEBHOOK_SECRET: EPSILON_SECRET,
      }),
    },
    portalUrl: (slug) => `http://${slug}.localhost:3000`,
    nodeEnv: 'test',
    logger: { info: record, warn: record, error: record },
  });
  admin = new pg.Client({ connectionString: database.adminUrl });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await stripe?.close();
  await tenants?.close();
  await database?.drop();
});

interface Purchase {
  fixture: ClinicFixture;
  sessionId: string;
  paymentIntentId: string;
  /** The metadata the SDK sent to Stripe when creating the session. */
  metadata: Record<string, string>;
  clientReferenceId: string;
}

/** A client of `fixture` starts a checkout through billing (the SDK against the fake Stripe). */
async function purchase(fixture: ClinicFixture): Promise<Purchase> {
  const { sessionId } = await runWithClinic(fixture.clinic, () =>
    billing.createCheckout(fixture.db, {
      clinic: fixture.clinic,
      user: { id: fixture.ids.client, email: `client@${fixture.clinic.slug}.test` },
      packageId: fixture.ids.package,
    }),
  );
  const paymentIntentId = stripeLikeId('pi');
  stripe.attachPaymentIntent(sessionId, paymentIntentId);
  const session = stripe.sessions.get(sessionId)!;
  return {
    fixture,
    sessionId,
    paymentIntentId,
    metadata: session.metadata as Record<string, string>,
    clientReferenceId: session.client_reference_id as string,
  };
}

function sessionEvent(
  type: CheckoutEventType,
  bought: Purchase,
  overrides: {
    paymentStatus?: 'paid' | 'unpaid';
    metadata?: Record<string, string>;
    clientReferenceId?: string;
    account?: string;
  } = {},
): EventPayload {
  return checkoutSessionEvent(
    type,
    {
      id: bought.sessionId,
      metadata: overrides.metadata ?? bought.metadata,
      clientReferenceId: overrides.clientReferenceId ?? bought.clientReferenceId,
      amountTotal: 250000,
      currency: 'mxn',
      paymentIntentId: bought.paymentIntentId,
      paymentStatus:
        overrides.paymentStatus ?? (type === 'checkout.session.expired' ? 'unpaid' : 'paid'),
      status: type === 'checkout.session.expired' ? 'expired' : 'complete',
    },
    { account: overrides.account },
  );
}

function refundEvent(bought: Purchase, amountRefunded = 250000): EventPayload {
  return chargeRefundedEvent({
    paymentIntentId: bought.paymentIntentId,
    amount: 250000,
    amountRefunded,
    currency: 'mxn',
    metadata: bought.metadata,
  });
}

async function deliver(
  event: EventPayload,
  options: { secret?: string; timestamp?: number; signature?: string; url?: string } = {},
): Promise<{ status: number; body: { outcome?: string; error?: string } }> {
  const response = await billing.handleWebhook(
    webhookRequest(event, { secret: SECRET, ...options }),
  );
  return { status: response.status, body: (await response.json()) as { outcome?: string } };
}

/** Rows of every clinic's tables (the superuser sees past RLS): shared schema plus gamma's own. */
async function count(
  table: 'user_packages' | 'stripe_events',
  where = 'TRUE',
  params: unknown[] = [],
) {
  const { rows } = await admin.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM public.${table} WHERE ${where}) +
            (SELECT count(*) FROM clinic_gamma.${table} WHERE ${where}) AS n`,
    params,
  );
  return Number(rows[0]!.n);
}

async function snapshot() {
  return { userPackages: await count('user_packages'), stripeEvents: await count('stripe_events') };
}

async function creditsOf(bought: Purchase) {
  const schema = bought.fixture === gamma ? 'clinic_gamma' : 'public';
  const { rows } = await admin.query<{ status: string; credits_left: number; clinic_id: string }>(
    `SELECT status, credits_left, clinic_id FROM ${schema}.user_packages WHERE purchase_reference = $1`,
    [bought.sessionId],
  );
  return rows;
}

async function checkoutStatus(bought: Purchase) {
  const schema = bought.fixture === gamma ? 'clinic_gamma' : 'public';
  const { rows } = await admin.query<{ status: string }>(
    `SELECT status FROM ${schema}.checkout_sessions WHERE id = $1`,
    [bought.sessionId],
  );
  return rows[0]?.status;
}

async function auditActions(fixture: ClinicFixture, entityId: string) {
  const schema = fixture === gamma ? 'clinic_gamma' : 'public';
  const { rows } = await admin.query<{ action: string; actor_type: string; reason: string | null }>(
    `SELECT action, actor_type, reason FROM ${schema}.audit_logs
      WHERE clinic_id = $1 AND entity_id = $2 ORDER BY seq`,
    [fixture.clinic.id, entityId],
  );
  return rows;
}

describe('checkout', () => {
  it('sends the clinic, slug, buyer and package as metadata (session and payment intent) and a client reference, and stores the mapping', async () => {
    const bought = await purchase(alpha);
    const request = stripe.requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions')
      .at(-1)!;
    const metadata = {
      clinicId: alpha.clinic.id,
      tenantSlug: 'alpha',
      userId: alpha.ids.client,
      packageId: alpha.ids.package,
    };
    expect(request.headers.authorization).toBe('Bearer sk_test_platform');
    expect(request.body).toMatchObject({
      mode: 'payment',
      metadata,
      payment_intent_data: { metadata },
      client_reference_id: `${alpha.clinic.id}:${alpha.ids.client}`,
      customer_email: 'client@alpha.test',
      success_url: 'http://alpha.localhost:3000/billing/success?session_id={CHECKOUT_SESSION_ID}',
      line_items: [
        {
          quantity: '1',
          price_data: {
            currency: 'mxn',
            unit_amount: '250000',
            product_data: { name: '5 sessions' },
          },
        },
      ],
    });
    expect(bought.metadata).toEqual(metadata);
    expect(await checkoutStatus(bought)).toBe('open');
    expect((await auditActions(alpha, bought.sessionId)).map((a) => a.action)).toEqual([
      'billing.checkout_created',
    ]);
  });

  it('a connected-account clinic creates its session on that account', async () => {
    await purchase(delta);
    expect(stripe.requests.at(-1)!.headers['stripe-account']).toBe(CONNECTED);
  });
});

describe('webhook', () => {
  it('valid checkout.session.completed: credited once, in one transaction with the event and audit', async () => {
    const bought = await purchase(alpha);
    const before = await snapshot();
    const event = sessionEvent('checkout.session.completed', bought);

    expect(await deliver(event)).toEqual({
      status: 200,
      body: { received: true, outcome: 'credited' },
    });

    expect(await snapshot()).toEqual({
      userPackages: before.userPackages + 1,
      stripeEvents: before.stripeEvents + 1,
    });
    const [credit] = await creditsOf(bought);
    expect(credit).toMatchObject({ status: 'active', credits_left: 5, clinic_id: alpha.clinic.id });
    expect(await checkoutStatus(bought)).toBe('completed');
    expect(await auditActions(alpha, bought.sessionId)).toEqual([
      expect.objectContaining({ action: 'billing.checkout_created', actor_type: 'user' }),
      expect.objectContaining({ action: 'billing.credited', actor_type: 'system' }),
    ]);
  });

  it('duplicate delivery: acknowledged 200, credits once', async () => {
    const bought = await purchase(alpha);
    const event = sessionEvent('checkout.session.completed', bought);
    await deliver(event);
    const before = await snapshot();

    expect(await deliver(event)).toEqual({
      status: 200,
      body: { received: true, outcome: 'duplicate' },
    });
    expect(await snapshot()).toEqual(before);
    expect(await creditsOf(bought)).toHaveLength(1);
  });

  it('a clinic frozen for a move: 503 with Retry-After, nothing changed; redelivered after, credited once', async () => {
    const bought = await purchase(alpha);
    const event = sessionEvent('checkout.session.completed', bought);
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    try {
      const tables = await listTenantTables(owner, 'public');
      await freezeRows(owner, 'public', tables, alpha.clinic.id);
      const before = await snapshot();
      const frozen = await billing.handleWebhook(webhookRequest(event, { secret: SECRET }));
      expect(frozen.status).toBe(503);
      expect(frozen.headers.get('retry-after')).toBe('60');
      expect(await snapshot()).toEqual(before);
      await unfreezeRows(owner, 'public', tables, alpha.clinic.id);
    } finally {
      await owner.end();
    }
    expect(await deliver(event)).toEqual({
      status: 200,
      body: { received: true, outcome: 'credited' },
    });
    expect(await deliver(event)).toEqual({
      status: 200,
      body: { received: true, outcome: 'duplicate' },
    });
    expect(await creditsOf(bought)).toHaveLength(1);
  });

  it('a second, different event for the same session (async_payment_succeeded after completed) credits nothing more', async () => {
    const bought = await purchase(alpha);
    await deliver(sessionEvent('checkout.session.completed', bought));

    const again = await deliver(sessionEvent('checkout.session.async_payment_succeeded', bought));
    expect(again).toEqual({ status: 200, body: { received: true, outcome: 'no_effect' } });
    expect(await creditsOf(bought)).toHaveLength(1);
  });

  it('bad signature (wrong secret, tampered body, missing header): 400, nothing changed', async () => {
    const bought = await purchase(alpha);
    const event = sessionEvent('checkout.session.completed', bought);
    const before = await snapshot();

    expect((await deliver(event, { secret: 'whsec_someone_else' })).status).toBe(400);
    const tampered = webhookRequest(event, { secret: SECRET });
    const forged = new Request(tampered.url, {
      method: 'POST',
      headers: tampered.headers,
      body: JSON.stringify({ ...event, id: 'evt_forged' }),
    });
    expect((await billing.handleWebhook(forged)).status).toBe(400);
    const unsigned = new Request(tampered.url, { method: 'POST', body: JSON.stringify(event) });
    expect((await billing.handleWebhook(unsigned)).status).toBe(400);

    expect(await snapshot()).toEqual(before);
    expect(await checkoutStatus(bought)).toBe('open');
    expect(logs.join('\n')).not.toContain(SECRET);
  });

  it('stale timestamp (signed 6 minutes ago, beyond the default tolerance): 400, nothing changed', async () => {
    const bought = await purchase(alpha);
    const before = await snapshot();
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 360;

    const answer = await deliver(sessionEvent('checkout.session.completed', bought), {
      timestamp: sixMinutesAgo,
    });
    expect(answer.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("metadata naming beta's clinicId on alpha's session: 422, audited in alpha, nothing changed", async () => {
    const bought = await purchase(alpha);
    const before = await snapshot();
    const betaAudit = await auditCount(beta);

    const answer = await deliver(
      sessionEvent('checkout.session.completed', bought, {
        metadata: { ...bought.metadata, clinicId: beta.clinic.id },
      }),
    );

    expect(answer.status).toBe(422);
    expect(await snapshot()).toEqual(before);
    expect(await checkoutStatus(bought)).toBe('open');
    expect(await auditActions(alpha, bought.sessionId)).toContainEqual(
      expect.objectContaining({
        action: 'billing.webhook_rejected',
        reason: 'Event disagrees on clinicId',
      }),
    );
    expect(await auditCount(beta)).toBe(betaAudit);
    expect(logs.at(-1)).toContain('disagrees with checkout');
  });

  it("and vice versa, alpha's clinicId on beta's session: 422, audited in beta, nothing changed", async () => {
    const bought = await purchase(beta);
    const before = await snapshot();

    const answer = await deliver(
      sessionEvent('checkout.session.completed', bought, {
        metadata: { ...bought.metadata, clinicId: alpha.clinic.id },
      }),
    );

    expect(answer.status).toBe(422);
    expect(await snapshot()).toEqual(before);
    expect((await auditActions(beta, bought.sessionId)).map((a) => a.action)).toContain(
      'billing.webhook_rejected',
    );
  });

  it("every hint naming beta on alpha's session: beta cannot see alpha's mapping, so 404, nothing changed", async () => {
    const bought = await purchase(alpha);
    const before = await snapshot();

    const answer = await deliver(
      sessionEvent('checkout.session.completed', bought, {
        metadata: {
          ...bought.metadata,
          clinicId: beta.clinic.id,
          tenantSlug: 'beta',
          userId: beta.ids.client,
        },
        clientReferenceId: `${beta.clinic.id}:${beta.ids.client}`,
      }),
    );

    expect(answer.status).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect(await checkoutStatus(bought)).toBe('open');
  });

  it('a buyer or package other than the stored one: 422, nothing changed', async () => {
    const bought = await purchase(alpha);
    const before = await snapshot();

    const answer = await deliver(
      sessionEvent('checkout.session.completed', bought, {
        metadata: { ...bought.metadata, userId: alpha.ids.therapist },
      }),
    );

    expect(answer.status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it('unknown session: 404, nothing changed', async () => {
    const bought = await purchase(alpha);
    const before = await snapshot();

    const answer = await deliver(
      sessionEvent('checkout.session.completed', { ...bought, sessionId: 'cs_test_never_created' }),
    );

    expect(answer).toEqual({ status: 404, body: { error: 'Unknown checkout session.' } });
    expect(await snapshot()).toEqual(before);
  });

  it('event of a connected account for a platform clinic (or another account): 422, nothing changed', async () => {
    const bought = await purchase(alpha);
    const before = await snapshot();
    expect(
      (await deliver(sessionEvent('checkout.session.completed', bought, { account: CONNECTED })))
        .status,
    ).toBe(422);

    const delta1 = await purchase(delta);
    expect((await deliver(sessionEvent('checkout.session.completed', delta1))).status).toBe(422);
    expect(
      (
        await deliver(
          sessionEvent('checkout.session.completed', delta1, { account: 'acct_1Other' }),
        )
      ).status,
    ).toBe(422);
    expect(await snapshot()).toEqual(before);

    // Its own account's event is fulfilled.
    expect(
      (await deliver(sessionEvent('checkout.session.completed', delta1, { account: CONNECTED })))
        .body.outcome,
    ).toBe('credited');
  });

  it("a clinic's own Stripe account: its endpoint and secret only, never another clinic's session", async () => {
    const own = await purchase(epsilon);
    const ownCall = stripe.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1)!;
    expect(ownCall.headers.authorization).toBe('Bearer sk_test_epsilon_own');
    const ownEndpoint = 'http://localhost/api/stripe/webhook?clinic=epsilon';
    const before = await snapshot();

    // At the platform endpoint, or signed with the platform's secret: not verifiable.
    expect(
      (await deliver(sessionEvent('checkout.session.completed', own), { secret: EPSILON_SECRET }))
        .status,
    ).toBe(400);
    expect(
      (await deliver(sessionEvent('checkout.session.completed', own), { url: ownEndpoint })).status,
    ).toBe(400);
    // epsilon's account signing an event about alpha's session: refused, audited in alpha.
    const alphas = await purchase(alpha);
    const crossed = await deliver(sessionEvent('checkout.session.completed', alphas), {
      secret: EPSILON_SECRET,
      url: ownEndpoint,
    });
    expect(crossed.status).toBe(422);
    expect((await auditActions(alpha, alphas.sessionId)).map((a) => a.action)).toContain(
      'billing.webhook_rejected',
    );
    expect(await snapshot()).toEqual(before);

    const answer = await deliver(sessionEvent('checkout.session.completed', own), {
      secret: EPSILON_SECRET,
      url: ownEndpoint,
    });
    expect(answer.body.outcome).toBe('credited');
  });

  it('refunded before completed: ends refunded with no usable credits', async () => {
    const bought = await purchase(alpha);

    expect((await deliver(refundEvent(bought))).body.outcome).toBe('refunded');
    expect(await checkoutStatus(bought)).toBe('refunded');
    expect((await deliver(sessionEvent('checkout.session.completed', bought))).body.outcome).toBe(
      'no_effect',
    );

    expect(await checkoutStatus(bought)).toBe('refunded');
    expect((await creditsOf(bought)).filter((c) => c.status === 'active')).toEqual([]);
    // The lookup went to Stripe: the charge names only its payment intent.
    expect(stripe.requests.at(-1)).toBeDefined();
    expect(
      stripe.requests.some(
        (r) => r.method === 'GET' && r.query.payment_intent === bought.paymentIntentId,
      ),
    ).toBe(true);
  });

  it('refund after credit revokes the unused credits; a partial refund keeps them', async () => {
    const full = await purchase(alpha);
    await deliver(sessionEvent('checkout.session.completed', full));
    expect((await deliver(refundEvent(full))).body.outcome).toBe('refunded');
    expect(await creditsOf(full)).toEqual([
      expect.objectContaining({ status: 'revoked', credits_left: 0 }),
    ]);

    const partial = await purchase(alpha);
    await deliver(sessionEvent('checkout.session.completed', partial));
    expect((await deliver(refundEvent(partial, 50000))).body.outcome).toBe('partially_refunded');
    expect(await creditsOf(partial)).toEqual([
      expect.objectContaining({ status: 'active', credits_left: 5 }),
    ]);
  });

  it('unpaid completion waits; async_payment_succeeded credits, async_payment_failed fails; expired expires', async () => {
    const later = await purchase(alpha);
    expect(
      (
        await deliver(
          sessionEvent('checkout.session.completed', later, { paymentStatus: 'unpaid' }),
        )
      ).body.outcome,
    ).toBe('awaiting_payment');
    expect(await creditsOf(later)).toEqual([]);
    expect(
      (await deliver(sessionEvent('checkout.session.async_payment_succeeded', later))).body.outcome,
    ).toBe('credited');
    expect(await creditsOf(later)).toHaveLength(1);

    const bounced = await purchase(alpha);
    await deliver(sessionEvent('checkout.session.completed', bounced, { paymentStatus: 'unpaid' }));
    expect(
      (await deliver(sessionEvent('checkout.session.async_payment_failed', bounced))).body.outcome,
    ).toBe('payment_failed');
    expect(await checkoutStatus(bounced)).toBe('failed');
    expect(await creditsOf(bounced)).toEqual([]);

    const abandoned = await purchase(alpha);
    expect((await deliver(sessionEvent('checkout.session.expired', abandoned))).body.outcome).toBe(
      'expired',
    );
    expect(await checkoutStatus(abandoned)).toBe('expired');
  });

  it('20 concurrent deliveries of the same event: one credit', async () => {
    const bought = await purchase(alpha);
    const before = await snapshot();
    const event = sessionEvent('checkout.session.completed', bought);

    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(event)));

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const outcomes = answers.map((a) => a.body.outcome).sort();
    expect(outcomes).toEqual(['credited', ...Array(19).fill('duplicate')]);
    expect(await snapshot()).toEqual({
      userPackages: before.userPackages + 1,
      stripeEvents: before.stripeEvents + 1,
    });
  });

  it('20 concurrent different events for one session (completed, async succeeded, refunded): one outcome, never a usable credit after the refund', async () => {
    const bought = await purchase(alpha);
    const events = Array.from({ length: 20 }, (_, i) =>
      i % 3 === 0
        ? sessionEvent('checkout.session.completed', bought)
        : i % 3 === 1
          ? sessionEvent('checkout.session.async_payment_succeeded', bought)
          : i === 2
            ? refundEvent(bought)
            : sessionEvent('checkout.session.completed', bought),
    );

    const answers = await Promise.all(events.map((event) => deliver(event)));

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(await creditsOf(bought)).toHaveLength(
      answers.some((a) => a.body.outcome === 'credited') ? 1 : 0,
    );
    expect(await checkoutStatus(bought)).toBe('refunded');
    expect((await creditsOf(bought)).filter((c) => c.status === 'active')).toEqual([]);
  });

  it('a schema-mode clinic (gamma) is fulfilled in its own schema', async () => {
    const bought = await purchase(gamma);
    const sharedBefore = await admin.query<{ n: string }>(
      'SELECT count(*) AS n FROM public.user_packages WHERE clinic_id = $1',
      [gamma.clinic.id],
    );

    expect((await deliver(sessionEvent('checkout.session.completed', bought))).body.outcome).toBe(
      'credited',
    );

    expect(await creditsOf(bought)).toEqual([
      expect.objectContaining({ status: 'active', credits_left: 5, clinic_id: gamma.clinic.id }),
    ]);
    const { rows } = await admin.query<{ n: string }>(
      'SELECT count(*) AS n FROM clinic_gamma.stripe_events WHERE clinic_id = $1',
      [gamma.clinic.id],
    );
    expect(Number(rows[0]!.n)).toBe(1);
    const sharedAfter = await admin.query<{ n: string }>(
      'SELECT count(*) AS n FROM public.user_packages WHERE clinic_id = $1',
      [gamma.clinic.id],
    );
    expect(sharedAfter.rows[0]!.n).toBe(sharedBefore.rows[0]!.n);
    expect(sharedAfter.rows[0]!.n).toBe('0');
  });

  it('event types billing does not handle are acknowledged and ignored', async () => {
    const before = await snapshot();
    const event: EventPayload = {
      ...refundEvent(await purchase(alpha)),
      type: 'payment_intent.created',
    };
    expect(await deliver(event)).toEqual({
      status: 200,
      body: { received: true, outcome: 'ignored' },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('over real HTTP: the same handler behind a Node server verifies and credits', async () => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const request = new Request(`http://127.0.0.1${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        });
        const response = await billing.handleWebhook(request);
        res.writeHead(response.status, { 'content-type': 'application/json' });
        res.end(await response.text());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const bought = await purchase(alpha);
      const signed = webhookRequest(sessionEvent('checkout.session.completed', bought), {
        secret: SECRET,
      });
      const response = await fetch(`http://127.0.0.1:${port}/api/stripe/webhook`, {
        method: 'POST',
        headers: signed.headers,
        body: await signed.text(),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, outcome: 'credited' });
      expect(await creditsOf(bought)).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('GET and unknown own-account endpoints are refused', async () => {
    const get = await billing.handleWebhook(new Request('http://localhost/api/stripe/webhook'));
    expect(get.status).toBe(405);
    const bought = await purchase(alpha);
    const answer = await deliver(sessionEvent('checkout.session.completed', bought), {
      url: 'http://localhost/api/stripe/webhook?clinic=alpha',
    });
    expect(answer.status).toBe(404);
    expect(await checkoutStatus(bought)).toBe('open');
  });
});

async function auditCount(fixture: ClinicFixture): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    'SELECT count(*) AS n FROM public.audit_logs WHERE clinic_id = $1',
    [fixture.clinic.id],
  );
  return Number(rows[0]!.n);
}
