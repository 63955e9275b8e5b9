// pnpm bench:load [--smoke] [--clinics 200] [--minutes 5] [--rate 40] [--json]
//
// The whole product under sustained load and injected faults, on the portal's production build
// over loopback, with an embedded PostgreSQL the bench owns (it restarts it; the machine's
// shared server is never touched). Clinics in all three modes; a realistic mix (availability,
// booking, cancel, my bookings, staff schedule, checkout through the fake Stripe API) sent
// open-loop at `--rate` requests per second in all, one clinic at 10× the others' rate; during
// the run every app connection is terminated, PostgreSQL is restarted, and the portal is killed
// and restarted. Then a fair-share segment (one clinic flooding, without and with its rate
// limit), and the after-checks. Bounded: by the clock and by --max-requests. Exit code 1 when a
// check fails. `--smoke` (CI): 6 clinics, 30 s, one fault (terminate), same checks.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import { startFakeStripe } from '@eventora/billing/testing';
import { databaseUrlResolver, TenantRouter } from '@eventora/tenancy';

import { benchPortalPort } from '../env';
import { percentile, seededRandom } from '../tenancy/stats';
import { withClient } from '@eventora/tenancy/with-client';
import { afterChecks, type CheckResult } from './after-checks';
import { HttpClient } from './http-client';
import { LoadMix, type Sample } from './load-mix';
import { clinicHeaders, portalEnv, trpcQueryPath } from './portal-env';
import { assertPortalBuilt, portalProcess, type PortalProcess } from './portal-process';
import { createWorld, startBenchPostgres, type LoadClinic, type World } from './world';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    clinics: { type: 'string' },
    minutes: { type: 'string' },
    rate: { type: 'string' },
    'max-requests': { type: 'string' },
    'fair-share-seconds': { type: 'string' },
    port: { type: 'string', default: benchPortalPort() },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`pnpm bench:load [options]
  --smoke                 CI: 6 clinics, 30 s, one fault (terminate connections)
  --clinics N             clinics (default 200; 8 % schema, 2 % database mode)
  --minutes M             length of the loaded run (default 5)
  --rate R                requests per second in all (default 40)
  --max-requests N        stop sending after N requests (default rate × seconds × 1.2)
  --fair-share-seconds S  each third of the noisy-neighbour segment (default 20; 3 with --smoke)
  --port P                the portal's port (default 3152, or BENCH_PORTAL_PORT)
  --json                  one JSON object on the last line of stdout
Exit codes: 0 all checks passed, 1 a check failed or the run broke.`);
  process.exit(0);
}

const SMOKE = args.smoke;
const CLINICS = Math.min(500, Math.max(4, Number(args.clinics ?? (SMOKE ? 6 : 200))));
const SECONDS = Math.min(1800, Math.max(10, Number(args.minutes ?? (SMOKE ? 0.5 : 5)) * 60));
const RATE = Math.min(400, Math.max(1, Number(args.rate ?? (SMOKE ? 15 : 40))));
const MAX_REQUESTS = Number(args['max-requests'] ?? Math.ceil(RATE * SECONDS * 1.2));
const FAIR_SECONDS = Math.min(
  120,
  Math.max(2, Number(args['fair-share-seconds'] ?? (SMOKE ? 3 : 20))),
);
const PORT = Number(args.port);
const NOISY_FACTOR = 10;
const BUDGET = 40;
/** In flight at most; beyond it the open-loop sender counts the request as shed. */
const MAX_IN_FLIGHT = 64;

type FaultName = 'terminate connections' | 'restart PostgreSQL' | 'kill and restart portal';

interface FaultRecord {
  name: FaultName;
  at: number;
  /** When the fault's action finished (server back, portal restarted). */
  doneAt: number;
  /** First successful answer after `at` … in ms from `at`. */
  recoveredMs?: number;
}

