import { devRoleUrl } from '@eventora/db/dev';
import { dedicatedName } from '@eventora/tenancy';
import { clinicPasswordSecret, serverDatabaseSecret, startMove } from '@eventora/tenancy/moves';
import { startSecondServer, type SecondServer } from '@eventora/tenancy/testing';
import { withClient } from '@eventora/tenancy/with-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { unsubscribeToken } from '../jobs/unsubscribe-token';
import { appRouter } from '../root';
import { moveOptions } from '../routers/admin/move/move-services';
import { createApiTestKit, type ApiTestKit, type TestClinic } from '../testing/api-test-kit';
import {
  attackerUser,
  ISOLATION_CASES,
  tracesOf,
  type Attacker,
  type IsolationCase,
  type IsolationExtras,
  SERVICE_OF_B,
  TIME_OFF_OF_B,
  WAITLIST_OF_B,
  withMadeUpIds,
} from './isolation-cases';
import { clinicFingerprint } from './tenant-fingerprint';

/**
 * The cross-clinic suite, generated from the router: every procedure of the portal's API is
 * called as clinic A with clinic B's ids, with a forged `clinicId` in its input, and with B's
 * slug in the x-clinic header, and must answer NOT_FOUND (or show nothing of B), while B's rows
 * stay exactly as they were. Run for clinics in the shared schema, in schemas of their own, for
 * clinics moved shared → schema → database → shared (sessions and ids kept by the moves), and
 * for clinics moved to databases of their own on a second PostgreSQL server, each reached with
 * its own login role.
 */
const procedures = Object.keys(appRouter._def.procedures as Record<string, unknown>).sort();

type Call = (path: string, input: unknown) => Promise<unknown>;

function procedureCaller(caller: unknown): Call {
  return (path, input) => {
    const fn = path
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
    return (fn as (input: unknown) => Promise<unknown>)(input);
  };
}

async function outcome(
  promise: Promise<unknown>,
): Promise<{ ok: true; value: unknown } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, code: String((error as { code?: unknown }).code ?? 'UNKNOWN') };
  }
}

/** The same input with a forged clinicId added, where the input is an object. */
function withForgedClinic(input: unknown, clinicId: string): unknown {
  return input && typeof input === 'object' && !Array.isArray(input)
    ? { ...input, clinicId }
    : input;
}

describe('every portal procedure names its isolation case', () => {
  it('has a case for each procedure and none for a procedure that does not exist', () => {
    expect(procedures.filter((path) => !(path in ISOLATION_CASES))).toEqual([]);
    expect(Object.keys(ISOLATION_CASES).filter((path) => !procedures.includes(path))).toEqual([]);
  });
});

/**
 * Moves a clinic shared → schema → database → shared with the move engine, as an operator
 * would: its rows, sessions and ids travel; it ends where it started, with the retained copies
 * of its rows in the schema and the database it left.
 */
async function moveRoundTrip(kit: ApiTestKit, clinic: TestClinic): Promise<void> {
  const options = await moveOptions(kit.services);
  const move = { slug: clinic.slug, actor: 'cross-clinic suite', reason: 'a moved clinic' };
  for (const to of ['schema', 'database', 'shared'] as const) {
    const done = await startMove(
      {
        ...move,
        to,
        // A database named after the test database: the harness drops it with the run.
        databaseUrlRef:
          to === 'database' ? `database:${kit.database.name}_${clinic.slug}` : undefined,
      },
      options,
    );
    expect(done).toMatchObject({ state: 'done', step: 'retained', to: { mode: to } });
  }
}

/**
 * Registers `second` as database server "b" and moves the clinic there from the shared schema:
 * its own database and login role on that server, its URL and password in `secrets` (the
 * engine's convention, as a deployment's secret store would hold them).
 */
