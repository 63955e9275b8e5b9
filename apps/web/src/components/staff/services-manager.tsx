'use client';

import type { ZServiceCreateInput } from '@eventora/api/schemas';
import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Field, fieldAria } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetFooter,
  SheetHeader,
  SheetTitle,
} from '@eventora/ui/sheet';
import { Skeleton } from '@eventora/ui/skeleton';
import { Textarea } from '@eventora/ui/textarea';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { HandCoins, Plus } from 'lucide-react';
import { useState } from 'react';
import type { z } from 'zod';
import { LoadError } from '@eventora/ui/load-error';
import { FormError } from '@eventora/ui/form';
import { errorMessage } from '@eventora/ui/error-message';
import { applyServerError } from '@eventora/ui/form';

import type { FormSchema } from '~/lib/form-schema';
import { useSchemaForm } from '~/lib/forms';
import { formatMoney } from '~/lib/time';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

type Values = z.input<typeof ZServiceCreateInput>;
type Service = RouterOutputs['service']['list'][number];

/** The services on offer (and archived ones): length, price, who offers them; add and edit. */
export function ServicesManager({ schema }: { schema: FormSchema }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const services = useQuery(trpc.service.list.queryOptions({ includeArchived: true }));
  const [editing, setEditing] = useState<Service | 'new'>();
  const archive = useMutation(
    trpc.service.archive.mutationOptions({
      onSuccess: (service) => {
        toast.success(`${service.name} is archived. Sessions already booked keep it.`);
        void queryClient.invalidateQueries({ queryKey: trpc.service.pathKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <div className="grid gap-4">
      <div>
        <Button onClick={() => setEditing('new')}>
          <Plus /> Add service
        </Button>
      </div>
      {services.isPending ? (
        <Skeleton className="h-48 rounded-xl" />
      ) : services.isError ? (
        <LoadError error={services.error} onRetry={() => services.refetch()} />
      ) : services.data.length === 0 ? (
        <EmptyState
          icon={<HandCoins />}
          title="No services yet"
          description="Without services, each therapist’s standard session length is used."
        />
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" aria-label="Services">
          {services.data.map((service) => (
            <li
              key={service.id}
              className="bg-card grid gap-2 rounded-xl border p-4"
              aria-label={service.name}
            >
              <div className="flex items-start justify-between gap-3">
                <div className="grid min-w-0 gap-0.5">
                  <p className="flex flex-wrap items-center gap-2 font-medium">
                    {service.name}
                    {service.archivedAt ? <Badge variant="secondary">Archived</Badge> : null}
                  </p>
                  <p className="text-muted-foreground text-sm">
                    {service.durationMinutes} min ·{' '}
                    {formatMoney(service.priceCents, service.currency)}
                  </p>
                </div>
                <div className="flex shrink-0 gap-1">
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setEditing(service)}
                    aria-label={`Edit ${service.name}`}
                  >
                    Edit
                  </Button>
                  {service.archivedAt ? null : (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => archive.mutate({ id: service.id })}
                      aria-label={`Archive ${service.name}`}
                    >
                      Archive
                    </Button>
                  )}
                </div>
              </div>
              <p className="text-sm">
                {service.therapists.length ? (
                  service.therapists.map((t) => t.name).join(', ')
                ) : (
                  <span className="text-muted-foreground">No therapist offers it yet</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Sheet open={Boolean(editing)} onOpenChange={(open) => !open && setEditing(undefined)}>
        <SheetContent>
          {editing ? (
            <ServiceForm
              key={editing === 'new' ? 'new' : editing.id}
              schema={schema}
              service={editing === 'new' ? undefined : editing}
              onDone={() => setEditing(undefined)}
            />
          ) : null}
        </SheetContent>
      </Sheet>
    </div>
  );
}

function ServiceForm({
  schema,
  service,
  onDone,
}: {
  schema: FormSchema;
  service?: Service;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const therapists = useQuery(trpc.therapist.list.queryOptions());
  const form = useSchemaForm<Values>(schema, {
    name: service?.name ?? '',
    description: service?.description ?? '',
    durationMinutes: service?.durationMinutes ?? 60,
    priceCents: service?.priceCents ?? 0,
    therapistIds: service?.therapists.map((t) => t.id) ?? [],
  });
  const [price, setPrice] = useState(service ? String(service.priceCents / 100) : '');
  const chosen = form.watch('therapistIds') ?? [];
  const onSuccess = () => {
    toast.success(service ? 'Service updated.' : 'Service added.');
    void queryClient.invalidateQueries({ queryKey: trpc.service.pathKey() });
    onDone();
  };
  const onError = (error: unknown) =>
    applyServerError(form, error, [
      'name',
      'description',
      'durationMinutes',
      'priceCents',
      'therapistIds',
    ]);
  const create = useMutation(trpc.service.create.mutationOptions({ onSuccess, onError }));
  const update = useMutation(trpc.service.update.mutationOptions({ onSuccess, onError }));
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    const input = { ...values, description: values.description || null };
    if (service) update.mutate({ id: service.id, ...input });
    else create.mutate(input);
  });
  const toggle = (id: string, on: boolean) =>
    form.setValue('therapistIds', on ? [...chosen, id] : chosen.filter((t) => t !== id), {
      shouldDirty: true,
    });
  return (
    <form noValidate onSubmit={submit} className="flex min-h-full min-w-0 flex-col">
      <SheetHeader>
        <SheetTitle>{service ? `Edit ${service.name}` : 'Add a service'}</SheetTitle>
        <SheetDescription>
          Sessions already booked keep the time they were booked with.
        </SheetDescription>
      </SheetHeader>
      <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-4 px-5">
        <FormError message={errors.root?.server?.message} />
        <Field id="sv-name" label="Name" error={errors.name?.message}>
          <Input {...fieldAria('sv-name', errors.name?.message)} {...form.register('name')} />
        </Field>
        <Field id="sv-description" label="Description" error={errors.description?.message}>
          <Textarea
            rows={2}
            {...fieldAria('sv-description', errors.description?.message)}
            {...form.register('description')}
          />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id="sv-duration" label="Length (minutes)" error={errors.durationMinutes?.message}>
            <Input
              type="number"
              inputMode="numeric"
              min={5}
              max={480}
              step={5}
              {...fieldAria('sv-duration', errors.durationMinutes?.message)}
              {...form.register('durationMinutes', { valueAsNumber: true })}
            />
          </Field>
          <Field id="sv-price" label="Price" error={errors.priceCents?.message}>
            <Input
              type="number"
              inputMode="decimal"
              min={0}
              step="0.01"
              value={price}
              {...fieldAria('sv-price', errors.priceCents?.message)}
              onChange={(e) => {
                setPrice(e.target.value);
                form.setValue('priceCents', Math.round(Number(e.target.value || 0) * 100), {
                  shouldValidate: true,
                });
              }}
            />
          </Field>
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">Offered by</legend>
          {therapists.isPending ? (
            <Skeleton className="h-16" />
          ) : (
            (therapists.data ?? []).map((t) => (
              <label key={t.id} className="flex items-center gap-3 text-sm">
                <input
                  type="checkbox"
                  className="accent-primary size-4"
                  checked={chosen.includes(t.id)}
                  onChange={(e) => toggle(t.id, e.target.checked)}
                />
                {t.name}
              </label>
            ))
          )}
          {errors.therapistIds?.message ? (
            <p role="alert" className="text-destructive text-sm font-medium">
              {errors.therapistIds.message}
            </p>
          ) : null}
        </fieldset>
      </div>
      <SheetFooter className="bg-card sticky bottom-0 border-t sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending || update.isPending}>
          {service ? 'Save changes' : 'Add service'}
        </Button>
      </SheetFooter>
    </form>
  );
}
