import { afterAll, describe, expect, it } from 'vitest';

import { enableMetrics, gaugeFrom, recordApiCall, startMetricsServer } from './metrics';

describe('metrics', () => {
  const registry = enableMetrics({ topClinics: 2 });
  const server = startMetricsServer({ port: 0, host: '127.0.0.1', registry });
  afterAll(async () => (await server).close());

  it('serves calls by procedure and by bounded clinic label, and gauges read at scrape time, on /metrics only', async () => {
    for (const clinicSlug of ['alpha', 'beta', 'gamma', 'delta']) {
      recordApiCall({ procedure: 'reservation.create', clinicSlug, outcome: 'ok', seconds: 0.02 });
    }
    recordApiCall({
      procedure: 'auth.me',
      clinicSlug: 'alpha',
      outcome: 'UNAUTHORIZED',
      seconds: 0.001,
    });
    let depth = 3;
    gaugeFrom({
      name: 'eventora_test_queue_depth',
      help: 'test',
      labelNames: ['queue'],
      read: () => [{ labels: { queue: 'mail' }, value: depth }],
    });
    depth = 7;

    const address = (await server).address() as { port: number };
    const text = await (await fetch(`http://127.0.0.1:${address.port}/metrics`)).text();
    expect(text).toContain(
      'eventora_api_calls_total{procedure="reservation.create",outcome="ok"} 4',
    );
    expect(text).toContain(
      'eventora_api_calls_total{procedure="auth.me",outcome="UNAUTHORIZED"} 1',
    );
    expect(text).toContain('eventora_clinic_api_calls_total{clinic="alpha",outcome="error"} 1');
    expect(text).toContain('eventora_clinic_api_calls_total{clinic="other",outcome="ok"} 2');
    expect(text).not.toContain('clinic="gamma"');
    expect(text).toContain('eventora_test_queue_depth{queue="mail"} 7');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect((await fetch(`http://127.0.0.1:${address.port}/`)).status).toBe(404);
  });
});
