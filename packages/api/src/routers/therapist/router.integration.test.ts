import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';

const MON = 1;
const TUE = 2;
const weekdays = (opensAt: number, closesAt: number) =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt, closesAt }));

describe('therapist procedures', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;
  let north: string;
  let south: string;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
    const staff = kit.as(alpha, alpha.staff);
    north = (
      await staff.branch.create({
        name: 'North',
        timezone: 'America/Mexico_City',
        openingHours: weekdays(480, 1200),
      })
    ).id;
    south = (
      await staff.branch.create({
        name: 'South',
        timezone: 'America/Mexico_City',
        openingHours: [...weekdays(540, 840), { weekday: 6, opensAt: 600, closesAt: 900 }],
      })
    ).id;
  });
  afterAll(() => kit?.close());

  const betaTherapist = () =>
    runWithClinic(beta.clinic, () =>
      beta.db.therapist.findFirst({
        where: { id: beta.ids.therapist },
        include: { branches: { include: { shifts: true } } },
      }),
    );

  it('staff create a therapist working at two branches; everyone lists them, only staff see the linked login', async () => {
    const created = await kit.as(alpha, alpha.staff).therapist.create({
      name: 'Ana Ruiz',
      bio: 'Physiotherapist',
      sessionMinutes: 45,
      userId: alpha.therapistUser.id,
      branches: [
        { branchId: north, shifts: [{ weekday: MON, startsAt: 480, endsAt: 720 }] },
        {
          branchId: south,
          shifts: [
            { weekday: MON, startsAt: 780, endsAt: 840 },
            { weekday: 6, startsAt: 600, endsAt: 900 },
          ],
        },
      ],
    });
    expect(created).toMatchObject({
      name: 'Ana Ruiz',
      sessionMinutes: 45,
      userId: alpha.therapistUser.id,
      branches: [
        {
          branchId: north,
          branchName: 'North',
          shifts: [{ weekday: MON, startsAt: 480, endsAt: 720 }],
        },
        { branchId: south, branchName: 'South', shifts: [{ weekday: MON }, { weekday: 6 }] },
      ],
    });

    const seenByClient = await kit.as(alpha, alpha.client).therapist.byId({ id: created.id });
    expect(seenByClient).not.toHaveProperty('userId');
    expect(seenByClient.branches).toEqual(created.branches);
    const listed = await kit.as(alpha, alpha.client).therapist.list({ branchId: south });
    expect(listed.map((therapist) => therapist.id)).toEqual([created.id]);
    const all = await kit.as(alpha, alpha.therapistUser).therapist.list();
    expect(all.map((therapist) => therapist.id).sort()).toEqual(
      [created.id, alpha.ids.therapist].sort(),
    );
    const audit = await kit.as(alpha, alpha.owner).audit.list({ action: 'therapist.create' });
    expect(audit.items).toEqual([expect.objectContaining({ entityId: created.id })]);
  });

  it('a shift outside its branch’s opening hours is refused with that shift’s field, and nothing is created', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const before = await staff.therapist.list({ includeArchived: true });
    const attempt = staff.therapist.create({
      name: 'Late Shift',
      branches: [
        {
          branchId: south,
          shifts: [
            { weekday: TUE, startsAt: 540, endsAt: 840 },
            { weekday: TUE, startsAt: 900, endsAt: 960 },
            { weekday: 0, startsAt: 600, endsAt: 700 },
          ],
        },
      ],
    });
    await expect(attempt).rejects.toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
    const error = await attempt.then(
      () => undefined,
      (caught: { cause?: { fields?: { field: string }[] } }) => caught,
    );
    expect(error?.cause?.fields?.map((f) => f.field)).toEqual([
      'branches.0.shifts.1',
      'branches.0.shifts.2',
    ]);
    expect(await staff.therapist.list({ includeArchived: true })).toEqual(before);
  });

  it('overlapping shifts on one weekday, across branches too, are bad input with a field message (HTTP 400)', async () => {
    const { status, body } = await kit.http(
      'alpha',
      'therapist.create',
      {
        name: 'Everywhere',
        sessionMinutes: 3,
        branches: [
          { branchId: north, shifts: [{ weekday: MON, startsAt: 600, endsAt: 720 }] },
          { branchId: south, shifts: [{ weekday: MON, startsAt: 700, endsAt: 800 }] },
          { branchId: north, shifts: [] },
        ],
      },
      { token: alpha.staff.token },
    );
    expect(status).toBe(400);
    expect(body.error?.json.data.fields.map((f) => f.field).sort()).toEqual([
      'branches.1.shifts.0.startsAt',
      'branches.2.branchId',
      'sessionMinutes',
    ]);
  });

  it('an update replaces branches and shifts; a non-therapist login or one already linked is refused', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const therapist = await staff.therapist.create({
      name: 'Mover',
      branches: [{ branchId: north, shifts: [{ weekday: MON, startsAt: 480, endsAt: 600 }] }],
    });
    const moved = await staff.therapist.update({
      id: therapist.id,
      bio: 'Now in the south',
      branches: [{ branchId: south, shifts: [{ weekday: TUE, startsAt: 540, endsAt: 600 }] }],
    });
    expect(moved.bio).toBe('Now in the south');
    expect(moved.branches).toEqual([
      {
        branchId: south,
        branchName: 'South',
        shifts: [{ weekday: TUE, startsAt: 540, endsAt: 600 }],
      },
    ]);

    await expect(
      staff.therapist.update({ id: therapist.id, userId: alpha.client.id }),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
    // Linked to Ana Ruiz by the first test, or to nobody if it runs alone: link it here first.
    const other = await staff.therapist.create({ name: 'Holder' });
    const holders = await staff.therapist.list();
    if (!holders.some((t) => t.userId === alpha.therapistUser.id)) {
      await staff.therapist.update({ id: other.id, userId: alpha.therapistUser.id });
    }
    await expect(
      staff.therapist.update({ id: therapist.id, userId: alpha.therapistUser.id }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await staff.therapist.byId({ id: therapist.id })).toEqual(moved);
  });

  it('archiving hides a therapist from lists; clients may not ask for archived ones', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const therapist = await staff.therapist.create({ name: 'Retiring' });
    const archived = await staff.therapist.archive({ id: therapist.id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const ids = async (list: Promise<{ id: string }[]>) => (await list).map((t) => t.id);
    expect(await ids(kit.as(alpha, alpha.client).therapist.list())).not.toContain(therapist.id);
    expect(await ids(staff.therapist.list({ includeArchived: true }))).toContain(therapist.id);
    await expect(
      kit.as(alpha, alpha.client).therapist.list({ includeArchived: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('clients and therapists cannot create, update or archive therapists (FORBIDDEN)', async () => {
    for (const user of [alpha.client, alpha.therapistUser]) {
      const api = kit.as(alpha, user);
      await expect(api.therapist.create({ name: 'Me' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(
        api.therapist.update({ id: alpha.ids.therapist, sessionMinutes: 5 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.therapist.archive({ id: alpha.ids.therapist })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const fixture = await kit.as(alpha, alpha.staff).therapist.byId({ id: alpha.ids.therapist });
    expect(fixture).toMatchObject({ sessionMinutes: 60, archivedAt: null });
  });

  it('signed in at alpha, beta’s therapist, branch and login answer NOT_FOUND, and beta’s rows stay unchanged', async () => {
    const staff = kit.as(alpha, alpha.owner);
    const before = await betaTherapist();
    const notFound = { code: 'NOT_FOUND' };
    await expect(staff.therapist.byId({ id: beta.ids.therapist })).rejects.toMatchObject({
      ...notFound,
      message: 'Therapist not found.',
    });
    await expect(
      staff.therapist.update({ id: beta.ids.therapist, name: 'Poached' }),
    ).rejects.toMatchObject(notFound);
    await expect(staff.therapist.archive({ id: beta.ids.therapist })).rejects.toMatchObject(
      notFound,
    );
    // Beta's branch or login cannot be attached to an alpha therapist, on create or update.
    await expect(
      staff.therapist.create({
        name: 'Commuter',
        branches: [{ branchId: beta.ids.branch, shifts: [] }],
      }),
    ).rejects.toMatchObject({ ...notFound, message: 'Branch not found.' });
    await expect(
      staff.therapist.create({ name: 'Impostor', userId: beta.therapistUser.id }),
    ).rejects.toMatchObject({ ...notFound, message: 'User not found.' });
    await expect(
      staff.therapist.update({
        id: alpha.ids.therapist,
        branches: [{ branchId: beta.ids.branch, shifts: [] }],
      }),
    ).rejects.toMatchObject(notFound);
    expect(await staff.therapist.list({ branchId: beta.ids.branch })).toEqual([]);
    const alphaTherapist = await staff.therapist.byId({ id: alpha.ids.therapist });
    expect(alphaTherapist.branches.map((b) => b.branchId)).toEqual([alpha.ids.branch]);
    expect(await betaTherapist()).toEqual(before);
  });
});
