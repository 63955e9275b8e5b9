import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';

const MON = 1;
const TUE = 2;
const weekdays = (opensAt: number, closesAt: number) =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt, closesAt }));

describe('branch procedures', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
  });
  afterAll(() => kit?.close());

  const betaBranch = () =>
    runWithClinic(beta.clinic, () =>
      beta.db.branch.findFirst({
        where: { id: beta.ids.branch },
        include: { openingHours: true },
      }),
    );
  const auditActions = async (action: string) =>
    (await kit.as(alpha, alpha.owner).audit.list({ action })).items;

  it('staff create a branch with its week of opening hours; every user of the clinic can list and read it', async () => {
    const created = await kit.as(alpha, alpha.staff).branch.create({
      name: 'Polanco',
      address: 'Av. Presidente Masaryk 101',
      timezone: 'America/Mexico_City',
      openingHours: [...weekdays(540, 1080), { weekday: 6, opensAt: 600, closesAt: 840 }],
    });
    expect(created).toMatchObject({
      name: 'Polanco',
      timezone: 'America/Mexico_City',
      archivedAt: null,
    });
    expect(created.openingHours).toHaveLength(6);
    expect(created.openingHours[0]).toEqual({ weekday: 1, opensAt: 540, closesAt: 1080 });

    for (const user of [alpha.client, alpha.therapistUser, alpha.owner]) {
      const listed = await kit.as(alpha, user).branch.list();
      expect(listed.map((branch) => branch.id)).toContain(created.id);
      expect(await kit.as(alpha, user).branch.byId({ id: created.id })).toEqual(created);
    }
    expect(await auditActions('branch.create')).toEqual([
      expect.objectContaining({ entityId: created.id, actorId: alpha.staff.id }),
    ]);
  });

  it('an update replaces the whole week of opening hours at once and is audited', async () => {
    const branch = await kit.as(alpha, alpha.staff).branch.create({
      name: 'Roma',
      timezone: 'America/Mexico_City',
      openingHours: weekdays(540, 1080),
    });
    const updated = await kit.as(alpha, alpha.owner).branch.update({
      id: branch.id,
      name: 'Roma Norte',
      address: null,
      openingHours: [
        { weekday: TUE, opensAt: 840, closesAt: 1200 },
        { weekday: TUE, opensAt: 480, closesAt: 720 },
      ],
    });
    expect(updated.name).toBe('Roma Norte');
    expect(updated.timezone).toBe('America/Mexico_City');
    expect(updated.openingHours).toEqual([
      { weekday: TUE, opensAt: 480, closesAt: 720 },
      { weekday: TUE, opensAt: 840, closesAt: 1200 },
    ]);
    const entries = await auditActions('branch.update');
    expect(entries[0]).toMatchObject({
      entityId: branch.id,
      metadata: { fields: ['name', 'address', 'openingHours'] },
    });
  });

  it('opening hours that would leave a therapist’s shift outside are refused, and nothing changes', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const branch = await staff.branch.create({
      name: 'Condesa',
      timezone: 'America/Mexico_City',
      openingHours: weekdays(540, 1080),
    });
    await staff.therapist.create({
      name: 'Dr. Shift',
      branches: [{ branchId: branch.id, shifts: [{ weekday: MON, startsAt: 960, endsAt: 1080 }] }],
    });
    const updatesBefore = (await auditActions('branch.update')).length;

    const refused = staff.branch.update({
      id: branch.id,
      name: 'Condesa (short hours)',
      openingHours: weekdays(540, 900),
    });
    await expect(refused).rejects.toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
    await expect(refused).rejects.toThrow(/shifts outside/);

    expect(await staff.branch.byId({ id: branch.id })).toEqual(branch);
    expect(await auditActions('branch.update')).toHaveLength(updatesBefore);
  });

  it('archiving hides a branch from lists; staff may still ask for archived ones, clients may not', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const branch = await staff.branch.create({ name: 'Old town', timezone: 'Europe/Madrid' });
    const archived = await staff.branch.archive({ id: branch.id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    // Archiving again changes nothing.
    expect(await staff.branch.archive({ id: branch.id })).toEqual(archived);
    expect(await auditActions('branch.archive')).toHaveLength(1);

    const ids = async (list: Promise<{ id: string }[]>) => (await list).map((b) => b.id);
    expect(await ids(kit.as(alpha, alpha.client).branch.list())).not.toContain(branch.id);
    expect(await ids(staff.branch.list())).not.toContain(branch.id);
    expect(await ids(staff.branch.list({ includeArchived: true }))).toContain(branch.id);
    await expect(
      kit.as(alpha, alpha.client).branch.list({ includeArchived: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A client's past reservation may still name it.
    expect((await kit.as(alpha, alpha.client).branch.byId({ id: branch.id })).name).toBe(
      'Old town',
    );
  });

  it('clients and therapists cannot create, update or archive a branch (FORBIDDEN), and nothing changes', async () => {
    for (const user of [alpha.client, alpha.therapistUser]) {
      const api = kit.as(alpha, user);
      await expect(
        api.branch.create({ name: 'Mine', timezone: 'America/Mexico_City' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.branch.update({ id: alpha.ids.branch, name: 'Mine' })).rejects.toMatchObject(
        { code: 'FORBIDDEN' },
      );
      await expect(api.branch.archive({ id: alpha.ids.branch })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const branch = await kit.as(alpha, alpha.client).branch.byId({ id: alpha.ids.branch });
    expect(branch).toMatchObject({ name: 'alpha downtown', archivedAt: null });
  });

  it('bad input is refused over HTTP with a message per field, and nothing is created', async () => {
    const before = await kit.as(alpha, alpha.staff).branch.list({ includeArchived: true });
    const { status, body } = await kit.http(
      'alpha',
      'branch.create',
      {
        name: 'x'.repeat(201),
        timezone: 'Mars/Olympus_Mons',
        openingHours: [
          { weekday: MON, opensAt: 540, closesAt: 900 },
          { weekday: MON, opensAt: 840, closesAt: 1000 },
          { weekday: 7, opensAt: 600, closesAt: 500 },
          { weekday: TUE, opensAt: 600, closesAt: 1500 },
        ],
      },
      { token: alpha.staff.token },
    );
    expect(status).toBe(400);
    expect(body.error?.json.data.code).toBe('BAD_REQUEST');
    expect(body.error?.json.data.fields.map((f) => f.field).sort()).toEqual([
      'name',
      'openingHours.1.opensAt',
      'openingHours.2.closesAt',
      'openingHours.2.weekday',
      'openingHours.3.closesAt',
      'timezone',
    ]);
    // The message says what is wrong with the field.
    const backwards = await kit.http(
      'alpha',
      'branch.update',
      { id: alpha.ids.branch, openingHours: [{ weekday: MON, opensAt: 600, closesAt: 500 }] },
      { token: alpha.staff.token },
    );
    expect(backwards.body.error?.json.data.fields).toEqual([
      { field: 'openingHours.0.closesAt', message: 'Must close after it opens.' },
    ]);
    expect(await kit.as(alpha, alpha.staff).branch.list({ includeArchived: true })).toEqual(before);
  });

  it('signed in at alpha, beta’s branch answers NOT_FOUND like a missing one, and stays unchanged', async () => {
    const staff = kit.as(alpha, alpha.owner);
    const before = await betaBranch();
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const id of [beta.ids.branch, missing]) {
      await expect(staff.branch.byId({ id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Branch not found.',
      });
      await expect(
        staff.branch.update({
          id,
          name: 'Taken over',
          openingHours: [{ weekday: MON, opensAt: 0, closesAt: 60 }],
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Branch not found.' });
      await expect(staff.branch.archive({ id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Branch not found.',
      });
    }
    await expect(
      kit.as(alpha, alpha.client).branch.byId({ id: beta.ids.branch }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const listed = await staff.branch.list({ includeArchived: true });
    expect(listed.map((branch) => branch.id)).not.toContain(beta.ids.branch);
    expect(await betaBranch()).toEqual(before);
    // Alpha's new branches are alpha's: beta's list is as it was.
    const betaList = await kit.as(beta, beta.staff).branch.list({ includeArchived: true });
    expect(betaList.map((branch) => branch.id)).toEqual([beta.ids.branch]);
  });
});