async function main(): Promise<void> {
  const log = (line: string) => console.error(`[bench:load] ${line}`);
  await assertPortalBuilt();
  const postgres = await startBenchPostgres(log);
  const stripe = await startFakeStripe();
  let portal: PortalProcess | undefined;
  let exitCode = 0;
  try {
    log(`creating ${CLINICS} clinics`);
    const setupStarted = Date.now();
    const world = await createWorld(postgres, {
      clinics: CLINICS,
      schemaClinics: Math.max(1, Math.round(CLINICS * 0.08)),
      databaseClinics: Math.max(1, Math.round(CLINICS * 0.02)),
      log,
    });
    log(`world ready in ${Math.round((Date.now() - setupStarted) / 1000)} s`);
    portal = portalProcess(
      PORT,
      portalEnv(world, PORT, {
        // Nobody is limited by default in the loaded run; the fair-share segment sets the noisy
        // clinic's own rate in the registry.
        CLINIC_REQUEST_RATE: '100000',
        STRIPE_SECRET_KEY: 'sk_test_eventora_load',
        STRIPE_WEBHOOK_SECRET: 'whsec_eventora_load',
        STRIPE_API_URL: `${stripe.api.protocol}://${stripe.api.host}:${stripe.api.port}`,
        DATABASE_CONNECTION_BUDGET: String(BUDGET),
      }),
      { log: (line) => (line.includes('Error') || line.includes('error') ? log(line) : undefined) },
    );
    await portal.start();
    const http = new HttpClient(new URL(portal.origin), {
      maxSockets: MAX_IN_FLIGHT,
      timeoutMs: 15_000,
    });
    const samples: Sample[] = [];
    const mix = new LoadMix(http, PORT, seededRandom(7), (sample) => samples.push(sample));
    const noisy = world.clinics[world.clinics.length - 1]!;

    const run = await loadedRun(world, portal, mix, samples, noisy, log);
    const fair = await fairShare(world, http, noisy, log);

    const router = new TenantRouter({
      connectionString: world.urls.app,
      connectionBudget: 8,
      resolveDatabaseUrl: databaseUrlResolver(world.urls.app, {}),
    });
    let checks: CheckResult[];
    try {
      await sleep(1_000);
      checks = await afterChecks(world, router, http, PORT, mix.acknowledged, BUDGET);
      checks.push({
        name: 'pools within budget during the run (peak, sampled every 2 s)',
        ok: run.peakConnections <= BUDGET,
        detail: `peak ${run.peakConnections} portal connections (budget ${BUDGET})`,
      });
    } finally {
      await router.close();
    }
    http.close();
    if (!checks.every((check) => check.ok)) exitCode = 1;
    report(world, samples, run, fair, checks, noisy, setupStarted);
  } catch (error) {
    console.error(error);
    exitCode = 1;
  } finally {
    await portal?.stop();
    await stripe.close();
    await postgres.dispose();
  }
  process.exitCode = exitCode;
}

/**
 * The loaded run: open-loop arrivals at RATE per second (the noisy clinic at 10× the others'
 * share), faults at 20 %, 45 % and 70 % of the run (the smoke run: one, at 40 %).
 */
async function loadedRun(
  world: World,
  portal: PortalProcess,
  mix: LoadMix,
  samples: Sample[],
  noisy: LoadClinic,
  log: (line: string) => void,
): Promise<{ faults: FaultRecord[]; peakConnections: number; sent: number; shed: number }> {
  const random = seededRandom(11);
  const others = world.clinics.filter((clinic) => clinic !== noisy);
  // Weights: each other clinic 1, the noisy one NOISY_FACTOR.
  const totalWeight = others.length + NOISY_FACTOR;
  const pickClinic = () =>
    random() * totalWeight < NOISY_FACTOR ? noisy : others[Math.floor(random() * others.length)]!;

  const faultPlan: [number, FaultName][] = SMOKE
    ? [[0.4, 'terminate connections']]
    : [
        [0.2, 'terminate connections'],
        [0.45, 'restart PostgreSQL'],
        [0.7, 'kill and restart portal'],
      ];
  const faults: FaultRecord[] = [];
  const started = Date.now();
  const end = started + SECONDS * 1000;
  let sent = 0;
  let shed = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();

  // The portal's connections (runtime and platform roles), sampled every 2 s: the peak must
  // stay within its budget through the faults too.
  let peakConnections = 0;
  const sampler = (async () => {
    while (Date.now() < end) {
      const count = await withClient(world.postgres.adminUrl, async (admin) => {
        const { rows } = await admin.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'eventora_app'",
        );
        return rows[0]!.n;
      }).catch(() => 0);
      peakConnections = Math.max(peakConnections, count);
      await sleep(2_000);
    }
  })();

  const faultRunner = (async () => {
    for (const [share, name] of faultPlan) {
      const at = started + share * SECONDS * 1000;
      await sleep(Math.max(0, at - Date.now()));
      log(`fault: ${name}`);
      const record: FaultRecord = { name, at: Date.now(), doneAt: 0 };
      faults.push(record);
      if (name === 'terminate connections') {
        await withClient(world.postgres.adminUrl, (admin) =>
          admin.query(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename IN ('eventora_app', 'eventora_platform')",
          ),
        );
      } else if (name === 'restart PostgreSQL') {
        await world.postgres.restart();
      } else {
        await portal.kill();
        await portal.start();
      }
      record.doneAt = Date.now();
    }
  })();

  // Arrivals: exponential gaps (Poisson), issued from a 5 ms tick.
  let nextAt = performance.now();
  while (Date.now() < end && sent + shed < MAX_REQUESTS) {
    const now = performance.now();
    while (nextAt <= now) {
      nextAt += (-Math.log(1 - random()) / RATE) * 1000;
      if (inFlight >= MAX_IN_FLIGHT) {
        shed += 1;
        continue;
      }
      const clinic = pickClinic();
      const kind = mix.pick();
      inFlight += 1;
      sent += 1;
      const task = mix.run(clinic, kind).finally(() => {
        inFlight -= 1;
        pending.delete(task);
      });
      pending.add(task);
    }
    await sleep(5);
  }
  await faultRunner;
  await sampler;
  await Promise.all(pending);
  for (const fault of faults) {
    const firstOk = samples.find(
      (sample) => sample.outcome === 'ok' && sample.at >= Math.max(fault.at, fault.doneAt - 1),
    );
    const lastBad = samples
      .filter((sample) => sample.at >= fault.at && sample.at <= (firstOk?.at ?? fault.at) + 10_000)
      .filter((sample) => sample.outcome === 'server-error' || sample.outcome === 'network-error')
      .at(-1);
    fault.recoveredMs = Math.max(
      (firstOk?.at ?? fault.at) - fault.at,
      lastBad ? lastBad.at - fault.at : 0,
    );
  }
  log(`loaded run: ${sent} sent, ${shed} shed (over ${MAX_IN_FLIGHT} in flight)`);
  return { faults, peakConnections, sent, shed };
}

