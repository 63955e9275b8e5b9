'use client';

import { ZServiceCreateInput } from '@eventora/api/schemas';
import { Badge } from '@eventora/ui/badge';
import { EditSheetForm } from '@eventora/ui/edit-sheet';
import { Field, fieldAria } from '@eventora/ui/field';
import { useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { Skeleton } from '@eventora/ui/skeleton';
import { Textarea } from '@eventora/ui/textarea';
import { useMutation, useQuery } from '@tanstack/react-query';
import { HandCoins } from 'lucide-react';
import { useTranslations } from 'next-intl';

import { useFormat } from '~/i18n/use-format';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';
import {
  MinutesField,
  PriceField,
  RecordActions,
  RecordManager,
  useArchived,
} from './record-manager';
import { useSheetSave } from './use-sheet-save';

type Service = RouterOutputs['service']['list'][number];

/** The services on offer (and archived ones): length, price, who offers them; add and edit. */
export function ServicesManager() {
  const { formatMoney } = useFormat();
  const t = useTranslations('staff.services');
  const trpc = useTRPC();
  const services = useQuery(trpc.service.list.queryOptions({ includeArchived: true }));
  const archive = useMutation(
    trpc.service.archive.mutationOptions(
      useArchived(trpc.service.pathKey(), (service: Service) =>
        t('archived', { name: service.name }),
      ),
    ),
  );
  return (
    <RecordManager
      query={services}
      addLabel={t('add')}
      loading={<Skeleton className="h-48 rounded-xl" />}
      empty={{
        icon: <HandCoins />,
        title: t('none'),
        description: t('noneText'),
      }}
      renderForm={(service, close) => <ServiceForm service={service} onDone={close} />}
    >
      {(items, edit) => (
        <ul className="grid gap-3 md:grid-cols-2" aria-label={t('list')}>
          {items.map((service) => (
            <li
              key={service.id}
              className="bg-card grid gap-2 rounded-xl border p-4"
              aria-label={service.name}
            >
              <div className="flex items-start justify-between gap-3">
                <div className="grid min-w-0 gap-0.5">
                  <p className="flex flex-wrap items-center gap-2 font-medium">
                    {service.name}
                    {service.archivedAt ? (
                      <Badge variant="secondary">{t('archivedBadge')}</Badge>
                    ) : null}
                  </p>
                  <p className="text-muted-foreground text-sm">
                    {t('minutes', { minutes: service.durationMinutes })} ·{' '}
                    {formatMoney(service.priceCents, service.currency)}
                  </p>
                </div>
                <div className="flex shrink-0 gap-1">
                  <RecordActions
                    name={service.name}
                    onEdit={() => edit(service)}
                    archived={Boolean(service.archivedAt)}
                    archiveLabel={t('archive')}
                    archiveAriaLabel={t('archiveName', { name: service.name })}
                    onArchive={() => archive.mutate({ id: service.id })}
                  />
                </div>
              </div>
              <p className="text-sm">
                {service.therapists.length ? (
                  service.therapists.map((therapist) => therapist.name).join(', ')
                ) : (
                  <span className="text-muted-foreground">{t('noTherapist')}</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </RecordManager>
  );
}

function ServiceForm({ service, onDone }: { service?: Service; onDone: () => void }) {
  const t = useTranslations('staff.services');
  const trpc = useTRPC();
  const therapists = useQuery(trpc.therapist.list.queryOptions());
  const form = useZodForm(ZServiceCreateInput, {
    defaultValues: {
      name: service?.name ?? '',
      description: service?.description ?? '',
      durationMinutes: service?.durationMinutes ?? 60,
      priceCents: service?.priceCents ?? 0,
      therapistIds: service?.therapists.map((therapist) => therapist.id) ?? [],
    },
  });
  const chosen = form.watch('therapistIds') ?? [];
  const save = useSheetSave(form, {
    saved: service ? t('updated') : t('added'),
    fields: ['name', 'description', 'durationMinutes', 'priceCents', 'therapistIds'],
    refresh: [trpc.service.pathKey()],
    onDone,
  });
  const create = useMutation(trpc.service.create.mutationOptions(save));
  const update = useMutation(trpc.service.update.mutationOptions(save));
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    const input = { ...values, description: values.description || null };
    if (service) update.mutate({ id: service.id, ...input });
    else create.mutate(input);
  });
  const toggle = (id: string, on: boolean) =>
    form.setValue('therapistIds', on ? [...chosen, id] : chosen.filter((other) => other !== id), {
      shouldDirty: true,
    });
  return (
    <EditSheetForm
      title={service ? t('editTitle', { name: service.name }) : t('addTitle')}
      description={t('formText')}
      error={errors.root?.server?.message}
      submitLabel={service ? t('saveChanges') : t('add')}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Field id="sv-name" label={t('name')} error={errors.name?.message}>
        <Input {...fieldAria('sv-name', errors.name?.message)} {...form.register('name')} />
      </Field>
      <Field id="sv-description" label={t('description')} error={errors.description?.message}>
        <Textarea
          rows={2}
          {...fieldAria('sv-description', errors.description?.message)}
          {...form.register('description')}
        />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <MinutesField
          id="sv-duration"
          label={t('length')}
          error={errors.durationMinutes?.message}
          registration={form.register('durationMinutes', { valueAsNumber: true })}
        />
        <PriceField
          id="sv-price"
          error={errors.priceCents?.message}
          initialCents={service?.priceCents}
          onCents={(cents) => form.setValue('priceCents', cents, { shouldValidate: true })}
        />
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{t('offeredBy')}</legend>
        {therapists.isPending ? (
          <Skeleton className="h-16" />
        ) : (
          (therapists.data ?? []).map((therapist) => (
            <label key={therapist.id} className="flex items-center gap-3 text-sm">
              <input
                type="checkbox"
                className="accent-primary size-4"
                checked={chosen.includes(therapist.id)}
                onChange={(e) => toggle(therapist.id, e.target.checked)}
              />
              {therapist.name}
            </label>
          ))
        )}
        {errors.therapistIds?.message ? (
          <p role="alert" className="text-destructive text-sm font-medium">
            {errors.therapistIds.message}
          </p>
        ) : null}
      </fieldset>
    </EditSheetForm>
  );
}
