import type { Prisma, TenantClient } from '@eventora/tenancy';

import { AppError } from '../../errors/app-error';

/** A package that can pay for a session starting at `at`. */
function usablePackages(clientId: string, at: Date): Prisma.UserPackageWhereInput {
  return { userId: clientId, status: 'active', expiresAt: { gt: at }, creditsLeft: { gt: 0 } };
}

/**
 * Takes one credit from the client's usable package that expires soonest, and returns that
 * package's id. Each attempt is one conditional UPDATE (credits_left > 0 re-checked under the
 * row lock), so two bookings racing for the last credit cannot both get it: the second finds
 * the condition false and moves on to the next package, or is refused.
 */
export async function consumeCredit(
  tx: Pick<TenantClient, 'userPackage'>,
  clientId: string,
  at: Date,
): Promise<string> {
  const candidates = await tx.userPackage.findMany({
    where: usablePackages(clientId, at),
    orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
    select: { id: true },
    take: 20,
  });
  for (const { id } of candidates) {
    const { count } = await tx.userPackage.updateMany({
      where: { id, ...usablePackages(clientId, at) },
      data: { creditsLeft: { decrement: 1 } },
    });
    if (count === 1) return id;
  }
  throw new AppError(
    'UNPROCESSABLE',
    'No credits left: no active package with sessions left is valid at that time.',
  );
}
