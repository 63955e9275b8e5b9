import { runWithClinic, TenantRouter } from '@eventora/tenancy';
import {
  createClinicFixture,
  createTestDatabase,
  type ClinicFixture,
  type TestDatabase,
} from '@eventora/tenancy/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startMailCatcher, type MailCatcher } from '../catcher/mail-catcher';
import { writeMessage } from '../outbox/write-message';
import { CLAIM_MS, deliverOutbox, MAX_ATTEMPTS } from './deliver-outbox';
import { createSmtpSender, type MailSender } from './smtp-sender';

const confirmation = (email: string, reservationId: string) =>
  ({
    kind: 'booking.confirmed',
    to: { email, name: 'Ana' },
    data: {
      reservationId,
      therapistName: 'Tom',
      branchName: 'Downtown',
      branchAddress: null,
      timezone: 'America/Mexico_City',
      startsAt: '2031-01-07T16:00:00.000Z',
      endsAt: '2031-01-07T17:00:00.000Z',
      manageUrl: 'http://alpha.localhost:3000/bookings',
    },
  }) as const;

describe('outbox delivery over SMTP', () => {
  let database: TestDatabase;
  let router: TenantRouter;
  let alpha: ClinicFixture;
  let beta: ClinicFixture;
  let catcher: MailCatcher;
  let sender: MailSender;
  const rejected = new Set<string>();
  const deferrals = new Map<string, number>();
  let clock = new Date('2031-01-01T09:00:00Z').getTime();
  const now = () => new Date(clock);
  const clinic = { name: 'Alpha Physio', brandColor: '#123456', replyTo: 'desk@alpha.test' };

  beforeAll(async () => {
    database = await createTestDatabase();
    router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 6 });
    alpha = await createClinicFixture(database, router, { slug: 'alpha' });
    beta = await createClinicFixture(database, router, { slug: 'beta', mode: 'schema' });
    catcher = await startMailCatcher({
      rejectRecipient: (address) => rejected.has(address),
      deferMessage: ([to]) => {
        const left = deferrals.get(to!) ?? 0;
        if (left > 0) deferrals.set(to!, left - 1);
        return left > 0;
      },
    });
    sender = createSmtpSender({ url: catcher.smtpUrl, fromAddress: 'mail@eventora.test' });
  });
  afterAll(async () => {
    sender?.close();
    await catcher?.close();
    await router?.close();
    await database?.drop();
  });
  beforeEach(() => {
    clock += 24 * 3_600_000;
  });

  const write = (fixture: ClinicFixture, message: Parameters<typeof writeMessage>[1]) =>
    runWithClinic(fixture.clinic, () => writeMessage(fixture.db, message));
  const deliver = (fixture: ClinicFixture, using = sender) =>
    runWithClinic(fixture.clinic, () => deliverOutbox(fixture.db, { sender: using, clinic, now }));
  const row = (fixture: ClinicFixture, id: string) =>
    runWithClinic(fixture.clinic, () =>
      fixture.db.outboxMessage.findFirstOrThrow({
        where: { id },
        select: { status: true, attempts: true, secrets: true, lastError: true, sentAt: true },
      }),
    );

  it("sends in the clinic's name with its reply-to, an idempotent Message-ID and the calendar file; the row is marked sent", async () => {
    const written = await write(alpha, confirmation('first@alpha.test', alpha.ids.reservation));
    const report = await deliver(alpha);

    expect(report).toMatchObject({ sent: 1, bounced: 0, retrying: 0, dead: 0 });
    const [mail] = catcher.to('first@alpha.test');
    expect(mail).toMatchObject({
      from: '"Alpha Physio" <mail@eventora.test>',
      replyTo: 'desk@alpha.test',
      messageId: `<${written!.id}@eventora.test>`,
      subject: 'Your booking at Alpha Physio is confirmed',
    });
    expect(mail!.text).toContain('Tuesday, January 7, 2031 at 10:00');
    expect(mail!.html).toContain('#123456');
    expect(mail!.attachments.map((a) => a.contentType)).toContainEqual(
      expect.stringContaining('text/calendar'),
    );
    expect(
      mail!.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content,
    ).toContain('DTSTART:20310107T160000Z');
    expect(await row(alpha, written!.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      sentAt: now(),
    });
    // Nothing is due any more: a second delivery sends nothing.
    expect(await deliver(alpha)).toMatchObject({ sent: 0, nextAttemptAt: null });
    expect(catcher.to('first@alpha.test')).toHaveLength(1);
  });

  it('a delivery that fails twice then succeeds sends one mail, with backoff between attempts', async () => {
    deferrals.set('flaky@alpha.test', 2);
    const written = await write(alpha, confirmation('flaky@alpha.test', alpha.ids.reservation));

    const first = await deliver(alpha);
    expect(first).toMatchObject({ sent: 0, retrying: 1, nextAttemptAt: new Date(clock + 60_000) });
    expect(await deliver(alpha)).toMatchObject({ sent: 0, retrying: 0 });
    clock += 60_000;
    expect(await deliver(alpha)).toMatchObject({
      retrying: 1,
      nextAttemptAt: new Date(clock + 300_000),
    });
    clock += 300_000;
    expect(await deliver(alpha)).toMatchObject({ sent: 1 });

    expect(catcher.to('flaky@alpha.test')).toHaveLength(1);
    expect(await row(alpha, written!.id)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('a recipient the server refuses for good is recorded as a bounce and not retried; the link it held is cleared', async () => {
    rejected.add('gone@alpha.test');
    const written = await write(alpha, {
      kind: 'password.reset',
      to: { email: 'gone@alpha.test', name: 'Gone' },
      data: { expiresAt: '2031-02-01T10:00:00.000Z' },
      secrets: { link: 'http://alpha.localhost:3000/reset-password?token=secret-token' },
    });
    expect(await deliver(alpha)).toMatchObject({ bounced: 1 });
    clock += 3_600_000;
    expect(await deliver(alpha)).toMatchObject({ bounced: 0, sent: 0 });
    const stored = await row(alpha, written!.id);
    expect(stored).toMatchObject({ status: 'bounced', attempts: 1, secrets: null });
    expect(stored.lastError).toContain('550');
  });

  it('a crash between sending and marking sends at most once more, after the claim lapses, with the same Message-ID', async () => {
    const written = await write(alpha, confirmation('crash@alpha.test', alpha.ids.reservation));
    // The SMTP server accepts the message, then the process "dies" before marking it.
    const dying: MailSender = {
      send: async (envelope) => {
        await sender.send(envelope);
        await new Promise(() => undefined);
      },
      close: () => undefined,
    };
    void deliver(alpha, dying);
    await expectEventually(() => catcher.to('crash@alpha.test').length === 1);

    clock += CLAIM_MS - 1000;
    expect(await deliver(alpha)).toMatchObject({ sent: 0 });
    clock += 2000;
    expect(await deliver(alpha)).toMatchObject({ sent: 1 });

    const copies = catcher.to('crash@alpha.test');
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((mail) => mail.messageId))).toEqual(
      new Set([`<${written!.id}@eventora.test>`]),
    );
    expect(await row(alpha, written!.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it(`after ${MAX_ATTEMPTS} failed attempts a message is dead`, async () => {
    deferrals.set('never@alpha.test', 100);
    const written = await write(alpha, confirmation('never@alpha.test', alpha.ids.reservation));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await deliver(alpha);
      clock += 5 * 3_600_000;
    }
    expect(await row(alpha, written!.id)).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
    expect(catcher.to('never@alpha.test')).toHaveLength(0);
  });

  it("a clinic's delivery sends only its own messages", async () => {
    await write(beta, confirmation('only@beta.test', beta.ids.reservation));
    await deliver(alpha);
    expect(catcher.to('only@beta.test')).toHaveLength(0);
    await deliver(beta);
    expect(catcher.to('only@beta.test')).toHaveLength(1);
  });
});

async function expectEventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
