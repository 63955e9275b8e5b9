import { expect, test } from '@playwright/test';
import { appRouter } from '@eventora/api';
import {
  attackerUser,
  ISOLATION_CASES,
  SERVICE_OF_B,
  TIME_OFF_OF_B,
  WAITLIST_OF_B,
  tracesOf,
  type Attacker,
  type IsolationCase,
  type IsolationExtras,
  type IsolationTarget,
  withMadeUpIds,
} from '@eventora/api/isolation';
import { clinicFingerprint } from '@eventora/api/isolation-fingerprint';
import { unsubscribeToken } from '@eventora/api/jobs';

import { DEMO_PASSWORD, demoTarget } from '../../src/demo-targets';
import { TrpcHttp, type TrpcAnswer } from '../../src/portal-api';
import { MAIL_LINK_SECRET_FOR_E2E, runEnv } from '../../src/run-env';

/**
 * Every procedure of the portal, over HTTP against the production build, as clinic A's users
 * would call it to reach clinic B: with B's ids, with a forged clinicId in the input, with B's
 * slug in x-clinic. Answers must be NOT_FOUND / BAD_REQUEST / UNAUTHORIZED (or show nothing of
 * B) and B's rows must be exactly as before. The same cases drive the in-process suite in
 * packages/api; this one adds the real HTTP stack, cookies and the production build.
 */
const types = Object.fromEntries(
  Object.entries(
    appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
  ).map(([path, procedure]) => [path, procedure._def.type]),
);

const PAIRS = [
  { a: 'alpha', b: 'beta', label: 'shared → shared' },
  { a: 'alpha', b: 'gamma', label: 'shared → own schema' },
  { a: 'gamma', b: 'beta', label: 'own schema → shared' },
] as const;

