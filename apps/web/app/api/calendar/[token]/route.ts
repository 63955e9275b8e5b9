import { serveCalendarFeed } from '@eventora/api/calendar-feed';

import { services } from '~/server/services';

/*
 * A person's private calendar feed, `/api/calendar/<token>.ics` on their clinic's address
 * (calendar apps subscribe to it). The clinic is the host's and the token must be one of its live
 * feeds; anything else is a bare 404 (packages/api/src/calendar/serve-calendar-feed.ts).
 */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return serveCalendarFeed(services(), request);
}
