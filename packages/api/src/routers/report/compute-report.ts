import type { TenantClient } from '@eventora/tenancy';

import { localDateOfColumn, type DaysOff } from '../../booking/days-off';
import { instantAt, nextLocalDate, type LocalDate } from '../../booking/local-time';
import { bookableMinutes } from '../../booking/bookable-minutes';
import type { WeeklyInterval } from '../../booking/weekly-schedule';
import type { ReportRange } from '../../schemas/report';

type ReportReader = Pick<TenantClient, '$queryRaw' | 'therapist' | 'timeOff'>;

export interface BookingBucket {
  /** The first local date of the day or week (weeks start on Monday). */
  start: string;
  booked: number;
  completed: number;
  noShow: number;
  cancelled: number;
}

export interface Utilisation {
  id: string;
  name: string;
  bookedMinutes: number;
  availableMinutes: number;
  /** bookedMinutes ÷ availableMinutes; null when nothing was available. */
  rate: number | null;
}

export interface Report {
  range: { from: string; to: string; groupBy: 'day' | 'week'; timeZone: string };
  bookings: { buckets: BookingBucket[]; totals: Omit<BookingBucket, 'start'> & { all: number } };
  rates: { cancellation: number | null; noShow: number | null };
  utilisation: { therapists: Utilisation[]; branches: Utilisation[] };
  packages: {
    sales: {
      packageId: string;
      name: string;
      currency: string;
      sold: number;
      boughtOnline: number;
      onlineCents: number;
    }[];
    /** Credits clients can still use now (active, unexpired), whatever the range. */
    creditsOutstanding: number;
    packagesWithCredits: number;
  };
  revenue: {
    method: 'cash' | 'card_terminal' | 'transfer' | 'stripe';
    currency: string;
    amountCents: number;
    count: number;
  }[];
}

const STATUS_KEYS = {
  booked: 'booked',
  completed: 'completed',
  no_show: 'noShow',
  cancelled: 'cancelled',
} as const;

/**
 * An owner's figures for a range of local dates on the clinic's calendar, read with the clinic
 * bound (RLS) and, in every statement, `clinic_id` named as well: the same rule twice, and the
 * reports' indexes all lead with it. Sums and counts happen in SQL; only the weekly hours are
 * expanded here, with the booking rules' own helpers, to know how many minutes were bookable.
 */
