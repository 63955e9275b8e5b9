import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { DEV_DATA_DIR } from './env';
import { devRoleUrl, DEV_SUPERUSER, DEV_SUPERUSER_PASSWORD, startEmbeddedPostgres } from './server';

/** The database `pnpm dev` creates on its embedded server (development data only). */
export const DEV_DATABASE_NAME = 'eventora';

/**
 * Signs the archives `tenant:export` / `tenant:backup` write against the embedded development
 * database when ARCHIVE_SIGNING_KEY is not set (published, so development archives only: a
 * production restore refuses them, being signed with another key).
 */
export const DEV_ARCHIVE_SIGNING_KEY = 'eventora-development-archive-signing-key-not-secret';

export { DEV_DATA_DIR } from './env';

export interface EmbeddedDevDatabase {
  ownerUrl: string;
  appUrl: string;
  platformUrl: string;
  /** How it was reached, for the command's first line of output. */
  description: string;
  /** Stops the server if this command started it; leaves `pnpm dev`'s running. */
  release(): Promise<void>;
}

/**
 * The embedded development database, for commands run with no database URL (`pnpm db:migrate`,
 * `db:lint-rls`, `db:seed`, …): the server `pnpm dev` is running, or, when it is not, the same
 * data folder started for the command's length and stopped afterwards. Fails with what to do
 * when `pnpm dev` never ran here.
 */
export async function embeddedDevDatabase({
  port,
}: {
  port: number;
}): Promise<EmbeddedDevDatabase> {
  if (!(await exists(path.join(DEV_DATA_DIR, 'PG_VERSION')))) {
    throw new Error(
      'No database URL is set and there is no embedded development database yet: run `pnpm dev` ' +
        `once (it creates one in ${DEV_DATA_DIR}), or set DATABASE_OWNER_URL.`,
    );
  }
  const running = await runningPort();
  const server = running
    ? undefined
    : await startEmbeddedPostgres({ dataDir: DEV_DATA_DIR, port, persistent: true });
  const serverUrl = `postgresql://${DEV_SUPERUSER}:${DEV_SUPERUSER_PASSWORD}@127.0.0.1:${running ?? server!.port}/postgres`;
  const where = path.relative(process.cwd(), DEV_DATA_DIR) || DEV_DATA_DIR;
  return {
    ownerUrl: devRoleUrl(serverUrl, 'owner', DEV_DATABASE_NAME),
    appUrl: devRoleUrl(serverUrl, 'app', DEV_DATABASE_NAME),
    platformUrl: devRoleUrl(serverUrl, 'platform', DEV_DATABASE_NAME),
    description: running
      ? `the embedded development database of pnpm dev (127.0.0.1:${running}, ${where})`
      : `the embedded development database (${where}), started for this command`,
    release: async () => {
      await server?.stop();
    },
  };
}

/** The port of the server running on the data folder (its postmaster.pid), if one is. */
async function runningPort(): Promise<number | undefined> {
  const lines = await readFile(path.join(DEV_DATA_DIR, 'postmaster.pid'), 'utf8').then(
    (text) => text.split('\n'),
    () => undefined,
  );
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? port : undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
