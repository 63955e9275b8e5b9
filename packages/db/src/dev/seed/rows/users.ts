import type { Prisma } from '../../../generated/prisma/client';
import { addDays } from '../local-time';
import type { RowContext } from './context';

export type UserRow = Prisma.UserCreateManyInput & { id: string };

/** The clinic's accounts: staff from set-up, clients from 90 days before the anchor. */
export function buildUsers(
  ctx: RowContext,
  passwordHashes: ReadonlyMap<string, string>,
): UserRow[] {
  const { spec, id, fail, clinicId, setUpAt } = ctx;
  const clientsJoinedAt = addDays(ctx.anchor, -90);
  return spec.users.map((user) => {
    if (user.email !== user.email.toLowerCase()) fail(`email ${user.email} is not lower-case`);
    const passwordHash =
      passwordHashes.get(user.email) ?? fail(`no password hash for ${user.email}`);
    const joinedAt = user.role === 'CLIENT' ? clientsJoinedAt : setUpAt;
    return {
      clinicId,
      id: id('user', user.key),
      email: user.email,
      name: user.name,
      phone: user.phone ?? null,
      role: user.role,
      passwordHash,
      createdAt: joinedAt,
      updatedAt: joinedAt,
    };
  });
}
