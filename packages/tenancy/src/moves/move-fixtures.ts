import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { migrationsDir } from '@eventora/db/migrations';

import { runWithClinic } from '../context/tenant-context';
import { isTenancyError } from '../errors';
import { loadMigrations } from '../migrations';
import { databaseUrlResolver, sameServerRef } from '../provisioning/database-url';
import { TenantRouter } from '../router/tenant-router';
import { asClinic, seedTwoClinics } from '../schema/two-clinics';
import type { TestDatabase } from '../testing';
import { withClient } from '../with-client';
import type { MoveOptions } from './move-clinic';

// Test support for the move engine: clinics with every table filled, and writers that keep
// booking, cancelling and buying through the tenant router while a move runs.

export interface MoveClinic {
  id: string;
  slug: string;
  clientId: string;
  therapistId: string;
  branchId: string;
  packageId: string;
}

/** Three shared clinics (`clinic-a` moves; `clinic-b`, `clinic-c` stay), every table filled. */
export async function seedMoveClinics(db: TestDatabase, reservations: number) {
  const { a, b } = await seedTwoClinics(db.ownerUrl);
  const c = await withClient(db.ownerUrl, async (owner) => {
    const id = randomUUID();
    await owner.query("INSERT INTO clinics (id, slug, name) VALUES ($1, 'clinic-c', 'C')", [id]);
    return id;
  });
  // Clinic C: a copy of B's shape, enough for writers.
  const ids = {
    clientId: randomUUID(),
    therapistId: randomUUID(),
    branchId: randomUUID(),
    packageId: randomUUID(),
  };
  await withClient(db.ownerUrl, (owner) =>
    asClinic(owner, c, async () => {
      await owner.query(
        "INSERT INTO users (clinic_id, id, email, name) VALUES ($1, $2, 'client@c.test', 'C')",
        [c, ids.clientId],
      );
      await owner.query(
        "INSERT INTO branches (clinic_id, id, name, timezone) VALUES ($1, $2, 'Main', 'UTC')",
        [c, ids.branchId],
      );
      await owner.query("INSERT INTO therapists (clinic_id, id, name) VALUES ($1, $2, 'T')", [
        c,
        ids.therapistId,
      ]);
      await owner.query(
        "INSERT INTO packages (clinic_id, id, name, sessions_included, price_cents, currency, validity_days) VALUES ($1, $2, 'Five', 5, 50000, 'usd', 90)",
        [c, ids.packageId],
      );
    }),
  );
  await bulkReservations(db, a.id, a, reservations);
  const clinics: Record<'a' | 'b' | 'c', MoveClinic> = {
    a: { ...a, slug: 'clinic-a' },
    b: { ...b, slug: 'clinic-b' },
    c: { id: c, slug: 'clinic-c', ...ids },
  };
  return clinics;
}

/** `count` past reservations of one therapist, an hour apart (no overlap), with audit rows. */
async function bulkReservations(
  db: TestDatabase,
  clinicId: string,
  ids: { clientId: string; therapistId: string; branchId: string },
  count: number,
): Promise<void> {
  await withClient(db.ownerUrl, (owner) =>
    asClinic(owner, clinicId, async () => {
      await owner.query(
        `INSERT INTO reservations (clinic_id, id, client_id, therapist_id, branch_id, starts_at, ends_at, status, notes)
         SELECT $1, gen_random_uuid(), $2, $3, $4,
                timestamptz '2020-01-01 00:00Z' + make_interval(hours => i),
                timestamptz '2020-01-01 00:00Z' + make_interval(hours => i) + interval '50 minutes',
                CASE WHEN i % 7 = 0 THEN 'cancelled'::"ReservationStatus" ELSE 'completed'::"ReservationStatus" END,
                CASE WHEN i % 3 = 0 THEN 'Note ' || i || E' with a\\ttab and a\\nnewline' END
           FROM generate_series(1, $5::int) AS i`,
        [clinicId, ids.clientId, ids.therapistId, ids.branchId, count],
      );
      for (let i = 0; i < 20; i++) {
        await owner.query(
          "INSERT INTO audit_logs (clinic_id, id, actor_type, action, metadata) VALUES ($1, gen_random_uuid(), 'system', 'seed.bulk', $2)",
          [clinicId, JSON.stringify({ i })],
        );
      }
    }),
  );
}

