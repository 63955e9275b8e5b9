import type pg from 'pg';

import { CLINIC_SCHEMA_PLACEHOLDER, createBindingPool } from '../client/binding-pool';
import { ClinicDatabasePool } from '../client/clinic-database-pool';
import { tenantClientOnPool, type TenantClient } from '../client/tenant-client';
import { runWithClinic } from '../context/tenant-context';
import { TenancyError } from '../errors';
import { readClinicRecord, type ClinicRecord } from './clinic-record';

export interface TenantRouterOptions {
  /** The runtime role's URL for the shared database (registry, shared and schema clinics). */
  connectionString: string;
  /**
   * Turns a clinic's `databaseUrlRef` (the name of a secret) into that clinic's runtime URL for
   * its own database (its own login role, when provisioned with one). Called on every resolve,
   * so a rotated secret reaches the next connection. Without it, database-mode clinics are not
   * routable.
   */
  resolveDatabaseUrl?: (ref: string) => string | Promise<string>;
  /** Connections all pools together may hold (default 40). */
  connectionBudget?: number;
  /** The shared database pool's part of the budget (default half of it). */
  sharedConnections?: number;
  /** Connections one dedicated database may hold at once (default 4). */
  connectionsPerDatabase?: number;
  /**
   * How long a unit of work of a database clinic waits for a connection when every dedicated
   * connection is busy, before ROUTER_AT_CAPACITY (default 5,000 ms).
   */
  connectionWaitMs?: number;
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

/**
 * Routes a clinic to its data: the shared schema, its own schema in the shared database, or
 * its own database. Reads the registry on every resolve, so a routing flip (registry version
 * bump) takes effect on the next unit of work; a route built for an older version is dropped.
 *
 * Clients: three Prisma clients, whatever the number of clinics. One for shared clinics and one
 * for every schema clinic, both on one binding pool for the shared database; the schema client's
 * SQL names a placeholder schema that the pool replaces with the bound clinic's own
 * (CLINIC_SCHEMA_PLACEHOLDER). One for every database clinic, on a pool that hands out
 * connections to the bound clinic's own database as its own login role (ClinicDatabasePool),
 * evicting other clinics' idle connections, least recently used first, when its part of the
 * budget is full. No route builds a client: one costs ~170 ms of CPU, during which the process
 * serves nothing else, and ~12 MB of heap (docs/performance.md).
 */
export class TenantRouter {
  private readonly sharedPool: pg.Pool;
  private readonly sharedClient: TenantClient;
  private readonly schemaClinicsClient: TenantClient;
  private readonly databasePool: ClinicDatabasePool;
  private readonly databaseClinicsClient: TenantClient;

  constructor(private readonly options: TenantRouterOptions) {
    const budget = options.connectionBudget ?? 40;
    const shared = options.sharedConnections ?? Math.max(1, Math.floor(budget / 2));
    const recycleAfterUses = options.recycleAfterUses ?? RECYCLE_AFTER_USES;
    this.sharedPool = createBindingPool({
      connectionString: options.connectionString,
      max: shared,
      maxUses: recycleAfterUses,
    });
    this.sharedClient = tenantClientOnPool(this.sharedPool, { ownsPool: false });
    this.schemaClinicsClient = tenantClientOnPool(this.sharedPool, {
      schema: CLINIC_SCHEMA_PLACEHOLDER,
      ownsPool: false,
    });
    this.databasePool = new ClinicDatabasePool({
      max: budget - shared,
      maxPerClinic: options.connectionsPerDatabase ?? 4,
      maxUses: recycleAfterUses,
      waitMs: options.connectionWaitMs ?? 5_000,
    });
    this.databaseClinicsClient = tenantClientOnPool(this.databasePool, { ownsPool: false });
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
    const databases = this.databasePool.counts();
    return {
      /** Dedicated databases the router holds a connection to. */
      databasePools: databases.clinics,
      connections: this.sharedPool.totalCount + databases.open,
      maxConnections: (this.sharedPool.options.max ?? 0) + (this.databasePool.options.max ?? 0),
      /** Units of work queued for a connection right now. */
      waiting: this.sharedPool.waitingCount + databases.waiting,
      /**
       * Idle dedicated-database connections closed to make room for another clinic's since the
       * router started (a steady climb means thrash).
       */
      evictions: { databaseConnections: this.databasePool.evictions },
    };
  }

  /** Closes every client and pool. */
  async close(): Promise<void> {
    await this.databaseClinicsClient.$disconnect();
    await this.databasePool.end();
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
    // Every resolve reads the secret again: a rotated credential reaches new connections.
    const connectionString = await this.options.resolveDatabaseUrl(clinic.databaseUrlRef);
    this.databasePool.setRoute(clinic.id, {
      routingVersion: clinic.routingVersion,
      connectionString,
    });
    return this.databaseClinicsClient;
  }
}

function unroutable(clinic: ClinicRecord): TenancyError {
  // Logged by callers with the slug; answered to users like any unknown clinic.
  return new TenancyError(
    'CLINIC_NOT_FOUND',
    `Clinic ${clinic.slug} (${clinic.mode} mode) has no route.`,
  );
}
