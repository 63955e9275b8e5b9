import { expect, test } from '@playwright/test';

import { ports } from '../../src/run-env';

/**
 * The probes a load balancer and an orchestrator use, on the standalone servers the images
 * ship: alive, ready (database as the runtime role, schema at this build's migration, mail),
 * and a request id on every API answer.
 */
for (const [app, port] of [
  ['portal', () => ports().web],
  ['console', () => ports().console],
] as const) {
  test(`the ${app} answers /healthz and is ready by /readyz, every check named`, async ({
    request,
  }) => {
    const base = `http://127.0.0.1:${port()}`;
    const health = await request.get(`${base}/healthz`);
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const ready = await request.get(`${base}/readyz`);
    expect(ready.status()).toBe(200);
    expect(ready.headers()['cache-control']).toBe('no-store');
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: {
        database: { ok: true, detail: 'connected as eventora_app' },
        migrations: { ok: true, detail: expect.stringMatching(/^\d{14}_\w+$/) },
        mail: { ok: true },
      },
    });
  });
}

test('every API answer carries its request id', async ({ request }) => {
  const answer = await request.get(`http://127.0.0.1:${ports().web}/api/trpc/portal.clinic`, {
    headers: { host: `alpha.localhost:${ports().web}` },
  });
  expect(answer.status()).toBe(200);
  expect(answer.headers()['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
});
