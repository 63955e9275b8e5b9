const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant` (whole minutes), in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  );
  const wallClock = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return wallClock - Math.floor(instant / MINUTE) * MINUTE;
}

/**
 * The instant at which `timeZone`'s clocks show `minutes` after midnight on the calendar day
 * `day` (a UTC midnight standing for that local date). Two passes settle a DST change
 * between the guess and the answer; a wall time skipped by a DST jump lands after the gap.
 */
export function localTimeToUtc(day: Date, minutes: number, timeZone: string): Date {
  const wallClock = day.getTime() + minutes * MINUTE;
  let instant = wallClock - offsetAt(wallClock, timeZone);
  instant = wallClock - offsetAt(instant, timeZone);
  return new Date(instant);
}

/** `date` moved by whole days (UTC arithmetic, so no DST surprises on calendar dates). */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/**
 * The seed's anchor: Monday 00:00 UTC of the ISO week that contains `today` (read in UTC).
 * Every seeded date is an offset from it, so two runs in the same week write the same rows.
 */
export function anchorWeek(today: Date): Date {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const daysSinceMonday = (today.getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * DAY);
}
