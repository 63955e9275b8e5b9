// pnpm bench:router [--json] [--schemas N] [--databases N] [--budget N] [--touches N]
//                   [--concurrency N] [--memory-schemas N] [--keep] [--reuse]
//                   [--build clone|migrate]
//
// The tenant router at fleet size (issue 17): N schema clinics (default 10,000) and M database
// clinics (default 100, half on a second server), migrated, then touched in random order by
// concurrent requests through one TenantRouter within a connection budget (default 40):
// - latency of a clinic's first request (cold: its route, and its schema's catalog entries in
//   the backend) against its later ones (warm), p50 and p99;
// - connections held, sampled every 5 ms (never above the budget) and evictions per second;
// - a backend's private memory (RssAnon) as it touches schema after schema on one
//   connection that is never recycled: the growth per schema, which sets RECYCLE_AFTER_USES;
//   and the largest backend of the router's own pools after the run, recycling as shipped.
// Targets: cold p99 < 50 ms, no backend above 256 MB, connections within the budget.
// From 5,000 schema clinics the fleet is built by cloning one migrated schema (--build clone,
// ../fleet/clone-fleet.ts): replaying the migrations into each schema takes hours at 10,000.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import {
  databaseUrlResolver,
  runWithClinic,
  TenantRouter,
  RECYCLE_AFTER_USES,
} from '@eventora/tenancy';
import { migrateFleet } from '@eventora/tenancy/migrations';

import {
  fleetBuild,
  fleetFlags,
  FLEET_FLAGS_HELP,
  helpRequested,
  wholeNumber,
} from '../fleet/fleet-options';
import { openFleet } from '../fleet/open-fleet';

const log = (line: string) => console.error(`[bench:router] ${line}`);

interface Options {
  json: boolean;
  schemas: number;
  databases: number;
  budget: number;
  touches: number;
  concurrency: number;
  memorySchemas: number;
  keep: boolean;
  reuse: boolean;
  build: 'clone' | 'migrate';
}

function readOptions(argv: string[]): Options {
  helpRequested(
    argv,
    'pnpm bench:router [--json] [--schemas N] [--databases N] [--budget N] [--touches N]\n' +
      '                  [--concurrency N] [--memory-schemas N] [--keep] [--reuse]\n' +
      '                  [--build clone|migrate]\n' +
      '  defaults: 10000 schema and 100 database clinics, budget 40, 20000 touches by 8\n' +
      '  concurrent requests, the memory curve over 3000 schemas. DATABASE_URL: a local\n' +
      '  superuser, or an embedded server; BENCH_SECOND_PG_PORT: the second server\u2019s port.\n' +
      FLEET_FLAGS_HELP,
  );
  const number = (flag: string, fallback: number, min: number) =>
    wholeNumber(argv, flag, fallback, min);
  const schemas = number('--schemas', 10_000, 1);
  return {
    json: argv.includes('--json'),
    schemas,
    databases: number('--databases', 100, 0),
    budget: number('--budget', 40, 6),
    touches: number('--touches', 20_000, 1),
    concurrency: number('--concurrency', 8, 1),
    memorySchemas: number('--memory-schemas', 3_000, 1),
    ...fleetFlags(argv),
    build: fleetBuild(argv, schemas),
  };
}

