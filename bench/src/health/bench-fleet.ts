// pnpm --filter @eventora/bench bench:fleet [--clinics 1000] [--calls 20] [--json]
//
// The console's fleet page (Health) at fleet size: `admin.health.fleet` — what the page loads,
// and again every minute — timed on a registry of `--clinics` clinics (default 1,000) with 90
// days of daily rollups (`clinic_usage_daily`) and API counts (`api_request_stats`, two
// procedure kinds), as an operator through the console's router, with the answer serialized as
// the console sends it (superjson). Target: under 300 ms at 1,000 clinics. The registry's clinics
// are rows only (shared mode, no tenant data): the page reads the rollups, never the clinics.
// Runs on its own embedded PostgreSQL (DATABASE_URL is not touched). Bounded: calls × 3 periods.
import os from 'node:os';
import { parseArgs } from 'node:util';

import { createConsoleCaller, createContext, type ApiServices } from '@eventora/api';
import { createPlatformClient, hashPassword } from '@eventora/auth';
import { databaseUrlResolver, TenantRouter } from '@eventora/tenancy';
import { withClient } from '@eventora/tenancy/with-client';
import superjson from 'superjson';

import { createWorld, startBenchPostgres } from '../load/world';
import { median, percentile } from '../tenancy/stats';

const { values: args } = parseArgs({
  options: {
    clinics: { type: 'string', default: '1000' },
    calls: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
  },
});
const CLINICS = Math.min(20_000, Math.max(1, Number(args.clinics)));
const CALLS = Math.min(200, Math.max(3, Number(args.calls)));
const HISTORY_DAYS = 90;
const PERIODS = [7, 30, 90] as const;
const TARGET_MS = 300;
const PASSWORD = 'fleet-bench-operator-2026';

async function main(): Promise<void> {
  const log = (line: string) => console.error(`[bench:fleet] ${line}`);
  const postgres = await startBenchPostgres(log);
  try {
    const world = await createWorld(postgres, {
      clinics: 0,
      schemaClinics: 0,
      databaseClinics: 0,
      log,
    });
    const seeded = Date.now();
    await seedFleet(world.urls.owner);
    log(
      `${CLINICS} clinics, ${HISTORY_DAYS} days of rollups seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`,
    );

    const tenants = new TenantRouter({
      connectionString: world.urls.app,
      resolveDatabaseUrl: databaseUrlResolver(world.urls.app, {}),
      connectionBudget: 10,
    });
    const platform = createPlatformClient({ connectionString: world.urls.platform });
    const services: ApiServices = {
      tenants,
      platform,
      rootDomain: 'localhost',
      mailer: { sendPasswordReset: async () => undefined },
      now: () => new Date(),
      portalUrl: (slug) => `http://${slug}.localhost:3000`,
    };
    try {
      const token = await operatorToken(services);
      const request = {
        method: 'GET',
        host: 'localhost:3001',
        clinicHeader: null,
        origin: null,
        cookieHeader: `eventora_platform_session=${token}`,
        authorizationHeader: null,
        ip: '127.0.0.1',
        userAgent: 'bench:fleet',
      };
      const loadStart = os.loadavg()[0]!;
      const rows = [];
      for (const days of PERIODS) {
        const timings: number[] = [];
        let bytes = 0;
        let listed = 0;
        for (let call = 0; call < CALLS + 2; call += 1) {
          const started = performance.now();
          const fleet = await createConsoleCaller(
            createContext(services, request),
          ).admin.health.fleet({ days });
          bytes = JSON.stringify(superjson.serialize(fleet)).length;
          const ms = performance.now() - started;
          listed = fleet.clinics.length;
          if (listed !== CLINICS) throw new Error(`the fleet listed ${listed} clinics`);
          if (call >= 2) timings.push(ms); // two warm-up calls (Prisma compiles its queries)
        }
        rows.push({
          days,
          p50: median(timings),
          p95: percentile(timings, 95),
          max: Math.max(...timings),
          bytes,
          clinics: listed,
        });
        log(`${days} days done`);
      }
      report(rows, [loadStart, os.loadavg()[0]!]);
    } finally {
      await tenants.close();
      await platform.$disconnect();
    }
  } finally {
    await postgres.dispose();
  }
}

