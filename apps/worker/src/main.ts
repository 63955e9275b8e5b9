import { portalUrl } from '@eventora/api';
import { DEVELOPMENT_MAIL_LINK_SECRET } from '@eventora/api/jobs';
import { processObservability } from '@eventora/observability';
import { openBackupStore } from '@eventora/tenancy/backups';

import { parseWorkerEnv, processEnv, secretByName } from './env';
import { startWorker } from './worker';

// The worker process: `pnpm --filter @eventora/worker start`. Configuration in env.ts.
const env = parseWorkerEnv(processEnv());
// Logs (pino), traces (OTLP when configured) and metrics (METRICS_PORT), as in both apps.
const { logger, stop: stopObservability } = processObservability('worker');
if (!env.SMTP_URL)
  logger.info('no SMTP_URL: mail goes to the dev catcher at smtp://127.0.0.1:1025');
const worker = await startWorker({
  appUrl: env.DATABASE_URL,
  platformUrl: env.DATABASE_PLATFORM_URL,
  connectionBudget: env.DATABASE_CONNECTION_BUDGET,
  secretByName,
  // Development only (env.ts refuses production without it).
  smtpUrl: env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
  mailFrom: env.MAIL_FROM,
  mailLinkSecret: env.MAIL_LINK_SECRET ?? DEVELOPMENT_MAIL_LINK_SECRET,
  portalUrl: (slug) => portalUrl(slug, { rootDomain: env.ROOT_DOMAIN, port: env.PORTAL_PORT }),
  logger,
  backups: env.BACKUP_STORE
    ? {
        ownerUrl: env.DATABASE_OWNER_URL!,
        signingKey: env.ARCHIVE_SIGNING_KEY!,
        store: openBackupStore(env.BACKUP_STORE, env),
      }
    : undefined,
});
if (!env.BACKUP_STORE) logger.info('no BACKUP_STORE: the worker takes no backups');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void worker
      .stop()
      .then(stopObservability)
      .then(() => process.exit(0));
  });
}
