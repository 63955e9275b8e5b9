import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../../testing/api-test-kit';
import { maskEmail } from './grant-view';
import { adminAccessRouter } from './router';
import { readUnderGrant } from './grant';

const REASON = 'Ticket 4711: client says her booking vanished';

describe('break-glass access to a clinic’s data', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let gamma: TestClinic;
  let operator: { id: string; email: string };
  let token: string;
  let otherToken: string;

  const asOperator = () => kit.console({ token });
  const platformEntries = (slug: string) =>
    kit.services.tenants.withClinic(slug, (db) =>
      db.auditLog.findMany({
        where: { actorType: 'platform' },
        orderBy: { seq: 'asc' },
        select: { action: true, actorId: true, reason: true, entityType: true, metadata: true },
      }),
    );
  async function asOwnerRole(sql: string, params: unknown[]) {
    const owner = new pg.Client({ connectionString: kit.database.ownerUrl });
    await owner.connect();
    try {
      return await owner.query(sql, params);
    } finally {
      await owner.end();
    }
  }

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    gamma = await kit.addClinic('gamma', 'schema');
    operator = await kit.addOperator('admin@eventora.test');
    await kit.addOperator('second@eventora.test');
    token = await kit.operatorToken('admin@eventora.test');
    otherToken = await kit.operatorToken('second@eventora.test');
  });
  afterEach(() => kit.setNow(new Date()));
  afterAll(() => kit?.close());

  it('opens read-only access for a reason and at most an hour, audited on both sides', async () => {
    await expect(
      asOperator().admin.access.open({ clinicId: alpha.clinic.id, reason: 'look', minutes: 30 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      asOperator().admin.access.open({ clinicId: alpha.clinic.id, reason: REASON, minutes: 61 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      kit.console().admin.access.open({ clinicId: alpha.clinic.id, reason: REASON, minutes: 30 }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const before = Date.now();
    const grant = await asOperator().admin.access.open({
      clinicId: alpha.clinic.id,
      reason: REASON,
      minutes: 30,
    });
    expect(grant).toMatchObject({
      clinic: { id: alpha.clinic.id, slug: 'alpha' },
      operator: { id: operator.id, email: 'admin@eventora.test' },
      readOnly: true,
      state: 'active',
      reason: REASON,
    });
    expect(grant.expiresAt.getTime() - before).toBeGreaterThan(29 * 60_000);
    expect(grant.expiresAt.getTime() - before).toBeLessThanOrEqual(30 * 60_000 + 5_000);

    const platformAudit = await asOperator().admin.audit.list({ clinicId: alpha.clinic.id });
    expect(platformAudit.items[0]).toMatchObject({ action: 'clinic.access_open', reason: REASON });
    expect((await platformEntries('alpha')).at(-1)).toMatchObject({
      action: 'platform.access_opened',
      actorId: operator.id,
      reason: REASON,
      metadata: { grantId: grant.id, expiresAt: grant.expiresAt.toISOString() },
    });

    const listed = await asOperator().admin.access.list({ clinicId: alpha.clinic.id });
    expect(listed.items.map((item) => item.id)).toContain(grant.id);
  });

  it('every read under a grant is written to the clinic’s own audit log, with who and why', async () => {
    const grant = await asOperator().admin.access.open({
      clinicId: alpha.clinic.id,
      reason: REASON,
      minutes: 15,
    });
    const entriesBefore = (await platformEntries('alpha')).length;

    const reservations = await asOperator().admin.access.reservations({ grantId: grant.id });
    expect(reservations.items).toEqual([
      expect.objectContaining({
        id: alpha.ids.reservation,
        clientId: alpha.ids.client,
        therapistName: 'Therapist of alpha',
        branchName: 'alpha downtown',
        status: 'booked',
      }),
    ]);
    // Minimum necessary: no notes, no contact details.
    expect(Object.keys(reservations.items[0]!)).not.toContain('notes');

    const people = await asOperator().admin.access.clients({ grantId: grant.id });
    const client = people.items.find((person) => person.id === alpha.ids.client)!;
    expect(client).toEqual(
      expect.objectContaining({
        name: 'Client of alpha',
        emailHint: 'c••••@alpha.test',
        role: 'CLIENT',
      }),
    );
    expect(Object.keys(client)).not.toContain('email');
    expect(Object.keys(client)).not.toContain('phone');

    const entries = (await platformEntries('alpha')).slice(entriesBefore);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'platform.access', actorId: operator.id, reason: REASON }),
      expect.objectContaining({
        action: 'platform.operation',
        entityType: 'Reservation',
        metadata: { operation: 'findMany' },
      }),
      expect.objectContaining({ action: 'platform.access', reason: REASON }),
      expect.objectContaining({
        action: 'platform.operation',
        entityType: 'User',
        metadata: { operation: 'findMany' },
      }),
    ]);

    // The clinic's owner sees it through the portal's own audit log.
    const ownersView = await kit
      .as(alpha, alpha.owner)
      .audit.list({ action: 'platform.operation' });
    expect(ownersView.items.length).toBeGreaterThanOrEqual(2);
    expect(ownersView.items[0]).toMatchObject({
      actorType: 'platform',
      actorId: operator.id,
      reason: REASON,
    });
  });

  it('reads a clinic in its own schema the same way, audited in that schema', async () => {
    const grant = await asOperator().admin.access.open({
      clinicId: gamma.clinic.id,
      reason: REASON,
      minutes: 5,
    });
    const { items } = await asOperator().admin.access.reservations({ grantId: grant.id });
    expect(items.map((item) => item.id)).toEqual([gamma.ids.reservation]);
    expect((await platformEntries('gamma')).map((entry) => entry.action)).toEqual([
      'platform.access_opened',
      'platform.access',
      'platform.operation',
    ]);
  });

  it('refuses a closed grant, and closing writes the close to both audit logs', async () => {
    const grant = await asOperator().admin.access.open({
      clinicId: alpha.clinic.id,
      reason: REASON,
      minutes: 30,
    });
    const closed = await asOperator().admin.access.close({ grantId: grant.id });
    expect(closed).toMatchObject({ state: 'closed' });
    expect(closed.closedAt).toBeInstanceOf(Date);

    const entriesBefore = (await platformEntries('alpha')).length;
    await expect(
      asOperator().admin.access.reservations({ grantId: grant.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asOperator().admin.access.clients({ grantId: grant.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Refused before the clinic was touched: nothing read, nothing more written there.
    expect((await platformEntries('alpha')).length).toBe(entriesBefore);
    expect((await platformEntries('alpha')).at(-1)).toMatchObject({
      action: 'platform.access_closed',
      metadata: { grantId: grant.id },
    });
    const list = await asOperator().admin.access.list({ clinicId: alpha.clinic.id });
    expect(list.items.map((item) => item.id)).not.toContain(grant.id);
    expect(
      (await asOperator().admin.audit.list({ clinicId: alpha.clinic.id })).items[0],
    ).toMatchObject({
      action: 'clinic.access_close',
    });
  });

  it('access ends by itself at its expiry', async () => {
    const grant = await asOperator().admin.access.open({
      clinicId: alpha.clinic.id,
      reason: REASON,
      minutes: 10,
    });
    kit.setNow(new Date(Date.now() + 10 * 60_000 + 1_000));
    await expect(
      asOperator().admin.access.reservations({ grantId: grant.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/expired/) });
    expect(await asOperator().admin.access.byId({ grantId: grant.id })).toMatchObject({
      state: 'expired',
    });
    const active = await asOperator().admin.access.list({ clinicId: alpha.clinic.id });
    expect(active.items.map((item) => item.id)).not.toContain(grant.id);
    kit.setNow(new Date());

    // Whatever the API's clock says, a grant whose expiry is past is refused by the tenancy
    // layer too (asPlatform checks the real time before every operation).
    await asOwnerRole(
      `UPDATE platform_access_grants SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' WHERE id = $1`,
      [grant.id],
    );
    await expect(
      asOperator().admin.access.reservations({ grantId: grant.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('writes are impossible under a grant, and the API offers none', async () => {
    const grant = await asOperator().admin.access.open({
      clinicId: alpha.clinic.id,
      reason: REASON,
      minutes: 5,
    });
    const actor = {
      services: kit.services,
      operator: { id: operator.id },
      request: { ip: '198.51.100.9' },
    };
    await expect(
      readUnderGrant(actor, grant.id, (db) =>
        db.reservation.update({
          where: { clinicId_id: { clinicId: alpha.clinic.id, id: alpha.ids.reservation } },
          data: { status: 'cancelled' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'PLATFORM_ACCESS_DENIED' });
    await expect(
      readUnderGrant(actor, grant.id, (db) => db.$executeRaw`DELETE FROM reservations`),
    ).rejects.toMatchObject({ code: 'PLATFORM_ACCESS_DENIED' });
    await expect(
      readUnderGrant(actor, grant.id, (db) => db.$queryRaw`SELECT email FROM users`),
    ).rejects.toMatchObject({ code: 'PLATFORM_ACCESS_DENIED' });
    const still = await kit.services.tenants.withClinic('alpha', (db) =>
      db.reservation.findFirst({ where: { id: alpha.ids.reservation }, select: { status: true } }),
    );
    expect(still).toEqual({ status: 'booked' });

    // No procedure under admin.access changes clinic data.
    expect(Object.keys(adminAccessRouter).sort()).toEqual([
      'byId',
      'clients',
      'close',
      'list',
      'open',
      'reservations',
    ]);
    // The console's database role cannot stretch or erase a grant either.
    const platform = new pg.Client({ connectionString: kit.database.platformUrl });
    await platform.connect();
    try {
      await expect(
        platform.query(
          `UPDATE platform_access_grants SET expires_at = expires_at + interval '1 day'`,
        ),
      ).rejects.toThrow(/permission denied/);
      await expect(platform.query('DELETE FROM platform_access_grants')).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await platform.end();
    }
  });

  it('a grant is personal: another operator cannot use or close it', async () => {
    const grant = await asOperator().admin.access.open({
      clinicId: alpha.clinic.id,
      reason: REASON,
      minutes: 5,
    });
    const other = kit.console({ token: otherToken });
    await expect(other.admin.access.reservations({ grantId: grant.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(other.admin.access.close({ grantId: grant.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const seenByOther = await other.admin.access.list({ clinicId: alpha.clinic.id });
    expect(seenByOther.items.find((item) => item.id === grant.id)).toMatchObject({ mine: false });
  });

  it('a suspended clinic cannot be opened, and a clinic session cannot open anything', async () => {
    const beta = await kit.addClinic('beta');
    await asOperator().admin.clinic.suspend({
      id: beta.clinic.id,
      reason: 'Closed for the test run',
    });
    await expect(
      asOperator().admin.access.open({ clinicId: beta.clinic.id, reason: REASON, minutes: 5 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      kit.console({ cookieHeader: `eventora_session=${alpha.owner.token}` }).admin.access.list({}),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('masks emails to a hint', () => {
    expect(maskEmail('maria.lopez@example.com')).toBe('m••••@example.com');
    expect(maskEmail('broken')).toBe('••••');
  });
});
