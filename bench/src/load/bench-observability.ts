// pnpm --filter @eventora/bench bench:observability [--clinics 100] [--seconds 5] [--rounds 6] [--json]
//
// What logging, tracing and metrics cost on the API's request path: two portals from the same
// production build over loopback, on the same world of `--clinics` clinics (default 100, in all
// three modes), one with all three off (LOG_LEVEL=silent, no OTLP endpoint, no metrics port) and
// one with all three on as shipped (JSON logs at info, spans exported over OTLP/HTTP to a
// collector the bench runs — sampling at its default, every request — and the Prometheus
// endpoint scraped every 5 s), measured in alternating, shuffled rounds of the same run with
// the same read-heavy mix across every clinic: the public clinic page, a client's own
// bookings, a therapist's free slots and the signed-in user, for each clinic (reads only: the
// figures do not drift as bookings pile up). Targets with all three on: p50 ≤ 1.10× and
// throughput ≥ 0.9× of off (medians of the per-round ratios). Bounded: rounds × 2 × seconds.
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

import { benchPortalPort } from '../env';
import { median, seededRandom } from '../tenancy/stats';
import { HttpClient } from './http-client';
import { clinicHeaders, portalEnv, trpcQueryPath } from './portal-env';
import { assertPortalBuilt, portalProcess } from './portal-process';
import { createWorld, startBenchPostgres, type LoadClinic } from './world';

const { values: args } = parseArgs({
  options: {
    clinics: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '6' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string', default: benchPortalPort() },
    json: { type: 'boolean', default: false },
  },
});
const CLINICS = Math.min(300, Math.max(3, Number(args.clinics)));
const SECONDS = Math.min(60, Math.max(1, Number(args.seconds)));
const ROUNDS = Math.min(20, Math.max(1, Number(args.rounds)));
const CONNECTIONS = Math.min(64, Math.max(1, Number(args.connections)));
/** The portals' ports: off, on, and on's metrics endpoint. */
const PORT = Number(args.port);
const [OFF_PORT, ON_PORT, METRICS_PORT] = [PORT, PORT + 1, PORT + 2];
const DAY_MS = 86_400_000;

type Mode = 'off' | 'on';

interface Request {
  method: 'GET';
  path: string;
  headers: Record<string, string>;
}

