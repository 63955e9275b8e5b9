import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readClinicRecord } from '../router/clinic-record';
import type { TenantRouter } from '../router/tenant-router';
import { clinicFingerprint, listTenantTables } from '../tables';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { brokenAuditChain } from './audit-chain';
import { appEndpoint, ownerEndpoint, type Location } from './location';
import { startMove, type MoveOptions } from './move-clinic';
import { digestTables } from './move-digest';
import {
  moveOptions,
  rawAsRuntime,
  readBack,
  seedMoveClinics,
  startWriter,
  testDatabaseRef,
  testRouter,
  type MoveClinic,
} from './move-fixtures';

let db: TestDatabase;
let options: MoveOptions;
let router: TenantRouter;
let clinics: Record<'a' | 'b' | 'c', MoveClinic>;
let moves = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  clinics = await seedMoveClinics(db, 10_000);
  // Reservations (10k rows) are compared in buckets before the freeze, as at 1M rows.
  options = await moveOptions(db, { verifyInBucketsFromRows: 1_000 });
  router = testRouter(db);
});
afterAll(async () => {
  await router?.close();
  await db?.drop();
});

async function fingerprintAt(location: Location, clinicId: string) {
  const at = ownerEndpoint(location, options);
  return withClient(at.url, (client) => clinicFingerprint(client, { schema: at.schema, clinicId }));
}

/** The move's own digest of every tenant table, recomputed whole. */
async function digestAt(location: Location, clinicId: string) {
  const at = ownerEndpoint(location, options);
  return withClient(at.url, async (client) =>
    digestTables(client, at.schema, clinicId, await listTenantTables(client, at.schema)),
  );
}

/**
 * The reservations table's indexes, constraints and row level security (enabled and forced:
 * a dedicated target's load lifts FORCE for its transaction only), their schema left out.
 */
async function reservationIndexes(location: Location) {
  const at = ownerEndpoint(location, options);
  return withClient(at.url, async (client) => {
    const { rows } = await client.query<{ kind: string; name: string; definition: string }>(
      `SELECT 'index' AS kind, indexname AS name, replace(indexdef, quote_ident($1) || '.', '') AS definition
         FROM pg_indexes WHERE schemaname = $1 AND tablename = 'reservations'
       UNION ALL
       SELECT 'constraint', c.conname,
              replace(c.contype::text || ' ' || pg_get_constraintdef(c.oid), quote_ident($1) || '.', '')
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = $1 AND t.relname = 'reservations'
       UNION ALL
       SELECT 'row security', t.relname,
              format('enabled %s, forced %s', t.relrowsecurity, t.relforcerowsecurity)
         FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = $1 AND t.relname = 'reservations'
        ORDER BY 1, 2`,
      [at.schema],
    );
    return rows;
  });
}

const ref = () => testDatabaseRef(db, 'clinic-a');

/**
 * Every direction, one after the other: shared → schema → database → shared → database →
 * schema → shared, each while writers book, cancel and buy at the moving clinic and at two
 * others through the router. One of them runs gentle (`tenant:move --gentle`): the same
 * guarantees with the server's work done one piece at a time.
 */
