import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';

describe('audit procedures', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
  });
  afterAll(() => kit?.close());

  /** A clinic whose log has a few entries besides the sign-ins: branch.create ×3. */
  async function clinicWithHistory(slug: string, mode: 'shared' | 'schema' = 'shared') {
    const clinic = await kit.addClinic(slug, mode);
    for (const name of ['One', 'Two', 'Three']) {
      await kit.as(clinic, clinic.staff).branch.create({ name, timezone: 'UTC' });
    }
    return clinic;
  }

  /**
   * Tampering as the database superuser: the runtime role cannot UPDATE or DELETE audit rows
   * at all (the tenancy schema tests prove it), so only someone with the keys can do this.
   */
  async function tamper(clinic: TestClinic, sql: string, values: unknown[] = []) {
    const superuser = new pg.Client({ connectionString: kit.database.adminUrl });
    await superuser.connect();
    try {
      const table =
        clinic.clinic.schema === 'public'
          ? 'audit_logs'
          : `${superuser.escapeIdentifier(clinic.clinic.schema)}.audit_logs`;
      await superuser.query('BEGIN');
      await superuser.query(sql.replaceAll('audit_logs', table), [clinic.clinic.id, ...values]);
      await superuser.query('COMMIT');
    } finally {
      await superuser.end();
    }
  }

  const verify = (clinic: TestClinic, knownHead?: { seq: string; hash: string }) =>
    kit.as(clinic, clinic.owner).audit.verify({ knownHead });

  it('lists every recorded action newest first, with who did it, from where, and the entry’s hash', async () => {
    const branch = await kit.as(alpha, alpha.staff).branch.create({
      name: 'Audited',
      timezone: 'UTC',
    });
    const { items, nextCursor } = await kit.as(alpha, alpha.owner).audit.list();
    expect(nextCursor).toBeNull();
    expect(items[0]).toEqual({
      id: expect.any(String),
      seq: '5',
      actorType: 'user',
      actorId: alpha.staff.id,
      actorName: 'STAFF staff@alpha.test',
      action: 'branch.create',
      entityType: 'Branch',
      entityId: branch.id,
      ip: '203.0.113.7',
      reason: null,
      metadata: {},
      createdAt: expect.any(Date),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(items.map((entry) => entry.seq)).toEqual(['5', '4', '3', '2', '1']);
    expect(items.slice(1).every((entry) => entry.action === 'auth.sign_in')).toBe(true);
  });

  it('filters by action, actor and date range, and pages with a cursor', async () => {
    const owner = kit.as(alpha, alpha.owner);
    const byAction = await owner.audit.list({ action: 'auth.sign_in' });
    expect(byAction.items).toHaveLength(4);
    const byActor = await owner.audit.list({ actorId: alpha.staff.id });
    expect(byActor.items.map((entry) => entry.action).sort()).toEqual([
      'auth.sign_in',
      'branch.create',
    ]);
    const all = (await owner.audit.list()).items;
    const future = new Date(Date.now() + 86_400_000);
    expect((await owner.audit.list({ from: future })).items).toEqual([]);
    expect(
      (await owner.audit.list({ from: all.at(-1)!.createdAt, to: all[0]!.createdAt })).items,
    ).toEqual(all);

    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.audit.list({ limit: 2, cursor });
      pages.push(...page.items.map((entry) => entry.seq));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual(all.map((entry) => entry.seq));
  });

  it('bad filters are refused with a message per field', async () => {
    const { status, body } = await kit.http(
      'alpha',
      'audit.list',
      {
        from: '2030-02-01T00:00:00Z',
        to: '2030-01-01T00:00:00Z',
        limit: 0,
        cursor: '-1',
        actorId: 'someone',
      },
      { token: alpha.owner.token, query: true },
    );
    expect(status).toBe(400);
    expect(body.error?.json.data.fields.map((f) => f.field).sort()).toEqual([
      'actorId',
      'cursor',
      'limit',
      'to',
    ]);
    const backwards = await kit.http(
      'alpha',
      'audit.list',
      { from: '2030-02-01T00:00:00Z', to: '2030-01-01T00:00:00Z' },
      { token: alpha.owner.token, query: true },
    );
    expect(backwards.body.error?.json.data.fields).toEqual([
      { field: 'to', message: 'Must not be before `from`.' },
    ]);
    await expect(
      kit.as(alpha, alpha.owner).audit.verify({ knownHead: { seq: '1', hash: 'nope' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('only owners read or verify the log: staff, therapists and clients get FORBIDDEN', async () => {
    for (const user of [alpha.staff, alpha.therapistUser, alpha.client]) {
      await expect(kit.as(alpha, user).audit.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(kit.as(alpha, user).audit.verify()).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('verify answers ok with the head of an untouched chain, for shared and schema-mode clinics', async () => {
    const report = await verify(alpha);
    const { items } = await kit.as(alpha, alpha.owner).audit.list({ limit: 1 });
    expect(report).toEqual({
      ok: true,
      entries: Number(items[0]!.seq),
      head: { seq: items[0]!.seq, hash: items[0]!.hash },
    });
    const gamma = await clinicWithHistory('gamma', 'schema');
    const gammaReport = await verify(gamma);
    expect(gammaReport).toMatchObject({ ok: true, entries: 7, head: { seq: '7' } });
    // The head it answered is accepted when handed back.
    const head = gammaReport.ok ? gammaReport.head : null;
    expect(await verify(gamma, head ?? undefined)).toEqual(gammaReport);
  });

  it('an entry edited in the database is reported as edited, at its seq', async () => {
    const clinic = await clinicWithHistory('edited');
    await tamper(
      clinic,
      "UPDATE audit_logs SET action = 'branch.view' WHERE clinic_id = $1 AND seq = 5",
    );
    expect(await verify(clinic)).toMatchObject({ ok: false, brokenSeq: '5', problem: 'edited' });
  });

  it('an entry edited with its hash recomputed is still caught: the next entry points at the old one', async () => {
    const clinic = await clinicWithHistory('rehashed');
    await tamper(
      clinic,
      "UPDATE audit_logs SET ip = '198.51.100.1' WHERE clinic_id = $1 AND seq = 3",
    );
    await tamper(
      clinic,
      'UPDATE audit_logs AS entry SET hash = audit_log_hash(entry) WHERE clinic_id = $1 AND seq = 3',
    );
    expect(await verify(clinic)).toMatchObject({ ok: false, brokenSeq: '3', problem: 'edited' });
  });

  it('a deleted entry is reported missing, at the first seq that is gone', async () => {
    const clinic = await clinicWithHistory('deleted');
    await tamper(clinic, 'DELETE FROM audit_logs WHERE clinic_id = $1 AND seq IN (3, 4)');
    expect(await verify(clinic)).toMatchObject({
      ok: false,
      entries: 5,
      brokenSeq: '3',
      problem: 'missing',
      detail: 'Entries 3 to 4 are missing.',
    });
    const first = await clinicWithHistory('headless');
    await tamper(first, 'DELETE FROM audit_logs WHERE clinic_id = $1 AND seq = 1');
    expect(await verify(first)).toMatchObject({ brokenSeq: '1', problem: 'missing' });
  });

  it('two entries with their seq swapped are reported reordered', async () => {
    const clinic = await clinicWithHistory('swapped');
    await tamper(clinic, 'UPDATE audit_logs SET seq = -4 WHERE clinic_id = $1 AND seq = 4');
    await tamper(clinic, 'UPDATE audit_logs SET seq = 4 WHERE clinic_id = $1 AND seq = 6');
    await tamper(clinic, 'UPDATE audit_logs SET seq = 6 WHERE clinic_id = $1 AND seq = -4');
    expect(await verify(clinic)).toMatchObject({
      ok: false,
      brokenSeq: '4',
      problem: 'reordered',
    });
  });

  it('deleting the newest entries leaves a valid shorter chain, which the head kept from an earlier verify exposes', async () => {
    const clinic = await clinicWithHistory('truncated');
    const before = await verify(clinic);
    if (!before.ok || !before.head) throw new Error('expected an intact chain');
    expect(before.head.seq).toBe('7');

    await tamper(clinic, 'DELETE FROM audit_logs WHERE clinic_id = $1 AND seq >= 6');
    // The chain alone cannot tell: what is left is a valid chain of 5.
    expect(await verify(clinic)).toMatchObject({ ok: true, entries: 5, head: { seq: '5' } });
    expect(await verify(clinic, before.head)).toMatchObject({
      ok: false,
      brokenSeq: '7',
      problem: 'missing',
    });

    // New entries take the deleted seqs again, but not their hashes.
    await kit.as(clinic, clinic.staff).branch.create({ name: 'Four', timezone: 'UTC' });
    await kit.as(clinic, clinic.staff).branch.create({ name: 'Five', timezone: 'UTC' });
    expect(await verify(clinic)).toMatchObject({ ok: true, entries: 7 });
    expect(await verify(clinic, before.head)).toMatchObject({
      ok: false,
      brokenSeq: '7',
      problem: 'edited',
    });
  });

  it('signed in at alpha, nothing of beta’s log is listed, and beta’s tampered chain does not touch alpha’s', async () => {
    const owner = kit.as(alpha, alpha.owner);
    expect((await owner.audit.list({ actorId: beta.owner.id })).items).toEqual([]);
    const alphaIds = new Set((await owner.audit.list({ limit: 100 })).items.map((e) => e.id));
    const betaIds = (await kit.as(beta, beta.owner).audit.list({ limit: 100 })).items.map(
      (e) => e.id,
    );
    expect(betaIds.some((id) => alphaIds.has(id))).toBe(false);

    await tamper(beta, "UPDATE audit_logs SET reason = 'hidden' WHERE clinic_id = $1 AND seq = 2");
    expect(await verify(beta)).toMatchObject({ ok: false, brokenSeq: '2', problem: 'edited' });
    expect(await verify(alpha)).toMatchObject({ ok: true });
    // Beta's head is not alpha's: handing it to alpha's verify proves nothing about beta.
    const betaHead = { seq: '2', hash: 'f'.repeat(64) };
    expect(await verify(alpha, betaHead)).toMatchObject({ ok: false, problem: 'edited' });
  });
});