/** The registry and its rollups, written as the owner in a few set-based statements. */
async function seedFleet(ownerUrl: string): Promise<void> {
  await withClient(ownerUrl, async (owner) => {
    await owner.query(
      `INSERT INTO clinics (id, slug, name, status, updated_at)
       SELECT gen_random_uuid(), 'fleet' || lpad(i::text, 5, '0'), 'Fleet clinic ' || i,
              (CASE WHEN i % 100 = 0 THEN 'suspended' ELSE 'active' END)::"ClinicStatus", now()
         FROM generate_series(1, $1::int) AS i`,
      [CLINICS],
    );
    // Every clinic rolled up every day of the history (yesterday's and today's rows are
    // rewritten by each rollup run; older days stay).
    await owner.query(
      `INSERT INTO clinic_usage_daily
              (day, target_clinic_id, reservations, sign_ins, api_requests, api_errors,
               api_server_errors, latency_p95_ms, users, clients, approximate_bytes, computed_at)
       SELECT current_date - d, c.id, (random() * 40)::int, (random() * 60)::int,
              r.requests, r.requests / 50, r.requests / 500, 20 + random() * 200,
              30, 25, 5000000, now() - make_interval(days => d)
         FROM clinics c, generate_series(0, $1::int - 1) AS d,
              LATERAL (SELECT (random() * 5000)::bigint AS requests) r`,
      [HISTORY_DAYS],
    );
    await owner.query(
      `INSERT INTO api_request_stats
              (day, target_clinic_id, procedure_kind, requests, errors, server_errors, latency_buckets)
       SELECT current_date - d, c.id, k.kind, r.requests, r.requests / 50, r.requests / 500,
              ARRAY[r.requests / 2, r.requests / 4, r.requests / 8, r.requests / 8]::bigint[]
         FROM clinics c, generate_series(0, $1::int - 1) AS d,
              (VALUES ('query'), ('mutation')) AS k(kind),
              LATERAL (SELECT (random() * 3000)::bigint AS requests) r`,
      [HISTORY_DAYS],
    );
    await owner.query('ANALYZE clinics, clinic_usage_daily, api_request_stats');
    await owner.query(
      `INSERT INTO platform_operators (id, email, name, password_hash)
       VALUES (gen_random_uuid(), 'fleet-bench@eventora.test', 'Fleet bench', $1)`,
      [await hashPassword(PASSWORD)],
    );
  });
}

async function operatorToken(services: ApiServices): Promise<string> {
  const resHeaders = new Headers();
  const context = createContext(
    services,
    {
      method: 'POST',
      host: 'localhost:3001',
      clinicHeader: null,
      origin: null,
      cookieHeader: null,
      authorizationHeader: null,
      ip: '127.0.0.1',
      userAgent: 'bench:fleet',
    },
    resHeaders,
  );
  await createConsoleCaller(context).admin.auth.signIn({
    email: 'fleet-bench@eventora.test',
    password: PASSWORD,
  });
  const token = /eventora_platform_session=([^;]+)/.exec(resHeaders.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('the operator was not signed in');
  return token;
}

interface Row {
  days: number;
  p50: number;
  p95: number;
  max: number;
  bytes: number;
  clinics: number;
}

function report(rows: Row[], load: [number, number]): void {
  const worst = Math.max(...rows.map((row) => row.p95));
  console.log(
    `fleet health, ${CLINICS} clinics with ${HISTORY_DAYS} days of rollups, ${CALLS} calls per period, load ${load[0].toFixed(1)} → ${load[1].toFixed(1)} (${os.cpus().length} CPUs)\n`,
  );
  console.log('| period | p50 ms | p95 ms | max ms | answer (bytes) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) {
    console.log(
      `| ${row.days} days | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.max.toFixed(1)} | ${row.bytes} |`,
    );
  }
  console.log(
    `\nslowest p95 ${worst.toFixed(1)} ms (target < ${TARGET_MS} ms: ${worst < TARGET_MS ? 'met' : 'not met'})`,
  );
  if (args.json)
    console.log(
      JSON.stringify({
        benchmark: 'fleet',
        clinics: CLINICS,
        calls: CALLS,
        target_met: worst < TARGET_MS,
        load_average: { start: load[0], end: load[1] },
        periods: rows,
      }),
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
