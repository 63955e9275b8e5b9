'use client';

import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { cn } from '@eventora/ui/cn';
import { EmptyState } from '@eventora/ui/empty-state';
import { Label } from '@eventora/ui/label';
import { LoadError } from '@eventora/ui/load-error';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@eventora/ui/select';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@eventora/ui/sheet';
import { Skeleton } from '@eventora/ui/skeleton';
import { Tabs, TabsList, TabsTrigger } from '@eventora/ui/tabs';
import { useQuery } from '@tanstack/react-query';
import { CalendarOff, ChevronLeft, ChevronRight } from 'lucide-react';
import { useMemo, useState } from 'react';

import { CancelDialog } from '~/components/bookings/cancel-dialog';
import { ReservationCard, type Reservation } from '~/components/bookings/reservation-card';
import { RescheduleSheet } from '~/components/bookings/reschedule-sheet';
import {
  addDaysToKey,
  dayKeyOf,
  dayKeyParts,
  formatTime,
  startOfDayKey,
  type DayKey,
} from '~/lib/time';
import { useTRPC } from '~/trpc/react';

const ALL = 'all';
const HOUR_PX = 64;

/**
 * The clinic's sessions by day (a time grid, one column per therapist) or by week (a column per
 * day), filtered by branch and therapist, on the branch's clock (the clinic's when "all").
 */
