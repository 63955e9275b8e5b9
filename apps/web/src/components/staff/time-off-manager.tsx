'use client';

import { ZTimeOffCreateInput } from '@eventora/api/schemas';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@eventora/ui/card';
import { EmptyState } from '@eventora/ui/empty-state';
import { errorMessage } from '@eventora/ui/error-message';
import { Field, fieldAria } from '@eventora/ui/field';
import { applyServerError, FormError, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { LoadError } from '@eventora/ui/load-error';
import { NativeSelect } from '@eventora/ui/native-select';
import { Skeleton } from '@eventora/ui/skeleton';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarX2, TriangleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useFormat } from '~/i18n/use-format';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

type Conflict = RouterOutputs['timeOff']['conflicts'][number];
type Entry = RouterOutputs['timeOff']['list'][number];

const CLINIC = '';

/** Time off and clinic holidays: add (with the bookings in the way listed), list, remove. */
export function TimeOffManager() {
  const t = useTranslations('staff.timeOff');
  const { formatDayRange } = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const entries = useQuery(trpc.timeOff.list.queryOptions());
  const [inTheWay, setInTheWay] = useState<Entry>();
  const [conflicts, setConflicts] = useState<{ label: string; items: Conflict[] }>();
  const remove = useMutation(
    trpc.timeOff.remove.mutationOptions({
      onSuccess: (_, { id }) => {
        setInTheWay((shown) => (shown?.id === id ? undefined : shown));
        toast.success(t('removed'));
        void queryClient.invalidateQueries({ queryKey: trpc.timeOff.pathKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)] lg:items-start">
      <TimeOffForm
        onCreated={(label, items) => {
          setConflicts(items.length ? { label, items } : undefined);
          void queryClient.invalidateQueries({ queryKey: trpc.timeOff.pathKey() });
        }}
      />
      <div className="grid gap-4">
        {conflicts ? <ConflictList {...conflicts} /> : null}
        {inTheWay ? <EntryConflicts entry={inTheWay} /> : null}
        {entries.isPending ? (
          <Skeleton className="h-48 rounded-xl" />
        ) : entries.isError ? (
          <LoadError error={entries.error} onRetry={() => entries.refetch()} />
        ) : entries.data.length === 0 ? (
          <EmptyState icon={<CalendarX2 />} title={t('none')} />
        ) : (
          <ul className="bg-card divide-y rounded-xl border" aria-label={t('list')}>
            {entries.data.map((entry) => (
              <li key={entry.id} className="flex items-center justify-between gap-3 p-4">
                <div className="grid min-w-0 gap-0.5">
                  <p className="flex flex-wrap items-center gap-2 font-medium">
                    {entry.therapist?.name ?? t('wholeClinic')}
                    {entry.therapist ? null : <Badge variant="secondary">{t('holiday')}</Badge>}
                    {entry.recursYearly ? <Badge variant="outline">{t('everyYear')}</Badge> : null}
                  </p>
                  <p className="text-muted-foreground text-sm">
                    {formatDayRange(entry.firstDay, entry.lastDay)}
                    {entry.reason ? ` · ${entry.reason}` : ''}
                  </p>
                </div>
                <div className="flex shrink-0 flex-wrap justify-end gap-1">
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setInTheWay(entry)}
                    aria-label={t('inTheWayOf', {
                      who: entry.therapist?.name ?? t('clinicHoliday'),
                      day: formatDayRange(entry.firstDay, entry.firstDay),
                    })}
                  >
                    {t('inTheWay')}
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    loading={remove.isPending && remove.variables?.id === entry.id}
                    onClick={() => remove.mutate({ id: entry.id })}
                    aria-label={t('removeOf', {
                      who: entry.therapist?.name ?? t('clinicHoliday'),
                      day: formatDayRange(entry.firstDay, entry.firstDay),
                    })}
                  >
                    {t('remove')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** The booked sessions still on an existing entry's days (a yearly one: over the coming year). */
function EntryConflicts({ entry }: { entry: Entry }) {
  const t = useTranslations('staff.timeOff');
  const { formatDayRange } = useFormat();
  const trpc = useTRPC();
  const conflicts = useQuery(trpc.timeOff.conflicts.queryOptions({ id: entry.id }));
  const label = t('daysOffFrom', {
    who: entry.therapist?.name ?? t('theClinic'),
    day: formatDayRange(entry.firstDay, entry.firstDay),
  });
  if (conflicts.isPending) return <Skeleton className="h-20 rounded-xl" />;
  if (conflicts.isError) {
    return <LoadError error={conflicts.error} onRetry={() => conflicts.refetch()} />;
  }
  if (conflicts.data.length === 0) {
    return (
      <Alert variant="info">
        <CalendarX2 />
        <AlertTitle>{t('nothingBooked', { label })}</AlertTitle>
      </Alert>
    );
  }
  return <ConflictList label={label} items={conflicts.data} />;
}

function ConflictList({ label, items }: { label: string; items: Conflict[] }) {
  const { formatTime, formatLongDay } = useFormat();
  const t = useTranslations('staff.timeOff');
  return (
    <Alert variant="info">
      <TriangleAlert />
      <AlertTitle>{t('conflicts', { count: items.length, label })}</AlertTitle>
      <AlertDescription>
        <p>{t('stayBooked')}</p>
        <ul className="mt-2 grid gap-1">
          {items.map((r) => (
            <li key={r.id}>
              {formatLongDay(r.startsAt, r.branch.timeZone)},{' '}
              {formatTime(r.startsAt, r.branch.timeZone)} ·{' '}
              {t('clientWith', { client: r.client.name, therapist: r.therapist.name })}
            </li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}

function TimeOffForm({ onCreated }: { onCreated: (label: string, conflicts: Conflict[]) => void }) {
  const t = useTranslations('staff.timeOff');
  const trpc = useTRPC();
  const therapists = useQuery(trpc.therapist.list.queryOptions());
  const form = useZodForm(ZTimeOffCreateInput, {
    defaultValues: {
      therapistId: null,
      firstDay: '',
      lastDay: '',
      recursYearly: false,
      reason: '',
    },
  });
  const create = useMutation(
    trpc.timeOff.create.mutationOptions({
      onSuccess: ({ timeOff, conflicts }) => {
        const who = timeOff.therapist?.name ?? t('theClinic');
        toast.success(t('added', { who }));
        form.reset();
        onCreated(t('daysOff', { who }), conflicts);
      },
      onError: (error) =>
        applyServerError(form, error, ['therapistId', 'firstDay', 'lastDay', 'reason']),
    }),
  );
  const { errors } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('add')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((values) =>
            create.mutate({ ...values, reason: values.reason || null }),
          )}
        >
          <FormError message={errors.root?.server?.message} />
          <Field id="to-who" label={t('who')} error={errors.therapistId?.message}>
            <NativeSelect
              {...fieldAria('to-who', errors.therapistId?.message)}
              {...form.register('therapistId', {
                setValueAs: (v: string | null) => (v === CLINIC || v === null ? null : v),
              })}
            >
              <option value={CLINIC}>{t('wholeClinicHoliday')}</option>
              {(therapists.data ?? []).map((therapist) => (
                <option key={therapist.id} value={therapist.id}>
                  {therapist.name}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field id="to-first" label={t('firstDay')} error={errors.firstDay?.message}>
              <Input
                type="date"
                {...fieldAria('to-first', errors.firstDay?.message)}
                {...form.register('firstDay')}
              />
            </Field>
            <Field id="to-last" label={t('lastDay')} error={errors.lastDay?.message}>
              <Input
                type="date"
                {...fieldAria('to-last', errors.lastDay?.message)}
                {...form.register('lastDay')}
              />
            </Field>
          </div>
          <Field id="to-reason" label={t('reason')} error={errors.reason?.message}>
            <Input
              {...fieldAria('to-reason', errors.reason?.message)}
              {...form.register('reason')}
            />
          </Field>
          <label className="flex items-center gap-3 text-sm">
            <input
              type="checkbox"
              className="accent-primary size-4"
              {...form.register('recursYearly')}
            />
            {t('yearly')}
          </label>
          <Button type="submit" loading={create.isPending}>
            {t('add')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
