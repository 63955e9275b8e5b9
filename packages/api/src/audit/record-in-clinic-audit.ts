import { writeClinicAudit, type Prisma } from '@eventora/tenancy';

import type { ApiServices } from '../services';

/** Writes an operator action into the clinic's own audit log, so its owners see it. */
export async function recordInClinicAudit(
  services: ApiServices,
  clinicId: string,
  entry: {
    operatorId: string;
    action: string;
    reason?: string;
    ip: string | null;
    metadata?: Prisma.InputJsonObject;
  },
): Promise<void> {
  await services.tenants.withClinic(clinicId, (db, clinic) =>
    writeClinicAudit(db, {
      clinicId: clinic.id,
      actor: { type: 'platform', id: entry.operatorId },
      action: entry.action,
      entityType: 'Clinic',
      entityId: clinic.id,
      reason: entry.reason,
      ip: entry.ip,
      metadata: entry.metadata,
    }),
  );
}
