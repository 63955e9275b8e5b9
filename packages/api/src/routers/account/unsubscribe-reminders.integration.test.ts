import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readClinicSettings } from '../../jobs/clinic-settings';
import { sendReminders } from '../../jobs/clinic-tasks';
import { unsubscribeToken } from '../../jobs/unsubscribe-token';
import { addClient, addSchedule, ALL_WEEK, hm } from '../../testing/booking-test-setup';
import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';

describe("a reminder's unsubscribe link", () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;
  let schedule: { branchId: string; therapistId: string };

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
    schedule = await addSchedule(alpha, {
      timeZone: 'UTC',
      opening: [{ weekdays: ALL_WEEK, from: hm(8), to: hm(20) }],
      shifts: [{ weekdays: ALL_WEEK, from: hm(9), to: hm(17) }],
    });
  }, 60_000);
  afterAll(() => kit?.close());

  const secret = () => kit.services.mailLinkSecret!;
  const optedOutAt = (clinic: TestClinic, userId: string) =>
    runWithClinic(clinic.clinic, async () => {
      const user = await clinic.db.user.findFirstOrThrow({
        where: { id: userId },
        select: { remindersOptedOutAt: true },
      });
      return user.remindersOptedOutAt;
    });
  const remind = async (now: Date) => {
    const settings = await readClinicSettings(kit.services.platform, alpha.clinic.id);
    return runWithClinic(alpha.clinic, () =>
      sendReminders(alpha.db, settings, {
        platform: kit.services.platform,
        tenants: kit.services.tenants,
        now: () => now,
        portalUrl: kit.services.portalUrl,
        mailSecret: secret(),
      }),
    );
  };
  const bookAt = async (startsAt: Date) => {
    kit.setNow(new Date(startsAt.getTime() - 3 * 86_400_000));
    const client = await addClient(kit, alpha, [
      { credits: 5, expiresAt: new Date(startsAt.getTime() + 30 * 86_400_000) },
    ]);
    await kit.as(alpha, client).reservation.create({
      therapistId: schedule.therapistId,
      branchId: schedule.branchId,
      startsAt,
    });
    return client;
  };

  it('stops reminders for the person it names, without a session; a second click changes nothing', async () => {
    const first = new Date('2031-02-03T10:00:00Z');
    const client = await bookAt(first);
    expect(await remind(new Date('2031-02-02T10:00:00Z'))).toEqual({ written: 1 });
    const reminder = await runWithClinic(alpha.clinic, () =>
      alpha.db.outboxMessage.findFirstOrThrow({
        where: { toEmail: client.email, kind: 'booking.reminder' },
        select: { data: true },
      }),
    );
    const link = new URL((reminder.data as { unsubscribeUrl: string }).unsubscribeUrl);
    expect(link.origin).toBe(kit.services.portalUrl(alpha.slug));
    expect(link.pathname).toBe('/unsubscribe');
    const token = link.searchParams.get('token')!;

    kit.setNow(new Date('2031-02-02T11:00:00Z'));
    const anonymous = kit.caller(alpha.slug).account;
    const answer = await anonymous.unsubscribeReminders({ token });
    expect(answer).toEqual({ email: client.email, since: new Date('2031-02-02T11:00:00Z') });
    expect(await optedOutAt(alpha, client.id)).toEqual(new Date('2031-02-02T11:00:00Z'));

    kit.setNow(new Date('2031-02-02T12:00:00Z'));
    expect(await anonymous.unsubscribeReminders({ token })).toEqual(answer);

    // Their next session gets no reminder.
    await kit.as(alpha, client).reservation.create({
      therapistId: schedule.therapistId,
      branchId: schedule.branchId,
      startsAt: new Date('2031-02-10T10:00:00Z'),
    });
    expect(await remind(new Date('2031-02-09T10:00:00Z'))).toEqual({ written: 0 });
    const audit = await runWithClinic(alpha.clinic, () =>
      alpha.db.auditLog.count({
        where: { action: 'client.reminders_unsubscribe', entityId: client.id },
      }),
    );
    expect(audit).toBe(1);
  });

  it("refuses a forged link, another clinic's and one signed with another secret, and changes nothing", async () => {
    kit.setNow(new Date());
    const client = await addClient(kit, alpha, []);
    const betaClient = await addClient(kit, beta, []);
    const refused = [
      // beta's genuine link presented at alpha's address
      { slug: alpha.slug, token: unsubscribeToken(secret(), beta.clinic.id, betaClient.id) },
      // alpha's client named in a link signed for beta, at alpha
      { slug: alpha.slug, token: unsubscribeToken(secret(), beta.clinic.id, client.id) },
      // alpha's genuine link at beta's address
      { slug: beta.slug, token: unsubscribeToken(secret(), alpha.clinic.id, client.id) },
      {
        slug: alpha.slug,
        token: unsubscribeToken('someone-elses-secret', alpha.clinic.id, client.id),
      },
      { slug: alpha.slug, token: `${client.id}.${'A'.repeat(43)}` },
    ];
    for (const { slug, token } of refused) {
      await expect(
        kit.caller(slug).account.unsubscribeReminders({ token }),
        `${slug}: ${token}`,
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await optedOutAt(alpha, client.id)).toBeNull();
    expect(await optedOutAt(beta, betaClient.id)).toBeNull();
  });

  it('fails closed where no link secret is configured', async () => {
    const client = await addClient(kit, alpha, []);
    const token = unsubscribeToken(secret(), alpha.clinic.id, client.id);
    const configured = kit.services.mailLinkSecret;
    kit.services.mailLinkSecret = undefined;
    try {
      await expect(
        kit.caller(alpha.slug).account.unsubscribeReminders({ token }),
      ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    } finally {
      kit.services.mailLinkSecret = configured;
    }
    expect(await optedOutAt(alpha, client.id)).toBeNull();
  });
});
