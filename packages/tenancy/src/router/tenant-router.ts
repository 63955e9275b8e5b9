import type pg from 'pg';

import { CLINIC_SCHEMA_PLACEHOLDER, createBindingPool } from '../client/binding-pool';
import { tenantClientOnPool, type TenantClient } from '../client/tenant-client';
import { runWithClinic } from '../context/tenant-context';
import { TenancyError } from '../errors';
import { readClinicRecord, type ClinicRecord } from './clinic-record';
import { LruMap } from './lru';

export interface TenantRouterOptions {
  /** The runtime role's URL for the shared database (registry, shared and schema clinics). */
  connectionString: string;
  /**
   * Turns a clinic's `databaseUrlRef` (the name of a secret) into the runtime role's URL for
   * that clinic's own database. Without it, database-mode clinics are not routable.
   */
  resolveDatabaseUrl?: (ref: string) => string | Promise<string>;
  /** Connections all pools together may hold (default 40). */
  connectionBudget?: number;
  /** The shared database pool's part of the budget (default half of it). */
  sharedConnections?: number;
  /** Each dedicated database pool's size (default 4). */
  connectionsPerDatabase?: number;
  /**
   * Units of work a connection serves before it is closed and replaced (default
   * {@link RECYCLE_AFTER_USES}): a backend keeps the catalog entries of every schema it touched,
   * and only a new backend gives that memory back (`pnpm bench:router`, docs/performance.md).
   */
  recycleAfterUses?: number;
}

/**
 * A unit of work touches at most one clinic's schema, and a backend kept about 160 kB per schema
 * a three-table read touched (`pnpm bench:router`, docs/performance.md): 1,000 uses stay near
 * 160 MB even if every one were a new schema, under the 256 MB a backend may reach. A request's
 * several statements are several uses, so in practice far less.
 */
export const RECYCLE_AFTER_USES = 1_000;

/** A clinic and the tenant client that reaches its data. */
export interface ResolvedClinic {
  clinic: ClinicRecord;
  db: TenantClient;
}

interface DatabaseRoute {
  routingVersion: number;
  client: TenantClient;
  pool: pg.Pool;
}

/**
 * Routes a clinic to its data: the shared schema, its own schema in the shared database, or
 * its own database. Reads the registry on every resolve, so a routing flip (registry version
 * bump) takes effect on the next unit of work; a route built for an older version is dropped.
 *
 * Clients: one Prisma client for shared clinics and one for every schema clinic, both on one
 * binding pool for the shared database; the schema clients' SQL names a placeholder schema that
 * the pool replaces with the bound clinic's own (CLINIC_SCHEMA_PLACEHOLDER). A schema route thus
 * builds nothing: a Prisma client costs ~170 ms of CPU and ~12 MB of heap (docs/performance.md).
 * Each dedicated database has a small pool and client of its own, all within one connection
 * budget. When the budget is full, the least recently used idle database pool is closed.
 */
export class TenantRouter {
  private readonly sharedPool: pg.Pool;
  private readonly sharedClient: TenantClient;
  private readonly schemaClinicsClient: TenantClient;
  private readonly databaseRoutes = new LruMap<string, DatabaseRoute>();
  private readonly maxDatabasePools: number;
  private readonly connectionsPerDatabase: number;
  private readonly recycleAfterUses: number;
  private readonly evicted = { databasePools: 0 };

  constructor(private readonly options: TenantRouterOptions) {
    const budget = options.connectionBudget ?? 40;
    const shared = options.sharedConnections ?? Math.max(1, Math.floor(budget / 2));
    this.connectionsPerDatabase = options.connectionsPerDatabase ?? 4;
    this.maxDatabasePools = Math.floor((budget - shared) / this.connectionsPerDatabase);
    this.recycleAfterUses = options.recycleAfterUses ?? RECYCLE_AFTER_USES;
    this.sharedPool = createBindingPool({
      connectionString: options.connectionString,
      max: shared,
      maxUses: this.recycleAfterUses,
    });
    this.sharedClient = tenantClientOnPool(this.sharedPool, { ownsPool: false });
    this.schemaClinicsClient = tenantClientOnPool(this.sharedPool, {
      schema: CLINIC_SCHEMA_PLACEHOLDER,
      ownsPool: false,
    });
  }

