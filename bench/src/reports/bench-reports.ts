// pnpm bench:reports [--json] [--rows N] [--runs N] [--reuse]
//
// Two clinics in the shared schema, each with N reservations (default 100,000) spread over the
// last year among 20 therapists at 3 branches, with clients, desk payments and package sales.
// Times the owners' report (computeReport, the body of report.summary, through the runtime
// role's tenant client with the clinic bound, so RLS applies) for a year by week, 90 days by
// day and 30 days by day: the first (cold) run and the median of the next runs. Not a test:
// numbers for docs/performance.md. Out of CI. Note the load average beside any figure.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { computeReport } from '@eventora/api';
import { DEV_ROLE_PASSWORDS, devRoleUrl } from '@eventora/db/dev-server';
import { migrationsDir } from '@eventora/db/migrations';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import { loadMigrations, migrateTarget } from '@eventora/tenancy/migrations';
import { databaseUrlResolver, runWithClinic, TenantRouter } from '@eventora/tenancy';
import { withClient } from '@eventora/tenancy/with-client';

import { openBenchServer } from '../tenancy/server';
import { percentile } from '../tenancy/stats';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
    /** Keep the database a previous run seeded (same --rows) and only measure. */
    reuse: { type: 'boolean', default: false },
  },
});

const log = (line: string) => process.stderr.write(`${line}\n`);
const ZONE = 'America/Mexico_City';
const NOW = new Date('2026-12-01T18:00:00Z');

async function main(): Promise<void> {
  const rows = Number(args.rows);
  const runs = Number(args.runs);
  const server = await openBenchServer(log);
  const name = 'eventora_bench_reports';
  try {
    const ownerUrl = devRoleUrl(server.adminUrl, 'owner', name);
    const appUrl = devRoleUrl(server.adminUrl, 'app', name);
    if (!args.reuse) {
      await withClient(server.adminUrl, async (admin) => {
        await bootstrapRoles(admin, DEV_ROLE_PASSWORDS);
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await createOwnedDatabase(admin, name);
      });
      await migrateTarget(
        { label: 'bench', connectionString: ownerUrl },
        await loadMigrations(migrationsDir),
      );
      log(`seeding 2 clinics with ${rows} reservations each…`);
      const seeded = Date.now();
      await withClient(ownerUrl, async (owner) => {
        for (const slug of ['big', 'other']) await seedClinic(owner, slug, rows);
        await owner.query('VACUUM ANALYZE');
      });
      log(`seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    }

    const tenants = new TenantRouter({
      connectionString: appUrl,
      resolveDatabaseUrl: databaseUrlResolver(appUrl, {}),
      connectionBudget: 4,
    });
    try {
      const { clinic, db } = await tenants.resolve('big', { by: 'slug' });
      const ranges = [
        {
          label: 'a year, by week',
          from: '2025-12-02',
          to: '2026-12-01',
          groupBy: 'week' as const,
        },
        { label: '90 days, by day', from: '2026-09-03', to: '2026-12-01', groupBy: 'day' as const },
        { label: '30 days, by day', from: '2026-11-02', to: '2026-12-01', groupBy: 'day' as const },
      ];
      const results = [];
      for (const range of ranges) {
        const times: number[] = [];
        let sessions = 0;
        for (let run = 0; run <= runs; run++) {
          const started = performance.now();
          const report = await runWithClinic(clinic, () =>
            computeReport(db, clinic.id, range, { timeZone: ZONE, now: NOW }),
          );
          times.push(performance.now() - started);
          sessions = report.bookings.totals.all;
        }
        const [cold, ...warm] = times;
        results.push({
          range: range.label,
          sessions,
          coldMs: round(cold!),
          medianMs: round(percentile(warm, 50)),
          maxMs: round(Math.max(...warm)),
        });
        log(
          `${range.label}: ${sessions} sessions, cold ${round(cold!)} ms, median ${round(percentile(warm, 50))} ms`,
        );
      }
      // The plan of the report's biggest statement, as the runtime role sees it (RLS on).
      const plan = await withClient(appUrl, async (app) => {
        await app.query('BEGIN');
        await app.query("SELECT set_config('app.current_tenant', $1, true)", [clinic.id]);
        const explained = await app.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT status, count(*) FROM reservations
            WHERE clinic_id = $1 AND starts_at >= '2025-12-02T06:00Z' AND starts_at < '2026-12-02T06:00Z'
            GROUP BY 1`,
          [clinic.id],
        );
        await app.query('ROLLBACK');
        return explained.rows.map((row) => row['QUERY PLAN']);
      });
      const report = {
        machine: { server: server.description, loadAverage: loadavg().map(round) },
        reservationsPerClinic: rows,
        runs,
        results,
        plan,
      };
      if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        console.log(`reports on a clinic with ${rows} reservations (and another as big beside it)`);
        console.table(results);
        console.log(plan.join('\n'));
        console.log(`load average after: ${report.machine.loadAverage.join(', ')}`);
      }
    } finally {
      await tenants.close();
    }
  } finally {
    await server.stop();
  }
}

