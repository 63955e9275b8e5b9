import ICAL from 'ical.js';
import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../testing/api-test-kit';
import { addClient, addSchedule, ALL_WEEK, auditOf, hm } from '../testing/booking-test-setup';
import { serveCalendarFeed } from './serve-calendar-feed';

// Monday 2 November 2026, 09:00 in Mexico City (UTC-6).
const NOW = new Date('2026-11-02T15:00:00Z');
const ZONE = 'America/Mexico_City';
const local = (wall: string) => new Date(`${wall}-06:00`);

interface ParsedEvent {
  uid: string;
  summary: string;
  status: string | null;
  tzid: string | null;
  wallStart: string;
  start: number;
  end: number;
}

/** Reads a feed back with ical.js (Mozilla's parser), its VTIMEZONEs registered first. */
function parseFeed(text: string): { name: string; zones: string[]; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents('vtimezone');
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  return {
    name: String(calendar.getFirstPropertyValue('x-wr-calname')),
    zones: zones.map((zone) => String(zone.getFirstPropertyValue('tzid'))),
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      const dtstart = component.getFirstProperty('dtstart')!;
      return {
        uid: event.uid,
        summary: event.summary,
        status: (component.getFirstPropertyValue('status') as string | null) ?? null,
        tzid: (dtstart.getParameter('tzid') as string | undefined) ?? null,
        wallStart: event.startDate.toString(),
        start: event.startDate.toJSDate().getTime(),
        end: event.endDate.toJSDate().getTime(),
      };
    }),
  };
}