export async function computeReport(
  db: ReportReader,
  clinicId: string,
  range: ReportRange,
  { timeZone, now }: { timeZone: string; now: Date },
): Promise<Report> {
  const first = parseLocalDate(range.from);
  const last = parseLocalDate(range.to);
  const since = instantAt(first, 0, timeZone);
  const until = instantAt(nextLocalDate(last), 0, timeZone);

  const statusRows = await db.$queryRaw<{ bucket: string; status: string; count: number }[]>`
    SELECT to_char(date_trunc(${range.groupBy}, "starts_at" AT TIME ZONE ${timeZone}), 'YYYY-MM-DD') AS "bucket",
           "status"::text AS "status", count(*)::int AS "count"
      FROM "reservations"
     WHERE "clinic_id" = ${clinicId}::uuid AND "starts_at" >= ${since} AND "starts_at" < ${until}
     GROUP BY 1, 2`;
  const bookedRows = await db.$queryRaw<
    { therapist_id: string; branch_id: string; minutes: number }[]
  >`
    SELECT "therapist_id", "branch_id",
           sum(extract(epoch FROM "ends_at" - "starts_at") / 60)::float8 AS "minutes"
      FROM "reservations"
     WHERE "clinic_id" = ${clinicId}::uuid AND "starts_at" >= ${since} AND "starts_at" < ${until}
       AND "status" <> 'cancelled'
     GROUP BY 1, 2`;
  const salesRows = await db.$queryRaw<
    {
      package_id: string;
      name: string;
      currency: string;
      sold: number;
      bought_online: number;
      online_cents: number;
    }[]
  >`
    SELECT up."package_id", p."name", p."currency", count(*)::int AS "sold",
           count(cs."id")::int AS "bought_online",
           coalesce(sum(p."price_cents") FILTER (WHERE cs."id" IS NOT NULL), 0)::float8 AS "online_cents"
      FROM "user_packages" up
      JOIN "packages" p ON p."clinic_id" = up."clinic_id" AND p."id" = up."package_id"
      LEFT JOIN "checkout_sessions" cs
             ON cs."clinic_id" = up."clinic_id" AND cs."id" = up."purchase_reference"
            AND cs."status" = 'completed'
     WHERE up."clinic_id" = ${clinicId}::uuid AND up."created_at" >= ${since} AND up."created_at" < ${until}
     GROUP BY 1, 2, 3
     ORDER BY 2, 1`;
  const [credits] = await db.$queryRaw<{ credits: number; packages: number }[]>`
    SELECT coalesce(sum("credits_left"), 0)::int AS "credits", count(*)::int AS "packages"
      FROM "user_packages"
     WHERE "clinic_id" = ${clinicId}::uuid AND "status" = 'active'
       AND "credits_left" > 0 AND "expires_at" > ${now}`;
  const paymentRows = await db.$queryRaw<
    {
      method: 'cash' | 'card_terminal' | 'transfer';
      currency: string;
      amount: number;
      count: number;
    }[]
  >`
    SELECT "method"::text AS "method", "currency", sum("amount_cents")::float8 AS "amount",
           count(*)::int AS "count"
      FROM "payments"
     WHERE "clinic_id" = ${clinicId}::uuid AND "created_at" >= ${since} AND "created_at" < ${until}
     GROUP BY 1, 2
     ORDER BY 1, 2`;

  const buckets = new Map<string, BookingBucket>();
  for (const start of bucketStarts(first, last, range.groupBy)) {
    buckets.set(start, { start, booked: 0, completed: 0, noShow: 0, cancelled: 0 });
  }
  const totals = { booked: 0, completed: 0, noShow: 0, cancelled: 0, all: 0 };
  for (const row of statusRows) {
    const key = STATUS_KEYS[row.status as keyof typeof STATUS_KEYS];
    const bucket = buckets.get(row.bucket);
    if (!key || !bucket) continue;
    bucket[key] += row.count;
    totals[key] += row.count;
    totals.all += row.count;
  }

  const onlineRevenue = new Map<string, { amountCents: number; count: number }>();
  for (const row of salesRows) {
    if (row.bought_online === 0) continue;
    const entry = onlineRevenue.get(row.currency) ?? { amountCents: 0, count: 0 };
    entry.amountCents += row.online_cents;
    entry.count += row.bought_online;
    onlineRevenue.set(row.currency, entry);
  }

  return {
    range: { from: range.from, to: range.to, groupBy: range.groupBy, timeZone },
    bookings: { buckets: [...buckets.values()], totals },
    rates: {
      cancellation: ratio(totals.cancelled, totals.all),
      noShow: ratio(totals.noShow, totals.noShow + totals.completed),
    },
    utilisation: await utilisation(db, bookedRows, since, until),
    packages: {
      sales: salesRows.map((row) => ({
        packageId: row.package_id,
        name: row.name,
        currency: row.currency,
        sold: row.sold,
        boughtOnline: row.bought_online,
        onlineCents: row.online_cents,
      })),
      creditsOutstanding: credits?.credits ?? 0,
      packagesWithCredits: credits?.packages ?? 0,
    },
    revenue: [
      ...paymentRows.map((row) => ({
        method: row.method,
        currency: row.currency,
        amountCents: row.amount,
        count: row.count,
      })),
      ...[...onlineRevenue].map(([currency, entry]) => ({
        method: 'stripe' as const,
        currency,
        ...entry,
      })),
    ],
  };
}

/**
 * Booked minutes ÷ bookable minutes, per therapist and per branch. Bookable minutes come from
 * the weekly opening hours and shifts less time off and holidays, on each branch's clock
 * (`bookableMinutes`: the booking flow's own rule, `bookableIntervals`), cut to the range. A therapist or
 * branch archived since still shows when it had sessions in the range.
 */