async function moveToSecondServer(
  kit: ApiTestKit,
  clinic: TestClinic,
  second: SecondServer,
  secrets: Record<string, string | undefined>,
): Promise<void> {
  const role = dedicatedName(clinic.slug, 'database');
  const ref = serverDatabaseSecret(clinic.slug, 'b');
  const password = `${clinic.slug} role password`;
  const host = new URL(second.adminUrl).host;
  Object.assign(secrets, {
    SERVER_B_OWNER: devRoleUrl(second.adminUrl, 'owner', 'postgres'),
    [ref]: `postgresql://${role}_a:${encodeURIComponent(password)}@${host}/${role}`,
    [`${ref}_OWNER`]: devRoleUrl(second.adminUrl, 'owner', role),
    [`${ref}_ADMIN`]: second.adminUrl,
    [clinicPasswordSecret(clinic.slug)]: password,
  });
  await withClient(kit.database.ownerUrl, (owner) =>
    owner.query(
      `INSERT INTO database_servers (name, url_ref, capacity) VALUES ('b', 'SERVER_B_OWNER', 5)
       ON CONFLICT (name) DO NOTHING`,
    ),
  );
  const done = await startMove(
    {
      slug: clinic.slug,
      to: 'database',
      server: 'b',
      actor: 'cross-clinic suite',
      reason: 'a clinic on a second server',
    },
    await moveOptions(kit.services),
  );
  expect(done).toMatchObject({ state: 'done', to: { mode: 'database', databaseUrlRef: ref } });
}

/**
 * Shared and schema as provisioned; `moved`: created shared, then moved round (above);
 * `second server`: created shared, then moved to a database on another server (above).
 */
const MODES = ['shared', 'schema', 'moved', 'second server'] as const;

