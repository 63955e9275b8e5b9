import { runWithClinic } from '@eventora/tenancy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';
import { addClient, addSchedule, ALL_WEEK, hm, LATE_2026 } from '../../testing/booking-test-setup';

const NOW = new Date('2026-03-20T12:00:00Z');

describe('therapist.availability', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  /** Madrid, open around the clock; the therapist works Sundays 00:00–06:00 (DST nights). */
  let night: { branchId: string; therapistId: string };
  /** Madrid, open Mon–Sat 08:00–20:00; 45-minute sessions on Mondays 09:00–12:00. */
  let day: { branchId: string; therapistId: string };
  /** The same 45-minute therapist at a second branch, in Mexico City, Tuesdays 09:00–11:00. */
  let mexico: { branchId: string; therapistId: string };

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    night = await addSchedule(alpha, {
      timeZone: 'Europe/Madrid',
      opening: [{ weekdays: ALL_WEEK, from: 0, to: 1440 }],
      shifts: [{ weekdays: [0], from: 0, to: hm(6) }],
    });
    day = await addSchedule(alpha, {
      timeZone: 'Europe/Madrid',
      sessionMinutes: 45,
      opening: [{ weekdays: [1, 2, 3, 4, 5, 6], from: hm(8), to: hm(20) }],
      shifts: [{ weekdays: [1], from: hm(9), to: hm(12) }],
    });
    mexico = await addSchedule(alpha, {
      timeZone: 'America/Mexico_City',
      therapistId: day.therapistId,
      opening: [{ weekdays: ALL_WEEK, from: hm(8), to: hm(20) }],
      shifts: [{ weekdays: [2], from: hm(9), to: hm(11) }],
    });
    kit.setNow(NOW);
  });
  afterEach(() => kit.setNow(NOW));
  afterAll(() => kit?.close());

  const availability = (
    where: { therapistId: string; branchId?: string },
    from: string,
    to: string,
    user = alpha.client,
  ) =>
    kit
      .as(alpha, user)
      .therapist.availability({ ...where, from: new Date(from), to: new Date(to) });
  const locals = (slots: { localStartsAt: string }[]) => slots.map((slot) => slot.localStartsAt);

  it('offers 15-minute-grid slots as UTC instants and branch wall times, 5 hours on spring-forward night', async () => {
    const result = await availability(night, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z');
    expect(result).toMatchObject({
      therapistId: night.therapistId,
      sessionMinutes: 60,
      stepMinutes: 15,
    });
    expect(result.slots).toHaveLength(17);
    expect(result.slots[0]).toEqual({
      branchId: night.branchId,
      startsAt: new Date('2026-03-28T23:00:00Z'),
      endsAt: new Date('2026-03-29T00:00:00Z'),
      localStartsAt: '2026-03-29T00:00:00+01:00',
      timeZone: 'Europe/Madrid',
    });
    expect(locals(result.slots)).toContain('2026-03-29T01:45:00+01:00');
    expect(locals(result.slots)).toContain('2026-03-29T03:00:00+02:00');
    expect(locals(result.slots).some((local) => local.includes('T02:'))).toBe(false);
    expect(locals(result.slots).at(-1)).toBe('2026-03-29T05:00:00+02:00');
  });

  it('offers 7 hours on fall-back night, the repeated hour twice; both 02:15s can be booked', async () => {
    const { slots } = await availability(night, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z');
    expect(slots).toHaveLength(25);
    const first = slots.find((slot) => slot.localStartsAt === '2026-10-25T02:15:00+02:00');
    const second = slots.find((slot) => slot.localStartsAt === '2026-10-25T02:15:00+01:00');
    expect(first?.startsAt).toEqual(new Date('2026-10-25T00:15:00Z'));
    expect(second?.startsAt).toEqual(new Date('2026-10-25T01:15:00Z'));
    const client = await addClient(kit, alpha, [{ credits: 2, expiresAt: LATE_2026 }]);
    for (const slot of [first!, second!]) {
      await expect(
        kit.as(alpha, client).reservation.create({ ...night, startsAt: slot.startsAt }),
      ).resolves.toMatchObject({ localStartsAt: slot.localStartsAt });
    }
  });

  it('create accepts exactly the offered slots: every quarter hour and some odd minutes of a Monday', async () => {
    const from = '2026-04-06T05:00:00Z';
    const to = '2026-04-06T12:00:00Z';
    const { slots } = await availability({ ...day, branchId: day.branchId }, from, to);
    // 09:00 … 11:15 local (CEST) for 45-minute sessions ending by 12:00.
    expect(locals(slots)).toEqual(
      [
        '09:00',
        '09:15',
        '09:30',
        '09:45',
        '10:00',
        '10:15',
        '10:30',
        '10:45',
        '11:00',
        '11:15',
      ].map((time) => `2026-04-06T${time}:00+02:00`),
    );
    const offered = new Set(slots.map((slot) => slot.startsAt.getTime()));
    const client = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }]);
    const tried: [string, boolean][] = [];
    for (let t = new Date(from).getTime(); t < new Date(to).getTime(); t += 15 * 60_000) {
      for (const startsAt of [new Date(t), new Date(t + 7 * 60_000)]) {
        const booked = await kit
          .as(alpha, client)
          .reservation.create({ ...day, startsAt })
          .catch((error: { code: string }) => error.code);
        if (typeof booked !== 'string') {
          // Free the slot and the credit (well before the cancellation window).
          await kit.as(alpha, client).reservation.cancel({ id: booked.id });
        } else {
          expect(booked).toBe('UNPROCESSABLE_CONTENT');
        }
        tried.push([startsAt.toISOString(), typeof booked !== 'string']);
      }
    }
    expect(tried).toEqual(tried.map(([iso]) => [iso, offered.has(new Date(iso).getTime())]));
    expect(tried.filter(([, accepted]) => accepted)).toHaveLength(10);
  });

  it("leaves out the therapist's active reservations (at any branch) and the past", async () => {
    const monday = (time: string) => new Date(`2026-04-13T${time}:00+02:00`);
    const client = await addClient(kit, alpha, [{ credits: 3, expiresAt: LATE_2026 }]);
    await kit.as(alpha, client).reservation.create({ ...day, startsAt: monday('10:00') });
    const cancelled = await kit
      .as(alpha, client)
      .reservation.create({ ...day, startsAt: monday('11:15') });
    await kit.as(alpha, client).reservation.cancel({ id: cancelled.id });

    const times = async () =>
      (await availability(day, '2026-04-13T00:00:00Z', '2026-04-14T00:00:00Z')).slots.map((slot) =>
        slot.localStartsAt.slice(11, 16),
      );
    expect(await times()).toEqual(['09:00', '09:15', '10:45', '11:00', '11:15']);
    kit.setNow(monday('09:15'));
    expect(await times()).toEqual(['10:45', '11:00', '11:15']);

    // One person, one place: a Madrid reservation (booked under an older schedule) at the
    // instant of Tuesday 09:00–09:45 in Mexico City takes those Mexico City slots out.
    kit.setNow(NOW);
    const tuesday = async () =>
      locals(
        (await availability(mexico, '2026-04-14T00:00:00Z', '2026-04-15T00:00:00Z')).slots,
      ).map((local) => local.slice(11, 16));
    expect(await tuesday()).toEqual(['09:00', '09:15', '09:30', '09:45', '10:00', '10:15']);
    await runWithClinic(alpha.clinic, () =>
      alpha.db.reservation.create({
        data: {
          clinicId: alpha.clinic.id,
          clientId: client.id,
          therapistId: day.therapistId,
          branchId: day.branchId,
          startsAt: new Date('2026-04-14T15:00:00Z'),
          endsAt: new Date('2026-04-14T15:45:00Z'),
        },
      }),
    );
    expect(await tuesday()).toEqual(['09:45', '10:00', '10:15']);
  });

  it('without a branch, offers every branch the therapist works at, in time order', async () => {
    const { slots } = await availability(
      { therapistId: day.therapistId },
      '2026-04-20T00:00:00Z',
      '2026-04-22T00:00:00Z',
    );
    expect(new Set(slots.map((slot) => slot.branchId))).toEqual(
      new Set([day.branchId, mexico.branchId]),
    );
    const starts = slots.map((slot) => slot.startsAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // A branch of the clinic where the therapist does not work: nothing to offer.
    const { slots: none } = await availability(
      { therapistId: day.therapistId, branchId: night.branchId },
      '2026-04-20T00:00:00Z',
      '2026-04-22T00:00:00Z',
    );
    expect(none).toEqual([]);
  });

  it('an archived therapist is NOT_FOUND', async () => {
    const gone = await addSchedule(alpha, {
      timeZone: 'Europe/Madrid',
      branchId: day.branchId,
      opening: [],
      shifts: [{ weekdays: [1], from: hm(9), to: hm(12) }],
    });
    await runWithClinic(alpha.clinic, () =>
      alpha.db.therapist.updateMany({
        where: { id: gone.therapistId },
        data: { archivedAt: NOW },
      }),
    );
    await expect(
      availability(gone, '2026-04-20T00:00:00Z', '2026-04-22T00:00:00Z'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Therapist not found.' });
  });

  it('limits: at most 31 days, from before to, ids well-formed — BAD_REQUEST with field messages', async () => {
    const fields = async (input: unknown) => {
      const { status, body } = await kit.http('alpha', 'therapist.availability', input, {
        token: alpha.client.token,
        query: true,
      });
      expect(status).toBe(400);
      return body.error?.json.data.fields.map((field) => field.field);
    };
    const base = { therapistId: day.therapistId };
    expect(
      await fields({ ...base, from: '2026-04-01T00:00:00Z', to: '2026-05-02T00:00:01Z' }),
    ).toEqual(['to']);
    expect(
      await fields({ ...base, from: '2026-04-02T00:00:00Z', to: '2026-04-01T00:00:00Z' }),
    ).toEqual(['to']);
    expect(await fields({ therapistId: 'x', from: '2026-04-01T00:00:00Z', to: 'soon' })).toEqual([
      'therapistId',
      'to',
    ]);
    const ok = await kit.http(
      'alpha',
      'therapist.availability',
      { ...base, from: '2026-04-01T00:00:00Z', to: '2026-05-02T00:00:00Z' },
      { token: alpha.client.token, query: true },
    );
    expect(ok.status).toBe(200);
  });
});