  /**
   * Looks a clinic up by slug or id and returns its tenant client. Unknown, suspended and
   * unroutable clinics all answer CLINIC_NOT_FOUND, alike. `{ by: 'slug' }` for names that come
   * from a request (host, x-clinic): those never resolve by id.
   */
  async resolve(
    slugOrId: string,
    options: {
      by?: 'slug';
      /**
       * Also a suspended clinic: only for the operator's and worker's paths that must reach a
       * closed clinic (the owner's final-export mail), never for a request's host or header.
       */
      includeSuspended?: boolean;
    } = {},
  ): Promise<ResolvedClinic> {
    const clinic = await readClinicRecord(this.sharedPool, slugOrId, { by: options.by });
    if (!clinic || (clinic.status === 'suspended' && !options.includeSuspended)) {
      throw new TenancyError('CLINIC_NOT_FOUND', 'No such clinic.');
    }
    return { clinic, db: await this.clientFor(clinic) };
  }

  /** Resolves the clinic, binds it, and runs `work` with its tenant client. */
  async withClinic<T>(
    slugOrId: string,
    work: (db: TenantClient, clinic: ClinicRecord) => Promise<T>,
    options: { includeSuspended?: boolean } = {},
  ): Promise<T> {
    const { clinic, db } = await this.resolve(slugOrId, options);
    return runWithClinic(clinic, () => work(db, clinic));
  }

  /**
   * The shared database's client, bound like every other to the clinic of the call: for the
   * registry's own functions (a clinic's profile and rules live in the shared registry whichever
   * database holds its rows). Bookings and other clinic data always go through `resolve`.
   */
  registryClient(): TenantClient {
    return this.sharedClient;
  }

  /** Open routes and connections, for health pages and tests. */
  stats() {
    const databasePools = [...this.databaseRoutes.values()].map((route) => route.pool);
    return {
      databasePools: databasePools.length,
      connections:
        this.sharedPool.totalCount + databasePools.reduce((sum, pool) => sum + pool.totalCount, 0),
      maxConnections:
        (this.sharedPool.options.max ?? 0) + this.maxDatabasePools * this.connectionsPerDatabase,
      /** Routes closed to make room since the router started (a steady climb means thrash). */
      evictions: { ...this.evicted },
    };
  }

  /** Closes every client and pool. */
  async close(): Promise<void> {
    const routes = [...this.databaseRoutes.values()];
    this.databaseRoutes.clear();
    await Promise.all(routes.map((route) => route.client.$disconnect()));
    await this.schemaClinicsClient.$disconnect();
    await this.sharedClient.$disconnect();
    await this.sharedPool.end();
  }

  private async clientFor(clinic: ClinicRecord): Promise<TenantClient> {
    switch (clinic.mode) {
      case 'shared':
        return this.sharedClient;
      case 'schema':
        // The bound clinic's schema (from this resolve's registry read) steers the statements.
        if (!clinic.schemaName) throw unroutable(clinic);
        return this.schemaClinicsClient;
      case 'database':
        return this.databaseClientFor(clinic);
    }
  }

  private async databaseClientFor(clinic: ClinicRecord): Promise<TenantClient> {
    if (!clinic.databaseUrlRef || !this.options.resolveDatabaseUrl) throw unroutable(clinic);
    const current = this.currentRoute(clinic);
    if (current) return current.client;

    const connectionString = await this.options.resolveDatabaseUrl(clinic.databaseUrlRef);
    await this.makeRoomForDatabasePool();
    const pool = createBindingPool({
      connectionString,
      max: this.connectionsPerDatabase,
      maxUses: this.recycleAfterUses,
    });
    const client = tenantClientOnPool(pool, { ownsPool: true });
    this.databaseRoutes.set(clinic.id, { routingVersion: clinic.routingVersion, client, pool });
    return client;
  }

  /** The clinic's route if it was built for the registry's current version; drops a stale one. */
  private currentRoute(clinic: ClinicRecord): DatabaseRoute | undefined {
    const route = this.databaseRoutes.touch(clinic.id);
    if (!route) return undefined;
    if (route.routingVersion === clinic.routingVersion) return route;
    this.databaseRoutes.delete(clinic.id);
    void route.client.$disconnect();
    return undefined;
  }

  private async makeRoomForDatabasePool(): Promise<void> {
    if (this.databaseRoutes.size < this.maxDatabasePools) return;
    const idle = this.databaseRoutes
      .oldestFirst()
      .find(
        ([, route]) =>
          route.pool.waitingCount === 0 && route.pool.idleCount === route.pool.totalCount,
      );
    if (!idle) {
      throw new TenancyError(
        'ROUTER_AT_CAPACITY',
        'Every dedicated database connection is in use; try again shortly.',
      );
    }
    this.databaseRoutes.delete(idle[0]);
    this.evicted.databasePools += 1;
    await idle[1].client.$disconnect();
  }
}

function unroutable(clinic: ClinicRecord): TenancyError {
  // Logged by callers with the slug; answered to users like any unknown clinic.
  return new TenancyError(
    'CLINIC_NOT_FOUND',
    `Clinic ${clinic.slug} (${clinic.mode} mode) has no route.`,
  );
}
