'use client';

import { ZClientCreateInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { applyServerError, FormError, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

export type CreatedClient = RouterOutputs['client']['create']['client'];

/**
 * Adds a client (a walk-in, a phone booking). With "invite", they get a link to the portal to
 * choose a password; without, the account waits until they reset a password themselves.
 */
export function NewClientForm({
  idPrefix = 'new-client',
  submitLabel,
  onCreated,
  onCancel,
}: {
  idPrefix?: string;
  submitLabel?: string;
  onCreated: (client: CreatedClient) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations('staff.clientForm');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(ZClientCreateInput, {
    defaultValues: { name: '', email: '', phone: '', invite: false },
  });
  const create = useMutation(
    trpc.client.create.mutationOptions({
      onSuccess: ({ client }, input) => {
        toast.success(t(input.invite ? 'addedInvited' : 'added', { name: client.name }));
        void queryClient.invalidateQueries({ queryKey: trpc.client.list.pathKey() });
        onCreated(client);
      },
      onError: (error) => applyServerError(form, error, ['name', 'email', 'phone']),
    }),
  );
  const { errors } = form.formState;
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={form.handleSubmit((values) =>
        create.mutate({ ...values, phone: values.phone || null }),
      )}
    >
      <FormError message={errors.root?.server?.message} />
      <Field id={id('name')} label={t('name')} error={errors.name?.message}>
        <Input
          autoComplete="off"
          {...fieldAria(id('name'), errors.name?.message)}
          {...form.register('name')}
        />
      </Field>
      <Field id={id('email')} label={t('email')} error={errors.email?.message}>
        <Input
          type="email"
          inputMode="email"
          autoComplete="off"
          {...fieldAria(id('email'), errors.email?.message)}
          {...form.register('email')}
        />
      </Field>
      <Field id={id('phone')} label={t('phoneOptional')} error={errors.phone?.message}>
        <Input
          type="tel"
          inputMode="tel"
          autoComplete="off"
          {...fieldAria(id('phone'), errors.phone?.message)}
          {...form.register('phone')}
        />
      </Field>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="accent-primary mt-0.5 size-4"
          {...form.register('invite')}
        />
        <span>
          <span className="font-medium">{t('invite')}</span>
          <span className="text-muted-foreground block">{t('inviteText')}</span>
        </span>
      </label>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {onCancel ? (
          <Button type="button" variant="outline" onClick={onCancel}>
            {t('cancel')}
          </Button>
        ) : null}
        <Button type="submit" loading={create.isPending}>
          {submitLabel ?? t('add')}
        </Button>
      </div>
    </form>
  );
}
