import type { PlatformSession } from '@eventora/db';

import { systemClock } from '../clock';
import { normalizeEmail } from '../email';
import { invalidCredentials } from '../errors';
import {
  beforeAttempt,
  recordFailure,
  throttleKeys,
  verifyAgainst,
  type SignInOptions,
} from '../sign-in/sign-in';
import { DEFAULT_SIGN_IN_THROTTLE, platformAttemptStore } from '../sign-in/throttle';
import type { PlatformClient } from './platform-client';
import { createPlatformSession, type PlatformSessionOperator } from './platform-sessions';

export interface PlatformSignedIn {
  token: string;
  session: PlatformSession;
  operator: PlatformSessionOperator;
}

/**
 * Signs a platform operator in to the admin console and starts a platform session. The same
 * rules as clinic sign-in: one answer (INVALID_CREDENTIALS) and the same Argon2id work for an
 * unknown email, a wrong password or a disabled operator; failures counted per email and
 * address, per address and per email in `platform_sign_in_attempts` (see `signIn`).
 */
export async function platformSignIn(
  platform: PlatformClient,
  input: { email: string; password: string; ip: string | null },
  {
    clock = systemClock,
    throttle = DEFAULT_SIGN_IN_THROTTLE,
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }: SignInOptions = {},
): Promise<PlatformSignedIn> {
  const now = clock();
  const email = normalizeEmail(input.email);
  const keys = throttleKeys(email, input.ip);
  const attempts = platformAttemptStore(platform);
  await beforeAttempt(attempts, keys, { throttle, now, sleep });

  const operator = await platform.platformOperator.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  const verified = await verifyAgainst(operator?.passwordHash ?? null, input.password);
  if (!operator || !verified || operator.disabledAt !== null) {
    await recordFailure(attempts, keys, throttle, now);
    throw invalidCredentials();
  }

  await attempts.reset(keys.accountKey, keys.pairKey);
  const { token, session } = await createPlatformSession(
    platform,
    { operatorId: operator.id },
    { clock },
  );
  return {
    token,
    session,
    operator: { id: operator.id, email: operator.email, name: operator.name },
  };
}
