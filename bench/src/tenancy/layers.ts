// pnpm --filter @eventora/bench bench:tenancy:layers [--rounds N] [--block N]
//
// Where the tenant client's extra cost goes, one layer at a time, at concurrency 1: the CPU this
// process spends per operation (process.cpuUsage) and the CPU its one Postgres backend spends
// per operation (/proc/<pid>/schedstat). Runs on the dataset of bench:tenancy. A diagnostic for
// docs/performance.md, not a contender table: variants run in shuffled blocks; medians and 10th
// percentiles over blocks (the low percentile is what a block costs when other work leaves it be).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '@eventora/db';
import { createBindingPool, runWithClinic, tenantScope } from '@eventora/tenancy';
import pg from 'pg';

import { POOL_SETTINGS } from '../create-pool';
import { withClient } from '@eventora/tenancy/with-client';
import { PLAIN_SCHEMA, PUBLIC_SCHEMA, prepareDataset } from './dataset';
import {
  capturePrismaSql,
  type CapturedSql,
  listArgs,
  lookupArgs,
  OPERATIONS,
  type Operation,
  type Sample,
} from './queries';
import { fetchSamples } from './samples';
import { openBenchServer } from './server';
import { median, percentile, seededRandom } from './stats';

interface Layer {
  name: string;
  run: Record<Operation, (sample: Sample) => Promise<unknown>>;
  close(): Promise<void>;
}

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '40' },
    block: { type: 'string', default: '100' },
  },
});
const ROUNDS = Math.min(200, Math.max(1, Number(args.rounds)));
const BLOCK = Math.min(10_000, Math.max(10, Number(args.block)));

/** The tenant client's prelude, as binding-pool.ts sends it. */
const BIND_SQL =
  "SELECT set_config('app.current_tenant', $1, true), set_config('search_path', $2, true)";

async function main(): Promise<void> {
  const log = (line: string) => console.error(`[layers] ${line}`);
  const server = await openBenchServer(log);
  try {
    const db = await prepareDataset(server.adminUrl, { rebuild: false, log });
    const samples = await fetchSamples(db.adminUrl, 2_000);
    const sql = {
      plain: await capturePrismaSql(db.appUrl, PLAIN_SCHEMA, samples[0]!),
      rls: await capturePrismaSql(db.appUrl, PUBLIC_SCHEMA, samples[0]!),
    };
    const layers = await createLayers(db.appUrl, sql);
    try {
      for (const layer of layers) {
        for (const op of OPERATIONS)
          for (const sample of samples.slice(0, 200)) await layer.run[op](sample);
      }
      const results = await withClient(db.adminUrl, (admin) => measure(admin, layers, samples));
      print(results);
      printNodeOnly(await measureNodeOnly(db.appUrl, samples));
    } finally {
      await Promise.all(layers.map((layer) => layer.close()));
    }
  } finally {
    await server.stop();
  }
}

async function createLayers(
  appUrl: string,
  sql: Record<'plain' | 'rls', Record<Operation, CapturedSql>>,
) {
  const pool = (name: string) => {
    const p = new pg.Pool({
      ...POOL_SETTINGS,
      connectionString: appUrl,
      max: 1,
      application_name: name,
    });
    p.on('error', () => undefined);
    return p;
  };
  const bindingPool = (name: string) =>
    createBindingPool({
      ...POOL_SETTINGS,
      connectionString: appUrl,
      max: 1,
      application_name: name,
    });
  const prismaLayer = (name: string, client: PrismaLike, bound: boolean): Layer => {
    const within = bound
      ? <T>(s: Sample, work: () => PromiseLike<T>) => runWithClinic(s.clinic, work)
      : async <T>(_: Sample, work: () => PromiseLike<T>) => await work();
    return {
      name,
      run: {
        list: (s) => within(s, () => client.reservation.findMany(listArgs(s))),
        lookup: (s) => within(s, () => client.reservation.findUnique(lookupArgs(s))),
      },
      close: () => client.$disconnect(),
    };
  };
  const plainClient = (name: string) =>
    new PrismaClient({ adapter: new PrismaPg(pool(name), { schema: PLAIN_SCHEMA }) });
  const noOpExtension = Prisma.defineExtension({
    query: { $allModels: { $allOperations: ({ args: queryArgs, query }) => query(queryArgs) } },
  });
  return [
    prismaLayer('(b) plain Prisma', plainClient('layer-1'), false),
    prismaLayer('(b) inside runWithClinic', plainClient('layer-2'), true),
    prismaLayer(
      '(b) + a no-op query extension',
      plainClient('layer-3').$extends(noOpExtension),
      false,
    ),
    prismaLayer('(b) + tenantScope, no RLS', plainClient('layer-4').$extends(tenantScope), true),
    prismaLayer(
      'binding pool + RLS, no extension',
      new PrismaClient({ adapter: new PrismaPg(bindingPool('layer-5')) }),
      true,
    ),
    prismaLayer(
      '(a) tenant client',
      new PrismaClient({ adapter: new PrismaPg(bindingPool('layer-6')) }).$extends(tenantScope),
      true,
    ),
    await rawLayer('raw pg, no RLS, no prelude', appUrl, 'layer-7', sql.plain, undefined),
    await rawLayer('raw pg, no RLS, prelude', appUrl, 'layer-8', sql.plain, ''),
    await rawLayer('raw pg, RLS, prelude (= (a) in Postgres)', appUrl, 'layer-9', sql.rls, ''),
    await rawLayer(
      'raw pg, RLS, prelude as a named statement',
      appUrl,
      'layer-10',
      sql.rls,
      'eventora_bind',
    ),
  ];
}

