import { Badge } from '@eventora/ui/badge';
import { cn } from '@eventora/ui/cn';
import { useTranslations } from 'next-intl';

import type { Reservation } from '~/components/bookings/reservation-card';
import { addDaysToKey, dayKeyOf, type DayKey } from '~/lib/time';
import { useFormat } from '~/i18n/use-format';

/** A week as seven day columns, each listing its sessions in order. */
export function WeekGrid({
  items,
  weekStart,
  timeZone,
  today,
  onOpen,
}: {
  items: Reservation[];
  weekStart: DayKey;
  timeZone: string;
  today: DayKey;
  onOpen: (r: Reservation) => void;
}) {
  const { formatTime, dayKeyParts } = useFormat();
  const t = useTranslations('staff.schedule');
  const days = Array.from({ length: 7 }, (_, i) => addDaysToKey(weekStart, i));
  return (
    <div className="grid gap-3 md:grid-cols-7 md:gap-2">
      {days.map((key) => {
        const parts = dayKeyParts(key);
        const dayItems = items.filter((r) => dayKeyOf(r.startsAt, timeZone) === key);
        return (
          <section
            key={key}
            aria-label={parts.long}
            className={cn('bg-card rounded-xl border p-2', key === today && 'border-primary')}
          >
            <h3 className="mb-2 flex items-baseline gap-1.5 px-1 text-sm">
              <span className="font-semibold">{parts.weekday}</span>
              <span className="text-muted-foreground">{parts.day}</span>
              {dayItems.length ? (
                <Badge variant="secondary" className="ml-auto">
                  {dayItems.filter((r) => r.status !== 'cancelled').length}
                </Badge>
              ) : null}
            </h3>
            {dayItems.length === 0 ? (
              <p className="text-muted-foreground px-1 pb-1 text-xs">{t('noSessions')}</p>
            ) : (
              <ul className="grid gap-1.5">
                {dayItems.map((r) => (
                  <li key={r.id}>
                    <button
                      type="button"
                      onClick={() => onOpen(r)}
                      className={cn(
                        'focus-visible:ring-ring/60 w-full rounded-md border-l-4 px-2 py-1.5 text-left text-xs focus-visible:ring-[3px] focus-visible:outline-none',
                        r.status === 'cancelled'
                          ? 'bg-muted text-muted-foreground line-through'
                          : 'border-primary bg-accent hover:bg-primary/15',
                      )}
                    >
                      <span className="block font-semibold tabular-nums">
                        {formatTime(r.startsAt, timeZone)}
                      </span>
                      <span className="block truncate">{r.client.name}</span>
                      <span className="text-muted-foreground block truncate">
                        {r.therapist.name}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
