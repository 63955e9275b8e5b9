import pg from 'pg';
import { runWithClinic, TenantRouter, type TenantClient } from '@eventora/tenancy';
import {
  createClinicFixture,
  createTestDatabase,
  type ClinicFixture,
  type TestDatabase,
} from '@eventora/tenancy/testing';

import { hashPassword } from '../password';

// Test-only: a fresh database with two clinics, and helpers to act as either of them.

export const GOOD_PASSWORD = 'tidal-quartz-lantern-41';

export interface AuthTestWorld {
  database: TestDatabase;
  router: TenantRouter;
  a: ClinicFixture;
  b: ClinicFixture;
  /** Runs `work` bound to clinic A (or B) with its tenant client. */
  atA<T>(work: (db: TenantClient) => Promise<T>): Promise<T>;
  atB<T>(work: (db: TenantClient) => Promise<T>): Promise<T>;
  /** Creates a user with GOOD_PASSWORD (or `password`) at a clinic; returns its id. */
  addUser(
    clinic: ClinicFixture,
    email: string,
    options?: { password?: string; role?: 'OWNER' | 'STAFF' | 'THERAPIST' | 'CLIENT' },
  ): Promise<string>;
  /** Rows of a query run as the table owner with `clinicId` bound (RLS still applies). */
  ownerRows<T extends pg.QueryResultRow>(
    clinicId: string | null,
    sql: string,
    params?: unknown[],
  ): Promise<T[]>;
  close(): Promise<void>;
}

export async function createAuthTestWorld(
  modes: { a?: 'shared' | 'schema'; b?: 'shared' | 'schema' } = {},
): Promise<AuthTestWorld> {
  const database = await createTestDatabase();
  const router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 12 });
  const a = await createClinicFixture(database, router, {
    slug: 'alpha',
    mode: modes.a ?? 'shared',
  });
  const b = await createClinicFixture(database, router, {
    slug: 'beta',
    mode: modes.b ?? 'shared',
  });
  const at = <T>(fixture: ClinicFixture, work: (db: TenantClient) => Promise<T>) =>
    runWithClinic(fixture.clinic, () => work(fixture.db));
  return {
    database,
    router,
    a,
    b,
    atA: (work) => at(a, work),
    atB: (work) => at(b, work),
    async addUser(clinic, email, { password = GOOD_PASSWORD, role = 'CLIENT' } = {}) {
      const passwordHash = await hashPassword(password);
      const user = await at(clinic, (db) =>
        db.user.create({
          data: { clinicId: clinic.clinic.id, email, name: `User ${email}`, role, passwordHash },
        }),
      );
      return user.id;
    },
    async ownerRows(clinicId, sql, params = []) {
      const client = new pg.Client({ connectionString: database.ownerUrl });
      await client.connect();
      try {
        await client.query('BEGIN');
        if (clinicId)
          await client.query("SELECT set_config('app.current_tenant', $1, true)", [clinicId]);
        const { rows } = await client.query(sql, params);
        await client.query('COMMIT');
        return rows;
      } finally {
        await client.end();
      }
    },
    async close() {
      await router.close();
      await database.drop();
    },
  };
}
