'use client';

import type { ZBranchCreateInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from '@eventora/ui/card';
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
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Building2, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import { LoadError } from '@eventora/ui/load-error';
import { FormError } from '@eventora/ui/form';
import { applyServerError } from '@eventora/ui/form';

import type { FormSchema } from '~/lib/form-schema';
import { useSchemaForm } from '~/lib/forms';
import { formatMinutes, WEEKDAYS } from '~/lib/time';
import { useTRPC } from '~/trpc/react';
import { WeeklyIntervals, type Interval } from './weekly-intervals';

type Values = z.input<typeof ZBranchCreateInput>;

interface BranchView {
  id: string;
  name: string;
  address: string | null;
  timezone: string;
  openingHours: { weekday: number; opensAt: number; closesAt: number }[];
}

/** Branches with their hours; add and edit in a side sheet. */
export function BranchesManager({ schema }: { schema: FormSchema }) {
  const trpc = useTRPC();
  const branches = useQuery(trpc.branch.list.queryOptions());
  const [editing, setEditing] = useState<BranchView | 'new'>();
  return (
    <div className="grid gap-4">
      <div>
        <Button onClick={() => setEditing('new')}>
          <Plus /> Add branch
        </Button>
      </div>
      {branches.isPending ? (
        <Skeleton className="h-48 rounded-xl" />
      ) : branches.isError ? (
        <LoadError error={branches.error} onRetry={() => branches.refetch()} />
      ) : branches.data.length === 0 ? (
        <EmptyState
          icon={<Building2 />}
          title="No branches yet"
          description="Add your first location and its opening hours."
        />
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          {branches.data.map((b) => (
            <Card key={b.id}>
              <CardHeader>
                <CardTitle>{b.name}</CardTitle>
                <CardDescription>
                  {b.address ?? 'No address'} · {b.timezone.replace(/_/g, ' ')}
                </CardDescription>
                <CardAction>
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => setEditing(b)}
                    aria-label={`Edit ${b.name}`}
                  >
                    Edit
                  </Button>
                </CardAction>
              </CardHeader>
              <CardContent>
                <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
                  {[1, 2, 3, 4, 5, 6, 0].map((weekday) => {
                    const hours = b.openingHours.filter((h) => h.weekday === weekday);
                    return (
                      <div key={weekday} className="contents">
                        <dt className="text-muted-foreground">{WEEKDAYS[weekday]}</dt>
                        <dd>
                          {hours.length
                            ? hours
                                .map(
                                  (h) => `${formatMinutes(h.opensAt)}–${formatMinutes(h.closesAt)}`,
                                )
                                .join(', ')
                            : 'Closed'}
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              </CardContent>
            </Card>
          ))}
        </div>
      )}
      <Sheet open={Boolean(editing)} onOpenChange={(open) => !open && setEditing(undefined)}>
        <SheetContent className="sm:max-w-xl">
          {editing ? (
            <BranchForm
              key={editing === 'new' ? 'new' : editing.id}
              schema={schema}
              branch={editing === 'new' ? undefined : editing}
              onDone={() => setEditing(undefined)}
            />
          ) : null}
        </SheetContent>
      </Sheet>
    </div>
  );
}

function BranchForm({
  schema,
  branch,
  onDone,
}: {
  schema: FormSchema;
  branch?: BranchView;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const form = useSchemaForm<Values>(schema, {
    name: branch?.name ?? '',
    address: branch?.address ?? '',
    timezone: branch?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const [hours, setHours] = useState<Interval[]>(
    () =>
      branch?.openingHours.map((h) => ({
        weekday: h.weekday,
        start: h.opensAt,
        end: h.closesAt,
      })) ?? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 9 * 60, end: 19 * 60 })),
  );
  const onSuccess = () => {
    toast.success(branch ? 'Branch updated.' : 'Branch added.');
    void queryClient.invalidateQueries({ queryKey: trpc.branch.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.therapist.pathKey() });
    onDone();
  };
  const onError = (error: unknown) =>
    applyServerError(form, error, ['name', 'address', 'timezone']);
  const create = useMutation(trpc.branch.create.mutationOptions({ onSuccess, onError }));
  const update = useMutation(trpc.branch.update.mutationOptions({ onSuccess, onError }));
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
    <form noValidate onSubmit={submit} className="flex min-h-full min-w-0 flex-col">
      <SheetHeader>
        <SheetTitle>{branch ? `Edit ${branch.name}` : 'Add a branch'}</SheetTitle>
        <SheetDescription>
          Clients see free times inside these hours, on this branch’s clock.
        </SheetDescription>
      </SheetHeader>
      <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-4 px-5">
        <FormError message={errors.root?.server?.message} />
        <Field id="b-name" label="Name" error={errors.name?.message}>
          <Input {...fieldAria('b-name', errors.name?.message)} {...form.register('name')} />
        </Field>
        <Field id="b-address" label="Address" error={errors.address?.message}>
          <Input
            autoComplete="street-address"
            {...fieldAria('b-address', errors.address?.message)}
            {...form.register('address')}
          />
        </Field>
        <Field
          id="b-timezone"
          label="Time zone"
          description="Type to search, e.g. America/Mexico_City."
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
          <legend className="mb-2 text-sm font-medium">Opening hours</legend>
          <WeeklyIntervals idPrefix="hours" value={hours} onChange={setHours} />
        </fieldset>
      </div>
      <SheetFooter className="bg-card sticky bottom-0 border-t sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending || update.isPending}>
          {branch ? 'Save changes' : 'Add branch'}
        </Button>
      </SheetFooter>
    </form>
  );
}
