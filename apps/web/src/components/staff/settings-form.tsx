'use client';

import { ZSettingsUpdateInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@eventora/ui/card';
import { Field, fieldAria } from '@eventora/ui/field';
import { applyServerError, FormError, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { NativeSelect } from '@eventora/ui/native-select';
import { LoadError } from '@eventora/ui/load-error';
import { Skeleton } from '@eventora/ui/skeleton';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import type { z } from 'zod';

import { LANGUAGE_NAMES, LOCALE_CODES, localeOf } from '~/i18n/locales';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

type Values = z.input<typeof ZSettingsUpdateInput>;
type Settings = RouterOutputs['settings']['get'];

const FIELDS = [
  'name',
  'brandColor',
  'logoUrl',
  'contactEmail',
  'contactPhone',
  'address',
  'cancellationWindowHours',
  'reminderHoursBefore',
  'timezone',
  'currency',
  'noShowKeepsCredit',
  'waitlistHoldMinutes',
  'locale',
] as const;

/** An empty optional field means "none" (null), not an empty string. */
const orNull = (value: unknown) => (value === '' ? null : value);

/** The clinic's profile (name, branding, contact), language and rules, as owners change them. */
export function SettingsForm() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions());
  if (settings.isPending) return <Skeleton className="h-[32rem] max-w-3xl rounded-xl" />;
  if (settings.isError)
    return <LoadError error={settings.error} onRetry={() => settings.refetch()} />;
  return <Form settings={settings.data} />;
}