describe('calendar feeds', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;
  let at: { branchId: string; therapistId: string };
  let client: Awaited<ReturnType<typeof addClient>>;
  let other: Awaited<ReturnType<typeof addClient>>;
  const ids: Record<string, string> = {};

  async function reserve(
    clinic: TestClinic,
    where: { therapistId: string; branchId: string },
    clientId: string,
    startsAt: Date,
    status: 'booked' | 'cancelled' | 'completed' = 'booked',
  ) {
    const row = await runWithClinic(clinic.clinic, () =>
      clinic.db.reservation.create({
        data: {
          clinicId: clinic.clinic.id,
          clientId,
          therapistId: where.therapistId,
          branchId: where.branchId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3_600_000),
          status,
          payment: 'desk',
        },
        select: { id: true },
      }),
    );
    return row.id;
  }

  /** GET a feed URL as a calendar app would, with the Host header the URL names (or another). */
  function get(url: string, host = new URL(url).host) {
    return serveCalendarFeed(kit.services, new Request(url, { headers: { host } }));
  }

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
    kit.setNow(NOW);
    at = await addSchedule(alpha, {
      timeZone: ZONE,
      opening: [{ weekdays: ALL_WEEK, from: hm(8), to: hm(20) }],
      shifts: [{ weekdays: ALL_WEEK, from: hm(9), to: hm(17) }],
    });
    await runWithClinic(alpha.clinic, () =>
      alpha.db.therapist.updateMany({
        where: { id: at.therapistId },
        data: { userId: alpha.therapistUser.id, name: 'Ana Ruiz' },
      }),
    );
    client = await addClient(kit, alpha);
    other = await addClient(kit, alpha);
    await runWithClinic(alpha.clinic, () =>
      alpha.db.user.updateMany({ where: { id: other.id }, data: { name: 'Zoe Quintana Mora' } }),
    );
    ids.upcoming = await reserve(alpha, at, client.id, local('2026-11-05T10:00'));
    ids.cancelled = await reserve(alpha, at, client.id, local('2026-11-06T11:00'), 'cancelled');
    ids.lastWeek = await reserve(alpha, at, client.id, local('2026-10-27T12:00'), 'completed');
    ids.longAgo = await reserve(alpha, at, client.id, local('2026-08-03T12:00'), 'completed');
    ids.othersSession = await reserve(alpha, at, other.id, local('2026-11-05T12:00'));
    ids.betaSession = await reserve(
      beta,
      { therapistId: beta.ids.therapist, branchId: beta.ids.branch },
      beta.ids.client,
      local('2026-11-05T10:00'),
    );
  });
  afterAll(() => kit?.close());

  it("serves a client's own sessions at this clinic as valid iCalendar on the branch's clock", async () => {
    const { url } = await kit.as(alpha, client).calendarFeed.create();
    expect(url).toMatch(/^http:\/\/alpha\.localhost:3000\/api\/calendar\/[a-z2-7]{32}\.ics$/);
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    const feed = parseFeed(await response.text());

    expect(feed.zones).toEqual([ZONE]);
    // Recent and future sessions; not the one from August, nobody else's, nothing of beta's.
    expect(feed.events.map((event) => event.uid).sort()).toEqual(
      [ids.upcoming, ids.cancelled, ids.lastWeek].map((id) => `${id}@eventora`).sort(),
    );
    const upcoming = feed.events.find((event) => event.uid === `${ids.upcoming}@eventora`)!;
    expect(upcoming).toMatchObject({
      tzid: ZONE,
      wallStart: '2026-11-05T10:00:00',
      start: local('2026-11-05T10:00').getTime(),
      end: local('2026-11-05T11:00').getTime(),
      summary: 'Session with Ana Ruiz',
      status: 'CONFIRMED',
    });
    const cancelled = feed.events.find((event) => event.uid === `${ids.cancelled}@eventora`)!;
    expect(cancelled.status).toBe('CANCELLED');
  });

  it("gives a therapist their sessions with every client, showing only the client's initials", async () => {
    const { url } = await kit.as(alpha, alpha.therapistUser).calendarFeed.create();
    const text = await (await get(url)).text();
    const feed = parseFeed(text);
    const others = feed.events.find((event) => event.uid === `${ids.othersSession}@eventora`);
    expect(others?.summary).toBe('Session: Z. Q. M.');
    expect(feed.events.map((event) => event.uid)).toContain(`${ids.upcoming}@eventora`);
    expect(text).not.toContain('Zoe');
    expect(text).not.toContain(other.email);
  });

  it("answers 404 on another clinic's address, for a made-up token and for junk", async () => {
    const { url } = await kit.as(alpha, client).calendarFeed.create();
    expect((await get(url)).status).toBe(200);
    const onBeta = await get(url.replace('alpha.localhost', 'beta.localhost'));
    const madeUp = await get(url.replace(/[a-z2-7]{32}\.ics$/, `${'a'.repeat(32)}.ics`));
    const junk = await get(url.replace(/[a-z2-7]{32}\.ics$/, '..%2Fetc.ics'));
    const noClinic = await get(url, 'localhost:3000');
    const unknownClinic = await get(url.replace('alpha.localhost', 'nowhere.localhost'));
    for (const response of [onBeta, madeUp, junk, noClinic, unknownClinic]) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found.\n');
    }
  });

  it('stops at once when revoked, and a new feed replaces the old one', async () => {
    const me = kit.as(alpha, client);
    const first = await me.calendarFeed.create();
    const second = await me.calendarFeed.create();
    expect(second.url).not.toBe(first.url);
    expect((await get(first.url)).status).toBe(404);
    expect((await get(second.url)).status).toBe(200);
    expect((await me.calendarFeed.mine()).activeSince).toEqual(NOW);

    expect(await me.calendarFeed.revoke()).toEqual({ revoked: true });
    expect((await get(second.url)).status).toBe(404);
    expect(await me.calendarFeed.mine()).toEqual({ activeSince: null });
    expect(await me.calendarFeed.revoke()).toEqual({ revoked: false });

    const feeds = await runWithClinic(alpha.clinic, () =>
      alpha.db.calendarFeed.findMany({ where: { userId: client.id }, select: { id: true } }),
    );
    const actions = (await Promise.all(feeds.map((feed) => auditOf(alpha, feed.id)))).flatMap(
      (entries) => entries.map((entry) => entry.action),
    );
    expect(actions.filter((action) => action === 'calendar_feed.created')).toHaveLength(
      feeds.length,
    );
    expect(actions).toContain('calendar_feed.revoked');
  });

  it("stores only the token's hash, and stops a disabled person's feed", async () => {
    const { url } = await kit.as(alpha, other).calendarFeed.create();
    const token = /([a-z2-7]{32})\.ics$/.exec(url)![1]!;
    const rows = await runWithClinic(alpha.clinic, () =>
      alpha.db.calendarFeed.findMany({ where: { userId: other.id }, select: { tokenHash: true } }),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    await runWithClinic(alpha.clinic, () =>
      alpha.db.user.updateMany({ where: { id: other.id }, data: { disabledAt: NOW } }),
    );
    expect((await get(url)).status).toBe(404);
  });
});
