import type { Role } from '@eventora/db';
import type { TenantClient } from '@eventora/tenancy';

import { AuthError } from '../errors';

/**
 * Changes a user's role and ends all of that user's sessions in the same transaction, so no
 * session carries a role it was not signed in with: the user signs in again and gets a new
 * one. Setting the role a user already has changes nothing.
 */
export async function changeUserRole(
  db: TenantClient,
  input: { userId: string; role: Role },
): Promise<{ changed: boolean; sessionsEnded: number }> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: input.userId }, select: { role: true } });
    if (!user) throw new AuthError('USER_NOT_FOUND', 'No such user.');
    if (user.role === input.role) return { changed: false, sessionsEnded: 0 };
    await tx.user.updateMany({ where: { id: input.userId }, data: { role: input.role } });
    const { count } = await tx.session.deleteMany({ where: { userId: input.userId } });
    return { changed: true, sessionsEnded: count };
  });
}
