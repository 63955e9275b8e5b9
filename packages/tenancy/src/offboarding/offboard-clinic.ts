import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

import { ArchiveError } from '../archive/archive-error';
import { clinicRows, readRegistryClinic, type RegistryClinic } from '../archive/clinic-target';
import { withClient } from '../with-client';
import { exportClinic, type ExportSummary } from '../archive/export-clinic';
import { dedicatedName } from '../provisioning/provision-clinic';
import { sameServerDatabase } from '../provisioning/database-url';
import { listTenantTables, qualifiedName } from '../tables';
import { storeArchive } from '../backups/backup-clinic';
import type { BackupStore } from '../backups/backup-store';

/** Days between closing a clinic and purging it, unless the operator says otherwise. */
export const DEFAULT_GRACE_DAYS = 30;

/** Where a clinic is in its offboarding, kept in its registry entry (`onboarding.offboarding`). */
export interface Offboarding {
  state: 'closed' | 'reopened' | 'purged';
  closedAt: string;
  purgeAfter: string;
  finalExport?: {
    file: string;
    bytes: number;
    sha256: string;
    rows: number;
    /** The copy in the backup store (`clinic_backups`), which the owner's download link serves. */
    backupId?: string;
  };
  reopenedAt?: string;
  purgedAt?: string;
}

export interface OffboardOptions {
  ownerUrl: string;
  signingKey: string;
  secrets?: (name: string) => string | undefined;
  now?: () => Date;
  /** The operator who acted, and why: written to the platform log (the CLI has none). */
  actor?: { operatorId: string; reason: string };
}

/**
 * Closes a clinic: its portal is suspended (sessions stop working at once), a final export is
 * written to `exportDir` for the owner to download, and the purge is scheduled after the grace
 * period. Reversible with `reopenClinic` until `purgeClinic` runs.
 */
export async function closeClinic(
  slug: string,
  request: {
    exportDir: string;
    graceDays?: number;
    reason?: string;
    /**
     * The backup store: the final export is also kept there (a verified backup), where the
     * console's download link for the owner serves it from (createExportLink).
     */
    store?: BackupStore;
  },
  options: OffboardOptions,
): Promise<{
  clinic: { id: string; slug: string };
  offboarding: Offboarding;
  finalExport: ExportSummary;
}> {
  const now = options.now?.() ?? new Date();
  const clinic = await withClient(options.ownerUrl, (owner) => readRegistryClinic(owner, slug));
  const current = await readOffboarding(options.ownerUrl, clinic.id);
  if (current?.state === 'closed' || current?.state === 'purged') {
    throw new ArchiveError('WRONG_STATE', `Clinic ${slug} is already ${current.state}.`);
  }
  await setStatus(options.ownerUrl, clinic.id, 'suspended');
  const stamp = now
    .toISOString()
    .replaceAll(':', '')
    .replace(/\.\d+Z$/, 'Z');
  const finalExport = await exportClinic(slug, {
    ownerUrl: options.ownerUrl,
    signingKey: options.signingKey,
    secrets: options.secrets,
    out: path.join(request.exportDir, `${slug}-final-${stamp}.tar`),
  });
  const stored = request.store
    ? await storeArchive(finalExport.file, finalExport, clinic.id, {
        ownerUrl: options.ownerUrl,
        signingKey: options.signingKey,
        store: request.store,
        now: options.now,
      })
    : undefined;
  const graceDays = request.graceDays ?? DEFAULT_GRACE_DAYS;
  const offboarding: Offboarding = {
    state: 'closed',
    closedAt: now.toISOString(),
    purgeAfter: new Date(now.getTime() + graceDays * 86_400_000).toISOString(),
    finalExport: {
      file: finalExport.file,
      bytes: finalExport.bytes,
      sha256: stored?.sha256 ?? (await sha256(finalExport.file)),
      rows: finalExport.rows,
      ...(stored ? { backupId: stored.id } : {}),
    },
  };
  await writeOffboarding(options, clinic.id, offboarding, 'clinic.closed', {
    reason: request.reason ?? null,
    purgeAfter: offboarding.purgeAfter,
    rows: finalExport.rows,
  });
  return { clinic: { id: clinic.id, slug }, offboarding, finalExport };
}