interface PrismaLike {
  reservation: {
    findMany(args: ReturnType<typeof listArgs>): PromiseLike<unknown>;
    findUnique(args: ReturnType<typeof lookupArgs>): PromiseLike<unknown>;
  };
  $disconnect(): Promise<void>;
}

/**
 * Raw pg with the tenant client's prelude sent ahead of the statement before one Sync, as
 * binding-pool.ts does (a copy of its technique, so Postgres' share can be measured alone and
 * with the prelude as a named statement). `prelude` undefined: no prelude; '': unnamed.
 */
async function rawLayer(
  name: string,
  appUrl: string,
  applicationName: string,
  sql: Record<Operation, CapturedSql>,
  prelude: string | undefined,
): Promise<Layer> {
  const client = new pg.Client({ connectionString: appUrl, application_name: applicationName });
  await client.connect();
  const send = (text: string, values: unknown[], binding: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const query = new PreludeQuery(
        { text, values },
        prelude === undefined ? undefined : { name: prelude, values: binding },
      );
      (client.query as (q: unknown, cb: (e: Error | null, r: unknown) => void) => void)(
        query,
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });
  return {
    name,
    run: {
      list: (s) => send(sql.list.text, sql.list.values(s), [s.clinic.id, 'public']),
      lookup: (s) => send(sql.lookup.text, sql.lookup.values(s), [s.clinic.id, 'public']),
    },
    close: () => client.end(),
  };
}

interface Wire {
  parsedStatements: Record<string, string>;
  parse(config: { text: string; name: string; types: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: unknown[] }): void;
  execute(config: { portal: string; rows: number }): void;
}
type QueryClass = new (config: unknown) => {
  prepare(connection: Wire): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: Wire): void;
};

class PreludeQuery extends (pg.Query as unknown as QueryClass) {
  private pending: boolean;

  constructor(
    config: { text: string; values: unknown[] },
    private readonly prelude: { name: string; values: unknown[] } | undefined,
  ) {
    super({ ...config, queryMode: 'extended' });
    this.pending = prelude !== undefined;
  }

  override prepare(connection: Wire): void {
    if (this.prelude) {
      const { name, values } = this.prelude;
      if (!name || connection.parsedStatements[name] === undefined) {
        connection.parse({ text: BIND_SQL, name, types: [] });
        if (name) connection.parsedStatements[name] = BIND_SQL;
      }
      connection.bind({ portal: '', statement: name, values });
      connection.execute({ portal: '', rows: 0 });
    }
    super.prepare(connection);
  }

  override handleDataRow(message: unknown): void {
    if (!this.pending) super.handleDataRow(message);
  }

  override handleCommandComplete(message: unknown, connection: Wire): void {
    if (this.pending) {
      this.pending = false;
      return;
    }
    super.handleCommandComplete(message, connection);
  }
}

type Costs = Map<string, Record<Operation, { node: number[]; postgres: number[] }>>;

async function measure(admin: pg.Client, layers: Layer[], samples: Sample[]): Promise<Costs> {
  const { rows } = await admin.query<{ application_name: string; pid: number }>(
    "SELECT application_name, pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'layer-%'",
  );
  const pids = new Map(rows.map((row) => [row.application_name, row.pid]));
  const backendCpu = async (index: number) => {
    const pid = pids.get(`layer-${index + 1}`);
    const stat = pid ? await readFile(`/proc/${pid}/schedstat`, 'utf8').catch(() => '') : '';
    return stat ? Number(stat.split(' ')[0]) / 1000 : Number.NaN;
  };
  const costs: Costs = new Map(
    layers.map((l) => [
      l.name,
      { list: { node: [], postgres: [] }, lookup: { node: [], postgres: [] } },
    ]),
  );
  const random = seededRandom(11);
  let cursor = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const op of OPERATIONS) {
      const order = layers.map((_, i) => i).sort(() => random() - 0.5);
      for (const index of order) {
        const layer = layers[index]!;
        const serverBefore = await backendCpu(index);
        const cpu = process.cpuUsage();
        for (let i = 0; i < BLOCK; i++) await layer.run[op](samples[cursor++ % samples.length]!);
        const used = process.cpuUsage(cpu);
        const serverUsed = (await backendCpu(index)) - serverBefore;
        costs.get(layer.name)![op].node.push((used.user + used.system) / BLOCK);
        costs.get(layer.name)![op].postgres.push(serverUsed / BLOCK);
      }
    }
  }
  return costs;
}

