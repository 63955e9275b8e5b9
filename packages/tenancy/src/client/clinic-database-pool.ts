import pg from 'pg';

import { currentClinic } from '../context/tenant-context';
import { TenancyError } from '../errors';
import { BindingClient } from './binding-pool';

/** Where a database-mode clinic's connections go, as the registry said at a routing version. */
export interface ClinicDatabaseRoute {
  readonly routingVersion: number;
  /** The clinic's runtime URL: its own database, as its own login role. */
  readonly connectionString: string;
}

export interface ClinicDatabasePoolOptions {
  /** Connections all clinic databases together may hold. */
  max: number;
  /** Connections one clinic's database may hold, so one busy clinic cannot take them all. */
  maxPerClinic: number;
  /** Units of work a connection serves before it is closed and replaced. */
  maxUses: number;
  /** How long a unit of work waits for a connection before ROUTER_AT_CAPACITY. */
  waitMs: number;
}

/**
 * A connection to one clinic's database, opened with that clinic's own credentials. It runs a
 * statement only for a unit of work bound to that clinic: anything else is refused before it is
 * sent, and the connection is then never handed out again.
 */
class ClinicConnection extends BindingClient {
  uses = 0;
  /** Errored or refused a statement: closed on release, never reused. */
  spoiled = false;
  closed = false;
  release: (error?: unknown) => void = () => undefined;

  constructor(
    readonly clinicId: string,
    readonly route: ClinicDatabaseRoute,
  ) {
    super({ connectionString: route.connectionString });
    // An idle connection can die (server restart, terminated backend); it is dropped on its next use.
    this.on('error', () => (this.spoiled = true));
  }

  override query(...args: never[]): never {
    const bound = currentClinic();
    if (bound?.id === this.clinicId) return super.query(...args);
    this.spoiled = true;
    const refusal = new TenancyError(
      bound ? 'CROSS_TENANT' : 'TENANT_NOT_BOUND',
      bound
        ? `A connection to another clinic's database cannot run a statement of ${bound.slug}.`
        : 'No clinic is bound: a clinic database connection runs nothing unbound.',
    );
    // Refused the way pg reports a failed statement: to the callback, or as a rejected promise.
    const callback = (args as unknown[]).findLast((arg) => typeof arg === 'function');
    if (typeof callback !== 'function') return Promise.reject(refusal) as never;
    process.nextTick(callback as (error: Error) => void, refusal);
    return undefined as never;
  }
}

interface Waiter {
  clinicId: string;
  route: ClinicDatabaseRoute;
  resolve: (connection: ClinicConnection) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

/**
 * The pool under the one Prisma client of every database-mode clinic. `connect()` and `query()`
 * hand out a connection to the bound clinic's own database, as its own login role (the route the
 * tenant router registered for it with {@link setRoute}); a clinic's idle connections are reused
 * by its next units of work. All clinics share one budget of connections: when it is full, the
 * least recently used idle connection of any clinic is closed to make room, and with none idle a
 * unit of work waits up to `waitMs`. Fails closed: no clinic bound, a clinic not in database mode,
 * or one bound at a routing version the router no longer holds gets no connection, and a
 * connection runs statements only for its own clinic (ClinicConnection).
 *
 * It extends pg.Pool only because Prisma's adapter accepts nothing else as an external pool; the
 * pooling is its own.
 */
export class ClinicDatabasePool extends pg.Pool {
  private readonly routes = new Map<string, ClinicDatabaseRoute>();
  /** Idle connections, least recently used first (a Set keeps insertion order). */
  private readonly idle = new Set<ClinicConnection>();
  /** Connections open or opening, per clinic. */
  private readonly openByClinic = new Map<string, number>();
  private open = 0;
  private readonly waiting: Waiter[] = [];
  private closing = false;
  /** Idle connections closed to make room for another clinic's (a steady climb means thrash). */
  evictions = 0;

  constructor(private readonly limits: ClinicDatabasePoolOptions) {
    super({ max: limits.max });
  }

  /**
   * Points a clinic's new connections at `route`, the registry's current one. A newer routing
   * version or a changed URL (a rotated credential) replaces the old route, whose idle
   * connections are closed and busy ones closed on release; an older version never wins.
   */
  setRoute(clinicId: string, route: ClinicDatabaseRoute): void {
    const known = this.routes.get(clinicId);
    if (known) {
      if (route.routingVersion < known.routingVersion) return;
      if (
        route.routingVersion === known.routingVersion &&
        route.connectionString === known.connectionString
      )
        return;
    }
    this.routes.set(clinicId, route);
    for (const connection of this.idle)
      if (connection.clinicId === clinicId) this.close(connection);
    this.serveWaiters();
  }

  /** Connections open, idle and waited for; clinics with a connection open. */
  counts() {
    return {
      open: this.open,
      idle: this.idle.size,
      waiting: this.waiting.length,
      clinics: this.openByClinic.size,
    };
  }

  override connect(...args: never[]): never {
    if (args.length > 0) throw new Error('ClinicDatabasePool.connect takes no callback.');
    return this.acquire() as never;
  }

