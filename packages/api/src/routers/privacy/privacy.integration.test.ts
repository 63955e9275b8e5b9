import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { verifyAuditChain } from '../../audit/verify-audit-chain';
import { ERASED_NAME } from '../../privacy/erase-person';
import {
  createApiTestKit,
  TEST_PASSWORD,
  type ApiTestKit,
  type TestClinic,
} from '../../testing/api-test-kit';
import { runWithClinic } from '@eventora/tenancy';

let kit: ApiTestKit;
let alpha: TestClinic;
let beta: TestClinic;

beforeAll(async () => {
  kit = await createApiTestKit();
  alpha = await kit.addClinic('alpha');
  beta = await kit.addClinic('beta');
}, 120_000);
afterAll(() => kit?.close());

const newClient = (email: string, acceptedNoticeVersion?: number) =>
  kit.caller('alpha').auth.signUp({
    email,
    name: 'New Client',
    password: TEST_PASSWORD,
    // The session token comes back only to a bearer client (issue 11, item 9).
    bearer: true,
    ...(acceptedNoticeVersion === undefined ? {} : { acceptedNoticeVersion }),
  } as Parameters<ReturnType<ApiTestKit['caller']>['auth']['signUp']>[0]);

/** Every text-like value of every column of every table, as the superuser sees it. */
async function everyText(schema = 'public'): Promise<string> {
  const client = new pg.Client({ connectionString: kit.database.adminUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
      [schema],
    );
    const texts: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await client.query<{ row: string }>(
        `SELECT t::text AS row FROM ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table_name)} t`,
      );
      texts.push(...rows.map((row) => row.row));
    }
    return texts.join('\n');
  } finally {
    await client.end();
  }
}

