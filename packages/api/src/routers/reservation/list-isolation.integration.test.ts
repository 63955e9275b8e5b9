import { runWithClinic } from '@eventora/tenancy';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
  LATE_2026,
  MADRID_DAILY,
  madridSummer,
  packagesOf,
  reservationsOf,
} from '../../testing/booking-test-setup';

const NOW = new Date('2026-06-01T06:00:00Z');

describe('reservation.list and reservation.byId', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;
  let north: { branchId: string; therapistId: string };
  let south: { branchId: string; therapistId: string };
  let ana: TestUser & { packageIds: string[] };
  let bea: TestUser & { packageIds: string[] };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
    north = await addSchedule(alpha, MADRID_DAILY);
    south = await addSchedule(alpha, MADRID_DAILY);
    // The alpha THERAPIST login is the north therapist.
    await runWithClinic(alpha.clinic, () =>
      alpha.db.therapist.updateMany({
        where: { id: north.therapistId },
        data: { userId: alpha.therapistUser.id },
      }),
    );
    ana = await addClient(kit, alpha, [{ credits: 10, expiresAt: LATE_2026 }]);
    bea = await addClient(kit, alpha, [{ credits: 10, expiresAt: LATE_2026 }]);
    kit.setNow(NOW);
    const book = async (name: string, user: TestUser, where: typeof north, local: string) => {
      ids[name] = (
        await kit.as(alpha, user).reservation.create({ ...where, startsAt: madridSummer(local) })
      ).id;
    };
    await book('ana1', ana, north, '2026-06-02T10:00:00');
    await book('ana2', ana, south, '2026-06-03T10:00:00');
    await book('ana3', ana, north, '2026-06-20T10:00:00');
    await book('bea1', bea, north, '2026-06-02T12:00:00');
    await book('bea2', bea, south, '2026-07-15T10:00:00');
    await kit.as(alpha, bea).reservation.cancel({ id: ids.bea2! });
  });
  afterAll(() => kit?.close());

  const names = (items: { id: string }[]) =>
    items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id) ?? 'other');

  it('a client lists only their own reservations, in start order', async () => {
    expect(names((await kit.as(alpha, ana).reservation.list({})).items)).toEqual([
      'ana1',
      'ana2',
      'ana3',
    ]);
    // Naming another client's id only narrows their own list.
    expect((await kit.as(alpha, ana).reservation.list({ clientId: bea.id })).items).toEqual([]);
  });

  it('staff list everything and filter by date range, branch, therapist, client and status', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const list = async (input: Parameters<typeof staff.reservation.list>[0]) =>
      names((await staff.reservation.list(input)).items).filter((name) => name !== 'other');
    expect(await list({})).toEqual(['ana1', 'bea1', 'ana2', 'ana3', 'bea2']);
    expect(
      await list({ from: new Date('2026-06-02T00:00:00Z'), to: new Date('2026-06-04T00:00:00Z') }),
    ).toEqual(['ana1', 'bea1', 'ana2']);
    expect(await list({ branchId: south.branchId })).toEqual(['ana2', 'bea2']);
    expect(await list({ therapistId: north.therapistId })).toEqual(['ana1', 'bea1', 'ana3']);
    expect(await list({ clientId: bea.id })).toEqual(['bea1', 'bea2']);
    expect(await list({ status: 'cancelled' })).toEqual(['bea2']);
    expect(await list({ from: new Date('2026-06-10T00:00:00Z') })).toEqual(['ana3', 'bea2']);
  });

  it('pages with a cursor', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await staff.reservation.list({ limit: 2, cursor, therapistId: undefined });
      seen.push(...names(result.items));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen.filter((name) => name !== 'other')).toEqual([
      'ana1',
      'bea1',
      'ana2',
      'ana3',
      'bea2',
    ]);
  });

  it('a therapist login sees its own sessions only', async () => {
    expect(names((await kit.as(alpha, alpha.therapistUser).reservation.list({})).items)).toEqual([
      'ana1',
      'bea1',
      'ana3',
    ]);
  });

  it('limits: date range ≤ 62 days, page size ≤ 100, well-formed cursor — BAD_REQUEST with field messages', async () => {
    const fieldsOf = async (input: unknown) => {
      const { status, body } = await kit.http('alpha', 'reservation.list', input, {
        token: alpha.staff.token,
        query: true,
      });
      expect(status).toBe(400);
      return body.error?.json.data.fields.map((field) => field.field);
    };
    expect(await fieldsOf({ from: '2026-06-01T00:00:00Z', to: '2026-08-02T00:00:01Z' })).toEqual([
      'to',
    ]);
    expect(await fieldsOf({ from: '2026-06-02T00:00:00Z', to: '2026-06-01T00:00:00Z' })).toEqual([
      'to',
    ]);
    expect(await fieldsOf({ limit: 101 })).toEqual(['limit']);
    expect(await fieldsOf({ cursor: "'; DROP TABLE reservations; --" })).toEqual(['cursor']);
    const ok = await kit.http(
      'alpha',
      'reservation.list',
      { from: '2026-06-01T00:00:00Z', to: '2026-08-02T00:00:00Z' },
      { token: alpha.staff.token, query: true },
    );
    expect(ok.status).toBe(200);
  });

  it("byId: one's own or (staff) any; another client's answers NOT_FOUND like a missing id", async () => {
    expect((await kit.as(alpha, ana).reservation.byId({ id: ids.ana1! })).id).toBe(ids.ana1);
    expect((await kit.as(alpha, alpha.staff).reservation.byId({ id: ids.bea1! })).client.id).toBe(
      bea.id,
    );
    const missing = await kit
      .as(alpha, ana)
      .reservation.byId({ id: randomUUID() })
      .catch((error: { code: string; message: string }) => [error.code, error.message]);
    const others = await kit
      .as(alpha, ana)
      .reservation.byId({ id: ids.bea1! })
      .catch((error: { code: string; message: string }) => [error.code, error.message]);
    expect(others).toEqual(['NOT_FOUND', 'Reservation not found.']);
    expect(others).toEqual(missing);
  });

  it("staff reading a client's reservations is audited as a view of that client; one's own is not", async () => {
    const views = async () =>
      (await auditOf(alpha, bea.id)).filter((entry) => entry.action === 'client.view');
    const before = (await views()).length;
    await kit.as(alpha, bea).reservation.byId({ id: ids.bea1! });
    await kit.as(alpha, bea).reservation.list({ clientId: bea.id });
    expect(await views()).toHaveLength(before);

    await kit.as(alpha, alpha.staff).reservation.byId({ id: ids.bea1! });
    await kit.as(alpha, alpha.staff).reservation.list({ clientId: bea.id });
    expect((await views()).slice(before)).toEqual([
      {
        action: 'client.view',
        actorId: alpha.staff.id,
        metadata: { via: 'reservation.byId', reservationId: ids.bea1 },
      },
      { action: 'client.view', actorId: alpha.staff.id, metadata: { via: 'reservation.list' } },
    ]);
  });

  describe("alpha calling with beta's ids", () => {
    it('answers NOT_FOUND exactly like missing ids, and beta is unchanged', async () => {
      const betaSchedule = await addSchedule(beta, MADRID_DAILY);
      const betaClient = await addClient(kit, beta, [{ credits: 3, expiresAt: LATE_2026 }]);
      const betaBooking = await kit.as(beta, betaClient).reservation.create({
        ...betaSchedule,
        startsAt: madridSummer('2026-06-09T10:00:00'),
      });
      const betaBefore = [await reservationsOf(beta), await packagesOf(beta)];
      const alphaBefore = [await reservationsOf(alpha), await packagesOf(alpha)];
      const startsAt = madridSummer('2026-06-09T10:00:00');
      const outcome = (call: Promise<unknown>) =>
        call.then(
          () => 'accepted',
          (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
        );

      for (const user of [ana, alpha.staff, alpha.owner]) {
        const as = kit.as(alpha, user);
        const staffOnly = user.role === 'CLIENT' ? {} : { clientId: alpha.client.id };
        const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
          [
            'create with their therapist',
            () =>
              as.reservation.create({
                therapistId: betaSchedule.therapistId,
                branchId: north.branchId,
                startsAt,
                ...staffOnly,
              }),
            () =>
              as.reservation.create({
                therapistId: randomUUID(),
                branchId: north.branchId,
                startsAt,
                ...staffOnly,
              }),
          ],
          [
            'create at their branch',
            () =>
              as.reservation.create({
                therapistId: north.therapistId,
                branchId: betaSchedule.branchId,
                startsAt,
                ...staffOnly,
              }),
            () =>
              as.reservation.create({
                therapistId: north.therapistId,
                branchId: randomUUID(),
                startsAt,
                ...staffOnly,
              }),
          ],
          [
            'byId',
            () => as.reservation.byId({ id: betaBooking.id }),
            () => as.reservation.byId({ id: randomUUID() }),
          ],
          [
            'cancel',
            () => as.reservation.cancel({ id: betaBooking.id }),
            () => as.reservation.cancel({ id: randomUUID() }),
          ],
          [
            'reschedule',
            () => as.reservation.reschedule({ id: betaBooking.id, startsAt }),
            () => as.reservation.reschedule({ id: randomUUID(), startsAt }),
          ],
          [
            'reschedule onto their therapist',
            () =>
              as.reservation.reschedule({
                id: ids.ana1!,
                startsAt,
                therapistId: betaSchedule.therapistId,
              }),
            () => as.reservation.reschedule({ id: ids.ana1!, startsAt, therapistId: randomUUID() }),
          ],
          [
            'availability of their therapist',
            () =>
              as.therapist.availability({
                therapistId: betaSchedule.therapistId,
                from: startsAt,
                to: madridSummer('2026-06-10T10:00:00'),
              }),
            () =>
              as.therapist.availability({
                therapistId: randomUUID(),
                from: startsAt,
                to: madridSummer('2026-06-10T10:00:00'),
              }),
          ],
          [
            'availability at their branch',
            () =>
              as.therapist.availability({
                therapistId: north.therapistId,
                branchId: betaSchedule.branchId,
                from: startsAt,
                to: madridSummer('2026-06-10T10:00:00'),
              }),
            () =>
              as.therapist.availability({
                therapistId: north.therapistId,
                branchId: randomUUID(),
                from: startsAt,
                to: madridSummer('2026-06-10T10:00:00'),
              }),
          ],
        ];
        if (user.role !== 'CLIENT') {
          cases.push([
            'create for their client',
            () =>
              as.reservation.create({
                ...north,
                startsAt: madridSummer('2026-06-09T15:00:00'),
                clientId: betaClient.id,
              }),
            () =>
              as.reservation.create({
                ...north,
                startsAt: madridSummer('2026-06-09T15:00:00'),
                clientId: randomUUID(),
              }),
          ]);
        }
        for (const [name, withBetaIds, withMissingIds] of cases) {
          const [theirs, missing] = [await outcome(withBetaIds()), await outcome(withMissingIds())];
          expect([user.role, name, theirs]).toEqual([
            user.role,
            name,
            expect.stringMatching(/^NOT_FOUND: /),
          ]);
          expect([user.role, name, theirs]).toEqual([user.role, name, missing]);
        }
        // Filters naming beta's rows find nothing.
        for (const filter of [
          { therapistId: betaSchedule.therapistId },
          { branchId: betaSchedule.branchId },
          { clientId: betaClient.id },
        ]) {
          expect((await as.reservation.list(filter)).items).toEqual([]);
        }
      }
      expect([await reservationsOf(beta), await packagesOf(beta)]).toEqual(betaBefore);
      expect([await reservationsOf(alpha), await packagesOf(alpha)]).toEqual(alphaBefore);
    });
  });
});
