import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '@eventora/db';
import type pg from 'pg';

import type { PlatformAccess } from '../context/bound-clinic';
import { requireClinic } from '../context/tenant-context';
import { isTenancyError, TenancyError, type TenancyErrorCode } from '../errors';
import { createBindingPool } from './binding-pool';
import { READ_OPERATIONS } from './operations';
import { scopeArgs, uniqueToFilter } from './scope-args';
import { isTenantModel } from './tenant-models';

const RAW_OPERATIONS = new Set([
  '$queryRaw',
  '$executeRaw',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  '$queryRawTyped',
]);

/**
 * The tenancy extension: scopes every tenant-model operation to the bound clinic and fails
 * closed when none is bound. Postgres enforces the same rule underneath (binding-pool.ts).
 */
export const tenantScope = Prisma.defineExtension({
  name: 'eventora-tenancy',
  model: {
    $allModels: {
      /*
       * findUnique runs as findFirst. Prisma batches findUnique calls made in the same tick
       * into one query, even from two requests of two clinics, and runs the batch under the
       * first one's binding: RLS then hides the second clinic's row and a legitimate user
       * gets "not found". findFirst is never batched; the SQL is the same (LIMIT 1).
       */
      findUnique<T, A>(
        this: T,
        args: Prisma.Exact<A, Prisma.Args<T, 'findUnique'>>,
      ): Prisma.PrismaPromise<Prisma.Result<T, A, 'findUnique'>> {
        const model = Prisma.getExtensionContext(this) as unknown as UniqueAsFirst;
        return model.findFirst(asFindFirst(model.$name, args)) as never;
      },
      findUniqueOrThrow<T, A>(
        this: T,
        args: Prisma.Exact<A, Prisma.Args<T, 'findUniqueOrThrow'>>,
      ): Prisma.PrismaPromise<Prisma.Result<T, A, 'findUniqueOrThrow'>> {
        const model = Prisma.getExtensionContext(this) as unknown as UniqueAsFirst;
        return model.findFirstOrThrow(asFindFirst(model.$name, args)) as never;
      },
    },
  },
  query: {
    // Not async: a plain function returning Prisma's own promise saves a promise and a
    // microtask per call (the hook runs for every operation, tenant or not).
    $allOperations({ model, operation, args, query }) {
      const tenantModel = isTenantModel(model);
      if (!tenantModel && !RAW_OPERATIONS.has(operation)) return query(args);
      // Raw SQL runs under the bound clinic's RLS binding; with none bound it is refused here
      // rather than sent to match nothing.
      const clinic = requireClinic();
      const scoped = () =>
        tenantModel
          ? scopeArgs(model, operation, args as Record<string, unknown>, clinic.id)
          : args;
      if (!clinic.platformAccess) return query(scoped()).catch(translateRefusal);
      return checkPlatformAccess(clinic.platformAccess, model, operation, !tenantModel)
        .then(() => query(scoped()))
        .catch(translateRefusal);
    },
  },
});

/**
 * Refusals become typed TenancyErrors again: a write refused by the database's freeze (a move in
 * progress) becomes CLINIC_FROZEN, and a refusal of the database clinics' pool (ClinicDatabasePool),
 * which Prisma rewraps as a request error keeping the code and the message, its own code.
 */
function translateRefusal(error: unknown): never {
  if (isFrozenRefusal(error))
    throw new TenancyError(
      'CLINIC_FROZEN',
      'This clinic is being upgraded; try again in a minute.',
    );
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (!isTenancyError(error) && POOL_REFUSALS.has(code as TenancyErrorCode)) {
    const reason = typeof message === 'string' ? message.trim().split('\n').at(-1) : undefined;
    throw new TenancyError(code as TenancyErrorCode, reason ?? String(code));
  }
  throw error;
}

