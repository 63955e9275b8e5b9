import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../testing/api-test-kit';
import { ClinicRateLimiter } from './clinic-rate-limit';

describe('per-clinic rate limit (fair share)', () => {
  let kit: ApiTestKit;
  let noisy: TestClinic;
  let quiet: TestClinic;
  let clock = 0;

  const setRate = async (clinic: TestClinic, rate: number | null) => {
    const owner = new pg.Client({ connectionString: kit.database.ownerUrl });
    await owner.connect();
    try {
      await owner.query('UPDATE clinics SET request_rate_per_second = $1 WHERE id = $2', [
        rate,
        clinic.clinic.id,
      ]);
    } finally {
      await owner.end();
    }
  };

  const list = (clinic: TestClinic) =>
    kit.http(clinic.slug, 'reservation.list', {}, { token: clinic.client.token, query: true });

  beforeAll(async () => {
    kit = await createApiTestKit();
    noisy = await kit.addClinic('noisy');
    quiet = await kit.addClinic('quiet');
    kit.services.rateLimiter = new ClinicRateLimiter({
      defaultRatePerSecond: 50,
      burstSeconds: 2,
      now: () => clock,
    });
  });
  afterAll(async () => kit?.close());

  it('answers 429 with Retry-After to the clinic past its own rate, and only to it', async () => {
    await setRate(noisy, 2);
    // A rate of 2/s with 2 s of burst: 4 calls pass at once, the 5th is refused.
    const noisyAnswers = [];
    for (let i = 0; i < 6; i += 1) noisyAnswers.push(await list(noisy));
    expect(noisyAnswers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429, 429]);
    const refused = noisyAnswers[4]!;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.error?.json.data.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.body.error?.json.message).toMatch(/too many requests/i);

    // The quiet clinic, in the same instant, runs on its own (default) budget.
    for (let i = 0; i < 20; i += 1) expect((await list(quiet)).status).toBe(200);
  });

  it('lets the clinic in again once Retry-After has passed', async () => {
    expect((await list(noisy)).status).toBe(429);
    clock += 1_000;
    expect((await list(noisy)).status).toBe(200);
    expect((await list(noisy)).status).toBe(200);
    expect((await list(noisy)).status).toBe(429);
  });

  it('reads the rate from the registry on every request: raising it takes effect on the next one', async () => {
    expect((await list(noisy)).status).toBe(429);
    await setRate(noisy, null);
    clock += 100; // 0.1 s at the default 50/s refills 5 calls
    expect((await list(noisy)).status).toBe(200);
  });

  it('a refused call changes nothing: a booking past the limit is not made', async () => {
    await setRate(noisy, 1);
    clock += 10_000;
    const items = (answer: Awaited<ReturnType<typeof list>>) =>
      (answer.body.result?.data.json as { items: unknown[] }).items;
    const before = items(await list(noisy));
    expect((await list(noisy)).status).toBe(200);
    expect((await list(noisy)).status).toBe(429);
    const booking = await kit.http(
      noisy.slug,
      'reservation.create',
      {
        therapistId: noisy.ids.therapist,
        branchId: noisy.ids.branch,
        startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
      { token: noisy.client.token },
    );
    expect(booking.status).toBe(429);
    clock += 10_000;
    const mine = await list(noisy);
    expect(mine.status).toBe(200);
    expect(items(mine)).toEqual(before);
  });
});

describe('ClinicRateLimiter', () => {
  it('refills at the rate and caps the burst', () => {
    let now = 0;
    const limiter = new ClinicRateLimiter({
      defaultRatePerSecond: 10,
      burstSeconds: 1,
      now: () => now,
    });
    const taken = Array.from({ length: 12 }, () => limiter.take('a', null).allowed);
    expect(taken.filter(Boolean)).toHaveLength(10);
    now += 500; // half a second at 10/s
    expect(
      Array.from({ length: 6 }, () => limiter.take('a', null).allowed).filter(Boolean),
    ).toHaveLength(5);
    now += 60_000; // a long pause refills only up to the burst
    expect(
      Array.from({ length: 12 }, () => limiter.take('a', null).allowed).filter(Boolean),
    ).toHaveLength(10);
  });

  it('says how long to wait, in whole seconds', () => {
    const limiter = new ClinicRateLimiter({
      defaultRatePerSecond: 0.25,
      burstSeconds: 4,
      now: () => 0,
    });
    expect(limiter.take('slow', null)).toEqual({ allowed: true });
    expect(limiter.take('slow', null)).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });
});
