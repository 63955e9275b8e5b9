import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  copyableColumns,
  fingerprintTable,
  listTenantTables,
  pinCanonicalSettings,
  qualifiedName,
  type TenantTable,
} from '../tables';
import { ArchiveError } from './archive-error';
import { csvDigest, digestCsvTable } from './csv-rows';
import { digestTable } from './json-lines';
import { holdsCsv, type ArchivedTable, type ArchiveManifest } from './manifest';
import { readArchive } from './read-archive';

/** Where the rows come from: the archive itself, or a staging schema it was loaded and migrated in. */
export type RowSource = { archive: string; key: string } | { stagingSchema: string };

export interface LoadOptions {
  schema: string;
  /** The clinic the rows are written as (the archive's own, or a copy's new id). */
  clinicId: string;
  manifest: ArchiveManifest;
  source: RowSource;
  /** Delete the clinic's current rows first (restore in place). */
  replace: boolean;
  onTable?: (progress: { table: string; rows: number; done: number; of: number }) => void;
}

/**
 * Writes an archive's rows into one target as `clinicId`, inside the caller's transaction.
 * Triggers and foreign-key checks are off for it (`session_replication_role = replica`): rows
 * land exactly as exported (the audit chain's trigger would renumber them); parents still come
 * first. CSV files (format /3) load by COPY into a temporary table, then by name into the target
 * with `clinic_id` set to the clinic written; JSON Lines (/1, /2) go through the target table's
 * `jsonb_populate_record`, so columns match by name and enum types by value. When the rows keep
 * their clinic id, every table's content digest must equal the manifest's, or nothing is kept.
 */
export async function loadRows(client: pg.Client, options: LoadOptions): Promise<TenantTable[]> {
  const { schema, clinicId, manifest } = options;
  await client.query('SET LOCAL session_replication_role = replica');
  await pinCanonicalSettings(client, clinicId);
  const tables = await listTenantTables(client, schema);
  const byName = new Map(tables.map((table) => [table.name, table]));
  for (const archived of manifest.tables) {
    if (!byName.has(archived.table)) {
      throw new ArchiveError(
        'VERIFY_FAILED',
        `The archive has table ${archived.table}, which ${schema} does not: migrate the target first.`,
      );
    }
  }
  if (options.replace) {
    for (const table of [...tables].reverse()) {
      await client.query(
        `DELETE FROM ${qualifiedName(client, schema, table.name)} WHERE clinic_id = $1`,
        [clinicId],
      );
    }
  }
  await client.query('CREATE TEMP TABLE IF NOT EXISTS archive_rows (j jsonb) ON COMMIT DROP');

  const insert = async (table: TenantTable, from: string) => {
    const columns = copyableColumns(table).map((column) => client.escapeIdentifier(column));
    const target = qualifiedName(client, schema, table.name);
    const { rowCount } = await client.query(
      `INSERT INTO ${target} (${columns.join(', ')})
       SELECT ${columns.map((column) => `r.${column}`).join(', ')}
         FROM ${from} AS a
        CROSS JOIN LATERAL jsonb_populate_record(NULL::${target}, a.j || jsonb_build_object('clinic_id', $1::uuid)) AS r`,
      [clinicId],
    );
    return rowCount ?? 0;
  };

  let done = 0;
  const loaded = async (table: string, rows: number) => {
    done += 1;
    options.onTable?.({ table, rows, done, of: manifest.tables.length });
  };
  // Format /3: COPY's CSV loads with COPY, into a temporary table first (COPY FROM refuses a
  // table under row level security, and lifting it would lock a shared table for every clinic).
  // The file's rows are digested on the way in, to compare with the rows read back below.
  const fileDigests = new Map<string, string>();
  const copyCsvFile = async (table: TenantTable, archived: ArchivedTable, csv: Readable) => {
    const [first, ...rest] = archived.columns ?? [];
    if (first !== 'clinic_id') {
      throw new ArchiveError('NOT_AN_ARCHIVE', `${archived.file} does not list clinic_id first.`);
    }
    const staged = client.escapeIdentifier(`archive_${table.name}`);
    const columns = rest.map((column) => client.escapeIdentifier(column));
    const target = qualifiedName(client, schema, table.name);
    await client.query(`CREATE TEMP TABLE ${staged} (LIKE ${target})`);
    const digest = csvDigest();
    await pipeline(
      csv,
      digest,
      client.query(
        copyFrom(
          `COPY ${staged} (clinic_id, ${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`,
        ),
      ),
    );
    const { rowCount } = await client.query(
      `INSERT INTO ${target} (clinic_id, ${columns.join(', ')})
       SELECT $1::uuid, ${columns.join(', ')} FROM ${staged}`,
      [clinicId],
    );
    await client.query(`DROP TABLE ${staged}`);
    fileDigests.set(archived.table, digest.result().sha256);
    return rowCount ?? 0;
  };

  if ('archive' in options.source && holdsCsv(manifest)) {
    await readArchive(options.source.archive, options.source.key, async (archived, csv) => {
      await loaded(archived.table, await copyCsvFile(byName.get(archived.table)!, archived, csv));
    });
  } else if ('archive' in options.source) {
    await readArchive(options.source.archive, options.source.key, async (archived, lines) => {
      await client.query('TRUNCATE archive_rows');
      await pipeline(
        lines,
        client.query(
          copyFrom(
            `COPY archive_rows (j) FROM STDIN WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`,
          ),
        ),
      );
      await loaded(archived.table, await insert(byName.get(archived.table)!, 'archive_rows'));
    });
  } else {
    const staging = options.source.stagingSchema;
    for (const archived of manifest.tables) {
      const from = `(SELECT to_jsonb(s) AS j FROM ${qualifiedName(client, staging, archived.table)} s)`;
      await loaded(archived.table, await insert(byName.get(archived.table)!, from));
    }
  }

  // From the archive with its own clinic id, content must be identical; otherwise counts.
  const sameContent = 'archive' in options.source && clinicId === manifest.clinic.id;
  for (const archived of manifest.tables) {
    const table = byName.get(archived.table)!;
    const found = await restoredContent(client, schema, table, clinicId, archived, {
      sameContent,
      fileDigest: fileDigests.get(archived.table),
    });
    if (found.rows !== archived.rows || (sameContent && found.digest !== found.expected)) {
      throw new ArchiveError(
        'VERIFY_FAILED',
        `${archived.table}: restored ${found.rows} rows (checksum ${found.digest}); the archive has ${archived.rows} (checksum ${found.expected}).`,
      );
    }
  }
  await client.query('SET LOCAL session_replication_role = origin');
  return tables;
}

