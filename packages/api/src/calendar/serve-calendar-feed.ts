import { hashSecretToken } from '@eventora/auth';
import { isTenancyError, runWithClinic } from '@eventora/tenancy';

import { slugFromHost } from '../request/clinic-slug';
import { TOKEN_SHAPE } from '../routers/account/account-tokens';
import type { ApiServices } from '../services';
import { feedCalendar, type FeedSession } from './feed-calendar';

/** Sessions from this long ago stay in the feed (a week's past is enough to look back on). */
const PAST_DAYS = 30;
/** And this far ahead. */
const FUTURE_DAYS = 366;
/** A bound on one feed's size, whatever the person's history. */
const MAX_EVENTS = 1000;

type FeedServices = Pick<
  ApiServices,
  'tenants' | 'rootDomain' | 'now' | 'portalUrl' | 'rateLimiter'
>;

/**
 * Serves `/api/calendar/<token>.ics` on a clinic's address. The clinic is the host's, and the
 * token must be a live feed of that clinic: it is looked up with the host's clinic bound (RLS),
 * so another clinic's token, a revoked one, a made-up one and an unknown host all get the same
 * bare 404, after the same single indexed lookup. Nothing is written on a read (calendar apps
 * poll); creation and revocation are audited where they happen (the calendarFeed router).
 */
export async function serveCalendarFeed(
  services: FeedServices,
  request: Request,
): Promise<Response> {
  const slug = slugFromHost(request.headers.get('host'), services.rootDomain);
  const token = /\/([^/]+)\.ics$/.exec(new URL(request.url).pathname)?.[1];
  if (!slug || !token || !TOKEN_SHAPE.test(token)) return notFound();

  let resolved;
  try {
    resolved = await services.tenants.resolve(slug, { by: 'slug' });
  } catch (error) {
    if (isTenancyError(error, 'CLINIC_NOT_FOUND')) return notFound();
    throw error;
  }
  const { clinic, db } = resolved;
  const verdict = services.rateLimiter?.take(clinic.id, clinic.requestRatePerSecond);
  if (verdict && !verdict.allowed) {
    return new Response('Too many requests.\n', {
      status: 429,
      headers: { 'Retry-After': String(verdict.retryAfterSeconds), 'Cache-Control': 'no-store' },
    });
  }

  const now = services.now();
  const body = await runWithClinic(clinic, async () => {
    const feed = await db.calendarFeed.findFirst({
      where: { tokenHash: hashSecretToken(token), revokedAt: null },
      select: { user: { select: { id: true, role: true, disabledAt: true, erasedAt: true } } },
    });
    // A disabled or erased person's feed stops with their access.
    if (!feed || feed.user.disabledAt || feed.user.erasedAt) return null;
    const userId = feed.user.id;
    const rows = await db.reservation.findMany({
      where: {
        OR: [{ clientId: userId }, { therapist: { userId } }],
        startsAt: {
          gte: new Date(now.getTime() - PAST_DAYS * 86_400_000),
          lt: new Date(now.getTime() + FUTURE_DAYS * 86_400_000),
        },
      },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: MAX_EVENTS,
      select: {
        id: true,
        clientId: true,
        startsAt: true,
        endsAt: true,
        status: true,
        updatedAt: true,
        client: { select: { name: true } },
        therapist: { select: { name: true } },
        service: { select: { name: true } },
        branch: { select: { name: true, address: true, timezone: true } },
      },
    });
    const sessions: FeedSession[] = rows.map((row) => ({
      id: row.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      status: row.status,
      updatedAt: row.updatedAt,
      // A client sees their therapist; a therapist sees the client's initials only: feeds end up
      // in third-party calendars, so no more of a client's identity than the therapist needs.
      title:
        row.clientId === userId
          ? `${row.service?.name ?? 'Session'} with ${row.therapist.name}`
          : `${row.service?.name ?? 'Session'}: ${initials(row.client.name)}`,
      branch: row.branch,
      serviceName: row.service?.name ?? null,
    }));
    const manageUrl = `${services.portalUrl(clinic.slug)}${feed.user.role === 'CLIENT' ? '/bookings' : '/staff'}`;
    return feedCalendar({ clinicName: clinic.name, manageUrl, sessions, now });
  });
  if (body === null) return notFound();
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="bookings.ics"',
      // Private to the holder of the URL; calendar apps poll, a few minutes' reuse is fine.
      'Cache-Control': 'private, max-age=300',
      'X-Robots-Tag': 'noindex, nofollow',
      'Referrer-Policy': 'no-referrer',
    },
  });
}

function notFound(): Response {
  return new Response('Not found.\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** "José Pérez López" → "J. P. L." */
function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${part.charAt(0).toUpperCase()}.`)
    .join(' ');
}
