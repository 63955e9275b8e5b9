import { randomBytes } from 'node:crypto';
import type { ClinicMode } from '../context/bound-clinic';
import { migrateTarget, type Migration } from '../migrations';
import { discardClinic, provisionClinic } from '../provisioning/provision-clinic';
import { ArchiveError } from './archive-error';
import { clinicRows, readRegistryClinic, type ClinicRows } from './clinic-target';
import { withClient } from '../with-client';
import { exportClinic, type ExportSummary } from './export-clinic';
import { loadRows, type RowSource } from './load-rows';
import type { ArchiveManifest } from './manifest';
import { verifyArchive } from './read-archive';
import { resealAuditChain } from './reseal-audit-chain';

export interface RestoreOptions {
  ownerUrl: string;
  signingKey: string;
  /** Every migration this code knows, in order (the archive's must be one of them). */
  migrations: Migration[];
  secrets?: (name: string) => string | undefined;
  onTable?: (progress: { table: string; rows: number; done: number; of: number }) => void;
  log?: (line: string) => void;
  /** The operator who asked, and why: written to the platform log and the clinic's own log. */
  actor?: RestoreActor;
}

/** An operator's restore (the console); absent for the CLI run by someone at the server. */
export interface RestoreActor {
  operatorId: string;
  reason: string;
}

export type RestoreRequest =
  /**
   * A copy for investigation: a new clinic (new id, this slug), registered `suspended` so no
   * one reaches it, not even the original's users, until an operator opens it.
   */
  | { kind: 'copy'; slug: string; name?: string; mode?: ClinicMode }
  /**
   * The same clinic's rows replaced by the archive's. `confirm` must repeat the slug; the
   * current rows are exported to `safetyOut` first. The portal is closed meanwhile.
   */
  | { kind: 'replace'; slug: string; confirm: string; safetyOut: string };

export interface RestoreSummary {
  clinic: { id: string; slug: string; mode: ClinicMode; status: string };
  from: { clinicId: string; slug: string; createdAt: string; migration: string };
  /** The migrations run on the archive's rows before they were written (older archives). */
  migrated: string[];
  tables: number;
  rows: number;
  /** For a replace: the export of what was replaced. */
  safetyExport?: ExportSummary;
}

/**
 * Restores one clinic from a signed archive, touching no other clinic: as a new clinic, or in
 * place of the same clinic's rows. The whole archive is authenticated first; then every row is
 * written in one transaction per target, so a crash leaves the old state or the new, never a
 * mix. An archive from an older schema is loaded into a private staging schema at its own
 * migration, migrated forward, and copied from there; one from a newer schema is refused.
 */
export async function restoreClinic(
  file: string,
  request: RestoreRequest,
  options: RestoreOptions,
): Promise<RestoreSummary> {
  if (request.kind === 'replace' && request.confirm !== request.slug) {
    throw new ArchiveError(
      'NOT_CONFIRMED',
      `Replacing ${request.slug}'s data needs the confirmation --confirm ${request.slug}.`,
    );
  }
  const manifest = await verifyArchive(file, options.signingKey);
  const pending = pendingMigrations(manifest, options.migrations);
  return request.kind === 'copy'
    ? restoreAsCopy(file, manifest, pending, request, options)
    : restoreInPlace(file, manifest, pending, request, options);
}

/** The migrations newer than the archive's, or a refusal when the archive is newer than this code. */
function pendingMigrations(manifest: ArchiveManifest, migrations: Migration[]): Migration[] {
  const at = migrations.findIndex((migration) => migration.name === manifest.migration);
  if (at === -1) {
    throw new ArchiveError(
      'MIGRATION_NEWER',
      `The archive was written at migration ${manifest.migration}, which this version does not know: restore it with a version that does.`,
    );
  }
  return migrations.slice(at + 1);
}

