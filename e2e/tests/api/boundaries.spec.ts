import { expect, test } from '@playwright/test';
import { clinicFingerprint } from '@eventora/api/isolation-fingerprint';
import { checkoutSessionEvent, signPayload } from '@eventora/billing';

import { DEMO_PASSWORD, demoTarget } from '../../src/demo-targets';
import { mailedToken } from '../../src/mail-inbox';
import { TrpcHttp } from '../../src/portal-api';
import { ports, runEnv, STRIPE_WEBHOOK_SECRET_FOR_E2E } from '../../src/run-env';

/**
 * The walls between the portal and the console, between clinics' payments, and between two
 * requests sharing a pooled connection — each asserted as an attacker sees it, and with the
 * database checked afterwards.
 */
test.describe.configure({ mode: 'serial' });

const OPERATOR = { email: 'admin@eventora.test', password: DEMO_PASSWORD };

async function signIn(slug: string, email: string): Promise<string> {
  const portal = await TrpcHttp.portal(slug);
  const answer = await portal.mutation<{ token: string }>('auth.signIn', {
    bearer: true,
    email,
    password: DEMO_PASSWORD,
  });
  await portal.dispose();
  expect(answer.status, `sign-in of ${email} at ${slug}: ${answer.error?.message}`).toBe(200);
  return answer.data!.token;
}

async function operatorCookie(): Promise<string> {
  const console = await TrpcHttp.console();
  const answer = await console.mutation('admin.auth.signIn', OPERATOR);
  await console.dispose();
  expect(answer.status).toBe(200);
  return /eventora_platform_session=[^;]+/.exec(answer.setCookie ?? '')![0];
}

test('clinic accounts cannot sign in to the console, and clinic sessions are not console sessions', async () => {
  const console = await TrpcHttp.console();
  const asOwner = await console.mutation('admin.auth.signIn', {
    email: 'owner@alpha.test',
    password: DEMO_PASSWORD,
  });
  expect(asOwner.error?.code).toBe('UNAUTHORIZED');
  const token = await signIn('alpha', 'owner@alpha.test');
  for (const cookie of [`eventora_session=${token}`, `eventora_platform_session=${token}`]) {
    const list = await console.query('admin.clinic.list', {}, { cookie });
    expect(list.error?.code, cookie.split('=')[0]).toBe('UNAUTHORIZED');
  }
  await console.dispose();
});

test('console procedures do not exist on the portal, and platform sessions are strangers there', async () => {
  const cookie = await operatorCookie();
  const portal = await TrpcHttp.portal('alpha');
  const list = await portal.query('admin.clinic.list', {}, { cookie });
  expect(list.status).toBe(404);
  const token = cookie.split('=')[1]!;
  const me = await portal.query('auth.me', undefined, { cookie: `eventora_session=${token}` });
  expect(me.error?.code).toBe('UNAUTHORIZED');
  await portal.dispose();
});

test('staff of one clinic find none of another clinic’s clients by search, by exact email or in counts', async () => {
  const beta = await demoTarget('beta');
  const token = await signIn('alpha', 'staff@alpha.test');
  const portal = await TrpcHttp.portal('alpha');
  const cookie = `eventora_session=${token}`;
  for (const search of [beta.client.email, beta.client.email.split('@')[1]!, 'beta']) {
    const found = await portal.query<{ items: { email: string }[] }>(
      'client.list',
      { search },
      { cookie },
    );
    expect(found.status).toBe(200);
    expect(found.data!.items.filter((client) => client.email.endsWith('beta.test'))).toEqual([]);
  }
  const all = await portal.query<{ items: { id: string }[] }>(
    'client.list',
    { limit: 100 },
    { cookie },
  );
  expect(all.data!.items.map((client) => client.id)).not.toContain(beta.client.id);
  await portal.dispose();
});

