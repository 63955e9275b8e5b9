import { addDays, addHours } from 'date-fns';
import { AuthError, generateSecretToken, hashSecretToken } from '@eventora/auth';
import type { TenantClient } from '@eventora/tenancy';

type TokenStore = Pick<TenantClient, 'accountToken'>;

/** An invitation link is good for a week; an email confirmation for a day. */
export const INVITATION_LIFETIME_DAYS = 7;
export const EMAIL_CHANGE_LIFETIME_HOURS = 24;

/** The one shape of our secret tokens: 32 base32 characters (see @eventora/auth). */
export const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

export type AccountTokenKind = 'invitation' | 'email_change';

/**
 * Issues a one-time link token for a user of the bound clinic, in the caller's transaction.
 * Earlier unused tokens of the same kind for that user stop working: only the newest link does.
 * Returns the token (put it in the link; it is never stored) and its expiry.
 */
export async function issueAccountToken(
  tx: TokenStore,
  input: {
    clinicId: string;
    userId: string;
    kind: AccountTokenKind;
    newEmail?: string;
    createdBy: string;
    now: Date;
  },
): Promise<{ token: string; expiresAt: Date }> {
  await tx.accountToken.deleteMany({
    where: { userId: input.userId, kind: input.kind, usedAt: null },
  });
  const token = generateSecretToken();
  const expiresAt =
    input.kind === 'invitation'
      ? addDays(input.now, INVITATION_LIFETIME_DAYS)
      : addHours(input.now, EMAIL_CHANGE_LIFETIME_HOURS);
  await tx.accountToken.create({
    data: {
      clinicId: input.clinicId,
      userId: input.userId,
      kind: input.kind,
      tokenHash: hashSecretToken(token),
      newEmail: input.newEmail ?? null,
      expiresAt,
      createdBy: input.createdBy,
      createdAt: input.now,
    },
    select: { id: true },
  });
  return { token, expiresAt };
}

const invalidLink = () =>
  new AuthError(
    'INVALID_TOKEN',
    'This link is invalid, used or expired. Ask the clinic for a new one.',
  );

export interface LiveAccountToken {
  id: string;
  userId: string;
  newEmail: string | null;
  user: { email: string; name: string };
}

const liveToken = (token: string, kind: AccountTokenKind, now: Date) => ({
  tokenHash: hashSecretToken(token),
  kind,
  usedAt: null,
  expiresAt: { gt: now },
});

/**
 * Looks a link's token up at the bound clinic. Unknown, used, expired and other clinics'
 * tokens (and those of a disabled user) all answer INVALID_TOKEN alike.
 */
export async function findAccountToken(
  db: Pick<TenantClient, 'accountToken'>,
  input: { token: string; kind: AccountTokenKind; now: Date },
): Promise<LiveAccountToken> {
  if (!TOKEN_SHAPE.test(input.token)) throw invalidLink();
  const found = await db.accountToken.findFirst({
    where: liveToken(input.token, input.kind, input.now),
    select: {
      id: true,
      userId: true,
      newEmail: true,
      user: { select: { email: true, name: true, disabledAt: true } },
    },
  });
  if (!found || found.user.disabledAt !== null) throw invalidLink();
  return {
    id: found.id,
    userId: found.userId,
    newEmail: found.newEmail,
    user: { email: found.user.email, name: found.user.name },
  };
}

/**
 * Uses a token up in the caller's transaction: one conditional UPDATE, so of two concurrent
 * uses exactly one wins and the other gets INVALID_TOKEN.
 */
export async function claimAccountToken(
  tx: Pick<TenantClient, 'accountToken'>,
  token: string,
  found: LiveAccountToken,
  kind: AccountTokenKind,
  now: Date,
): Promise<void> {
  const claimed = await tx.accountToken.updateMany({
    where: { id: found.id, ...liveToken(token, kind, now) },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) throw invalidLink();
}
