import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  createApiTestKit,
  type ApiTestKit,
  type TestClinic,
  type TestUser,
} from '../../testing/api-test-kit';
import {
  addClient,
  addSchedule,
  ALL_WEEK,
  auditOf,
  creditsOf,
  hm,
  LATE_2026,
  reservationsOf,
} from '../../testing/booking-test-setup';

// Monday 2026-03-16, 09:00 in Madrid (CET, +01:00). Madrid springs forward on Sunday
// 2026-03-29 (02:00 → 03:00) and falls back on Sunday 2026-10-25 (03:00 → 02:00).
const NOW = new Date('2026-03-16T08:00:00Z');

describe('reservation.create', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let madrid: { branchId: string; therapistId: string };
  let mexico: { branchId: string; therapistId: string };

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    // Open Mon–Sat 08:00–20:00 and Sun 08:00–14:00; the therapist works 09:00–17:00 daily.
    madrid = await addSchedule(alpha, {
      timeZone: 'Europe/Madrid',
      opening: [
        { weekdays: [1, 2, 3, 4, 5, 6], from: hm(8), to: hm(20) },
        { weekdays: [0], from: hm(8), to: hm(14) },
      ],
      shifts: [{ weekdays: ALL_WEEK, from: hm(9), to: hm(17) }],
    });
    // Mexico City has had no DST since 2022.
    mexico = await addSchedule(alpha, {
      timeZone: 'America/Mexico_City',
      opening: [{ weekdays: ALL_WEEK, from: hm(8), to: hm(20) }],
      shifts: [{ weekdays: [1], from: hm(9), to: hm(13) }],
    });
    kit.setNow(NOW);
  });
  afterEach(() => kit.setNow(NOW));
  afterAll(() => kit?.close());

  const book = (user: TestUser, startsAt: string, where = madrid) =>
    kit.as(alpha, user).reservation.create({
      therapistId: where.therapistId,
      branchId: where.branchId,
      startsAt: new Date(startsAt),
    });

  it('a client books a slot in the shift and opening hours; the soonest-expiring valid package pays one credit', async () => {
    const client = await addClient(kit, alpha, [
      { credits: 3, expiresAt: new Date('2026-12-01T00:00:00Z') },
      { credits: 1, expiresAt: new Date('2026-06-01T00:00:00Z') },
      { credits: 5, expiresAt: new Date('2026-03-01T00:00:00Z') }, // expired
      { credits: 5, expiresAt: new Date('2027-01-01T00:00:00Z'), status: 'revoked' },
      { credits: 5, expiresAt: new Date('2026-03-27T00:00:00Z') }, // expires before the slot
    ]);
    const [a, b] = client.packageIds;

    const first = await book(client, '2026-03-30T09:00:00+02:00');
    expect(first).toMatchObject({
      status: 'booked',
      startsAt: new Date('2026-03-30T07:00:00Z'),
      endsAt: new Date('2026-03-30T08:00:00Z'),
      localStartsAt: '2026-03-30T09:00:00+02:00',
      cancelledAt: null,
      userPackageId: b,
      client: { id: client.id },
      therapist: { id: madrid.therapistId },
      branch: { id: madrid.branchId, timeZone: 'Europe/Madrid' },
    });
    expect(await creditsOf(alpha, client.packageIds)).toEqual([3, 0, 5, 5, 5]);
    expect(await auditOf(alpha, first.id)).toEqual([
      expect.objectContaining({ action: 'reservation.create', actorId: client.id }),
    ]);

    const second = await book(client, '2026-03-30T11:00:00+02:00');
    expect(second.userPackageId).toBe(a);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([2, 0, 5, 5, 5]);
  });

  it('reads shifts on the branch clock across DST: Madrid spring forward and fall back, Mexico City without DST', async () => {
    const client = await addClient(kit, alpha, [{ credits: 10, expiresAt: LATE_2026 }]);
    // The Sunday before spring forward, 09:00 is 08:00Z; on the day itself, 07:00Z.
    expect((await book(client, '2026-03-22T08:00:00Z')).localStartsAt).toBe(
      '2026-03-22T09:00:00+01:00',
    );
    expect((await book(client, '2026-03-29T07:00:00Z')).localStartsAt).toBe(
      '2026-03-29T09:00:00+02:00',
    );
    // 06:00Z on that day is 08:00 local: the branch is open, the therapist not yet on shift.
    await expect(book(client, '2026-03-29T06:00:00Z')).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
    // Fall back: 09:00 is 08:00Z again, and the last session of the day ends at 17:00 CET.
    expect((await book(client, '2026-10-25T08:00:00Z')).localStartsAt).toBe(
      '2026-10-25T09:00:00+01:00',
    );
    await expect(book(client, '2026-10-25T07:00:00Z')).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
    // Sunday hours end at 14:00 (the branch closes before the shift ends).
    expect((await book(client, '2026-10-25T12:00:00Z')).localStartsAt).toBe(
      '2026-10-25T13:00:00+01:00',
    );
    await expect(book(client, '2026-10-25T12:15:00Z')).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
    // Mexico City: Monday 09:00 is 15:00Z in summer and the day after the US falls back.
    expect((await book(client, '2026-11-02T15:00:00Z', mexico)).localStartsAt).toBe(
      '2026-11-02T09:00:00-06:00',
    );
    expect((await book(client, '2026-07-06T15:00:00Z', mexico)).localStartsAt).toBe(
      '2026-07-06T09:00:00-06:00',
    );
    await expect(book(client, '2026-07-06T14:00:00Z', mexico)).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
  });

  it('refuses slots outside the rules with UNPROCESSABLE and a field message, changing nothing', async () => {
    const client = await addClient(kit, alpha, [{ credits: 5, expiresAt: LATE_2026 }]);
    const before = await reservationsOf(alpha);
    const refusals: [string, string, typeof madrid, RegExp][] = [
      ['runs past the shift', '2026-03-31T16:30:00+02:00', madrid, /outside the therapist's hours/],
      ['the branch has closed (Sunday)', '2026-04-05T13:30:00+02:00', madrid, /outside/],
      ['off the quarter-hour grid', '2026-03-31T10:05:00+02:00', madrid, /every 15 minutes/],
      ['starts now (the past)', NOW.toISOString(), madrid, /already passed/],
      ['in the past', '2026-03-02T10:00:00+01:00', madrid, /already passed/],
      [
        'the therapist does not work at that branch',
        '2026-03-30T09:00:00-06:00',
        { therapistId: madrid.therapistId, branchId: mexico.branchId },
        /does not work at this branch/,
      ],
    ];
    for (const [why, startsAt, where, message] of refusals) {
      const error = await book(client, startsAt, where).then(
        () => {
          throw new Error(`accepted a slot that ${why}`);
        },
        (error: { code: string; message: string; cause?: { fields?: unknown[] } }) => error,
      );
      expect([why, error.code]).toEqual([why, 'UNPROCESSABLE_CONTENT']);
      expect(error.message).toMatch(message);
      expect(error.cause?.fields).toHaveLength(1);
    }
    expect(await reservationsOf(alpha)).toEqual(before);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([5]);
  });

  it('refuses a client with no valid credits, and the slot stays free', async () => {
    const broke = await addClient(kit, alpha, [
      { credits: 0, expiresAt: LATE_2026 },
      { credits: 4, expiresAt: new Date('2026-03-31T07:00:00Z') }, // expires as the session starts
    ]);
    const before = await reservationsOf(alpha);
    await expect(book(broke, '2026-03-31T09:00:00+02:00')).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      message: expect.stringMatching(/No credits left/),
    });
    expect(await reservationsOf(alpha)).toEqual(before);
    expect(await creditsOf(alpha, broke.packageIds)).toEqual([0, 4]);
    const other = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }]);
    await expect(book(other, '2026-03-31T09:00:00+02:00')).resolves.toMatchObject({
      status: 'booked',
    });
  });

  it('never double-books the therapist: an overlapping slot is a CONFLICT without database details; back-to-back is fine', async () => {
    const first = await addClient(kit, alpha, [{ credits: 5, expiresAt: LATE_2026 }]);
    const second = await addClient(kit, alpha, [{ credits: 5, expiresAt: LATE_2026 }]);
    await book(first, '2026-04-01T10:00:00+02:00');

    await expect(book(second, '2026-04-01T10:30:00+02:00')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'That time is already booked with this therapist.',
    });
    const { status, body } = await kit.http(
      'alpha',
      'reservation.create',
      {
        therapistId: madrid.therapistId,
        branchId: madrid.branchId,
        startsAt: '2026-04-01T10:00:00+02:00',
      },
      { token: second.token },
    );
    expect(status).toBe(409);
    expect(body.error?.json.message).toBe('That time is already booked with this therapist.');
    expect(JSON.stringify(body)).not.toMatch(
      /reservations_|23P01|exclusion|constraint|SELECT|INSERT/i,
    );
    expect(await creditsOf(alpha, second.packageIds)).toEqual([5]);

    await expect(book(second, '2026-04-01T11:00:00+02:00')).resolves.toMatchObject({
      status: 'booked',
    });
    await expect(book(second, '2026-04-01T09:00:00+02:00')).resolves.toMatchObject({
      status: 'booked',
    });
    expect(await creditsOf(alpha, second.packageIds)).toEqual([3]);
  });

  it('staff book on behalf of a client; clients only for themselves; therapists not at all', async () => {
    const client = await addClient(kit, alpha, [{ credits: 2, expiresAt: LATE_2026 }]);
    const slot = {
      therapistId: madrid.therapistId,
      branchId: madrid.branchId,
      startsAt: new Date('2026-04-02T15:00:00+02:00'),
    };
    const booked = await kit
      .as(alpha, alpha.staff)
      .reservation.create({ ...slot, clientId: client.id });
    expect(booked.client.id).toBe(client.id);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([1]);
    expect(await auditOf(alpha, booked.id)).toEqual([
      expect.objectContaining({ action: 'reservation.create', actorId: alpha.staff.id }),
    ]);

    const next = { ...slot, startsAt: new Date('2026-04-02T16:00:00+02:00') };
    await expect(kit.as(alpha, alpha.staff).reservation.create(next)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { fields: [{ field: 'clientId', message: expect.any(String) }] },
    });
    await expect(
      kit.as(alpha, alpha.client).reservation.create({ ...next, clientId: client.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      kit.as(alpha, alpha.therapistUser).reservation.create({ ...next, clientId: client.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Only clients can be booked for.
    await expect(
      kit.as(alpha, alpha.owner).reservation.create({ ...next, clientId: alpha.staff.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await creditsOf(alpha, client.packageIds)).toEqual([1]);
  });

  it('bad input is BAD_REQUEST with a message per field, and changes nothing', async () => {
    const before = await reservationsOf(alpha);
    const { status, body } = await kit.http(
      'alpha',
      'reservation.create',
      { therapistId: 'not-an-id', branchId: madrid.branchId, startsAt: '2026-04-02 10:00' },
      { token: alpha.client.token },
    );
    expect(status).toBe(400);
    expect(body.error?.json.data.fields.map((field) => field.field).sort()).toEqual([
      'startsAt',
      'therapistId',
    ]);
    const far = await kit.http(
      'alpha',
      'reservation.create',
      {
        therapistId: madrid.therapistId,
        branchId: madrid.branchId,
        startsAt: '2199-01-01T10:00:00Z',
      },
      { token: alpha.client.token },
    );
    expect(far.status).toBe(400);
    expect(far.body.error?.json.data.fields).toEqual([
      { field: 'startsAt', message: expect.any(String) },
    ]);
    expect(await reservationsOf(alpha)).toEqual(before);
  });
});
