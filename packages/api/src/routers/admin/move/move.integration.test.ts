import { listTenantTables } from '@eventora/tenancy/tables';
import { freezeRows, SimulatedCrash, startMove, unfreezeRows } from '@eventora/tenancy/moves';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SERVICE_OF_B } from '../../../isolation/isolation-cases';
import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../../testing/api-test-kit';
import { moveOptions } from './move-services';

const REASON = 'Enterprise contract: own schema (ticket 412)';

describe('moving a clinic from the console', () => {
  let kit: ApiTestKit;
  let gamma: TestClinic;
  let other: TestClinic;
  let operatorToken: string;
  let operatorId: string;

  const asOperator = () => kit.console({ token: operatorToken });

  /** Polls the status until no process works on the clinic and nothing is in flight. */
  async function settled(clinicId: string) {
    for (let i = 0; i < 300; i++) {
      const status = await asOperator().admin.move.status({ clinicId });
      if (!status.live && !status.current) return status;
      if (!status.live && status.current?.state === 'failed') return status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the move did not settle in 30 s');
  }

  async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[]) {
    const client = new pg.Client({ connectionString: kit.database.adminUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    kit = await createApiTestKit();
    gamma = await kit.addClinic('gammamove');
    other = await kit.addClinic('othermove');
    ({ id: operatorId } = await kit.addOperator('mover@eventora.test'));
    operatorToken = await kit.operatorToken('mover@eventora.test');
  }, 60_000);
  afterAll(() => kit?.close());

  it('plans a move with rows per table, bytes and the estimated time and freeze, changing nothing', async () => {
    const plan = await asOperator().admin.move.plan({ clinicId: gamma.clinic.id, to: 'schema' });
    expect(plan.from).toMatchObject({ mode: 'shared', label: 'shared' });
    expect(plan.to).toMatchObject({ mode: 'schema', schema: 'clinic_gammamove' });
    expect(plan.tables.find((t) => t.table === 'reservations')).toMatchObject({ rows: 1 });
    expect(plan.totalRows).toBeGreaterThan(4);
    expect(plan.totalBytes).toBeGreaterThan(0);
    expect(plan.estimatedSeconds).toBeGreaterThanOrEqual(plan.estimatedFreezeSeconds);
    const status = await asOperator().admin.move.status({ clinicId: gamma.clinic.id });
    expect(status).toMatchObject({ live: false, current: null, history: [] });
    await expect(
      asOperator().admin.move.plan({ clinicId: gamma.clinic.id, to: 'shared' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already lives'),
    });
  });

  it('refuses clinic sessions and anonymous callers', async () => {
    await expect(
      kit.console({ token: gamma.owner.token }).admin.move.status({ clinicId: gamma.clinic.id }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      kit.console().admin.move.start({ clinicId: gamma.clinic.id, to: 'schema', reason: REASON }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('moves the clinic in the background; it keeps its sessions and rows; both audit logs say who and why', async () => {
    const started = await asOperator().admin.move.start({
      clinicId: gamma.clinic.id,
      to: 'schema',
      reason: REASON,
    });
    expect(started).toMatchObject({ state: 'running', reason: REASON });
    expect(started.actor).toContain('mover@eventora.test');
    // A second move while this one is in flight is refused.
    await expect(
      asOperator().admin.move.start({ clinicId: gamma.clinic.id, to: 'database', reason: REASON }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const status = await settled(gamma.clinic.id);
    expect(status.history[0]).toMatchObject({
      id: started.id,
      state: 'done',
      step: 'retained',
      to: { mode: 'schema', schema: 'clinic_gammamove' },
    });
    expect(status.history[0]!.freezeMs).toBeGreaterThanOrEqual(0);
    // Planned before the move's own "started" audit entry was written: at least the plan.
    expect(status.history[0]!.tables.every((t) => t.copied && t.rows >= t.planned)).toBe(true);
    expect(status.rollback).toEqual({ possible: true, why: null });
    expect(await asOperator().admin.clinic.byId({ id: gamma.clinic.id })).toMatchObject({
      mode: 'schema',
      status: 'active',
      schemaName: 'clinic_gammamove',
    });
    // Nobody was signed out; the clinic writes on its new place.
    expect(await kit.as(gamma, gamma.client).auth.me()).toMatchObject({
      user: { id: gamma.client.id },
    });
    await kit.as(gamma, gamma.staff).service.create(SERVICE_OF_B(gamma.ids.therapist));

    const platformLog = await query<{
      action: string;
      reason: string | null;
      operator_id: string | null;
    }>(
      "SELECT action, reason, operator_id FROM platform_audit_logs WHERE target_clinic_id = $1 AND action LIKE 'clinic.move.%' ORDER BY created_at",
      [gamma.clinic.id],
    );
    // The operator who started it is the entry's operator (the console's operator filter finds
    // it); the engine's own later entries name them in metadata.actor.
    expect(platformLog).toEqual([
      { action: 'clinic.move.started', reason: REASON, operator_id: operatorId },
      { action: 'clinic.move.completed', reason: REASON, operator_id: null },
    ]);
    const clinicLog = await query<{ action: string; schema: string }>(
      `SELECT action, 'public' AS schema FROM public.audit_logs WHERE clinic_id = $1 AND action LIKE 'clinic.move.%'
       UNION ALL
       SELECT action, 'clinic_gammamove' FROM clinic_gammamove.audit_logs WHERE clinic_id = $1 AND action LIKE 'clinic.move.%'`,
      [gamma.clinic.id],
    );
    // Started where it lived, completed where it lives (the copy carried the first entry over).
    expect(clinicLog).toEqual(
      expect.arrayContaining([
        { action: 'clinic.move.started', schema: 'public' },
        { action: 'clinic.move.started', schema: 'clinic_gammamove' },
        { action: 'clinic.move.completed', schema: 'clinic_gammamove' },
      ]),
    );
    // The other clinic never noticed.
    expect(await asOperator().admin.clinic.byId({ id: other.clinic.id })).toMatchObject({
      mode: 'shared',
      status: 'active',
    });
  }, 60_000);

  it('rolls the move back within the window: the clinic returns with the writes made since', async () => {
    const before = await kit.as(gamma, gamma.staff).service.list();
    await asOperator().admin.move.rollback({ clinicId: gamma.clinic.id, reason: REASON });
    const status = await settled(gamma.clinic.id);
    expect(status.history.map((move) => move.state)).toEqual(['done', 'rolled_back']);
    expect(status.history[0]).toMatchObject({
      to: { mode: 'shared' },
      rollbackOf: status.history[1]!.id,
    });
    expect(await asOperator().admin.clinic.byId({ id: gamma.clinic.id })).toMatchObject({
      mode: 'shared',
      status: 'active',
    });
    expect(await kit.as(gamma, gamma.staff).service.list()).toEqual(before);
    const actions = await query<{ action: string; operator_id: string | null }>(
      "SELECT action, operator_id FROM platform_audit_logs WHERE target_clinic_id = $1 AND action LIKE 'clinic.move.%' ORDER BY created_at",
      [gamma.clinic.id],
    );
    expect(actions.slice(-2)).toEqual([
      { action: 'clinic.move.rollback_started', operator_id: operatorId },
      { action: 'clinic.move.rolled_back', operator_id: null },
    ]);
  }, 60_000);

  it('shows a move whose process died as interrupted (no live process) and resumes it', async () => {
    const options = await moveOptions(kit.services);
    await expect(
      startMove(
        { slug: gamma.slug, to: 'schema', actor: 'test', reason: REASON },
        {
          ...options,
          crashPoint: (point) => {
            if (point === 'before:catch_up') throw new SimulatedCrash(point);
          },
        },
      ),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const interrupted = await asOperator().admin.move.status({ clinicId: gamma.clinic.id });
    expect(interrupted).toMatchObject({
      live: false,
      current: { state: 'running', step: 'catch_up' },
    });
    await asOperator().admin.move.resume({ clinicId: gamma.clinic.id });
    const done = await settled(gamma.clinic.id);
    expect(done.history[0]).toMatchObject({ state: 'done', step: 'retained' });
    expect(await kit.as(gamma, gamma.client).auth.me()).toMatchObject({
      user: { id: gamma.client.id },
    });
    // Back to shared for the next test.
    await asOperator().admin.move.start({
      clinicId: gamma.clinic.id,
      to: 'shared',
      reason: REASON,
    });
    expect((await settled(gamma.clinic.id)).history[0]).toMatchObject({ state: 'done' });
  }, 60_000);

  it('during a freeze a portal write answers CONFLICT with the upgrade message and changes nothing', async () => {
    const owner = new pg.Client({ connectionString: kit.database.ownerUrl });
    await owner.connect();
    try {
      await owner.query("SELECT set_config('app.current_tenant', $1, false)", [gamma.clinic.id]);
      const tables = await listTenantTables(owner, 'public');
      await freezeRows(owner, 'public', tables, gamma.clinic.id);
      try {
        const before = await kit.as(gamma, gamma.staff).service.list();
        const answer = await kit.http(
          gamma.slug,
          'service.create',
          SERVICE_OF_B(gamma.ids.therapist),
          { token: gamma.staff.token },
        );
        expect(answer.status).toBe(409);
        expect(answer.body.error?.json).toMatchObject({
          message: 'This clinic is being upgraded; try again in a minute.',
          data: { code: 'CONFLICT', reason: 'CLINIC_FROZEN' },
        });
        expect(await kit.as(gamma, gamma.staff).service.list()).toEqual(before);
        // Another clinic writes on.
        await kit.as(other, other.staff).service.create(SERVICE_OF_B(other.ids.therapist));
      } finally {
        await unfreezeRows(owner, 'public', tables, gamma.clinic.id);
      }
    } finally {
      await owner.end();
    }
  });

  it('refuses to move a suspended clinic, with the reason', async () => {
    await asOperator().admin.clinic.suspend({ id: other.clinic.id, reason: REASON });
    await expect(
      asOperator().admin.move.start({ clinicId: other.clinic.id, to: 'schema', reason: REASON }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('suspended') });
    expect((await asOperator().admin.move.status({ clinicId: other.clinic.id })).history).toEqual(
      [],
    );
  });
});
