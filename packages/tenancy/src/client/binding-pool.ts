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
 *
 * The prelude is a named prepared statement, parsed once per connection (Postgres would
 * otherwise parse, analyse and plan it before every statement; docs/performance.md). A
 * connection counts as prepared only once Postgres has run the prelude on it; until then each
 * statement sends Close + Parse ahead of it, so a half-known state (a Parse that succeeded in a
 * pipeline that failed later) cannot make it fail. A connection that lost the statement
 * (`DISCARD ALL`, `DEALLOCATE`) answers the prelude's Bind with 26000 before running anything
 * of the caller's: the statement is then sent again, once, with a fresh Parse. A new
 * connection (after a terminated backend or a server restart) starts unprepared.
 */
export const BIND_STATEMENT = 'eventora_bind';

/**
 * The schema name the one Prisma client of every schema-mode clinic is built with (the tenant
 * router's schema route). Prisma 7 names the schema in its SQL (`"eventora_clinic_schema"."users"`),
 * so search_path alone cannot steer it; instead each statement's qualifier is replaced here by
 * the bound clinic's schema, taken from the registry on every resolve. One client serves every
 * schema clinic: no client to build on a cold route, one query-plan cache.
 *
 * The rewrite is safe on statement text: Prisma sends every value as a parameter, so the text is
 * Prisma's own SQL (or a raw query's template), never user data, and only the exact quoted
 * identifier followed by a dot is replaced. No schema of that name exists, so a statement that
 * reaches Postgres unrewritten — no clinic bound, or one whose data is in `public` — fails
 * ("relation does not exist"): fail closed.
 */
export const CLINIC_SCHEMA_PLACEHOLDER = 'eventora_clinic_schema';
const PLACEHOLDER_QUALIFIER = `"${CLINIC_SCHEMA_PLACEHOLDER}".`;

const BIND_SQL =
  "SELECT set_config('app.current_tenant', $1, true), set_config('search_path', $2, true)";

/** Transaction control must run bare: a prelude would be refused in an aborted transaction. */
const TRANSACTION_CONTROL =
  /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\s+TRANSACTION|SET\s+TRANSACTION)\b/i;

/** Session resets run bare too (DISCARD refuses a transaction block) and forget the prelude. */
const SESSION_RESET = /^\s*(DISCARD|DEALLOCATE)\b/i;

/** Postgres' "prepared statement does not exist". */
const UNKNOWN_STATEMENT = '26000';

// pg's Query protocol hooks are not in its type declarations; this is the part we extend.
interface ProtocolConnection {
  parse(config: { text: string; name: string; types: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: unknown[] }): void;
  execute(config: { portal: string; rows: number }): void;
  close(config: { type: 'S' | 'P'; name: string }): void;
}
interface ProtocolQuery {
  callback?: (error: Error | null, result?: unknown) => void;
  requiresPreparation(): boolean;
  prepare(connection: ProtocolConnection): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: ProtocolConnection): void;
  handleError(error: Error, connection: ProtocolConnection): void;
}
type ProtocolQueryClass = new (
  config: unknown,
  values?: unknown,
  callback?: unknown,
) => ProtocolQuery;

const QueryBase = pg.Query as unknown as ProtocolQueryClass;

/** Connections on which Postgres holds the prelude statement (pg keeps one per socket). */
const prepared = new WeakSet<ProtocolConnection>();

/** Marks an error as the prelude's own: nothing of the caller's statement ran. */
const PRELUDE_LOST = Symbol('eventora.preludeLost');

type Binding = [clinicId: string, searchPath: string];

