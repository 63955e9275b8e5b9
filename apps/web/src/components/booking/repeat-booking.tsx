'use client';

import { Alert, AlertDescription } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CircleAlert } from 'lucide-react';

import type { RouterOutputs } from '~/trpc/outputs';
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
  const current = repeat ?? { everyWeeks: 1, occurrences: 4 };
  return (
    <fieldset className="grid gap-2 text-sm">
      <legend className="sr-only">Repeat</legend>
      <label className="flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          className="size-4"
          checked={repeat !== null}
          onChange={(event) => onChange(event.target.checked ? current : null)}
        />
        Repeat this booking
      </label>
      {repeat ? (
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="repeat-every">Every</label>
          <select
            id="repeat-every"
            className="border-input bg-background h-9 rounded-md border px-2"
            value={repeat.everyWeeks}
            onChange={(event) => onChange({ ...repeat, everyWeeks: Number(event.target.value) })}
          >
            <option value={1}>week</option>
            <option value={2}>2 weeks</option>
            <option value={3}>3 weeks</option>
            <option value={4}>4 weeks</option>
          </select>
          <label htmlFor="repeat-times">for</label>
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
          <span>sessions</span>
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
        toast.success(
          `Booked ${result.booked.length} session${result.booked.length === 1 ? '' : 's'}.`,
        );
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
          Booked {book.data.booked.length} sessions of the series.
          {book.data.notBooked.length > 0
            ? ` Not booked: ${book.data.notBooked.length} (listed above).`
            : ''}
        </p>
        <Button onClick={onDone}>Done</Button>
      </div>
    );
  }
  if (preview.isPending)
    return <p className="text-muted-foreground text-sm">Checking each date…</p>;
  if (preview.isError) {
    return (
      <Alert variant="destructive">
        <CircleAlert />
        <AlertDescription>{errorMessage(preview.error)}</AlertDescription>
      </Alert>
    );
  }
  const free = preview.data.occurrences.filter((occurrence) => !occurrence.conflict);
  const conflicts = preview.data.occurrences.length - free.length;
  return (
    <div className="grid gap-3">
      <ul aria-label="Sessions of the series" className="grid gap-1 text-sm">
        {preview.data.occurrences.map((occurrence) => (
          <li
            key={occurrence.startsAt.toISOString()}
            className="flex flex-wrap justify-between gap-x-3"
          >
            <span>
              {formatLongDay(occurrence.startsAt, timeZone)},{' '}
              {formatTime(occurrence.startsAt, timeZone)}
            </span>
            {occurrence.conflict ? (
              <span className="text-destructive">Not available: {occurrence.conflict.message}</span>
            ) : (
              <span className="text-success">Free</span>
            )}
          </li>
        ))}
      </ul>
      {conflicts > 0 ? (
        <p className="text-muted-foreground text-sm">
          {conflicts} of the dates can’t be booked. Book the {free.length} free ones, or go back and
          pick another time.
        </p>
      ) : null}
      {book.isError ? (
        <Alert variant="destructive">
          <CircleAlert />
          <AlertDescription>{errorMessage(book.error)}</AlertDescription>
        </Alert>
      ) : null}
      <Button
        disabled={free.length === 0}
        loading={book.isPending}
        onClick={() =>
          book.mutate({ ...pattern, book: free.map((occurrence) => occurrence.startsAt) })
        }
      >
        {conflicts > 0 ? `Book the ${free.length} free sessions` : `Book ${free.length} sessions`}
      </Button>
    </div>
  );
}