/** Undoes a close during the grace period: the portal opens again, nothing was deleted. */
export async function reopenClinic(
  slug: string,
  options: Pick<OffboardOptions, 'ownerUrl' | 'now' | 'actor'>,
): Promise<Offboarding> {
  const clinic = await withClient(options.ownerUrl, (owner) => readRegistryClinic(owner, slug));
  const current = await readOffboarding(options.ownerUrl, clinic.id);
  if (current?.state !== 'closed') {
    throw new ArchiveError(
      'WRONG_STATE',
      `Clinic ${slug} is not closed${current ? ` (it is ${current.state})` : ''}.`,
    );
  }
  const reopened: Offboarding = {
    ...current,
    state: 'reopened',
    reopenedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  await setStatus(options.ownerUrl, clinic.id, 'active');
  // The owner's download link stops with the close it belonged to.
  await withClient(options.ownerUrl, (owner) =>
    owner.query(
      'UPDATE public.clinic_export_links SET revoked_at = now() WHERE target_clinic_id = $1 AND revoked_at IS NULL',
      [clinic.id],
    ),
  );
  await writeOffboarding(options, clinic.id, reopened, 'clinic.reopened', {});
  return reopened;
}

export interface PurgeReport {
  clinic: { id: string; slug: string; mode: string };
  /** Rows deleted per table (`<target>.<table>`), before the schema or database was dropped. */
  deleted: Record<string, number>;
  dropped: string | null;
  /** The catalog-driven check after the purge: every table with clinic_id, zero rows left. */
  remaining: Record<string, number>;
}

/**
 * Deletes every row of a closed clinic whose grace period is over: every table with a
 * `clinic_id` in the shared database (catalog-driven, children first), its own schema or
 * database dropped, its control-plane rows (request statistics, access grants) removed. Then
 * checks, table by table from the catalog, that no row of it is left anywhere, and writes a
 * tombstone with the counts to the platform audit log. The registry entry stays, marked purged.
 */
export async function purgeClinic(slug: string, options: OffboardOptions): Promise<PurgeReport> {
  const now = options.now?.() ?? new Date();
  const clinic = await withClient(options.ownerUrl, (owner) => readRegistryClinic(owner, slug));
  const current = await readOffboarding(options.ownerUrl, clinic.id);
  if (current?.state !== 'closed') {
    throw new ArchiveError(
      'WRONG_STATE',
      `Clinic ${slug} must be closed (tenant:offboard) before it is purged.`,
    );
  }
  if (new Date(current.purgeAfter) > now) {
    throw new ArchiveError(
      'WRONG_STATE',
      `Clinic ${slug}'s grace period lasts until ${current.purgeAfter}; it can still be reopened.`,
    );
  }
  const deleted: Record<string, number> = {};
  // Rows a move or an earlier mode may have left in the shared database, then the clinic's own place.
  Object.assign(
    deleted,
    await withClient(options.ownerUrl, (owner) => deleteRows(owner, 'public', clinic.id, 'shared')),
  );
  let dropped: string | null = null;
  if (clinic.mode === 'schema' && clinic.schemaName) {
    const rows = clinicRows(clinic, options.ownerUrl);
    Object.assign(
      deleted,
      await withClient(rows.connectionString, (owner) =>
        deleteRows(owner, rows.schema, clinic.id, rows.schema),
      ),
    );
    await withClient(options.ownerUrl, (owner) =>
      owner.query(`DROP SCHEMA IF EXISTS ${owner.escapeIdentifier(clinic.schemaName!)} CASCADE`),
    );
    dropped = `schema ${clinic.schemaName}`;
  }
  const database =
    clinic.mode === 'database' ? sameServerDatabase(clinic.databaseUrlRef) : undefined;
  if (clinic.mode === 'database') {
    const rows = clinicRows(clinic, options.ownerUrl, options.secrets);
    Object.assign(
      deleted,
      await withClient(rows.connectionString, (owner) =>
        deleteRows(owner, 'public', clinic.id, 'database'),
      ),
    );
    if (database) {
      await withClient(options.ownerUrl, (owner) =>
        owner.query(`DROP DATABASE IF EXISTS ${owner.escapeIdentifier(database)} WITH (FORCE)`),
      );
      dropped = `database ${database}`;
    }
  }
  await withClient(options.ownerUrl, async (owner) => {
    for (const table of await controlPlaneTables(owner)) {
      const { rowCount } = await owner.query(
        `DELETE FROM public.${owner.escapeIdentifier(table)} WHERE target_clinic_id = $1`,
        [clinic.id],
      );
      deleted[`control.${table}`] = rowCount ?? 0;
    }
  });

  const remaining = await remainingRows(clinic, options, database);
  const left = Object.entries(remaining).filter(([, count]) => count > 0);
  if (left.length > 0) {
    throw new ArchiveError(
      'VERIFY_FAILED',
      `Rows of ${slug} are left after the purge: ${left.map(([table, count]) => `${table} ${count}`).join(', ')}.`,
    );
  }
  const purged: Offboarding = { ...current, state: 'purged', purgedAt: now.toISOString() };
  await writeOffboarding(options, clinic.id, purged, 'clinic.purged', {
    deleted,
    dropped,
  });
  return { clinic: { id: clinic.id, slug, mode: clinic.mode }, deleted, dropped, remaining };
}

async function deleteRows(owner: pg.Client, schema: string, clinicId: string, label: string) {
  const deleted: Record<string, number> = {};
  await owner.query('BEGIN');
  try {
    await owner.query("SELECT set_config('app.current_tenant', $1, true)", [clinicId]);
    // Parents after children; the audit log goes too (its chain ends with the clinic).
    for (const table of (await listTenantTables(owner, schema)).reverse()) {
      const { rowCount } = await owner.query(
        `DELETE FROM ${qualifiedName(owner, schema, table.name)} WHERE clinic_id = $1`,
        [clinicId],
      );
      deleted[`${label}.${table.name}`] = rowCount ?? 0;
    }
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return deleted;
}

/** Control-plane tables that name a clinic (`target_clinic_id`), except the platform's own log. */
async function controlPlaneTables(owner: pg.Client): Promise<string[]> {
  const { rows } = await owner.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'target_clinic_id'
        AND table_name <> 'platform_audit_logs'
      ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

/** Every table with clinic_id (and target_clinic_id) still holding a row of the clinic. */
async function remainingRows(
  clinic: RegistryClinic,
  options: OffboardOptions,
  database: string | undefined,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await withClient(options.ownerUrl, async (owner) => {
    await owner.query('BEGIN');
    await owner.query("SELECT set_config('app.current_tenant', $1, true)", [clinic.id]);
    const { rows: schemas } = await owner.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname = 'public' OR nspname = $1`,
      [clinic.mode === 'schema' ? clinic.schemaName : dedicatedName(clinic.slug, 'schema')],
    );
    for (const { nspname } of schemas) {
      for (const table of await listTenantTables(owner, nspname)) {
        const { rows } = await owner.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${qualifiedName(owner, nspname, table.name)} WHERE clinic_id = $1`,
          [clinic.id],
        );
        counts[`${nspname}.${table.name}`] = rows[0]!.n;
      }
    }
    for (const table of await controlPlaneTables(owner)) {
      const { rows } = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM public.${owner.escapeIdentifier(table)} WHERE target_clinic_id = $1`,
        [clinic.id],
      );
      counts[`control.${table}`] = rows[0]!.n;
    }
    if (database) {
      const { rows } = await owner.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_database WHERE datname = $1',
        [database],
      );
      counts[`database ${database}`] = rows[0]!.n;
    }
    await owner.query('COMMIT');
  });
  return counts;
}

async function readOffboarding(ownerUrl: string, clinicId: string): Promise<Offboarding | null> {
  const { rows } = await withClient(ownerUrl, (owner) =>
    owner.query<{ offboarding: Offboarding | null }>(
      "SELECT onboarding->'offboarding' AS offboarding FROM public.clinics WHERE id = $1",
      [clinicId],
    ),
  );
  return rows[0]?.offboarding ?? null;
}

async function writeOffboarding(
  options: Pick<OffboardOptions, 'ownerUrl' | 'actor'>,
  clinicId: string,
  offboarding: Offboarding,
  action: string,
  metadata: Record<string, unknown>,
): Promise<void> {
  await withClient(options.ownerUrl, async (owner) => {
    await owner.query('BEGIN');
    await owner.query(
      `UPDATE public.clinics SET onboarding = onboarding || jsonb_build_object('offboarding', $2::jsonb), updated_at = now()
        WHERE id = $1`,
      [clinicId, JSON.stringify(offboarding)],
    );
    await owner.query(
      `INSERT INTO public.platform_audit_logs (id, action, target_clinic_id, operator_id, reason, metadata)
       VALUES (gen_random_uuid(), $1, $2, $4, $5, $3)`,
      [
        action,
        clinicId,
        JSON.stringify(metadata),
        options.actor?.operatorId ?? null,
        options.actor?.reason ?? null,
      ],
    );
    await owner.query('COMMIT');
  });
}

async function setStatus(ownerUrl: string, clinicId: string, status: 'suspended' | 'active') {
  await withClient(ownerUrl, (owner) =>
    owner.query(
      `UPDATE public.clinics SET status = $2::"ClinicStatus", routing_version = routing_version + 1, updated_at = now()
        WHERE id = $1`,
      [clinicId, status],
    ),
  );
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