  override query(...args: never[]): never {
    const [config, values, callback] = args as unknown[];
    const done = (typeof values === 'function' ? values : callback) as
      ((error: unknown, result?: unknown) => void) | undefined;
    const result = this.run(config, typeof values === 'function' ? undefined : values);
    if (!done) return result as never;
    result.then((rows) => done(null, rows), done);
    return undefined as never;
  }

  override async end(): Promise<void> {
    this.closing = true;
    for (const waiter of this.waiting.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('The clinic database pool is closed.'));
    }
    await Promise.all([...this.idle].map((connection) => this.close(connection)));
  }

  private async run(config: unknown, values: unknown): Promise<unknown> {
    const connection = await this.acquire();
    try {
      const query = connection.query.bind(connection) as unknown as (
        config: unknown,
        values: unknown,
      ) => Promise<unknown>;
      return await query(config, values);
    } finally {
      connection.release();
    }
  }

  private async acquire(): Promise<ClinicConnection> {
    const clinic = currentClinic();
    if (!clinic) {
      throw new TenancyError(
        'TENANT_NOT_BOUND',
        'No clinic is bound: a clinic database is reached only inside a bound unit of work.',
      );
    }
    const route = this.routes.get(clinic.id);
    if (clinic.mode !== 'database' || route?.routingVersion !== clinic.routingVersion) {
      throw staleRoute(clinic.slug);
    }
    if (this.closing) throw new Error('The clinic database pool is closed.');
    const ready = this.takeIdle(clinic.id);
    if (ready) return ready;
    if (this.makeRoom(clinic.id)) return this.openFor(clinic.id, route);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        clinicId: clinic.id,
        route,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(
            new TenancyError(
              'ROUTER_AT_CAPACITY',
              'Every dedicated database connection is in use; try again shortly.',
            ),
          );
        }, this.limits.waitMs),
      };
      this.waiting.push(waiter);
    });
  }

  private takeIdle(clinicId: string): ClinicConnection | undefined {
    for (const connection of this.idle) {
      if (connection.clinicId !== clinicId) continue;
      this.idle.delete(connection);
      if (!connection.spoiled) return connection;
      void this.close(connection);
    }
    return undefined;
  }

  /** True when the clinic may open one more connection, after closing another's idle one if needed. */
  private makeRoom(clinicId: string): boolean {
    if ((this.openByClinic.get(clinicId) ?? 0) >= this.limits.maxPerClinic) return false;
    if (this.open < this.limits.max) return true;
    const [oldest] = this.idle;
    if (!oldest) return false;
    this.evictions += 1;
    void this.close(oldest);
    return true;
  }

  private async openFor(clinicId: string, route: ClinicDatabaseRoute): Promise<ClinicConnection> {
    this.open += 1;
    this.openByClinic.set(clinicId, (this.openByClinic.get(clinicId) ?? 0) + 1);
    const connection = new ClinicConnection(clinicId, route);
    connection.release = () => this.release(connection);
    try {
      await connection.connect();
      return connection;
    } catch (error) {
      await this.close(connection);
      throw error;
    }
  }

  private release(connection: ClinicConnection): void {
    connection.uses += 1;
    const stale = this.routes.get(connection.clinicId) !== connection.route;
    if (this.closing || connection.spoiled || stale || connection.uses >= this.limits.maxUses) {
      void this.close(connection);
      return;
    }
    const same = this.waiting.findIndex((waiter) => waiter.route === connection.route);
    if (same >= 0) {
      const [waiter] = this.waiting.splice(same, 1);
      clearTimeout(waiter!.timer);
      waiter!.resolve(connection);
      return;
    }
    this.idle.add(connection);
    this.serveWaiters();
  }

  private async close(connection: ClinicConnection): Promise<void> {
    this.idle.delete(connection);
    if (connection.closed) return;
    connection.closed = true;
    this.open -= 1;
    const left = (this.openByClinic.get(connection.clinicId) ?? 1) - 1;
    if (left > 0) this.openByClinic.set(connection.clinicId, left);
    else this.openByClinic.delete(connection.clinicId);
    queueMicrotask(() => this.serveWaiters());
    await connection.end().catch(() => undefined);
  }

  /** Hands freed room to waiters, first come first served where their clinic allows. */
  private serveWaiters(): void {
    for (let i = 0; i < this.waiting.length;) {
      const waiter = this.waiting[i]!;
      if (this.routes.get(waiter.clinicId) !== waiter.route) {
        // The clinic was rerouted while this unit of work waited: it must resolve again.
        this.waiting.splice(i, 1);
        clearTimeout(waiter.timer);
        waiter.reject(staleRoute(waiter.clinicId));
        continue;
      }
      const ready = this.takeIdle(waiter.clinicId);
      if (!ready && !this.makeRoom(waiter.clinicId)) {
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      clearTimeout(waiter.timer);
      if (ready) waiter.resolve(ready);
      else this.openFor(waiter.clinicId, waiter.route).then(waiter.resolve, waiter.reject);
    }
  }
}

function staleRoute(clinic: string): TenancyError {
  return new TenancyError(
    'CLINIC_NOT_FOUND',
    `Clinic ${clinic} has no current database route (not in database mode, or rerouted since it was bound).`,
  );
}
