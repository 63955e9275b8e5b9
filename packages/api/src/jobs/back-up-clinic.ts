import { backupClinic, pruneBackups, type BackupStore } from '@eventora/tenancy/backups';

/** What the daily backups need: the owner role (it reads every table of a clinic) and a store. */
export interface BackupServices {
  /** Owner role URL of the shared database (DATABASE_OWNER_URL). */
  ownerUrl: string;
  /** Signs the archives (ARCHIVE_SIGNING_KEY): the same key must verify them at restore. */
  signingKey: string;
  store: BackupStore;
  /** A database-mode clinic's URL secret, by name. */
  secrets?: (name: string) => string | undefined;
  now: () => Date;
}

/**
 * The "backups" schedule's task for one clinic: a verified backup into the store, then the
 * clinic's retention applied (never its newest verified backup, which this run just wrote). A
 * retry after a failed prune takes another backup: harmless, the next prune removes the extra.
 */
export async function backUpClinic(
  clinic: { slug: string },
  services: BackupServices,
): Promise<{ backupId: string; bytes: number; rows: number; pruned: number }> {
  const backup = await backupClinic(clinic.slug, {
    ownerUrl: services.ownerUrl,
    signingKey: services.signingKey,
    store: services.store,
    secrets: services.secrets,
    now: services.now,
  });
  const pruned = await pruneBackups(clinic.slug, {
    ownerUrl: services.ownerUrl,
    store: services.store,
    now: services.now,
  });
  return {
    backupId: backup.id,
    bytes: backup.bytes,
    rows: backup.rows,
    pruned: pruned.deleted.length + pruned.strays.length,
  };
}
