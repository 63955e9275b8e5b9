import { runWithClinic } from '@eventora/tenancy';
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
  auditOf,
  creditsOf,
  LATE_2026,
  MADRID_DAILY,
  madridSummer,
} from '../../testing/booking-test-setup';

// Monday 2026-05-04, 08:00 in Madrid (CEST, +02:00).
const NOW = new Date('2026-05-04T06:00:00Z');

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { code?: string }) => error.code,
  );

describe('the front desk: services, pay at the desk, attendance', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let madrid: { branchId: string; therapistId: string };
  let therapistLogin: TestUser;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    madrid = await addSchedule(alpha, {
      ...MADRID_DAILY,
      sessionMinutes: 60,
    });
    // The clinic's therapist login is this therapist.
    therapistLogin = alpha.therapistUser;
    await runWithClinic(alpha.clinic, () =>
      alpha.db.therapist.updateMany({
        where: { id: madrid.therapistId },
        data: { userId: therapistLogin.id },
      }),
    );
    kit.setNow(NOW);
  });
  afterEach(() => kit.setNow(NOW));
  afterAll(() => kit?.close());

  const staff = () => kit.as(alpha, alpha.staff);

  describe('services', () => {
    it("sets the session's length: availability and booking use the service's duration", async () => {
      const massage = await staff().service.create({
        name: 'Sports massage',
        durationMinutes: 90,
        priceCents: 7500,
        therapistIds: [madrid.therapistId],
      });
      expect(massage).toMatchObject({
        durationMinutes: 90,
        currency: 'usd',
        therapists: [{ id: madrid.therapistId }],
      });
      const client = await addClient(kit, alpha, [{ credits: 2, expiresAt: LATE_2026 }]);
      const slots = await kit.as(alpha, client).therapist.availability({
        therapistId: madrid.therapistId,
        serviceId: massage.id,
        from: madridSummer('2026-05-05T00:00:00'),
        to: madridSummer('2026-05-06T00:00:00'),
      });
      expect(slots.sessionMinutes).toBe(90);
      // The last 90-minute session ends with the 17:00 shift.
      expect(slots.slots.at(-1)?.localStartsAt).toBe('2026-05-05T15:30:00+02:00');

      const booked = await kit.as(alpha, client).reservation.create({
        therapistId: madrid.therapistId,
        branchId: madrid.branchId,
        serviceId: massage.id,
        startsAt: madridSummer('2026-05-05T15:30:00'),
      });
      expect(booked.endsAt).toEqual(madridSummer('2026-05-05T17:00:00'));
      expect(booked.service).toEqual({ id: massage.id, name: 'Sports massage' });
      expect(await auditOf(alpha, massage.id)).toMatchObject([{ action: 'service.create' }]);
    });

    it('refuses a service the therapist does not offer, and an archived one', async () => {
      const other = await staff().service.create({
        name: 'Acupuncture',
        durationMinutes: 30,
        priceCents: 5000,
      });
      const client = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }]);
      const book = (serviceId: string) =>
        codeOf(
          kit.as(alpha, client).reservation.create({
            therapistId: madrid.therapistId,
            branchId: madrid.branchId,
            serviceId,
            startsAt: madridSummer('2026-05-06T10:00:00'),
          }),
        );
      expect(await book(other.id)).toBe('UNPROCESSABLE_CONTENT');
      await staff().service.update({ id: other.id, therapistIds: [madrid.therapistId] });
      await staff().service.archive({ id: other.id });
      expect(await book(other.id)).toBe('NOT_FOUND');
      expect(await creditsOf(alpha, client.packageIds)).toEqual([1]);
    });

    it('only staff create services; clients see the menu without archived ones', async () => {
      const client = await addClient(kit, alpha);
      const input = { name: 'Nope', durationMinutes: 30, priceCents: 1 };
      expect(await codeOf(kit.as(alpha, client).service.create(input))).toBe('FORBIDDEN');
      expect(await codeOf(kit.as(alpha, therapistLogin).service.create(input))).toBe('FORBIDDEN');
      const menu = await kit.as(alpha, client).service.list();
      expect(menu.map((service) => service.name)).not.toContain('Acupuncture');
      expect(await codeOf(kit.as(alpha, client).service.list({ includeArchived: true }))).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('pay at the desk', () => {
    it('staff book a walk-in without a credit, then record the payment; both audited', async () => {
      const walkIn = await addClient(kit, alpha, [], { signIn: false });
      const booked = await staff().reservation.create({
        therapistId: madrid.therapistId,
        branchId: madrid.branchId,
        clientId: walkIn.id,
        startsAt: madridSummer('2026-05-07T09:00:00'),
        payAtDesk: true,
      });
      expect(booked).toMatchObject({ payment: 'desk', userPackageId: null, status: 'booked' });
      const payment = await staff().desk.recordPayment({
        reservationId: booked.id,
        amountCents: 6000,
        method: 'card_terminal',
        reference: 'T-1234',
      });
      expect(payment).toMatchObject({
        client: { id: walkIn.id },
        amountCents: 6000,
        currency: 'usd',
        method: 'card_terminal',
        recorder: { id: alpha.staff.id },
      });
      expect(await staff().desk.payments({ reservationId: booked.id })).toHaveLength(1);
      expect(await auditOf(alpha, booked.id)).toMatchObject([
        { action: 'reservation.create', metadata: { payment: 'desk', userPackageId: null } },
      ]);
      expect(await auditOf(alpha, payment.id)).toMatchObject([
        { action: 'desk.payment', actorId: alpha.staff.id, metadata: { amountCents: 6000 } },
      ]);
    });

    it('a client cannot book unpaid, and without credits is refused as before', async () => {
      const client = await addClient(kit, alpha);
      const book = (payAtDesk: boolean) =>
        codeOf(
          kit.as(alpha, client).reservation.create({
            therapistId: madrid.therapistId,
            branchId: madrid.branchId,
            startsAt: madridSummer('2026-05-07T11:00:00'),
            payAtDesk,
          }),
        );
      expect(await book(true)).toBe('FORBIDDEN');
      expect(await book(false)).toBe('UNPROCESSABLE_CONTENT');
      expect(
        await codeOf(
          kit
            .as(alpha, client)
            .desk.recordPayment({ clientId: client.id, amountCents: 1, method: 'cash' }),
        ),
      ).toBe('FORBIDDEN');
    });

    it('grants a free package by hand: its credits book sessions; the reason is audited', async () => {
      const client = await addClient(kit, alpha);
      const granted = await staff().desk.grantCredits({
        clientId: client.id,
        packageId: alpha.ids.package,
        reason: 'Opening week promotion',
      });
      expect(granted).toMatchObject({ clientId: client.id, status: 'active' });
      expect(granted.creditsLeft).toBeGreaterThan(0);
      expect(await auditOf(alpha, granted.id)).toMatchObject([
        { action: 'desk.grant_credits', actorId: alpha.staff.id },
      ]);
      const booked = await kit.as(alpha, client).reservation.create({
        therapistId: madrid.therapistId,
        branchId: madrid.branchId,
        startsAt: madridSummer('2026-05-07T13:00:00'),
      });
      expect(booked.userPackageId).toBe(granted.id);
    });

    it('concurrent desk bookings of one slot: the database lets exactly one win', async () => {
      const walkIns = await Promise.all(
        Array.from({ length: 8 }, () => addClient(kit, alpha, [], { signIn: false })),
      );
      const startsAt = madridSummer('2026-05-08T10:00:00');
      const results = await Promise.allSettled(
        walkIns.map((walkIn) =>
          staff().reservation.create({
            therapistId: madrid.therapistId,
            branchId: madrid.branchId,
            clientId: walkIn.id,
            startsAt,
            payAtDesk: true,
          }),
        ),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refused = results.flatMap((result) =>
        result.status === 'rejected' ? [(result.reason as { code: string }).code] : [],
      );
      expect(refused).toEqual(Array.from({ length: 7 }, () => 'CONFLICT'));
    });

    it('a 90-minute service and a 60-minute session racing into overlapping times: one wins', async () => {
      const long = await staff().service.create({
        name: 'Long session',
        durationMinutes: 90,
        priceCents: 100,
        therapistIds: [madrid.therapistId],
      });
      const [first, second] = await Promise.all(
        [0, 1].map(() => addClient(kit, alpha, [], { signIn: false })),
      );
      const results = await Promise.allSettled([
        staff().reservation.create({
          therapistId: madrid.therapistId,
          branchId: madrid.branchId,
          clientId: first!.id,
          serviceId: long.id,
          startsAt: madridSummer('2026-05-08T13:00:00'),
          payAtDesk: true,
        }),
        staff().reservation.create({
          therapistId: madrid.therapistId,
          branchId: madrid.branchId,
          clientId: second!.id,
          startsAt: madridSummer('2026-05-08T14:00:00'),
          payAtDesk: true,
        }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    });
  });

  describe('attendance', () => {
    async function bookedAt(local: string, credits = 1) {
      const client = await addClient(kit, alpha, [{ credits, expiresAt: LATE_2026 }]);
      const reservation = await staff().reservation.create({
        therapistId: madrid.therapistId,
        branchId: madrid.branchId,
        clientId: client.id,
        startsAt: madridSummer(local),
      });
      return { client, reservation };
    }

    it('arrived from two hours before, then completed; each mark audited', async () => {
      const { reservation } = await bookedAt('2026-05-11T10:00:00');
      const mark = (outcome: 'arrived' | 'completed' | 'no_show') =>
        staff().reservation.markAttendance({ id: reservation.id, outcome });
      kit.setNow(madridSummer('2026-05-11T07:30:00'));
      expect(await codeOf(mark('arrived'))).toBe('CONFLICT');
      kit.setNow(madridSummer('2026-05-11T09:50:00'));
      expect((await mark('arrived')).reservation.arrivedAt).toEqual(
        madridSummer('2026-05-11T09:50:00'),
      );
      expect(await codeOf(mark('completed'))).toBe('CONFLICT');
      kit.setNow(madridSummer('2026-05-11T11:00:00'));
      expect(await codeOf(mark('no_show'))).toBe('CONFLICT');
      expect((await mark('completed')).reservation.status).toBe('completed');
      expect(await codeOf(mark('completed'))).toBe('CONFLICT');
      expect((await auditOf(alpha, reservation.id)).map((entry) => entry.action)).toEqual([
        'reservation.create',
        'reservation.arrived',
        'reservation.completed',
      ]);
    });

    it('a no-show keeps its credit by default and gets it back when the clinic says so', async () => {
      const kept = await bookedAt('2026-05-12T10:00:00');
      kit.setNow(madridSummer('2026-05-12T10:30:00'));
      const first = await staff().reservation.markAttendance({
        id: kept.reservation.id,
        outcome: 'no_show',
      });
      expect(first).toMatchObject({ creditReturned: false, reservation: { status: 'no_show' } });
      expect(await creditsOf(alpha, kept.client.packageIds)).toEqual([0]);

      kit.setNow(NOW);
      await kit.as(alpha, alpha.owner).settings.update({ noShowKeepsCredit: false });
      const forgiven = await bookedAt('2026-05-12T12:00:00');
      kit.setNow(madridSummer('2026-05-12T12:30:00'));
      const second = await staff().reservation.markAttendance({
        id: forgiven.reservation.id,
        outcome: 'no_show',
      });
      expect(second.creditReturned).toBe(true);
      expect(await creditsOf(alpha, forgiven.client.packageIds)).toEqual([1]);
      kit.setNow(NOW);
      await kit.as(alpha, alpha.owner).settings.update({ noShowKeepsCredit: true });
    });

    it("the session's therapist marks attendance; clients cannot; other therapists' sessions are NOT_FOUND", async () => {
      const { client, reservation } = await bookedAt('2026-05-13T10:00:00');
      kit.setNow(madridSummer('2026-05-13T09:55:00'));
      const input = { id: reservation.id, outcome: 'arrived' as const };
      expect(await codeOf(kit.as(alpha, client).reservation.markAttendance(input))).toBe(
        'FORBIDDEN',
      );
      expect(
        (await kit.as(alpha, therapistLogin).reservation.markAttendance(input)).reservation
          .arrivedAt,
      ).not.toBeNull();

      const elsewhere = await addSchedule(alpha, MADRID_DAILY);
      kit.setNow(NOW);
      const theirs = await staff().reservation.create({
        therapistId: elsewhere.therapistId,
        branchId: elsewhere.branchId,
        clientId: client.id,
        startsAt: madridSummer('2026-05-13T12:00:00'),
        payAtDesk: true,
      });
      kit.setNow(madridSummer('2026-05-13T11:55:00'));
      expect(
        await codeOf(
          kit
            .as(alpha, therapistLogin)
            .reservation.markAttendance({ id: theirs.id, outcome: 'arrived' }),
        ),
      ).toBe('NOT_FOUND');
    });
  });
});
