import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { verifyPassword } from '@eventora/auth/password';
import { migrationsDir } from '@eventora/db/migrations';
import {
  anchorWeek,
  clinicIdFor,
  DEMO_PASSWORD,
  SHARED_CLIENT_EMAIL,
  type SeedResult,
} from '@eventora/db/dev';
import { provisionClinic, TenantRouter } from '@eventora/tenancy';
import { loadMigrations } from '@eventora/tenancy/migrations';
import { createTestDatabase } from '@eventora/tenancy/testing';
import type { TestDatabase } from '@eventora/tenancy/testing';

import { seedDemoData } from './seed-demo-data';

/** Where each demo clinic's tenant rows live. */
const SCHEMAS = ['public', 'clinic_gamma'] as const;
type Schema = (typeof SCHEMAS)[number];

/** Runs `sql` with `schema` first on the search path, so unqualified names are its tables. */
async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
  schema: Schema = 'public',
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${client.escapeIdentifier(schema)}, public`);
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Every row of every table of every Eventora schema, read as the superuser (RLS does not apply
 * to it), as JSON in a stable order, keyed `schema.table`. `xmin` (the writing transaction) is
 * kept on request: a run that rewrites a row with identical values still changes it.
 */
async function dump(url: string, options: { withHashes: boolean; withXmin: boolean }) {
  // Every table, registry and tenant alike, except the migration ledgers (their timestamps are
  // the migration runs', not the seed's).
  const names = await query<{ name: string }>(
    url,
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY 1`,
    [SCHEMAS],
  );
  expect(names.length).toBeGreaterThanOrEqual(2 * 18);
  const tables: Record<string, unknown[]> = {};
  for (const { name: table } of names) {
    const strip = options.withHashes ? '' : ` - 'password_hash'`;
    const xmin = options.withXmin ? `|| jsonb_build_object('xmin', t.xmin::text)` : '';
    const rows = await query<{ row: unknown }>(
      url,
      `SELECT (to_jsonb(t)${strip}) ${xmin} AS row FROM ${table} t ORDER BY to_jsonb(t)::text`,
    );
    tables[table] = rows.map((r) => r.row);
  }
  return tables;
}

