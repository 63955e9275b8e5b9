import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '@eventora/db/dev';

import { benchServerUrl } from '../env';
import { withClient } from '@eventora/tenancy/with-client';

export interface BenchServer {
  /** Superuser URL (creates roles and the bench database). */
  adminUrl: string;
  /** For the report: where the server is. */
  description: string;
  stop(): Promise<void>;
}

/** The embedded server's data folder: persistent, so the loaded dataset survives between runs. */
export const EMBEDDED_DATA_DIR = fileURLToPath(new URL('../../../.data/bench', import.meta.url));

/**
 * The server in DATABASE_URL (a local superuser), or a persistent embedded Postgres in
 * `.data/bench` (git-ignored) that is stopped again when the benchmark ends.
 */
export async function openBenchServer(log: (line: string) => void): Promise<BenchServer> {
  const url = benchServerUrl();
  if (!url) {
    log(`starting embedded Postgres in ${path.relative(process.cwd(), EMBEDDED_DATA_DIR)}`);
    const server = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, persistent: true });
    return {
      adminUrl: server.adminUrl,
      description: `embedded, 127.0.0.1:${server.port}, data in .data/bench`,
      stop: server.stop,
    };
  }
  const { hostname } = new URL(url);
  // A benchmark hammers its server for minutes: never point it at anything but this machine.
  if (!['localhost', '127.0.0.1', '[::1]', ''].includes(hostname)) {
    throw new Error(`DATABASE_URL must point at a local server (got host ${hostname}).`);
  }
  const isSuperuser = await withClient(url, async (admin) => {
    const { rows } = await admin.query<{ rolsuper: boolean }>(
      'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    return rows[0]?.rolsuper === true;
  });
  if (!isSuperuser) {
    throw new Error(
      'DATABASE_URL must connect as a superuser (the benchmark creates roles and its database), ' +
        'e.g. postgresql://postgres@127.0.0.1:5432/postgres; unset it to use an embedded Postgres.',
    );
  }
  return { adminUrl: url, description: `DATABASE_URL (${hostname})`, stop: async () => undefined };
}
