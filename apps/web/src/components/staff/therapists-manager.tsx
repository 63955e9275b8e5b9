'use client';

import { ZTherapistCreateInput } from '@eventora/api/schemas';
import { Badge } from '@eventora/ui/badge';
import { EditSheetForm } from '@eventora/ui/edit-sheet';
import { errorMessage } from '@eventora/ui/error-message';
import { Field, fieldAria } from '@eventora/ui/field';
import { useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { Skeleton } from '@eventora/ui/skeleton';
import { Textarea } from '@eventora/ui/textarea';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Stethoscope } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useFormat } from '~/i18n/use-format';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';
import { MinutesField, RecordCard, RecordManager } from './record-manager';
import { useSheetSave } from './use-sheet-save';
import { WeeklyIntervals, type Interval } from './weekly-intervals';

type Therapist = RouterOutputs['therapist']['list'][number];

/** The clinic's therapists with their branches and weekly shifts; add and edit in a side sheet. */
export function TherapistsManager() {
  const { formatMinutes, weekdayName } = useFormat();
  const t = useTranslations('staff.therapists');
  const trpc = useTRPC();
  const therapists = useQuery(trpc.therapist.list.queryOptions());
  return (
    <RecordManager
      query={therapists}
      addLabel={t('add')}
      loading={
        <div className="grid gap-3 md:grid-cols-2">
          <Skeleton className="h-40 rounded-xl" />
          <Skeleton className="h-40 rounded-xl" />
        </div>
      }
      empty={{
        icon: <Stethoscope />,
        title: t('none'),
        description: t('noneText'),
      }}
      sheetClassName="sm:max-w-xl"
      renderForm={(therapist, close) => <TherapistForm therapist={therapist} onDone={close} />}
    >
      {(items, edit) => (
        <div className="grid gap-3 md:grid-cols-2">
          {items.map((therapist) => (
            <RecordCard
              key={therapist.id}
              name={therapist.name}
              description={t('sessionLength', { minutes: therapist.sessionMinutes })}
              onEdit={() => edit(therapist)}
              contentClassName="grid gap-3 text-sm"
            >
              {therapist.bio ? (
                <p className="text-muted-foreground line-clamp-2">{therapist.bio}</p>
              ) : null}
              {therapist.branches.length === 0 ? (
                <Badge variant="warning">{t('noBranch')}</Badge>
              ) : (
                therapist.branches.map((b) => (
                  <div key={b.branchId}>
                    <p className="font-medium">{b.branchName}</p>
                    <p className="text-muted-foreground">
                      {b.shifts.length === 0
                        ? t('noShifts')
                        : b.shifts
                            .map(
                              (s) =>
                                `${weekdayName(s.weekday, 'short')} ${formatMinutes(s.startsAt)}–${formatMinutes(s.endsAt)}`,
                            )
                            .join(' · ')}
                    </p>
                  </div>
                ))
              )}
            </RecordCard>
          ))}
        </div>
      )}
    </RecordManager>
  );
}

function TherapistForm({ therapist, onDone }: { therapist?: Therapist; onDone: () => void }) {
  const t = useTranslations('staff.therapists');
  const trpc = useTRPC();
  const branches = useQuery(trpc.branch.list.queryOptions());
  const form = useZodForm(ZTherapistCreateInput, {
    defaultValues: {
      name: therapist?.name ?? '',
      bio: therapist?.bio ?? '',
      sessionMinutes: therapist?.sessionMinutes ?? 60,
    },
  });
  const [assignments, setAssignments] = useState<Map<string, Interval[]>>(
    () =>
      new Map(
        (therapist?.branches ?? []).map((b) => [
          b.branchId,
          b.shifts.map((s) => ({ weekday: s.weekday, start: s.startsAt, end: s.endsAt })),
        ]),
      ),
  );
  const save = useSheetSave(form, {
    saved: therapist ? t('updated') : t('added'),
    fields: ['name', 'bio', 'sessionMinutes'],
    refresh: [trpc.therapist.pathKey()],
    onDone,
  });
  const create = useMutation(trpc.therapist.create.mutationOptions(save));
  const update = useMutation(trpc.therapist.update.mutationOptions(save));
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) => {
    const branchesInput = [...assignments].map(([branchId, shifts]) => ({
      branchId,
      shifts: shifts.map((s) => ({ weekday: s.weekday, startsAt: s.start, endsAt: s.end })),
    }));
    const input = { ...values, bio: values.bio || null, branches: branchesInput };
    if (therapist) update.mutate({ id: therapist.id, ...input });
    else create.mutate(input);
  });

  return (
    <EditSheetForm
      title={therapist ? t('editTitle', { name: therapist.name }) : t('addTitle')}
      description={t('formText')}
      error={errors.root?.server?.message}
      submitLabel={therapist ? t('saveChanges') : t('add')}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Field id="t-name" label={t('name')} error={errors.name?.message}>
        <Input {...fieldAria('t-name', errors.name?.message)} {...form.register('name')} />
      </Field>
      <Field id="t-bio" label={t('bio')} description={t('bioText')} error={errors.bio?.message}>
        <Textarea
          rows={3}
          {...fieldAria('t-bio', errors.bio?.message, true)}
          {...form.register('bio')}
        />
      </Field>
      <MinutesField
        id="t-minutes"
        label={t('length')}
        error={errors.sessionMinutes?.message}
        registration={form.register('sessionMinutes', { valueAsNumber: true })}
        className="w-32"
      />
      <fieldset className="grid min-w-0 gap-3">
        <legend className="mb-2 text-sm font-medium">{t('branchesAndShifts')}</legend>
        {branches.isPending ? <Skeleton className="h-10" /> : null}
        {(branches.data ?? []).map((branch) => {
          const checked = assignments.has(branch.id);
          return (
            <div key={branch.id} className="grid gap-2">
              <label className="flex items-center gap-2 text-sm font-medium">
                <input
                  type="checkbox"
                  className="accent-primary size-4"
                  checked={checked}
                  onChange={(e) => {
                    const next = new Map(assignments);
                    if (e.target.checked) next.set(branch.id, []);
                    else next.delete(branch.id);
                    setAssignments(next);
                  }}
                />
                {t('worksAt', { branch: branch.name })}
              </label>
              {checked ? (
                <WeeklyIntervals
                  idPrefix={`shift-${branch.id}`}
                  kind="shift"
                  value={assignments.get(branch.id) ?? []}
                  onChange={(shifts) => setAssignments(new Map(assignments).set(branch.id, shifts))}
                />
              ) : null}
            </div>
          );
        })}
      </fieldset>
      {create.isError || update.isError ? (
        <p className="sr-only" role="status">
          {errorMessage(create.error ?? update.error)}
        </p>
      ) : null}
    </EditSheetForm>
  );
}
