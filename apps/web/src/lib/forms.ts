'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type UseFormReturn,
} from 'react-hook-form';
import { z } from 'zod';

import type { FormSchema } from './form-schema';

type Issue = {
  code: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  expected?: string;
};

/** Messages people read, for the checks every form shares. */
function friendly(issue: Issue): string | undefined {
  const isText = issue.origin === 'string';
  if (issue.code === 'too_small' && isText)
    return Number(issue.minimum) <= 1 ? 'Required.' : `At least ${issue.minimum} characters.`;
  if (issue.code === 'too_big' && isText) return `At most ${issue.maximum} characters.`;
  if (issue.code === 'too_small') return `At least ${issue.minimum}.`;
  if (issue.code === 'too_big') return `At most ${issue.maximum}.`;
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Enter a number.';
  if (issue.code === 'invalid_type' && issue.expected === 'string') return 'Required.';
  return undefined;
}

/** A react-hook-form form validated by a procedure's input schema (JSON Schema from the server). */
export function useSchemaForm<T extends FieldValues>(
  schema: FormSchema,
  defaultValues: DefaultValues<T>,
): UseFormReturn<T> {
  const resolver = useMemo(
    () =>
      zodResolver(z.fromJSONSchema(schema as never) as never, {
        error: (issue) => friendly(issue as Issue),
      }),
    [schema],
  );
  return useForm<T>({ resolver: resolver as never, defaultValues, mode: 'onTouched' });
}

interface ServerError {
  message: string;
  data?: { fields?: { field: string; message: string }[]; reason?: string | null } | null;
}

/** What a write answers while the clinic's data is being moved (a freeze of a second or so). */
export const CLINIC_UPGRADING = 'This clinic is being upgraded — try again in a minute.';

/** The API refused a write because the clinic is frozen for a move (CONFLICT, reason CLINIC_FROZEN). */
export function isClinicUpgrading(error: unknown): boolean {
  return (error as ServerError | null)?.data?.reason === 'CLINIC_FROZEN';
}

/**
 * Puts a tRPC error's field messages (`data.fields`) on the form's fields, and what does not
 * belong to a field (or the error's own message) on `root.server`.
 */
export function applyServerError<T extends FieldValues>(
  form: UseFormReturn<T>,
  error: unknown,
  fieldNames: readonly string[],
): void {
  if (isClinicUpgrading(error)) {
    form.setError('root.server' as Path<T>, { type: 'server', message: CLINIC_UPGRADING });
    return;
  }
  const { message, data } = error as ServerError;
  const rest: string[] = [];
  for (const { field, message: fieldMessage } of data?.fields ?? []) {
    const name = fieldNames.find(
      (candidate) => field === candidate || field.startsWith(`${candidate}.`),
    );
    if (name) form.setError(name as Path<T>, { type: 'server', message: fieldMessage });
    else rest.push(fieldMessage);
  }
  form.setError('root.server' as Path<T>, {
    type: 'server',
    message: rest.length ? `${message} ${rest.join(' ')}` : message || 'Something went wrong.',
  });
}

/** A tRPC error's message (or a generic one). */
export function errorMessage(error: unknown): string {
  if (isClinicUpgrading(error)) return CLINIC_UPGRADING;
  return (
    (error as { message?: string } | null)?.message || 'Something went wrong. Please try again.'
  );
}
