import type { PlatformClient } from '@eventora/auth';
import type { Prisma } from '@eventora/tenancy';

import type { RequestMeta } from '../../context';

/** Appends an operator action to the platform audit log (every console mutation writes one). */
export async function recordPlatformAudit(
  platform: PlatformClient,
  actor: { operator: { id: string }; request: Pick<RequestMeta, 'ip'> },
  entry: { action: string; clinicId?: string; reason?: string; metadata?: Prisma.InputJsonObject },
): Promise<void> {
  await platform.platformAuditLog.create({
    data: {
      operatorId: actor.operator.id,
      action: entry.action,
      targetClinicId: entry.clinicId ?? null,
      reason: entry.reason ?? null,
      ip: actor.request.ip?.slice(0, 45) ?? null,
      metadata: entry.metadata ?? {},
    },
    select: { id: true },
  });
}
