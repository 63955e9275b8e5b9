import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';
import { citusDistributionPlan, distributeForCitus } from './citus-distribution';

// Citus is not installable on these machines: the plan is checked against the migrated schema
// on plain PostgreSQL, and the step is checked to do nothing where the extension is absent.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe('the Citus distribution plan of the shared schema', () => {
  it('distributes every table with clinic_id, colocated, and makes every other table a reference table', async () => {
    const plan = await withClient(db.ownerUrl, (owner) => citusDistributionPlan(owner));
    const tables = await queryRows<{ table: string; tenant: boolean }>(
      db.ownerUrl,
      `SELECT table_name AS "table", bool_or(column_name = 'clinic_id') AS tenant
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
          AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = 'public')
        GROUP BY table_name`,
    );
    const kinds = Object.fromEntries(plan.map((entry) => [entry.table, entry.kind]));
    expect(kinds).toEqual(
      Object.fromEntries(tables.map((t) => [t.table, t.tenant ? 'distributed' : 'reference'])),
    );
    expect(kinds).toMatchObject({ clinics: 'reference', reservations: 'distributed' });

    const firstDistributed = plan.findIndex((entry) => entry.kind === 'distributed');
    expect(plan.slice(firstDistributed).every((entry) => entry.kind === 'distributed')).toBe(true);
    const anchor = plan[firstDistributed]!.table;
    expect(plan[firstDistributed]!.statement).toBe(
      `SELECT create_distributed_table('"public"."${anchor}"', 'clinic_id')`,
    );
    for (const entry of plan.slice(firstDistributed + 1)) {
      expect(entry.statement).toBe(
        `SELECT create_distributed_table('"public"."${entry.table}"', 'clinic_id', colocate_with => '"public"."${anchor}"')`,
      );
    }
  });

  it('places every referenced table before the tables that reference it', async () => {
    const plan = await withClient(db.ownerUrl, (owner) => citusDistributionPlan(owner));
    const position = new Map(plan.map((entry, index) => [entry.table, index]));
    const foreignKeys = await queryRows<{ from: string; to: string }>(
      db.ownerUrl,
      `SELECT conrelid::regclass::text AS "from", confrelid::regclass::text AS "to"
         FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace
          AND conrelid <> confrelid`,
    );
    expect(foreignKeys.length).toBeGreaterThan(10);
    for (const key of foreignKeys) {
      expect(position.get(key.to), `${key.from} -> ${key.to}`).toBeLessThan(
        position.get(key.from)!,
      );
    }
  });

  it('names the tables of a foreign-key cycle, which Citus cannot distribute in any order', async () => {
    await queryRows(
      db.ownerUrl,
      `CREATE SCHEMA cycle;
       CREATE TABLE cycle.a (id int PRIMARY KEY, b_id int);
       CREATE TABLE cycle.b (id int PRIMARY KEY, a_id int REFERENCES cycle.a);
       ALTER TABLE cycle.a ADD FOREIGN KEY (b_id) REFERENCES cycle.b`,
    );
    await expect(
      withClient(db.ownerUrl, (owner) => citusDistributionPlan(owner, 'cycle')),
    ).rejects.toThrow('the foreign keys of a, b form a cycle');
  });
});

describe('the Citus step of the migration runner', () => {
  it('does nothing on a database without the citus extension', async () => {
    const before = await queryRows(db.ownerUrl, 'SELECT count(*) FROM pg_class');
    const ran = await withClient(db.ownerUrl, (owner) => distributeForCitus(owner));
    expect(ran).toEqual([]);
    expect(await queryRows(db.ownerUrl, 'SELECT count(*) FROM pg_class')).toEqual(before);
  });
});