interface FairShareFigure {
  segment: string;
  othersP50: number;
  othersP95: number;
  othersOk: number;
  noisyOk: number;
  noisy429: number;
}

/**
 * One clinic floods (16 requests in flight, back to back) while a sample of others send their
 * usual requests one at a time: quiet, then flooding without its limit, then with its registry
 * rate set to a quarter of what it got through unlimited. The others' latency is the noisy-neighbour figure.
 */
async function fairShare(
  world: World,
  http: HttpClient,
  noisy: LoadClinic,
  log: (line: string) => void,
): Promise<FairShareFigure[]> {
  const others = world.clinics.filter((clinic) => clinic !== noisy).slice(0, 8);
  const list = (clinic: LoadClinic) =>
    http.request(
      'GET',
      trpcQueryPath('reservation.list', { limit: 20 }),
      clinicHeaders(clinic.slug, PORT, clinic.clientToken),
    );
  const setNoisyRate = (rate: number | null) =>
    withClient(world.urls.admin, (admin) =>
      admin.query('UPDATE clinics SET request_rate_per_second = $1 WHERE id = $2', [
        rate,
        noisy.id,
      ]),
    );

  async function segment(name: string, flood: boolean): Promise<FairShareFigure> {
    log(`fair share: ${name}`);
    const deadline = performance.now() + FAIR_SECONDS * 1000;
    const othersMs: number[] = [];
    let noisyOk = 0;
    let noisy429 = 0;
    const floodWorkers = flood
      ? Array.from({ length: 16 }, async () => {
          while (performance.now() < deadline) {
            const answer = await list(noisy).catch(() => undefined);
            if (answer?.status === 200) noisyOk += 1;
            else if (answer?.status === 429) noisy429 += 1;
          }
        })
      : [];
    const otherWorkers = others.map(async (clinic) => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const answer = await list(clinic).catch(() => undefined);
        if (answer?.status === 200) othersMs.push(performance.now() - started);
        await sleep(100);
      }
    });
    await Promise.all([...floodWorkers, ...otherWorkers]);
    return {
      segment: name,
      othersP50: percentile(othersMs, 50),
      othersP95: percentile(othersMs, 95),
      othersOk: othersMs.length,
      noisyOk,
      noisy429,
    };
  }

  const figures = [await segment('quiet (no flood)', false)];
  await setNoisyRate(null);
  const unlimited = await segment('one clinic flooding, no limit', true);
  figures.push(unlimited);
  // A quarter of what the flood got through unlimited: the limit must bind on this machine,
  // whatever its speed.
  const limit = Math.max(1, Math.round(unlimited.noisyOk / FAIR_SECONDS / 4));
  await setNoisyRate(limit);
  figures.push(await segment(`one clinic flooding, limited to ${limit}/s`, true));
  await setNoisyRate(null);
  return figures;
}

