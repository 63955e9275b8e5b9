import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createApiTestKit,
  TEST_PASSWORD,
  type ApiTestKit,
  type TestClinic,
} from '../../testing/api-test-kit';

const DAY = 86_400_000;

describe('wallet procedures', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;
  let other: { id: string; token: string; packageId: string };

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
    const signedUp = await kit.caller('alpha').auth.signUp({
      email: 'other@alpha.test',
      name: 'Other Client',
      password: TEST_PASSWORD,
      acceptedNoticeVersion: 1,
      bearer: true,
    });
    const purchase = (userId: string, reference: string, extra: object) =>
      alpha.db.userPackage.create({
        data: {
          clinicId: alpha.clinic.id,
          userId,
          packageId: alpha.ids.package,
          creditsTotal: 5,
          creditsLeft: 5,
          expiresAt: new Date(Date.now() + 30 * DAY),
          purchaseReference: reference,
          ...extra,
        },
      });
    const otherPackage = await runWithClinic(alpha.clinic, async () => {
      await purchase(alpha.client.id, 'manual:expired', { expiresAt: new Date(Date.now() - DAY) });
      await purchase(alpha.client.id, 'manual:used', { creditsLeft: 0 });
      await purchase(alpha.client.id, 'manual:revoked', { status: 'revoked' });
      return purchase(signedUp.user.id, 'manual:other', {});
    });
    other = { id: signedUp.user.id, token: signedUp.token!, packageId: otherPackage.id };
  });
  afterAll(() => kit?.close());

  const clientViews = async () =>
    (await kit.as(alpha, alpha.owner).audit.list({ action: 'client.view' })).items;

  it('a client sees their own purchases with package name, credits, expiry and what they can do now', async () => {
    const wallet = await kit.as(alpha, alpha.client).wallet.list();
    expect(wallet.nextCursor).toBeNull();
    expect(wallet.items).toHaveLength(4);
    expect(wallet.items.every((item) => item.clientId === alpha.client.id)).toBe(true);
    const byReference = Object.fromEntries(wallet.items.map((item) => [item.id, item.status]));
    expect(byReference[alpha.ids.userPackage]).toBe('active');
    expect(Object.values(byReference).sort()).toEqual(['active', 'expired', 'revoked', 'used_up']);

    const one = await kit.as(alpha, alpha.client).wallet.byId({ id: alpha.ids.userPackage });
    expect(one).toEqual({
      id: alpha.ids.userPackage,
      clientId: alpha.client.id,
      packageId: alpha.ids.package,
      packageName: '5 sessions',
      creditsLeft: 5,
      creditsTotal: 5,
      expiresAt: expect.any(Date),
      purchasedAt: expect.any(Date),
      status: 'active',
    });
    // A client reading their own wallet is not a staff read of a client's record.
    expect(await clientViews()).toEqual([]);
  });

  it('pages through a wallet with a cursor, at most 100 at a time', async () => {
    const api = kit.as(alpha, alpha.client);
    const first = await api.wallet.list({ limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await api.wallet.list({ limit: 3, cursor: first.nextCursor! });
    expect(second).toMatchObject({ nextCursor: null });
    expect([...first.items, ...second.items].map((item) => item.id).sort()).toEqual(
      (await api.wallet.list()).items.map((item) => item.id).sort(),
    );
    await expect(api.wallet.list({ limit: 101 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a client asking for another client’s wallet or purchase gets NOT_FOUND, as for a missing one', async () => {
    const api = kit.as(alpha, alpha.client);
    for (const clientId of [other.id, '00000000-0000-4000-8000-000000000000']) {
      await expect(api.wallet.list({ clientId })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Client not found.',
      });
    }
    for (const id of [other.packageId, '00000000-0000-4000-8000-000000000000']) {
      await expect(api.wallet.byId({ id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Package purchase not found.',
      });
    }
    // Naming oneself is fine.
    expect((await api.wallet.list({ clientId: alpha.client.id })).items).toHaveLength(4);
  });

  it('staff see any client’s wallet of their clinic, and each such read is audited as client.view', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const wallet = await staff.wallet.list({ clientId: other.id });
    expect(wallet.items.map((item) => item.id)).toEqual([other.packageId]);
    expect((await staff.wallet.byId({ id: alpha.ids.userPackage })).clientId).toBe(alpha.client.id);
    expect(await clientViews()).toEqual([
      expect.objectContaining({
        actorId: alpha.staff.id,
        entityId: alpha.client.id,
        metadata: { via: 'wallet.byId', userPackageId: alpha.ids.userPackage },
      }),
      expect.objectContaining({
        actorId: alpha.staff.id,
        entityId: other.id,
        metadata: { via: 'wallet.list' },
      }),
    ]);
    // A staff member's own id is not a client's.
    await expect(staff.wallet.list({ clientId: alpha.owner.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('signed in at alpha, beta’s client and purchase answer NOT_FOUND to clients and staff alike', async () => {
    const before = await runWithClinic(beta.clinic, () =>
      beta.db.userPackage.findFirst({ where: { id: beta.ids.userPackage } }),
    );
    for (const user of [alpha.client, alpha.staff, alpha.owner]) {
      const api = kit.as(alpha, user);
      await expect(api.wallet.list({ clientId: beta.client.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Client not found.',
      });
      await expect(api.wallet.byId({ id: beta.ids.userPackage })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Package purchase not found.',
      });
      // A cursor naming beta's purchase leads nowhere.
      expect((await api.wallet.list({ cursor: beta.ids.userPackage })).items).toEqual([]);
    }
    expect((await clientViews()).some((entry) => entry.entityId === beta.client.id)).toBe(false);
    expect(
      await runWithClinic(beta.clinic, () =>
        beta.db.userPackage.findFirst({ where: { id: beta.ids.userPackage } }),
      ),
    ).toEqual(before);
  });
});
