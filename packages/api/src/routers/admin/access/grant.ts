import { asPlatform, type ClinicRecord, type Prisma, type TenantClient } from '@eventora/tenancy';

import { platformWriterOf } from '../../../audit/record-operator-action';
import type { RequestMeta } from '../../../context';
import { AppError, notFound } from '../../../errors/app-error';
import type { ApiServices } from '../../../services';

export const grantSelect = {
  id: true,
  operatorId: true,
  targetClinicId: true,
  reason: true,
  expiresAt: true,
  closedAt: true,
  createdAt: true,
} satisfies Prisma.PlatformAccessGrantSelect;

export type GrantRow = Prisma.PlatformAccessGrantGetPayload<{ select: typeof grantSelect }>;

export type GrantState = 'active' | 'expired' | 'closed';

export function grantState(grant: Pick<GrantRow, 'expiresAt' | 'closedAt'>, now: Date): GrantState {
  if (grant.closedAt) return 'closed';
  return grant.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

/** The operator's own grant, or NOT_FOUND: a grant is personal, like a key handed to one person. */
export async function ownGrant(
  services: ApiServices,
  operatorId: string,
  grantId: string,
): Promise<GrantRow> {
  const grant = await services.platform.platformAccessGrant.findFirst({
    where: { id: grantId, operatorId },
    select: grantSelect,
  });
  if (!grant) throw notFound('Access grant');
  return grant;
}

interface GrantActor {
  services: ApiServices;
  operator: { id: string };
  request: Pick<RequestMeta, 'ip'>;
}

/**
 * Runs `work` on the grant's clinic through `asPlatform`, read-only, with the grant's reason and
 * expiry: every operation is written to the clinic's own audit log before it runs, writes and
 * raw SQL are refused, and nothing runs once the grant has ended. A closed or expired grant
 * answers FORBIDDEN before the clinic is touched.
 */
export async function readUnderGrant<T>(
  { services, operator, request }: GrantActor,
  grantId: string,
  work: (db: TenantClient, clinic: ClinicRecord) => Promise<T>,
): Promise<T> {
  const grant = await ownGrant(services, operator.id, grantId);
  const state = grantState(grant, services.now());
  if (state !== 'active') {
    throw new AppError(
      'FORBIDDEN',
      state === 'closed'
        ? 'This access was closed. Open a new one, with its reason, to look again.'
        : 'This access has expired. Open a new one, with its reason, to look again.',
    );
  }
  return asPlatform(
    services.tenants,
    {
      operatorId: operator.id,
      reason: grant.reason,
      clinic: grant.targetClinicId,
      expiresAt: grant.expiresAt,
      readOnly: true,
      ip: request.ip?.slice(0, 45) ?? undefined,
      writer: platformWriterOf(services),
    },
    work,
  );
}
