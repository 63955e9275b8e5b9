import { TZDate } from '@date-fns/tz';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export interface FeedSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: 'booked' | 'completed' | 'no_show' | 'cancelled';
  updatedAt: Date;
  /** What the person sees the session as: "Physiotherapy with Ana" or "Session: J. P.". */
  title: string;
  branch: { name: string; address: string | null; timezone: string };
  serviceName: string | null;
}

/**
 * A person's bookings as an iCalendar feed (RFC 5545), built with ical-generator. Each event is
 * written in its branch's time zone (`DTSTART;TZID=America/Mexico_City:…`), with that zone's
 * VTIMEZONE taken from timezones-ical-library, so a calendar shows the branch's clock and gets
 * daylight-saving changes right. The reservation id is the UID: a moved or cancelled session
 * updates the same event, and a cancelled one stays as STATUS:CANCELLED so calendars drop it.
 */
export function feedCalendar(input: {
  clinicName: string;
  manageUrl: string;
  sessions: FeedSession[];
  now: Date;
}): string {
  const calendar = ical({
    name: `${input.clinicName}: bookings`,
    prodId: { company: 'eventora', product: 'calendar-feed', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // Calendar apps poll feeds; ask for an hourly refresh (most take it as a hint).
    ttl: 60 * 60,
    timezone: { name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null },
  });
  for (const session of input.sessions) {
    const zone = session.branch.timezone;
    calendar.createEvent({
      id: `${session.id}@eventora`,
      start: new TZDate(session.startsAt.getTime(), zone),
      end: new TZDate(session.endsAt.getTime(), zone),
      timezone: zone,
      stamp: input.now,
      lastModified: session.updatedAt,
      // The sequence grows with every change, so calendars apply the newest version.
      sequence: Math.floor(session.updatedAt.getTime() / 1000) - 1_700_000_000,
      summary: session.title,
      location: [session.branch.name, session.branch.address].filter(Boolean).join(', '),
      description: [session.serviceName, input.manageUrl].filter(Boolean).join('\n'),
      url: input.manageUrl,
      status:
        session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