/** The statement with the placeholder qualifier pointed at the bound clinic's own schema. */
function withClinicSchema(config: unknown, text: string): unknown {
  if (!text.includes(PLACEHOLDER_QUALIFIER)) return config;
  const schema = currentClinic()?.schema;
  if (!schema || schema === 'public') return config;
  const rewritten = text.replaceAll(PLACEHOLDER_QUALIFIER, `${quoteIdentifier(schema)}.`);
  return typeof config === 'string' ? rewritten : { ...(config as object), text: rewritten };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A query that carries its clinic binding and sends it ahead of itself. */
class BoundQuery extends QueryBase {
  /** The binding's own DataRow and CommandComplete arrive first; they are not the caller's. */
  private bindingPending = true;

  constructor(
    config: unknown,
    values: unknown,
    private readonly binding: Binding,
  ) {
    super(config, values);
  }

  // Always the extended protocol: the binding and the statement must share one Sync.
  override requiresPreparation(): boolean {
    return true;
  }

  override prepare(connection: ProtocolConnection): void {
    if (!prepared.has(connection)) {
      // Closing a statement that does not exist is no error, so this is safe whatever a
      // failed pipeline left behind.
      connection.close({ type: 'S', name: BIND_STATEMENT });
      connection.parse({ text: BIND_SQL, name: BIND_STATEMENT, types: [] });
    }
    connection.bind({ portal: '', statement: BIND_STATEMENT, values: this.binding });
    connection.execute({ portal: '', rows: 0 });
    super.prepare(connection);
  }

  override handleDataRow(message: unknown): void {
    if (!this.bindingPending) super.handleDataRow(message);
  }

  override handleCommandComplete(message: unknown, connection: ProtocolConnection): void {
    if (this.bindingPending) {
      this.bindingPending = false;
      prepared.add(connection);
      return;
    }
    super.handleCommandComplete(message, connection);
  }

  override handleError(error: Error, connection: ProtocolConnection): void {
    if (this.bindingPending && (error as { code?: string }).code === UNKNOWN_STATEMENT) {
      prepared.delete(connection);
      Object.defineProperty(error, PRELUDE_LOST, { value: true });
    }
    super.handleError(error, connection);
  }
}

type Callback = (error: Error | null, result?: unknown) => void;
type Submit = (query: BoundQuery, callback: Callback) => unknown;

function isSubmittable(config: unknown): boolean {
  return typeof (config as { submit?: unknown } | null)?.submit === 'function';
}

function queryText(config: unknown): string {
  return typeof config === 'string' ? config : String((config as { text?: unknown }).text ?? '');
}

/**
 * Runs pg's `query(config, values?, callback?)` with the binding of the current unit of work,
 * through `submit` (a client's or the pool's own query). Returns undefined for what must pass
 * through unchanged: submittables (cursors, streams), transaction control and session resets.
 * Settles the caller's callback, or the promise it returns when there is none.
 */
function runBound(
  submit: Submit,
  config: unknown,
  values: unknown,
  callback: unknown,
): { result: unknown } | undefined {
  if (config == null || isSubmittable(config)) return undefined;
  const text = queryText(config);
  if (TRANSACTION_CONTROL.test(text) || SESSION_RESET.test(text)) return undefined;
  const valuesAreCallback = typeof values === 'function';
  const done = (valuesAreCallback ? values : callback) as Callback | undefined;
  const args = valuesAreCallback ? undefined : values;
  const binding = currentBinding();
  const statement = withClinicSchema(config, text);
  const send = (settle: Callback, retried: boolean) =>
    submit(new BoundQuery(statement, args, binding), (error, result) => {
      // The connection had lost the prelude (DISCARD ALL): nothing ran; send it once more.
      if (error && !retried && (error as { [PRELUDE_LOST]?: true })[PRELUDE_LOST]) {
        send(settle, true);
        return;
      }
      settle(error, result);
    });
  if (done) {
    send(done, false);
    return { result: undefined };
  }
  // pg hands query objects back instead of a promise, so settle one here.
  return {
    result: new Promise((resolve, reject) => {
      send((error, result) => (error ? reject(error) : resolve(result)), false);
    }),
  };
}

/** The bound clinic and its schema, or '' (no clinic) and the shared schema. */
function currentBinding(): Binding {
  const clinic = currentClinic();
  if (!clinic) return ['', 'public'];
  if (clinic.schema === 'public') return [clinic.id, 'public'];
  return [clinic.id, `${quoteIdentifier(clinic.schema)}, public`];
}

type AnyQuery = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** A pg client whose every statement carries the current clinic binding. */
export class BindingClient extends pg.Client {
  override query(...args: never[]): never {
    const [config, values, callback] = args as unknown[];
    const superQuery = (super.query as AnyQuery).bind(this);
    const bound = runBound(superQuery, config, values, callback);
    return (bound ? bound.result : superQuery(config, values, callback)) as never;
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
    const bound = runBound(superQuery, config, values, callback);
    return (bound ? bound.result : superQuery(config, values, callback)) as never;
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