async function restoreAsCopy(
  file: string,
  manifest: ArchiveManifest,
  pending: Migration[],
  request: Extract<RestoreRequest, { kind: 'copy' }>,
  options: RestoreOptions,
): Promise<RestoreSummary> {
  const taken = await withClient(options.ownerUrl, (owner) =>
    owner.query('SELECT 1 FROM public.clinics WHERE slug = $1', [request.slug]),
  );
  if (taken.rowCount) throw new ArchiveError('SLUG_TAKEN', `The slug ${request.slug} is taken.`);
  const mode = request.mode ?? manifest.clinic.mode;
  const provisioned = await provisionClinic(
    { slug: request.slug, name: request.name ?? `${manifest.clinic.name} (restored copy)`, mode },
    { ownerUrl: options.ownerUrl, migrations: options.migrations, log: options.log },
  );
  // Closed before any row arrives, and until an operator opens it.
  await setRegistry(options.ownerUrl, provisioned.id, 'suspended', {
    state: 'restored',
    restoredFrom: {
      clinicId: manifest.clinic.id,
      slug: manifest.clinic.slug,
      archivedAt: manifest.createdAt,
    },
  });
  try {
    const rows = clinicRows(
      { ...provisioned, slug: request.slug },
      options.ownerUrl,
      options.secrets,
    );
    await writeRows(file, manifest, pending, rows, provisioned.id, false, options);
  } catch (error) {
    await setRegistry(options.ownerUrl, provisioned.id, 'suspended', { state: 'failed' });
    await discardClinic(request.slug, { ownerUrl: options.ownerUrl }).catch(() => undefined);
    throw error;
  }
  await platformAudit(options, provisioned.id, 'clinic.restored_copy', manifest);
  return summary(
    { id: provisioned.id, slug: request.slug, mode, status: 'suspended' },
    manifest,
    pending,
  );
}

async function restoreInPlace(
  file: string,
  manifest: ArchiveManifest,
  pending: Migration[],
  request: Extract<RestoreRequest, { kind: 'replace' }>,
  options: RestoreOptions,
): Promise<RestoreSummary> {
  const clinic = await withClient(options.ownerUrl, (owner) =>
    readRegistryClinic(owner, request.slug),
  );
  if (clinic.id !== manifest.clinic.id) {
    throw new ArchiveError(
      'WRONG_CLINIC',
      `The archive holds clinic ${manifest.clinic.slug} (${manifest.clinic.id}), not ${clinic.slug}: restore it as a copy instead.`,
    );
  }
  const safetyExport = await exportClinic(request.slug, {
    ownerUrl: options.ownerUrl,
    signingKey: options.signingKey,
    out: request.safetyOut,
    secrets: options.secrets,
  });
  options.log?.(`exported the current rows to ${safetyExport.file}`);
  await setRegistry(options.ownerUrl, clinic.id, 'suspended');
  try {
    const rows = clinicRows(clinic, options.ownerUrl, options.secrets);
    await writeRows(file, manifest, pending, rows, clinic.id, true, options);
  } finally {
    await setRegistry(options.ownerUrl, clinic.id, clinic.status);
  }
  await platformAudit(options, clinic.id, 'clinic.restored_in_place', manifest);
  return {
    ...summary(
      { id: clinic.id, slug: clinic.slug, mode: clinic.mode, status: clinic.status },
      manifest,
      pending,
    ),
    safetyExport,
  };
}

/**
 * The one transaction that writes the rows (after staging, for an older archive), then: sign-in
 * sessions and reset tokens are dropped (credentials, not records: a restore must not bring
 * back a session that was ended), a copy's audit chain is re-sealed under its new id, and the
 * restore is recorded in the clinic's own audit log.
 */
