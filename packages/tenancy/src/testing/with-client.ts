import type pg from 'pg';

import { withClient } from '../with-client';

/** One query on a fresh connection; its rows. */
export async function queryRows<T extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return withClient(url, async (client) => (await client.query<T>(sql, params)).rows);
}