export function Schedule({
  clinicTimeZone,
  cancellationWindowHours,
  canManage,
}: {
  clinicTimeZone: string;
  cancellationWindowHours: number;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const [view, setView] = useState<'day' | 'week'>('day');
  const [branchId, setBranchId] = useState(ALL);
  const [therapistId, setTherapistId] = useState(ALL);
  const [openReservation, setOpenReservation] = useState<Reservation>();
  const branches = useQuery(trpc.branch.list.queryOptions());
  const branch = branches.data?.find((b) => b.id === branchId);
  const timeZone = branch?.timezone ?? clinicTimeZone;
  const [day, setDay] = useState<DayKey>(() => dayKeyOf(new Date(), timeZone));

  const therapists = useQuery(
    trpc.therapist.list.queryOptions(branchId === ALL ? {} : { branchId }),
  );
  const weekStart = addDaysToKey(day, -((dayKeyParts(day).weekdayIndex + 6) % 7));
  const rangeStart = view === 'day' ? day : weekStart;
  const rangeDays = view === 'day' ? 1 : 7;
  const from = useMemo(() => startOfDayKey(rangeStart, timeZone), [rangeStart, timeZone]);
  const to = useMemo(
    () => startOfDayKey(addDaysToKey(rangeStart, rangeDays), timeZone),
    [rangeStart, rangeDays, timeZone],
  );
  const reservations = useQuery(
    trpc.reservation.list.queryOptions({
      from,
      to,
      limit: 100,
      ...(branchId !== ALL ? { branchId } : {}),
      ...(therapistId !== ALL ? { therapistId } : {}),
    }),
  );
  const items = reservations.data?.items ?? [];
  const booked = items.filter((r) => r.status !== 'cancelled');

  const today = dayKeyOf(new Date(), timeZone);
  const title =
    view === 'day'
      ? dayKeyParts(day).long
      : `${dayKeyParts(weekStart).month} ${dayKeyParts(weekStart).day} – ${dayKeyParts(addDaysToKey(weekStart, 6)).month} ${dayKeyParts(addDaysToKey(weekStart, 6)).day}`;

  const columns = (therapists.data ?? []).filter(
    (t) => therapistId === ALL || t.id === therapistId,
  );

  return (
    <div className="grid gap-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <div className="flex items-center gap-2">
          <Button
            variant="outline"
            size="icon"
            aria-label={view === 'day' ? 'Previous day' : 'Previous week'}
            onClick={() => setDay(addDaysToKey(day, view === 'day' ? -1 : -7))}
          >
            <ChevronLeft />
          </Button>
          <Button variant="outline" onClick={() => setDay(today)} disabled={day === today}>
            Today
          </Button>
          <Button
            variant="outline"
            size="icon"
            aria-label={view === 'day' ? 'Next day' : 'Next week'}
            onClick={() => setDay(addDaysToKey(day, view === 'day' ? 1 : 7))}
          >
            <ChevronRight />
          </Button>
          <h2 className="ml-2 text-lg font-semibold" aria-live="polite">
            {title}
          </h2>
        </div>
        <div className="grid grid-cols-2 gap-2 sm:flex sm:items-end">
          <div className="grid gap-1.5">
            <Label htmlFor="branch-filter" className="text-muted-foreground text-xs">
              Branch
            </Label>
            <Select
              value={branchId}
              onValueChange={(v) => {
                setBranchId(v);
                setTherapistId(ALL);
              }}
            >
              <SelectTrigger id="branch-filter" className="sm:w-48">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>All branches</SelectItem>
                {(branches.data ?? []).map((b) => (
                  <SelectItem key={b.id} value={b.id}>
                    {b.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="therapist-filter" className="text-muted-foreground text-xs">
              Therapist
            </Label>
            <Select value={therapistId} onValueChange={setTherapistId}>
              <SelectTrigger id="therapist-filter" className="sm:w-48">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>All therapists</SelectItem>
                {(therapists.data ?? []).map((t) => (
                  <SelectItem key={t.id} value={t.id}>
                    {t.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <Tabs
            value={view}
            onValueChange={(v) => setView(v as 'day' | 'week')}
            className="col-span-2"
          >
            <TabsList className="w-full sm:w-fit">
              <TabsTrigger value="day">Day</TabsTrigger>
              <TabsTrigger value="week">Week</TabsTrigger>
            </TabsList>
          </Tabs>
        </div>
      </div>

      <p className="text-muted-foreground text-sm">
        {reservations.isPending
          ? 'Loading sessions…'
          : `${booked.length} ${booked.length === 1 ? 'session' : 'sessions'}${items.length > booked.length ? `, ${items.length - booked.length} cancelled` : ''} · times in ${timeZone.replace(/_/g, ' ')}`}
      </p>

      {reservations.isPending || therapists.isPending ? (
        <Skeleton className="h-96 rounded-xl" />
      ) : reservations.isError ? (
        <LoadError error={reservations.error} onRetry={() => reservations.refetch()} />
      ) : view === 'day' ? (
        columns.length === 0 ? (
          <EmptyState
            icon={<CalendarOff />}
            title="No therapists here"
            description="Add a therapist to this branch to start taking bookings."
          />
        ) : (
          <DayGrid
            items={items}
            columns={columns.map((t) => ({ id: t.id, name: t.name }))}
            timeZone={timeZone}
            onOpen={setOpenReservation}
          />
        )
      ) : (
        <WeekGrid
          items={items}
          weekStart={weekStart}
          timeZone={timeZone}
          today={today}
          onOpen={setOpenReservation}
        />
      )}

      <Sheet
        open={Boolean(openReservation)}
        onOpenChange={(open) => !open && setOpenReservation(undefined)}
      >
        <SheetContent>
          {openReservation ? (
            <>
              <SheetHeader>
                <SheetTitle>{openReservation.client.name}</SheetTitle>
                <SheetDescription>Session details</SheetDescription>
              </SheetHeader>
              <div className="grid gap-4 px-5">
                <ReservationCard
                  reservation={items.find((r) => r.id === openReservation.id) ?? openReservation}
                  showClient
                  actions={
                    canManage &&
                    openReservation.status === 'booked' &&
                    openReservation.startsAt > new Date() ? (
                      <>
                        <RescheduleSheet reservation={openReservation} />
                        <CancelDialog
                          reservation={openReservation}
                          cancellationWindowHours={cancellationWindowHours}
                          forClient
                        />
                      </>
                    ) : null
                  }
                />
              </div>
            </>
          ) : null}
        </SheetContent>
      </Sheet>
    </div>
  );
}

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

function DayGrid({
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
  const starts = items.map((r) => minutesOf(r.startsAt, timeZone));
  const ends = items.map((r) => minutesOf(r.endsAt, timeZone) || 1440);
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
                {i === 0 ? '' : formatHour(h)}
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

function formatHour(hour: number): string {
  const suffix = hour >= 12 ? 'PM' : 'AM';
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h} ${suffix}`;
}

function WeekGrid({
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
              <p className="text-muted-foreground px-1 pb-1 text-xs">No sessions</p>
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
