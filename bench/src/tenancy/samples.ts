import { DATASET, DAYS, PLAIN_SCHEMA } from './dataset';
import type { Sample } from './queries';
import { seededRandom } from './stats';
import { withClient } from '@eventora/tenancy/with-client';

const DAY_MS = 86_400_000;
/** Days left after `from` always hold more than one page of reservations. */
const LAST_FROM_DAY = DAYS - 10;

/**
 * A fixed pseudo-random sample of reservations (the same on every run): iterations take their
 * clinic and id from it, and list from a day picked with the same seed.
 */
export async function fetchSamples(
  adminUrl: string,
  count: number,
  seed = 20261127,
): Promise<Sample[]> {
  const rows = await withClient(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ clinic_id: string; slug: string; id: string }>(
      `SELECT r.clinic_id, c.slug, r.id
       FROM ${PLAIN_SCHEMA}.reservations r JOIN ${PLAIN_SCHEMA}.clinics c ON c.id = r.clinic_id
       ORDER BY md5(r.id::text || $1) LIMIT $2`,
      [String(seed), count],
    );
    return rows;
  });
  const random = seededRandom(seed);
  const firstDay = Date.parse(`${DATASET.firstDay}T00:00:00Z`);
  return rows.map((row) => ({
    clinic: {
      id: row.clinic_id,
      slug: row.slug,
      mode: 'shared',
      routingVersion: 1,
      schema: 'public',
    },
    reservationId: row.id,
    from: new Date(firstDay + Math.floor(random() * LAST_FROM_DAY) * DAY_MS),
  }));
}
