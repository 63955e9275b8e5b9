import pg from 'pg';

// The same helper as @eventora/tenancy's testing harness, which does not export it outside vitest.
/** Runs `work` on a fresh connection to `url`, closing it afterwards. */
export async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
