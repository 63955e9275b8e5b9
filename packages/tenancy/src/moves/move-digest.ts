import type { ClientBase } from 'pg';

import {
  pinCanonicalSettings,
  qualifiedName,
  type TableFingerprint,
  type TenantTable,
} from '../tables';

// The move's content checksum: per table, the row count and the sum of a 64-bit hash of every
// row (its columns in name order, printed as text under pinned settings, so two targets agree).
// A sum does not depend on row order, so it needs no sort, and it adds up: the sum over key
// ranges ("buckets") is the table's sum. That lets verification compare the bulk of a big table
// before the freeze and re-hash, while frozen, only the buckets the final delta touched.
// (The archive's fingerprint, which signed manifests depend on, is a separate md5 digest.)

/** A table is compared in buckets when its key is (clinic_id, <uuid>): buckets are uuid ranges. */
export function bucketable(table: TenantTable): boolean {
  const second = table.primaryKey[1];
  return (
    table.primaryKey.length === 2 &&
    table.primaryKey[0] === 'clinic_id' &&
    table.columns.some((column) => column.name === second && column.type === 'uuid')
  );
}

/** A bucket: the key's first four hex digits (65,536 buckets, ~15 rows each at 1M rows). */
const BUCKET_DIGITS = 4;

export function bucketOf(uuid: string): string {
  return uuid.slice(0, BUCKET_DIGITS).toLowerCase();
}

/** One bucket's (or table's) share: rows and the sum of their hashes. */
export interface Digest {
  rows: number;
  sum: bigint;
}

function rowHash(client: ClientBase, table: TenantTable): string {
  const columns = table.columns
    .map((column) => column.name)
    .sort()
    .map((name) => `t.${client.escapeIdentifier(name)}`)
    .join(', ');
  return `hashtextextended(ROW(${columns})::text, 0)`;
}

/**
 * Digests of the clinic's rows in `tables`, in one REPEATABLE READ read-only snapshot; the
 * caller's session binds the clinic. Same shape as the archive's fingerprints.
 */
export async function digestTables(
  client: ClientBase,
  schema: string,
  clinicId: string,
  tables: TenantTable[],
): Promise<TableFingerprint[]> {
  return inSnapshot(client, clinicId, async () => {
    const prints: TableFingerprint[] = [];
    for (const table of tables) {
      const { rows } = await client.query<{ rows: string; sum: string }>(
        `SELECT count(*) AS rows, coalesce(sum(${rowHash(client, table)}), 0)::text AS sum
           FROM ${qualifiedName(client, schema, table.name)} t WHERE t.clinic_id = $1`,
        [clinicId],
      );
      prints.push({ table: table.name, rows: Number(rows[0]!.rows), checksum: rows[0]!.sum });
    }
    return prints;
  });
}

/**
 * Per-bucket digests of bucketable tables, in one snapshot: every bucket of each table, or only
 * `only[table]`'s buckets (read by key range through the primary key index).
 */
export async function digestBuckets(
  client: ClientBase,
  schema: string,
  clinicId: string,
  tables: TenantTable[],
  only?: Map<string, Set<string>>,
): Promise<Map<string, Map<string, Digest>>> {
  return inSnapshot(client, clinicId, () =>
    digestBucketsHere(client, schema, clinicId, tables, only),
  );
}

/**
 * Opens a read-only transaction on `client` in the snapshot another session exported
 * (`pg_export_snapshot()`), with the digest's settings pinned: `digestBucketsHere` then hashes
 * exactly the rows that session sees, without parallel workers. The caller commits.
 */
export async function enterSnapshot(
  client: ClientBase,
  clinicId: string,
  snapshot: string,
): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query(`SET TRANSACTION SNAPSHOT ${client.escapeLiteral(snapshot)}`);
    await pinDigestSettings(client, clinicId);
    // One core: it runs beside the copy and need only finish before it does.
    await client.query('SET LOCAL max_parallel_workers_per_gather = 0');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** `digestBuckets` inside the caller's transaction (settings pinned, clinic bound). */
export async function digestBucketsHere(
  client: ClientBase,
  schema: string,
  clinicId: string,
  tables: TenantTable[],
  only?: Map<string, Set<string>>,
): Promise<Map<string, Map<string, Digest>>> {
  const result = new Map<string, Map<string, Digest>>();
  for (const table of tables) {
    const key = client.escapeIdentifier(table.primaryKey[1]!);
    const wanted = only ? [...(only.get(table.name) ?? [])] : undefined;
    const buckets = new Map<string, Digest>();
    result.set(table.name, buckets);
    if (wanted?.length === 0) continue;
    const from = qualifiedName(client, schema, table.name);
    const hash = rowHash(client, table);
    const { rows } = wanted
      ? // One primary-key range scan per bucket (LATERAL: the planner cannot hoist it into a
        // scan of the whole table). The bounds arrive as uuids: under row level security only
        // leakproof conditions (uuid_ge, uuid_le; not a text-to-uuid cast) reach the index.
        await client.query<{ bucket: string; rows: string; sum: string }>(
          `SELECT b.prefix AS bucket, s.rows, s.sum
             FROM unnest($2::text[], $3::uuid[], $4::uuid[]) AS b(prefix, low, high)
             CROSS JOIN LATERAL (
               SELECT count(*) AS rows, sum(${hash})::text AS sum FROM ${from} t
                WHERE t.clinic_id = $1 AND t.${key} BETWEEN b.low AND b.high) s
            WHERE s.rows > 0`,
          [
            clinicId,
            wanted,
            wanted.map((prefix) => `${prefix}0000-0000-0000-0000-000000000000`),
            wanted.map((prefix) => `${prefix}ffff-ffff-ffff-ffff-ffffffffffff`),
          ],
        )
      : await client.query<{ bucket: string; rows: string; sum: string }>(
          `SELECT left(t.${key}::text, ${BUCKET_DIGITS}) AS bucket, count(*) AS rows,
                  sum(${hash})::text AS sum
             FROM ${from} t WHERE t.clinic_id = $1 GROUP BY 1`,
          [clinicId],
        );
    for (const row of rows) {
      buckets.set(row.bucket, { rows: Number(row.rows), sum: BigInt(row.sum) });
    }
  }
  return result;
}

/** The table's digest from its buckets' (the same figures a whole-table digest gives). */
export function sumBuckets(table: string, buckets: Map<string, Digest>): TableFingerprint {
  let rows = 0;
  let sum = 0n;
  for (const digest of buckets.values()) {
    rows += digest.rows;
    sum += digest.sum;
  }
  return { table, rows, checksum: sum.toString() };
}

/**
 * The clinic bound and the text settings pinned, for the caller's transaction; JIT off: the
 * planner cannot estimate a key range given as a parameter and compiled a bucket re-hash for
 * half a second (most of a freeze's verification), and a row's text is not compiled anyway.
 */
async function pinDigestSettings(client: ClientBase, clinicId: string): Promise<void> {
  await pinCanonicalSettings(client, clinicId);
  await client.query('SET LOCAL jit = off');
}

async function inSnapshot<T>(
  client: ClientBase,
  clinicId: string,
  work: () => Promise<T>,
): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await pinDigestSettings(client, clinicId);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