describe.each([
  ['shared', 'schema', ''],
  ['schema', 'database', ''],
  ['database', 'shared', ''],
  ['shared', 'database', ' (gentle)'],
  ['database', 'schema', ''],
  ['schema', 'shared', ''],
] as const)('a move %s → %s%s', (from, to, gentle) => {
  it('keeps every acknowledged write exactly once, verifies, flips, and leaves the others alone', async () => {
    const before = await withClient(db.ownerUrl, (owner) =>
      readClinicRecord(owner as never, clinics.a.id),
    );
    expect(before!.mode).toBe(from);
    const others = {
      b: await fingerprintAt({ mode: 'shared', schema: null, databaseUrlRef: null }, clinics.b.id),
    };
    const offset = ++moves * 100_000;
    const writers = {
      a: startWriter(router, clinics.a, offset),
      b: startWriter(router, clinics.b, offset),
      c: startWriter(router, clinics.c, offset),
    };
    await new Promise((resolve) => setTimeout(resolve, 300));
    const move = await startMove(
      {
        slug: 'clinic-a',
        to,
        databaseUrlRef: to === 'database' ? ref() : undefined,
        actor: 'ops@eventora.test',
        reason: `test ${from} → ${to}`,
      },
      { ...options, gentle: gentle !== '' },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logs = {
      a: await writers.a.stop(),
      b: await writers.b.stop(),
      c: await writers.c.stop(),
    };

    expect(move.state).toBe('done');
    expect(move.step).toBe('retained');
    expect(move.checksums.target).toEqual(move.checksums.source);
    // Verified in buckets before the freeze; the figures are the whole-table digest of the
    // retained source, which stays frozen as verified.
    expect(move.timings.earlyVerifyMs).toEqual(expect.any(Number));
    expect(await digestAt(move.from, clinics.a.id)).toEqual(move.checksums.source);
    // Loaded with indexes rebuilt (dedicated targets): every index and constraint as migrated.
    const indexes = await reservationIndexes(move.to);
    expect(indexes.filter((row) => row.kind === 'constraint').map((row) => row.definition)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^x EXCLUDE USING gist/)]),
    );
    expect(indexes).toEqual(await reservationIndexes(move.from));
    expect(logs.a.failed).toEqual([]);
    expect(logs.b.failed).toEqual([]);
    expect(logs.c.failed).toEqual([]);
    expect(logs.a.booked.length).toBeGreaterThan(0);

    const after = await withClient(db.ownerUrl, (owner) =>
      readClinicRecord(owner as never, clinics.a.id),
    );
    expect(after).toMatchObject({
      mode: to,
      status: 'active',
      routingVersion: before!.routingVersion + 1,
    });

    // Nothing acknowledged lost, nothing duplicated, cancellations kept.
    for (const key of ['a', 'b', 'c'] as const) {
      const seen = await readBack(router, clinics[key]);
      const ids = seen.reservations.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(logs[key].booked));
      const cancelled = new Set(
        seen.reservations.filter((r) => r.status === 'cancelled').map((r) => r.id),
      );
      expect(logs[key].cancelled.every((id) => cancelled.has(id))).toBe(true);
      expect(seen.purchases.map((p) => p.id)).toEqual(expect.arrayContaining(logs[key].bought));
    }
    // Clinic B's tables other than those its own writer touched are as they were.
    const bAfter = await fingerprintAt(
      { mode: 'shared', schema: null, databaseUrlRef: null },
      clinics.b.id,
    );
    const untouched = (prints: typeof bAfter) =>
      prints.filter((p) => p.table !== 'reservations' && p.table !== 'user_packages');
    expect(untouched(bAfter)).toEqual(untouched(others.b));

    // The clinic's audit chain holds on the target, with the move recorded in it.
    const at = appEndpoint(move.to, options);
    const ownerAt = ownerEndpoint(move.to, options);
    expect(
      await withClient(ownerAt.url, (owner) =>
        brokenAuditChain(owner, ownerAt.schema, clinics.a.id),
      ),
    ).toBeUndefined();
    const actions = await rawAsRuntime(at.url, at.schema, clinics.a.id, async (sql) =>
      (await sql.query<{ action: string }>('SELECT action FROM audit_logs ORDER BY seq')).rows.map(
        (r) => r.action,
      ),
    );
    expect(actions).toEqual(
      expect.arrayContaining(['clinic.move.started', 'clinic.move.completed']),
    );

    // The source is kept, frozen: a stale writer there is refused by the database itself.
    const source = appEndpoint(move.from, options);
    await expect(
      rawAsRuntime(source.url, source.schema, clinics.a.id, (sql) =>
        sql.query("UPDATE branches SET name = 'stale write' WHERE clinic_id = $1", [clinics.a.id]),
      ),
    ).rejects.toMatchObject({ code: 'EV001' });
  });
});
