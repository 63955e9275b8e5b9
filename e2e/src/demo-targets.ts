import pg from 'pg';
import type { IsolationTarget } from '@eventora/api/isolation';

import { runEnv } from './run-env';

export const DEMO_PASSWORD = 'eventora-demo-2026';

/**
 * One record of each kind and one user of each role of a demo clinic, read from the database
 * as the superuser (the test's view of the truth), for the cross-clinic cases.
 */
export async function demoTarget(slug: string): Promise<IsolationTarget & { schema: string }> {
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; schema: string }>(
      "SELECT id, CASE WHEN mode = 'schema' THEN schema_name ELSE 'public' END AS schema FROM clinics WHERE slug = $1",
      [slug],
    );
    const clinic = rows[0];
    if (!clinic) throw new Error(`No demo clinic ${slug}`);
    const schema = client.escapeIdentifier(clinic.schema);
    const one = async (sql: string) => {
      const result = await client.query<{ id: string; email?: string }>(
        sql.replaceAll('{s}', schema),
        [clinic.id],
      );
      if (!result.rows[0]) throw new Error(`${slug}: nothing for ${sql}`);
      return result.rows[0];
    };
    const user = async (email: string) => {
      const found = await one(
        `SELECT id, email FROM {s}.users WHERE clinic_id = $1 AND email = '${email}'`,
      );
      return { id: found.id, email: found.email! };
    };
    const reservation = (await one(
      `SELECT id, user_package_id FROM {s}.reservations WHERE clinic_id = $1 AND user_package_id IS NOT NULL ORDER BY starts_at DESC LIMIT 1`,
    )) as unknown as { id: string; user_package_id: string };
    return {
      slug,
      schema: clinic.schema,
      clinic: { id: clinic.id },
      ids: {
        client: (await user(`client@${slug}.test`)).id,
        branch: (
          await one('SELECT id FROM {s}.branches WHERE clinic_id = $1 ORDER BY name LIMIT 1')
        ).id,
        therapist: (
          await one('SELECT id FROM {s}.therapists WHERE clinic_id = $1 ORDER BY name LIMIT 1')
        ).id,
        package: (
          await one('SELECT id FROM {s}.packages WHERE clinic_id = $1 ORDER BY name LIMIT 1')
        ).id,
        userPackage: reservation.user_package_id,
        reservation: reservation.id,
      },
      owner: await user(`owner@${slug}.test`),
      staff: await user(`staff@${slug}.test`),
      therapistUser: await user(`therapist@${slug}.test`),
      client: await user(`client@${slug}.test`),
    };
  } finally {
    await client.end();
  }
}
