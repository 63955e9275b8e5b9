import type { ClientBase } from 'pg';

/** A row of `clinic_backups`, as the backup functions and the CLI return it. */
export interface BackupRecord {
  id: string;
  clinicId: string;
  key: string;
  createdAt: Date;
  bytes: number;
  rows: number;
  tables: number;
  migration: string;
  verifiedAt: Date | null;
  sha256: string;
}

const COLUMNS = `id, target_clinic_id AS "clinicId", key, created_at AS "createdAt",
  bytes::float8 AS bytes, "rows"::float8 AS "rows", tables, migration,
  verified_at AS "verifiedAt", sha256`;

export async function insertBackup(owner: ClientBase, record: BackupRecord): Promise<void> {
  await owner.query(
    `INSERT INTO public.clinic_backups
       (id, target_clinic_id, key, created_at, bytes, "rows", tables, migration, verified_at, sha256)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      record.id,
      record.clinicId,
      record.key,
      record.createdAt,
      record.bytes,
      record.rows,
      record.tables,
      record.migration,
      record.verifiedAt,
      record.sha256,
    ],
  );
}

/** A clinic's backups, newest first. */
export async function selectBackups(owner: ClientBase, clinicId: string): Promise<BackupRecord[]> {
  const { rows } = await owner.query<BackupRecord>(
    `SELECT ${COLUMNS} FROM public.clinic_backups
      WHERE target_clinic_id = $1 ORDER BY created_at DESC, id DESC`,
    [clinicId],
  );
  return rows;
}

export async function selectBackup(owner: ClientBase, id: string): Promise<BackupRecord | null> {
  // A malformed id is simply not found (no uuid cast error to leak).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const { rows } = await owner.query<BackupRecord>(
    `SELECT ${COLUMNS} FROM public.clinic_backups WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}