function Form({ settings }: { settings: Settings }) {
  const t = useTranslations('staff.settings');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const form = useZodForm(ZSettingsUpdateInput, { defaultValues: settings });
  const update = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (saved) => {
        toast.success(t('saved'));
        form.reset(saved);
        queryClient.setQueryData(trpc.settings.get.queryKey(), saved);
        // The header and the schedule read the clinic's name, colour and rules on the server,
        // and the page's language follows the clinic's for anyone without a choice of their own.
        router.refresh();
      },
      onError: (error) => applyServerError(form, error, FIELDS),
    }),
  );
  const { errors, isDirty, dirtyFields } = form.formState;
  const submit = form.handleSubmit((values) => {
    // Only what changed is sent, so the audit entry names exactly those fields.
    const changed = Object.fromEntries(
      Object.entries(values).filter(([key]) => dirtyFields[key as keyof Values]),
    );
    update.mutate(changed);
  });
  const text = (name: Exclude<(typeof FIELDS)[number], 'locale'>, nullable = false) =>
    form.register(name, nullable ? { setValueAs: orNull } : {});
  const number = (
    name: 'cancellationWindowHours' | 'reminderHoursBefore' | 'waitlistHoldMinutes',
  ) => form.register(name, { valueAsNumber: true });
  return (
    <form noValidate onSubmit={submit} className="grid max-w-3xl gap-6">
      <FormError message={errors.root?.server?.message} />
      <Card>
        <CardHeader>
          <CardTitle>{t('profile')}</CardTitle>
          <CardDescription>{t('profileText')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field
            id="s-name"
            label={t('name')}
            error={errors.name?.message}
            className="sm:col-span-2"
          >
            <Input {...fieldAria('s-name', errors.name?.message)} {...text('name')} />
          </Field>
          <Field
            id="s-color"
            label={t('brandColor')}
            description={t('brandColorText')}
            error={errors.brandColor?.message}
          >
            <div className="flex gap-2">
              <input
                type="color"
                aria-label={t('pickColor')}
                className="border-input h-10 w-12 shrink-0 rounded-md border"
                value={form.watch('brandColor') ?? '#0f766e'}
                onChange={(event) =>
                  form.setValue('brandColor', event.target.value, {
                    shouldDirty: true,
                    shouldValidate: true,
                  })
                }
              />
              <Input
                {...fieldAria('s-color', errors.brandColor?.message, true)}
                {...text('brandColor', true)}
              />
            </div>
          </Field>
          <Field
            id="s-logo"
            label={t('logo')}
            description={t('logoText')}
            error={errors.logoUrl?.message}
          >
            <Input
              type="url"
              inputMode="url"
              {...fieldAria('s-logo', errors.logoUrl?.message, true)}
              {...text('logoUrl', true)}
            />
          </Field>
          <Field id="s-email" label={t('contactEmail')} error={errors.contactEmail?.message}>
            <Input
              type="email"
              inputMode="email"
              {...fieldAria('s-email', errors.contactEmail?.message)}
              {...text('contactEmail', true)}
            />
          </Field>
          <Field id="s-phone" label={t('contactPhone')} error={errors.contactPhone?.message}>
            <Input
              type="tel"
              inputMode="tel"
              {...fieldAria('s-phone', errors.contactPhone?.message)}
              {...text('contactPhone', true)}
            />
          </Field>
          <Field
            id="s-address"
            label={t('address')}
            error={errors.address?.message}
            className="sm:col-span-2"
          >
            <Input
              autoComplete="street-address"
              {...fieldAria('s-address', errors.address?.message)}
              {...text('address', true)}
            />
          </Field>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <label htmlFor="s-locale">{t('language')}</label>
          </CardTitle>
          <CardDescription>{t('languageText')}</CardDescription>
        </CardHeader>
        <CardContent>
          <NativeSelect id="s-locale" className="max-w-xs" {...form.register('locale')}>
            {/* Spanish first: the clinics are in Mexico first. */}
            {[...LOCALE_CODES].reverse().map((code) => (
              <option key={code} value={code} lang={localeOf(code)}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </NativeSelect>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('rules')}</CardTitle>
          <CardDescription>{t('rulesText')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field
            id="s-window"
            label={t('window')}
            description={t('windowText')}
            error={errors.cancellationWindowHours?.message}
          >
            <Input
              type="number"
              inputMode="numeric"
              min={0}
              max={720}
              {...fieldAria('s-window', errors.cancellationWindowHours?.message, true)}
              {...number('cancellationWindowHours')}
            />
          </Field>
          <Field
            id="s-reminder"
            label={t('reminder')}
            description={t('reminderText')}
            error={errors.reminderHoursBefore?.message}
          >
            <Input
              type="number"
              inputMode="numeric"
              min={1}
              max={168}
              {...fieldAria('s-reminder', errors.reminderHoursBefore?.message, true)}
              {...number('reminderHoursBefore')}
            />
          </Field>
          <Field
            id="s-waitlist-hold"
            label={t('waitlistHold')}
            description={t('waitlistHoldText')}
            error={errors.waitlistHoldMinutes?.message}
          >
            <Input
              type="number"
              inputMode="numeric"
              min={5}
              max={1440}
              {...fieldAria('s-waitlist-hold', errors.waitlistHoldMinutes?.message, true)}
              {...number('waitlistHoldMinutes')}
            />
          </Field>
          <Field
            id="s-timezone"
            label={t('timezone')}
            description={t('timezoneText')}
            error={errors.timezone?.message}
          >
            <Input
              list="settings-timezones"
              {...fieldAria('s-timezone', errors.timezone?.message, true)}
              {...text('timezone')}
            />
          </Field>
          <datalist id="settings-timezones">
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <Field
            id="s-currency"
            label={t('currency')}
            description={t('currencyText')}
            error={errors.currency?.message}
          >
            <Input
              maxLength={3}
              className="uppercase"
              {...fieldAria('s-currency', errors.currency?.message, true)}
              {...form.register('currency', { setValueAs: (v: string) => v.trim().toLowerCase() })}
            />
          </Field>
          <label className="flex items-start gap-3 text-sm sm:col-span-2">
            <input
              type="checkbox"
              className="accent-primary mt-0.5 size-4"
              {...form.register('noShowKeepsCredit')}
            />
            <span>
              <span className="font-medium">{t('noShow')}</span>
              <span className="text-muted-foreground block">{t('noShowText')}</span>
            </span>
          </label>
        </CardContent>
      </Card>
      <div className="flex justify-end gap-2">
        <Button
          type="button"
          variant="outline"
          disabled={!isDirty || update.isPending}
          onClick={() => form.reset(settings)}
        >
          {t('discard')}
        </Button>
        <Button type="submit" loading={update.isPending} disabled={!isDirty}>
          {t('save')}
        </Button>
      </div>
    </form>
  );
}
