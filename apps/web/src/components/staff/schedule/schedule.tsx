'use client';

import { EmptyState } from '@eventora/ui/empty-state';
import { Label } from '@eventora/ui/label';
import { LoadError } from '@eventora/ui/load-error';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@eventora/ui/select';
import { Skeleton } from '@eventora/ui/skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@eventora/ui/tabs';
import { useQuery } from '@tanstack/react-query';
import { CalendarOff } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';

import type { Reservation } from '~/components/bookings/reservation-card';
import { addDaysToKey, dayKeyOf, startOfDayKey, type DayKey } from '~/lib/time';
import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';
import { DayNav } from '../day-nav';
import { DayGrid } from './day-grid';
import { SessionSheet } from './session-sheet';
import { WeekGrid } from './week-grid';

const ALL = 'all';

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
  const { dayKeyParts } = useFormat();
  const t = useTranslations('staff.schedule');
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
  const weekEnd = dayKeyParts(addDaysToKey(weekStart, 6));
  const title =
    view === 'day'
      ? dayKeyParts(day).long
      : t('weekRange', {
          fromMonth: dayKeyParts(weekStart).month,
          fromDay: dayKeyParts(weekStart).day,
          toMonth: weekEnd.month,
          toDay: weekEnd.day,
        });

  const columns = (therapists.data ?? []).filter(
    (therapist) => therapistId === ALL || therapist.id === therapistId,
  );

  const body =
    reservations.isPending || therapists.isPending ? (
      <Skeleton className="h-96 rounded-xl" />
    ) : reservations.isError ? (
      <LoadError error={reservations.error} onRetry={() => reservations.refetch()} />
    ) : view === 'day' ? (
      columns.length === 0 ? (
        <EmptyState
          icon={<CalendarOff />}
          title={t('noTherapists')}
          description={t('noTherapistsText')}
        />
      ) : (
        <DayGrid
          items={items}
          columns={columns.map(({ id, name }) => ({ id, name }))}
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
    );

  // Day and Week are tabs over real panels (each tab's aria-controls names its panel); the
  // toolbar between them belongs to both views.
  return (
    <Tabs value={view} onValueChange={(v) => setView(v as 'day' | 'week')} className="grid gap-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <DayNav
          unit={view}
          title={title}
          isToday={day === today}
          onStep={(direction) => setDay(addDaysToKey(day, direction * (view === 'day' ? 1 : 7)))}
          onToday={() => setDay(today)}
          titleClassName="ml-2"
        />
        <div className="grid grid-cols-2 gap-2 sm:flex sm:items-end">
          <div className="grid gap-1.5">
            <Label htmlFor="branch-filter" className="text-muted-foreground text-xs">
              {t('branch')}
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
                <SelectItem value={ALL}>{t('allBranches')}</SelectItem>
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
              {t('therapist')}
            </Label>
            <Select value={therapistId} onValueChange={setTherapistId}>
              <SelectTrigger id="therapist-filter" className="sm:w-48">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>{t('allTherapists')}</SelectItem>
                {(therapists.data ?? []).map((therapist) => (
                  <SelectItem key={therapist.id} value={therapist.id}>
                    {therapist.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <TabsList className="col-span-2 w-full sm:w-fit">
            <TabsTrigger value="day">{t('day')}</TabsTrigger>
            <TabsTrigger value="week">{t('week')}</TabsTrigger>
          </TabsList>
        </div>
      </div>

      <p className="text-muted-foreground text-sm">
        {reservations.isPending
          ? t('loading')
          : t('summary', {
              booked: booked.length,
              cancelled: items.length - booked.length,
              zone: timeZone.replace(/_/g, ' '),
            })}
      </p>

      <TabsContent value="day">{view === 'day' ? body : null}</TabsContent>
      <TabsContent value="week">{view === 'week' ? body : null}</TabsContent>

      <SessionSheet
        reservation={openReservation}
        current={items.find((r) => r.id === openReservation?.id)}
        canManage={canManage}
        cancellationWindowHours={cancellationWindowHours}
        onClose={() => setOpenReservation(undefined)}
      />
    </Tabs>
  );
}
