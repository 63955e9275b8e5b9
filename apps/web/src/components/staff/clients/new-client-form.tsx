'use client';

import { ZClientCreateInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { applyServerError, FormError, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

export type CreatedClient = RouterOutputs['client']['create']['client'];

/**
 * Adds a client (a walk-in, a phone booking). With "invite", they get a link to the portal to
 * choose a password; without, the account waits until they reset a password themselves.
 */
export function NewClientForm({
  idPrefix = 'new-client',
  submitLabel = 'Add client',
  onCreated,
  onCancel,
}: {
  idPrefix?: string;
  submitLabel?: string;
  onCreated: (client: CreatedClient) => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(ZClientCreateInput, {
    defaultValues: { name: '', email: '', phone: '', invite: false },
  });
  const create = useMutation(
    trpc.client.create.mutationOptions({
      onSuccess: ({ client }, input) => {
        toast.success(input.invite ? `${client.name} added and invited.` : `${client.name} added.`);
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
      <Field id={id('name')} label="Name" error={errors.name?.message}>
        <Input
          autoComplete="off"
          {...fieldAria(id('name'), errors.name?.message)}
          {...form.register('name')}
        />
      </Field>
      <Field id={id('email')} label="Email" error={errors.email?.message}>
        <Input
          type="email"
          inputMode="email"
          autoComplete="off"
          {...fieldAria(id('email'), errors.email?.message)}
          {...form.register('email')}
        />
      </Field>
      <Field id={id('phone')} label="Phone (optional)" error={errors.phone?.message}>
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
          <span className="font-medium">Invite them to the portal</span>
          <span className="text-muted-foreground block">
            They get an email to choose a password and book online.
          </span>
        </span>
      </label>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {onCancel ? (
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" loading={create.isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
