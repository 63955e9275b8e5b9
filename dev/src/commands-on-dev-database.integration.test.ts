import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The tenant:* commands as a newcomer runs them after `pnpm dev`: no DATABASE_OWNER_URL, no
// DATABASE_URL, no ARCHIVE_SIGNING_KEY. They must find the embedded development database by
// themselves (here one in a temporary EVENTORA_DEV_DATA_DIR, so a developer's own is untouched).

const tenancyDir = path.resolve(import.meta.dirname, '../../packages/tenancy');
let dir: string;
let dataDir: string;
let port: number;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The embedded dev database's environment, with every URL and key a developer might lack. */
function devEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EVENTORA_DEV_DATA_DIR: dataDir,
    EVENTORA_DEV_DB_PORT: String(port),
    INIT_CWD: dir,
  };
  for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'ARCHIVE_SIGNING_KEY', 'BACKUP_STORE'])
    delete env[name];
  return env;
}

/** Runs a tenant:* script as `pnpm tenant:…` would; never throws on a non-zero exit. */
async function command(script: string, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      path.join(tenancyDir, 'node_modules/.bin/tsx'),
      [path.join(tenancyDir, 'scripts', script), ...args],
      { env: devEnv() },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const isRunning = () =>
  stat(path.join(dataDir, 'postmaster.pid')).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'eventora-dev-commands-'));
  // Run as root, the embedded server is a `postgres` system user: it must reach its folder.
  await chmod(dir, 0o755);
  dataDir = path.join(dir, 'postgres');
  port = await freePort();
  process.env.EVENTORA_DEV_DATA_DIR = dataDir;
  // Imported after the variable is set: DEV_DATA_DIR is read when @eventora/db/dev loads.
  const { openDevDatabase, migrateAndSeed } = await import('./database');
  const db = await openDevDatabase({ embeddedPort: port }, dir, () => {});
  try {
    await migrateAndSeed(db, () => {});
  } finally {
    await db.stop();
  }
});

afterAll(async () => {
  delete process.env.EVENTORA_DEV_DATA_DIR;
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('tenant:* commands with no database URL set', () => {
  it('export a demo clinic from the embedded database, started for the command and stopped after', async () => {
    expect(await isRunning()).toBe(false);
    const exported = await command('tenant-export.ts', ['alpha', '--out', 'alpha.tar']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('using the embedded development database');
    expect(exported.stderr).toContain('started for this command');
    const summary = JSON.parse(exported.stdout) as { clinic: { slug: string }; rows: number };
    expect(summary.clinic.slug).toBe('alpha');
    expect(summary.rows).toBeGreaterThan(0);
    expect((await stat(path.join(dir, 'alpha.tar'))).size).toBeGreaterThan(0);
    expect(await isRunning()).toBe(false);
  });

  it('restore that archive as a new clinic: the development key that signed it verifies it', async () => {
    const restored = await command('tenant-restore.ts', ['alpha.tar', '--as', 'alpha-copy']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ clinic: { slug: 'alpha-copy' } });
    expect(await isRunning()).toBe(false);
  });

  it('plan a move with the runtime role found beside the owner, changing nothing', async () => {
    const planned = await command('tenant-move.ts', ['alpha', '--to', 'schema', '--dry-run']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stderr).toMatch(/Plan: alpha \(active\) shared → /);
    expect(JSON.parse(planned.stdout)).toMatchObject({ dryRun: true });
    expect(await isRunning()).toBe(false);
  });
});