for (const pair of PAIRS) {
  test.describe(`${pair.a} cannot reach ${pair.b} (${pair.label})`, () => {
    test.describe.configure({ mode: 'serial' });

    let a: Awaited<ReturnType<typeof demoTarget>>;
    let b: Awaited<ReturnType<typeof demoTarget>>;
    let tokens: Record<Exclude<Attacker, 'anonymous'>, string>;
    let extras: IsolationExtras;
    const http: { at: Record<string, TrpcHttp> } = { at: {} };

    test.beforeAll(async () => {
      a = await demoTarget(pair.a);
      b = await demoTarget(pair.b);
      for (const slug of [pair.a, pair.b, null]) http.at[slug ?? ''] = await TrpcHttp.portal(slug);
      const signIn = async (slug: string, email: string) => {
        const answer = await http.at[slug]!.mutation<{ token: string }>('auth.signIn', {
          bearer: true,
          email,
          password: DEMO_PASSWORD,
        });
        expect(answer.status, `sign-in of ${email}`).toBe(200);
        return answer.data!.token;
      };
      tokens = {
        owner: await signIn(pair.a, a.owner.email),
        staff: await signIn(pair.a, a.staff.email),
        client: await signIn(pair.a, a.client.email),
      };
      const bClient = await signIn(pair.b, b.client.email);
      const checkout = await http.at[pair.b]!.mutation<{ sessionId: string }>(
        'billing.createCheckout',
        { packageId: b.ids.package },
        { cookie: `eventora_session=${bClient}` },
      );
      expect(checkout.status, `B's checkout: ${checkout.error?.message}`).toBe(200);
      const erasure = await http.at[pair.b]!.mutation<{ id: string }>(
        'privacy.requestErasure',
        undefined,
        { cookie: `eventora_session=${bClient}` },
      );
      expect(erasure.status, `B's erasure request: ${erasure.error?.message}`).toBe(200);
      const notice = await http.at[pair.a]!.query<{ version: number }>('privacy.notice', undefined);
      expect(notice.status, `A's privacy notice: ${notice.error?.message}`).toBe(200);
      const bStaff = { cookie: `eventora_session=${await signIn(pair.b, b.staff.email)}` };
      const service = await http.at[pair.b]!.mutation<{ id: string }>(
        'service.create',
        SERVICE_OF_B(b.ids.therapist),
        bStaff,
      );
      const timeOff = await http.at[pair.b]!.mutation<{ timeOff: { id: string } }>(
        'timeOff.create',
        TIME_OFF_OF_B,
        bStaff,
      );
      expect([service.status, timeOff.status], "B's service and time off").toEqual([200, 200]);
      // B's client waits for a day at B's branch (a rerun finds the entry already there).
      await http.at[pair.b]!.mutation('waitlist.join', WAITLIST_OF_B(b.ids.branch), {
        cookie: `eventora_session=${bClient}`,
      });
      const waiting = await http.at[pair.b]!.query<{ items: { id: string; day: string }[] }>(
        'waitlist.mine',
        undefined,
        { cookie: `eventora_session=${bClient}` },
      );
      const waitlistEntryOfB = waiting.data?.items.find(
        (entry) => entry.day === WAITLIST_OF_B(b.ids.branch).day,
      )?.id;
      expect(waitlistEntryOfB, `B's waitlist entry: ${waiting.error?.message}`).toBeTruthy();
      extras = {
        checkoutOfB: checkout.data!.sessionId,
        erasureRequestOfB: erasure.data!.id,
        noticeVersionOfA: notice.data!.version,
        serviceOfB: service.data!.id,
        timeOffOfB: timeOff.data!.timeOff.id,
        unsubscribeTokenOfB: unsubscribeToken(MAIL_LINK_SECRET_FOR_E2E, b.clinic.id, b.client.id),
        waitlistEntryOfB: waitlistEntryOfB!,
      };
    });

    test.afterAll(async () => {
      await Promise.all(Object.values(http.at).map((client) => client.dispose()));
    });

    const fingerprintB = () => clinicFingerprint(runEnv('adminUrl'), b.clinic.id, b.schema);

    async function call(
      at: string | null,
      path: string,
      input: unknown,
      as: Attacker,
      extra: { clinicHeader?: string; bearer?: boolean } = {},
    ): Promise<TrpcAnswer> {
      const headers: Record<string, string> = {};
      if (as !== 'anonymous') {
        const token = tokens[as];
        if (extra.bearer) headers.authorization = `Bearer ${token}`;
        else headers.cookie = `eventora_session=${token}`;
      }
      if (extra.clinicHeader) headers['x-clinic'] = extra.clinicHeader;
      const client = http.at[at ?? '']!;
      return types[path] === 'query'
        ? client.query(path, input, headers)
        : client.mutation(path, input, headers);
    }

    function expectNothingOfB(answer: TrpcAnswer, path: string, kase: IsolationCase) {
      if (answer.status !== 200) return;
      const text = JSON.stringify(answer.data ?? null);
      const traces = tracesOf(b as IsolationTarget, { emails: kase.kind !== 'credentials' });
      expect(
        traces.filter((trace) => text.includes(trace)),
        `${path} answered with B's data`,
      ).toEqual([]);
    }

    const paths = Object.keys(ISOLATION_CASES)
      .filter((path) => path !== 'auth.signOut')
      .sort();

    for (const path of [...paths, 'auth.signOut']) {
      test(path, async () => {
        const kase = ISOLATION_CASES[path]!;
        const before = await fingerprintB();
        const as: Attacker = kase.kind === 'credentials' ? 'anonymous' : kase.as;
        const input =
          kase.kind === 'own-scope'
            ? kase.input(a, b, extras)
            : kase.kind === 'foreign-id'
              ? kase.input(b, a, extras)
              : kase.input(b, extras);
        const attacker = as === 'anonymous' ? null : attackerUser(a, as);

        const direct = await call(pair.a, path, input, as);
        if (kase.kind === 'foreign-id') {
          expect([direct.status, direct.error?.code], `${path} with B's ids`).toEqual([
            404,
            'NOT_FOUND',
          ]);
          // Issue 11, item 11: made-up ids answer the very same code (billing's answered 500).
          const madeUp = await call(pair.a, path, withMadeUpIds(input, b, extras), as);
          expect([madeUp.status, madeUp.error?.code], `${path} with made-up ids`).toEqual([
            404,
            'NOT_FOUND',
          ]);
        } else if (kase.kind === 'own-scope') {
          expect(
            direct.status,
            `${path} as ${attacker?.email ?? 'anonymous'}: ${direct.error?.message}`,
          ).toBe(200);
        } else if (kase.expect === 'accepted-without-effect') {
          expect(direct.status, `${path} with B's credentials is accepted without effect`).toBe(
            200,
          );
        } else {
          expect(direct.error?.code, `${path} with B's credentials`).toBe(kase.expect);
        }
        expectNothingOfB(direct, path, kase);

        const forgedInput =
          input && typeof input === 'object' ? { ...input, clinicId: b.clinic.id } : input;
        const forged = await call(pair.a, path, forgedInput, as);
        if (kase.kind === 'foreign-id')
          expect(forged.error?.code, `${path} with a forged clinicId`).toBe('NOT_FOUND');
        expectNothingOfB(forged, path, kase);

        const viaHeader = await call(pair.a, path, input, as, { clinicHeader: pair.b });
        expect(
          viaHeader.error?.code,
          `${path} with x-clinic: ${pair.b} at ${pair.a}'s address`,
        ).toBe('BAD_REQUEST');
        if (as !== 'anonymous') {
          const bearerAtB = await call(null, path, input, as, {
            clinicHeader: pair.b,
            bearer: true,
          });
          expect(
            bearerAtB.error?.code,
            `${path} with ${pair.a}'s bearer token sent to ${pair.b}`,
          ).toBe('UNAUTHORIZED');
        }

        expect(await fingerprintB(), `${path} changed ${pair.b}'s rows`).toEqual(before);
      });
    }
  });
}
