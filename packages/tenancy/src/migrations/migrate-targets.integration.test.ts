import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { queryRows } from '../testing/with-client';
import { checksumOf } from './checksum';
import type { Migration } from './load-migrations';
import { migrateTargets } from './migrate-targets';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
});
afterAll(() => db?.drop());

const migrations: Migration[] = [
  'CREATE TABLE things (id int PRIMARY KEY);',
  'ALTER TABLE things ADD COLUMN name text;',
].map((sql, i) => ({ name: `2026010${i + 1}000000_step${i + 1}`, sql, checksum: checksumOf(sql) }));

function targets(prefix: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    label: `${prefix}_${i}`,
    connectionString: db.ownerUrl,
    schema: `${prefix}_${i}`,
  }));
}

describe('migrateTargets', () => {
  it('stops starting targets after a failure, and a re-run resumes where it stopped', async () => {
    const all = targets('clinic_fan', 5);
    // Target 2 already has a table of that name, so its first migration fails.
    await queryRows(
      db.ownerUrl,
      'CREATE SCHEMA clinic_fan_2; CREATE TABLE clinic_fan_2.things (x int);',
    );

    const first = await migrateTargets(all, migrations, { concurrency: 1 });
    expect(first.reports.map((report) => [report.target, report.applied.length])).toEqual([
      ['clinic_fan_0', 2],
      ['clinic_fan_1', 2],
    ]);
    expect(first.failed).toEqual({
      target: 'clinic_fan_2',
      migration: '20260101000000_step1',
      error: expect.stringContaining('relation "things" already exists'),
    });
    expect(first.notAttempted).toEqual(['clinic_fan_3', 'clinic_fan_4']);
    const schemas = await queryRows(
      db.ownerUrl,
      "SELECT nspname FROM pg_namespace WHERE nspname IN ('clinic_fan_3', 'clinic_fan_4')",
    );
    expect(schemas).toEqual([]);

    await queryRows(db.ownerUrl, 'DROP TABLE clinic_fan_2.things');
    const second = await migrateTargets(all, migrations, { concurrency: 3 });
    expect(second.failed).toBeUndefined();
    expect(second.notAttempted).toEqual([]);
    expect(
      second.reports.map((report) => [report.target, report.applied.length, report.alreadyApplied]),
    ).toEqual([
      ['clinic_fan_0', 0, 2],
      ['clinic_fan_1', 0, 2],
      ['clinic_fan_2', 2, 0],
      ['clinic_fan_3', 2, 0],
      ['clinic_fan_4', 2, 0],
    ]);
  });

  it('starts no other target when the canary fails', async () => {
    const [, ...rest] = targets('clinic_canary', 3);
    const unreachable = {
      label: 'canary',
      connectionString: db.ownerUrl.replace(db.name, `${db.name}_missing`),
    };
    const log: string[] = [];
    const result = await migrateTargets([unreachable, ...rest], migrations, {
      log: (line) => log.push(line),
    });

    expect(result).toEqual({
      reports: [],
      failed: {
        target: 'canary',
        error: expect.stringContaining('Cannot connect to target canary'),
      },
      notAttempted: ['clinic_canary_1', 'clinic_canary_2'],
    });
    expect(log).toEqual([expect.stringMatching(/^\[canary\] FAILED: Cannot connect/)]);
    const schemas = await queryRows(
      db.ownerUrl,
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'clinic_canary%'",
    );
    expect(schemas).toEqual([]);
  });

  it('runs the canary alone, then the others at most `concurrency` at a time', async () => {
    await queryRows(
      db.ownerUrl,
      'CREATE TABLE public.probe (target text, started timestamptz, ended timestamptz)',
    );
    // Each target records when its migration ran; the intervals show what overlapped.
    const sql = `DO $$ DECLARE started timestamptz := clock_timestamp(); BEGIN
      PERFORM pg_sleep(0.3);
      INSERT INTO public.probe VALUES (current_schema(), started, clock_timestamp());
    END $$;`;
    const result = await migrateTargets(
      targets('clinic_parallel', 5),
      [{ name: '20260101000000_probe', sql, checksum: checksumOf(sql) }],
      { concurrency: 2 },
    );
    expect(result.reports).toHaveLength(5);

    const overlaps = await queryRows<{ target: string; running: number }>(
      db.ownerUrl,
      `SELECT p.target, (SELECT count(*)::int FROM public.probe q
                          WHERE q.started <= p.started AND p.started < q.ended) AS running
         FROM public.probe p ORDER BY p.started`,
    );
    expect(overlaps[0]).toEqual({ target: 'clinic_parallel_0', running: 1 });
    const duringCanary = await queryRows(
      db.ownerUrl,
      `SELECT q.target FROM public.probe p JOIN public.probe q ON q.target <> p.target
        WHERE p.target = 'clinic_parallel_0' AND q.started < p.ended`,
    );
    expect(duringCanary).toEqual([]);
    expect(Math.max(...overlaps.map((row) => row.running))).toBe(2);
  });
});
