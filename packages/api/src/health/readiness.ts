import { readdir } from 'node:fs/promises';
import path from 'node:path';

import pg from 'pg';

/** One readiness check: ok, or why not (no secrets: these answers go to load balancers). */
export interface CheckResult {
  ok: boolean;
  detail?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

export interface ReadinessOptions {
  /** The runtime role's URL (DATABASE_URL): the probe connects exactly as requests do. */
  databaseUrl: string;
  /** The migrations folder shipped with this build: its newest migration is the one expected. */
  migrationsDir: string;
  /** Why mail cannot be sent, or undefined when a transport is configured. */
  mailProblem?: () => string | undefined;
}

// One connection for probes, kept open between them (a probe every few seconds must not pay a
// connection handshake each time) and closed when idle.
const probePools = new Map<string, pg.Pool>();

function probePool(url: string): pg.Pool {
  let pool = probePools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: 1,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 2_000,
      // A stuck database must fail the probe, not hang it.
      query_timeout: 2_000,
    });
    pool.on('error', () => undefined);
    probePools.set(url, pool);
  }
  return pool;
}

/**
 * Whether this process can serve: the database answers as the runtime role (and that role
 * cannot bypass row level security), the schema is at the migration this build expects, and
 * mail has a transport. Each check reports on its own; nothing throws.
 */
export async function checkReadiness(options: ReadinessOptions): Promise<ReadinessReport> {
  const checks: Record<string, CheckResult> = {};
  const pool = probePool(options.databaseUrl);
  try {
    const { rows } = await pool.query<{ role: string; unsafe: boolean }>(
      'SELECT current_user AS role, rolsuper OR rolbypassrls AS unsafe FROM pg_roles WHERE rolname = current_user',
    );
    const role = rows[0];
    checks.database =
      role && !role.unsafe
        ? { ok: true, detail: `connected as ${role.role}` }
        : { ok: false, detail: `${role?.role ?? 'the role'} bypasses row level security` };
  } catch (error) {
    checks.database = { ok: false, detail: `unreachable: ${reason(error)}` };
  }
  checks.migrations = checks.database.ok
    ? await migrationCheck(pool, await newestMigration(options.migrationsDir))
    : { ok: false, detail: 'database unreachable' };
  const mailProblem = options.mailProblem?.();
  checks.mail = mailProblem ? { ok: false, detail: mailProblem } : { ok: true };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}

const newest = new Map<string, Promise<string | undefined>>();

/** The newest `<timestamp>_<name>` folder (read once per process: the build does not change). */
function newestMigration(dir: string): Promise<string | undefined> {
  let found = newest.get(dir);
  if (!found) {
    found = readdir(dir, { withFileTypes: true }).then(
      (entries) =>
        entries
          .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
          .map((entry) => entry.name)
          .sort()
          .at(-1),
      () => undefined,
    );
    newest.set(dir, found);
  }
  return found;
}

async function migrationCheck(pool: pg.Pool, expected: string | undefined): Promise<CheckResult> {
  if (!expected) return { ok: false, detail: 'no migrations folder (EVENTORA_MIGRATIONS_DIR)' };
  let applied: string | null | undefined;
  try {
    const { rows } = await pool.query<{ version: string | null }>(
      'SELECT eventora_schema_version() AS version',
    );
    applied = rows[0]?.version;
  } catch {
    return { ok: false, detail: `behind: ${expected} not applied (no version function yet)` };
  }
  if (applied === expected) return { ok: true, detail: expected };
  if (!applied || applied < expected) {
    return { ok: false, detail: `behind: at ${applied ?? 'nothing'}, expected ${expected}` };
  }
  // A newer schema than the build: the usual state during a rolling deploy (migrate first,
  // then roll the apps), and migrations are additive, so the old build keeps serving.
  return { ok: true, detail: `${applied} (ahead of this build's ${expected})` };
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  // pg's messages name the role and database, never the password; keep them short.
  return typeof code === 'string' ? `${code} ${message}`.slice(0, 200) : message.slice(0, 200);
}

/**
 * `/readyz`'s answer: 200 when ready, 503 with the failing checks otherwise. `options` is read
 * per probe, so a configuration error is reported as a failed check (by variable name).
 */
export async function readinessResponse(options: () => ReadinessOptions): Promise<Response> {
  let report: ReadinessReport;
  try {
    report = await checkReadiness(options());
  } catch (error) {
    report = { ready: false, checks: { configuration: { ok: false, detail: reason(error) } } };
  }
  return Response.json(
    { status: report.ready ? 'ready' : 'not ready', checks: report.checks },
    { status: report.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}

/**
 * Where this build's migrations are: EVENTORA_MIGRATIONS_DIR, or the repository's folder seen
 * from the app's working directory (`next start` and the standalone server run in apps/<app>).
 */
export function shippedMigrationsDir(configured: string | undefined): string {
  return configured ?? path.resolve(process.cwd(), '../../packages/db/prisma/migrations');
}

/** What both apps check, from their validated configuration. */
export function appReadiness(env: {
  DATABASE_URL: string;
  EVENTORA_MIGRATIONS_DIR?: string;
}): ReadinessOptions {
  // Mail is not the apps' to check: they write messages to the outbox, and the worker, which
  // holds SMTP_URL, refuses to start in production without it.
  return {
    databaseUrl: env.DATABASE_URL,
    migrationsDir: shippedMigrationsDir(env.EVENTORA_MIGRATIONS_DIR),
  };
}

/** `/healthz`'s answer: the process is alive and serving (no dependency is checked). */
export function livenessResponse(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
