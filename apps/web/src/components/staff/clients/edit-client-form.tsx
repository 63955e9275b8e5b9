'use client';

import { ZClientUpdateInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { applyServerError, FormError, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

type Client = RouterOutputs['client']['byId']['client'];

/**
 * Corrects a client's name and phone at once. A new email only takes effect when its owner
 * follows the link sent to it, so the form says so rather than showing it changed.
 */
export function EditClientForm({ client, onDone }: { client: Client; onDone: () => void }) {
  const t = useTranslations('staff.clientForm');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(ZClientUpdateInput, {
    defaultValues: {
      id: client.id,
      name: client.name,
      phone: client.phone ?? '',
      email: client.email,
    },
  });
  const update = useMutation(
    trpc.client.update.mutationOptions({
      onSuccess: ({ client: saved, pendingEmail }) => {
        toast.success(
          pendingEmail
            ? t('savedPendingEmail', { email: pendingEmail })
            : t('saved', { name: saved.name }),
        );
        void queryClient.invalidateQueries({ queryKey: trpc.client.pathKey() });
        onDone();
      },
      onError: (error) => applyServerError(form, error, ['name', 'phone', 'email']),
    }),
  );
  const { errors } = form.formState;
  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={form.handleSubmit(({ id, name, phone, email }) =>
        update.mutate({
          id,
          name,
          phone: phone || null,
          // Only a changed address starts a confirmation.
          ...(email && email.trim().toLowerCase() !== client.email ? { email } : {}),
        }),
      )}
    >
      <FormError message={errors.root?.server?.message} />
      <Field id="edit-name" label={t('name')} error={errors.name?.message}>
        <Input
          autoComplete="off"
          {...fieldAria('edit-name', errors.name?.message)}
          {...form.register('name')}
        />
      </Field>
      <Field id="edit-phone" label={t('phone')} error={errors.phone?.message}>
        <Input
          type="tel"
          inputMode="tel"
          autoComplete="off"
          {...fieldAria('edit-phone', errors.phone?.message)}
          {...form.register('phone')}
        />
      </Field>
      <Field
        id="edit-email"
        label={t('email')}
        description={t('emailChange')}
        error={errors.email?.message}
      >
        <Input
          type="email"
          inputMode="email"
          autoComplete="off"
          {...fieldAria('edit-email', errors.email?.message, true)}
          {...form.register('email')}
        />
      </Field>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={onDone}>
          {t('cancel')}
        </Button>
        <Button type="submit" loading={update.isPending}>
          {t('saveChanges')}
        </Button>
      </div>
    </form>
  );
}
