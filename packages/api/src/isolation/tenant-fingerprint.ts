import pg from 'pg';

/**
 * A digest of every row a clinic owns, table by table, read as the superuser (which bypasses
 * RLS: this is the test's own view of the truth, not the app's). Two equal fingerprints mean
 * nothing of that clinic was added, changed or removed in between.
 */
export async function clinicFingerprint(
  adminUrl: string,
  clinicId: string,
  schema: string,
): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = $1 AND column_name = 'clinic_id' AND is_nullable = 'NO'
        ORDER BY table_name`,
      [schema],
    );
    const fingerprint: Record<string, string> = {};
    for (const { table_name: table } of tables) {
      const qualified = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`;
      const { rows } = await client.query<{ digest: string | null; n: number }>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, count(*)::int AS n FROM ${qualified} t WHERE clinic_id = $1`,
        [clinicId],
      );
      fingerprint[table] = `${rows[0]!.n}:${rows[0]!.digest ?? '-'}`;
    }
    return fingerprint;
  } finally {
    await client.end();
  }
}
