import type { TenantClient } from '@eventora/tenancy';

import { systemClock, type ClockOptions } from '../clock';
import { AuthError } from '../errors';
import { hashPassword } from '../password';
import { checkPasswordPolicy } from '../password-policy';
import type { InTransaction } from '../sign-in/sign-in';
import { accountThrottleKey } from '../sign-in/throttle';
import { hashSecretToken, isSecretTokenShape } from '../tokens/secret-token';

function invalidToken(): AuthError {
  return new AuthError(
    'INVALID_TOKEN',
    'This reset link is invalid or has expired. Ask for a new one.',
  );
}

/**
 * Sets a new password with a reset token of the bound clinic. Unknown, used, expired, revoked
 * and other clinics' tokens all answer INVALID_TOKEN; a weak password answers WEAK_PASSWORD and
 * leaves the token usable. In one transaction: the token is claimed (only one of two
 * concurrent uses wins), the password hash replaced, every session of the user ended, the
 * user's other unused tokens deleted, the account's sign-in locks lifted and
 * `inTransaction` run (the audit entry): all of it commits, or none.
 */
export async function resetPassword(
  db: TenantClient,
  input: { token: string; newPassword: string },
  {
    clock = systemClock,
    inTransaction,
  }: ClockOptions & { inTransaction?: InTransaction<{ userId: string }> } = {},
): Promise<{ userId: string }> {
  if (!isSecretTokenShape(input.token)) throw invalidToken();
  const now = clock();
  const tokenHash = hashSecretToken(input.token);
  const live = { tokenHash, usedAt: null, expiresAt: { gt: now } };
  const found = await db.passwordResetToken.findFirst({
    where: live,
    select: {
      id: true,
      userId: true,
      user: { select: { email: true, name: true, disabledAt: true } },
    },
  });
  if (!found || found.user.disabledAt !== null) throw invalidToken();

  const policy = checkPasswordPolicy(input.newPassword, found.user);
  if (!policy.ok) {
    throw new AuthError('WEAK_PASSWORD', 'Choose a stronger password.', { issues: policy.issues });
  }
  const passwordHash = await hashPassword(input.newPassword);

  await db.$transaction(async (tx) => {
    // The claim re-checks the token under its row lock: a concurrent reset that claimed it
    // first leaves nothing to claim here.
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id: found.id, ...live },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw invalidToken();
    await tx.user.updateMany({ where: { id: found.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: found.userId } });
    await tx.passwordResetToken.deleteMany({ where: { userId: found.userId, usedAt: null } });
    const accountKey = accountThrottleKey(found.user.email);
    await tx.signInAttempt.deleteMany({
      where: { OR: [{ key: accountKey }, { key: { startsWith: `${accountKey}|` } }] },
    });
    await inTransaction?.(tx, { userId: found.userId });
  });
  return { userId: found.userId };
}
