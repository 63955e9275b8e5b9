import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readClinicSettings } from '../../../jobs/clinic-settings';
import { rollUpUsage } from '../../../jobs/clinic-tasks';

import {
  createApiTestKit,
  TEST_PASSWORD,
  type ApiTestKit,
  type TestClinic,
} from '../../../testing/api-test-kit';
import {
  flushRequestStats,
  RequestStatsRecorder,
  requestStatsRecorder,
} from '../../../request/request-stats';

const today = () => new Date().toISOString().slice(0, 10);

describe('per-clinic health figures', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let gamma: TestClinic;
  let token: string;

  const asOperator = () => kit.console({ token });
  /** What the worker's usage-rollup schedule does for one clinic (at `now`: today). */
  const rollUp = async (clinic: TestClinic, now = () => new Date()) => {
    const settings = await readClinicSettings(kit.services.platform, clinic.clinic.id);
    await runWithClinic(clinic.clinic, () =>
      rollUpUsage(clinic.db, settings, {
        platform: kit.services.platform,
        tenants: kit.services.tenants,
        now,
        portalUrl: kit.services.portalUrl,
        mailSecret: kit.services.mailLinkSecret!,
      }),
    );
  };

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    gamma = await kit.addClinic('gamma', 'schema');
    await kit.addOperator('admin@eventora.test');
    token = await kit.operatorToken('admin@eventora.test');
    // Two reservations held today at alpha (one cancelled, which does not count), one yesterday.
    await kit.services.tenants.withClinic('alpha', async (db, clinic) => {
      const at = (daysAgo: number, hour: number) => {
        const date = new Date();
        date.setUTCDate(date.getUTCDate() - daysAgo);
        date.setUTCHours(hour, 0, 0, 0);
        return date;
      };
      const base = {
        clinicId: clinic.id,
        clientId: alpha.ids.client,
        therapistId: alpha.ids.therapist,
        branchId: alpha.ids.branch,
      };
      for (const [daysAgo, hour, status] of [
        [0, 1, 'booked'],
        [0, 2, 'cancelled'],
        [0, 3, 'completed'],
        [1, 4, 'completed'],
      ] as const) {
        await db.reservation.create({
          data: { ...base, startsAt: at(daysAgo, hour), endsAt: at(daysAgo, hour + 1), status },
        });
      }
    });
  });
  afterAll(() => kit?.close());

  it('counts each clinic’s API calls and errors, tagged with the clinic, flushed in batches', async () => {
    await flushRequestStats(kit.services); // the kit's own sign-ins
    const before = await asOperator().admin.health.clinic({ clinicId: alpha.clinic.id, days: 7 });
    const todayBefore = before.days.at(-1)!;

    await kit.as(alpha, alpha.owner).auth.me();
    await kit.as(alpha, alpha.owner).auth.me();
    await expect(
      kit.caller('alpha').auth.signIn({ email: 'owner@alpha.test', password: 'not the password' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // Over HTTP too, through the handler the portal serves.
    const viaHttp = await kit.http('alpha', 'auth.me', undefined, {
      query: true,
      token: alpha.owner.token,
    });
    expect(viaHttp.status).toBe(200);
    // Nothing is written per request: the counts wait in memory.
    expect(requestStatsRecorder(kit.services).pendingRows).toBeGreaterThan(0);
    await flushRequestStats(kit.services);
    expect(requestStatsRecorder(kit.services).pendingRows).toBe(0);

    const after = await asOperator().admin.health.clinic({ clinicId: alpha.clinic.id, days: 7 });
    const todayAfter = after.days.at(-1)!;
    expect(todayAfter.day).toBe(today());
    expect(todayAfter.requests - todayBefore.requests).toBe(4);
    expect(todayAfter.errors - todayBefore.errors).toBe(1);
    expect(todayAfter.serverErrors - todayBefore.serverErrors).toBe(0);

    // Gamma's figures are its own.
    const gammaHealth = await asOperator().admin.health.clinic({
      clinicId: gamma.clinic.id,
      days: 7,
    });
    expect(gammaHealth.days.at(-1)!.requests).toBe(4); // its four users' sign-ins in the kit
  });

  it('shows reservations held and sign-ins per day, and the clinic’s table sizes', async () => {
    await kit.caller('alpha').auth.signIn({ email: 'owner@alpha.test', password: TEST_PASSWORD });
    const health = await asOperator().admin.health.clinic({ clinicId: alpha.clinic.id, days: 7 });
    expect(health.open).toBe(true);
    expect(health.days).toHaveLength(7);
    const [yesterday, todayFigures] = health.days.slice(-2);
    expect(yesterday).toMatchObject({ reservations: 1 });
    expect(todayFigures).toMatchObject({ day: today(), reservations: 2 });
    // The kit signed four users in, and one more sign-in above.
    expect(todayFigures!.signIns).toBe(5);

    const reservations = health.tables.find((table) => table.table === 'reservations');
    expect(reservations).toMatchObject({ rows: 5 });
    expect(reservations!.approximateBytes).toBeGreaterThan(0);
    expect(health.tables.map((table) => table.table)).toEqual(
      expect.arrayContaining(['users', 'sessions', 'audit_logs']),
    );
    // Control-plane tables are nobody's share.
    expect(health.tables.map((table) => table.table)).not.toContain('platform_access_grants');
  });

  it('a schema-mode clinic’s tables are its own schema’s', async () => {
    const health = await asOperator().admin.health.clinic({ clinicId: gamma.clinic.id, days: 3 });
    expect(health.tables.find((table) => table.table === 'reservations')).toMatchObject({
      rows: 1,
    });
    expect(health.days.at(-1)!.signIns).toBe(4);
  });

  it('sums the fleet per day and per clinic from the daily rollup, as of its time, with on-disk table sizes', async () => {
    const before = await asOperator().admin.health.fleet({ days: 7 });
    expect(before.asOf).toBeNull();
    expect(before.clinics.find((clinic) => clinic.slug === 'alpha')).toMatchObject({
      reservations: 0,
      asOf: null,
    });

    const rolledUpAt = new Date();
    await rollUp(alpha);
    await rollUp(gamma);
    const fleet = await asOperator().admin.health.fleet({ days: 7 });
    expect(fleet.asOf!.getTime()).toBeGreaterThanOrEqual(rolledUpAt.getTime());
    expect(fleet.days).toHaveLength(7);
    const todayFigures = fleet.days.at(-1)!;
    const alphaTotals = fleet.clinics.find((clinic) => clinic.slug === 'alpha')!;
    const gammaTotals = fleet.clinics.find((clinic) => clinic.slug === 'gamma')!;
    expect(alphaTotals).toMatchObject({ mode: 'shared', open: true, reservations: 3 });
    expect(gammaTotals).toMatchObject({ mode: 'schema', open: true, reservations: 0, signIns: 4 });
    expect(alphaTotals.asOf).toBeInstanceOf(Date);
    expect(todayFigures.signIns).toBe(alphaTotals.signIns + gammaTotals.signIns);
    expect(todayFigures.requests).toBe(alphaTotals.requests + gammaTotals.requests);

    // A session booked after the rollup counts from the next one: the fleet view reads the
    // rollup, not the clinics.
    await kit.services.tenants.withClinic('alpha', (db, clinic) => {
      const startsAt = new Date();
      startsAt.setUTCHours(6, 0, 0, 0);
      return db.reservation.create({
        data: {
          clinicId: clinic.id,
          clientId: alpha.ids.client,
          therapistId: alpha.ids.therapist,
          branchId: alpha.ids.branch,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3_600_000),
        },
      });
    });
    const reservationsAtAlpha = async () =>
      (await asOperator().admin.health.fleet({ days: 7 })).clinics.find(
        (clinic) => clinic.slug === 'alpha',
      )!.reservations;
    expect(await reservationsAtAlpha()).toBe(3);
    await rollUp(alpha);
    expect(await reservationsAtAlpha()).toBe(4);

    const schemas = new Set(fleet.tables.map((table) => table.schema));
    expect(schemas).toEqual(new Set(['public', 'clinic_gamma']));
    expect(
      fleet.tables.find((t) => t.schema === 'public' && t.table === 'reservations')!.bytes,
    ).toBeGreaterThan(0);
  });

  it('a suspended clinic keeps its API figures but is not read', async () => {
    const beta = await kit.addClinic('beta');
    await asOperator().admin.clinic.suspend({
      id: beta.clinic.id,
      reason: 'Suspended for the test',
    });
    const health = await asOperator().admin.health.clinic({ clinicId: beta.clinic.id, days: 7 });
    expect(health).toMatchObject({ open: false, tables: [] });
    const fleet = await asOperator().admin.health.fleet({ days: 7 });
    expect(fleet.clinics.find((clinic) => clinic.slug === 'beta')).toMatchObject({ open: false });
  });

  it('charts a clinic’s latency p95 and error rates per day from the rollup of its recorded calls', async () => {
    const delta = await kit.addClinic('delta');
    // Days no test call touches (the kit's own calls are today's): 10 and 9 days ago.
    const noon = (daysAgo: number) => {
      const date = new Date();
      date.setUTCDate(date.getUTCDate() - daysAgo);
      date.setUTCHours(12, 0, 0, 0);
      return date;
    };
    const [earlier, later] = [noon(10), noon(9)];
    const calls: Record<
      'earlier' | 'later',
      { ms: number; outcome: 'ok' | 'error' | 'server_error' }[]
    > = {
      earlier: [],
      later: [],
    };
    const record = async (
      at: Date,
      batch: {
        kind: 'query' | 'mutation';
        ms: number;
        outcome: 'ok' | 'error' | 'server_error';
        times: number;
      }[],
    ) => {
      // The recorder the API uses, on a clock set to that day, writing as the console does.
      const recorder = new RequestStatsRecorder(kit.services.platform, () => at);
      for (const { kind, ms, outcome, times } of batch) {
        for (let index = 0; index < times; index += 1) {
          recorder.record(delta.clinic.id, kind, outcome, ms);
          calls[at === earlier ? 'earlier' : 'later'].push({ ms, outcome });
        }
      }
      await recorder.flush();
    };
    await record(earlier, [{ kind: 'query', ms: 3, outcome: 'ok', times: 20 }]);
    // The later day in two flushes (the second adds to the first's row in the database) and
    // two procedure kinds (the rollup adds their histograms).
    await record(later, [{ kind: 'query', ms: 40, outcome: 'ok', times: 50 }]);
    await record(later, [
      { kind: 'query', ms: 30, outcome: 'ok', times: 45 },
      { kind: 'mutation', ms: 900, outcome: 'error', times: 3 },
      { kind: 'mutation', ms: 900, outcome: 'server_error', times: 2 },
    ]);

    const before = await asOperator().admin.health.clinic({ clinicId: delta.clinic.id, days: 14 });
    expect(before.callsAsOf).toBeNull();
    expect(before.calls.every((day) => day.latencyP95Ms === null && day.errorRate === null)).toBe(
      true,
    );

    await rollUp(delta, () => later);
    const health = await asOperator().admin.health.clinic({ clinicId: delta.clinic.id, days: 14 });
    expect(health.callsAsOf).toEqual(later);
    expect(health.calls).toHaveLength(14);
    const byDay = new Map(health.calls.map((day) => [day.day, day]));
    const dayOf = (date: Date) => date.toISOString().slice(0, 10);

    for (const [at, recorded] of [
      [earlier, calls.earlier],
      [later, calls.later],
    ] as const) {
      const figures = byDay.get(dayOf(at))!;
      const failed = recorded.filter((call) => call.outcome !== 'ok').length;
      const serverErrors = recorded.filter((call) => call.outcome === 'server_error').length;
      expect(figures.errorRate).toBeCloseTo(failed / recorded.length, 10);
      expect(figures.serverErrorRate).toBeCloseTo(serverErrors / recorded.length, 10);
      // The histogram keeps buckets, not calls: the p95 it reads lies in the bucket that holds
      // the true 95th percentile call (nearest rank) of the durations recorded.
      const sorted = recorded.map((call) => call.ms).sort((a, b) => a - b);
      const truth = sorted[Math.ceil(0.95 * sorted.length) - 1]!;
      const bucket = [0, 5, 10, 25, 50, 75, 100, 150, 200, 300, 500, 750, 1000];
      const upper = bucket.find((bound) => bound >= truth)!;
      const lower = bucket[bucket.indexOf(upper) - 1]!;
      expect(figures.latencyP95Ms).toBeGreaterThanOrEqual(lower);
      expect(figures.latencyP95Ms).toBeLessThanOrEqual(upper);
    }
    // Exactly: 95 of the later day's 100 calls took 25–50 ms, so its p95 is that bucket's top;
    // the earlier day's 20 calls all took ≤ 5 ms, the 19th of 20 read 95% into that bucket.
    expect(byDay.get(dayOf(later))).toMatchObject({ latencyP95Ms: 50, errorRate: 0.05 });
    expect(byDay.get(dayOf(earlier))).toMatchObject({ latencyP95Ms: 4.75, errorRate: 0 });
    // A day without calls has no percentile and no rate (not 0 %).
    expect(byDay.get(dayOf(noon(8)))).toMatchObject({ latencyP95Ms: null, errorRate: null });
    // Another clinic's rollup is not this one's.
    const alphaHealth = await asOperator().admin.health.clinic({
      clinicId: alpha.clinic.id,
      days: 14,
    });
    expect(alphaHealth.calls.find((day) => day.day === dayOf(later))!.latencyP95Ms).toBeNull();
  });

  it('links to the clinic’s traces only when a tracing UI is configured', async () => {
    const health = () => asOperator().admin.health.clinic({ clinicId: alpha.clinic.id, days: 1 });
    expect((await health()).tracesUrl).toBeNull();
    kit.services.traceUiUrl =
      'http://jaeger.test:16686/search?tags=%7B%22clinic.id%22%3A%22{clinicId}%22%7D&q={clinicSlug}';
    try {
      expect((await health()).tracesUrl).toBe(
        `http://jaeger.test:16686/search?tags=%7B%22clinic.id%22%3A%22${alpha.clinic.id}%22%7D&q=alpha`,
      );
    } finally {
      kit.services.traceUiUrl = undefined;
    }
  });

  it('is for operators only', async () => {
    await expect(kit.console().admin.health.fleet({ days: 7 })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const viaPortal = await kit.http('alpha', 'admin.health.fleet', { days: 7 }, { query: true });
    expect(viaPortal.status).toBe(404);
  });
});