/** The engine's options for a test database (dedicated databases named after it, for teardown). */
export async function moveOptions(
  db: TestDatabase,
  extra: Partial<MoveOptions> = {},
): Promise<MoveOptions> {
  return {
    ownerUrl: db.ownerUrl,
    appUrl: db.appUrl,
    migrations: await loadMigrations(migrationsDir),
    catchUpThreshold: 20,
    ...extra,
  };
}

/** A same-server database reference the harness drops with the run. */
export function testDatabaseRef(db: TestDatabase, slug: string): string {
  return sameServerRef(`${db.name}_${slug.replaceAll('-', '_')}`);
}

export function testRouter(db: TestDatabase): TenantRouter {
  return new TenantRouter({
    connectionString: db.appUrl,
    resolveDatabaseUrl: databaseUrlResolver(db.appUrl, {}),
    connectionBudget: 12,
  });
}

/** What a writer saw: ids acknowledged (committed), refusals by kind. */
export interface WriterLog {
  booked: string[];
  cancelled: string[];
  bought: string[];
  frozen: number;
  failed: string[];
}

/**
 * Books (future slots, one per iteration), cancels every third booking and buys a package, as
 * the portal does: through the router and the tenant client, so a flip is followed. Runs until
 * `stop()`; resolves to what was acknowledged.
 */
export function startWriter(router: TenantRouter, clinic: MoveClinic, slotOffset: number) {
  const log: WriterLog = { booked: [], cancelled: [], bought: [], frozen: 0, failed: [] };
  let running = true;
  const done = (async () => {
    for (let i = 0; running; i++) {
      try {
        await router.withClinic(clinic.id, async (db) => {
          const id = randomUUID();
          const startsAt = new Date(Date.UTC(2031, 0, 1) + (slotOffset + i) * 3_600_000);
          await db.reservation.create({
            data: {
              id,
              clinicId: clinic.id,
              clientId: clinic.clientId,
              therapistId: clinic.therapistId,
              branchId: clinic.branchId,
              startsAt,
              endsAt: new Date(startsAt.getTime() + 3_000_000),
            },
          });
          log.booked.push(id);
          if (i % 3 === 0) {
            await db.reservation.update({
              where: { clinicId_id: { clinicId: clinic.id, id } },
              data: { status: 'cancelled', cancelledAt: new Date() },
            });
            log.cancelled.push(id);
          }
          if (i % 5 === 0) {
            const purchase = randomUUID();
            await db.userPackage.create({
              data: {
                id: purchase,
                clinicId: clinic.id,
                userId: clinic.clientId,
                packageId: clinic.packageId,
                creditsTotal: 5,
                creditsLeft: 5,
                expiresAt: new Date(Date.UTC(2032, 0, 1)),
                purchaseReference: `test:${purchase}`,
              },
            });
            log.bought.push(purchase);
          }
        });
      } catch (error) {
        if (isTenancyError(error, 'CLINIC_FROZEN')) log.frozen++;
        else log.failed.push(error instanceof Error ? error.message : String(error));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    return log;
  })();
  return {
    stop: async () => {
      running = false;
      return done;
    },
  };
}

/** The clinic's reservations and purchases as its router route sees them now. */
export async function readBack(router: TenantRouter, clinic: MoveClinic) {
  return router.withClinic(clinic.id, async (db) => ({
    reservations: await db.reservation.findMany({ select: { id: true, status: true } }),
    purchases: await db.userPackage.findMany({ select: { id: true } }),
  }));
}

/** Raw SQL as the runtime role with the clinic bound, at a schema of a database. */
export async function rawAsRuntime<T>(
  url: string,
  schema: string,
  clinicId: string,
  work: (sql: pg.Client) => Promise<T>,
): Promise<T> {
  return withClient(url, async (sql) => {
    await sql.query(`SET search_path TO ${sql.escapeIdentifier(schema)}, public`);
    await sql.query('BEGIN');
    await sql.query("SELECT set_config('app.current_tenant', $1, true)", [clinicId]);
    try {
      const result = await work(sql);
      await sql.query('COMMIT');
      return result;
    } catch (error) {
      await sql.query('ROLLBACK');
      throw error;
    }
  });
}

export { runWithClinic };
