import type { ClinicMode } from '../context/bound-clinic';
import { clinicRows, readRegistryClinic } from '../archive/clinic-target';
import type { Migration } from '../migrations';
import { provisionClinic } from '../provisioning/provision-clinic';
import { asClinic, seedClinicRows } from '../schema/two-clinics';
import { clinicFingerprint, listTenantTables } from '../tables';
import type { TestDatabase } from './create-test-database';
import { withClient } from '../with-client';

/**
 * Provisions a clinic in `mode` with rows in every table, some with awkward text, for export and
 * restore tests. A database-mode clinic's database is `<test db>_<slug>`: the returned
 * `database` names it, for the test to drop.
 */
export async function clinicWithRows(
  db: TestDatabase,
  migrations: Migration[],
  slug: string,
  mode: ClinicMode,
): Promise<{ id: string; database?: string }> {
  const databaseName = (s: string) => `${db.name}_${s.replaceAll('-', '_')}`;
  const { id } = await provisionClinic(
    { slug, name: `Clinic ${slug}`, mode },
    { ownerUrl: db.ownerUrl, migrations, databaseName },
  );
  const clinic = await withClient(db.ownerUrl, (owner) => readRegistryClinic(owner, slug));
  const rows = clinicRows(clinic, db.ownerUrl);
  await withClient(rows.connectionString, async (owner) => {
    await owner.query(`SET search_path TO ${owner.escapeIdentifier(rows.schema)}, public`);
    const seeded = await seedClinicRows(owner, id, slug);
    await asClinic(owner, id, async () => {
      await owner.query('UPDATE users SET name = $1, phone = $2 WHERE id = $3', [
        'O’Brien "Bob" \\ back\nslash ✓ \u0001',
        '+52 55 1234',
        seeded.clientId,
      ]);
      for (let i = 0; i < 3; i += 1) {
        await owner.query(
          `INSERT INTO audit_logs (clinic_id, id, actor_type, actor_id, action, ip, metadata)
           VALUES ($1, gen_random_uuid(), 'user', $2, 'client.view', '203.0.113.1', $3)`,
          [id, seeded.clientId, JSON.stringify({ n: i, text: 'a\tb' })],
        );
      }
    });
  });
  return { id, database: mode === 'database' ? databaseName(slug) : undefined };
}

/**
 * Each table's rows of a clinic as JSON without clinic_id (and the audit chain's own columns):
 * what a copy under a new id must hold exactly.
 */
export async function clinicContent(
  ownerUrl: string,
  slug: string,
): Promise<Record<string, string[]>> {
  const clinic = await withClient(ownerUrl, (owner) => readRegistryClinic(owner, slug));
  const rows = clinicRows(clinic, ownerUrl);
  return withClient(rows.connectionString, (owner) =>
    asClinic(owner, clinic.id, async () => {
      const result: Record<string, string[]> = {};
      for (const table of await listTenantTables(owner, rows.schema)) {
        const { rows: found } = await owner.query<{ row: string }>(
          `SELECT (to_jsonb(t) - 'clinic_id' - 'hash' - 'prev_hash')::text AS row
             FROM ${owner.escapeIdentifier(rows.schema)}.${owner.escapeIdentifier(table.name)} t
            WHERE clinic_id = $1 ORDER BY 1`,
          [clinic.id],
        );
        result[table.name] = found.map((row) => row.row);
      }
      return result;
    }),
  );
}

/** A clinic's fingerprint (row counts and checksums per table), wherever it lives. */
export async function registryFingerprint(ownerUrl: string, slug: string) {
  const clinic = await withClient(ownerUrl, (owner) => readRegistryClinic(owner, slug));
  const rows = clinicRows(clinic, ownerUrl);
  return withClient(rows.connectionString, (owner) =>
    clinicFingerprint(owner, { schema: rows.schema, clinicId: clinic.id }),
  );
}

/** The seq of every audit entry of the clinic whose hash or link to its predecessor fails. */
export async function auditChainBreaks(ownerUrl: string, slug: string): Promise<string[]> {
  const clinic = await withClient(ownerUrl, (owner) => readRegistryClinic(owner, slug));
  const rows = clinicRows(clinic, ownerUrl);
  return withClient(rows.connectionString, (owner) =>
    asClinic(owner, clinic.id, async () => {
      await owner.query(`SET LOCAL search_path TO ${owner.escapeIdentifier(rows.schema)}, public`);
      const { rows: broken } = await owner.query<{ seq: string }>(
        `SELECT seq::text FROM (
           SELECT e.seq, audit_log_hash(e) = e.hash
                    AND (e.details_erased_at IS NOT NULL OR audit_log_details_digest(e) = e.details_digest) AS intact,
                  e.prev_hash = coalesce(lag(e.hash) OVER (ORDER BY e.seq), '') AS linked
             FROM audit_logs e WHERE clinic_id = $1) c
          WHERE NOT (intact AND linked)`,
        [clinic.id],
      );
      return broken.map((row) => row.seq);
    }),
  );
}
