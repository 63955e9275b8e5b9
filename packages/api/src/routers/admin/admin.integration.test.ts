import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createApiTestKit,
  TEST_PASSWORD,
  type ApiTestKit,
  type TestClinic,
} from '../../testing/api-test-kit';

const REASON = 'Unpaid invoices for three months (ticket 88)';

describe('the platform console API', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let operatorToken: string;
  let operatorId: string;

  const asOperator = () => kit.console({ token: operatorToken });

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    ({ id: operatorId } = await kit.addOperator('admin@eventora.test'));
    operatorToken = await kit.operatorToken('admin@eventora.test');
  });
  afterAll(() => kit?.close());

  it('is served only on the console endpoint: the portal does not know its procedures', async () => {
    const viaPortal = await kit.http(
      'alpha',
      'admin.clinic.list',
      {},
      { query: true, headers: { cookie: `eventora_platform_session=${operatorToken}` } },
    );
    expect(viaPortal.status).toBe(404);
    const viaConsole = await kit.http(
      null,
      'admin.clinic.list',
      {},
      {
        query: true,
        console: true,
        headers: { cookie: `eventora_platform_session=${operatorToken}` },
      },
    );
    expect(viaConsole.body.error?.json.message ?? 'ok').toBe('ok');
    expect(viaConsole.status).toBe(200);
  });

  it('refuses clinic accounts and clinic sessions; the portal refuses platform sessions', async () => {
    await expect(
      kit.console().admin.auth.signIn({ email: 'owner@alpha.test', password: TEST_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(
      kit.console({ token: alpha.owner.token }).admin.clinic.list({}),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      kit.console({ cookieHeader: `eventora_session=${alpha.owner.token}` }).admin.auth.me(),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(kit.caller('alpha', { token: operatorToken }).auth.me()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('lists clinics with live figures, filtered and searched', async () => {
    const { items, total } = await asOperator().admin.clinic.list({ search: 'alp' });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      slug: 'alpha',
      mode: 'shared',
      status: 'active',
      usage: { users: 4, clients: 1, reservations: 1 },
    });
    expect((await asOperator().admin.clinic.list({ mode: 'database' })).items).toEqual([]);
  });

  it('validates new clinic addresses: lower-case, not reserved, not taken', async () => {
    const attempt = (slug: string) =>
      asOperator().admin.clinic.create({
        slug,
        name: 'X Clinic',
        mode: 'shared',
        ownerEmail: 'o@x.test',
        ownerName: 'O',
      });
    await expect(attempt('Admin')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(attempt('www')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(attempt('alpha')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('onboards a clinic in its own schema whose portal then works for its first owner', async () => {
    const created = await asOperator().admin.clinic.create({
      slug: 'delta',
      name: 'Delta Rehab',
      mode: 'schema',
      timezone: 'America/Bogota',
      ownerEmail: 'Founder@Delta.test',
      ownerName: 'Dana Delta',
    });
    expect(created).toMatchObject({ slug: 'delta', mode: 'schema' });
    const token = new URL(created.setPasswordLink!).searchParams.get('token')!;
    expect(created.setPasswordLink).toMatch(
      /^http:\/\/delta\.localhost:3000\/reset-password\?token=/,
    );

    await kit
      .caller('delta')
      .auth.resetPassword({ token, newPassword: 'tall green lighthouse keeper' });
    const signedIn = await kit.caller('delta').auth.signIn({
      email: 'founder@delta.test',
      password: 'tall green lighthouse keeper',
      bearer: true,
    });
    expect(signedIn.user.role).toBe('OWNER');

    const detail = await asOperator().admin.clinic.byId({ id: created.id });
    expect(detail).toMatchObject({
      schemaName: 'clinic_delta',
      status: 'active',
      onboardingState: 'ready',
      usage: { users: 1 },
    });
    const ownersView = await kit.caller('delta', { token: signedIn.token }).auth.me();
    expect(ownersView.clinic).toEqual({ slug: 'delta', name: 'Delta Rehab' });
  });

  it('suspending closes the portal at once; reactivating reopens it; both need a reason and are audited', async () => {
    await expect(
      asOperator().admin.clinic.suspend({ id: alpha.clinic.id, reason: 'bye' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await asOperator().admin.clinic.suspend({ id: alpha.clinic.id, reason: REASON });

    await expect(kit.as(alpha, alpha.owner).auth.me()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      kit.caller('alpha').auth.signIn({ email: 'owner@alpha.test', password: TEST_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      kit.caller('nonexistent').auth.signIn({ email: 'owner@alpha.test', password: TEST_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    await asOperator().admin.clinic.reactivate({
      id: alpha.clinic.id,
      reason: 'Invoices settled on 2026-11-27',
    });
    expect((await kit.as(alpha, alpha.owner).auth.me()).user.id).toBe(alpha.owner.id);

    const clinicAudit = await kit.services.tenants.withClinic('alpha', (db) =>
      db.auditLog.findMany({
        where: { actorType: 'platform' },
        orderBy: { seq: 'asc' },
        select: { action: true, actorId: true, reason: true },
      }),
    );
    expect(clinicAudit).toEqual([
      // The earlier attempt to create a clinic at alpha's address.
      { action: 'platform.clinic_create_refused', actorId: operatorId, reason: null },
      { action: 'platform.clinic_suspended', actorId: operatorId, reason: REASON },
      {
        action: 'platform.clinic_reactivated',
        actorId: operatorId,
        reason: 'Invoices settled on 2026-11-27',
      },
    ]);
    const platformAudit = await asOperator().admin.audit.list({ clinicId: alpha.clinic.id });
    expect(platformAudit.items.map((entry) => entry.action)).toEqual([
      'clinic.reactivate',
      'clinic.suspend',
      'clinic.create_refused',
    ]);
  });
});