const MB = 2 ** 20;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const ms = (value: number) => Math.round(value * 100) / 100;
  return {
    count: sorted.length,
    p50Ms: ms(percentile(sorted, 50)),
    p99Ms: ms(percentile(sorted, 99)),
  };
};

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * What one request does at a clinic: three reads over different tables, as a page would. Answers
 * where its time went: resolving the route (registry read, and a client built if the route needs
 * one) and the work (connections, the backend's catalog, the statements).
 */
async function request(
  router: TenantRouter,
  slug: string,
): Promise<{ resolveMs: number; workMs: number }> {
  const at = performance.now();
  const { clinic, db } = await router.resolve(slug);
  const resolved = performance.now();
  await runWithClinic(clinic, async () => {
    await db.reservation.count();
    await db.user.findFirst({ select: { id: true } });
    await db.therapist.findMany({ take: 5, select: { id: true } });
  });
  return { resolveMs: resolved - at, workMs: performance.now() - resolved };
}

/**
 * The private memory of the backend that serves the next unit of work: its pid from Postgres,
 * its RssAnon from /proc (the server is local; pg_backend_memory_contexts is for superusers, and
 * the runtime role is not one). Catalog caches live in that private memory.
 */
async function backendBytes(router: TenantRouter, slug: string): Promise<number> {
  const pid = await router.withClinic(slug, async (db) => {
    const [row] = await db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
    return row!.pid;
  });
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^RssAnon:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`No RssAnon for backend ${pid}: is the server on this machine?`);
  return Number(kb) * 1024;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const fleet = await openFleet(options, log, {
    reuse: options.reuse,
    build: options.build,
  });
  try {
    // A reused fleet was migrated when it was built (bench:migrate-fleet may have added more),
    // a cloned one as it was built.
    if (!fleet.migrated) {
      log(`migrating ${fleet.targets.length} targets…`);
      let migrated = 0;
      const report = await migrateFleet(fleet.targets, fleet.migrations, {
        concurrency: 4,
        onTarget: () => {
          if (++migrated % 1000 === 0) log(`  ${migrated}/${fleet.targets.length}`);
        },
      });
      if (!report.ok) throw new Error('the fleet did not migrate');
    }
    const resolveDatabaseUrl = databaseUrlResolver(fleet.appUrl, (name) => fleet.secrets.get(name));

    // 1. One connection, never recycled, touching schema after schema: the memory it keeps.
    const curve: { schemas: number; mb: number }[] = [];
    const single = new TenantRouter({
      connectionString: fleet.appUrl,
      resolveDatabaseUrl,
      connectionBudget: 2,
      sharedConnections: 1,
      recycleAfterUses: Number.MAX_SAFE_INTEGER,
    });
    try {
      const order = shuffled(fleet.slugs.schemas).slice(0, options.memorySchemas);
      const every = Math.max(1, Math.floor(order.length / 10));
      curve.push({ schemas: 0, mb: (await backendBytes(single, order[0]!)) / MB });
      for (const [index, slug] of order.entries()) {
        await request(single, slug);
        if ((index + 1) % every === 0 || index + 1 === order.length) {
          curve.push({ schemas: index + 1, mb: (await backendBytes(single, slug)) / MB });
          log(`  memory after ${index + 1} schemas: ${curve.at(-1)!.mb.toFixed(1)} MB`);
        }
      }
    } finally {
      await single.close();
    }
    const last = curve.at(-1)!;
    const perSchemaKb = ((last.mb - curve[0]!.mb) * 1024) / Math.max(1, last.schemas);

    // 2. The router as shipped, within the budget, under concurrent random requests.
    const router = new TenantRouter({
      connectionString: fleet.appUrl,
      resolveDatabaseUrl,
      connectionBudget: options.budget,
    });
    const all = [...fleet.slugs.schemas, ...fleet.slugs.databases];
    const seen = new Set<string>();
    const databaseSlugs = new Set(fleet.slugs.databases);
    const cold: number[] = [];
    // The cold tail split by mode, and each mode's cold requests split into resolve and work.
    const coldByMode = { schema: [] as number[], database: [] as number[] };
    const coldSplit = {
      schema: { resolve: [] as number[], work: [] as number[] },
      database: { resolve: [] as number[], work: [] as number[] },
    };
    const warm: number[] = [];
    const warmSplit = { resolve: [] as number[], work: [] as number[] };
    let maxConnections = 0;
    // How often a request was queued for a connection (samples with any waiting), and how many.
    const queue = { samples: 0, withWaiting: 0, maxWaiting: 0 };
    const sampler = setInterval(() => {
      const now = router.stats();
      maxConnections = Math.max(maxConnections, now.connections);
      queue.samples += 1;
      if (now.waiting > 0) queue.withWaiting += 1;
      queue.maxWaiting = Math.max(queue.maxWaiting, now.waiting);
    }, 5);
    let largestBackendMb = 0;
    const started = performance.now();
    try {
      let next = 0;
      const worker = async () => {
        while (next < options.touches) {
          const touch = (next += 1);
          const slug = all[Math.floor(Math.random() * all.length)]!;
          const first = !seen.has(slug);
          seen.add(slug);
          const { resolveMs, workMs } = await request(router, slug);
          const took = resolveMs + workMs;
          (first ? cold : warm).push(took);
          const split = first
            ? coldSplit[databaseSlugs.has(slug) ? 'database' : 'schema']
            : warmSplit;
          split.resolve.push(resolveMs);
          split.work.push(workMs);
          if (first) coldByMode[databaseSlugs.has(slug) ? 'database' : 'schema'].push(took);
          if (touch % 2000 === 0) log(`  ${touch}/${options.touches} requests`);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      const seconds = (performance.now() - started) / 1000;
      // The shared pool's backends after the run (recycled as shipped): ask each in turn.
      for (let i = 0; i < options.budget; i++) {
        const slug = fleet.slugs.schemas[i % fleet.slugs.schemas.length]!;
        largestBackendMb = Math.max(largestBackendMb, (await backendBytes(router, slug)) / MB);
      }
      const stats = router.stats();
      clearInterval(sampler);
      const coldSummary = summary(cold);
      const result = {
        machine: { cpus: os.cpus().length, server: fleet.server.description },
        fleet: {
          schemas: options.schemas,
          databases: options.databases,
          state: fleet.built ? (options.keep ? 'built, kept' : 'built, dropped') : 'reused, kept',
        },
        budget: options.budget,
        requests: { touches: options.touches, concurrency: options.concurrency, seconds },
        cold: coldSummary,
        coldByMode: { schema: summary(coldByMode.schema), database: summary(coldByMode.database) },
        warm: summary(warm),
        split: {
          coldSchema: {
            resolve: summary(coldSplit.schema.resolve),
            work: summary(coldSplit.schema.work),
          },
          coldDatabase: {
            resolve: summary(coldSplit.database.resolve),
            work: summary(coldSplit.database.work),
          },
          warm: { resolve: summary(warmSplit.resolve), work: summary(warmSplit.work) },
        },
        connections: { max: maxConnections, budget: stats.maxConnections },
        queuedForConnection: {
          shareOfSamples:
            Math.round((queue.withWaiting / Math.max(1, queue.samples)) * 1000) / 1000,
          maxWaiting: queue.maxWaiting,
        },
        evictions: { ...stats.evictions, perSecond: stats.evictions.databaseConnections / seconds },
        memory: {
          curve: curve.map((point) => ({ ...point, mb: Math.round(point.mb * 10) / 10 })),
          perSchemaKb: Math.round(perSchemaKb),
          recycleAfterUses: RECYCLE_AFTER_USES,
          largestBackendMbAfterRun: Math.round(largestBackendMb * 10) / 10,
        },
        targets: {
          coldP99Ms: { target: 50, met: coldSummary.p99Ms < 50 },
          backendUnderMb: { target: 256, met: largestBackendMb < 256 },
          withinBudget: { met: maxConnections <= options.budget },
        },
      };
      console.log(options.json ? JSON.stringify(result, null, 2) : render(result));
    } finally {
      clearInterval(sampler);
      await router.close();
    }
  } finally {
    await fleet.close(options.keep);
  }
}

function render(result: {
  cold: { p50Ms: number; p99Ms: number };
  coldByMode: Record<'schema' | 'database', { p50Ms: number; p99Ms: number }>;
  warm: { p50Ms: number; p99Ms: number };
  split: Record<
    'coldSchema' | 'coldDatabase' | 'warm',
    Record<'resolve' | 'work', { p50Ms: number; p99Ms: number }>
  >;
  connections: { max: number; budget: number };
  queuedForConnection: { shareOfSamples: number; maxWaiting: number };
  evictions: { perSecond: number };
  memory: { perSchemaKb: number; largestBackendMbAfterRun: number };
}): string {
  return [
    `cold route: p50 ${result.cold.p50Ms} ms, p99 ${result.cold.p99Ms} ms (target p99 < 50 ms)`,
    `  schema clinics: p50 ${result.coldByMode.schema.p50Ms} ms, p99 ${result.coldByMode.schema.p99Ms} ms; database clinics: p50 ${result.coldByMode.database.p50Ms} ms, p99 ${result.coldByMode.database.p99Ms} ms`,
    `warm route: p50 ${result.warm.p50Ms} ms, p99 ${result.warm.p99Ms} ms`,
    ...(['coldSchema', 'coldDatabase', 'warm'] as const).map((part) => {
      const { resolve, work } = result.split[part];
      return `  ${part}: resolve p50/p99 ${resolve.p50Ms}/${resolve.p99Ms} ms, work ${work.p50Ms}/${work.p99Ms} ms`;
    }),
    `connections: at most ${result.connections.max} of ${result.connections.budget}; a request queued for one in ${(result.queuedForConnection.shareOfSamples * 100).toFixed(1)}% of samples (at most ${result.queuedForConnection.maxWaiting})`,
    `evictions: ${result.evictions.perSecond.toFixed(2)} idle database connections per second`,
    `backend memory: ${result.memory.perSchemaKb} kB per schema touched; largest after the run ${result.memory.largestBackendMbAfterRun} MB (target < 256 MB)`,
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
