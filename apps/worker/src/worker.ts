import { backUpClinic, type BackupServices } from '@eventora/api/jobs/backups';
import {
  cleanUpExpired,
  completePastBookings,
  notifyExpiringPackages,
  passExpiredWaitlistOffers,
  readClinicSettings,
  rollUpUsage,
  sendReminders,
  type ClinicSettings,
  type TaskServices,
} from '@eventora/api/jobs';
import { createPlatformClient } from '@eventora/auth';
import {
  FLEET_SCHEDULES,
  openJobQueue,
  queueCounts,
  tickSchedules,
  workClinicQueue,
  workFleetRuns,
  type ClinicJobContext,
  type ClinicQueueName,
  type FleetSchedule,
  type JobFailure,
} from '@eventora/jobs';
import {
  createSmtpSender,
  deliverOutbox,
  SENT_WHILE_SUSPENDED,
  type MailSender,
} from '@eventora/mail';
import { gaugeFrom, silentLogger, type Logger } from '@eventora/observability';
import { databaseUrlResolver, isUuid, TenantRouter, type TenantClient } from '@eventora/tenancy';
import pg from 'pg';

export interface WorkerConfig {
  appUrl: string;
  platformUrl: string;
  connectionBudget?: number;
  /** A database-mode clinic's URL secret, by name. */
  secretByName?: (name: string) => string | undefined;
  smtpUrl: string;
  mailFrom: string;
  mailLinkSecret: string;
  portalUrl: (slug: string) => string;
  now?: () => Date;
  schedules?: readonly FleetSchedule[];
  /** How often schedules are checked for a new slot (default 30 s). */
  tickMs?: number;
  pollingIntervalSeconds?: number;
  maintenanceIntervalSeconds?: number;
  /** The worker's JSON log: one line per job run, and what the worker itself does. */
  logger?: Logger;
  /**
   * The daily "backups" schedule's needs (owner role URL, signing key, store). Without them the
   * worker neither schedules nor works backups.
   */
  backups?: Omit<BackupServices, 'now' | 'secrets'>;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

type Task = (db: TenantClient, clinic: ClinicSettings, services: TaskServices) => Promise<unknown>;

const TASKS: Record<
  Exclude<ClinicQueueName, 'mail.deliver' | 'bench.noop' | 'clinic.backups'>,
  Task
> = {
  'clinic.reminders': sendReminders,
  'clinic.cleanup': cleanUpExpired,
  'clinic.complete-bookings': completePastBookings,
  'clinic.package-expiry': notifyExpiringPackages,
  'clinic.usage-rollup': rollUpUsage,
  'clinic.waitlist': passExpiredWaitlistOffers,
};

/**
 * The worker: works every queue (each clinic job bound to its clinic, as the runtime role),
 * ticks the fleet schedules, delivers outbox mail over SMTP as soon as a message commits
 * (LISTEN on the outbox's notifications; the 5-minute sweep catches the rest, and clinics in
 * databases of their own), and runs the queue's maintenance (expired jobs of dead workers are
 * retried).
 */
export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const logger = config.logger ?? silentLogger;
  const now = config.now ?? (() => new Date());
  const schedules = (config.schedules ?? FLEET_SCHEDULES).filter(
    (schedule) => config.backups || schedule.queue !== 'clinic.backups',
  );
  const polling = config.pollingIntervalSeconds ?? 1;
  const tenants = new TenantRouter({
    connectionString: config.appUrl,
    connectionBudget: config.connectionBudget ?? 20,
    resolveDatabaseUrl: databaseUrlResolver(
      config.appUrl,
      config.secretByName ?? (() => undefined),
    ),
  });
  const registry = new pg.Pool({ connectionString: config.platformUrl, max: 4 });
  const platform = createPlatformClient({
    connectionString: config.platformUrl,
    maxConnections: 2,
  });
  const queue = await openJobQueue({
    connectionString: config.platformUrl,
    supervise: true,
    maintenanceIntervalSeconds: config.maintenanceIntervalSeconds,
  });
  const sender: MailSender = createSmtpSender({
    url: config.smtpUrl,
    fromAddress: config.mailFrom,
  });
  const services: TaskServices = {
    platform,
    tenants,
    now,
    portalUrl: config.portalUrl,
    mailSecret: config.mailLinkSecret,
  };
  const onFailure = (failure: JobFailure) => logger.warn(failure, 'job attempt failed');
  const deps = { queue, tenants, registry, onFailure, logger };
  // Queue depth for alerts ("mail waiting > 1,000 for 10 minutes"), read at scrape time.
  gaugeFrom({
    name: 'eventora_job_queue_depth',
    help: 'Jobs per queue and state (waiting, running, failed and due for retry, dead).',
    labelNames: ['queue', 'state'] as const,
    read: async () =>
      (await queueCounts(registry)).flatMap(({ queue: name, ...states }) =>
        Object.entries(states).map(([state, value]) => ({ labels: { queue: name, state }, value })),
      ),
  });
  const options = { pollingIntervalSeconds: polling };

