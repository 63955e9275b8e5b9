import { cn } from '@eventora/ui/cn';

import type { Reservation } from '~/components/bookings/reservation-card';
import { useFormat } from '~/i18n/use-format';

const HOUR_PX = 64;

/** One day as a time grid: a column per therapist, each session placed at its time. */
export function DayGrid({
  items,
  columns,
  timeZone,
  onOpen,
}: {
  items: Reservation[];
  columns: { id: string; name: string }[];
  timeZone: string;
  onOpen: (r: Reservation) => void;
}) {
  const { formatTime, locale } = useFormat();
  const starts = items.map((r) => minutesOf(r.startsAt, timeZone));
  const ends = items.map((r) => minutesOf(r.endsAt, timeZone) || 1440);
  // 7 AM to 9 PM, stretched to fit any session outside it.
  const firstHour = Math.min(7, ...starts.map((m) => Math.floor(m / 60)));
  const lastHour = Math.max(21, ...ends.map((m) => Math.ceil(m / 60)));
  const hours = Array.from({ length: lastHour - firstHour }, (_, i) => firstHour + i);
  const height = hours.length * HOUR_PX;
  return (
    <div className="bg-card overflow-x-auto rounded-xl border">
      <div className="flex min-w-fit">
        <div className="bg-card sticky left-0 z-10 w-14 shrink-0 border-r" aria-hidden>
          <div className="h-10 border-b" />
          <div className="relative" style={{ height }}>
            {hours.map((h, i) => (
              <span
                key={h}
                className="text-muted-foreground absolute right-2 -translate-y-2 text-[0.7rem]"
                style={{ top: i * HOUR_PX }}
              >
                {i === 0 ? '' : formatHour(h, locale)}
              </span>
            ))}
          </div>
        </div>
        {columns.map((column) => {
          const mine = items.filter((r) => r.therapist.id === column.id);
          return (
            <section
              key={column.id}
              aria-label={column.name}
              className="w-44 shrink-0 border-r last:border-r-0 sm:w-auto sm:min-w-44 sm:flex-1"
            >
              <h3 className="flex h-10 items-center justify-center truncate border-b px-2 text-sm font-semibold">
                {column.name}
              </h3>
              <div className="relative" style={{ height }}>
                {hours.map((h, i) => (
                  <div
                    key={h}
                    className="absolute inset-x-0 border-t border-dashed"
                    style={{ top: i * HOUR_PX }}
                    aria-hidden
                  />
                ))}
                <ul>
                  {mine.map((r) => {
                    const top = ((minutesOf(r.startsAt, timeZone) - firstHour * 60) / 60) * HOUR_PX;
                    const minutes = (r.endsAt.getTime() - r.startsAt.getTime()) / 60_000;
                    return (
                      <li
                        key={r.id}
                        className="absolute inset-x-1"
                        style={{ top, height: Math.max((minutes / 60) * HOUR_PX - 2, 22) }}
                      >
                        <button
                          type="button"
                          onClick={() => onOpen(r)}
                          className={cn(
                            'focus-visible:ring-ring/60 h-full w-full overflow-hidden rounded-md border-l-4 px-2 py-1 text-left text-xs focus-visible:ring-[3px] focus-visible:outline-none',
                            r.status === 'cancelled'
                              ? 'border-muted-foreground/40 bg-muted text-muted-foreground line-through'
                              : 'border-primary bg-accent hover:bg-primary/15',
                          )}
                        >
                          <span className="block truncate font-semibold">{r.client.name}</span>
                          <span className="block truncate">
                            {formatTime(r.startsAt, timeZone)} · {r.branch.name}
                          </span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}

/** Minutes since midnight on `timeZone`'s clock. */
function minutesOf(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** An hour of the grid's ruler in the page's language ("9 AM", "9 a.m."). */
function formatHour(hour: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(2000, 0, 1, hour),
  );
}
