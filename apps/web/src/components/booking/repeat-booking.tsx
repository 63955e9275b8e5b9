'use client';

import { Alert, AlertDescription } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CircleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';

import type { RouterOutputs } from '~/trpc/outputs';
import { useServerError } from '~/i18n/server-error';
import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';
import type { Booking } from './use-booking';

export interface Repeat {
  everyWeeks: number;
  occurrences: number;
}

type SeriesResult = RouterOutputs['series']['book'];

/** "Repeat weekly / every N weeks, N times" for the chosen time. */
export function RepeatChoice({
  repeat,
  onChange,
}: {
  repeat: Repeat | null;
  onChange: (repeat: Repeat | null) => void;
}) {
  const t = useTranslations('booking.series');
  const current = repeat ?? { everyWeeks: 1, occurrences: 4 };
  return (
    <fieldset className="grid gap-2 text-sm">
      <legend className="sr-only">{t('repeat')}</legend>
      <label className="flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          className="size-4"
          checked={repeat !== null}
          onChange={(event) => onChange(event.target.checked ? current : null)}
        />
        {t('repeatThis')}
      </label>
      {repeat ? (
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="repeat-every">{t('every')}</label>
          <select
            id="repeat-every"
            className="border-input bg-background h-9 rounded-md border px-2"
            value={repeat.everyWeeks}
            onChange={(event) => onChange({ ...repeat, everyWeeks: Number(event.target.value) })}
          >
            {[1, 2, 3, 4].map((weeks) => (
              <option key={weeks} value={weeks}>
                {t('weeks', { weeks })}
              </option>
            ))}
          </select>
          <label htmlFor="repeat-times">{t('for')}</label>
          <input
            id="repeat-times"
            type="number"
            inputMode="numeric"
            min={2}
            max={26}
            className="border-input bg-background h-9 w-16 rounded-md border px-2"
            value={repeat.occurrences}
            onChange={(event) =>
              onChange({
                ...repeat,
                occurrences: Math.min(26, Math.max(2, Number(event.target.value) || 2)),
              })
            }
          />
          <span>{t('sessions')}</span>
        </div>
      ) : null}
    </fieldset>
  );
}

/**
 * The series' sessions before booking, each free or in conflict with its reason, then the
 * booking of the free ones (all of them or none). Conflicts are listed, never skipped silently.
 */
export function SeriesPreview({
  booking,
  repeat,
  onDone,
}: {
  booking: Booking;
  repeat: Repeat;
  onDone: () => void;
}) {
  const { formatTime, formatLongDay } = useFormat();
  const t = useTranslations('booking.series');
  const serverError = useServerError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slot, branch, service, timeZone } = booking;
  const therapistId = booking.slotTherapist?.id;
  const pattern =
    slot && branch && therapistId
      ? {
          therapistId,
          branchId: branch.id,
          startsAt: slot.startsAt,
          everyWeeks: repeat.everyWeeks,
          occurrences: repeat.occurrences,
          ...(service ? { serviceId: service.id } : {}),
          ...(booking.clientId ? { clientId: booking.clientId } : {}),
        }
      : undefined;
  const preview = useQuery(
    trpc.series.preview.queryOptions(pattern!, { enabled: Boolean(pattern) }),
  );
  const book = useMutation(
    trpc.series.book.mutationOptions({
      onSuccess: (result: SeriesResult) => {
        toast.success(t('booked', { count: result.booked.length }));
        void queryClient.invalidateQueries({ queryKey: trpc.therapist.availability.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.reservation.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.wallet.list.pathKey() });
      },
      onError: () => void preview.refetch(),
    }),
  );
  if (!pattern) return null;
  if (book.isSuccess) {
    return (
      <div className="grid gap-3 text-sm" role="status">
        <p className="font-medium">
          {t('bookedOfSeries', { count: book.data.booked.length })}
          {book.data.notBooked.length > 0
            ? ` ${t('notBooked', { count: book.data.notBooked.length })}`
            : ''}
        </p>
        <Button onClick={onDone}>{t('done')}</Button>
      </div>
    );
  }
  if (preview.isPending) return <p className="text-muted-foreground text-sm">{t('checking')}</p>;
  if (preview.isError) {
    return (
      <Alert variant="destructive">
        <CircleAlert />
        <AlertDescription>{serverError.text(preview.error)}</AlertDescription>
      </Alert>
    );
  }
  const free = preview.data.occurrences.filter((occurrence) => !occurrence.conflict);
  const conflicts = preview.data.occurrences.length - free.length;
  return (
    <div className="grid gap-3">
      <ul aria-label={t('listLabel')} className="grid gap-1 text-sm">
        {preview.data.occurrences.map((occurrence) => (
          <li
            key={occurrence.startsAt.toISOString()}
            className="flex flex-wrap justify-between gap-x-3"
          >
            <span>
              {t('when', {
                day: formatLongDay(occurrence.startsAt, timeZone),
                time: formatTime(occurrence.startsAt, timeZone),
              })}
            </span>
            {occurrence.conflict ? (
              <span className="text-destructive">
                {t('notAvailable', { reason: t(`conflict.${occurrence.conflict.reason}`) })}
              </span>
            ) : (
              <span className="text-success">{t('free')}</span>
            )}
          </li>
        ))}
      </ul>
      {conflicts > 0 ? (
        <p className="text-muted-foreground text-sm">
          {t('someConflict', { conflicts, free: free.length })}
        </p>
      ) : null}
      {book.isError ? (
        <Alert variant="destructive">
          <CircleAlert />
          <AlertDescription>{serverError.text(book.error)}</AlertDescription>
        </Alert>
      ) : null}
      <Button
        disabled={free.length === 0}
        loading={book.isPending}
        onClick={() =>
          book.mutate({ ...pattern, book: free.map((occurrence) => occurrence.startsAt) })
        }
      >
        {conflicts > 0
          ? t('bookFree', { count: free.length })
          : t('bookAll', { count: free.length })}
      </Button>
    </div>
  );
}