  const deliver = async ({ db, clinic }: ClinicJobContext) => {
    const settings = await readClinicSettings(platform, clinic.id);
    const report = await deliverOutbox(db, {
      sender,
      now,
      // A closed clinic sends only its owners' final-export link; the rest waits for a reopen.
      kinds: clinic.status === 'suspended' ? SENT_WHILE_SUSPENDED : undefined,
      clinic: {
        name: settings.name,
        brandColor: settings.brandColor,
        replyTo: settings.mailReplyTo,
      },
    });
    if (report.nextAttemptAt) {
      // The next retry is due then: come back for it instead of waiting for the sweep.
      await queue.send(
        'mail.deliver',
        { clinicId: clinic.id },
        {
          startAfter: report.nextAttemptAt,
          singletonKey: `${clinic.id}:retry`,
          singletonSeconds: 60,
        },
      );
    }
    return report;
  };
  await workClinicQueue(deps, 'mail.deliver', deliver, options);
  for (const [name, task] of Object.entries(TASKS) as [keyof typeof TASKS, Task][]) {
    await workClinicQueue(
      deps,
      name,
      async ({ db, clinic }) => task(db, await readClinicSettings(platform, clinic.id), services),
      options,
    );
  }
  const backups = config.backups;
  if (backups) {
    // As the owner role, not the job's tenant client: an export reads every table of the
    // clinic in one snapshot, wherever the clinic lives.
    const backupServices: BackupServices = {
      ...backups,
      secrets: config.secretByName,
      now,
    };
    await workClinicQueue(
      deps,
      'clinic.backups',
      ({ clinic }) => backUpClinic(clinic, backupServices),
      options,
    );
  }
  await workClinicQueue(deps, 'bench.noop', async () => undefined, { ...options, batchSize: 50 });
  await workFleetRuns({ queue, registry }, schedules, options);

  const tick = () =>
    tickSchedules({ queue, registry }, schedules, now()).then(
      (started) => started.forEach((run) => logger.info(run, 'schedule run started')),
      (error: unknown) => logger.error({ error: (error as Error).name }, 'schedule tick failed'),
    );
  await tick();
  const ticker = setInterval(() => void tick(), config.tickMs ?? 30_000);

  // Mail goes out as soon as it commits: the outbox trigger notifies with the clinic id.
  const listener = new pg.Client({ connectionString: config.platformUrl });
  await listener.connect();
  listener.on('notification', (notification) => {
    const clinicId = notification.payload;
    if (!isUuid(clinicId)) return;
    void queue
      .send(
        'mail.deliver',
        { clinicId },
        { singletonKey: clinicId, singletonSeconds: 2, singletonNextSlot: true },
      )
      .catch((error: unknown) =>
        logger.error({ clinicId, error: (error as Error).name }, 'could not queue delivery'),
      );
  });
  await listener.query('LISTEN eventora_outbox');
  logger.info({ schedules: schedules.map((schedule) => schedule.name) }, 'worker started');

  return {
    async stop() {
      clearInterval(ticker);
      await listener.end().catch(() => undefined);
      await queue.stop({ graceful: true, wait: true, timeout: 10_000 });
      sender.close();
      await tenants.close();
      await registry.end();
      await platform.$disconnect();
    },
  };
}
