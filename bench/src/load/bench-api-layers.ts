// pnpm --filter @eventora/bench bench:request-path:layers [--seconds 3] [--rounds 3] [--profile DIR]
//
// The request path without Next.js and without HTTP: the portal's own handler
// (`handleTrpcRequest`) called in this process with fetch Requests, 16 at a time, so its CPU
// per request is our stack alone (tRPC, auth, tenancy, Prisma, pg). Subtracting it from the
// portal's CPU per request (bench:request-path) leaves what Next.js and HTTP cost. Sources run
// unminified here, so `--profile` gives readable function names.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { appRouter, defaultMailer, type ApiServices } from '@eventora/api';
import { handleTrpcRequest } from '@eventora/api/http';
import { createPlatformClient } from '@eventora/auth';
import { TenantRouter } from '@eventora/tenancy';

import { median } from '../tenancy/stats';
import { clinicHeaders, trpcQueryPath } from './portal-env';
import { createWorld, startBenchPostgres } from './world';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    profile: { type: 'string' },
  },
});
const SECONDS = Math.min(30, Math.max(1, Number(args.seconds)));
const ROUNDS = Math.min(20, Math.max(1, Number(args.rounds)));
const CONCURRENCY = 16;

async function main(): Promise<void> {
  const log = (line: string) => console.error(`[request-path:layers] ${line}`);
  const postgres = await startBenchPostgres(log);
  try {
    const world = await createWorld(postgres, {
      clinics: 1,
      schemaClinics: 0,
      databaseClinics: 0,
      log,
    });
    const tenants = new TenantRouter({ connectionString: world.urls.app, connectionBudget: 40 });
    const services: ApiServices = {
      tenants,
      platform: createPlatformClient({ connectionString: world.urls.platform, maxConnections: 2 }),
      rootDomain: 'localhost',
      mailer: defaultMailer({
        production: false,
        revealTokens: false,
        rootDomain: 'localhost',
        port: 3152,
      }),
      now: () => new Date(),
      portalUrl: (slug) => `http://${slug}.localhost:3152`,
    };
    const clinic = world.clinics[0]!;
    const calls = {
      'portal.clinic': () =>
        request(trpcQueryPath('portal.clinic'), clinicHeaders(clinic.slug, 3152)),
      'reservation.list': () =>
        request(
          trpcQueryPath('reservation.list', { limit: 6 }),
          clinicHeaders(clinic.slug, 3152, clinic.clientToken),
        ),
    };
    const request = (pathAndQuery: string, headers: Record<string, string>) =>
      handleTrpcRequest(new Request(`http://${headers.host}${pathAndQuery}`, { headers }), {
        router: appRouter,
        services,
        endpoint: '/api/trpc',
      }).then(async (response) => {
        await response.text();
        if (response.status !== 200) throw new Error(`answered ${response.status}`);
      });

    for (const call of Object.values(calls)) for (let i = 0; i < 200; i += 1) await call();
    const session = args.profile ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const results = new Map<string, { perSecond: number; cpuMs: number }[]>();
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, call] of Object.entries(calls)) {
        const cpu = process.cpuUsage();
        const done = await closedLoop(call, SECONDS);
        const used = process.cpuUsage(cpu);
        const list = results.get(name) ?? [];
        list.push({ perSecond: done / SECONDS, cpuMs: (used.user + used.system) / 1000 / done });
        results.set(name, list);
      }
    }
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      const file = path.join(args.profile!, `api-layers-${Date.now()}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      log(`profile written to ${file}`);
    }
    console.log(
      `in-process handler, ${CONCURRENCY} concurrent, ${ROUNDS} × ${SECONDS} s, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
    console.log('| call | calls/s | this process CPU ms/call (Node only; Postgres apart) |');
    console.log('| --- | --- | --- |');
    for (const [name, list] of results) {
      console.log(
        `| ${name} | ${median(list.map((r) => r.perSecond)).toFixed(0)} | ${median(list.map((r) => r.cpuMs)).toFixed(3)} |`,
      );
    }
    await tenants.close();
  } finally {
    await postgres.dispose();
  }
}

/** Runs `call` from CONCURRENCY workers until `seconds` pass; the number completed. */
async function closedLoop(call: () => Promise<void>, seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        // Each call starts in its own macrotask, as a request on its own socket would.
        await new Promise((resolve) => setImmediate(resolve));
        await call();
        done += 1;
      }
    }),
  );
  return done;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
