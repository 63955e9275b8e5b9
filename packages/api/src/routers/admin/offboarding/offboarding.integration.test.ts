import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeClinic } from '@eventora/tenancy/offboarding';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createApiTestKit,
  TEST_PASSWORD,
  type ApiTestKit,
  type TestClinic,
} from '../../../testing/api-test-kit';

const KEY = 'a console test signing key, long enough to be a secret';
const REASON = 'The owner renewed the contract (ticket 1204)';
const DAY = 86_400_000;

describe('a clinic’s offboarding in the console', () => {
  let kit: ApiTestKit;
  let closing: TestClinic;
  let other: TestClinic;
  let operatorToken: string;
  let operatorId: string;
  let dir: string;
  // Closed ten days and an hour ago (sessions live in real time: the clock is not moved).
  const closedAt = new Date(Date.now() - 10 * DAY - 3_600_000);

  const asOperator = () => kit.console({ token: operatorToken });

  beforeAll(async () => {
    kit = await createApiTestKit();
    closing = await kit.addClinic('closingclinic');
    other = await kit.addClinic('stayingclinic');
    ({ id: operatorId } = await kit.addOperator('offboarder@eventora.test'));
    operatorToken = await kit.operatorToken('offboarder@eventora.test');
    dir = await mkdtemp(path.join(tmpdir(), 'eventora-console-offboarding-'));
    await closeClinic(
      closing.slug,
      { exportDir: dir, graceDays: 30 },
      { ownerUrl: kit.database.ownerUrl, signingKey: KEY, now: () => closedAt },
    );
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the closing date, the purge date and the days left of the grace period', async () => {
    const status = await asOperator().admin.offboarding.status({ clinicId: closing.clinic.id });
    expect(status).toMatchObject({
      state: 'closed',
      closedAt,
      purgeAfter: new Date(closedAt.getTime() + 30 * DAY),
      daysLeft: 20,
      cancellable: true,
      reopenedAt: null,
    });
    expect(status!.finalExport!.rows).toBeGreaterThan(4);
    expect(await asOperator().admin.offboarding.status({ clinicId: other.clinic.id })).toBeNull();
  });

  it('refuses clinic sessions and anonymous callers, and a clinic that is not closing', async () => {
    await expect(
      kit.console({ token: other.owner.token }).admin.offboarding.status({
        clinicId: closing.clinic.id,
      }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      kit.console().admin.offboarding.cancel({ clinicId: closing.clinic.id, reason: REASON }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      asOperator().admin.offboarding.cancel({ clinicId: other.clinic.id, reason: REASON }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      asOperator().admin.offboarding.cancel({ clinicId: closing.clinic.id, reason: 'no' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('cancels during the grace period: the clinic is active again, and the platform log names the operator and the reason', async () => {
    const cancelled = await asOperator().admin.offboarding.cancel({
      clinicId: closing.clinic.id,
      reason: REASON,
    });
    expect(cancelled).toMatchObject({ state: 'reopened', cancellable: false });
    expect(await asOperator().admin.clinic.byId({ id: closing.clinic.id })).toMatchObject({
      status: 'active',
    });
    // Its people sign in again.
    expect(
      await kit.caller(closing.slug).auth.signIn({
        email: closing.client.email,
        password: TEST_PASSWORD,
        bearer: true,
      }),
    ).toMatchObject({ token: expect.any(String) });
    const client = new pg.Client({ connectionString: kit.database.adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT operator_id, reason FROM platform_audit_logs WHERE action = 'clinic.reopened' AND target_clinic_id = $1",
        [closing.clinic.id],
      );
      expect(rows).toEqual([{ operator_id: operatorId, reason: REASON }]);
    } finally {
      await client.end();
    }
    await expect(
      asOperator().admin.offboarding.cancel({ clinicId: closing.clinic.id, reason: REASON }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
