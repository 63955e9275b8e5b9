import type { Prisma, PrismaClient } from '@eventora/db';

import type { TenantClient, TenantTransaction } from '../client/tenant-client';

/** Column lengths of the text a caller passes from outside (both audit tables agree). */
const IP_LENGTH = 45;
const REASON_LENGTH = 500;

/**
 * The one truncation rule of every audit entry (clinic logs, the platform log, operators' entries
 * through platform-writer.ts): text that comes from outside (the request's IP header, a person's
 * stated reason) is cut to its column, so a long header or reason can never cost the entry or
 * the change it records. What code names (action, entity) is stored as given: a name too long
 * is a bug that fails loudly in tests.
 */
export function fitAuditText(entry: { ip?: string | null; reason?: string | null }): {
  ip: string | null;
  reason: string | null;
} {
  return {
    ip: entry.ip?.slice(0, IP_LENGTH) ?? null,
    reason: entry.reason?.slice(0, REASON_LENGTH) ?? null,
  };
}

/**
 * Who acted on a clinic's data: one of its users, or the system (webhooks, jobs). An operator's
 * entry is written as the platform role through platform-writer.ts: the database refuses
 * `actor_type = 'platform'` from the runtime role.
 */
export type AuditActor = { type: 'user'; id: string } | { type: 'system' };

/** One entry of a clinic's own audit log. */
export interface ClinicAuditEntry {
  clinicId: string;
  actor: AuditActor;
  /** What happened, `<domain>.<verb>`: `reservation.create`, `auth.sign_in`. */
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  reason?: string | null;
  ip?: string | null;
  /** Never secrets, signatures or payloads. */
  metadata?: Prisma.InputJsonObject;
}

/**
 * Appends an entry to a clinic's audit log, which its owners read (the database chains it:
 * seq, prev_hash, hash). Pass the transaction client so the entry commits with the change it
 * describes. The clinic must be bound, like any tenant write.
 */
export async function writeClinicAudit(
  db: Pick<TenantClient | TenantTransaction, 'auditLog'>,
  entry: ClinicAuditEntry,
): Promise<void> {
  await db.auditLog.create({
    data: {
      clinicId: entry.clinicId,
      actorType: entry.actor.type,
      actorId: entry.actor.type === 'system' ? null : entry.actor.id,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      ...fitAuditText(entry),
      metadata: entry.metadata ?? {},
    },
    select: { id: true },
  });
}

/** One entry of the platform audit log: an operator's action in the console. */
export interface PlatformAuditEntry {
  operatorId: string;
  action: string;
  /** The clinic the action concerned, if one. */
  clinicId?: string | null;
  reason?: string | null;
  ip?: string | null;
  metadata?: Prisma.InputJsonObject;
}

/**
 * Appends an operator action to the platform audit log (control plane, read in the console;
 * every console mutation writes one). What an operator does to a clinic goes to that clinic's
 * own log as well (platformEntryStatement, in the same transaction).
 */
export async function writePlatformAudit(
  platform: Pick<PrismaClient | Prisma.TransactionClient, 'platformAuditLog'>,
  entry: PlatformAuditEntry,
): Promise<void> {
  await platform.platformAuditLog.create({
    data: {
      operatorId: entry.operatorId,
      action: entry.action,
      targetClinicId: entry.clinicId ?? null,
      ...fitAuditText(entry),
      metadata: entry.metadata ?? {},
    },
    select: { id: true },
  });
}
