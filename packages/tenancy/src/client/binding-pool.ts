import pg from 'pg';

import { currentClinic } from '../context/tenant-context';

/**
 * Binding the clinic for row level security, in the same round trip as the query.
 *
 * Every statement sent through a binding pool is preceded, in the same extended-protocol
 * pipeline (before the one Sync), by `set_config('app.current_tenant', <clinic>, true)`.
 * Postgres runs everything up to a Sync in one implicit transaction, so the transaction-local
 * setting covers exactly that statement (or, inside BEGIN … COMMIT, the rest of that
 * transaction) and is gone afterwards: nothing can leak to the next user of the connection.
 *
 * The clinic comes from the tenant context (AsyncLocalStorage) at the moment the query is
 * issued; with no clinic bound the binding is '' , which the policies read as "no clinic" and
 * which also overrides anything a raw query may have set at session level. The same prelude
 * points `search_path` at the clinic's schema, so raw SQL of a schema-mode clinic finds its own
 * tables. Costs: no extra round trip and no extra transaction (ENVIRONMENT.md measured the
 * alternatives).
 */
const BIND_SQL =
  "SELECT set_config('app.current_tenant', $1, true), set_config('search_path', $2, true)";

/** Transaction control must run bare: a prelude would be refused in an aborted transaction. */
const TRANSACTION_CONTROL =
  /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\s+TRANSACTION|SET\s+TRANSACTION)\b/i;

// pg's Query protocol hooks are not in its type declarations; this is the part we extend.
interface ProtocolConnection {
  parse(config: { text: string; name: string; types: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: unknown[] }): void;
  execute(config: { portal: string; rows: number }): void;
}
interface ProtocolQuery {
  callback?: (error: Error | null, result?: unknown) => void;
  requiresPreparation(): boolean;
  prepare(connection: ProtocolConnection): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: ProtocolConnection): void;
}
type ProtocolQueryClass = new (
  config: unknown,
  values?: unknown,
  callback?: unknown,
) => ProtocolQuery;

const QueryBase = pg.Query as unknown as ProtocolQueryClass;

/** A query that carries its clinic binding and sends it ahead of itself. */
class BoundQuery extends QueryBase {
  /** The binding's own DataRow and CommandComplete arrive first; they are not the caller's. */
  private bindingPending = true;

  constructor(
    config: unknown,
    values: unknown,
    callback: unknown,
    private readonly binding: [clinicId: string, searchPath: string],
  ) {
    super(config, values, callback);
  }

  // Always the extended protocol: the binding and the statement must share one Sync.
  override requiresPreparation(): boolean {
    return true;
  }

  override prepare(connection: ProtocolConnection): void {
    connection.parse({ text: BIND_SQL, name: '', types: [] });
    connection.bind({ portal: '', statement: '', values: this.binding });
    connection.execute({ portal: '', rows: 0 });
    super.prepare(connection);
  }

  override handleDataRow(message: unknown): void {
    if (!this.bindingPending) super.handleDataRow(message);
  }

  override handleCommandComplete(message: unknown, connection: ProtocolConnection): void {
    if (this.bindingPending) {
      this.bindingPending = false;
      return;
    }
    super.handleCommandComplete(message, connection);
  }
}

type Callback = (error: Error | null, result?: unknown) => void;

function isSubmittable(config: unknown): boolean {
  return typeof (config as { submit?: unknown } | null)?.submit === 'function';
}

function queryText(config: unknown): string {
  return typeof config === 'string' ? config : String((config as { text?: unknown }).text ?? '');
}

/**
 * Turns pg's `query(config, values?, callback?)` arguments into a query that carries the
 * binding of the current unit of work, or returns undefined for what must pass through
 * unchanged: submittables (cursors, streams) and transaction control.
 */
function bindQuery(
  config: unknown,
  values: unknown,
  callback: unknown,
): { query: BoundQuery; callback?: Callback } | undefined {
  if (config == null || isSubmittable(config) || TRANSACTION_CONTROL.test(queryText(config))) {
    return undefined;
  }
  const valuesAreCallback = typeof values === 'function';
  return {
    query: new BoundQuery(
      config,
      valuesAreCallback ? undefined : values,
      undefined,
      currentBinding(),
    ),
    callback: (valuesAreCallback ? values : callback) as Callback | undefined,
  };
}

/** The bound clinic and its schema, or '' (no clinic) and the shared schema. */
function currentBinding(): [clinicId: string, searchPath: string] {
  const clinic = currentClinic();
  if (!clinic) return ['', 'public'];
  const schema = `"${clinic.schema.replaceAll('"', '""')}"`;
  return [clinic.id, clinic.schema === 'public' ? 'public' : `${schema}, public`];
}

type AnyQuery = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** A pg client whose every statement carries the current clinic binding. */
class BindingClient extends pg.Client {
  override query(...args: never[]): never {
    const [config, values, callback] = args as unknown[];
    const superQuery = (super.query as AnyQuery).bind(this);
    const bound = bindQuery(config, values, callback);
    if (!bound) return superQuery(config, values, callback) as never;
    if (bound.callback) return superQuery(bound.query, bound.callback) as never;
    // pg hands query objects back instead of a promise, so settle one here.
    return new Promise((resolve, reject) => {
      superQuery(bound.query, (error: Error | null, result: unknown) =>
        error ? reject(error) : resolve(result),
      );
    }) as never;
  }
}

/**
 * A pg pool whose statements carry the clinic binding of the unit of work that issued them.
 * `pool.query` captures the binding when it is called, not when a connection frees up: pg-pool
 * runs a queued query from whichever async context released the connection.
 */
class BindingPool extends pg.Pool {
  override query(...args: never[]): never {
    const [config, values, callback] = args as unknown[];
    const superQuery = (super.query as AnyQuery).bind(this);
    const bound = bindQuery(config, values, callback);
    if (!bound) return superQuery(config, values, callback) as never;
    return superQuery(bound.query, bound.callback) as never;
  }
}

/** Creates the pool that tenant clients run on: the runtime role, RLS bound per statement. */
export function createBindingPool(config: pg.PoolConfig): pg.Pool {
  const pool = new BindingPool({ ...config, Client: BindingClient });
  // An idle connection can die (server restart, admin terminate): pg-pool drops it and emits
  // 'error', which would crash the process with no listener. The next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}