describe.each(MODES)('clinic A cannot reach clinic B (%s mode)', (mode) => {
  let kit: ApiTestKit;
  let a: TestClinic;
  let b: TestClinic;
  let extras: IsolationExtras;
  let second: SecondServer | undefined;
  const secrets: Record<string, string | undefined> = {};

  beforeAll(async () => {
    kit = await createApiTestKit(secrets);
    if (mode === 'second server') second = await startSecondServer();
    // Slugs become schema names in schema mode (clinic_<slug>): letters only here.
    const slug = mode.replace(/[^a-z]/g, '');
    a = await kit.addClinic(`a${slug}`, mode === 'schema' ? 'schema' : 'shared');
    b = await kit.addClinic(`b${slug}`, mode === 'schema' ? 'schema' : 'shared');
    const checkout = await kit.as(b, b.client).billing.createCheckout({ packageId: b.ids.package });
    const erasure = await kit.as(b, b.client).privacy.requestErasure();
    const notice = await kit.caller(a.slug).privacy.notice();
    const bStaff = kit.as(b, b.staff);
    const service = await bStaff.service.create(SERVICE_OF_B(b.ids.therapist));
    const timeOff = await bStaff.timeOff.create(TIME_OFF_OF_B);
    const waitlist = await kit.as(b, b.client).waitlist.join(WAITLIST_OF_B(b.ids.branch));
    extras = {
      checkoutOfB: checkout.sessionId,
      erasureRequestOfB: erasure.id,
      noticeVersionOfA: notice.version,
      serviceOfB: service.id,
      timeOffOfB: timeOff.timeOff.id,
      unsubscribeTokenOfB: unsubscribeToken(kit.services.mailLinkSecret!, b.clinic.id, b.client.id),
      waitlistEntryOfB: waitlist.id,
    };
    // Both clinics, with everything above in their rows, go round the three places and back.
    if (mode === 'moved') for (const clinic of [a, b]) await moveRoundTrip(kit, clinic);
    if (second) for (const clinic of [a, b]) await moveToSecondServer(kit, clinic, second, secrets);
  }, 180_000);
  afterAll(async () => {
    await kit?.close();
    await second?.stop();
  });

  // B's rows where they live: on the second server, in its own database (read as superuser).
  const fingerprintB = () => {
    if (!second) return clinicFingerprint(kit.database.adminUrl, b.clinic.id, b.clinic.schema);
    const there = new URL(second.adminUrl);
    there.pathname = `/${dedicatedName(b.slug, 'database')}`;
    return clinicFingerprint(there.href, b.clinic.id, 'public');
  };

  function callerAt(
    slug: string | null,
    as: Attacker,
    extra: { clinicHeader?: string; bearer?: boolean } = {},
  ): Call {
    if (as === 'anonymous')
      return procedureCaller(kit.caller(slug, { clinicHeader: extra.clinicHeader ?? null }));
    const user = attackerUser(a, as);
    return procedureCaller(
      extra.bearer
        ? kit.caller(slug, {
            authorizationHeader: `Bearer ${user.token}`,
            clinicHeader: extra.clinicHeader ?? null,
          })
        : kit.caller(slug, { token: user.token, clinicHeader: extra.clinicHeader ?? null }),
    );
  }

  async function expectNothingOfB(
    answer: Awaited<ReturnType<typeof outcome>>,
    path: string,
    kase: IsolationCase,
  ) {
    if (answer.ok) {
      const text = JSON.stringify(answer.value ?? null);
      const traces = tracesOf(b, { emails: kase.kind !== 'credentials' });
      expect(
        traces.filter((trace) => text.includes(trace)),
        `${path} answered with B's data`,
      ).toEqual([]);
    }
  }

  async function attack(path: string, kase: IsolationCase): Promise<void> {
    const before = await fingerprintB();
    const as: Attacker = kase.kind === 'credentials' ? 'anonymous' : kase.as;
    const input =
      kase.kind === 'own-scope'
        ? kase.input(a, b, extras)
        : kase.kind === 'foreign-id'
          ? kase.input(b, a, extras)
          : kase.input(b, extras);

    const direct = await outcome(callerAt(a.slug, as)(path, input));
    if (kase.kind === 'foreign-id') {
      expect(direct, `${path} with B's ids`).toEqual({ ok: false, code: 'NOT_FOUND' });
      // Issue 11, item 11: made-up ids answer the very same code (billing's answered 500).
      const madeUp = await outcome(callerAt(a.slug, as)(path, withMadeUpIds(input, b, extras)));
      expect(madeUp, `${path} with made-up ids`).toEqual({ ok: false, code: 'NOT_FOUND' });
    } else if (kase.kind === 'own-scope') {
      expect(
        direct.ok,
        `${path} in A's own scope should work (${direct.ok ? '' : direct.code})`,
      ).toBe(true);
      await expectNothingOfB(direct, path, kase);
    } else if (kase.expect === 'accepted-without-effect') {
      // Exactly a success, not merely "not B's data".
      expect(direct.ok, `${path} with B's credentials is accepted without effect`).toBe(true);
      await expectNothingOfB(direct, path, kase);
    } else {
      expect(direct, `${path} with B's credentials`).toEqual({ ok: false, code: kase.expect });
    }

    // A forged clinicId in the input is ignored: it never picks the clinic.
    const forged = await outcome(callerAt(a.slug, as)(path, withForgedClinic(input, b.clinic.id)));
    if (kase.kind === 'foreign-id')
      expect(forged, `${path} with a forged clinicId`).toEqual({ ok: false, code: 'NOT_FOUND' });
    await expectNothingOfB(forged, path, kase);

    // B's slug in the x-clinic header: refused at A's address; at a neutral address, A's
    // session is unknown at B.
    const viaHeader = await outcome(callerAt(a.slug, as, { clinicHeader: b.slug })(path, input));
    expect(viaHeader, `${path} with x-clinic: B at A's address`).toEqual({
      ok: false,
      code: 'BAD_REQUEST',
    });
    if (as !== 'anonymous') {
      const bearerAtB = await outcome(
        callerAt(null, as, { clinicHeader: b.slug, bearer: true })(path, input),
      );
      expect(bearerAtB, `${path} with A's bearer token sent to B`).toEqual({
        ok: false,
        code: 'UNAUTHORIZED',
      });
    }

    expect(await fingerprintB(), `${path} changed B's rows`).toEqual(before);
  }

  // Sign-out ends the attacker's sessions; it runs last so the other cases keep theirs.
  const ordered = [...procedures].sort(
    (x, y) => Number(x === 'auth.signOut') - Number(y === 'auth.signOut'),
  );
  it.each(ordered.filter((path) => path in ISOLATION_CASES))('%s', async (path) => {
    await attack(path, ISOLATION_CASES[path]!);
  });
});
