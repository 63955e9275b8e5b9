'use client';

import { ZCatalogCreateInput } from '@eventora/api/schemas';
import { Badge } from '@eventora/ui/badge';
import { EditSheetForm } from '@eventora/ui/edit-sheet';
import { Field, fieldAria } from '@eventora/ui/field';
import { useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { Skeleton } from '@eventora/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';
import { Textarea } from '@eventora/ui/textarea';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Package as PackageIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';

import { useFormat } from '~/i18n/use-format';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';
import { PriceField, RecordActions, RecordManager, useArchived } from './record-manager';
import { useSheetSave } from './use-sheet-save';

type Package = RouterOutputs['catalog']['list'][number];

/** Packages on sale (and archived ones): price, sessions, validity; add, edit, take off sale. */
export function PackagesManager() {
  const { formatMoney } = useFormat();
  const t = useTranslations('staff.packages');
  const trpc = useTRPC();
  const packages = useQuery(trpc.catalog.list.queryOptions({ includeArchived: true }));
  const archive = useMutation(
    trpc.catalog.archive.mutationOptions(
      useArchived(trpc.catalog.pathKey(), (pkg: Package) => t('archived', { name: pkg.name })),
    ),
  );
  return (
    <RecordManager
      query={packages}
      addLabel={t('add')}
      loading={<Skeleton className="h-48 rounded-xl" />}
      empty={{
        icon: <PackageIcon />,
        title: t('none'),
        description: t('noneText'),
      }}
      renderForm={(pkg, close) => <PackageForm pkg={pkg} onDone={close} />}
    >
      {(items, edit) => (
        <div className="bg-card rounded-xl border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('package')}</TableHead>
                <TableHead>{t('sessions')}</TableHead>
                <TableHead>{t('price')}</TableHead>
                <TableHead>{t('validFor')}</TableHead>
                <TableHead>
                  <span className="sr-only">{t('actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((pkg) => (
                <TableRow key={pkg.id}>
                  <TableCell className="font-medium">
                    {pkg.name}{' '}
                    {pkg.archivedAt ? <Badge variant="secondary">{t('offSale')}</Badge> : null}
                  </TableCell>
                  <TableCell>{pkg.sessionsIncluded}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {formatMoney(pkg.priceCents, pkg.currency)}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {t('days', { days: pkg.validityDays })}
                  </TableCell>
                  <TableCell className="text-right whitespace-nowrap">
                    <RecordActions
                      name={pkg.name}
                      onEdit={() => edit(pkg)}
                      archived={Boolean(pkg.archivedAt)}
                      archiveLabel={t('takeOffSale')}
                      archiveAriaLabel={t('takeOffSaleName', { name: pkg.name })}
                      onArchive={() => archive.mutate({ id: pkg.id })}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </RecordManager>
  );
}

function PackageForm({ pkg, onDone }: { pkg?: Package; onDone: () => void }) {
  const t = useTranslations('staff.packages');
  const trpc = useTRPC();
  const form = useZodForm(ZCatalogCreateInput, {
    defaultValues: {
      name: pkg?.name ?? '',
      description: pkg?.description ?? '',
      sessionsIncluded: pkg?.sessionsIncluded ?? 5,
      priceCents: pkg?.priceCents ?? 0,
      currency: pkg?.currency ?? 'usd',
      validityDays: pkg?.validityDays ?? 90,
    },
  });
  const save = useSheetSave(form, {
    saved: pkg ? t('updated') : t('added'),
    fields: ['name', 'description', 'sessionsIncluded', 'priceCents', 'currency', 'validityDays'],
    refresh: [trpc.catalog.pathKey()],
    onDone,
  });
  const create = useMutation(trpc.catalog.create.mutationOptions(save));
  const update = useMutation(trpc.catalog.update.mutationOptions(save));
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    const input = { ...values, description: values.description || null };
    if (pkg) update.mutate({ id: pkg.id, ...input });
    else create.mutate(input);
  });
  return (
    <EditSheetForm
      title={pkg ? t('editTitle', { name: pkg.name }) : t('addTitle')}
      description={t('formText')}
      error={errors.root?.server?.message}
      submitLabel={pkg ? t('saveChanges') : t('add')}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Field id="p-name" label={t('name')} error={errors.name?.message}>
        <Input {...fieldAria('p-name', errors.name?.message)} {...form.register('name')} />
      </Field>
      <Field id="p-description" label={t('description')} error={errors.description?.message}>
        <Textarea
          rows={2}
          {...fieldAria('p-description', errors.description?.message)}
          {...form.register('description')}
        />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field id="p-sessions" label={t('sessions')} error={errors.sessionsIncluded?.message}>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            {...fieldAria('p-sessions', errors.sessionsIncluded?.message)}
            {...form.register('sessionsIncluded', { valueAsNumber: true })}
          />
        </Field>
        <Field id="p-validity" label={t('validDays')} error={errors.validityDays?.message}>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            {...fieldAria('p-validity', errors.validityDays?.message)}
            {...form.register('validityDays', { valueAsNumber: true })}
          />
        </Field>
        <PriceField
          id="p-price"
          error={errors.priceCents?.message}
          initialCents={pkg?.priceCents}
          onCents={(cents) => form.setValue('priceCents', cents, { shouldValidate: true })}
        />
        <Field id="p-currency" label={t('currency')} error={errors.currency?.message}>
          <Input
            maxLength={3}
            className="uppercase"
            autoCapitalize="characters"
            {...fieldAria('p-currency', errors.currency?.message)}
            {...form.register('currency')}
          />
        </Field>
      </div>
    </EditSheetForm>
  );
}
