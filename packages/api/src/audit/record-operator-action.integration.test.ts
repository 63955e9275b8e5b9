import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlResolver, runWithClinic, TenantRouter } from '@eventora/tenancy';

import { createApiTestKit, type ApiTestKit } from '../testing/api-test-kit';

/*
 * What holds for an operator's change to a clinic in a database of its own: the clinic's entry
 * cannot share a transaction with the registry (another database). It commits in the clinic's
 * database first; the registry's change and the platform log's entry commit after, together.
 * So a failure between the two leaves the clinic's entry (the attempt) and no change, never a
 * change without an entry. docs/security-model.md states exactly this.
 */
describe('operator actions on a database-mode clinic', () => {
  let kit: ApiTestKit;
  let admin: pg.Client;
  let token: string;
  /** A router that can reach same-server clinic databases (the kit's cannot). */
  let router: TenantRouter;

  beforeAll(async () => {
    kit = await createApiTestKit();
    await kit.addOperator('admin@eventora.test');
    token = await kit.operatorToken('admin@eventora.test');
    admin = new pg.Client({ connectionString: kit.database.adminUrl });
    await admin.connect();
    router = new TenantRouter({
      connectionString: kit.database.appUrl,
      resolveDatabaseUrl: databaseUrlResolver(kit.database.appUrl, {}),
    });
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await router?.close();
    await kit?.close();
  });

  it('a registry change that fails after the clinic’s entry leaves the entry (the attempt) and no change', async () => {
    const operator = kit.console({ token });
    const created = await operator.admin.clinic.create({
      slug: 'epsilon',
      name: 'Epsilon Physio',
      mode: 'database',
      ownerEmail: 'founder@epsilon.test',
      ownerName: 'Eps Ilon',
    });
    const entries = async () => {
      const { clinic, db } = await router.resolve('epsilon');
      return runWithClinic(clinic, () =>
        db.auditLog.findMany({
          orderBy: { seq: 'asc' },
          select: { action: true, actorType: true },
        }),
      );
    };
    const platformEntries = async () =>
      (
        await admin.query(
          "SELECT action FROM platform_audit_logs WHERE target_clinic_id = $1 AND action = 'clinic.update'",
          [created.id],
        )
      ).rows;

    await admin.query(`
      CREATE FUNCTION refuse_platform_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'platform log down'; END $$;
      CREATE TRIGGER refuse_platform_entry BEFORE INSERT ON platform_audit_logs FOR EACH ROW
        WHEN (NEW.action = 'clinic.update') EXECUTE FUNCTION refuse_platform_entry();`);
    try {
      const before = await entries();
      await expect(
        operator.admin.clinic.update({ id: created.id, name: 'Renamed Physio' }),
      ).rejects.toBeTruthy();
      const after = await entries();
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.slice(before.length)).toEqual([
        { action: 'platform.clinic_updated', actorType: 'platform' },
      ]);
      const { rows } = await admin.query('SELECT name FROM clinics WHERE id = $1', [created.id]);
      expect(rows[0].name).toBe('Epsilon Physio');
      expect(await platformEntries()).toEqual([]);
    } finally {
      await admin.query(
        'DROP TRIGGER IF EXISTS refuse_platform_entry ON platform_audit_logs; DROP FUNCTION IF EXISTS refuse_platform_entry()',
      );
    }

    // With the platform log back, the change and both entries commit.
    await operator.admin.clinic.update({ id: created.id, name: 'Renamed Physio' });
    expect(
      (await entries()).filter((entry) => entry.action === 'platform.clinic_updated'),
    ).toHaveLength(2);
    expect(await platformEntries()).toEqual([{ action: 'clinic.update' }]);
  });
});