test('a Stripe event naming another clinic for this clinic’s checkout is refused and credits nothing', async ({
  request,
}) => {
  const alpha = await demoTarget('alpha');
  const beta = await demoTarget('beta');
  const token = await signIn('alpha', alpha.client.email);
  const portal = await TrpcHttp.portal('alpha');
  const checkout = await portal.mutation<{ sessionId: string }>(
    'billing.createCheckout',
    { packageId: alpha.ids.package },
    { cookie: `eventora_session=${token}` },
  );
  await portal.dispose();
  expect(checkout.status, checkout.error?.message).toBe(200);

  const before = {
    alpha: await clinicFingerprint(runEnv('adminUrl'), alpha.clinic.id, alpha.schema),
    beta: await clinicFingerprint(runEnv('adminUrl'), beta.clinic.id, beta.schema),
  };
  const forged = checkoutSessionEvent('checkout.session.completed', {
    id: checkout.data!.sessionId,
    metadata: {
      clinicId: beta.clinic.id,
      tenantSlug: 'beta',
      userId: beta.client.id,
      packageId: beta.ids.package,
    },
    clientReferenceId: `${beta.clinic.id}:${beta.client.id}`,
    amountTotal: 100,
    currency: 'mxn',
    paymentIntentId: 'pi_e2e_forged',
    paymentStatus: 'paid',
    status: 'complete',
  });
  const payload = JSON.stringify(forged);
  const response = await request.post(`http://127.0.0.1:${ports().web}/api/stripe/webhook`, {
    headers: {
      'content-type': 'application/json',
      'stripe-signature': signPayload(payload, STRIPE_WEBHOOK_SECRET_FOR_E2E),
    },
    data: payload,
  });
  expect(response.status()).toBeGreaterThanOrEqual(400);
  expect(response.status()).toBeLessThan(500);
  // Nothing credited anywhere; only alpha's audit log may say it refused the event.
  const after = {
    alpha: await clinicFingerprint(runEnv('adminUrl'), alpha.clinic.id, alpha.schema),
    beta: await clinicFingerprint(runEnv('adminUrl'), beta.clinic.id, beta.schema),
  };
  expect(after.beta).toEqual(before.beta);
  expect({ ...after.alpha, audit_logs: '' }).toEqual({ ...before.alpha, audit_logs: '' });
  expect(after.alpha.user_packages).toBe(before.alpha.user_packages);
});

test('a request that fails mid-transaction leaves no binding on the shared connection', async () => {
  // The portal runs these suites on one pooled connection (DATABASE_CONNECTION_BUDGET=2).
  const alpha = await demoTarget('alpha');
  const token = await signIn('alpha', 'staff@alpha.test');
  const portal = await TrpcHttp.portal('alpha');
  const cookie = `eventora_session=${token}`;
  const upcoming = await portal.query<{
    items: { startsAt: Date; therapist: { id: string }; branch: { id: string } }[];
  }>('reservation.list', { from: new Date(), status: 'booked', limit: 1 }, { cookie });
  const held = upcoming.data?.items[0];
  expect(held, 'a booked upcoming reservation in the demo data').toBeTruthy();
  // Booking the slot it holds takes the client's credit, then the database's exclusion
  // constraint throws inside the booking transaction and everything rolls back.
  const clash = await portal.mutation(
    'reservation.create',
    {
      therapistId: held!.therapist.id,
      branchId: held!.branch.id,
      startsAt: held!.startsAt,
      clientId: alpha.client.id,
    },
    { cookie },
  );
  expect(clash.status, clash.error?.message).toBe(409);
  await portal.dispose();

  // The next requests on that connection: beta sees only beta, an anonymous caller sees nothing.
  const betaToken = await signIn('beta', 'staff@beta.test');
  const betaPortal = await TrpcHttp.portal('beta');
  const seen = await betaPortal.query<{ items: { id: string }[] }>(
    'client.list',
    { limit: 100 },
    { cookie: `eventora_session=${betaToken}` },
  );
  expect(seen.status).toBe(200);
  expect(seen.data!.items.map((client) => client.id)).not.toContain(alpha.client.id);
  const anonymous = await betaPortal.query('client.list', {}, {});
  expect(anonymous.error?.code).toBe('UNAUTHORIZED');
  await betaPortal.dispose();
});

