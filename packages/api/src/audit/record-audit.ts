import type { Prisma, TenantClient } from '@eventora/tenancy';

import type { RequestMeta } from '../context';

/** A tenant client or the transaction client of one: audit entries commit with the change. */
type AuditWriter = Pick<TenantClient, 'auditLog'>;

export interface AuditEntry {
  /** What happened, `<domain>.<verb>`: `reservation.create`, `auth.sign_in`, `client.view`. */
  action: string;
  entityType?: string;
  entityId?: string;
  reason?: string;
  metadata?: Prisma.InputJsonObject;
}

interface AuditActor {
  clinic: { id: string };
  user?: { id: string } | null;
  request: Pick<RequestMeta, 'ip'>;
}

/**
 * Appends an entry to the clinic's audit log (the database chains it: seq, prev_hash, hash).
 * Pass the transaction client to make the entry part of the change it describes.
 */
export async function recordAudit(
  db: AuditWriter,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await db.auditLog.create({
    data: {
      clinicId: actor.clinic.id,
      actorType: actor.user ? 'user' : 'system',
      actorId: actor.user?.id ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      reason: entry.reason ?? null,
      ip: actor.request.ip?.slice(0, 45) ?? null,
      metadata: entry.metadata ?? {},
    },
    select: { id: true },
  });
}
