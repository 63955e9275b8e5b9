// pnpm --filter @eventora/bench bench:request-path [--seconds 3] [--rounds 5] [--profile DIR] [--json]
//
// The portal's request path on its production build over loopback, one portal process, 16
// connections: a static file, the public `portal.clinic`, and an authenticated
// `reservation.list` (a client's own reservations) measured in shuffled rounds of the same run,
// with the portal's CPU per request. The headline is reservation.list ÷ static file (median of
// the per-round ratios): the target is ≥ 0.3. `--profile DIR` writes the portal's V8 CPU
// profile there (open it in Chrome DevTools or speedscope). Bounded: rounds × 3 × seconds.
import { parseArgs } from 'node:util';
import os from 'node:os';

import { benchPortalPort } from '../env';
import autocannon from 'autocannon';

import { median, seededRandom } from '../tenancy/stats';
import { HttpClient } from './http-client';
import { clinicHeaders, portalEnv, trpcQueryPath } from './portal-env';
import { assertPortalBuilt, portalProcess } from './portal-process';
import { processGroupCpuMs } from './process-cpu';
import { createWorld, startBenchPostgres } from './world';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string', default: benchPortalPort() },
    profile: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const SECONDS = Math.min(30, Math.max(1, Number(args.seconds)));
const ROUNDS = Math.min(20, Math.max(1, Number(args.rounds)));
const CONNECTIONS = Math.min(64, Math.max(1, Number(args.connections)));
const PORT = Number(args.port);

interface Target {
  name: string;
  path: string;
  headers: Record<string, string>;
}

async function main(): Promise<void> {
  const log = (line: string) => console.error(`[bench:request-path] ${line}`);
  await assertPortalBuilt();
  const postgres = await startBenchPostgres(log);
  try {
    const world = await createWorld(postgres, {
      clinics: 3,
      schemaClinics: 1,
      databaseClinics: 1,
      log,
    });
    // One clinic takes all the traffic here: no fair-share limit in the way.
    const portal = portalProcess(PORT, portalEnv(world, PORT, { CLINIC_REQUEST_RATE: '100000' }), {
      nodeFlags: args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : undefined,
      log,
    });
    await portal.start();
    try {
      const clinic = world.clinics.at(-1)!; // a shared-mode clinic
      const targets: Target[] = [
        {
          name: 'static file (/icon.svg)',
          path: '/icon.svg',
          headers: clinicHeaders(clinic.slug, PORT),
        },
        {
          name: 'portal.clinic (public)',
          path: trpcQueryPath('portal.clinic'),
          headers: clinicHeaders(clinic.slug, PORT),
        },
        {
          name: 'reservation.list (client, authenticated)',
          path: trpcQueryPath('reservation.list', { limit: 6 }),
          headers: clinicHeaders(clinic.slug, PORT, clinic.clientToken),
        },
      ];
      const http = new HttpClient(new URL(portal.origin));
      for (const target of targets) {
        const check = await http.request('GET', target.path, target.headers);
        if (check.status !== 200)
          throw new Error(`${target.name} answered ${check.status}: ${check.body}`);
        await run(portal.origin, target, 1);
      }
      http.close();
      const random = seededRandom(20);
      const perTarget = new Map(targets.map((target) => [target.name, [] as Measured[]]));
      const loadStart = os.loadavg()[0]!;
      for (let round = 0; round < ROUNDS; round += 1) {
        const order = [...targets].sort(() => random() - 0.5);
        for (const target of order) {
          const cpuBefore = await processGroupCpuMs(portal.pid());
          const result = await run(portal.origin, target, SECONDS);
          const cpuMs = (await processGroupCpuMs(portal.pid())) - cpuBefore;
          perTarget.get(target.name)!.push({ ...result, cpuMsPerRequest: cpuMs / result.requests });
        }
        log(`round ${round + 1}/${ROUNDS} done`);
      }
      report(targets, perTarget, [loadStart, os.loadavg()[0]!]);
    } finally {
      await portal.stop();
    }
  } finally {
    await postgres.dispose();
  }
}

interface Measured {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMsPerRequest: number;
}

async function run(origin: string, target: Target, seconds: number): Promise<Measured> {
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'GET', path: target.path, headers: target.headers }],
  });
  return {
    rps: result.requests.total / seconds,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuMsPerRequest: 0,
  };
}

function report(
  targets: Target[],
  perTarget: Map<string, Measured[]>,
  load: [number, number],
): void {
  const staticRuns = perTarget.get(targets[0]!.name)!;
  const rows = targets.map((target) => {
    const runs = perTarget.get(target.name)!;
    const ratios = runs.map((measured, i) => measured.rps / staticRuns[i]!.rps);
    return {
      name: target.name,
      rps: median(runs.map((measured) => measured.rps)),
      ratio: median(ratios),
      ratioRange: [Math.min(...ratios), Math.max(...ratios)] as const,
      p50: median(runs.map((measured) => measured.p50)),
      p99: median(runs.map((measured) => measured.p99)),
      cpuMs: median(runs.map((measured) => measured.cpuMsPerRequest)),
      errors: runs.reduce((sum, measured) => sum + measured.errors, 0),
    };
  });
  const list = rows[2]!;
  const summary = {
    benchmark: 'request-path',
    reservation_list_vs_static: list.ratio,
    target_met: list.ratio >= 0.3,
    rounds: ROUNDS,
    seconds_per_round: SECONDS,
    connections: CONNECTIONS,
    load_average: { start: load[0], end: load[1] },
    cpus: os.cpus().length,
    targets: rows,
  };
  console.log(
    `request path, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s, load ${load[0].toFixed(1)} → ${load[1].toFixed(1)}\n`,
  );
  console.log(
    '| request | req/s | × static (range) | p50 ms | p99 ms | portal CPU ms/req | errors |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.rps.toFixed(0)} | ${row.ratio.toFixed(2)} (${row.ratioRange[0].toFixed(2)}–${row.ratioRange[1].toFixed(2)}) | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.cpuMs.toFixed(2)} | ${row.errors} |`,
    );
  }
  console.log(
    `\nreservation.list ÷ static file: ${list.ratio.toFixed(3)} (target ≥ 0.3: ${summary.target_met ? 'met' : 'not met'})`,
  );
  if (args.json) console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