describe('privacy notice and consent', () => {
  it('a clinic without its own notice shows the default text with its name, as version 1', async () => {
    const notice = await kit.caller('beta').privacy.notice();
    expect(notice.version).toBe(1);
    expect(notice.body).toContain('beta');
    expect(notice.retentionMonths).toBe(60);
  });

  it('sign-up without accepting the notice is refused, and no account is created', async () => {
    await expect(newClient('no-consent@alpha.test')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(newClient('stale@alpha.test', 7)).rejects.toMatchObject({ code: 'CONFLICT' });
    const users = await runWithClinic(alpha.clinic, () =>
      alpha.db.user.count({
        where: { email: { in: ['no-consent@alpha.test', 'stale@alpha.test'] } },
      }),
    );
    expect(users).toBe(0);
  });

  it('sign-up records the accepted version; a new version is asked for once, at the next sign-in', async () => {
    const { version } = await kit.caller('alpha').privacy.notice();
    const signedUp = await newClient('consent@alpha.test', version);
    const client = kit.caller('alpha', { token: signedUp.token });
    expect(await client.privacy.consentStatus()).toEqual({
      currentVersion: version,
      acceptedVersion: version,
      needsConsent: false,
    });

    const published = await kit.as(alpha, alpha.owner).privacy.publishNotice({
      body: 'Alpha Clinic keeps your data to run your sessions. This is our second notice.',
      retentionMonths: 120,
    });
    expect(published.version).toBe(version + 1);
    await expect(
      client.privacy.publishNotice({ body: 'x'.repeat(60), retentionMonths: 1 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const again = await kit
      .caller('alpha')
      .auth.signIn({ email: 'consent@alpha.test', password: TEST_PASSWORD, bearer: true });
    const next = kit.caller('alpha', { token: again.token });
    expect(await next.privacy.consentStatus()).toMatchObject({ needsConsent: true });
    // Accepting the old text is not accepting the new one.
    await expect(next.privacy.acceptNotice({ version })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await next.privacy.acceptNotice({ version: published.version });
    expect(await next.privacy.consentStatus()).toMatchObject({ needsConsent: false });
    // Once: the following sign-in does not ask again.
    const third = await kit
      .caller('alpha')
      .auth.signIn({ email: 'consent@alpha.test', password: TEST_PASSWORD, bearer: true });
    expect(await kit.caller('alpha', { token: third.token }).privacy.consentStatus()).toMatchObject(
      { needsConsent: false },
    );
  });
});

describe('access, rectification and erasure', () => {
  it('a client’s export holds their data, who viewed their record, and nothing of anyone else', async () => {
    await kit.as(alpha, alpha.staff).client.byId({ id: alpha.client.id });
    const data = await kit.as(alpha, alpha.client).privacy.myData();
    expect(data.profile).toMatchObject({ id: alpha.client.id, email: alpha.client.email });
    expect(data.bookings.length).toBeGreaterThan(0);
    expect(data.purchases.length).toBeGreaterThan(0);
    expect(data.recordViews[0]?.viewer).toEqual({
      name: `STAFF ${alpha.staff.email}`,
      role: 'STAFF',
    });
    const text = JSON.stringify(data);
    for (const foreign of [beta.client.email, beta.client.id, beta.clinic.id, alpha.owner.email]) {
      expect(text).not.toContain(foreign);
    }
  });

  it('a client corrects their name and phone; staff correct a client’s, audited without the values', async () => {
    const client = kit.as(alpha, alpha.client);
    await client.privacy.updateMyDetails({ name: 'Alpha Client', phone: '+52 55 0000 0000' });
    await expect(
      client.privacy.updateMyDetails({ name: 'Alpha Client', phone: 'call me maybe' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await client.privacy.myData()).profile).toMatchObject({
      name: 'Alpha Client',
      phone: '+52 55 0000 0000',
    });
    await kit
      .as(alpha, alpha.staff)
      .privacy.rectifyClient({ id: alpha.client.id, name: 'Alpha C. Client', phone: '' });
    await expect(
      kit
        .as(alpha, alpha.client)
        .privacy.rectifyClient({ id: alpha.client.id, name: 'x', phone: '' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const log = await kit.as(alpha, alpha.owner).audit.list({ action: 'privacy.rectified' });
    expect(log.items.map((entry) => entry.actorId)).toEqual([alpha.staff.id, alpha.client.id]);
    const stored = JSON.stringify(log.items.map((entry) => [entry.metadata, entry.reason]));
    expect(stored).not.toContain('Alpha C. Client');
    expect(stored).not.toContain('0000 0000');
  });

  it('erasure: request, staff approval, the person is unidentifiable everywhere, sign-in fails, chain and figures hold', async () => {
    const { version } = await kit.caller('alpha').privacy.notice();
    const signedUp = await newClient('forget-me@alpha.test', version);
    const person = kit.caller('alpha', { token: signedUp.token });
    await person.privacy.updateMyDetails({ name: 'Ana Pérez Quintero', phone: '+52 55 9876 5432' });
    await kit.as(alpha, alpha.staff).client.byId({ id: signedUp.user.id });
    const figures = () =>
      runWithClinic(alpha.clinic, async () => ({
        reservations: await alpha.db.reservation.count(),
        purchases: await alpha.db.userPackage.count(),
        users: await alpha.db.user.count(),
      }));
    const before = await figures();

    const request = await person.privacy.requestErasure();
    expect(await person.privacy.requestErasure()).toEqual(request);
    await expect(kit.as(alpha, alpha.staff).privacy.requestErasure()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      person.privacy.decideErasure({ id: request.id, decision: 'approve' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const queue = await kit.as(alpha, alpha.staff).privacy.erasureRequests({ status: 'pending' });
    expect(queue.map((entry) => entry.id)).toContain(request.id);

    const decided = await kit
      .as(alpha, alpha.staff)
      .privacy.decideErasure({ id: request.id, decision: 'approve' });
    expect(decided.status).toBe('approved');
    expect(decided.answer).toMatch(
      /keeps your bookings and payments without your identity for \d+ months/,
    );
    await expect(
      kit.as(alpha, alpha.staff).privacy.decideErasure({ id: request.id, decision: 'approve' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const text = await everyText();
    for (const trace of ['Ana Pérez Quintero', 'forget-me@alpha.test', '9876 5432']) {
      expect(text, `"${trace}" is still stored`).not.toContain(trace);
    }
    await expect(person.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      kit
        .caller('alpha')
        .auth.signIn({ email: 'forget-me@alpha.test', password: TEST_PASSWORD, bearer: true }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const chain = await runWithClinic(alpha.clinic, () =>
      verifyAuditChain(alpha.db, alpha.clinic.id),
    );
    expect(chain).toMatchObject({ ok: true });
    expect(await figures()).toEqual(before);
    const erased = await runWithClinic(alpha.clinic, () =>
      alpha.db.user.findFirstOrThrow({
        where: { id: signedUp.user.id },
        select: { name: true, erasedAt: true },
      }),
    );
    expect(erased.name).toBe(ERASED_NAME);
    expect(erased.erasedAt).toBeInstanceOf(Date);
  });

  it('a refusal says why and changes nothing about the person', async () => {
    const { version } = await kit.caller('alpha').privacy.notice();
    const signedUp = await newClient('keep-me@alpha.test', version);
    const person = kit.caller('alpha', { token: signedUp.token });
    const request = await person.privacy.requestErasure();
    await expect(
      kit
        .as(alpha, alpha.staff)
        .privacy.decideErasure({ id: request.id, decision: 'refuse', answer: 'no' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await kit.as(alpha, alpha.staff).privacy.decideErasure({
      id: request.id,
      decision: 'refuse',
      answer: 'An open insurance claim requires your record until it closes.',
    });
    const data = await person.privacy.myData();
    expect(data.profile.email).toBe('keep-me@alpha.test');
    expect(data.erasureRequests[0]).toMatchObject({ status: 'refused' });
  });
});
