import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';

describe('catalog procedures', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
  });
  afterAll(() => kit?.close());

  const betaPackage = () =>
    runWithClinic(beta.clinic, () =>
      beta.db.package.findFirst({ where: { id: beta.ids.package } }),
    );

  it('staff put a package on sale; every signed-in user lists and reads it, without billing ids', async () => {
    const created = await kit.as(alpha, alpha.staff).catalog.create({
      name: '10 massages',
      description: 'Deep tissue',
      sessionsIncluded: 10,
      priceCents: 450000,
      currency: 'MXN',
      validityDays: 180,
    });
    expect(created).toEqual({
      id: expect.any(String),
      name: '10 massages',
      description: 'Deep tissue',
      sessionsIncluded: 10,
      priceCents: 450000,
      currency: 'mxn',
      validityDays: 180,
      archivedAt: null,
    });
    for (const user of [alpha.client, alpha.therapistUser]) {
      const listed = await kit.as(alpha, user).catalog.list();
      expect(listed).toContainEqual(created);
      expect(await kit.as(alpha, user).catalog.byId({ id: created.id })).toEqual(created);
    }
    const audit = await kit.as(alpha, alpha.owner).audit.list({ action: 'catalog.create' });
    expect(audit.items).toEqual([expect.objectContaining({ entityId: created.id })]);
  });

  it('an update changes only the fields given and is audited', async () => {
    const staff = kit.as(alpha, alpha.owner);
    const updated = await staff.catalog.update({
      id: alpha.ids.package,
      priceCents: 260000,
      description: null,
    });
    expect(updated).toMatchObject({
      name: '5 sessions',
      sessionsIncluded: 5,
      priceCents: 260000,
      description: null,
    });
    const audit = await staff.audit.list({ action: 'catalog.update' });
    expect(audit.items[0]).toMatchObject({
      entityId: alpha.ids.package,
      metadata: { fields: ['description', 'priceCents'] },
    });
  });

  it('an archived package is off sale: gone from lists and from clients, still there for staff', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const pkg = await staff.catalog.create({
      name: 'Summer offer',
      sessionsIncluded: 3,
      priceCents: 99000,
      currency: 'usd',
      validityDays: 30,
    });
    const archived = await staff.catalog.archive({ id: pkg.id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(await staff.catalog.archive({ id: pkg.id })).toEqual(archived);

    const client = kit.as(alpha, alpha.client);
    expect((await client.catalog.list()).map((p) => p.id)).not.toContain(pkg.id);
    await expect(client.catalog.byId({ id: pkg.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.catalog.list({ includeArchived: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await staff.catalog.byId({ id: pkg.id })).toEqual(archived);
    expect((await staff.catalog.list({ includeArchived: true })).map((p) => p.id)).toContain(
      pkg.id,
    );
  });

  it('clients and therapists cannot create, update or archive packages (FORBIDDEN)', async () => {
    for (const user of [alpha.client, alpha.therapistUser]) {
      const api = kit.as(alpha, user);
      await expect(
        api.catalog.create({
          name: 'Free',
          sessionsIncluded: 100,
          priceCents: 0,
          currency: 'mxn',
          validityDays: 365,
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        api.catalog.update({ id: alpha.ids.package, priceCents: 0 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.catalog.archive({ id: alpha.ids.package })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(
      (await kit.as(alpha, alpha.client).catalog.byId({ id: alpha.ids.package })).archivedAt,
    ).toBeNull();
  });

  it('bad input is refused over HTTP with a message per field, and nothing is created', async () => {
    const before = await kit.as(alpha, alpha.staff).catalog.list({ includeArchived: true });
    const { status, body } = await kit.http(
      'alpha',
      'catalog.create',
      {
        name: '',
        sessionsIncluded: 0,
        priceCents: -1,
        currency: 'zzz',
        validityDays: 1.5,
      },
      { token: alpha.staff.token },
    );
    expect(status).toBe(400);
    expect(body.error?.json.data.fields.map((f) => f.field).sort()).toEqual([
      'currency',
      'name',
      'priceCents',
      'sessionsIncluded',
      'validityDays',
    ]);
    expect(await kit.as(alpha, alpha.staff).catalog.list({ includeArchived: true })).toEqual(
      before,
    );
  });

  it('signed in at alpha, beta’s package answers NOT_FOUND like a missing one, and stays unchanged', async () => {
    const staff = kit.as(alpha, alpha.owner);
    const before = await betaPackage();
    for (const id of [beta.ids.package, '00000000-0000-4000-8000-000000000000']) {
      const notFound = { code: 'NOT_FOUND', message: 'Package not found.' };
      await expect(staff.catalog.byId({ id })).rejects.toMatchObject(notFound);
      await expect(staff.catalog.update({ id, priceCents: 1 })).rejects.toMatchObject(notFound);
      await expect(staff.catalog.archive({ id })).rejects.toMatchObject(notFound);
    }
    await expect(
      kit.as(alpha, alpha.client).catalog.byId({ id: beta.ids.package }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const listed = await staff.catalog.list({ includeArchived: true });
    expect(listed.map((p) => p.id)).not.toContain(beta.ids.package);
    expect(await betaPackage()).toEqual(before);
  });
});
