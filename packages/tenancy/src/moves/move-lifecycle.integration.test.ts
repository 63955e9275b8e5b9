import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isTenancyError } from '../errors';
import { readClinicRecord } from '../router/clinic-record';
import type { TenantRouter } from '../router/tenant-router';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';
import { appEndpoint, ownerEndpoint } from './location';
import {
  cleanupMove,
  resumeMove,
  rollbackMove,
  SimulatedCrash,
  startMove,
  type MoveOptions,
} from './move-clinic';
import { MoveError } from './move-error';
import {
  moveOptions,
  rawAsRuntime,
  seedMoveClinics,
  testDatabaseRef,
  testRouter,
  type MoveClinic,
} from './move-fixtures';
import { listMoves } from './move-record';
import { isFrozenAt } from './triggers';

let db: TestDatabase;
let options: MoveOptions;
let router: TenantRouter;
let clinics: Record<'a' | 'b' | 'c', MoveClinic>;

beforeAll(async () => {
  db = await createTestDatabase();
  clinics = await seedMoveClinics(db, 3_000);
  // Big enough at 3,000 reservations: the target's reservations load bare, indexes built after.
  options = await moveOptions(db, { rebuildIndexesFromRows: 1_000 });
  router = testRouter(db);
});
afterAll(async () => {
  await router?.close();
  await db?.drop();
});

const operator = { actor: 'ops@eventora.test', reason: 'growing clinic' };

/** Options that "kill" the engine at `point` (nothing recorded, connections dropped). */
const crashingAt = (point: string): MoveOptions => ({
  ...options,
  crashPoint: (reached) => {
    if (reached === point) throw new SimulatedCrash(point);
  },
});

/** A write at the clinic through the router, as the portal makes it: a new branch. */
const addBranch = (clinic: MoveClinic) =>
  router.withClinic(clinic.id, (tenant) =>
    tenant.branch.create({
      data: {
        clinicId: clinic.id,
        id: randomUUID(),
        name: `Branch ${randomUUID()}`,
        timezone: 'UTC',
      },
      select: { id: true },
    }),
  );

const branchIds = (clinic: MoveClinic) =>
  router.withClinic(clinic.id, async (tenant) =>
    (await tenant.branch.findMany({ select: { id: true } })).map((branch) => branch.id),
  );

const registry = (clinic: MoveClinic) =>
  withClient(db.ownerUrl, (owner) => readClinicRecord(owner as never, clinic.id));

