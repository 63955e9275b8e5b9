import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import tar from 'tar-stream';

import { listTenantTables, pinCanonicalSettings, qualifiedName, type TenantTable } from '../tables';
import { archiveColumns, copyCsv, csvRowCounter } from './csv-rows';
import { clinicRows, readRegistryClinic, type RegistryClinic } from './clinic-target';
import {
  ARCHIVE_FORMAT,
  MANIFEST_FILE,
  signManifest,
  type ArchivedTable,
  type ArchiveManifest,
} from './manifest';
import { compressTable, TABLE_FILE_EXTENSION } from './table-compression';
import { withClient } from '../with-client';

export interface ExportOptions {
  /** Owner role URL of the shared database (registry, and the server of same-server clinics). */
  ownerUrl: string;
  /** HMAC key the manifest is signed with (ARCHIVE_SIGNING_KEY). */
  signingKey: string;
  /** Where the archive goes (a .tar file); written beside as `.partial`, renamed when complete. */
  out: string;
  /** Secrets holding database URLs of clinics on other servers. */
  secrets?: (name: string) => string | undefined;
  /** Called after each table: for progress bars. */
  onTable?: (progress: { table: string; rows: number; done: number; of: number }) => void;
  now?: () => Date;
}

export interface ExportSummary {
  file: string;
  bytes: number;
  clinic: { id: string; slug: string; mode: string };
  migration: string;
  tables: number;
  rows: number;
  auditHead: ArchiveManifest['auditHead'];
}

/**
 * Writes one clinic's rows, table by table, into a signed archive: a tar with `manifest.json`
 * first, then one compressed CSV file per tenant table (foreign-key order, rows as Postgres
 * reads them). Every table is read in one REPEATABLE READ, read-only transaction, so the archive
 * is one consistent moment of the clinic, whichever mode it lives in. Each table is read once:
 * rows stream from COPY through a row counter, Brotli and SHA-256 to disk, so memory stays flat
 * however large the clinic.
 */
export async function exportClinic(slug: string, options: ExportOptions): Promise<ExportSummary> {
  const clinic = await withOwner(options.ownerUrl, (owner) => readRegistryClinic(owner, slug));
  const rows = clinicRows(clinic, options.ownerUrl, options.secrets);
  const parts = await mkdtemp(`${options.out}.parts-`);
  try {
    const manifest = await withClient(rows.connectionString, (client) =>
      snapshot(client, clinic, rows.schema, parts, options),
    );
    const signed = signManifest(manifest, options.signingKey);
    const partial = `${options.out}.partial`;
    await writeTar(partial, signed, parts);
    await rename(partial, options.out);
    return {
      file: options.out,
      bytes: (await stat(options.out)).size,
      clinic: { id: clinic.id, slug: clinic.slug, mode: clinic.mode },
      migration: manifest.migration,
      tables: manifest.tables.length,
      rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
      auditHead: manifest.auditHead,
    };
  } finally {
    await rm(parts, { recursive: true, force: true });
  }
}

async function snapshot(
  client: pg.Client,
  clinic: RegistryClinic,
  schema: string,
  parts: string,
  options: ExportOptions,
): Promise<ArchiveManifest> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await pinCanonicalSettings(client, clinic.id);
    const migration = await latestMigration(client, schema);
    const tables = await listTenantTables(client, schema);
    const archived: ArchivedTable[] = [];
    for (const [index, table] of tables.entries()) {
      const file = `tables/${String(index + 1).padStart(3, '0')}-${table.name}${TABLE_FILE_EXTENSION}`;
      const columns = archiveColumns(table);
      const written = await copyTable(
        client,
        schema,
        table,
        clinic.id,
        columns,
        path.join(parts, path.basename(file)),
      );
      archived.push({
        table: table.name,
        file,
        rows: written.rows,
        sha256: written.sha256,
        columns,
      });
      options.onTable?.({
        table: table.name,
        rows: written.rows,
        done: index + 1,
        of: tables.length,
      });
    }
    const auditHead = tables.some((table) => table.name === 'audit_logs')
      ? await readAuditHead(client, schema, clinic.id)
      : null;
    await client.query('COMMIT');
    return {
      format: ARCHIVE_FORMAT,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      clinic: { id: clinic.id, slug: clinic.slug, name: clinic.name, mode: clinic.mode },
      migration,
      tables: archived,
      auditHead,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * One table's rows as compressed CSV, in one pass: the rows are counted on their way into the
 * compressor, and the compressed bytes hashed on their way to disk (the file's SHA-256).
 */
async function copyTable(
  client: pg.Client,
  schema: string,
  table: TenantTable,
  clinicId: string,
  columns: string[],
  file: string,
): Promise<{ rows: number; sha256: string }> {
  const rows = csvRowCounter();
  const hash = createHash('sha256');
  const hashBytes = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(
    copyCsv(client, schema, table, clinicId, columns),
    rows,
    ...compressTable(),
    hashBytes,
    createWriteStream(file),
  );
  return { rows: rows.rows(), sha256: hash.digest('hex') };
}

async function latestMigration(client: pg.Client, schema: string): Promise<string> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM ${qualifiedName(client, schema, '_prisma_migrations')}
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
      ORDER BY migration_name DESC LIMIT 1`,
  );
  if (!rows[0]) throw new Error(`${schema} has no applied migration.`);
  return rows[0].name;
}

async function readAuditHead(client: pg.Client, schema: string, clinicId: string) {
  const { rows } = await client.query<{ seq: string; hash: string }>(
    `SELECT seq::text AS seq, hash FROM ${qualifiedName(client, schema, 'audit_logs')}
      WHERE clinic_id = $1 ORDER BY seq DESC LIMIT 1`,
    [clinicId],
  );
  return rows[0] ?? null;
}

async function writeTar(out: string, manifest: object, parts: string): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(out));
  pack.entry({ name: MANIFEST_FILE }, JSON.stringify(manifest, null, 2));
  for (const table of (manifest as ArchiveManifest).tables) {
    const source = path.join(parts, path.basename(table.file));
    const { size } = await stat(source);
    const entry = pack.entry({ name: table.file, size });
    await pipeline(createReadStream(source), entry);
  }
  pack.finalize();
  await written;
}

const withOwner = withClient;
