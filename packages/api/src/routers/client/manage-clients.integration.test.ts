import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';
import { addClient, addSchedule, ALL_WEEK, creditsOf, hm } from '../../testing/booking-test-setup';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { code?: string }) => error.code,
  );

const PASSWORD = 'a long unusual passphrase';
const LATE = new Date('2099-01-01T00:00:00Z');

describe('staff manage clients', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
  });
  afterAll(() => kit?.close());

  const staff = () => kit.as(alpha, alpha.staff);
  const outboxTo = (email: string) =>
    runWithClinic(alpha.clinic, () =>
      alpha.db.outboxMessage.findMany({
        where: { toEmail: email },
        orderBy: { createdAt: 'asc' },
        select: { kind: true, secrets: true },
      }),
    );
  const tokenIn = (message: { secrets: unknown } | undefined) =>
    new URL((message?.secrets as { link: string }).link).searchParams.get('token')!;

  it('creates a walk-in without a portal account, or invites one who then signs in', async () => {
    const { client: walkIn, invitationLink } = await staff().client.create({
      name: 'Walk In',
      email: 'walk.in@example.com',
      phone: '+34 600 111 222',
    });
    expect(walkIn).toMatchObject({ name: 'Walk In', phone: '+34 600 111 222' });
    expect(invitationLink).toBeNull();
    expect(await outboxTo('walk.in@example.com')).toEqual([]);

    await staff().client.create({ name: 'Ivy Invited', email: 'ivy@example.com', invite: true });
    const [message] = await outboxTo('ivy@example.com');
    expect(message?.kind).toBe('invitation.client');
    await kit
      .caller('alpha')
      .account.acceptInvitation({ token: tokenIn(message), password: PASSWORD });
    const signedIn = await kit
      .caller('alpha')
      .auth.signIn({ email: 'ivy@example.com', password: PASSWORD });
    expect(signedIn.user.role).toBe('CLIENT');

    expect(await codeOf(staff().client.create({ name: 'Again', email: 'IVY@example.com' }))).toBe(
      'CONFLICT',
    );
    const found = await staff().client.list({ search: 'walk' });
    expect(found.items.map((client) => client.id)).toEqual([walkIn.id]);
  });

  it('edits name and phone at once; a new email waits for its confirmation link', async () => {
    const { client } = await staff().client.create({ name: 'Typo Nmae', email: 'old@example.com' });
    const updated = await staff().client.update({
      id: client.id,
      name: 'Typo Name',
      phone: '555 0100',
      email: 'new@example.com',
    });
    expect(updated.client).toMatchObject({
      name: 'Typo Name',
      phone: '555 0100',
      email: 'old@example.com',
    });
    expect(updated.pendingEmail).toBe('new@example.com');
    const [message] = await outboxTo('new@example.com');
    expect(message?.kind).toBe('email.confirm');
    const confirm = () => kit.caller('alpha').account.confirmEmail({ token: tokenIn(message) });
    expect(await confirm()).toEqual({ email: 'new@example.com' });
    expect(await codeOf(confirm())).toBe('BAD_REQUEST');
    const history = await staff().client.byId({ id: client.id });
    expect(history.client.email).toBe('new@example.com');
    const actions = await runWithClinic(alpha.clinic, () =>
      alpha.db.auditLog.findMany({
        where: { entityId: client.id, action: { not: 'client.view' } },
        orderBy: { seq: 'asc' },
        select: { action: true },
      }),
    );
    expect(actions.map((entry) => entry.action)).toEqual([
      'client.create',
      'client.update',
      'client.email_confirm',
    ]);
  });

  it('merges a duplicate: every booking and credit moves; the duplicate is disabled and signed out', async () => {
    const schedule = await addSchedule(alpha, {
      timeZone: 'UTC',
      opening: [{ weekdays: ALL_WEEK, from: hm(8), to: hm(20) }],
      shifts: [{ weekdays: ALL_WEEK, from: hm(9), to: hm(17) }],
    });
    const keep = await addClient(kit, alpha, [{ credits: 2, expiresAt: LATE }]);
    const duplicate = await addClient(kit, alpha, [
      { credits: 3, expiresAt: LATE },
      { credits: 1, expiresAt: LATE },
    ]);
    const tomorrow = new Date();
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 2);
    tomorrow.setUTCHours(10, 0, 0, 0);
    const booked = await kit.as(alpha, duplicate).reservation.create({
      therapistId: schedule.therapistId,
      branchId: schedule.branchId,
      startsAt: tomorrow,
    });
    await staff().desk.recordPayment({ clientId: duplicate.id, amountCents: 500, method: 'cash' });

    const merged = await staff().client.merge({ keepId: keep.id, duplicateId: duplicate.id });
    expect(merged.moved).toEqual({ reservations: 1, packages: 2, payments: 1, checkouts: 0 });
    const wallet = await staff().wallet.list({ clientId: keep.id });
    expect(wallet.items.map((item) => item.creditsLeft).sort()).toEqual([1, 2, 2]);
    expect(await creditsOf(alpha, duplicate.packageIds)).toEqual([2, 1]);
    expect((await staff().reservation.byId({ id: booked.id })).client.id).toBe(keep.id);
    expect(await staff().desk.payments({ clientId: keep.id })).toHaveLength(1);
    expect(await codeOf(kit.as(alpha, duplicate).auth.me())).toBe('UNAUTHORIZED');
    expect((await staff().client.byId({ id: duplicate.id })).client.disabledAt).not.toBeNull();
    const audit = await runWithClinic(alpha.clinic, () =>
      alpha.db.auditLog.findMany({
        where: { action: 'client.merge' },
        select: { entityId: true, actorId: true },
      }),
    );
    expect(audit).toEqual([
      { entityId: keep.id, actorId: alpha.staff.id },
      { entityId: duplicate.id, actorId: alpha.staff.id },
    ]);
    expect(await codeOf(staff().client.merge({ keepId: keep.id, duplicateId: keep.id }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('therapists and clients do not manage clients', async () => {
    for (const user of [alpha.therapistUser, alpha.client]) {
      const caller = kit.as(alpha, user);
      expect(await codeOf(caller.client.create({ name: 'X', email: 'x@example.com' }))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(caller.client.update({ id: alpha.client.id, name: 'X' }))).toBe(
        'FORBIDDEN',
      );
    }
  });
});
