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
