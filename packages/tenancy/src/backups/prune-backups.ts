import { withClient } from '../with-client';
import { readRegistryClinic } from '../archive';
import type { BackupStore } from './backup-store';

export interface PruneOptions {
  ownerUrl: string;
  store: BackupStore;
  now?: () => Date;
}

export interface PruneSummary {
  clinic: { id: string; slug: string; retentionDays: number };
  /** Recorded backups removed from the store and from clinic_backups. */
  deleted: { id: string; key: string; createdAt: Date }[];
  /** Objects in the store with no record (an upload whose record was never written), removed. */
  strays: string[];
  kept: number;
}

/**
 * Removes one clinic's backups older than its `backup_retention_days`, from the store and from
 * `clinic_backups`, never the newest verified one (a clinic that stopped being backed up keeps
 * its last good backup). The object goes first, then its record: a crash between the two leaves
 * a record whose deletion is retried next time, never an unrecorded object. Store objects that
 * have no record and are older than the retention are removed too; for a clinic that was purged
 * (offboarding), every object, whatever its age. Other clinics are not read.
 */
export async function pruneBackups(slug: string, options: PruneOptions): Promise<PruneSummary> {
  const now = options.now?.() ?? new Date();
  let purged = false;
  const { clinic, retentionDays, expired, recorded } = await withClient(
    options.ownerUrl,
    async (owner) => {
      const found = await readRegistryClinic(owner, slug);
      const { rows: settings } = await owner.query<{ days: number; purged: boolean }>(
        `SELECT backup_retention_days AS days,
                coalesce(onboarding #>> '{offboarding,state}' = 'purged', false) AS purged
           FROM public.clinics WHERE id = $1`,
        [found.id],
      );
      const days = settings[0]!.days;
      purged = settings[0]!.purged;
      const { rows: old } = await owner.query<{ id: string; key: string; createdAt: Date }>(
        `SELECT id, key, created_at AS "createdAt" FROM public.clinic_backups
          WHERE target_clinic_id = $1
            AND created_at < $2::timestamptz - make_interval(days => $3)
            AND id IS DISTINCT FROM (
                SELECT id FROM public.clinic_backups
                 WHERE target_clinic_id = $1 AND verified_at IS NOT NULL
                 ORDER BY created_at DESC, id DESC LIMIT 1)
          ORDER BY created_at`,
        [found.id, now, days],
      );
      const { rows: keys } = await owner.query<{ key: string }>(
        'SELECT key FROM public.clinic_backups WHERE target_clinic_id = $1',
        [found.id],
      );
      return {
        clinic: found,
        retentionDays: days,
        expired: old,
        recorded: new Set(keys.map((row) => row.key)),
      };
    },
  );
  for (const backup of expired) {
    await options.store.delete(backup.key);
    await withClient(options.ownerUrl, (owner) =>
      owner.query('DELETE FROM public.clinic_backups WHERE id = $1', [backup.id]),
    );
  }
  // A purged clinic's data must be gone everywhere: the purge deleted its records, and its
  // objects go now, whatever their age.
  const cutoff = purged ? Infinity : now.getTime() - retentionDays * 86_400_000;
  const strays = (await options.store.list(clinic.id))
    .filter((object) => !recorded.has(object.key) && object.modifiedAt.getTime() < cutoff)
    .map((object) => object.key);
  for (const key of strays) await options.store.delete(key);
  return {
    clinic: { id: clinic.id, slug: clinic.slug, retentionDays },
    deleted: expired,
    strays,
    kept: recorded.size - expired.length,
  };
}

/** Prunes every clinic of the registry in turn (slug order); see pruneBackups. */
export async function pruneEveryClinic(options: PruneOptions): Promise<PruneSummary[]> {
  const { rows } = await withClient(options.ownerUrl, (owner) =>
    owner.query<{ slug: string }>('SELECT slug FROM public.clinics ORDER BY slug'),
  );
  const summaries: PruneSummary[] = [];
  for (const { slug } of rows) summaries.push(await pruneBackups(slug, options));
  return summaries;
}
