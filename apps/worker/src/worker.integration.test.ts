import { writeMessage } from '@eventora/mail';
import { enableMetrics } from '@eventora/observability';
import { startMailCatcher, type MailCatcher } from '@eventora/mail/catcher';
import { runWithClinic, TenantRouter } from '@eventora/tenancy';
import {
  createClinicFixture,
  createTestDatabase,
  type ClinicFixture,
  type TestDatabase,
} from '@eventora/tenancy/testing';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FLEET_SCHEDULES } from '@eventora/jobs';
import { localBackupStore } from '@eventora/tenancy/backups';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWorker, type RunningWorker } from './worker';

describe('the worker process', () => {
  let database: TestDatabase;
  let router: TenantRouter;
  let alpha: ClinicFixture;
  let beta: ClinicFixture;
  let catcher: MailCatcher;
  let worker: RunningWorker;
  // As with METRICS_PORT set: the worker registers its gauges on this registry.
  const metrics = enableMetrics({ topClinics: 5 });

  beforeAll(async () => {
    database = await createTestDatabase();
    router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 4 });
    alpha = await createClinicFixture(database, router, { slug: 'alpha' });
    beta = await createClinicFixture(database, router, { slug: 'beta', mode: 'schema' });
    catcher = await startMailCatcher();
    worker = await startWorker({
      appUrl: database.appUrl,
      platformUrl: database.platformUrl,
      connectionBudget: 6,
      smtpUrl: catcher.smtpUrl,
      mailFrom: 'mail@eventora.test',
      mailLinkSecret: 'a-test-secret-of-some-length',
      portalUrl: (slug) => `http://${slug}.localhost:3000`,
      pollingIntervalSeconds: 0.5,
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await catcher?.close();
    await router?.close();
    await database?.drop();
  });

  it('a message committed in a clinic transaction reaches the SMTP server within seconds, for shared and schema clinics', async () => {
    for (const [fixture, email] of [
      [alpha, 'ana@alpha.test'],
      [beta, 'bea@beta.test'],
    ] as const) {
      await runWithClinic(fixture.clinic, () =>
        fixture.db.$transaction((tx) =>
          writeMessage(tx, {
            kind: 'password.reset',
            to: { email, name: 'Reader' },
            data: { expiresAt: '2031-01-01T10:00:00.000Z' },
            secrets: {
              link: `http://${fixture.clinic.slug}.localhost:3000/reset-password?token=t`,
            },
          }),
        ),
      );
    }
    const deadline = Date.now() + 30_000;
    while (catcher.messages.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(catcher.to('ana@alpha.test')).toHaveLength(1);
    expect(catcher.to('bea@beta.test')).toHaveLength(1);
    expect(catcher.to('ana@alpha.test')[0]!.from).toBe('"Clinic alpha" <mail@eventora.test>');
    expect(catcher.to('bea@beta.test')[0]!.text).toContain(
      'http://beta.localhost:3000/reset-password?token=t',
    );
  });

  it('exports every queue’s depth by state for alerts, read from the queue at scrape time', async () => {
    const depth = (await metrics.getMetricsAsJSON()).find(
      (metric) => metric.name === 'eventora_job_queue_depth',
    );
    const waitingMail = depth?.values.find(
      (value) => value.labels.queue === 'mail.deliver' && value.labels.state === 'waiting',
    );
    expect(waitingMail?.value).toEqual(expect.any(Number));
    expect(new Set(depth?.values.map((value) => value.labels.state))).toEqual(
      new Set(['waiting', 'running', 'failed', 'dead']),
    );
  });
});

async function queryRows<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('the worker with a backup store', () => {
  let database: TestDatabase;
  let router: TenantRouter;
  let dir: string;
  let alpha: ClinicFixture;
  let beta: ClinicFixture;
  let plain: RunningWorker | undefined;
  let backing: RunningWorker | undefined;
  const config = (db: TestDatabase) => ({
    appUrl: db.appUrl,
    platformUrl: db.platformUrl,
    connectionBudget: 6,
    smtpUrl: 'smtp://127.0.0.1:1',
    mailFrom: 'mail@eventora.test',
    mailLinkSecret: 'a-test-secret-of-some-length',
    portalUrl: (slug: string) => `http://${slug}.localhost:3000`,
    pollingIntervalSeconds: 0.5,
    schedules: FLEET_SCHEDULES.filter((schedule) => schedule.name === 'backups'),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 4 });
    alpha = await createClinicFixture(database, router, { slug: 'alpha' });
    beta = await createClinicFixture(database, router, { slug: 'beta', mode: 'schema' });
    dir = await mkdtemp(path.join(tmpdir(), 'eventora-worker-backups-'));
  });
  afterAll(async () => {
    await plain?.stop();
    await backing?.stop();
    await router?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('schedules no backups without one; with one, the daily run backs up every open clinic into it, recorded and verified', async () => {
    plain = await startWorker(config(database));
    await plain.stop();
    plain = undefined;
    expect(await queryRows(database.ownerUrl, 'SELECT schedule FROM job_schedule_runs')).toEqual(
      [],
    );

    backing = await startWorker({
      ...config(database),
      backups: {
        ownerUrl: database.ownerUrl,
        signingKey: 'a test signing key that is long enough to be a secret',
        store: localBackupStore(dir),
      },
    });
    const deadline = Date.now() + 60_000;
    let rows: { clinic: string; verified: boolean }[] = [];
    while (rows.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      rows = await queryRows<{ clinic: string; verified: boolean }>(
        database.ownerUrl,
        'SELECT target_clinic_id AS clinic, verified_at IS NOT NULL AS verified FROM clinic_backups ORDER BY 1',
      );
    }
    expect(rows).toEqual(
      [alpha.clinic.id, beta.clinic.id].sort().map((clinic) => ({ clinic, verified: true })),
    );
    expect(await readdir(path.join(dir, alpha.clinic.id))).toHaveLength(1);
    expect(await readdir(path.join(dir, beta.clinic.id))).toHaveLength(1);
  });
});
