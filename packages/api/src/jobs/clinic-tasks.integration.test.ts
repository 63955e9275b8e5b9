import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addClient, addSchedule, LATE_2026, MADRID_DAILY } from '../testing/booking-test-setup';
import { createApiTestKit, type ApiTestKit, type TestClinic } from '../testing/api-test-kit';
import { readClinicSettings } from './clinic-settings';
import {
  cleanUpExpired,
  completePastBookings,
  notifyExpiringPackages,
  rollUpUsage,
  sendReminders,
  type TaskServices,
} from './clinic-tasks';
import { verifyUnsubscribeToken } from './unsubscribe-token';

const SECRET = 'test-mail-secret';

describe('the scheduled clinic tasks', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let madrid: { branchId: string; therapistId: string };
  let now = new Date('2026-03-26T08:00:00Z');

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    madrid = await addSchedule(alpha, MADRID_DAILY);
  });
  afterAll(() => kit?.close());

  const services = (): TaskServices => ({
    platform: kit.services.platform,
    tenants: kit.services.tenants,
    now: () => now,
    portalUrl: kit.services.portalUrl,
    mailSecret: SECRET,
  });
  const run = async <T>(task: (db: typeof alpha.db, ...rest: never[]) => Promise<T>) => {
    const settings = await readClinicSettings(kit.services.platform, alpha.clinic.id);
    return runWithClinic(alpha.clinic, () =>
      (task as (db: unknown, s: unknown, v: unknown) => Promise<T>)(alpha.db, settings, services()),
    );
  };
  const book = async (startsAt: Date, bookedAt: Date) => {
    kit.setNow(bookedAt);
    const client = await addClient(kit, alpha, [{ credits: 3, expiresAt: LATE_2026 }]);
    const reservation = await kit.as(alpha, client).reservation.create({
      therapistId: madrid.therapistId,
      branchId: madrid.branchId,
      startsAt,
    });
    // The row's created_at is the database's clock; the story needs the booking's own.
    await runWithClinic(alpha.clinic, () =>
      alpha.db.reservation.updateMany({
        where: { id: reservation.id },
        data: { createdAt: bookedAt },
      }),
    );
    return { client, reservation };
  };
  const remindersTo = (email: string) =>
    runWithClinic(alpha.clinic, () =>
      alpha.db.outboxMessage.findMany({
        where: { toEmail: email, kind: 'booking.reminder' },
        select: { data: true },
      }),
    );

  it('a reminder goes out 24 h ahead on the branch clock, across the DST change; once; none when cancelled, opted out or booked late', async () => {
    // Monday 2026-03-30 10:00 CEST; Madrid springs forward on Sunday the 29th: due Sunday 10:00 CEST (08:00Z).
    const monday = new Date('2026-03-30T08:00:00Z');
    const ana = await book(monday, new Date('2026-03-26T08:00:00Z'));
    const cancelled = await book(
      new Date('2026-03-30T09:00:00Z'),
      new Date('2026-03-26T08:00:00Z'),
    );
    await kit.as(alpha, cancelled.client).reservation.cancel({ id: cancelled.reservation.id });
    const optedOut = await book(new Date('2026-03-30T10:00:00Z'), new Date('2026-03-26T08:00:00Z'));
    await runWithClinic(alpha.clinic, () =>
      alpha.db.user.updateMany({
        where: { id: optedOut.client.id },
        data: { remindersOptedOutAt: new Date() },
      }),
    );
    const late = await book(new Date('2026-03-30T11:00:00Z'), new Date('2026-03-29T20:00:00Z'));

    now = new Date('2026-03-29T07:59:00Z');
    expect(await run(sendReminders)).toEqual({ written: 0 });
    now = new Date('2026-03-29T08:00:00Z');
    expect(await run(sendReminders)).toEqual({ written: 1 });
    now = new Date('2026-03-29T08:15:00Z');
    expect(await run(sendReminders)).toEqual({ written: 0 });

    const [reminder] = await remindersTo(ana.client.email);
    const data = reminder!.data as { startsAt: string; unsubscribeUrl: string };
    expect(data.startsAt).toBe(monday.toISOString());
    const token = new URL(data.unsubscribeUrl).searchParams.get('token')!;
    expect(verifyUnsubscribeToken(SECRET, alpha.clinic.id, token)).toBe(ana.client.id);
    expect(verifyUnsubscribeToken(SECRET, randomClinic(), token)).toBeNull();
    for (const silent of [cancelled, optedOut, late]) {
      expect(await remindersTo(silent.client.email)).toEqual([]);
    }
  });

  it("completes booked sessions after the clinic's grace period; cancelled and no-shows stay as they are", async () => {
    const past = await book(new Date('2026-04-02T08:00:00Z'), new Date('2026-03-31T08:00:00Z'));
    const noShow = await book(new Date('2026-04-02T10:00:00Z'), new Date('2026-03-31T08:00:00Z'));
    await runWithClinic(alpha.clinic, () =>
      alpha.db.reservation.updateMany({
        where: { id: noShow.reservation.id },
        data: { status: 'no_show' },
      }),
    );
    const statusOf = (id: string) =>
      runWithClinic(alpha.clinic, () =>
        alpha.db.reservation.findFirstOrThrow({ where: { id }, select: { status: true } }),
      );
    now = new Date('2026-04-03T08:59:00Z'); // 23 h 59 min after the end
    await run(completePastBookings);
    expect(await statusOf(past.reservation.id)).toEqual({ status: 'booked' });
    now = new Date('2026-04-03T09:00:00Z');
    expect((await run(completePastBookings)).completed).toBeGreaterThanOrEqual(1);
    expect(await statusOf(past.reservation.id)).toEqual({ status: 'completed' });
    expect(await statusOf(noShow.reservation.id)).toEqual({ status: 'no_show' });
  });

  it('clean-up deletes expired sessions and spent reset tokens, keeps live ones', async () => {
    now = new Date();
    kit.setNow(now);
    const client = await addClient(kit, alpha, []);
    await runWithClinic(alpha.clinic, async () => {
      await alpha.db.session.create({
        data: {
          clinicId: alpha.clinic.id,
          id: 'e'.repeat(64),
          userId: client.id,
          expiresAt: new Date(now.getTime() - 1000),
        },
      });
      await alpha.db.passwordResetToken.create({
        data: {
          clinicId: alpha.clinic.id,
          userId: client.id,
          tokenHash: 'd'.repeat(64),
          expiresAt: new Date(now.getTime() - 1000),
        },
      });
    });
    const result = await run(cleanUpExpired);
    expect(result.sessions).toBeGreaterThanOrEqual(1);
    expect(result.resetTokens).toBeGreaterThanOrEqual(1);
    // The signed-in client's own session is alive and stays.
    expect(await kit.as(alpha, client).auth.me()).toMatchObject({ user: { id: client.id } });
  });

  it('a package expiring within 7 days with sessions left is announced once', async () => {
    now = new Date('2026-05-01T08:00:00Z');
    const soon = await addClient(kit, alpha, [
      { credits: 2, expiresAt: new Date('2026-05-07T00:00:00Z') },
    ]);
    const later = await addClient(kit, alpha, [
      { credits: 2, expiresAt: new Date('2026-05-20T00:00:00Z') },
    ]);
    const first = await run(notifyExpiringPackages);
    expect(first.written).toBeGreaterThanOrEqual(1);
    expect(await run(notifyExpiringPackages)).toEqual({ written: 0 });
    const notices = await runWithClinic(alpha.clinic, () =>
      alpha.db.outboxMessage.findMany({
        where: { kind: 'package.expiring' },
        select: { toEmail: true },
      }),
    );
    expect(notices.map((n) => n.toEmail)).toContain(soon.email);
    expect(notices.map((n) => n.toEmail)).not.toContain(later.email);
  });

  it("writes the clinic's day figures to the control plane", async () => {
    now = new Date();
    expect(await run(rollUpUsage)).toEqual({ days: 2 });
    const rows = await kit.services.platform.clinicUsageDaily.findMany({
      where: { targetClinicId: alpha.clinic.id },
      select: { users: true, clients: true, tables: true },
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.users).toBeGreaterThan(4);
    expect(rows[0]!.tables).toContainEqual(expect.objectContaining({ table: 'reservations' }));
  });
});

function randomClinic(): string {
  return '00000000-0000-4000-8000-000000000001';
}
