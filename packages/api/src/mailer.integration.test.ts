import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { defaultMailer } from './mailer';
import { createApiTestKit, type ApiTestKit, type TestClinic } from './testing/api-test-kit';

/** The apps' mailer: links go to the clinic's outbox, in their token's transaction. */
describe('the apps’ mailer writes reset and set-password links to the outbox', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;

  const outboxOf = (slug: string, email: string) =>
    kit.services.tenants.withClinic(slug, (db) =>
      db.outboxMessage.findMany({
        where: { toEmail: email.toLowerCase() },
        select: { kind: true, data: true, secrets: true },
      }),
    );
  const tokenOf = (secrets: unknown) =>
    new URL((secrets as { link: string }).link).searchParams.get('token')!;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    kit.services.mailer = defaultMailer({
      production: true,
      revealTokens: false,
      rootDomain: 'localhost',
      port: 3000,
    });
    await kit.addOperator('ops@eventora.test');
  }, 60_000);
  afterAll(() => kit?.close());

  it('a reset request writes one password.reset message whose link resets the password; an unknown email writes none', async () => {
    await kit.caller('alpha').auth.requestPasswordReset({ email: alpha.client.email });
    await kit.caller('alpha').auth.requestPasswordReset({ email: 'ghost@alpha.test' });
    // The token and its message are written after the answer.
    const [message, ...more] = await vi.waitFor(async () => {
      const messages = await outboxOf('alpha', alpha.client.email);
      expect(messages).not.toEqual([]);
      return messages;
    });
    expect(more).toEqual([]);
    expect(message).toMatchObject({ kind: 'password.reset' });
    expect((message!.secrets as { link: string }).link).toMatch(
      /^http:\/\/alpha\.localhost:3000\/reset-password\?token=/,
    );
    expect(await outboxOf('alpha', 'ghost@alpha.test')).toEqual([]);
    await expect(
      kit.caller('alpha').auth.resetPassword({
        token: tokenOf(message!.secrets),
        newPassword: 'a brand new passphrase',
      }),
    ).resolves.toEqual({ reset: true });
  });

  it("a new clinic's owner invitation lands in that clinic's own outbox, and its link sets the first password", async () => {
    const token = await kit.operatorToken('ops@eventora.test');
    await kit.console({ token }).admin.clinic.create({
      slug: 'omega',
      name: 'Omega Rehab',
      mode: 'schema',
      ownerEmail: 'founder@omega.test',
      ownerName: 'Olu Omega',
    });
    const [invitation, ...more] = await outboxOf('omega', 'founder@omega.test');
    expect(more).toEqual([]);
    expect(invitation).toMatchObject({ kind: 'invitation.owner' });
    expect(await outboxOf('alpha', 'founder@omega.test')).toEqual([]);
    await expect(
      kit.caller('omega').auth.resetPassword({
        token: tokenOf(invitation!.secrets),
        newPassword: 'quiet harbour morning tide',
      }),
    ).resolves.toEqual({ reset: true });
  });

  it('refuses to send outside a transaction rather than drop the message', async () => {
    await expect(
      kit.services.mailer.sendPasswordReset({
        to: 'x@alpha.test',
        name: 'X',
        token: 'a'.repeat(32),
        expiresAt: new Date(),
        clinicSlug: 'alpha',
      }),
    ).rejects.toThrow(/transaction/);
  });
});