/** As the runtime role, in one transaction bound to `clinicId` (or to nothing). */
async function asApp<T extends pg.QueryResultRow>(
  db: TestDatabase,
  clinicId: string | null,
  sql: string,
  schema: Schema = 'public',
) {
  const client = new pg.Client({ connectionString: db.appUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL search_path TO ${client.escapeIdentifier(schema)}`);
    if (clinicId)
      await client.query("SELECT set_config('app.current_tenant', $1, true)", [clinicId]);
    const { rows } = await client.query<T>(sql);
    await client.query('COMMIT');
    return rows;
  } finally {
    await client.end();
  }
}

const alphaId = clinicIdFor('alpha');
const betaId = clinicIdFor('beta');
const gammaId = clinicIdFor('gamma');
// One instant for every run of this file: the seed week is derived from it.
const today = new Date();
const anchor = anchorWeek(today);

let first: TestDatabase;
let second: TestDatabase;
let firstRun: SeedResult;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  [firstRun] = await Promise.all([
    seedDemoData(first.ownerUrl, { today }),
    seedDemoData(second.ownerUrl, { today }),
  ]);
});

afterAll(async () => {
  await Promise.all([first?.drop(), second?.drop()]);
});

describe('seed', () => {
  it('creates alpha, beta, gamma and the platform operator', () => {
    expect(firstRun.anchor).toEqual(anchor);
    expect(firstRun.clinics.map(({ slug, id, created }) => ({ slug, id, created }))).toEqual([
      { slug: 'alpha', id: alphaId, created: true },
      { slug: 'beta', id: betaId, created: true },
      { slug: 'gamma', id: gammaId, created: true },
    ]);
    expect(firstRun.operator).toEqual({ email: 'admin@eventora.test', created: true });
  });

  it('writes identical rows into two fresh databases, password hashes aside', async () => {
    const [a, b] = await Promise.all([
      dump(first.adminUrl, { withHashes: false, withXmin: false }),
      dump(second.adminUrl, { withHashes: false, withXmin: false }),
    ]);
    // The spec's own bookings (paid with credits), and the lively schedule's desk bookings.
    const paid = (rows: unknown[] | undefined, payment: string) =>
      (rows ?? []).filter((row) => (row as { payment: string }).payment === payment).length;
    expect(paid(a['public.reservations'], 'credit')).toBe(23);
    expect(paid(a['clinic_gamma.reservations'], 'credit')).toBe(11);
    expect(paid(a['public.reservations'], 'desk')).toBeGreaterThan(100);
    expect(b).toEqual(a);
  });

  it('stores salted Argon2id hashes of the demo password', async () => {
    const hashes = await Promise.all(
      [first, second].map((db) =>
        query<{ hash: string }>(
          db.adminUrl,
          `SELECT password_hash AS hash FROM public.users WHERE email = 'owner@alpha.test'
           UNION ALL SELECT password_hash FROM clinic_gamma.users WHERE email = 'owner@gamma.test'
           UNION ALL SELECT password_hash FROM platform_operators`,
        ),
      ),
    );
    const all = hashes.flat().map((row) => row.hash);
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(all.length);
    for (const hash of all) {
      expect(hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(hash, DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(hash, 'wrong-password')).toBe(false);
    }
  });

  it('changes nothing when run again', async () => {
    const before = await dump(first.adminUrl, { withHashes: true, withXmin: true });
    const again = await seedDemoData(first.ownerUrl, { today });
    expect(again.clinics.every((clinic) => !clinic.created && !clinic.counts)).toBe(true);
    expect(again.operator.created).toBe(false);
    // Even a week later, when the anchor differs, a seeded clinic is left alone.
    await seedDemoData(first.ownerUrl, { today: new Date(today.getTime() + 7 * 86_400_000) });
    expect(await dump(first.adminUrl, { withHashes: true, withXmin: true })).toEqual(before);
  });

  it('gives every clinic its branches, therapists, packages and one user per role', async () => {
    const perSchema = await Promise.all(
      SCHEMAS.map((schema) =>
        query<{
          slug: string;
          branches: number;
          therapists: number;
          both: number;
          packages: number;
          roles: string[];
          currency: string[];
        }>(
          first.adminUrl,
          // The registry is public.clinics; the tenant tables are the schema's own.
          `SELECT c.slug,
                  (SELECT count(*)::int FROM branches b WHERE b.clinic_id = c.id) AS branches,
                  (SELECT count(*)::int FROM therapists t WHERE t.clinic_id = c.id) AS therapists,
                  (SELECT count(*)::int FROM (SELECT therapist_id FROM therapist_branches tb WHERE tb.clinic_id = c.id
                     GROUP BY therapist_id HAVING count(*) = 2) x) AS both,
                  (SELECT count(*)::int FROM packages p WHERE p.clinic_id = c.id) AS packages,
                  (SELECT array_agg(DISTINCT u.role::text ORDER BY u.role::text) FROM users u WHERE u.clinic_id = c.id) AS roles,
                  (SELECT array_agg(DISTINCT p.currency) FROM packages p WHERE p.clinic_id = c.id) AS currency
             FROM public.clinics c
            WHERE coalesce(c.schema_name, 'public') = current_schema()
            ORDER BY c.slug`,
          [],
          schema,
        ),
      ),
    );
    const roles = ['CLIENT', 'OWNER', 'STAFF', 'THERAPIST'];
    expect(perSchema.flat()).toEqual([
      { slug: 'alpha', branches: 2, therapists: 3, both: 2, packages: 3, roles, currency: ['mxn'] },
      { slug: 'beta', branches: 2, therapists: 3, both: 3, packages: 3, roles, currency: ['eur'] },
      { slug: 'gamma', branches: 2, therapists: 3, both: 2, packages: 3, roles, currency: ['cop'] },
    ]);
    const linked = await Promise.all(
      SCHEMAS.map((schema) =>
        query<{ email: string }>(
          first.adminUrl,
          `SELECT u.email FROM therapists t JOIN users u ON (u.clinic_id, u.id) = (t.clinic_id, t.user_id) ORDER BY 1`,
          [],
          schema,
        ),
      ),
    );
    expect(linked.flat().map((row) => row.email)).toEqual([
      'therapist@alpha.test',
      'therapist@beta.test',
      'therapist@gamma.test',
    ]);
  });
});

describe('gamma, in its own schema', () => {
  const tenantTables = async (schema: Schema) =>
    (
      await query<{ name: string }>(
        first.adminUrl,
        `SELECT table_name AS name FROM information_schema.columns
          WHERE table_schema = $1 AND column_name = 'clinic_id' ORDER BY 1`,
        [schema],
      )
    ).map((row) => row.name);

  it('is registered in public.clinics as a ready schema-mode clinic', async () => {
    const rows = await query(
      first.adminUrl,
      `SELECT id, mode::text, schema_name, status::text, onboarding->>'state' AS state
         FROM public.clinics WHERE slug = 'gamma'`,
    );
    expect(rows).toEqual([
      {
        id: gammaId,
        mode: 'schema',
        schema_name: 'clinic_gamma',
        status: 'active',
        state: 'ready',
      },
    ]);
    expect(await query(first.adminUrl, 'SELECT 1 FROM clinic_gamma.clinics')).toEqual([]);
  });

  it('has all its rows in clinic_gamma, none in public, and no other clinic’s there', async () => {
    const tables = await tenantTables('public');
    expect(tables).toEqual(await tenantTables('clinic_gamma'));
    expect(tables.length).toBeGreaterThanOrEqual(10);
    const clinicsIn = async (schema: Schema) =>
      (
        await query<{ clinic_id: string }>(
          first.adminUrl,
          tables
            .map((table) => `SELECT clinic_id FROM ${table} WHERE clinic_id IS NOT NULL`)
            .join(' UNION '),
          [],
          schema,
        )
      )
        .map((row) => row.clinic_id)
        .sort();
    expect(await clinicsIn('public')).toEqual([alphaId, betaId].sort());
    expect(await clinicsIn('clinic_gamma')).toEqual([gammaId]);
  });

  it('is migrated like the shared schema', async () => {
    const ledger = (schema: Schema) =>
      query<{ name: string }>(
        first.adminUrl,
        `SELECT migration_name AS name FROM ${schema}._prisma_migrations
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1`,
      );
    const migrations = (await loadMigrations(migrationsDir)).map((m) => m.name).sort();
    expect((await ledger('clinic_gamma')).map((row) => row.name)).toEqual(migrations);
    expect((await ledger('public')).map((row) => row.name)).toEqual(migrations);
  });
});

describe('seeded reservations', () => {
  describe.each(SCHEMAS)('in %s', (schema) => {
    it('never overlap for one therapist', async () => {
      const clashes = await query(
        first.adminUrl,
        `SELECT 1 FROM reservations a JOIN reservations b
           ON a.clinic_id = b.clinic_id AND a.therapist_id = b.therapist_id AND a.id < b.id
          WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'
            AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')`,
        [],
        schema,
      );
      expect(clashes).toEqual([]);
    });

    it('lie inside a shift of their therapist at their branch, and inside opening hours', async () => {
      const outside = await query<{ id: string }>(
        first.adminUrl,
        `WITH local AS (
           SELECT r.*, (r.starts_at AT TIME ZONE b.timezone) AS local_start, (r.ends_at AT TIME ZONE b.timezone) AS local_end,
                  t.session_minutes
             FROM reservations r
             JOIN branches b ON (b.clinic_id, b.id) = (r.clinic_id, r.branch_id)
             JOIN therapists t ON (t.clinic_id, t.id) = (r.clinic_id, r.therapist_id))
         SELECT l.id FROM local l
          WHERE l.local_start::date <> l.local_end::date
             OR l.ends_at - l.starts_at <> make_interval(mins => l.session_minutes)
             OR NOT EXISTS (
               SELECT 1 FROM therapist_shifts s
                WHERE (s.clinic_id, s.therapist_id, s.branch_id) = (l.clinic_id, l.therapist_id, l.branch_id)
                  AND s.weekday = extract(dow FROM l.local_start)
                  AND s.starts_at <= extract(epoch FROM l.local_start::time) / 60
                  AND extract(epoch FROM l.local_end::time) / 60 <= s.ends_at)
             OR NOT EXISTS (
               SELECT 1 FROM opening_hours o
                WHERE (o.clinic_id, o.branch_id) = (l.clinic_id, l.branch_id)
                  AND o.weekday = extract(dow FROM l.local_start)
                  AND o.opens_at <= extract(epoch FROM l.local_start::time) / 60
                  AND extract(epoch FROM l.local_end::time) / 60 <= o.closes_at)`,
        [],
        schema,
      );
      expect(outside).toEqual([]);
    });

    it('are past (completed, no-show, cancelled) before the seed week and booked after it', async () => {
      const rows = await query<{ status: string; starts_at: Date; ends_at: Date }>(
        first.adminUrl,
        "SELECT status::text, starts_at, ends_at FROM reservations WHERE payment = 'credit'",
        [],
        schema,
      );
      const weekEnd = anchor.getTime() + 7 * 86_400_000;
      expect(rows.filter((r) => r.ends_at.getTime() <= anchor.getTime()).length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.starts_at.getTime() >= weekEnd).length).toBeGreaterThan(0);
      for (const row of rows) {
        if (row.status === 'booked')
          expect(row.starts_at.getTime()).toBeGreaterThanOrEqual(weekEnd);
        if (row.status === 'completed' || row.status === 'no_show')
          expect(row.ends_at.getTime()).toBeLessThanOrEqual(anchor.getTime());
      }
    });

    it('fill the current week around today: attended before it, booked from it on', async () => {
      const rows = await query<{
        status: string;
        starts_at: Date;
        arrived: boolean;
        paid: boolean;
      }>(
        first.adminUrl,
        `SELECT r.status::text, r.starts_at, r.arrived_at IS NOT NULL AS arrived,
                EXISTS (SELECT 1 FROM payments p WHERE (p.clinic_id, p.reservation_id) = (r.clinic_id, r.id)) AS paid
           FROM reservations r WHERE r.payment = 'desk'`,
        [],
        schema,
      );
      const day = 86_400_000;
      const thisWeek = rows.filter(
        (r) => r.starts_at >= anchor && r.starts_at.getTime() < anchor.getTime() + 7 * day,
      );
      expect(thisWeek.length).toBeGreaterThan(15);
      for (const row of rows) {
        if (row.status === 'booked')
          expect(row.starts_at.getTime()).toBeGreaterThan(today.getTime() - 2 * day);
        else expect(row.starts_at.getTime()).toBeLessThan(today.getTime() + day);
        // Everyone who came was marked arrived and paid at the desk.
        expect([row.arrived, row.paid]).toEqual(
          row.status === 'completed' ? [true, true] : [false, false],
        );
      }
    });

    it('keep credits consistent: left = total - active reservations, within validity, own packages only', async () => {
      const wrong = await query(
        first.adminUrl,
        `SELECT up.id FROM user_packages up
          WHERE up.credits_left <> up.credits_total - (
                  SELECT count(*) FROM reservations r
                   WHERE (r.clinic_id, r.user_package_id) = (up.clinic_id, up.id) AND r.status <> 'cancelled')
             OR EXISTS (
                  SELECT 1 FROM reservations r
                   WHERE (r.clinic_id, r.user_package_id) = (up.clinic_id, up.id)
                     AND (r.client_id <> up.user_id OR r.starts_at < up.created_at OR r.ends_at > up.expires_at))`,
        [],
        schema,
      );
      expect(wrong).toEqual([]);
      const credits = await query<{ left: number }>(
        first.adminUrl,
        'SELECT sum(credits_left)::int AS left FROM user_packages',
        [],
        schema,
      );
      expect(credits[0]?.left).toBeGreaterThan(0);
    });
  });
});