async function utilisation(
  db: ReportReader,
  bookedRows: { therapist_id: string; branch_id: string; minutes: number }[],
  since: Date,
  until: Date,
): Promise<Report['utilisation']> {
  const bookedIds = new Set(bookedRows.map((row) => row.therapist_id));
  const therapists = await db.therapist.findMany({
    where: { OR: [{ archivedAt: null }, { id: { in: [...bookedIds] } }] },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      archivedAt: true,
      branches: {
        select: {
          branch: {
            select: {
              id: true,
              name: true,
              timezone: true,
              archivedAt: true,
              openingHours: { select: { weekday: true, opensAt: true, closesAt: true } },
            },
          },
          shifts: { select: { weekday: true, startsAt: true, endsAt: true } },
        },
      },
    },
  });
  const timeOff = await db.timeOff.findMany({
    select: { therapistId: true, firstDay: true, lastDay: true, recursYearly: true },
  });
  const daysOffOf = (therapistId: string): DaysOff[] =>
    timeOff
      .filter((entry) => entry.therapistId === null || entry.therapistId === therapistId)
      .map((entry) => ({
        first: localDateOfColumn(entry.firstDay),
        last: localDateOfColumn(entry.lastDay),
        recursYearly: entry.recursYearly,
      }));

  const byTherapist = new Map<string, Utilisation>();
  const byBranch = new Map<string, Utilisation>();
  const entry = (map: Map<string, Utilisation>, id: string, name: string) => {
    let found = map.get(id);
    if (!found) {
      found = { id, name, bookedMinutes: 0, availableMinutes: 0, rate: null };
      map.set(id, found);
    }
    return found;
  };
  const branchNames = new Map<string, string>();
  for (const therapist of therapists) {
    const own = entry(byTherapist, therapist.id, therapist.name);
    const daysOff = daysOffOf(therapist.id);
    for (const { branch, shifts } of therapist.branches) {
      branchNames.set(branch.id, branch.name);
      // Archived therapists and branches offer no time any more; their past sessions still count.
      if (therapist.archivedAt || branch.archivedAt) continue;
      const minutes = bookableMinutes(
        {
          timeZone: branch.timezone,
          openingHours: branch.openingHours.map((hours): WeeklyInterval => ({
            weekday: hours.weekday,
            startMinute: hours.opensAt,
            endMinute: hours.closesAt,
          })),
          shifts: shifts.map((shift): WeeklyInterval => ({
            weekday: shift.weekday,
            startMinute: shift.startsAt,
            endMinute: shift.endsAt,
          })),
          daysOff,
        },
        since,
        until,
      );
      own.availableMinutes += minutes;
      entry(byBranch, branch.id, branch.name).availableMinutes += minutes;
    }
  }
  const therapistNames = new Map(therapists.map((therapist) => [therapist.id, therapist.name]));
  for (const row of bookedRows) {
    entry(
      byTherapist,
      row.therapist_id,
      therapistNames.get(row.therapist_id) ?? '—',
    ).bookedMinutes += row.minutes;
    entry(byBranch, row.branch_id, branchNames.get(row.branch_id) ?? '—').bookedMinutes +=
      row.minutes;
  }
  const finish = (map: Map<string, Utilisation>) =>
    [...map.values()]
      .map((item) => ({ ...item, rate: ratio(item.bookedMinutes, item.availableMinutes) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { therapists: finish(byTherapist), branches: finish(byBranch) };
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function parseLocalDate(value: string): LocalDate {
  const [year, month, day] = value.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
}

function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Every day, or every Monday on or before the first day, up to the last day. */
function bucketStarts(first: LocalDate, last: LocalDate, groupBy: 'day' | 'week'): string[] {
  const starts: string[] = [];
  let date = first;
  if (groupBy === 'week') {
    const weekday = new Date(Date.UTC(first.year, first.month - 1, first.day)).getUTCDay();
    const back = (weekday + 6) % 7;
    const monday = new Date(Date.UTC(first.year, first.month - 1, first.day - back));
    date = {
      year: monday.getUTCFullYear(),
      month: monday.getUTCMonth() + 1,
      day: monday.getUTCDate(),
    };
  }
  const lastKey = formatLocalDate(last);
  while (formatLocalDate(date) <= lastKey) {
    starts.push(formatLocalDate(date));
    for (let step = 0; step < (groupBy === 'week' ? 7 : 1); step++) date = nextLocalDate(date);
  }
  return starts;
}
