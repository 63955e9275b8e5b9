import { withClient } from '../with-client';

/** A console restore as recorded in `clinic_restores` (its progress, kept across reloads). */
export interface RestoreRecord {
  id: string;
  clinicId: string;
  backupId: string;
  kind: 'copy' | 'replace';
  operatorId: string;
  state: 'running' | 'done' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  heartbeatAt: Date;
  tables: { done: number; of: number };
  rows: number;
  copy: { id: string; slug: string } | null;
  safetyBackupId: string | null;
  error: string | null;
}

/** A running restore with no heartbeat for this long died with its process. */
export const RESTORE_HEARTBEAT_TIMEOUT_MS = 60_000;
const INTERRUPTED =
  'Interrupted: the console stopped while restoring. Nothing of it was kept (one transaction); start it again.';

const COLUMNS = `id, target_clinic_id AS "clinicId", backup_id AS "backupId", kind,
  operator_id AS "operatorId", state, started_at AS "startedAt", finished_at AS "finishedAt",
  heartbeat_at AS "heartbeatAt", tables_done AS "tablesDone", tables_of AS "tablesOf",
  "rows"::float8 AS "rows", copy_clinic_id AS "copyClinicId", copy_slug AS "copySlug",
  safety_backup_id AS "safetyBackupId", error`;

interface Row extends Omit<RestoreRecord, 'tables' | 'copy'> {
  tablesDone: number;
  tablesOf: number;
  copyClinicId: string | null;
  copySlug: string | null;
}

function toRecord(row: Row): RestoreRecord {
  const { tablesDone, tablesOf, copyClinicId, copySlug, ...rest } = row;
  return {
    ...rest,
    tables: { done: tablesDone, of: tablesOf },
    copy: copyClinicId && copySlug ? { id: copyClinicId, slug: copySlug } : null,
  };
}

export async function insertRestore(ownerUrl: string, record: RestoreRecord): Promise<void> {
  await withClient(ownerUrl, (owner) =>
    owner.query(
      `INSERT INTO public.clinic_restores
         (id, target_clinic_id, backup_id, kind, operator_id, state, started_at, heartbeat_at, tables_done, tables_of, "rows")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        record.id,
        record.clinicId,
        record.backupId,
        record.kind,
        record.operatorId,
        record.state,
        record.startedAt,
        record.heartbeatAt,
        record.tables.done,
        record.tables.of,
        record.rows,
      ],
    ),
  );
}

/** Writes a restore's progress or end (and its heartbeat). */
export async function updateRestore(
  ownerUrl: string,
  record: RestoreRecord,
  now: Date,
): Promise<void> {
  await withClient(ownerUrl, (owner) =>
    owner.query(
      `UPDATE public.clinic_restores SET state = $2, finished_at = $3, heartbeat_at = $4,
              tables_done = $5, tables_of = $6, "rows" = $7, copy_clinic_id = $8, copy_slug = $9,
              safety_backup_id = $10, error = $11
        WHERE id = $1 AND state = 'running'`,
      [
        record.id,
        record.state,
        record.finishedAt,
        now,
        record.tables.done,
        record.tables.of,
        record.rows,
        record.copy?.id ?? null,
        record.copy?.slug ?? null,
        record.safetyBackupId,
        record.error?.slice(0, 500) ?? null,
      ],
    ),
  );
}

/**
 * The clinic's newest restore, or null. One still `running` whose heartbeat stopped more than
 * RESTORE_HEARTBEAT_TIMEOUT_MS ago died with its process: it is marked failed (interrupted)
 * here, so it is reported, never forgotten; its rows were never committed.
 */
export async function latestRestore(
  ownerUrl: string,
  clinicId: string,
  now: Date,
): Promise<RestoreRecord | null> {
  return withClient(ownerUrl, async (owner) => {
    await owner.query(
      `UPDATE public.clinic_restores SET state = 'failed', finished_at = $2, error = $3
        WHERE target_clinic_id = $1 AND state = 'running' AND heartbeat_at < $4`,
      [clinicId, now, INTERRUPTED, new Date(now.getTime() - RESTORE_HEARTBEAT_TIMEOUT_MS)],
    );
    const { rows } = await owner.query<Row>(
      `SELECT ${COLUMNS} FROM public.clinic_restores
        WHERE target_clinic_id = $1 ORDER BY started_at DESC, id DESC LIMIT 1`,
      [clinicId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  });
}