describe('isolation of the seeded clinics', () => {
  it('shows the runtime role bound to alpha only alpha’s users', async () => {
    const users = await asApp<{ clinic_id: string; email: string }>(
      first,
      alphaId,
      "SELECT clinic_id, email FROM users WHERE email NOT LIKE '%@walk-in.alpha.test' ORDER BY email",
    );
    expect(users.map((u) => u.email)).toEqual([
      'client@alpha.test',
      'diego@alpha.test',
      SHARED_CLIENT_EMAIL,
      'maria@alpha.test',
      'owner@alpha.test',
      'staff@alpha.test',
      'therapist@alpha.test',
    ]);
    expect(new Set(users.map((u) => u.clinic_id))).toEqual(new Set([alphaId]));
    const reservations = await asApp<{ clinic_id: string }>(
      first,
      alphaId,
      'SELECT DISTINCT clinic_id FROM reservations',
    );
    expect(reservations).toEqual([{ clinic_id: alphaId }]);
  });

  it('shows the runtime role bound to gamma, in clinic_gamma, only gamma’s users', async () => {
    const users = await asApp<{ clinic_id: string; email: string }>(
      first,
      gammaId,
      "SELECT clinic_id, email FROM users WHERE email NOT LIKE '%@walk-in.gamma.test' ORDER BY email",
      'clinic_gamma',
    );
    expect(users.map((u) => u.email)).toEqual([
      'client@gamma.test',
      SHARED_CLIENT_EMAIL,
      'mateo@gamma.test',
      'owner@gamma.test',
      'sofia@gamma.test',
      'staff@gamma.test',
      'therapist@gamma.test',
    ]);
    expect(new Set(users.map((u) => u.clinic_id))).toEqual(new Set([gammaId]));
    // RLS stays on in the clinic's own schema: bound to another clinic, it sees nothing there.
    expect(await asApp(first, alphaId, 'SELECT id FROM users', 'clinic_gamma')).toEqual([]);
    expect(await asApp(first, gammaId, 'SELECT id FROM users')).toEqual([]);
  });

  it('shows the runtime role with no clinic bound nothing, in either schema', async () => {
    for (const schema of SCHEMAS) {
      expect(await asApp(first, null, 'SELECT email FROM users', schema)).toEqual([]);
      expect(await asApp(first, null, 'SELECT id FROM reservations', schema)).toEqual([]);
    }
  });

  it('makes the same email at three clinics three different users', async () => {
    const find = `SELECT id, name, phone FROM users WHERE email = '${SHARED_CLIENT_EMAIL}'`;
    const [inAlpha] = await asApp<{ id: string; phone: string }>(first, alphaId, find);
    const [inBeta] = await asApp<{ id: string; phone: string }>(first, betaId, find);
    const [inGamma] = await asApp<{ id: string; phone: string }>(
      first,
      gammaId,
      find,
      'clinic_gamma',
    );
    const ids = [inAlpha?.id, inBeta?.id, inGamma?.id];
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(3);
    expect(new Set([inAlpha?.phone, inBeta?.phone, inGamma?.phone]).size).toBe(3);
    // Alpha's Jordan is invisible from beta, even by id.
    expect(await asApp(first, betaId, `SELECT 1 FROM users WHERE id = '${inAlpha?.id}'`)).toEqual(
      [],
    );
  });

  it('routes gamma to its schema for the app (TenantRouter, runtime role)', async () => {
    const router = new TenantRouter({ connectionString: first.appUrl });
    try {
      const emails = await router.withClinic('gamma', async (db) =>
        (
          await db.user.findMany({
            where: { NOT: { email: { endsWith: '@walk-in.gamma.test' } } },
            select: { email: true },
            orderBy: { email: 'asc' },
          })
        ).map((user) => user.email),
      );
      expect(emails).toContain('owner@gamma.test');
      expect(emails).toHaveLength(7);
      const alphaEmails = await router.withClinic('alpha', (db) =>
        db.user.findMany({ select: { email: true } }),
      );
      expect(alphaEmails.map((user) => user.email)).not.toContain('owner@gamma.test');
    } finally {
      await router.close();
    }
  });
});

