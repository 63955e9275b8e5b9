import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';
import { asClinic, seedTwoClinics, SEEDED_TABLES, type SeededClinic } from './two-clinics';

// What the runtime role (eventora_app) can see and change, whatever the app layer does.

let db: TestDatabase;
let a: SeededClinic;
let b: SeededClinic;
/** Every table with a clinic_id NOT NULL column, read from the database: future tables too. */
let tenantTables: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  ({ a, b } = await seedTwoClinics(db.ownerUrl));
  const rows = await queryRows<{ table: string }>(
    db.ownerUrl,
    `SELECT table_name AS table FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'clinic_id' AND is_nullable = 'NO' ORDER BY 1`,
  );
  tenantTables = rows.map((row) => row.table);
});
afterAll(() => db?.drop());

async function countRows(client: ClientBase, table: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

describe('row level security on tenant tables', () => {
  it('guards every table that has a clinic_id NOT NULL column, and no other', async () => {
    const guarded = await queryRows<{ table: string }>(
      db.ownerUrl,
      `SELECT c.relname AS table FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
          AND c.relrowsecurity AND c.relforcerowsecurity
          AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
                      AND p.policyname = 'tenant_isolation' AND p.permissive = 'RESTRICTIVE')
        ORDER BY 1`,
    );
    expect(guarded.map((row) => row.table)).toEqual(tenantTables);
    expect(tenantTables).toEqual(expect.arrayContaining([...SEEDED_TABLES]));
  });

  it('shows no tenant row on a fresh connection with no clinic bound', async () => {
    await withClient(db.appUrl, async (app) => {
      for (const table of tenantTables) {
        expect({ table, rows: await countRows(app, table) }).toEqual({ table, rows: 0 });
      }
    });
    // The rows are there: the owner, bound to a clinic, sees that clinic's.
    await withClient(db.ownerUrl, (owner) =>
      asClinic(owner, a.id, async () => {
        for (const table of SEEDED_TABLES) expect(await countRows(owner, table)).toBe(1);
      }),
    );
  });

  it('shows no tenant row on a reused connection after a transaction that bound a clinic', async () => {
    await withClient(db.appUrl, async (app) => {
      expect(await asClinic(app, a.id, () => countRows(app, 'users'))).toBe(1);
      // The binding was transaction-local: the pooled connection no longer carries it.
      for (const table of tenantTables) expect(await countRows(app, table)).toBe(0);
      await app.query('BEGIN');
      expect(await countRows(app, 'reservations')).toBe(0);
      await app.query('COMMIT');
    });
  });

  it("hides clinic B's rows from a session bound to clinic A, for reads and writes", async () => {
    await withClient(db.appUrl, (app) =>
      asClinic(app, a.id, async () => {
        const byId = await app.query('SELECT * FROM users WHERE clinic_id = $1 AND id = $2', [
          b.id,
          b.clientId,
        ]);
        expect(byId.rows).toEqual([]);
        const clinics = await app.query('SELECT DISTINCT clinic_id FROM reservations');
        expect(clinics.rows).toEqual([{ clinic_id: a.id }]);
        const updated = await app.query("UPDATE users SET name = 'pwned' WHERE id = $1", [
          b.clientId,
        ]);
        expect(updated.rowCount).toBe(0);
        const deleted = await app.query('DELETE FROM sessions WHERE clinic_id = $1', [b.id]);
        expect(deleted.rowCount).toBe(0);
      }),
    );
    const [bClient] = await withClient(db.ownerUrl, (owner) =>
      asClinic(owner, b.id, async () => (await owner.query('SELECT name FROM users')).rows),
    );
    expect(bClient).toEqual({ name: 'Client' });
  });

  it('rejects inserting a row for clinic B while clinic A is bound', async () => {
    await withClient(db.appUrl, async (app) => {
      const insert = asClinic(app, a.id, () =>
        app.query(
          "INSERT INTO branches (clinic_id, id, name, timezone) VALUES ($1, $2, 'Fake', 'UTC')",
          [b.id, randomUUID()],
        ),
      );
      await expect(insert).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(/row-level security/),
      });
    });
  });

  it("rejects moving one of clinic A's rows to clinic B", async () => {
    await withClient(db.appUrl, async (app) => {
      const move = asClinic(app, a.id, () =>
        app.query('UPDATE stripe_events SET clinic_id = $1 WHERE clinic_id = $2', [b.id, a.id]),
      );
      await expect(move).rejects.toMatchObject({ code: '42501' });
    });
  });

  it("rejects a row of clinic A that references one of clinic B's rows", async () => {
    await withClient(db.appUrl, async (app) => {
      const booking = asClinic(app, a.id, () =>
        app.query(
          `INSERT INTO reservations (clinic_id, id, client_id, therapist_id, branch_id, starts_at, ends_at)
           VALUES ($1, $2, $3, $4, $5, '2030-02-01 09:00Z', '2030-02-01 10:00Z')`,
          [a.id, randomUUID(), a.clientId, b.therapistId, a.branchId],
        ),
      );
      await expect(booking).rejects.toMatchObject({ code: '23503' });
    });
  });

  it('refuses to run a query with row security turned off instead of showing every row', async () => {
    await withClient(db.appUrl, async (app) => {
      await app.query('SET row_security = off');
      await expect(app.query('SELECT * FROM users')).rejects.toMatchObject({
        message: expect.stringMatching(/row-level security/),
      });
    });
  });
});