function print(costs: Costs): void {
  for (const op of OPERATIONS) {
    console.log(
      `\n${op}: CPU µs per operation at concurrency 1, over ${ROUNDS} blocks of ${BLOCK}: median (10th percentile)`,
    );
    console.log(`  ${'layer'.padEnd(44)} ${'Node'.padStart(11)} ${'Postgres'.padStart(11)}`);
    const cell = (values: number[]) =>
      `${median(values).toFixed(0)} (${percentile(values, 10).toFixed(0)})`.padStart(11);
    for (const [name, byOp] of costs)
      console.log(`  ${name.padEnd(44)} ${cell(byOp[op].node)} ${cell(byOp[op].postgres)}`);
  }
}

/**
 * Prisma's own CPU per operation with no I/O at all: each client's adapter answers from a
 * recording of the real answer, so only Node work is left (query building, the extension,
 * AsyncLocalStorage, result mapping) and the machine's other load hardly matters.
 */
async function measureNodeOnly(appUrl: string, samples: Sample[]) {
  const replaying = (schema: string | undefined) => {
    const factory = new PrismaPg(createPoolForReplay(appUrl), { schema });
    const connect = factory.connect.bind(factory);
    const recorded = new Map<string, unknown>();
    let replay = false;
    factory.connect = async () => {
      const adapter = await connect();
      const queryRaw = adapter.queryRaw.bind(adapter);
      adapter.queryRaw = async (query) => {
        if (replay && recorded.has(query.sql))
          return recorded.get(query.sql) as Awaited<ReturnType<typeof queryRaw>>;
        const result = await queryRaw(query);
        recorded.set(query.sql, result);
        return result;
      };
      return adapter;
    };
    return { factory, startReplay: () => (replay = true) };
  };
  const noOpExtension = Prisma.defineExtension({
    query: { $allModels: { $allOperations: ({ args: queryArgs, query }) => query(queryArgs) } },
  });
  const plain = replaying(PLAIN_SCHEMA);
  const withAls = replaying(PLAIN_SCHEMA);
  const noOp = replaying(PLAIN_SCHEMA);
  const scoped = replaying(PLAIN_SCHEMA);
  const variants: { name: string; client: PrismaLike; bound: boolean; startReplay: () => void }[] =
    [
      {
        name: '(b) plain Prisma',
        client: new PrismaClient({ adapter: plain.factory }),
        bound: false,
        startReplay: plain.startReplay,
      },
      {
        name: '(b) inside runWithClinic',
        client: new PrismaClient({ adapter: withAls.factory }),
        bound: true,
        startReplay: withAls.startReplay,
      },
      {
        name: '(b) + a no-op query extension',
        client: new PrismaClient({ adapter: noOp.factory }).$extends(noOpExtension),
        bound: false,
        startReplay: noOp.startReplay,
      },
      {
        name: '(b) + tenantScope in runWithClinic',
        client: new PrismaClient({ adapter: scoped.factory }).$extends(tenantScope),
        bound: true,
        startReplay: scoped.startReplay,
      },
    ];
  const runOne = (v: (typeof variants)[number], op: Operation, s: Sample) => {
    const work = () =>
      op === 'list'
        ? v.client.reservation.findMany(listArgs(s))
        : v.client.reservation.findUnique(lookupArgs(s));
    return v.bound ? runWithClinic(s.clinic, work) : work();
  };
  // Record each operation's SQL once against the database, then replay; warm up the JIT.
  for (const v of variants) {
    for (const op of OPERATIONS) await runOne(v, op, samples[0]!);
    v.startReplay();
    for (const op of OPERATIONS)
      for (let i = 0; i < 2_000; i++) await runOne(v, op, samples[i % samples.length]!);
  }
  const costs = new Map(
    variants.map((v) => [v.name, { list: [] as number[], lookup: [] as number[] }]),
  );
  const random = seededRandom(13);
  for (let round = 0; round < ROUNDS; round++) {
    for (const op of OPERATIONS) {
      for (const v of [...variants].sort(() => random() - 0.5)) {
        const cpu = process.cpuUsage();
        for (let i = 0; i < BLOCK * 5; i++) await runOne(v, op, samples[i % samples.length]!);
        const used = process.cpuUsage(cpu);
        costs.get(v.name)![op].push((used.user + used.system) / (BLOCK * 5));
      }
    }
  }
  await Promise.all(variants.map((v) => v.client.$disconnect()));
  return costs;
}

function createPoolForReplay(appUrl: string): pg.Pool {
  const pool = new pg.Pool({ ...POOL_SETTINGS, connectionString: appUrl, max: 1 });
  pool.on('error', () => undefined);
  return pool;
}

function printNodeOnly(costs: Map<string, Record<Operation, number[]>>): void {
  console.log(
    `\nNode only (adapter replays a recorded answer, no I/O): CPU µs per operation, median (10th percentile)`,
  );
  console.log(`  ${'variant'.padEnd(44)} ${'list'.padStart(11)} ${'lookup'.padStart(11)}`);
  const cell = (values: number[]) =>
    `${median(values).toFixed(0)} (${percentile(values, 10).toFixed(0)})`.padStart(11);
  for (const [name, byOp] of costs)
    console.log(`  ${name.padEnd(44)} ${cell(byOp.list)} ${cell(byOp.lookup)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