test('break-glass reads show in the clinic’s own audit log', async () => {
  const cookie = await operatorCookie();
  const console = await TrpcHttp.console();
  const beta = await demoTarget('beta');
  const reason = 'E2E: client reports a missing booking';
  const grant = await console.mutation<{ id: string }>(
    'admin.access.open',
    { clinicId: beta.clinic.id, reason, minutes: 5 },
    { cookie },
  );
  expect(grant.status, grant.error?.message).toBe(200);
  const read = await console.query<{ items: unknown[] }>(
    'admin.access.reservations',
    { grantId: grant.data!.id },
    { cookie },
  );
  expect(read.status, read.error?.message).toBe(200);
  await console.dispose();

  const portal = await TrpcHttp.portal('beta');
  const audit = await portal.query<{
    items: { action: string; actorType: string; reason: string | null }[];
  }>(
    'audit.list',
    { limit: 50 },
    { cookie: `eventora_session=${await signIn('beta', 'owner@beta.test')}` },
  );
  await portal.dispose();
  expect(audit.data!.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ action: 'platform.access', actorType: 'platform', reason }),
      expect.objectContaining({ action: 'platform.operation', actorType: 'platform' }),
    ]),
  );
});

test('an onboarded clinic works for its owner; suspending it stops its sessions at once', async () => {
  // A clinic of its own, so suspending it cannot disturb the suites running beside this one.
  const cookie = await operatorCookie();
  const console = await TrpcHttp.console();
  const slug = `suspend${Date.now().toString(36)}`;
  const created = await console.mutation<{ id: string }>(
    'admin.clinic.create',
    {
      slug,
      name: 'Suspension Test Clinic',
      mode: 'shared',
      ownerEmail: `owner@${slug}.test`,
      ownerName: 'Sam Suspended',
    },
    { cookie },
  );
  expect(created.status, created.error?.message).toBe(200);
  const link = await mailedToken(`owner@${slug}.test`, '/reset-password');
  const portal = await TrpcHttp.portal(slug);
  const newPassword = 'quiet harbour morning tide';
  expect((await portal.mutation('auth.resetPassword', { token: link, newPassword })).status).toBe(
    200,
  );
  const signedIn = await portal.mutation<{ token: string }>('auth.signIn', {
    bearer: true,
    email: `owner@${slug}.test`,
    password: newPassword,
  });
  expect(signedIn.status, signedIn.error?.message).toBe(200);
  const ownerCookie = `eventora_session=${signedIn.data!.token}`;
  expect((await portal.query('auth.me', undefined, { cookie: ownerCookie })).status).toBe(200);

  const suspend = await console.mutation(
    'admin.clinic.suspend',
    { id: created.data!.id, reason: 'E2E: suspension closes the portal' },
    { cookie },
  );
  expect(suspend.status, suspend.error?.message).toBe(200);
  expect((await portal.query('auth.me', undefined, { cookie: ownerCookie })).error?.code).toBe(
    'NOT_FOUND',
  );
  expect(
    (await portal.mutation('auth.signIn', { email: `owner@${slug}.test`, password: newPassword }))
      .error?.code,
  ).toBe('NOT_FOUND');

  const reactivate = await console.mutation(
    'admin.clinic.reactivate',
    { id: created.data!.id, reason: 'E2E: reopening after the check' },
    { cookie },
  );
  expect(reactivate.status, reactivate.error?.message).toBe(200);
  expect((await portal.query('auth.me', undefined, { cookie: ownerCookie })).status).toBe(200);
  await portal.dispose();
  await console.dispose();
});

// Issue 11 item 7 over the production build: on the old main a cookie-bearing GET was never
// checked, so a link on another site (or a sibling clinic's portal) could make a signed-in
// staff member's browser write `client.view` entries.
test('a cookie-bearing GET from another origin is refused before any procedure runs; bearer clients are exempt', async () => {
  const alpha = await demoTarget('alpha');
  const token = await signIn('alpha', 'staff@alpha.test');
  const portal = await TrpcHttp.portal('alpha');
  const cookie = `eventora_session=${token}`;
  const view = (headers: Record<string, string>) =>
    portal.query('client.byId', { id: alpha.client.id }, { cookie, ...headers });
  const { web } = ports();
  const foreign: Record<string, string>[] = [
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site', origin: `http://beta.localhost:${web}` },
    { origin: 'https://evil.example' },
  ];
  for (const headers of foreign) {
    const refused = await view(headers);
    expect(refused.status, JSON.stringify(headers)).toBe(403);
    expect(refused.data).toBeUndefined();
  }
  expect((await view({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  expect((await view({ origin: `http://alpha.localhost:${web}` })).status).toBe(200);
  const bearer = await portal.query(
    'client.byId',
    { id: alpha.client.id },
    { authorization: `Bearer ${token}`, origin: 'https://evil.example' },
  );
  expect(bearer.status).toBe(200);
  await portal.dispose();
});