async function main(): Promise<void> {
  const log = (line: string) => console.error(`[bench:observability] ${line}`);
  await assertPortalBuilt();
  const collector = await startCollector();
  const postgres = await startBenchPostgres(log);
  try {
    const world = await createWorld(postgres, {
      clinics: CLINICS,
      schemaClinics: Math.max(1, Math.round(CLINICS * 0.08)),
      databaseClinics: Math.max(1, Math.round(CLINICS * 0.02)),
      log,
    });
    // No fair-share limit: the bench's one client is every clinic's traffic.
    const base = { CLINIC_REQUEST_RATE: '100000' };
    let logLines = 0;
    const portals = {
      off: portalProcess(OFF_PORT, portalEnv(world, OFF_PORT, { ...base, LOG_LEVEL: 'silent' }), {
        log,
      }),
      on: portalProcess(
        ON_PORT,
        portalEnv(world, ON_PORT, {
          ...base,
          LOG_LEVEL: 'info',
          LOG_FORMAT: 'json',
          OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
          METRICS_PORT: String(METRICS_PORT),
          METRICS_HOST: '127.0.0.1',
        }),
        {
          // Its log lines go through a pipe to the bench, as to a log shipper: counted, not shown.
          log: (line) => {
            if (line.startsWith('[portal] {')) logLines += 1;
            else log(line);
          },
        },
      ),
    };
    await portals.off.start();
    await portals.on.start();
    let scrapes = 0;
    let clinicSeries = 0;
    const scraper = setInterval(() => {
      void fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`)
        .then((response) => response.text())
        .then((text) => {
          scrapes += 1;
          clinicSeries = text
            .split('\n')
            .filter((line) => line.startsWith('eventora_clinic_api_calls_total{')).length;
        })
        .catch(() => undefined);
    }, 5_000);
    try {
      const requests = mix(world.clinics, OFF_PORT);
      // Every request of the mix answers 200 from both portals before anything is timed.
      for (const mode of ['off', 'on'] as const) {
        const client = new HttpClient(new URL(portals[mode].origin));
        for (const request of requests) {
          const headers = { ...request.headers, host: hostFor(request, mode) };
          const answer = await client.request('GET', request.path, headers);
          if (answer.status !== 200)
            throw new Error(`${mode}: ${request.path} answered ${answer.status}: ${answer.body}`);
        }
        client.close();
        await run(portals[mode].origin, requests, mode, 1);
      }
      const random = seededRandom(16);
      const measured: Record<Mode, Measured[]> = { off: [], on: [] };
      const loadStart = os.loadavg();
      for (let round = 0; round < ROUNDS; round += 1) {
        const order: Mode[] = random() < 0.5 ? ['off', 'on'] : ['on', 'off'];
        for (const mode of order) {
          measured[mode].push(await run(portals[mode].origin, requests, mode, SECONDS));
        }
        log(`round ${round + 1}/${ROUNDS} done`);
      }
      const loadEnd = os.loadavg();
      const spans = collector.spans();
      if (logLines === 0 || spans.requests === 0 || scrapes === 0)
        throw new Error(
          `observability was not on: ${logLines} log lines, ${spans.requests} OTLP posts, ${scrapes} scrapes`,
        );
      report(measured, {
        loadStart,
        loadEnd,
        logLines,
        otlpPosts: spans.requests,
        otlpBytes: spans.bytes,
        scrapes,
        clinicSeries,
      });
    } finally {
      clearInterval(scraper);
      await portals.on.stop();
      await portals.off.stop();
    }
  } finally {
    await postgres.dispose();
    await collector.close();
  }
}

/** Four reads per clinic, each clinic's with its own users' tokens. */
function mix(clinics: LoadClinic[], port: number): Request[] {
  const day = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + 14 * DAY_MS);
  return clinics.flatMap((clinic) => {
    const client = clinicHeaders(clinic.slug, port, clinic.clientToken);
    return [
      { path: trpcQueryPath('portal.clinic'), headers: clinicHeaders(clinic.slug, port) },
      { path: trpcQueryPath('reservation.list', { limit: 6 }), headers: client },
      {
        path: trpcQueryPath('therapist.availability', {
          therapistId: clinic.therapistIds[0]!,
          from: day,
          to: new Date(day.getTime() + DAY_MS),
        }),
        headers: client,
      },
      { path: trpcQueryPath('auth.me'), headers: client },
    ].map((request) => ({ method: 'GET' as const, ...request }));
  });
}

/** The mix was written for the off portal's port; the Host header names the port it is sent to. */
function hostFor(request: Request, mode: Mode): string {
  return request.headers.host!.replace(`:${OFF_PORT}`, `:${mode === 'off' ? OFF_PORT : ON_PORT}`);
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function run(
  origin: string,
  requests: Request[],
  mode: Mode,
  seconds: number,
): Promise<Measured> {
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: seconds,
    requests: requests.map((request) => ({
      ...request,
      headers: { ...request.headers, host: hostFor(request, mode) },
    })),
  });
  return {
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** An OTLP/HTTP receiver that accepts and counts what the portal exports (and keeps nothing). */
async function startCollector(): Promise<{
  url: string;
  spans: () => { requests: number; bytes: number };
  close: () => Promise<void>;
}> {
  let requests = 0;
  let bytes = 0;
  const server = http.createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      if (request.url === '/v1/traces') requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    spans: () => ({ requests, bytes }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function report(
  measured: Record<Mode, Measured[]>,
  seen: {
    loadStart: number[];
    loadEnd: number[];
    logLines: number;
    otlpPosts: number;
    otlpBytes: number;
    scrapes: number;
    clinicSeries: number;
  },
): void {
  const p50Ratios = measured.on.map((on, i) => on.p50 / measured.off[i]!.p50);
  const rpsRatios = measured.on.map((on, i) => on.rps / measured.off[i]!.rps);
  const p50Ratio = median(p50Ratios);
  const rpsRatio = median(rpsRatios);
  const row = (mode: Mode) => ({
    rps: median(measured[mode].map((m) => m.rps)),
    p50: median(measured[mode].map((m) => m.p50)),
    p99: median(measured[mode].map((m) => m.p99)),
    errors: measured[mode].reduce((sum, m) => sum + m.errors, 0),
  });
  const summary = {
    benchmark: 'observability',
    clinics: CLINICS,
    p50_on_vs_off: p50Ratio,
    throughput_on_vs_off: rpsRatio,
    target_met: p50Ratio <= 1.1 && rpsRatio >= 0.9,
    rounds: ROUNDS,
    seconds_per_round: SECONDS,
    connections: CONNECTIONS,
    load_average: { start: seen.loadStart, end: seen.loadEnd },
    cpus: os.cpus().length,
    off: row('off'),
    on: row('on'),
    on_did: {
      log_lines: seen.logLines,
      otlp_posts: seen.otlpPosts,
      otlp_bytes: seen.otlpBytes,
      metric_scrapes: seen.scrapes,
      per_clinic_call_series: seen.clinicSeries,
    },
  };
  const range = (values: number[]) =>
    `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
  console.log(
    `logging + tracing + metrics, off vs on: ${CLINICS} clinics, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s each, load average ${seen.loadStart.map((v) => v.toFixed(1)).join('/')} → ${seen.loadEnd.map((v) => v.toFixed(1)).join('/')} (1/5/15 min, ${os.cpus().length} CPUs)\n`,
  );
  console.log('| portal | req/s | p50 ms | p99 ms | errors |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const mode of ['off', 'on'] as const) {
    const figures = row(mode);
    console.log(
      `| ${mode === 'off' ? 'all off' : 'all on'} | ${figures.rps.toFixed(0)} | ${figures.p50.toFixed(1)} | ${figures.p99.toFixed(1)} | ${figures.errors} |`,
    );
  }
  console.log(
    `\non ÷ off: p50 ${p50Ratio.toFixed(3)} (rounds ${range(p50Ratios)}; target ≤ 1.10), throughput ${rpsRatio.toFixed(3)} (rounds ${range(rpsRatios)}; target ≥ 0.90): ${summary.target_met ? 'met' : 'not met'}`,
  );
  console.log(
    `the "on" portal wrote ${seen.logLines} log lines, posted ${seen.otlpPosts} OTLP batches (${(seen.otlpBytes / 1e6).toFixed(1)} MB), was scraped ${seen.scrapes} times (${seen.clinicSeries} per-clinic call series)`,
  );
  if (args.json) console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
