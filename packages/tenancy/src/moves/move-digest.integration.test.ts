import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { asClinic } from '../schema/two-clinics';
import { listTenantTables, type TenantTable } from '../tables';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { seedMoveClinics, type MoveClinic } from './move-fixtures';
import { bucketable, bucketOf, digestBuckets, digestTables, sumBuckets } from './move-digest';

let db: TestDatabase;
let clinic: MoveClinic;
let reservations: TenantTable;

beforeAll(async () => {
  db = await createTestDatabase();
  clinic = (await seedMoveClinics(db, 3_000)).a;
  reservations = await withClient(db.ownerUrl, async (owner) =>
    (await listTenantTables(owner)).find((table) => table.name === 'reservations')!,
  );
});
afterAll(async () => {
  await db?.drop();
});

const whole = () =>
  withClient(
    db.ownerUrl,
    async (owner) => (await digestTables(owner, 'public', clinic.id, [reservations]))[0]!,
  );

const buckets = (only?: Map<string, Set<string>>) =>
  withClient(db.ownerUrl, async (owner) =>
    (await digestBuckets(owner, 'public', clinic.id, [reservations], only)).get('reservations')!,
  );

describe('the move digest', () => {
  it('adds up: the buckets of a table sum to its whole digest', async () => {
    expect(bucketable(reservations)).toBe(true);
    const all = await buckets();
    expect(all.size).toBeGreaterThan(1_000);
    expect(sumBuckets('reservations', all)).toEqual(await whole());
    expect((await whole()).rows).toBeGreaterThanOrEqual(3_000);
  });

  it('re-hashing only a changed row’s bucket gives the new whole digest; the old one differs', async () => {
    const before = await buckets();
    const wholeBefore = await whole();
    const id = await withClient(db.ownerUrl, (owner) =>
      asClinic(owner, clinic.id, async () => {
        const { rows } = await owner.query<{ id: string }>(
          "UPDATE reservations SET notes = 'changed' WHERE clinic_id = $1 AND id = (SELECT id FROM reservations WHERE clinic_id = $1 ORDER BY id LIMIT 1) RETURNING id::text",
          [clinic.id],
        );
        return rows[0]!.id;
      }),
    );
    const touched = new Map([['reservations', new Set([bucketOf(id)])]]);
    const fresh = await buckets(touched);
    expect([...fresh.keys()]).toEqual([bucketOf(id)]);
    const merged = new Map(before);
    for (const [bucket, digest] of fresh) merged.set(bucket, digest);
    const wholeAfter = await whole();
    expect(sumBuckets('reservations', merged)).toEqual(wholeAfter);
    expect(wholeAfter.rows).toBe(wholeBefore.rows);
    expect(wholeAfter.checksum).not.toBe(wholeBefore.checksum);
  });
});
