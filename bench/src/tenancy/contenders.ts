import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@eventora/db';
import { createBindingPool, runWithClinic, tenantClientOnPool } from '@eventora/tenancy';

import { createPool, POOL_SETTINGS } from '../create-pool';
import { PLAIN_SCHEMA } from './dataset';
import { type CapturedSql, listArgs, lookupArgs, type Operation, type Sample } from './queries';

export const CONTENDER_KEYS = ['tenant_client', 'plain_prisma', 'raw_pg', 'rls_example'] as const;
export type ContenderKey = (typeof CONTENDER_KEYS)[number];
/** Every ratio is taken against this one. */
export const BASELINE: ContenderKey = 'plain_prisma';

export const CONTENDER_LABELS: Record<ContenderKey, string> = {
  tenant_client: '(a) tenant client, RLS',
  plain_prisma: '(b) plain Prisma, no RLS',
  raw_pg: '(c) raw pg, no RLS',
  rls_example: "(d) Prisma's RLS example",
};

/** One way of running the two operations. Each resolves to the rows it read. */
export interface Contender {
  key: ContenderKey;
  run: Record<Operation, (sample: Sample) => Promise<Row[]>>;
  close(): Promise<void>;
}

/** Just enough of a reservation to check that every contender read the same rows. */
export interface Row {
  id: string;
}

export interface ContenderOptions {
  /** eventora_app on the bench database: every contender connects as the runtime role. */
  appUrl: string;
  /** Connections per contender (the throughput concurrency). */
  poolSize: number;
  /** Prisma's SQL for the plain copy, which raw pg sends as is. */
  plainSql: Record<Operation, CapturedSql>;
}

export function createContenders(options: ContenderOptions): Contender[] {
  return [tenantClient(options), plainPrisma(options), rawPg(options), rlsExample(options)];
}

/**
 * (a) Ours: the tenancy extension on a binding pool, on the RLS tables; every statement carries
 * the clinic binding in its own round trip. Callers pass the same arguments as to plain Prisma
 * (the extension would add `clinicId` itself; here it checks and keeps it).
 */
function tenantClient({ appUrl, poolSize }: ContenderOptions): Contender {
  const db = tenantClientOnPool(
    createBindingPool({ ...POOL_SETTINGS, connectionString: appUrl, max: poolSize }),
    {
      ownsPool: true,
    },
  );
  return {
    key: 'tenant_client',
    run: {
      list: (s) => runWithClinic(s.clinic, () => db.reservation.findMany(listArgs(s))),
      lookup: (s) =>
        runWithClinic(s.clinic, () => db.reservation.findUnique(lookupArgs(s))).then(asRows),
    },
    close: () => db.$disconnect(),
  };
}

/** (b) The baseline: plain Prisma on the copy without RLS, filtering by clinic itself. */
function plainPrisma({ appUrl, poolSize }: ContenderOptions): Contender {
  const pool = createPool(appUrl, poolSize);
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { schema: PLAIN_SCHEMA }) });
  return {
    key: 'plain_prisma',
    run: {
      list: (s) => db.reservation.findMany(listArgs(s)),
      lookup: (s) => db.reservation.findUnique(lookupArgs(s)).then(asRows),
    },
    close: async () => {
      await db.$disconnect();
      await pool.end();
    },
  };
}

/** (c) The floor: the SQL Prisma generates for (b), sent by pg directly. */
function rawPg({ appUrl, poolSize, plainSql }: ContenderOptions): Contender {
  const pool = createPool(appUrl, poolSize);
  const query = (sql: CapturedSql) => async (s: Sample) =>
    (await pool.query<Row>({ text: sql.text, values: sql.values(s) })).rows;
  return {
    key: 'raw_pg',
    run: { list: query(plainSql.list), lookup: query(plainSql.lookup) },
    close: () => pool.end(),
  };
}

/**
 * (d) The pattern of Prisma's row-level-security example (prisma-client-extensions), as its
 * README uses it: a client extended per request, every operation wrapped in a batch
 * transaction that sets the tenant first. On the RLS tables, on a plain pg pool.
 */
function rlsExample({ appUrl, poolSize }: ContenderOptions): Contender {
  const pool = createPool(appUrl, poolSize);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // The example's `forCompany(id)`: extends the client per request with a wrapper that runs each
  // operation in a batch transaction after set_config.
  const forClinic = (clinicId: string) =>
    prisma.$extends({
      query: {
        $allModels: {
          async $allOperations({ args, query }) {
            const [, result] = await prisma.$transaction([
              prisma.$executeRaw`SELECT set_config('app.current_tenant', ${clinicId}, TRUE)`,
              query(args),
            ]);
            return result;
          },
        },
      },
    });
  return {
    key: 'rls_example',
    run: {
      list: (s) => forClinic(s.clinic.id).reservation.findMany(listArgs(s)),
      lookup: (s) => forClinic(s.clinic.id).reservation.findUnique(lookupArgs(s)).then(asRows),
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function asRows(row: Row | null): Row[] {
  return row ? [row] : [];
}