describe('a move killed at any point', () => {
  it('is finished by resume, with writes in between kept and checksums equal; frozen stays frozen', async () => {
    const points = [
      'before:provision',
      'before:copy',
      'copy:reservations:half',
      'copy:reservations', // loaded bare and committed; no index built yet
      // A child of reservations, always copied after it; reservations' B-trees are being built
      // beside it on another session (killed with the process, whichever of them were done).
      'copy:reservation_notes',
      // Its exclusion constraint comes last, after every table is loaded: all of its indexes
      // are built, not yet recorded as built.
      'index:reservations:reservations_no_therapist_overlap',
      'before:catch_up',
      'catch_up:round1',
      'before:freeze',
      'before:final_delta',
      'final_delta:round',
      'before:verify',
      'before:flip',
      'flip:committed',
      'before:smoke',
      'before:unfreeze',
    ];
    const acknowledged: string[] = [];
    const [first, ...rest] = points;
    await expect(
      startMove({ slug: clinics.a.slug, to: 'schema', ...operator }, crashingAt(first!)),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    for (const point of rest) {
      const clinic = await registry(clinics.a);
      if (clinic!.status === 'frozen') {
        // Killed while frozen: still frozen, for the portal and for raw SQL of the runtime role.
        const write = addBranch(clinics.a);
        await expect(write).rejects.toSatisfy((error) => isTenancyError(error, 'CLINIC_FROZEN'));
        const at = appEndpoint(
          {
            mode: clinic!.mode,
            schema: clinic!.schemaName,
            databaseUrlRef: clinic!.databaseUrlRef,
          },
          options,
        );
        await expect(
          rawAsRuntime(at.url, at.schema, clinics.a.id, (sql) =>
            sql.query("UPDATE branches SET name = 'raw' WHERE clinic_id = $1", [clinics.a.id]),
          ),
        ).rejects.toMatchObject({ code: 'EV001' });
        // Reads go on; other clinics write as usual.
        expect((await branchIds(clinics.a)).length).toBeGreaterThan(0);
        await addBranch(clinics.b);
      } else {
        acknowledged.push((await addBranch(clinics.a)).id);
      }
      await expect(resumeMove(clinics.a.slug, crashingAt(point)), point).rejects.toBeInstanceOf(
        SimulatedCrash,
      );
    }
    const move = await resumeMove(clinics.a.slug, options);
    expect(move).toMatchObject({ state: 'done', step: 'retained' });
    expect(move.checksums.target).toEqual(move.checksums.source);
    const moved = await registry(clinics.a);
    expect(moved).toMatchObject({ mode: 'schema', status: 'active' });
    // Every index and constraint the bare load dropped is back, as the shared schema has them.
    const indexes = (schema: string) =>
      queryRows(
        db.ownerUrl,
        `SELECT replace(pg_get_indexdef(i.indexrelid), n.nspname || '.', '') AS definition
           FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = $1 AND t.relname = 'reservations' ORDER BY 1`,
        [schema],
      );
    expect(await indexes(moved!.schemaName!)).toEqual(await indexes('public'));
    expect(await indexes('public')).toContainEqual({
      definition: expect.stringContaining('reservations_no_therapist_overlap'),
    });
    expect(await branchIds(clinics.a)).toEqual(expect.arrayContaining(acknowledged));
    expect(acknowledged.length).toBeGreaterThanOrEqual(7);
    acknowledged.push((await addBranch(clinics.a)).id);
    expect(await branchIds(clinics.a)).toEqual(expect.arrayContaining(acknowledged));
  });
});

describe('verification', () => {
  it('stops a move whose target differs, names the table, unfreezes; resume copies again', async () => {
    const ref = testDatabaseRef(db, clinics.b.slug);
    await expect(
      startMove(
        { slug: clinics.b.slug, to: 'database', databaseUrlRef: ref, ...operator },
        crashingAt('before:verify'),
      ),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    // Someone with superuser rights edits the target behind the engine's back.
    const target = ownerEndpoint({ mode: 'database', schema: null, databaseUrlRef: ref }, options);
    const adminTarget = new URL(target.url);
    adminTarget.username = new URL(db.adminUrl).username;
    adminTarget.password = '';
    await queryRows(
      adminTarget.toString(),
      "SET session_replication_role = replica; UPDATE branches SET name = 'tampered' WHERE clinic_id = $1",
      [clinics.b.id],
    ).catch(async () =>
      withClient(adminTarget.toString(), async (admin) => {
        await admin.query('SET session_replication_role = replica');
        await admin.query("UPDATE branches SET name = 'tampered' WHERE clinic_id = $1", [
          clinics.b.id,
        ]);
      }),
    );

    const failed = resumeMove(clinics.b.slug, options);
    await expect(failed).rejects.toMatchObject({ code: 'VERIFY_MISMATCH' });
    await expect(failed).rejects.toThrow(
      /branches \(source (\d+) rows, target \1 rows, content differs\)/,
    );
    expect(await registry(clinics.b)).toMatchObject({ mode: 'shared', status: 'active' });
    await addBranch(clinics.b);

    const move = await resumeMove(clinics.b.slug, options);
    expect(move).toMatchObject({ state: 'done', step: 'retained' });
    expect(await registry(clinics.b)).toMatchObject({ mode: 'database', databaseUrlRef: ref });
  });
});

describe('rollback', () => {
  it('before the flip discards the target and gives the clinic its writes back where it was', async () => {
    await expect(
      startMove({ slug: clinics.c.slug, to: 'schema', ...operator }, crashingAt('before:flip')),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await registry(clinics.c)).toMatchObject({ status: 'frozen', mode: 'shared' });

    const move = await rollbackMove(clinics.c.slug, operator, options);
    expect(move.state).toBe('rolled_back');
    expect(await registry(clinics.c)).toMatchObject({ status: 'active', mode: 'shared' });
    const [schema] = await queryRows(
      db.ownerUrl,
      "SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'clinic_clinic_c'",
    );
    expect(schema).toEqual({ n: 0 });
    await addBranch(clinics.c);
    await withClient(db.ownerUrl, async (owner) =>
      expect(await isFrozenAt(owner, 'public', clinics.c.id)).toBe(false),
    );
  });

  it('after the flip moves the clinic back with the writes made since, and refuses once unsafe', async () => {
    await startMove({ slug: clinics.c.slug, to: 'schema', ...operator }, options);
    const since = (await addBranch(clinics.c)).id;

    const back = await rollbackMove(clinics.c.slug, operator, options);
    expect(back).toMatchObject({ state: 'done', step: 'retained', to: { mode: 'shared' } });
    expect(back.rollbackOf).toEqual(expect.any(String));
    expect(await registry(clinics.c)).toMatchObject({ mode: 'shared', status: 'active' });
    expect(await branchIds(clinics.c)).toContain(since);
    const history = await withClient(db.ownerUrl, (owner) => listMoves(owner, clinics.c.id));
    expect(history.map((move) => move.state)).toEqual(['done', 'rolled_back', 'rolled_back']);

    // Cleaned up: nothing to go back to.
    await expect(cleanupMove(clinics.c.slug, options)).rejects.toMatchObject({
      code: 'CLEANUP_REFUSED',
    });
    const cleaned = await cleanupMove(clinics.c.slug, {
      ...options,
      force: true,
      who: { actor: 'ops-anna', reason: 'disk space needed (ticket 77)' },
    });
    expect(cleaned.step).toBe('cleaned_up');
    // Audited like every step: the platform log and the clinic's own log, saying it was forced.
    const [platformEntry] = await queryRows<{ reason: string; metadata: Record<string, unknown> }>(
      db.adminUrl,
      "SELECT reason, metadata FROM platform_audit_logs WHERE action = 'clinic.move.cleaned_up' AND target_clinic_id = $1",
      [clinics.c.id],
    );
    expect(platformEntry).toMatchObject({
      reason: 'disk space needed (ticket 77)',
      metadata: { moveId: cleaned.id, forced: true, actor: 'ops-anna' },
    });
    const own = await queryRows<{ reason: string }>(
      db.adminUrl,
      "SELECT reason FROM audit_logs WHERE action = 'clinic.move.cleaned_up' AND clinic_id = $1",
      [clinics.c.id],
    );
    expect(own).toEqual([{ reason: 'disk space needed (ticket 77)' }]);
    await expect(rollbackMove(clinics.c.slug, operator, options)).rejects.toThrow(
      /was cleaned up on .*nothing to go back to/,
    );

    // Window over: refused with the date.
    await startMove(
      { slug: clinics.c.slug, to: 'schema', ...operator },
      { ...options, retentionDays: 0 },
    );
    const refused = rollbackMove(clinics.c.slug, operator, options);
    await expect(refused).rejects.toMatchObject({ code: 'ROLLBACK_REFUSED' });
    await expect(refused).rejects.toThrow(/rollback window ended/);
  });
});

describe('refusals', () => {
  it('refuses a suspended clinic, a second move in flight, and a move to where it already is', async () => {
    await queryRows(db.ownerUrl, "UPDATE clinics SET status = 'suspended' WHERE id = $1", [
      clinics.b.id,
    ]);
    await expect(
      startMove({ slug: clinics.b.slug, to: 'shared', ...operator }, options),
    ).rejects.toMatchObject({ code: 'CLINIC_SUSPENDED' });
    await queryRows(db.ownerUrl, "UPDATE clinics SET status = 'active' WHERE id = $1", [
      clinics.b.id,
    ]);

    // Clinic B lives in its own database by now (the verification test moved it).
    await expect(
      startMove({ slug: clinics.b.slug, to: 'schema', ...operator }, crashingAt('before:copy')),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const second = startMove({ slug: clinics.b.slug, to: 'shared', ...operator }, options);
    await expect(second).rejects.toBeInstanceOf(MoveError);
    await expect(second).rejects.toMatchObject({ code: 'MOVE_IN_PROGRESS' });

    // Two processes resuming at once: the second is refused while the first holds the lock.
    const [one, two] = await Promise.allSettled([
      resumeMove(clinics.b.slug, options),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        resumeMove(clinics.b.slug, options),
      ),
    ]);
    expect(one.status).toBe('fulfilled');
    expect(two).toMatchObject({ status: 'rejected', reason: { code: 'MOVE_IN_PROGRESS' } });

    await expect(
      startMove({ slug: clinics.b.slug, to: 'schema', ...operator }, options),
    ).rejects.toMatchObject({ code: 'ALREADY_THERE' });
  });
});
