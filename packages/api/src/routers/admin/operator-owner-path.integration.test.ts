import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformEntryStatement } from '@eventora/tenancy';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';
import { recordOperatorAction } from '../../audit/record-operator-action';

/*
 * Issue 11, item 1: a platform operator could become a live clinic's OWNER with no grant and
 * no trace (retry a live clinic's provisioning, or "create" a clinic whose slug is another
 * clinic's id). Each case below failed on main before the fix (noted per test).
 */

const REASON = 'Contract renewed on 2026-12-01 (ticket 512)';

interface Entry {
  action: string;
  actor_type: string;
  actor_id: string | null;
  reason: string | null;
  metadata: Record<string, unknown>;
}

describe('an operator cannot become a clinic owner, and every action is in the clinic’s own log', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let gamma: TestClinic;
  let operatorId: string;
  let token: string;
  let admin: pg.Client;

  const asOperator = () => kit.console({ token });

  /** The clinic's audit log and users, read as the superuser (nothing is hidden from it). */
  async function stateOf(clinic: TestClinic) {
    const schema = clinic.clinic.schema;
    const entries = await admin.query<Entry>(
      `SELECT action, actor_type::text, actor_id::text, reason, metadata
         FROM ${admin.escapeIdentifier(schema)}.audit_logs WHERE clinic_id = $1 ORDER BY seq`,
      [clinic.clinic.id],
    );
    const users = await admin.query<{ email: string; role: string }>(
      `SELECT email, role::text FROM ${admin.escapeIdentifier(schema)}.users
        WHERE clinic_id = $1 ORDER BY email`,
      [clinic.clinic.id],
    );
    return { entries: entries.rows, users: users.rows };
  }

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    gamma = await kit.addClinic('gamma', 'schema');
    ({ id: operatorId } = await kit.addOperator('admin@eventora.test'));
    token = await kit.operatorToken('admin@eventora.test');
    admin = new pg.Client({ connectionString: kit.database.adminUrl });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await kit?.close();
  });

  // Failed on main: retryProvisioning accepted a ready clinic and created an OWNER for the
  // operator's email, with a set-password link on screen and nothing in the clinic's log.
  it.each(['alpha', 'gamma'])(
    'retrying a live clinic’s provisioning (%s) is refused; users unchanged, only the refusal logged',
    async (slug) => {
      const clinic = slug === 'alpha' ? alpha : gamma;
      const before = await stateOf(clinic);
      await expect(
        asOperator().admin.clinic.retryProvisioning({
          slug,
          ownerEmail: 'mallory@evil.test',
          ownerName: 'Mallory',
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      const after = await stateOf(clinic);
      expect(after.users).toEqual(before.users);
      expect(after.entries.slice(0, before.entries.length)).toEqual(before.entries);
      expect(after.entries.slice(before.entries.length)).toEqual([
        {
          action: 'platform.provisioning_retry_refused',
          actor_type: 'platform',
          actor_id: operatorId,
          reason: null,
          metadata: { refused: true },
        },
      ]);
      expect(kit.mail.filter((message) => message.to === 'mallory@evil.test')).toEqual([]);
    },
  );

  // Failed on main: the slug passed validation and readClinicRecord resolved it as alpha's
  // id, so "creating" the clinic added an OWNER to alpha.
  it("creating a clinic whose slug is another clinic's id is refused and adds nobody there", async () => {
    const before = await stateOf(alpha);
    const attempt = asOperator().admin.clinic.create({
      slug: alpha.clinic.id,
      name: 'Not Alpha',
      mode: 'shared',
      ownerEmail: 'mallory@evil.test',
      ownerName: 'Mallory',
    });
    await expect(attempt).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await stateOf(alpha)).toEqual(before);
    // The registry refuses such a slug too, whoever writes it.
    await expect(
      admin.query(`UPDATE clinics SET slug = $1 WHERE id = $2`, [gamma.clinic.id, alpha.clinic.id]),
    ).rejects.toThrow(/clinics_slug_not_uuid/);
  });

  it("creating a clinic at a live clinic's address is refused and the refusal is in its log", async () => {
    const before = await stateOf(alpha);
    await expect(
      asOperator().admin.clinic.create({
        slug: 'alpha',
        name: 'Alpha Again',
        mode: 'shared',
        ownerEmail: 'mallory@evil.test',
        ownerName: 'Mallory',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const after = await stateOf(alpha);
    expect(after.users).toEqual(before.users);
    expect(after.entries.slice(before.entries.length).map((entry) => entry.action)).toEqual([
      'platform.clinic_create_refused',
    ]);
  });

  // Failed on main: a UUID-shaped host label or x-clinic resolved the clinic by id.
  it('a host label or x-clinic shaped like a clinic id never reaches that clinic', async () => {
    await expect(kit.caller(alpha.clinic.id).portal.clinic()).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      kit.caller(null, { clinicHeader: alpha.clinic.id }).portal.clinic(),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      kit.services.tenants.resolve(alpha.clinic.id, { by: 'slug' }),
    ).rejects.toMatchObject({ code: 'CLINIC_NOT_FOUND' });
  });

  // Failed on main: create wrote nothing to the new clinic's log before the owner existed,
  // invitations were not logged at all, and update wrote only the platform log.
  it('create, update, suspend, reactivate and access are each in the clinic’s own log', async () => {
    const created = await asOperator().admin.clinic.create({
      slug: 'delta',
      name: 'Delta Rehab',
      mode: 'schema',
      ownerEmail: 'founder@delta.test',
      ownerName: 'Dana Delta',
    });
    expect(created.setPasswordLink).toMatch(/^http:\/\/delta\.localhost:3000\/reset-password/);
    await asOperator().admin.clinic.update({ id: created.id, name: 'Delta Rehab Centre' });
    await asOperator().admin.clinic.suspend({ id: created.id, reason: REASON });
    await asOperator().admin.clinic.reactivate({ id: created.id, reason: REASON });
    const grant = await asOperator().admin.access.open({
      clinicId: created.id,
      reason: REASON,
      minutes: 5,
    });
    await asOperator().admin.access.close({ grantId: grant.id });

    const { rows } = await admin.query<Entry>(
      `SELECT action, actor_type::text, actor_id::text, reason, metadata
         FROM clinic_delta.audit_logs ORDER BY seq`,
    );
    expect(rows.map((entry) => [entry.action, entry.actor_type, entry.actor_id])).toEqual([
      ['platform.owner_invited', 'platform', operatorId],
      ['platform.clinic_created', 'platform', operatorId],
      ['platform.clinic_updated', 'platform', operatorId],
      ['platform.clinic_suspended', 'platform', operatorId],
      ['platform.clinic_reactivated', 'platform', operatorId],
      ['platform.access_opened', 'platform', operatorId],
      ['platform.access_closed', 'platform', operatorId],
    ]);
    expect(rows[5]!.metadata).toMatchObject({ grantId: grant.id, readOnly: true });
    // Once it has an owner, no invitation gets in, even by retrying after a failure.
    await admin.query(
      `UPDATE clinics SET onboarding = onboarding || '{"state":"failed"}' WHERE id = $1`,
      [created.id],
    );
    await expect(
      asOperator().admin.clinic.retryProvisioning({
        slug: 'delta',
        ownerEmail: 'mallory@evil.test',
        ownerName: 'Mallory',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const users = await admin.query(`SELECT email FROM clinic_delta.users`);
    expect(users.rows).toEqual([{ email: 'founder@delta.test' }]);
  });

  it('a change that fails leaves no entry: the entry commits with the change or not at all', async () => {
    const before = await stateOf(alpha);
    await expect(
      recordOperatorAction(
        { services: kit.services, operator: { id: operatorId }, request: { ip: null } },
        { id: alpha.clinic.id, mode: 'shared', schemaName: null, databaseUrlRef: null },
        { action: 'platform.clinic_updated', platformAction: 'clinic.update' },
        async (tx) => {
          await tx.clinic.update({ where: { id: alpha.clinic.id }, data: { name: 'Gone' } });
          throw new Error('the change failed after its first write');
        },
      ),
    ).rejects.toThrow('the change failed');
    expect(await stateOf(alpha)).toEqual(before);
    const { rows } = await admin.query(`SELECT name FROM clinics WHERE id = $1`, [alpha.clinic.id]);
    expect(rows[0].name).not.toBe('Gone');
  });

  it('the runtime role cannot call the platform writer functions', async () => {
    const app = new pg.Client({ connectionString: kit.database.appUrl });
    await app.connect();
    try {
      const statement = platformEntryStatement(
        { id: alpha.clinic.id, mode: 'shared', schemaName: null, databaseUrlRef: null },
        { operatorId, action: 'platform.clinic_updated' },
      );
      await expect(app.query(statement.text, statement.values)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await app.end();
    }
  });
});
