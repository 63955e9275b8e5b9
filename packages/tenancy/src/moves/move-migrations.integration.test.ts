import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checksumOf } from '../migrations/checksum';
import { migrateTarget, migrationStatus, type Migration } from '../migrations';
import type { TenantRouter } from '../router/tenant-router';
import { createTestDatabase, type TestDatabase } from '../testing';
import { queryRows } from '../testing/with-client';
import { cleanupMove, rollbackMove, startMove, type MoveOptions } from './move-clinic';
import { moveOptions, seedMoveClinics, testRouter, type MoveClinic } from './move-fixtures';

// Retained move sources and `db:migrate`. The shared schema is always a db:migrate target, so
// a clinic's retained rows there are migrated with everyone's; a retained schema or database
// is not in the registry any more, so db:migrate skips it — a rollback into it migrates it in
// its provision step (the engine's migrateTarget), and a clean-up drops it as verified.

let db: TestDatabase;
let options: MoveOptions;
let router: TenantRouter;
let clinics: Record<'a' | 'b' | 'c', MoveClinic>;

/** A migration that lands on disk after the moves began (a column on reservations). */
function laterMigration(name: string, column: string): Migration {
  const sql = `ALTER TABLE reservations ADD COLUMN ${column} text NOT NULL DEFAULT 'later';\n`;
  return { name, sql, checksum: checksumOf(Buffer.from(sql)) };
}

/** What `pnpm db:migrate` does: the shared schema, then every schema the registry names. */
async function dbMigrate(migrations: Migration[]): Promise<void> {
  await migrateTarget({ label: 'shared', connectionString: db.ownerUrl }, migrations);
  const schemas = await queryRows<{ schema_name: string }>(
    db.ownerUrl,
    "SELECT schema_name FROM clinics WHERE mode = 'schema'",
  );
  for (const { schema_name: schema } of schemas) {
    await migrateTarget({ label: schema, connectionString: db.ownerUrl, schema }, migrations);
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  clinics = await seedMoveClinics(db, 200);
  options = await moveOptions(db);
  router = testRouter(db);
}, 60_000);
afterAll(async () => {
  await router?.close();
  await db?.drop();
});

describe('retained move sources and db:migrate', () => {
  it('a migration applied to the shared schema in the rollback window does not stop the clean-up of a clinic that left it', async () => {
    const a = clinics.a;
    await startMove({ slug: a.slug, to: 'schema', actor: 'test', reason: 'grows' }, options);
    const later = [...options.migrations, laterMigration('29990101000000_later_one', 'later_one')];
    await dbMigrate(later);
    // The clinic's retained rows in public now have the new column too.
    const [retained] = await queryRows<{ n: number }>(
      db.adminUrl,
      `SELECT count(*)::int AS n FROM public.reservations WHERE clinic_id = $1 AND later_one = 'later'`,
      [a.id],
    );
    expect(retained!.n).toBeGreaterThan(0);

    const cleaned = await cleanupMove(a.slug, { ...options, migrations: later, force: true });
    expect(cleaned).toMatchObject({ step: 'cleaned_up' });
    const [left] = await queryRows<{ n: number }>(
      db.adminUrl,
      'SELECT count(*)::int AS n FROM public.reservations WHERE clinic_id = $1',
      [a.id],
    );
    expect(left!.n).toBe(0);
    options = { ...options, migrations: later };
  }, 60_000);

  it('a rollback into a retained schema that db:migrate skipped migrates it first, then moves back', async () => {
    const b = clinics.b;
    await startMove({ slug: b.slug, to: 'schema', actor: 'test', reason: 'grows' }, options);
    await startMove({ slug: b.slug, to: 'shared', actor: 'test', reason: 'shrinks' }, options);
    // The retained schema is no clinic's place in the registry: db:migrate leaves it behind.
    const later = [...options.migrations, laterMigration('29990102000000_later_two', 'later_two')];
    await dbMigrate(later);
    const retained = {
      label: 'retained',
      connectionString: db.ownerUrl,
      schema: 'clinic_clinic_b',
    };
    expect((await migrationStatus(retained, later)).pending).toEqual(['29990102000000_later_two']);

    const back = await rollbackMove(
      b.slug,
      { actor: 'test', reason: 'back to its schema' },
      { ...options, migrations: later },
    );
    expect(back).toMatchObject({
      state: 'done',
      to: { mode: 'schema', schema: 'clinic_clinic_b' },
    });
    expect((await migrationStatus(retained, later)).pending).toEqual([]);
    const [moved] = await queryRows<{ n: number }>(
      db.adminUrl,
      `SELECT count(*)::int AS n FROM clinic_clinic_b.reservations WHERE clinic_id = $1 AND later_two = 'later'`,
      [b.id],
    );
    expect(moved!.n).toBeGreaterThan(0);
    // It works from there through the router, as the portal reaches it.
    const count = await router.withClinic(b.id, (tenant) => tenant.reservation.count());
    expect(count).toBe(moved!.n);
  }, 90_000);
});