/** What ClinicDatabasePool refuses with (none of them is a Prisma error code). */
const POOL_REFUSALS = new Set<TenancyErrorCode>([
  'TENANT_NOT_BOUND',
  'CROSS_TENANT',
  'CLINIC_NOT_FOUND',
  'ROUTER_AT_CAPACITY',
]);

/**
 * The database refused a write because the clinic is frozen (a move's freeze trigger raised
 * SQLSTATE EV001). Prisma wraps driver errors; the code travels in the cause, the text in the
 * message.
 */
function isFrozenRefusal(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    const candidate = current as {
      code?: unknown;
      originalCode?: unknown;
      message?: unknown;
      meta?: { driverAdapterError?: unknown };
      cause?: unknown;
    };
    if (candidate.code === 'EV001' || candidate.originalCode === 'EV001') return true;
    if (typeof candidate.message === 'string' && candidate.message.includes('CLINIC_FROZEN:'))
      return true;
    current = candidate.meta?.driverAdapterError ?? candidate.cause;
  }
  return false;
}

/** Platform access: expired access and (read-only) writes are refused; the rest is audited first. */
async function checkPlatformAccess(
  access: PlatformAccess,
  model: string | undefined,
  operation: string,
  raw: boolean,
): Promise<void> {
  if (access.expiresAt.getTime() <= Date.now()) {
    throw new TenancyError('PLATFORM_ACCESS_DENIED', 'This platform access has expired.');
  }
  // Raw SQL could write anything, so read-only access allows only model reads.
  if (access.readOnly && (raw || !READ_OPERATIONS.has(operation))) {
    throw new TenancyError(
      'PLATFORM_ACCESS_DENIED',
      `Read-only platform access cannot run ${model ?? ''}.${operation}.`,
    );
  }
  await access.recordOperation(model, operation);
}

interface UniqueAsFirst {
  $name: string;
  findFirst(args: unknown): unknown;
  findFirstOrThrow(args: unknown): unknown;
}

function asFindFirst(model: string, args: unknown): Record<string, unknown> {
  const { where, ...rest } = (args ?? {}) as { where?: Record<string, unknown> };
  return { ...rest, where: uniqueToFilter(model, where) };
}

export interface TenantClientOptions {
  /** Connection URL of the runtime role (eventora_app): owns nothing, cannot bypass RLS. */
  connectionString: string;
  /** The Postgres schema holding the data: `public` (shared) or `clinic_<slug>` (Plan B). */
  schema?: string;
  /** Connections this client may hold open at once. */
  maxConnections?: number;
  /** Extra pg pool settings (timeouts). */
  pool?: Omit<pg.PoolConfig, 'connectionString' | 'max' | 'Client'>;
}

/**
 * Creates a tenant client with a binding pool of its own: a Prisma client with the tenancy
 * extension. Use it inside `runWithClinic`; `$disconnect()` closes its pool.
 */
export function createTenantClient(options: TenantClientOptions) {
  const pool = createBindingPool({
    ...options.pool,
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
  });
  return tenantClientOnPool(pool, { schema: options.schema, ownsPool: true });
}

/**
 * A tenant client on an existing binding pool (see createBindingPool). Several clients may
 * share one pool: the SQL names its schema. With `schema: CLINIC_SCHEMA_PLACEHOLDER` one client
 * serves every schema clinic of the pool's database (the pool puts in the bound clinic's schema).
 */
export function tenantClientOnPool(pool: pg.Pool, options: { schema?: string; ownsPool: boolean }) {
  const adapter = new PrismaPg(pool, {
    schema: options.schema,
    disposeExternalPool: options.ownsPool,
  });
  return new PrismaClient({ adapter }).$extends(tenantScope);
}

/** A Prisma client with the tenancy extension: every tenant query scoped to the bound clinic. */
export type TenantClient = ReturnType<typeof tenantClientOnPool>;

/** The client of one interactive transaction on a tenant client (`db.$transaction(async (tx) => …)`). */
export type TenantTransaction = Parameters<Parameters<TenantClient['$transaction']>[0]>[0];
