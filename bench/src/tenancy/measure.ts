import { setImmediate as nextMacrotask } from 'node:timers/promises';

import type { Contender, ContenderKey } from './contenders';
import { countProtocol, type ProtocolCounts } from './protocol-counter';
import { LIST_SIZE, OPERATIONS, type Operation, type Sample } from './queries';
import { ServerCpu } from './server-cpu';
import { seededRandom } from './stats';

const SHUFFLE_SEED = 7;

export type PerContender<T> = Record<ContenderKey, Record<Operation, T>>;

function perContender<T>(contenders: Contender[], make: () => T): PerContender<T> {
  return Object.fromEntries(
    contenders.map((c) => [c.key, Object.fromEntries(OPERATIONS.map((op) => [op, make()]))]),
  ) as PerContender<T>;
}

/**
 * A fresh order of the contenders for each iteration or round (seeded, so runs repeat). Not a
 * rotation: a rotation keeps each contender behind the same neighbour every time, and what ran
 * just before (a GC left over, a transaction) would then always weigh on the same contender.
 */
function shuffled(contenders: Contender[], random: () => number): Contender[] {
  const order = [...contenders];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Refuses to measure contenders that disagree: every one must read the same 50 rows, in the
 * same order, and find the same reservation by id. A contender that reads nothing (a binding
 * that did not reach Postgres, say) would otherwise look fast.
 */
export async function verifyAgreement(contenders: Contender[], samples: Sample[]): Promise<void> {
  for (const sample of samples) {
    for (const op of OPERATIONS) {
      const expected = op === 'list' ? LIST_SIZE : 1;
      const results = await Promise.all(
        contenders.map(async (c) => [c.key, await c.run[op](sample)] as const),
      );
      const [first] = results;
      for (const [key, rows] of results) {
        const ids = rows.map((row) => row.id).join();
        if (rows.length !== expected || ids !== first![1].map((row) => row.id).join()) {
          throw new Error(
            `${key} ${op} for clinic ${sample.clinic.slug} read ${rows.length} rows that differ from ${first![0]}'s.`,
          );
        }
        if (op === 'lookup' && rows[0]!.id !== sample.reservationId) {
          throw new Error(`${key} lookup found the wrong reservation.`);
        }
      }
    }
  }
}

/** Untimed work: JIT, connection pools filled up to `concurrency`, caches warm. */
export async function warmUp(
  contenders: Contender[],
  samples: Sample[],
  iterations: number,
  concurrency: number,
): Promise<void> {
  const random = seededRandom(SHUFFLE_SEED);
  for (let i = 0; i < iterations; i++) {
    for (const op of OPERATIONS) {
      for (const c of shuffled(contenders, random)) await c.run[op](samples[i % samples.length]!);
    }
  }
  for (const c of contenders) {
    for (const op of OPERATIONS) {
      await Promise.all(
        Array.from({ length: concurrency }, (_, i) => c.run[op](samples[i % samples.length]!)),
      );
    }
  }
}

/** Round trips and statements per operation, each contender alone, one operation at a time. */
export async function measureRoundTrips(
  contenders: Contender[],
  samples: Sample[],
  operations = 50,
): Promise<PerContender<ProtocolCounts>> {
  const result = perContender<ProtocolCounts>(contenders, () => ({ roundTrips: 0, statements: 0 }));
  for (const c of contenders) {
    for (const op of OPERATIONS) {
      const counts = await countProtocol(async () => {
        for (let i = 0; i < operations; i++) await c.run[op](samples[i % samples.length]!);
      });
      result[c.key][op] = {
        roundTrips: counts.roundTrips / operations,
        statements: counts.statements / operations,
      };
    }
  }
  return result;
}

/**
 * Latency at concurrency 1, in milliseconds. Interleaved: each iteration runs every contender
 * once on the same sample, in a shuffled order, so drift on a shared machine hits all alike.
 */
export async function measureLatency(
  contenders: Contender[],
  samples: Sample[],
  iterations: number,
): Promise<PerContender<number[]>> {
  const result = perContender<number[]>(contenders, () => []);
  const random = seededRandom(SHUFFLE_SEED + 1);
  for (let i = 0; i < iterations; i++) {
    const sample = samples[i % samples.length]!;
    for (const op of OPERATIONS) {
      for (const c of shuffled(contenders, random)) {
        const started = performance.now();
        await c.run[op](sample);
        result[c.key][op].push(performance.now() - started);
      }
    }
  }
  return result;
}

export interface ThroughputRounds {
  /** Operations per second, one entry per round. */
  opsPerSecond: number[];
  /** This process's CPU time (user + system) per operation, in microseconds, per round. */
  cpuMicrosPerOp: number[];
  /** CPU time of the Postgres backends per operation, in microseconds, per round (if readable). */
  serverCpuMicrosPerOp: number[];
  /**
   * Round trips per operation under load, per round. Below 1 means operations were merged:
   * Prisma batches findUnique calls issued in the same tick into one query.
   */
  roundTripsPerOp: number[];
}

/**
 * Throughput at `concurrency` operations in flight: in each round every contender runs each
 * operation for `seconds`, contenders in a shuffled order. Loops end on the clock.
 *
 * Each operation starts in a macrotask of its own, as a request arriving on its own socket
 * would. Without that (`lockstep`), the workers resume together in the one callback that
 * delivered a result, issue their next calls in the same tick, and plain Prisma merges
 * same-tick findUnique calls into one query (its DataLoader): a pattern of closed-loop
 * benchmarks more than of servers. `--lockstep` measures it anyway.
 */
export async function measureThroughput(
  contenders: Contender[],
  samples: Sample[],
  options: { rounds: number; seconds: number; concurrency: number; lockstep: boolean },
  serverCpu: ServerCpu,
): Promise<PerContender<ThroughputRounds>> {
  const result = perContender<ThroughputRounds>(contenders, () => ({
    opsPerSecond: [],
    cpuMicrosPerOp: [],
    serverCpuMicrosPerOp: [],
    roundTripsPerOp: [],
  }));
  let cursor = 0;
  const random = seededRandom(SHUFFLE_SEED + 2);
  for (let round = 0; round < options.rounds; round++) {
    for (const op of OPERATIONS) {
      for (const c of shuffled(contenders, random)) {
        let done = 0;
        const serverBefore = await serverCpu.snapshot();
        const cpu = process.cpuUsage();
        const started = performance.now();
        const deadline = started + options.seconds * 1000;
        const worker = async () => {
          while (performance.now() < deadline) {
            if (!options.lockstep) await nextMacrotask();
            await c.run[op](samples[cursor++ % samples.length]!);
            done++;
          }
        };
        const counts = await countProtocol(async () => {
          await Promise.all(Array.from({ length: options.concurrency }, worker));
        });
        const elapsed = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        const serverUsed = ServerCpu.usedMicros(serverBefore, await serverCpu.snapshot());
        const rounds = result[c.key][op];
        if (serverCpu.available) rounds.serverCpuMicrosPerOp.push(serverUsed / done);
        rounds.opsPerSecond.push(done / elapsed);
        rounds.cpuMicrosPerOp.push((used.user + used.system) / done);
        rounds.roundTripsPerOp.push(counts.roundTrips / done);
      }
    }
  }
  return result;
}
