import type { ClientBase } from 'pg';

/**
 * Recomputes the clinic's audit hash chain at an endpoint with the target's own
 * `audit_log_hash` (every hash, every link, no gap in seq) and answers the first broken seq,
 * or undefined when the chain holds or the target keeps no audit log. Rows copied verbatim
 * must still prove themselves on the other side.
 */
export async function brokenAuditChain(
  client: ClientBase,
  schema: string,
  clinicId: string,
): Promise<string | undefined> {
  const { rows: present } = await client.query<{ ok: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AND to_regprocedure($2) IS NOT NULL AS ok`,
    [
      `${client.escapeIdentifier(schema)}.audit_logs`,
      `${client.escapeIdentifier(schema)}.audit_log_hash(${client.escapeIdentifier(schema)}.audit_logs)`,
    ],
  );
  if (!present[0]?.ok) return undefined;
  const s = client.escapeIdentifier(schema);
  const { rows } = await client.query<{ seq: string }>(
    `SELECT seq::text FROM (
       SELECT a.seq, a.hash, ${s}.audit_log_hash(a) AS recomputed, a.prev_hash,
              coalesce(lag(a.hash) OVER (ORDER BY a.seq), '') AS previous,
              coalesce(lag(a.seq) OVER (ORDER BY a.seq), 0) AS previous_seq
         FROM ${s}.audit_logs a WHERE a.clinic_id = $1) chain
      WHERE hash <> recomputed OR prev_hash <> previous OR seq <> previous_seq + 1
      ORDER BY seq LIMIT 1`,
    [clinicId],
  );
  return rows[0]?.seq;
}