function report(
  world: World,
  samples: Sample[],
  run: { faults: FaultRecord[]; sent: number; shed: number },
  fair: FairShareFigure[],
  checks: CheckResult[],
  noisy: LoadClinic,
  setupStarted: number,
): void {
  const ms = (list: Sample[], p: number) =>
    list.length
      ? percentile(
          list.map((s) => s.ms),
          p,
        )
      : Number.NaN;
  const ok = samples.filter((sample) => sample.outcome === 'ok');
  const errors = new Map<string, number>();
  for (const sample of samples) {
    if (sample.outcome === 'ok') continue;
    const key = `${sample.outcome}: ${sample.detail ?? ''}`;
    errors.set(key, (errors.get(key) ?? 0) + 1);
  }
  const kinds = [...new Set(samples.map((sample) => sample.kind))];
  const modes = world.clinics.reduce<Record<string, number>>((count, clinic) => {
    count[clinic.mode] = (count[clinic.mode] ?? 0) + 1;
    return count;
  }, {});
  const othersOk = ok.filter((sample) => sample.clinic !== noisy.slug);
  const noisyOk = ok.filter((sample) => sample.clinic === noisy.slug);

  const { faults } = run;
  const lines: string[] = [];
  lines.push(
    `bench:load — ${world.clinics.length} clinics (${Object.entries(modes)
      .map(([mode, n]) => `${n} ${mode}`)
      .join(
        ', ',
      )}), ${SECONDS} s at ${RATE} req/s, one clinic at ${NOISY_FACTOR}×; ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}; setup ${Math.round((Date.now() - setupStarted) / 1000)} s in all`,
  );
  lines.push(
    '',
    '| requests | ok | p50 ms | p95 ms | p99 ms | errors |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  lines.push(
    `| ${samples.length} | ${ok.length} | ${ms(ok, 50).toFixed(1)} | ${ms(ok, 95).toFixed(1)} | ${ms(ok, 99).toFixed(1)} | ${samples.length - ok.length} |`,
  );
  lines.push(
    '',
    '| action | requests | ok | p50 ms | p95 ms | p99 ms |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const kind of kinds) {
    const all = samples.filter((sample) => sample.kind === kind);
    const good = all.filter((sample) => sample.outcome === 'ok');
    lines.push(
      `| ${kind} | ${all.length} | ${good.length} | ${ms(good, 50).toFixed(1)} | ${ms(good, 95).toFixed(1)} | ${ms(good, 99).toFixed(1)} |`,
    );
  }
  lines.push(
    '',
    `other clinics while one sends ${NOISY_FACTOR}×: p50 ${ms(othersOk, 50).toFixed(1)} ms, p95 ${ms(othersOk, 95).toFixed(1)} ms (noisy clinic: ${noisyOk.length} ok, p50 ${ms(noisyOk, 50).toFixed(1)} ms)`,
  );
  lines.push('', '| errors by kind | count |', '| --- | --- |');
  for (const [key, count] of [...errors].sort((a, b) => b[1] - a[1]))
    lines.push(`| ${key} | ${count} |`);
  lines.push(
    '',
    '| fault | at s | action took s | recovered after s | errors in the 10 s after | p95 ms in the 10 s after |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  const runStart = samples[0]?.at ?? 0;
  for (const fault of faults) {
    const window = samples.filter(
      (sample) => sample.at >= fault.at && sample.at < fault.at + 10_000,
    );
    const bad = window.filter(
      (sample) => sample.outcome === 'server-error' || sample.outcome === 'network-error',
    );
    lines.push(
      `| ${fault.name} | ${((fault.at - runStart) / 1000).toFixed(0)} | ${((fault.doneAt - fault.at) / 1000).toFixed(1)} | ${((fault.recoveredMs ?? 0) / 1000).toFixed(1)} | ${bad.length} | ${ms(
        window.filter((s) => s.outcome === 'ok'),
        95,
      ).toFixed(0)} |`,
    );
  }
  lines.push(
    '',
    `| fair share (${FAIR_SECONDS} s each) | others' p50 ms | others' p95 ms | others' ok | noisy ok | noisy 429 |`,
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const figure of fair) {
    lines.push(
      `| ${figure.segment} | ${figure.othersP50.toFixed(1)} | ${figure.othersP95.toFixed(1)} | ${figure.othersOk} | ${figure.noisyOk} | ${figure.noisy429} |`,
    );
  }
  lines.push('', '| after-check | result | detail |', '| --- | --- | --- |');
  for (const check of checks)
    lines.push(`| ${check.name} | ${check.ok ? 'pass' : '**FAIL**'} | ${check.detail} |`);
  console.log(lines.join('\n'));
  if (args.json) {
    console.log(
      JSON.stringify({
        benchmark: 'load',
        clinics: world.clinics.length,
        modes,
        seconds: SECONDS,
        rate: RATE,
        actions_sent: run.sent,
        actions_shed: run.shed,
        requests: samples.length,
        ok: ok.length,
        p50_ms: ms(ok, 50),
        p95_ms: ms(ok, 95),
        p99_ms: ms(ok, 99),
        errors: Object.fromEntries(errors),
        faults,
        fair_share: fair,
        checks,
        all_checks_passed: checks.every((check) => check.ok),
        load_average: os.loadavg(),
      }),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
