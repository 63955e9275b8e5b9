'use client';

import { ZAdminClinicCreateInput, ZSlug } from '@eventora/api/schemas';
import { applyServerError, useZodForm } from '@eventora/ui/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { suggestSlug } from './suggest-slug';

const EMPTY = {
  name: '',
  slug: '',
  mode: 'shared',
  timezone: 'UTC',
  ownerEmail: '',
  ownerName: '',
} as const;

const FIELDS = ['name', 'slug', 'mode', 'timezone', 'ownerEmail', 'ownerName'] as const;

/**
 * The onboarding form's state: the fields (checked by the API's own ZAdminClinicCreateInput),
 * the address suggested from the name until the operator types one, whether that address is
 * taken, and the `create` call with the registry row that shows its progress.
 */
export function useOnboarding() {
  const trpc = useTRPC();
  const form = useZodForm(ZAdminClinicCreateInput, { defaultValues: EMPTY });
  const [slugEdited, setSlugEdited] = useState(false);
  const slug = form.watch('slug');

  const create = useMutation(
    trpc.admin.clinic.create.mutationOptions({
      onError: (error) => applyServerError(form, error, FIELDS),
    }),
  );
  // While `create` runs the fields are disabled: the slug watched is the one sent.
  const sentSlug = create.variables?.slug ?? slug;

  // The registry row appears as soon as provisioning starts: its state is the progress.
  const watched = useQuery({
    ...trpc.admin.clinic.list.queryOptions({ search: sentSlug, pageSize: 5 }),
    enabled: create.isPending || create.isError,
    refetchInterval: create.isPending ? 800 : false,
  });
  const row = watched.data?.items.find((item) => item.slug === sentSlug);

  const taken = useQuery({
    ...trpc.admin.clinic.list.queryOptions({ search: slug, pageSize: 5 }),
    enabled: ZSlug.safeParse(slug).success && create.isIdle,
    staleTime: 5_000,
  });
  const slugTaken = create.isIdle && Boolean(taken.data?.items.some((item) => item.slug === slug));

  /** The name's field: until the operator types an address, the address follows the name. */
  const nameChanged = (name: string) => {
    if (slugEdited) return;
    const { isTouched } = form.getFieldState('slug');
    form.setValue('slug', suggestSlug(name), {
      shouldValidate: isTouched || form.formState.isSubmitted,
    });
  };

  const submit = form.handleSubmit((values) => {
    if (slugTaken || create.isPending) return;
    create.mutate(values);
  });

  const startOver = () => {
    create.reset();
    setSlugEdited(false);
    form.reset(EMPTY);
  };

  return {
    form,
    create,
    row,
    slugTaken,
    nameChanged,
    slugTyped: () => setSlugEdited(true),
    submit,
    startOver,
  };
}

export type Onboarding = ReturnType<typeof useOnboarding>;
