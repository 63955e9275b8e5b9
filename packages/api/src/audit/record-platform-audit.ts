import type { PlatformClient } from '@eventora/auth';
import { writePlatformAudit, type Prisma } from '@eventora/tenancy';

import type { RequestMeta } from '../context';

/** Appends an operator action to the platform audit log (every console mutation writes one). */
export async function recordPlatformAudit(
  platform: PlatformClient,
  actor: { operator: { id: string }; request: Pick<RequestMeta, 'ip'> },
  entry: { action: string; clinicId?: string; reason?: string; metadata?: Prisma.InputJsonObject },
): Promise<void> {
  await writePlatformAudit(platform, {
    ...entry,
    operatorId: actor.operator.id,
    ip: actor.request.ip,
  });
}
