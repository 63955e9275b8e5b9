import { Badge } from '@eventora/ui/badge';
import { cn } from '@eventora/ui/cn';
import { Clock, MapPin, Repeat, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

import type { RouterOutputs } from '~/trpc/outputs';
import { dayKeyOf } from '~/lib/time';
import { useFormat } from '~/i18n/use-format';

export type Reservation = RouterOutputs['reservation']['list']['items'][number];

const STATUS = {
  booked: 'success',
  cancelled: 'destructive',
  completed: 'secondary',
  no_show: 'warning',
} as const;

/** One reservation as a card: a date tile, the time on the branch's clock, who and where. */
export function ReservationCard({
  reservation,
  actions,
  showClient,
}: {
  reservation: Reservation;
  actions?: ReactNode;
  showClient?: boolean;
}) {
  const { formatTime, dayKeyParts } = useFormat();
  const t = useTranslations('bookings');
  const tz = reservation.branch.timeZone;
  const parts = dayKeyParts(dayKeyOf(reservation.startsAt, tz));
  return (
    <article
      aria-label={t('cardLabel', {
        day: parts.long,
        time: formatTime(reservation.startsAt, tz),
        therapist: reservation.therapist.name,
      })}
      className={cn(
        'bg-card flex flex-col gap-4 rounded-xl border p-4 sm:flex-row sm:items-center',
        reservation.status === 'cancelled' && 'opacity-70',
      )}
    >
      <div className="flex flex-1 items-start gap-4">
        <div className="bg-accent text-accent-foreground flex w-14 shrink-0 flex-col items-center rounded-lg py-1.5">
          <span className="text-xs font-medium uppercase">{parts.month}</span>
          <span className="text-xl leading-tight font-bold">{parts.day}</span>
          <span className="text-xs">{parts.weekday}</span>
        </div>
        <div className="grid min-w-0 gap-1 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-base font-semibold">
              {formatTime(reservation.startsAt, tz)} – {formatTime(reservation.endsAt, tz)}
            </span>
            <Badge variant={STATUS[reservation.status]}>{t(`status.${reservation.status}`)}</Badge>
            {reservation.seriesId ? (
              <Badge variant="secondary">
                <Repeat aria-hidden /> {t('series')}
              </Badge>
            ) : null}
          </div>
          {showClient ? (
            <span className="flex items-center gap-1.5 font-medium">
              <UserRound className="size-4" aria-hidden /> {reservation.client.name}
            </span>
          ) : null}
          <span className="text-muted-foreground flex items-center gap-1.5">
            <Clock className="size-4" aria-hidden />{' '}
            {t('withTherapist', { therapist: reservation.therapist.name })}
          </span>
          <span className="text-muted-foreground flex items-center gap-1.5">
            <MapPin className="size-4" aria-hidden /> {reservation.branch.name}
          </span>
        </div>
      </div>
      {actions ? <div className="flex gap-2 sm:shrink-0">{actions}</div> : null}
    </article>
  );
}
