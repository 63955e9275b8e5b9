import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BoundClinic } from '../context/bound-clinic';
import { runWithClinic } from '../context/tenant-context';
import { isTenancyError } from '../errors';
import { createTestDatabase, type TestDatabase } from '../testing';
import { ClinicDatabasePool } from './clinic-database-pool';

/**
 * Two database clinics, each in a database of its own, behind one pool: whatever a unit of work
 * does with a connection, a statement runs only on the bound clinic's own database.
 */
describe('the pool of every database clinic', () => {
  let one: TestDatabase;
  let two: TestDatabase;
  const clinic = (slug: string, routingVersion = 1): BoundClinic => ({
    id: randomUUID(),
    slug,
    mode: 'database',
    routingVersion,
    schema: 'public',
  });
  const alpha = clinic('alpha');
  const bravo = clinic('bravo');

  const newPool = (limits: Partial<ConstructorParameters<typeof ClinicDatabasePool>[0]> = {}) => {
    const pool = new ClinicDatabasePool({
      max: 2,
      maxPerClinic: 2,
      maxUses: 1_000,
      waitMs: 2_000,
      ...limits,
    });
    pool.setRoute(alpha.id, { routingVersion: 1, connectionString: one.appUrl });
    pool.setRoute(bravo.id, { routingVersion: 1, connectionString: two.appUrl });
    return pool;
  };

  /** The database and backend a statement of the bound clinic ran on. */
  const where = async (pool: ClinicDatabasePool) => {
    const { rows } = await (pool.query as unknown as (text: string) => Promise<{ rows: Where[] }>)(
      'SELECT current_database() AS database, pg_backend_pid() AS pid',
    );
    return rows[0]!;
  };
  interface Where {
    database: string;
    pid: number;
  }

  const tenancyCode = (error: unknown) => (isTenancyError(error) ? error.code : String(error));

  beforeAll(async () => {
    [one, two] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });

  afterAll(async () => {
    await one?.drop();
    await two?.drop();
  });

  it('sends each clinic’s statements to its own database, interleaved, within its budget', async () => {
    const pool = newPool({ max: 2, maxPerClinic: 1 });
    try {
      const seen = await Promise.all(
        Array.from({ length: 40 }, (_, i) => {
          const bound = i % 2 === 0 ? alpha : bravo;
          return runWithClinic(bound, async () => {
            const first = await where(pool);
            await new Promise((resolve) => setTimeout(resolve, i % 5));
            const second = await where(pool);
            return { slug: bound.slug, databases: [first.database, second.database] };
          });
        }),
      );
      for (const { slug, databases } of seen)
        expect(databases).toEqual(slug === 'alpha' ? [one.name, one.name] : [two.name, two.name]);
      expect(pool.counts().open).toBeLessThanOrEqual(2);
    } finally {
      await pool.end();
    }
  });

  it('keeps a transaction on one connection of its clinic while other clinics come and go', async () => {
    const pool = newPool({ max: 2, maxPerClinic: 1 });
    try {
      const inTransaction = runWithClinic(alpha, async () => {
        const connection = await (pool.connect as () => Promise<TestConnection>)();
        try {
          await connection.query('BEGIN');
          const before = await connection.query(
            'SELECT pg_backend_pid() AS pid, txid_current() AS tx',
          );
          await new Promise((resolve) => setTimeout(resolve, 150));
          const after = await connection.query(
            'SELECT pg_backend_pid() AS pid, txid_current() AS tx',
          );
          await connection.query('COMMIT');
          return [before.rows[0], after.rows[0]];
        } finally {
          connection.release();
        }
      });
      // Meanwhile bravo's units of work take the other connection, again and again.
      for (let i = 0; i < 5; i++)
        expect((await runWithClinic(bravo, () => where(pool))).database).toBe(two.name);
      const [before, after] = await inTransaction;
      expect(after).toEqual(before);
    } finally {
      await pool.end();
    }
  });

  it('refuses, before sending it, a statement of another clinic or of none on a clinic’s connection', async () => {
    const pool = newPool();
    try {
      const connection = await runWithClinic(alpha, () =>
        (pool.connect as () => Promise<TestConnection>)(),
      );
      const asBravo = await runWithClinic(bravo, async () =>
        connection.query('SELECT current_database()').then(() => 'ran', tenancyCode),
      );
      expect(asBravo).toBe('CROSS_TENANT');
      expect(await connection.query('SELECT 1').then(() => 'ran', tenancyCode)).toBe(
        'TENANT_NOT_BOUND',
      );
      // A connection that refused a statement is closed, not handed to alpha's next unit of work.
      const firstPid = await runWithClinic(alpha, async () => {
        const { rows } = await connection.query('SELECT pg_backend_pid() AS pid');
        return rows[0]!.pid;
      });
      await runWithClinic(alpha, async () => connection.release());
      expect((await runWithClinic(alpha, () => where(pool))).pid).not.toBe(firstPid);
    } finally {
      await pool.end();
    }
  });

  it('hands no connection to a unit of work with no clinic, a schema clinic or a stale route', async () => {
    const pool = newPool();
    try {
      expect(await where(pool).then(() => 'ran', tenancyCode)).toBe('TENANT_NOT_BOUND');
      const schemaClinic = { ...clinic('charlie'), mode: 'schema' as const, schema: 'clinic_x' };
      pool.setRoute(schemaClinic.id, { routingVersion: 1, connectionString: one.appUrl });
      expect(
        await runWithClinic(schemaClinic, () => where(pool).then(() => 'ran', tenancyCode)),
      ).toBe('CLINIC_NOT_FOUND');
      const unknown = clinic('delta');
      expect(await runWithClinic(unknown, () => where(pool).then(() => 'ran', tenancyCode))).toBe(
        'CLINIC_NOT_FOUND',
      );

      // alpha moves to the second database (routing version 2) while a unit of work bound at
      // version 1 is under way: that unit's next statement is refused, never sent anywhere.
      const movedAlpha = { ...alpha, routingVersion: 2 };
      const result = await runWithClinic(alpha, async () => {
        const before = (await where(pool)).database;
        pool.setRoute(alpha.id, { routingVersion: 2, connectionString: two.appUrl });
        const after = await where(pool).then((row) => row.database, tenancyCode);
        return [before, after];
      });
      expect(result).toEqual([one.name, 'CLINIC_NOT_FOUND']);
      expect((await runWithClinic(movedAlpha, () => where(pool))).database).toBe(two.name);
      // An older registry read can never route it back.
      pool.setRoute(alpha.id, { routingVersion: 1, connectionString: one.appUrl });
      expect((await runWithClinic(movedAlpha, () => where(pool))).database).toBe(two.name);
    } finally {
      await pool.end();
    }
  });

  it('closes another clinic’s idle connection to make room, and answers ROUTER_AT_CAPACITY when all are busy', async () => {
    const pool = newPool({ max: 1, maxPerClinic: 1, waitMs: 200 });
    try {
      await runWithClinic(alpha, () => where(pool));
      expect((await runWithClinic(bravo, () => where(pool))).database).toBe(two.name);
      expect(pool.evictions).toBe(1);
      const held = await runWithClinic(alpha, () =>
        (pool.connect as () => Promise<TestConnection>)(),
      );
      expect(await runWithClinic(bravo, () => where(pool).then(() => 'ran', tenancyCode))).toBe(
        'ROUTER_AT_CAPACITY',
      );
      // A waiter is served as soon as the busy connection is released.
      const waiting = runWithClinic(bravo, () => where(pool));
      held.release();
      expect((await waiting).database).toBe(two.name);
      expect(pool.counts().open).toBe(1);
    } finally {
      await pool.end();
    }
  });
});

interface TestConnection {
  query(text: string): Promise<{ rows: Record<string, number>[] }>;
  release(): void;
}
