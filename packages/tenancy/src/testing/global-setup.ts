import { randomBytes } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { TestProject } from 'vitest/node';
import { DEV_ROLE_PASSWORDS, devRoleUrl, startEmbeddedPostgres } from '@eventora/db/dev';
import { migrationsDir } from '@eventora/db/migrations';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import { loadMigrations, migrateTarget } from '../migrations';
import { testServerUrl } from './env';
import { withClient } from '../with-client';
import type { TestServer } from './provided';

/**
 * vitest `globalSetup` for suites that need Postgres: uses the server in `DATABASE_URL`
 * (superuser) or starts an embedded one, bootstraps the roles, builds one migrated template
 * database for the run and provides `eventoraTestServer` to test files. Teardown drops every
 * database of the run and stops the embedded server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await openServer();
  // Unique per run, so parallel runs on one server never touch each other's databases.
  const databasePrefix = `evt_test_${randomBytes(4).toString('hex')}`;
  const templateDatabase = `${databasePrefix}_template`;
  const teardown = async () => {
    try {
      await withClient(server.adminUrl, (admin) => dropRunDatabases(admin, databasePrefix));
    } finally {
      await server.stop();
    }
  };
  try {
    await withClient(server.adminUrl, async (admin) => {
      // Said once per run, so a run's output names the server its results came from.
      const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
      const where = new URL(server.adminUrl);
      console.info(
        `[tests] PostgreSQL ${rows[0]?.server_version ?? '?'} at ${where.hostname}:${where.port || '5432'} (${server.source})`,
      );
      await bootstrapRoles(admin, DEV_ROLE_PASSWORDS);
      await createOwnedDatabase(admin, templateDatabase);
    });
    await migrateTarget(
      {
        label: 'test template',
        connectionString: devRoleUrl(server.adminUrl, 'owner', templateDatabase),
      },
      await loadMigrations(migrationsDir),
    );
  } catch (error) {
    await teardown();
    throw error;
  }
  const provided: TestServer = { adminUrl: server.adminUrl, templateDatabase, databasePrefix };
  project.provide('eventoraTestServer', provided);
  return teardown;
}

async function openServer(): Promise<{
  adminUrl: string;
  source: string;
  stop: () => Promise<void>;
}> {
  const url = testServerUrl();
  if (!url) {
    const embedded = await startEmbeddedPostgres({ persistent: false });
    return {
      adminUrl: embedded.adminUrl,
      source: 'embedded, started for this run',
      stop: embedded.stop,
    };
  }
  const isSuperuser = await withClient(url, async (admin) => {
    const { rows } = await admin.query<{ rolsuper: boolean }>(
      'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    return rows[0]?.rolsuper === true;
  }).catch((error: unknown) => {
    throw new Error(`Cannot connect to the test server in DATABASE_URL: ${String(error)}`, {
      cause: error,
    });
  });
  if (!isSuperuser) {
    throw new Error(
      'DATABASE_URL must connect as a superuser (the test harness creates roles and databases), ' +
        'e.g. postgresql://postgres@127.0.0.1:5432/postgres; unset it to use an embedded Postgres.',
    );
  }
  return { adminUrl: url, source: 'DATABASE_URL', stop: async () => undefined };
}

async function dropRunDatabases(admin: ClientBase, prefix: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE starts_with(datname, $1 || '_')",
    [prefix],
  );
  for (const { datname } of rows) {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
  }
}
