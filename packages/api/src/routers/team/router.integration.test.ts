import { runWithClinic } from '@eventora/tenancy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { code?: string }) => error.code,
  );

const PASSWORD = 'a long unusual passphrase';

describe('the team', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
  });
  afterEach(() => kit.setNow(new Date()));
  afterAll(() => kit?.close());

  const owner = () => kit.as(alpha, alpha.owner);

  /** The invitation link the outbox holds for `email` (what the mail would carry). */
  async function linkFor(clinic: TestClinic, email: string, kind = 'invitation.staff') {
    const [message] = await runWithClinic(clinic.clinic, () =>
      clinic.db.outboxMessage.findMany({
        where: { toEmail: email, kind },
        orderBy: { createdAt: 'desc' },
        take: 1,
        select: { secrets: true, data: true },
      }),
    );
    return new URL((message?.secrets as { link: string }).link);
  }
  const tokenOf = (link: URL) => link.searchParams.get('token')!;

  it('an owner invites a therapist by email; the link sets a password; they sign in to their own schedule', async () => {
    const { member } = await owner().team.invite({
      email: 'New.Therapist@Example.com',
      name: 'Nadia Therapist',
      role: 'THERAPIST',
    });
    expect(member).toMatchObject({
      email: 'new.therapist@example.com',
      role: 'THERAPIST',
      status: 'invited',
      lastSignInAt: null,
    });
    expect(member.therapistId).not.toBeNull();
    const link = await linkFor(alpha, 'new.therapist@example.com');
    expect(link.origin).toBe('http://alpha.localhost:3000');
    expect(link.pathname).toBe('/accept-invitation');

    const anonymous = kit.caller('alpha').account;
    expect(await anonymous.acceptInvitation({ token: tokenOf(link), password: PASSWORD })).toEqual({
      email: 'new.therapist@example.com',
    });
    const signedIn = await kit
      .caller('alpha')
      .auth.signIn({ email: 'new.therapist@example.com', password: PASSWORD, bearer: true });
    expect(signedIn.user.role).toBe('THERAPIST');
    const theirs = await kit
      .caller('alpha', { token: signedIn.token })
      .reservation.list({ from: new Date('2020-01-01T00:00:00Z') });
    expect(theirs.items).toEqual([]);

    const listed = (await owner().team.list()).find((row) => row.id === member.id);
    expect(listed).toMatchObject({ status: 'active', invitationExpiresAt: null });
    expect(listed?.lastSignInAt).toBeInstanceOf(Date);
    const actions = await runWithClinic(alpha.clinic, () =>
      alpha.db.auditLog.findMany({
        where: { entityId: member.id },
        orderBy: { seq: 'asc' },
        select: { action: true, actorId: true },
      }),
    );
    expect(actions).toEqual([
      { action: 'team.invite', actorId: alpha.owner.id },
      { action: 'team.invitation_accept', actorId: member.id },
      { action: 'auth.sign_in', actorId: member.id },
    ]);
  });

  it('an invitation link works once, expires after 7 days, and a resend voids the old one', async () => {
    const { member } = await owner().team.invite({
      email: 'desk@example.com',
      name: 'Dee Desk',
      role: 'STAFF',
    });
    const first = tokenOf(await linkFor(alpha, 'desk@example.com'));
    await owner().team.resendInvitation({ userId: member.id });
    const second = tokenOf(await linkFor(alpha, 'desk@example.com'));
    const accept = (token: string) =>
      codeOf(kit.caller('alpha').account.acceptInvitation({ token, password: PASSWORD }));
    expect(await accept(first)).toBe('BAD_REQUEST');

    kit.setNow(new Date(Date.now() + 8 * 86_400_000));
    expect(await accept(second)).toBe('BAD_REQUEST');
    kit.setNow(new Date());
    // A weak password leaves the link usable.
    expect(
      await codeOf(
        kit.caller('alpha').account.acceptInvitation({ token: second, password: 'short' }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await accept(second)).toBe('OK');
    expect(await accept(second)).toBe('BAD_REQUEST');
    // Another clinic's address does not know alpha's link.
    expect(
      await codeOf(
        kit.caller('beta').account.acceptInvitation({ token: second, password: PASSWORD }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('the same email at two clinics stays two users', async () => {
    const { member } = await owner().team.invite({
      email: beta.staff.email,
      name: 'Shared Email',
      role: 'STAFF',
    });
    expect(member.id).not.toBe(beta.staff.id);
    // Beta's account and sessions are untouched.
    expect((await kit.as(beta, beta.staff).auth.me()).user.id).toBe(beta.staff.id);
    expect(
      await codeOf(owner().team.invite({ email: beta.staff.email, name: 'Twice', role: 'STAFF' })),
    ).toBe('CONFLICT');
  });

  it('a disabled member is signed out at once and cannot sign in; enabled again, they can', async () => {
    const { member } = await owner().team.invite({
      email: 'leaver@example.com',
      name: 'Lee Leaver',
      role: 'STAFF',
    });
    await kit.caller('alpha').account.acceptInvitation({
      token: tokenOf(await linkFor(alpha, 'leaver@example.com')),
      password: PASSWORD,
    });
    const { token } = await kit
      .caller('alpha')
      .auth.signIn({ email: 'leaver@example.com', password: PASSWORD, bearer: true });
    const leaver = kit.caller('alpha', { token });
    expect((await leaver.auth.me()).user.id).toBe(member.id);

    const disabled = await owner().team.setDisabled({ userId: member.id, disabled: true });
    expect(disabled.status).toBe('disabled');
    expect(await codeOf(leaver.auth.me())).toBe('UNAUTHORIZED');
    const signIn = () =>
      codeOf(kit.caller('alpha').auth.signIn({ email: 'leaver@example.com', password: PASSWORD }));
    expect(await signIn()).toBe('UNAUTHORIZED');

    await owner().team.setDisabled({ userId: member.id, disabled: false });
    expect(await signIn()).toBe('OK');
    const actions = await runWithClinic(alpha.clinic, () =>
      alpha.db.auditLog.findMany({
        where: { entityId: member.id, action: { startsWith: 'team.' } },
        orderBy: { seq: 'asc' },
        select: { action: true, metadata: true },
      }),
    );
    expect(actions.map((entry) => entry.action)).toEqual([
      'team.invite',
      'team.invitation_accept',
      'team.disable',
      'team.enable',
    ]);
    expect(actions[2]?.metadata).toMatchObject({ sessionsEnded: 1 });
  });

  it('a role change ends the member’s sessions; they come back with the new role', async () => {
    const before = await kit.caller('alpha').auth.signIn({
      email: alpha.staff.email,
      password: 'correct horse battery staple',
      bearer: true,
    });
    const changed = await owner().team.changeRole({ userId: alpha.staff.id, role: 'THERAPIST' });
    expect(changed).toMatchObject({ role: 'THERAPIST' });
    expect(changed.therapistId).not.toBeNull();
    expect(await codeOf(kit.caller('alpha', { token: before.token }).auth.me())).toBe(
      'UNAUTHORIZED',
    );
    await owner().team.changeRole({ userId: alpha.staff.id, role: 'STAFF' });
    alpha.staff.token = (
      await kit.caller('alpha').auth.signIn({
        email: alpha.staff.email,
        password: 'correct horse battery staple',
        bearer: true,
      })
    ).token!;
  });

  it('the last active owner can be neither demoted nor disabled', async () => {
    expect(await codeOf(owner().team.changeRole({ userId: alpha.owner.id, role: 'STAFF' }))).toBe(
      'CONFLICT',
    );
    expect(await codeOf(owner().team.setDisabled({ userId: alpha.owner.id, disabled: true }))).toBe(
      'CONFLICT',
    );
    expect((await owner().team.list()).find((row) => row.id === alpha.owner.id)?.role).toBe(
      'OWNER',
    );
  });

  it('two owners demoting each other at the same moment: exactly one wins, an owner remains', async () => {
    const second = await kit.addClinic('gamma');
    await runWithClinic(second.clinic, () =>
      second.db.user.updateMany({ where: { id: second.staff.id }, data: { role: 'OWNER' } }),
    );
    const coOwner = {
      ...second.staff,
      token: (
        await kit.caller('gamma').auth.signIn({
          email: second.staff.email,
          password: 'correct horse battery staple',
          bearer: true,
        })
      ).token!,
    };
    const results = await Promise.all([
      codeOf(kit.as(second, second.owner).team.changeRole({ userId: coOwner.id, role: 'STAFF' })),
      codeOf(kit.as(second, coOwner).team.changeRole({ userId: second.owner.id, role: 'STAFF' })),
    ]);
    expect(results.filter((code) => code === 'OK')).toHaveLength(1);
    const owners = await runWithClinic(second.clinic, () =>
      second.db.user.count({ where: { role: 'OWNER', disabledAt: null } }),
    );
    expect(owners).toBe(1);
  });

  it('only owners manage the team; staff may look; therapists and clients may not', async () => {
    const input = { email: 'x@example.com', name: 'X', role: 'STAFF' as const };
    expect(await codeOf(kit.as(alpha, alpha.staff).team.invite(input))).toBe('FORBIDDEN');
    expect(
      await codeOf(
        kit.as(alpha, alpha.staff).team.setDisabled({ userId: alpha.owner.id, disabled: true }),
      ),
    ).toBe('FORBIDDEN');
    expect((await kit.as(alpha, alpha.staff).team.list()).length).toBeGreaterThan(2);
    expect(await codeOf(kit.as(alpha, alpha.therapistUser).team.list())).toBe('FORBIDDEN');
    expect(await codeOf(kit.as(alpha, alpha.client).team.list())).toBe('FORBIDDEN');
    // A client is not a team member: the team procedures do not know them.
    expect(await codeOf(owner().team.changeRole({ userId: alpha.client.id, role: 'OWNER' }))).toBe(
      'NOT_FOUND',
    );
  });
});