describe('provisioning a seeded clinic again', () => {
  // Issue 11, item 1: provisioning a clinic in service used to answer "ready" (and the console
  // then invited an owner into it); it is refused now, and nothing of the clinic moves.
  it('is refused for gamma and alpha, and leaves their rows and routing alone', async () => {
    const routing = () =>
      query(
        second.adminUrl,
        `SELECT slug, id, mode::text, schema_name, status::text, routing_version, onboarding, updated_at
           FROM public.clinics ORDER BY slug`,
      );
    const before = await routing();
    const migrations = await loadMigrations(migrationsDir);
    await expect(
      provisionClinic(
        { slug: 'gamma', name: 'Gamma Rehab', mode: 'schema' },
        { ownerUrl: second.ownerUrl, migrations },
      ),
    ).rejects.toThrow(/already exists/);
    await expect(
      provisionClinic(
        { slug: 'alpha', name: 'Alpha Physio', mode: 'shared' },
        { ownerUrl: second.ownerUrl, migrations },
      ),
    ).rejects.toThrow(/already exists/);
    expect(await routing()).toEqual(before);
    expect(
      await query(
        second.adminUrl,
        "SELECT count(*)::int AS n FROM clinic_gamma.users WHERE email NOT LIKE '%@walk-in.gamma.test'",
      ),
    ).toEqual([{ n: 7 }]);
  });
});