async function writeRows(
  file: string,
  manifest: ArchiveManifest,
  pending: Migration[],
  rows: ClinicRows,
  clinicId: string,
  replace: boolean,
  options: RestoreOptions,
): Promise<void> {
  let source: RowSource = { archive: file, key: options.signingKey };
  let staging: string | undefined;
  if (pending.length > 0) {
    staging = `restore_${randomBytes(6).toString('hex')}`;
    await stage(file, manifest, rows, staging, clinicId, options);
    source = { stagingSchema: staging };
  }
  try {
    await withClient(rows.connectionString, async (client) => {
      await client.query('BEGIN');
      try {
        const tables = await loadRows(client, {
          schema: rows.schema,
          clinicId,
          manifest,
          source,
          replace,
          onTable: options.onTable,
        });
        const has = (name: string) => tables.some((table) => table.name === name);
        for (const credentials of ['sessions', 'password_reset_tokens']) {
          if (has(credentials)) {
            await client.query(
              `DELETE FROM ${client.escapeIdentifier(rows.schema)}.${credentials} WHERE clinic_id = $1`,
              [clinicId],
            );
          }
        }
        if (has('audit_logs')) {
          if (clinicId !== manifest.clinic.id) await resealAuditChain(client, rows.schema);
          await client.query(
            `INSERT INTO ${client.escapeIdentifier(rows.schema)}.audit_logs (clinic_id, id, actor_type, action, entity_type, entity_id, metadata)
             VALUES ($1, gen_random_uuid(), 'system', $2, 'Clinic', $4, $3)`,
            [
              clinicId,
              replace ? 'clinic.restored_in_place' : 'clinic.restored_copy',
              JSON.stringify({
                from: { clinicId: manifest.clinic.id, slug: manifest.clinic.slug },
                archivedAt: manifest.createdAt,
                archiveAuditHead: manifest.auditHead,
                ...(options.actor ? { operatorId: options.actor.operatorId } : {}),
              }),
              clinicId,
            ],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  } finally {
    if (staging) {
      await withClient(rows.connectionString, (client) =>
        client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(staging)} CASCADE`),
      );
    }
  }
}

/** Loads an older archive into a private schema at its own migration, then migrates it forward. */
async function stage(
  file: string,
  manifest: ArchiveManifest,
  rows: ClinicRows,
  staging: string,
  clinicId: string,
  options: RestoreOptions,
): Promise<void> {
  const at = options.migrations.findIndex((migration) => migration.name === manifest.migration);
  const target = { label: staging, connectionString: rows.connectionString, schema: staging };
  await migrateTarget(target, options.migrations.slice(0, at + 1), { log: options.log });
  await withClient(rows.connectionString, async (client) => {
    await client.query('BEGIN');
    try {
      const tables = await loadRows(client, {
        schema: staging,
        // Already the clinic written at the end: the staged rows are read back under its binding.
        clinicId,
        manifest,
        source: { archive: file, key: options.signingKey },
        replace: false,
      });
      // A copy's chain is sealed under its new id before the migrations check it.
      if (clinicId !== manifest.clinic.id && tables.some((table) => table.name === 'audit_logs')) {
        await resealAuditChain(client, staging);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
  options.log?.(
    `staged at ${manifest.migration}; running ${options.migrations.length - at - 1} newer migrations`,
  );
  await migrateTarget(target, options.migrations, { log: options.log });
}

async function setRegistry(
  ownerUrl: string,
  clinicId: string,
  status: string,
  onboarding: Record<string, unknown> = {},
): Promise<void> {
  await withClient(ownerUrl, (owner) =>
    owner.query(
      `UPDATE public.clinics SET status = $2::"ClinicStatus", routing_version = routing_version + 1,
              onboarding = onboarding || $3::jsonb, updated_at = now()
        WHERE id = $1`,
      [clinicId, status, JSON.stringify(onboarding)],
    ),
  );
}

async function platformAudit(
  options: RestoreOptions,
  clinicId: string,
  action: string,
  manifest: ArchiveManifest,
): Promise<void> {
  await withClient(options.ownerUrl, (owner) =>
    owner.query(
      `INSERT INTO public.platform_audit_logs (id, action, target_clinic_id, operator_id, reason, metadata)
       VALUES (gen_random_uuid(), $1, $2, $4, $5, $3)`,
      [
        action,
        clinicId,
        JSON.stringify({
          from: { clinicId: manifest.clinic.id, slug: manifest.clinic.slug },
          archivedAt: manifest.createdAt,
          migration: manifest.migration,
        }),
        options.actor?.operatorId ?? null,
        options.actor?.reason ?? null,
      ],
    ),
  );
}

function summary(
  clinic: RestoreSummary['clinic'],
  manifest: ArchiveManifest,
  pending: Migration[],
): RestoreSummary {
  return {
    clinic,
    from: {
      clinicId: manifest.clinic.id,
      slug: manifest.clinic.slug,
      createdAt: manifest.createdAt,
      migration: manifest.migration,
    },
    migrated: pending.map((migration) => migration.name),
    tables: manifest.tables.length,
    rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
  };
}