/**
 * The restored rows' count and, when the content must match, their digest in the archive's
 * format: the rows read back as an export reads them, digested like the file's rows were on the
 * way in (/3); the lines' SHA-256, read back likewise, against the manifest's (/2); or the
 * table's database fingerprint (/1).
 */
async function restoredContent(
  client: pg.Client,
  schema: string,
  table: TenantTable,
  clinicId: string,
  archived: ArchivedTable,
  { sameContent, fileDigest }: { sameContent: boolean; fileDigest: string | undefined },
): Promise<{ rows: number; digest?: string; expected?: string }> {
  if (archived.columns !== undefined) {
    if (!sameContent) return { rows: await countRows(client, schema, table, clinicId) };
    const { rows, sha256 } = await digestCsvTable(
      client,
      schema,
      table,
      clinicId,
      archived.columns,
    );
    return { rows, digest: sha256, expected: fileDigest };
  }
  if (archived.linesSha256 !== undefined) {
    if (!sameContent) return { rows: await countRows(client, schema, table, clinicId) };
    const { rows, sha256 } = await digestTable(client, schema, table, clinicId);
    return { rows, digest: sha256, expected: archived.linesSha256 };
  }
  const { rows, checksum } = await fingerprintTable(client, schema, table, clinicId);
  return { rows, digest: checksum, expected: archived.checksum };
}

async function countRows(
  client: pg.Client,
  schema: string,
  table: TenantTable,
  clinicId: string,
): Promise<number> {
  const { rows } = await client.query<{ rows: string }>(
    `SELECT count(*) AS rows FROM ${qualifiedName(client, schema, table.name)} WHERE clinic_id = $1`,
    [clinicId],
  );
  return Number(rows[0]!.rows);
}
