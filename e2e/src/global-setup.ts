import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { DEV_ROLE_PASSWORDS, devRoleUrl, startEmbeddedPostgres } from '@eventora/db/dev';
import { migrationsDir } from '@eventora/db/migrations';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import { seedDemoData } from '@eventora/dev/seed-demo-data';
import { loadMigrations, migrateTarget } from '@eventora/tenancy/migrations';
import { withClient } from '@eventora/tenancy/with-client';
import { startFakeStripe } from '@eventora/billing/testing';
import { startMailCatcher } from '@eventora/mail/catcher';

import {
  ARCHIVE_SIGNING_KEY_FOR_E2E,
  E2E_ENV,
  MAIL_LINK_SECRET_FOR_E2E,
  ports,
  STRIPE_WEBHOOK_SECRET_FOR_E2E,
  TRACE_UI_URL_FOR_E2E,
} from './run-env';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The world every suite runs in: a fresh database (on the server of DATABASE_URL, a superuser
 * URL, or an embedded throwaway Postgres), migrated and seeded with the demo clinics (alpha
 * and beta in the shared schema, gamma in its own), and both apps' production builds started
 * against it (their standalone servers, as the container images run them; `pnpm test:e2e`
 * builds them first through turbo), each ready by its own /readyz. Mail goes the production
 * way: the apps write it to the outbox, the job worker (apps/worker, its own process) delivers
 * it over SMTP to a catcher in this process, and tests read the catcher's inbox over HTTP.
 * Tests read the URLs from the environment this sets (see run-env.ts).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => console.error(error));
  };
  try {
    const adminUrl = await openServer(cleanups);
    const database = `eventora_e2e_${randomBytes(4).toString('hex')}`;
    await withClient(adminUrl, async (admin) => {
      await bootstrapRoles(admin, DEV_ROLE_PASSWORDS);
      await createOwnedDatabase(admin, database);
    });
    cleanups.push(() =>
      withClient(adminUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`),
      ),
    );
    const urls = {
      admin: withDatabase(adminUrl, database),
      owner: devRoleUrl(adminUrl, 'owner', database),
      app: devRoleUrl(adminUrl, 'app', database),
      platform: devRoleUrl(adminUrl, 'platform', database),
      portalStats: devRoleUrl(adminUrl, 'portalStats', database),
    };
    await migrateTarget(
      { label: 'e2e', connectionString: urls.owner },
      await loadMigrations(migrationsDir),
    );
    await seedDemoData(urls.owner);

    const mail = await startMailCatcher({ httpPort: 0 });
    cleanups.push(() => mail.close());
    // The real Stripe SDK against a local fake Stripe API: checkouts work, and the suites sign
    // webhook deliveries with the same secret the portal verifies them with.
    const stripe = await startFakeStripe();
    cleanups.push(() => stripe.close());
    const { web, console: consolePort } = ports();
    const appEnv = {
      NODE_ENV: 'production',
      DATABASE_URL: urls.app,
      DATABASE_PLATFORM_URL: urls.platform,
      DATABASE_PORTAL_STATS_URL: urls.portalStats,
      ROOT_DOMAIN: 'localhost',
      PORTAL_PORT: String(web),
      EVENTORA_MIGRATIONS_DIR: migrationsDir,
      NEXT_TELEMETRY_DISABLED: '1',
      // One log line per call would bury a failure's output; warnings and errors still show.
      LOG_LEVEL: 'warn',
    };
    const webEnv = {
      ...appEnv,
      // One pooled connection for the shared database: every request reuses it, so a binding
      // left behind by one request would show in the next.
      DATABASE_CONNECTION_BUDGET: '2',
      STRIPE_SECRET_KEY: 'sk_test_eventora_e2e',
      STRIPE_WEBHOOK_SECRET: STRIPE_WEBHOOK_SECRET_FOR_E2E,
      STRIPE_API_URL: `${stripe.api.protocol}://${stripe.api.host}:${stripe.api.port}`,
      MAIL_LINK_SECRET: MAIL_LINK_SECRET_FOR_E2E,
    };
    await startApp('web', web, webEnv, cleanups);
    // The console lists and restores backups from a local-directory store the suites fill.
    const backupStore = await mkdtemp(path.join(tmpdir(), 'eventora-e2e-backups-'));
    cleanups.push(() => rm(backupStore, { recursive: true, force: true }));
    await startApp(
      'admin',
      consolePort,
      {
        ...appEnv,
        DATABASE_OWNER_URL: urls.owner,
        ARCHIVE_SIGNING_KEY: ARCHIVE_SIGNING_KEY_FOR_E2E,
        BACKUP_STORE: backupStore,
        // Where the owners' final-export links point (a production console needs it said).
        CONSOLE_PUBLIC_URL: `http://localhost:${consolePort}`,
        TRACE_UI_URL: TRACE_UI_URL_FOR_E2E,
      },
      cleanups,
    );
    await startWorker(
      {
        NODE_ENV: 'production',
        DATABASE_URL: urls.app,
        DATABASE_PLATFORM_URL: urls.platform,
        SMTP_URL: mail.smtpUrl,
        MAIL_LINK_SECRET: MAIL_LINK_SECRET_FOR_E2E,
        ROOT_DOMAIN: 'localhost',
        PORTAL_PORT: String(web),
      },
      cleanups,
    );

    // Workers inherit these (run-env.ts reads them).
    Object.assign(process.env, {
      [E2E_ENV.adminUrl]: urls.admin,
      [E2E_ENV.ownerUrl]: urls.owner,
      [E2E_ENV.appUrl]: urls.app,
      [E2E_ENV.mailInbox]: mail.inboxUrl!,
      [E2E_ENV.backupStore]: backupStore,
    });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

async function openServer(cleanups: (() => Promise<unknown>)[]): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (url) return url;
  const server = await startEmbeddedPostgres({ persistent: false, port: 0 });
  cleanups.push(() => server.stop());
  return server.adminUrl;
}

/**
 * Starts one app's standalone server (`.next/standalone`, what the Dockerfiles ship) and waits
 * until its /readyz answers 200. Its output goes to the console prefixed with its name, so a
 * failing run shows why.
 */
async function startApp(
  name: 'web' | 'admin',
  port: number,
  env: Record<string, string>,
  cleanups: (() => Promise<unknown>)[],
): Promise<void> {
  await assertPortFree(port, name);
  const build = path.join(repoRoot, 'apps', name, '.next');
  const server = path.join(build, 'standalone', 'apps', name);
  // Next leaves the static assets out of the standalone folder; the images copy them too.
  await cp(path.join(build, 'static'), path.join(server, '.next', 'static'), { recursive: true });
  const child = spawn(process.execPath, [path.join(server, 'server.js')], {
    cwd: server,
    env: { ...process.env, ...env, PORT: String(port), HOSTNAME: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}`)
      .join('\n');
  child.stdout?.on('data', (chunk: Buffer) => console.log(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => console.error(prefix(chunk)));
  cleanups.push(() => stopProcessGroup(child));
  await waitForReady(`http://127.0.0.1:${port}/readyz`, child, name);
}

/**
 * The job worker, as its own process (what runs in production beside the apps): it delivers
 * the outbox over SMTP as soon as a message commits. Ready when it logs that it started.
 */
async function startWorker(
  env: Record<string, string>,
  cleanups: (() => Promise<unknown>)[],
): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(repoRoot, 'apps', 'worker'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  cleanups.push(() => stopProcessGroup(child));
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the worker did not start within a minute:\n${output.join('')}`)),
      60_000,
    );
    const onLine = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      // After start, failed deliveries and jobs still show in the run's output.
      if (/failed|error/i.test(text)) console.error(`[worker] ${text.trimEnd()}`);
      if (text.includes('worker started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited with code ${code}:\n${output.join('')}`));
    });
  });
}

/** A server already on the port would answer in place of ours and the run would test it. */
async function assertPortFree(port: number, name: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
  if (!free)
    throw new Error(
      `Port ${port} (${name}) is in use: stop what runs there, or set E2E_WEB_PORT / E2E_CONSOLE_PORT.`,
    );
}

async function waitForReady(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with code ${child.exitCode} (was it built? pnpm build)`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${name} was not ready on ${url} within a minute: ${last}`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await Promise.race([exited, sleep(5_000)]);
  if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
