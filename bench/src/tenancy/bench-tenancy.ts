// pnpm bench:tenancy [--json] [--iterations N] [--seconds S] [--rounds N] …
//
// What binding a clinic for row level security costs: our tenant client against plain Prisma
// without RLS (the baseline), raw pg, and the batch-transaction pattern of Prisma's RLS
// example, on 1,000 clinics and 1,000,000 reservations. See docs/performance.md.
import os from 'node:os';

import { withClient } from '@eventora/tenancy/with-client';
import { createContenders } from './contenders';
import { DATASET, PLAIN_SCHEMA, PUBLIC_SCHEMA, prepareDataset } from './dataset';
import { explainList } from './explain';
import { machineFacts } from './machine';
import {
  measureLatency,
  measureRoundTrips,
  measureThroughput,
  verifyAgreement,
  warmUp,
} from './measure';
import { readOptions } from './options';
import { capturePrismaSql } from './queries';
import { buildResults, renderTable } from './report';
import { fetchSamples } from './samples';
import { ServerCpu } from './server-cpu';
import { openBenchServer } from './server';

const SAMPLES = 2_000;

// Progress goes to stderr: stdout carries the report, and with --json ends with the JSON line.
const log = (line: string) => console.error(`[bench:tenancy] ${line}`);

async function main(): Promise<void> {
  const options = readOptions();
  const server = await openBenchServer(log);
  try {
    const db = await prepareDataset(server.adminUrl, { rebuild: options.rebuild, log });
    log(
      `setup ${db.reused ? 'reused the dataset' : 'loaded the dataset'} in ${db.setupSeconds.toFixed(1)} s`,
    );

    const started = performance.now();
    const machine = await machineFacts(db.adminUrl);
    const samples = await fetchSamples(db.adminUrl, SAMPLES);
    const probe = samples[0]!;
    const plainSql = await capturePrismaSql(db.appUrl, PLAIN_SCHEMA, probe);
    const rlsSql = await capturePrismaSql(db.appUrl, PUBLIC_SCHEMA, probe);

    const contenders = createContenders({
      appUrl: db.appUrl,
      poolSize: options.concurrency,
      plainSql,
    });
    try {
      log('checking that every contender reads the same rows');
      await verifyAgreement(contenders, samples.slice(0, 20));
      log(`warming up (${options.warmup} iterations)`);
      await warmUp(contenders, samples, options.warmup, options.concurrency);
      log('counting round trips');
      const protocol = await measureRoundTrips(contenders, samples);
      log(`latency: ${options.iterations} iterations`);
      const latency = await measureLatency(contenders, samples, options.iterations);
      log(
        `throughput: ${options.rounds} rounds of ${options.seconds} s per contender and operation`,
      );
      const throughput = await withClient(db.adminUrl, async (admin) =>
        measureThroughput(contenders, samples, options, await ServerCpu.open(admin)),
      );
      log(`EXPLAIN ANALYZE: ${options.explainRuns} runs per side`);
      const explain = await explainList(
        db.appUrl,
        { rls: rlsSql.list, plain: plainSql.list },
        samples,
        options.explainRuns,
      );

      const results = buildResults({
        latency,
        throughput,
        protocol,
        explain,
        machine,
        run: {
          server: server.description,
          setup: {
            seconds: db.setupSeconds,
            reused: db.reused,
            reservations: db.reservations.rls,
            clinics: DATASET.clinics,
          },
          iterations: options.iterations,
          warmup: options.warmup,
          rounds: options.rounds,
          seconds_per_round: options.seconds,
          concurrency: options.concurrency,
          lockstep: options.lockstep,
          benchmark_seconds: (performance.now() - started) / 1000,
          load_average_at_end: os.loadavg()[0]!,
        },
      });
      console.log(renderTable(results));
      if (options.json) console.log(JSON.stringify(results));
    } finally {
      await Promise.all(contenders.map((c) => c.close()));
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
