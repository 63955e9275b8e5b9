import { writeClinicAudit, type ClinicAuditEntry } from '@eventora/tenancy';

import type { RequestMeta } from '../context';

/** What a procedure records: the actor, clinic and IP come from its context. */
export type AuditEntry = Pick<
  ClinicAuditEntry,
  'action' | 'entityType' | 'entityId' | 'reason' | 'metadata'
>;

interface AuditActor {
  clinic: { id: string };
  user?: { id: string } | null;
  request: Pick<RequestMeta, 'ip'>;
}

/**
 * Appends an entry to the clinic's audit log for the caller in `actor` (a procedure's ctx): its
 * user, or the system when no one is signed in. Pass the transaction client to make the entry
 * part of the change it describes.
 */
export async function recordAudit(
  db: Parameters<typeof writeClinicAudit>[0],
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await writeClinicAudit(db, {
    ...entry,
    clinicId: actor.clinic.id,
    actor: actor.user ? { type: 'user', id: actor.user.id } : { type: 'system' },
    ip: actor.request.ip,
  });
}
