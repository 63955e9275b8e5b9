import type { Prisma } from '@eventora/tenancy';

import type { TenantWriter } from './tenant-types';

export interface BillingAuditEntry {
  clinicId: string;
  /** The signed-in user who acted; none for Stripe's webhooks (a system entry). */
  userId?: string | null;
  ip?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  reason?: string;
  metadata?: Prisma.InputJsonObject;
}

/**
 * Appends to the clinic's audit log (the database chains the entry). Pass the transaction
 * client so the entry commits with the change it describes. Never put secrets, signatures or
 * payloads in `metadata`.
 */
export async function appendAudit(db: TenantWriter, entry: BillingAuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      clinicId: entry.clinicId,
      actorType: entry.userId ? 'user' : 'system',
      actorId: entry.userId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      reason: entry.reason?.slice(0, 500) ?? null,
      ip: entry.ip?.slice(0, 45) ?? null,
      metadata: entry.metadata ?? {},
    },
    select: { id: true },
  });
}
