'use client';

import { applyServerError } from '@eventora/ui/form';
import { toast } from '@eventora/ui/toast';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';

/**
 * An edit sheet's save callbacks for its create and update mutations: on success say so,
 * refresh the lists the record appears in and close; on error put the server's messages on
 * the form's fields.
 */
export function useSheetSave<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, 'setError'>,
  {
    saved,
    fields,
    refresh,
    onDone,
  }: {
    /** The toast after a save. */
    saved: string;
    /** The form's fields, for the server's field messages (`data.fields`). */
    fields: readonly FieldPath<T>[];
    /** Query keys (usually `trpc.<router>.pathKey()`) of the lists the record shows in. */
    refresh: readonly QueryKey[];
    onDone: () => void;
  },
) {
  const queryClient = useQueryClient();
  return {
    onSuccess: () => {
      toast.success(saved);
      for (const queryKey of refresh) void queryClient.invalidateQueries({ queryKey });
      onDone();
    },
    onError: (error: unknown) => applyServerError(form, error, fields),
  };
}
