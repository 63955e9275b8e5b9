import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { queryRows } from '../testing/with-client';
import { checksumOf } from './checksum';
import type { Migration } from './load-migrations';
import { migrateFleet } from './migrate-fleet';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  await queryRows(
    db.ownerUrl,
    `CREATE TABLE public.probe (target text, pid int, leaked text, started timestamptz, ended timestamptz)`,
  );
});
afterAll(() => db?.drop());

function migration(sql: string): Migration {
  return { name: '20260101000000_probe', sql, checksum: checksumOf(sql) };
}

function schemaTargets(prefix: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    label: `${prefix}_${i}`,
    connectionString: db.ownerUrl,
    schema: `${prefix}_${i}`,
  }));
}

// Each target records its backend, the session setting the previous target left, and when it ran.
const probe = (sleep = 0) =>
  migration(`DO $$ DECLARE started timestamptz := clock_timestamp(); BEGIN
    PERFORM pg_sleep(${sleep});
    INSERT INTO public.probe VALUES (current_schema(), pg_backend_pid(),
      nullif(current_setting('eventora.probe', true), ''), started, clock_timestamp());
  END $$;
  SELECT set_config('eventora.probe', current_schema(), false);`);

describe('migrateFleet', () => {
  it('reuses a session for the schemas of one database, replaces it after targetsPerConnection, and leaks no session state', async () => {
    const report = await migrateFleet(schemaTargets('reuse', 7), [probe()], {
      concurrency: 1,
      targetsPerConnection: 2,
      connectionBudget: async () => 10,
    });
    expect(report.ok).toBe(true);
    expect(report.canary).toBe('reuse_0');
    expect(report.counts).toMatchObject({ applied: 7, failed: 0, not_attempted: 0 });

    const rows = await queryRows<{ target: string; pid: number; leaked: string | null }>(
      db.ownerUrl,
      "SELECT target, pid, leaked FROM public.probe WHERE target LIKE 'reuse%' ORDER BY started",
    );
    // The canary's own session, then sessions of two targets each: 1 + 2 + 2 + 2.
    const sessions = rows.map((row) => row.pid);
    expect(new Set(sessions).size).toBe(4);
    expect(sessions[1]).toBe(sessions[2]);
    expect(sessions[3]).toBe(sessions[4]);
    expect(sessions[2]).not.toBe(sessions[3]);
    // 1 + 3 sessions of the targets, and the one that read the six (still empty) ledgers.
    expect(report.servers).toEqual([
      expect.objectContaining({
        targets: 6,
        concurrency: 1,
        connectionsOpened: 5,
        checkedInBulk: 0,
      }),
    ]);
    // DISCARD ALL between targets: nothing the previous target's migration set is seen.
    expect(rows.map((row) => row.leaked)).toEqual(rows.map(() => null));
  });

  it("caps a server's concurrency at its connection budget", async () => {
    const report = await migrateFleet(schemaTargets('budget', 4), [probe(0.2)], {
      concurrency: 4,
      connectionBudget: async () => 1,
    });
    expect(report.servers).toEqual([expect.objectContaining({ concurrency: 1 })]);
    const overlaps = await queryRows<{ running: number }>(
      db.ownerUrl,
      `SELECT (SELECT count(*)::int FROM public.probe q WHERE q.target LIKE 'budget%'
                 AND q.started <= p.started AND p.started < q.ended) AS running
         FROM public.probe p WHERE p.target LIKE 'budget%'`,
    );
    expect(Math.max(...overlaps.map((row) => row.running))).toBe(1);
  });

  it('stops starting targets after a failure and, given what finished, runs only the rest', async () => {
    const all = schemaTargets('stop', 5);
    await queryRows(db.ownerUrl, 'CREATE SCHEMA stop_2; CREATE TABLE stop_2.things (x int)');
    const create = migration('CREATE TABLE things (id int PRIMARY KEY);');
    const first = await migrateFleet(all, [create], {
      concurrency: 1,
      connectionBudget: async () => 10,
    });
    expect(first.ok).toBe(false);
    expect(first.targets.map((target) => [target.label, target.status])).toEqual([
      ['stop_0', 'applied'],
      ['stop_1', 'applied'],
      ['stop_2', 'failed'],
      ['stop_3', 'not_attempted'],
      ['stop_4', 'not_attempted'],
    ]);
    expect(first.targets[2]).toMatchObject({
      migration: '20260101000000_probe',
      error: expect.stringContaining('relation "things" already exists'),
    });

    await queryRows(db.ownerUrl, 'DROP TABLE stop_2.things');
    const second = await migrateFleet(all, [create], {
      doneBefore: new Set(['stop_0', 'stop_1']),
      connectionBudget: async () => 10,
    });
    expect(second.ok).toBe(true);
    expect(second.canary).toBe('stop_2');
    expect(second.targets.map((target) => target.status)).toEqual([
      'done_before',
      'done_before',
      'applied',
      'applied',
      'applied',
    ]);
  });

  it('finds current schemas by reading their ledgers in bulk, and still visits and fails a schema whose applied migration changed', async () => {
    const all = schemaTargets('bulk', 6);
    const step = (n: number) => migration(`CREATE TABLE step_${n} (id int);`);
    const applied = await migrateFleet(all, [step(1)], { connectionBudget: async () => 10 });
    expect(applied.counts.applied).toBe(6);

    // bulk_2 is one migration behind; bulk_4's ledger says its migration had other contents.
    const second = { ...step(2), name: '20260101000001_second' };
    await migrateFleet([all[2]!], [step(1), second]);
    await queryRows(db.ownerUrl, `UPDATE bulk_4._prisma_migrations SET checksum = repeat('0', 64)`);
    const rerun = await migrateFleet(all, [step(1), second], {
      concurrency: 1,
      connectionBudget: async () => 10,
    });
    expect(rerun.targets.map((t) => [t.label, t.status, t.checkedInBulk ?? false])).toEqual([
      ['bulk_0', 'applied', false], // the canary, alone
      ['bulk_1', 'applied', false],
      ['bulk_2', 'current', true],
      ['bulk_3', 'applied', false],
      ['bulk_4', 'failed', false],
      ['bulk_5', 'not_attempted', false],
    ]);
    expect(rerun.targets[4]!.error).toContain('changed after being applied');
    expect(await queryRows(db.ownerUrl, "SELECT to_regclass('bulk_4.step_2') AS t")).toEqual([
      { t: null },
    ]);

    // Everything current now but bulk_4: a no-op run opens no session per schema…
    await queryRows(db.ownerUrl, 'DELETE FROM bulk_4._prisma_migrations');
    await queryRows(db.ownerUrl, 'DROP TABLE bulk_4.step_1');
    await migrateFleet(all, [step(1), second], { connectionBudget: async () => 10 });
    const noop = await migrateFleet(all, [step(1), second], {
      concurrency: 1,
      connectionBudget: async () => 10,
    });
    expect(noop.ok).toBe(true);
    expect(noop.counts.current).toBe(6);
    expect(noop.servers).toEqual([
      expect.objectContaining({ targets: 5, checkedInBulk: 5, connectionsOpened: 2 }),
    ]);
    // …and a migration started and never finished sends its schema to a visit, which refuses it.
    await queryRows(
      db.ownerUrl,
      `INSERT INTO bulk_3._prisma_migrations (id, checksum, migration_name)
       VALUES (gen_random_uuid(), repeat('0', 64), '20260101000002_half_done')`,
    );
    const unfinished = await migrateFleet(all, [step(1), second], {
      concurrency: 1,
      connectionBudget: async () => 10,
    });
    expect(unfinished.targets[3]).toMatchObject({ status: 'failed' });
    expect(unfinished.targets[3]!.error).toContain('never finished');
    expect(unfinished.counts).toMatchObject({ current: 5, failed: 1 });
  });

  it("reads a large database's ledgers on as many sessions as the concurrency allows", async () => {
    const many = schemaTargets('lanes', 601);
    const tiny = migration('CREATE TABLE tiny (id int);');
    await migrateFleet(many, [tiny], { concurrency: 4, connectionBudget: async () => 10 });
    const noop = await migrateFleet(many, [tiny], {
      concurrency: 2,
      connectionBudget: async () => 10,
    });
    expect(noop.counts.current).toBe(601);
    // The canary's session, then two sessions of 300 ledgers each.
    expect(noop.servers).toEqual([
      expect.objectContaining({ targets: 600, checkedInBulk: 600, connectionsOpened: 3 }),
    ]);
  });
});
