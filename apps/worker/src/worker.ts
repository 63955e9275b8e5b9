import {
  cleanUpExpired,
  completePastBookings,
  notifyExpiringPackages,
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
  tickSchedules,
  workClinicQueue,
  workFleetRuns,
  type ClinicJobContext,
  type ClinicQueueName,
  type FleetSchedule,
  type JobFailure,
} from '@eventora/jobs';
import { createSmtpSender, deliverOutbox, type MailSender } from '@eventora/mail';
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
  log?: (line: string) => void;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

type Task = (db: TenantClient, clinic: ClinicSettings, services: TaskServices) => Promise<unknown>;

const TASKS: Record<Exclude<ClinicQueueName, 'mail.deliver' | 'bench.noop'>, Task> = {
  'clinic.reminders': sendReminders,
  'clinic.cleanup': cleanUpExpired,
  'clinic.complete-bookings': completePastBookings,
  'clinic.package-expiry': notifyExpiringPackages,
  'clinic.usage-rollup': rollUpUsage,
};

/**
 * The worker: works every queue (each clinic job bound to its clinic, as the runtime role),
 * ticks the fleet schedules, delivers outbox mail over SMTP as soon as a message commits
 * (LISTEN on the outbox's notifications; the 5-minute sweep catches the rest, and clinics in
 * databases of their own), and runs the queue's maintenance (expired jobs of dead workers are
 * retried).
 */
export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const log = config.log ?? ((line: string) => console.info(line));
  const now = config.now ?? (() => new Date());
  const schedules = config.schedules ?? FLEET_SCHEDULES;
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
  const onFailure = (failure: JobFailure) =>
    log(
      `[worker] ${failure.queue} job ${failure.jobId} for clinic ${failure.clinicId ?? 'none'} failed: ${failure.error}${failure.final ? ' (final)' : ''}`,
    );
  const deps = { queue, tenants, registry, onFailure };
  const options = { pollingIntervalSeconds: polling };

  const deliver = async ({ db, clinic }: ClinicJobContext) => {
    const settings = await readClinicSettings(platform, clinic.id);
    const report = await deliverOutbox(db, {
      sender,
      now,
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
  await workClinicQueue(deps, 'bench.noop', async () => undefined, { ...options, batchSize: 50 });
  await workFleetRuns({ queue, registry }, schedules, options);

  const tick = () =>
    tickSchedules({ queue, registry }, schedules, now()).then(
      (started) =>
        started.forEach((run) => log(`[worker] schedule ${run.schedule}: run ${run.runId}`)),
      (error: unknown) => log(`[worker] schedule tick failed: ${(error as Error).name}`),
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
        log(`[worker] could not queue delivery: ${(error as Error).name}`),
      );
  });
  await listener.query('LISTEN eventora_outbox');
  log('[worker] started');

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
