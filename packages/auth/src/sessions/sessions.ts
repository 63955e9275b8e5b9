import type { Session } from '@eventora/db';
import { requireClinic, type TenantClient, type TenantTransaction } from '@eventora/tenancy';

import { addMs, DAY_MS, systemClock, type ClockOptions } from '../clock';
import { generateSecretToken, hashSecretToken, isSecretTokenShape } from '../tokens/secret-token';
import { SESSION_USER_SELECT, toSessionUser, type SessionUser } from './session-user';

/** A session lives 30 days from its last renewal. */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used when fewer than 15 days remain is extended to a full 30 days again. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

// Column limits of sessions.ip and sessions.user_agent.
const IP_MAX = 45;
const USER_AGENT_MAX = 500;

export interface CreateSessionInput {
  userId: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface ValidSession {
  session: Session;
  user: SessionUser;
}

/**
 * Starts a session for a user of the bound clinic. Returns the token (for the cookie or the
 * bearer header; shown once, never stored) and the session row, whose id is the token's
 * SHA-256. Call it on every sign-in: a session is never reused across sign-ins.
 */
export async function createSession(
  db: TenantClient | TenantTransaction,
  input: CreateSessionInput,
  { clock = systemClock }: ClockOptions = {},
): Promise<{ token: string; session: Session }> {
  const now = clock();
  const token = generateSecretToken();
  const session = await db.session.create({
    data: {
      clinicId: requireClinic().id,
      id: hashSecretToken(token),
      userId: input.userId,
      createdAt: now,
      expiresAt: addMs(now, SESSION_LIFETIME_MS),
      ip: input.ip?.slice(0, IP_MAX) ?? null,
      userAgent: input.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    },
  });
  return { token, session };
}

/**
 * Checks a session token at the bound clinic. Null when the token is malformed or unknown
 * here (a session of another clinic is unknown here: the lookup runs under this clinic's
 * binding), expired (the row is deleted), or its user is disabled. A session with fewer than
 * 15 days left is extended to 30: re-send the cookie when `session.expiresAt` moved.
 */
export async function validateSessionToken(
  db: TenantClient,
  token: string,
  { clock = systemClock }: ClockOptions = {},
): Promise<ValidSession | null> {
  if (!isSecretTokenShape(token)) return null;
  const now = clock();
  const id = hashSecretToken(token);
  const found = await db.session.findFirst({
    where: { id },
    include: { user: { select: { ...SESSION_USER_SELECT, disabledAt: true } } },
  });
  if (!found) return null;
  const { user, ...session } = found;
  if (session.expiresAt.getTime() <= now.getTime() || user.disabledAt !== null) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (session.expiresAt.getTime() - now.getTime() < SESSION_RENEW_WITHIN_MS) {
    const expiresAt = addMs(now, SESSION_LIFETIME_MS);
    // Conditional on the row still existing: a sign-out racing this request wins.
    const renewed = await db.session.updateMany({ where: { id }, data: { expiresAt } });
    if (renewed.count === 0) return null;
    session.expiresAt = expiresAt;
  }
  return { session, user: toSessionUser(user) };
}

/** Ends one session (sign-out). Ending a session that is already gone is not an error. */
export async function invalidateSession(
  db: TenantClient | TenantTransaction,
  sessionId: string,
): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user of the bound clinic ("sign out everywhere"); returns how many. */
export async function invalidateUserSessions(
  db: TenantClient | TenantTransaction,
  userId: string,
): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId } });
  return count;
}
