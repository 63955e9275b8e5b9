import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';

describe('client procedures', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
    await runWithClinic(alpha.clinic, () =>
      alpha.db.user.createMany({
        data: [
          ['maria.lopez@example.com', 'María López'],
          ['MLOPEZ@work.example', 'Marco Lopez'],
          ['ana@example.com', 'Ana 100% Pérez'],
          ['juan@example.com', 'Juan Pérez'],
          ['pedro@example.com', 'Pedro_Gómez'],
        ].map(([email, name]) => ({
          clinicId: alpha.clinic.id,
          email: email!.toLowerCase(),
          name: name!,
          passwordHash: 'argon2id-hash-that-must-never-leave',
        })),
      }),
    );
  });
  afterAll(() => kit?.close());

  const clientViews = async () =>
    (await kit.as(alpha, alpha.owner).audit.list({ action: 'client.view' })).items;

  it('staff list clients only (no staff, no therapists), searching name or email in any case', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const all = await staff.client.list();
    // Ordered by name in the database's collation; compare as a set.
    expect(all.items.map((c) => c.name).sort()).toEqual([
      'Ana 100% Pérez',
      'Client of alpha',
      'Juan Pérez',
      'Marco Lopez',
      'María López',
      'Pedro_Gómez',
    ]);
    const names = async (search: string) =>
      (await staff.client.list({ search })).items.map((c) => c.name);
    // María López matches by her email (maria.lopez@…), Marco Lopez by name and email.
    expect((await names('LOPEZ')).sort()).toEqual(['Marco Lopez', 'María López']);
    expect(await names('mlopez@')).toEqual(['Marco Lopez']);
    expect((await names('pérez')).sort()).toEqual(['Ana 100% Pérez', 'Juan Pérez']);
    // Search text is literal: % and _ are not wildcards.
    expect(await names('%')).toEqual(['Ana 100% Pérez']);
    expect(await names('o_g')).toEqual(['Pedro_Gómez']);
    expect(await names('staff@alpha')).toEqual([]);
  });

  it('pages through clients with a cursor, each client once, at most 100 a page', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await staff.client.list({ limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual((await staff.client.list()).items.map((c) => c.id));
    const { status, body } = await kit.http(
      'alpha',
      'client.list',
      { limit: 500, search: 'x'.repeat(201) },
      { token: alpha.staff.token, query: true },
    );
    expect(status).toBe(400);
    expect(body.error?.json.data.fields.map((f) => f.field).sort()).toEqual(['limit', 'search']);
  });

  it('byId answers a client’s record with reservations and packages, never credentials, and audits the read', async () => {
    const history = await kit.as(alpha, alpha.staff).client.byId({ id: alpha.client.id });
    expect(history.client).toEqual({
      id: alpha.client.id,
      name: 'Client of alpha',
      email: 'client@alpha.test',
      phone: null,
      createdAt: expect.any(Date),
      disabledAt: null,
    });
    expect(JSON.stringify(history)).not.toMatch(/password|argon2/i);
    expect(history.reservations).toEqual([
      expect.objectContaining({
        id: alpha.ids.reservation,
        status: 'booked',
        branch: { id: alpha.ids.branch, name: 'alpha downtown' },
        therapist: { id: alpha.ids.therapist, name: 'Therapist of alpha' },
      }),
    ]);
    expect(history).toMatchObject({ reservationCount: 1, packageCount: 1 });
    expect(history.packages).toEqual([
      expect.objectContaining({ id: alpha.ids.userPackage, packageName: '5 sessions' }),
    ]);
    expect(await clientViews()).toEqual([
      expect.objectContaining({
        actorId: alpha.staff.id,
        actorName: expect.stringContaining('staff@alpha.test'),
        entityType: 'User',
        entityId: alpha.client.id,
        ip: '203.0.113.7',
      }),
    ]);
  });

  it('clients and therapists cannot list or read clients (FORBIDDEN); a staff member is not a client (NOT_FOUND)', async () => {
    for (const user of [alpha.client, alpha.therapistUser]) {
      const api = kit.as(alpha, user);
      await expect(api.client.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.client.byId({ id: alpha.client.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    await expect(
      kit.as(alpha, alpha.staff).client.byId({ id: alpha.owner.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Client not found.' });
  });

  it('signed in at alpha, beta’s client answers NOT_FOUND like a missing one, and no read is recorded', async () => {
    const views = (await clientViews()).length;
    const staff = kit.as(alpha, alpha.owner);
    for (const id of [beta.client.id, '00000000-0000-4000-8000-000000000000']) {
      await expect(staff.client.byId({ id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Client not found.',
      });
    }
    expect(await clientViews()).toHaveLength(views);
    const found = await staff.client.list({ search: 'beta' });
    expect(found.items).toEqual([]);
    expect((await staff.client.list({ cursor: beta.client.id })).items).toEqual([]);
    const betaViews = await kit.as(beta, beta.owner).audit.list({ action: 'client.view' });
    expect(betaViews.items).toEqual([]);
  });
});