/**
 * One clinic: 3 branches open 08:00–20:00 daily, 20 therapists on weekday shifts 09:00–17:00,
 * N/20 clients, `rows` reservations over the year before NOW (no therapist double-booked:
 * each therapist's sessions are 105 minutes apart), N/5 desk payments, N/10 package sales.
 */
async function seedClinic(
  owner: Parameters<Parameters<typeof withClient>[1]>[0],
  slug: string,
  rows: number,
): Promise<void> {
  const {
    rows: [clinic],
  } = await owner.query<{ id: string }>(
    `INSERT INTO clinics (id, slug, name, timezone) VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`,
    [slug, ZONE],
  );
  const id = clinic!.id;
  await owner.query('BEGIN');
  await owner.query("SELECT set_config('app.current_tenant', $1, true)", [id]);
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, [id, ...params]);
  await q(
    `INSERT INTO users (clinic_id, id, email, name, role)
           VALUES ($1, gen_random_uuid(), 'owner@' || $2 || '.test', 'Owner', 'OWNER')`,
    [slug],
  );
  await q(
    `INSERT INTO users (clinic_id, id, email, name)
           SELECT $1, gen_random_uuid(), 'client' || i || '@bench.test', 'Client ' || i
             FROM generate_series(1, greatest($2::int / 20, 1)) i`,
    [rows],
  );
  await q(
    `INSERT INTO branches (clinic_id, id, name, timezone)
           SELECT $1, gen_random_uuid(), 'Branch ' || i, $2 FROM generate_series(1, 3) i`,
    [ZONE],
  );
  await q(`INSERT INTO opening_hours (clinic_id, id, branch_id, weekday, opens_at, closes_at)
           SELECT $1, gen_random_uuid(), b.id, d, 480, 1200 FROM branches b, generate_series(0, 6) d
            WHERE b.clinic_id = $1`);
  await q(`INSERT INTO therapists (clinic_id, id, name)
           SELECT $1, gen_random_uuid(), 'Therapist ' || lpad(i::text, 2, '0') FROM generate_series(1, 20) i`);
  await q(`INSERT INTO therapist_branches (clinic_id, therapist_id, branch_id)
           SELECT $1, t.id, (SELECT array_agg(id ORDER BY name) FROM branches WHERE clinic_id = $1)[1 + (row_number() OVER (ORDER BY t.name))::int % 3]
             FROM therapists t WHERE t.clinic_id = $1`);
  await q(`INSERT INTO therapist_shifts (clinic_id, id, therapist_id, branch_id, weekday, starts_at, ends_at)
           SELECT $1, gen_random_uuid(), tb.therapist_id, tb.branch_id, d, 540, 1020
             FROM therapist_branches tb, generate_series(1, 5) d WHERE tb.clinic_id = $1`);
  await q(`INSERT INTO packages (clinic_id, id, name, sessions_included, price_cents, currency, validity_days)
           SELECT $1, gen_random_uuid(), i || ' sessions', i, i * 60000, 'mxn', 180 FROM generate_series(5, 10, 5) i`);
  await q(
    `WITH c AS (SELECT array_agg(id) AS ids FROM users WHERE clinic_id = $1 AND role = 'CLIENT'),
          t AS (SELECT array_agg(therapist_id ORDER BY therapist_id) AS ids,
                       array_agg(branch_id ORDER BY therapist_id) AS branches
                  FROM therapist_branches WHERE clinic_id = $1)
     INSERT INTO reservations (clinic_id, id, client_id, therapist_id, branch_id, starts_at, ends_at, status, payment)
     SELECT $1, gen_random_uuid(), c.ids[1 + i % cardinality(c.ids)], t.ids[1 + i % 20], t.branches[1 + i % 20],
            $2::timestamptz - interval '365 days' + make_interval(mins => (i / 20) * (525600 * 20 / $3::int)),
            $2::timestamptz - interval '365 days' + make_interval(mins => (i / 20) * (525600 * 20 / $3::int) + 50),
            (CASE i % 10 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'no_show' WHEN 2 THEN 'booked' ELSE 'completed' END)::"ReservationStatus",
            'desk'
       FROM c, t, generate_series(0, $3::int - 1) i`,
    [NOW, rows],
  );
  await q(
    `WITH c AS (SELECT array_agg(id) AS ids FROM users WHERE clinic_id = $1 AND role = 'CLIENT'),
          o AS (SELECT id FROM users WHERE clinic_id = $1 AND role = 'OWNER')
     INSERT INTO payments (clinic_id, id, client_id, amount_cents, currency, method, recorded_by, created_at)
     SELECT $1, gen_random_uuid(), c.ids[1 + i % cardinality(c.ids)], 50000 + (i % 7) * 1000, 'mxn',
            (ARRAY['cash', 'card_terminal', 'transfer'])[1 + i % 3]::"PaymentMethod", o.id,
            $2::timestamptz - make_interval(mins => i * 5)
       FROM c, o, generate_series(1, $3::int / 5) i`,
    [NOW, rows],
  );
  await q(
    `WITH c AS (SELECT array_agg(id) AS ids FROM users WHERE clinic_id = $1 AND role = 'CLIENT'),
          p AS (SELECT array_agg(id) AS ids FROM packages WHERE clinic_id = $1)
     INSERT INTO checkout_sessions (clinic_id, id, user_id, package_id, status)
     SELECT $1, 'cs_bench_' || i, c.ids[1 + i % cardinality(c.ids)], p.ids[1 + i % 2], 'completed'
       FROM c, p, generate_series(1, $2::int / 10) i WHERE i % 2 = 0`,
    [rows],
  );
  await q(
    `WITH c AS (SELECT array_agg(id) AS ids FROM users WHERE clinic_id = $1 AND role = 'CLIENT'),
          p AS (SELECT array_agg(id) AS ids FROM packages WHERE clinic_id = $1)
     INSERT INTO user_packages (clinic_id, id, user_id, package_id, credits_total, credits_left, expires_at, purchase_reference, created_at)
     SELECT $1, gen_random_uuid(), c.ids[1 + i % cardinality(c.ids)], p.ids[1 + i % 2], 5, i % 6,
            $2::timestamptz - make_interval(mins => i * 50) + interval '180 days',
            CASE WHEN i % 2 = 0 THEN 'cs_bench_' || i ELSE 'manual:' || i END,
            $2::timestamptz - make_interval(mins => i * 50)
       FROM c, p, generate_series(1, $3::int / 10) i`,
    [NOW, rows],
  );
  await owner.query('COMMIT');
}

const round = (value: number) => Math.round(value * 10) / 10;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
