'use client';

import { ZBranchCreateInput } from '@eventora/api/schemas';
import { EditSheetForm } from '@eventora/ui/edit-sheet';
import { Field, fieldAria } from '@eventora/ui/field';
import { useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { Skeleton } from '@eventora/ui/skeleton';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Building2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';

import { useFormat } from '~/i18n/use-format';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';
import { RecordCard, RecordManager } from './record-manager';
import { useSheetSave } from './use-sheet-save';
import { WeeklyIntervals, type Interval } from './weekly-intervals';

type Branch = RouterOutputs['branch']['list'][number];

/** Branches with their hours; add and edit in a side sheet. */
export function BranchesManager() {
  const { formatMinutes, weekdayName } = useFormat();
  const t = useTranslations('staff.branches');
  const trpc = useTRPC();
  const branches = useQuery(trpc.branch.list.queryOptions());
  return (
    <RecordManager
      query={branches}
      addLabel={t('add')}
      loading={<Skeleton className="h-48 rounded-xl" />}
      empty={{
        icon: <Building2 />,
        title: t('none'),
        description: t('noneText'),
      }}
      sheetClassName="sm:max-w-xl"
      renderForm={(branch, close) => <BranchForm branch={branch} onDone={close} />}
    >
      {(items, edit) => (
        <div className="grid gap-3 md:grid-cols-2">
          {items.map((b) => (
            <RecordCard
              key={b.id}
              name={b.name}
              description={`${b.address ?? t('noAddress')} · ${b.timezone.replace(/_/g, ' ')}`}
              onEdit={() => edit(b)}
            >
              <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
                {[1, 2, 3, 4, 5, 6, 0].map((weekday) => {
                  const hours = b.openingHours.filter((h) => h.weekday === weekday);
                  return (
                    <div key={weekday} className="contents">
                      <dt className="text-muted-foreground">{weekdayName(weekday)}</dt>
                      <dd>
                        {hours.length
                          ? hours
                              .map(
                                (h) => `${formatMinutes(h.opensAt)}–${formatMinutes(h.closesAt)}`,
                              )
                              .join(', ')
                          : t('closed')}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </RecordCard>
          ))}
        </div>
      )}
    </RecordManager>
  );
}

function BranchForm({ branch, onDone }: { branch?: Branch; onDone: () => void }) {
  const t = useTranslations('staff.branches');
  const trpc = useTRPC();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const form = useZodForm(ZBranchCreateInput, {
    defaultValues: {
      name: branch?.name ?? '',
      address: branch?.address ?? '',
      timezone: branch?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
  });
  const [hours, setHours] = useState<Interval[]>(
    () =>
      branch?.openingHours.map((h) => ({
        weekday: h.weekday,
        start: h.opensAt,
        end: h.closesAt,
      })) ?? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 9 * 60, end: 19 * 60 })),
  );
  const save = useSheetSave(form, {
    saved: branch ? t('updated') : t('added'),
    fields: ['name', 'address', 'timezone'],
    // Therapists' cards name their branches.
    refresh: [trpc.branch.pathKey(), trpc.therapist.pathKey()],
    onDone,
  });
  const create = useMutation(trpc.branch.create.mutationOptions(save));
  const update = useMutation(trpc.branch.update.mutationOptions(save));
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    const input = {
      ...values,
      address: values.address || null,
      openingHours: hours.map((h) => ({ weekday: h.weekday, opensAt: h.start, closesAt: h.end })),
    };
    if (branch) update.mutate({ id: branch.id, ...input });
    else create.mutate(input);
  });
  return (
    <EditSheetForm
      title={branch ? t('editTitle', { name: branch.name }) : t('addTitle')}
      description={t('formText')}
      error={errors.root?.server?.message}
      submitLabel={branch ? t('saveChanges') : t('add')}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Field id="b-name" label={t('name')} error={errors.name?.message}>
        <Input {...fieldAria('b-name', errors.name?.message)} {...form.register('name')} />
      </Field>
      <Field id="b-address" label={t('address')} error={errors.address?.message}>
        <Input
          autoComplete="street-address"
          {...fieldAria('b-address', errors.address?.message)}
          // Left empty, a branch has no address (null), not an empty one.
          {...form.register('address', { setValueAs: (value: string) => value.trim() || null })}
        />
      </Field>
      <Field
        id="b-timezone"
        label={t('timezone')}
        description={t('timezoneText')}
        error={errors.timezone?.message}
      >
        <Input
          list="timezones"
          {...fieldAria('b-timezone', errors.timezone?.message, true)}
          {...form.register('timezone')}
        />
      </Field>
      <datalist id="timezones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <fieldset className="grid min-w-0 gap-2">
        <legend className="mb-2 text-sm font-medium">{t('openingHours')}</legend>
        <WeeklyIntervals idPrefix="hours" value={hours} onChange={setHours} />
      </fieldset>
    </EditSheetForm>
  );
}
