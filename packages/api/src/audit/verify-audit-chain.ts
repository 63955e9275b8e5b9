import type { TenantClient } from '@eventora/tenancy';

/** A tenant client (or a transaction of one): raw SQL runs under the bound clinic's RLS binding. */
type RawReader = Pick<TenantClient, '$queryRaw'>;

export type ChainProblem = 'edited' | 'missing' | 'reordered';

/** The latest entry of a chain; keep it somewhere else and hand it back to a later verification. */
export interface ChainHead {
  seq: string;
  hash: string;
}

export type ChainReport =
  | { ok: true; entries: number; head: ChainHead | null }
  | {
      ok: false;
      entries: number;
      /** The first place the chain stops proving itself. */
      brokenSeq: string;
      problem: ChainProblem;
      detail: string;
    };

interface FirstBreak {
  seq: string;
  prev_seq: string | null;
  /** The row's stored hash is what audit_log_hash gives for its stored fields. */
  intact: boolean;
  /** The row's prev_hash is the stored hash of the row before it (or '' for the first). */
  linked: boolean;
  /** The row's prev_hash is the hash of some row other than the one before it. */
  prev_elsewhere: boolean;
}

/**
 * Recomputes one clinic's audit hash chain in Postgres, with the migration's own
 * `audit_log_hash`, and reports the first entry that breaks it:
 *
 * - `missing`: a seq is skipped (an entry was deleted), or `knownHead` is gone;
 * - `reordered`: an entry points at an entry that is not the one before it (seq swapped);
 * - `edited`: an entry's fields no longer give its hash, its personal details (ip, reason,
 *   metadata: chained through a salted digest) no longer give that digest, or an entry was
 *   rewritten with a recomputed hash so the next entry no longer points at it. Details cleared
 *   by erasure (`details_erased_at`) are not a break: the digest still holds the chain.
 *
 * The chain alone cannot notice its newest entries being deleted: what is left is a valid
 * shorter chain. `knownHead` (the head an earlier verification returned, kept outside the
 * clinic's database) closes that hole: it must still be there, with the same hash.
 */
export async function verifyAuditChain(
  db: RawReader,
  clinicId: string,
  knownHead?: ChainHead,
): Promise<ChainReport> {
  const [summary] = await db.$queryRaw<
    { entries: number; head_seq: string | null; head_hash: string | null }[]
  >`
    SELECT (SELECT count(*)::int FROM audit_logs WHERE clinic_id = ${clinicId}::uuid) AS entries,
           head.seq::text AS head_seq, head.hash AS head_hash
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT seq, hash FROM audit_logs WHERE clinic_id = ${clinicId}::uuid ORDER BY seq DESC LIMIT 1
    ) AS head ON true`;
  const entries = summary?.entries ?? 0;

  const [broken] = await db.$queryRaw<FirstBreak[]>`
    WITH chain AS (
      SELECT entry.seq, entry.prev_hash,
             audit_log_hash(entry) = entry.hash
               AND (entry.details_erased_at IS NOT NULL
                    OR audit_log_details_digest(entry) = entry.details_digest) AS intact,
             lag(entry.seq) OVER (ORDER BY entry.seq) AS prev_seq,
             lag(entry.hash) OVER (ORDER BY entry.seq) AS prev_row_hash
      FROM audit_logs AS entry
      WHERE entry.clinic_id = ${clinicId}::uuid
    )
    SELECT chain.seq::text AS seq, chain.prev_seq::text AS prev_seq, chain.intact,
           chain.prev_hash = coalesce(chain.prev_row_hash, '') AS linked,
           EXISTS (
             SELECT 1 FROM audit_logs AS other
             WHERE other.clinic_id = ${clinicId}::uuid AND other.hash = chain.prev_hash
               AND other.seq IS DISTINCT FROM chain.prev_seq
           ) AS prev_elsewhere
    FROM chain
    WHERE NOT chain.intact
       OR chain.prev_hash <> coalesce(chain.prev_row_hash, '')
       OR chain.seq <> coalesce(chain.prev_seq, 0) + 1
    ORDER BY chain.seq
    LIMIT 1`;
  if (broken) return { ok: false, entries, ...classify(broken) };

  if (knownHead) {
    const [then] = await db.$queryRaw<{ hash: string }[]>`
      SELECT hash FROM audit_logs
      WHERE clinic_id = ${clinicId}::uuid AND seq = ${knownHead.seq}::bigint`;
    if (!then) {
      return {
        ok: false,
        entries,
        brokenSeq: knownHead.seq,
        problem: 'missing',
        detail: `Entry ${knownHead.seq}, seen by an earlier verification, is gone: the newest entries were deleted.`,
      };
    }
    if (then.hash !== knownHead.hash) {
      return {
        ok: false,
        entries,
        brokenSeq: knownHead.seq,
        problem: 'edited',
        detail: `Entry ${knownHead.seq} is not the one an earlier verification saw: the chain up to it was replaced or rewritten.`,
      };
    }
  }

  const head =
    summary?.head_seq && summary.head_hash
      ? { seq: summary.head_seq, hash: summary.head_hash }
      : null;
  return { ok: true, entries, head };
}

function classify(row: FirstBreak): { brokenSeq: string; problem: ChainProblem; detail: string } {
  const expected = (BigInt(row.prev_seq ?? '0') + 1n).toString();
  if (row.seq !== expected) {
    const last = (BigInt(row.seq) - 1n).toString();
    return {
      brokenSeq: expected,
      problem: 'missing',
      detail:
        expected === last
          ? `Entry ${expected} is missing.`
          : `Entries ${expected} to ${last} are missing.`,
    };
  }
  if (!row.linked && row.prev_elsewhere) {
    return {
      brokenSeq: row.seq,
      problem: 'reordered',
      detail: `Entry ${row.seq} was chained after a different entry than the one now before it: entries were reordered.`,
    };
  }
  if (!row.linked && row.intact && row.prev_seq) {
    return {
      brokenSeq: row.prev_seq,
      problem: 'edited',
      detail: `Entry ${row.prev_seq} was rewritten (with a recomputed hash): entry ${row.seq} was chained to a different one.`,
    };
  }
  return {
    brokenSeq: row.seq,
    problem: 'edited',
    detail: row.intact
      ? `Entry ${row.seq} no longer points at the entry before it: it was edited.`
      : `Entry ${row.seq} does not match its hash: it was edited.`,
  };
}
