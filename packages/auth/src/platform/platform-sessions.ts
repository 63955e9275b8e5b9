import type { PlatformSession } from '@eventora/db';

import { addMs, HOUR_MS, systemClock, type ClockOptions } from '../clock';
import { generateSecretToken, hashSecretToken, isSecretTokenShape } from '../tokens/secret-token';
import type { PlatformClient } from './platform-client';

/** Operators hold the keys to every clinic: their sessions idle out after 8 hours... */
export const PLATFORM_SESSION_LIFETIME_MS = 8 * HOUR_MS;
/** ...are extended when used with fewer than 4 hours left... */
export const PLATFORM_SESSION_RENEW_WITHIN_MS = 4 * HOUR_MS;
/** ...and never outlive 24 hours from sign-in. */
export const PLATFORM_SESSION_MAX_AGE_MS = 24 * HOUR_MS;

/** The operator a platform session belongs to. */
export interface PlatformSessionOperator {
  id: string;
  email: string;
  name: string;
}

export interface ValidPlatformSession {
  session: PlatformSession;
  operator: PlatformSessionOperator;
}

/** Starts an operator session; returns the token (shown once) and the row (id = its SHA-256). */
export async function createPlatformSession(
  platform: PlatformClient,
  input: { operatorId: string },
  { clock = systemClock }: ClockOptions = {},
): Promise<{ token: string; session: PlatformSession }> {
  const now = clock();
  const token = generateSecretToken();
  const session = await platform.platformSession.create({
    data: {
      id: hashSecretToken(token),
      operatorId: input.operatorId,
      createdAt: now,
      expiresAt: addMs(now, PLATFORM_SESSION_LIFETIME_MS),
    },
  });
  return { token, session };
}

/**
 * Checks an operator's session token. Null when malformed, unknown (a clinic session token is
 * unknown here: another table), expired (deleted) or the operator is disabled (deleted).
 * Extends a session with fewer than 4 hours left, up to 24 hours after sign-in.
 */
export async function validatePlatformSessionToken(
  platform: PlatformClient,
  token: string,
  { clock = systemClock }: ClockOptions = {},
): Promise<ValidPlatformSession | null> {
  if (!isSecretTokenShape(token)) return null;
  const now = clock();
  const id = hashSecretToken(token);
  const found = await platform.platformSession.findUnique({
    where: { id },
    include: { operator: { select: { id: true, email: true, name: true, disabledAt: true } } },
  });
  if (!found) return null;
  const { operator, ...session } = found;
  if (session.expiresAt.getTime() <= now.getTime() || operator.disabledAt !== null) {
    await platform.platformSession.deleteMany({ where: { id } });
    return null;
  }
  if (session.expiresAt.getTime() - now.getTime() < PLATFORM_SESSION_RENEW_WITHIN_MS) {
    const cap = session.createdAt.getTime() + PLATFORM_SESSION_MAX_AGE_MS;
    const expiresAt = new Date(Math.min(now.getTime() + PLATFORM_SESSION_LIFETIME_MS, cap));
    if (expiresAt.getTime() > session.expiresAt.getTime()) {
      const renewed = await platform.platformSession.updateMany({
        where: { id },
        data: { expiresAt },
      });
      if (renewed.count === 0) return null;
      session.expiresAt = expiresAt;
    }
  }
  return { session, operator: { id: operator.id, email: operator.email, name: operator.name } };
}

/** Ends one operator session (sign-out). */
export async function invalidatePlatformSession(
  platform: PlatformClient,
  sessionId: string,
): Promise<void> {
  await platform.platformSession.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of an operator; returns how many. */
export async function invalidateOperatorSessions(
  platform: PlatformClient,
  operatorId: string,
): Promise<number> {
  const { count } = await platform.platformSession.deleteMany({ where: { operatorId } });
  return count;
}
