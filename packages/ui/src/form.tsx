'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { CircleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import {
  get,
  useForm,
  useFormState,
  type FieldPath,
  type FieldValues,
  type Path,
  type UseFormProps,
  type UseFormRegisterReturn,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';

import { Alert, AlertDescription } from './alert';
import { ENGLISH_LABELS, type UiLabels } from './english-labels';
import { errorMessage } from './error-message';
import { useUiLabels } from './labels';
import { Field, fieldAria } from './field';

type Issue = {
  code: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  expected?: string;
};

/**
 * Messages people read for the checks every form shares. A schema's own message (`.min(8,
 * 'At least 8 characters, please')`) still wins: zod prefers it to this per-parse map.
 */
function friendly(issue: Issue, words: UiLabels['validation']): string | undefined {
  const isText = issue.origin === 'string';
  const minimum = Number(issue.minimum);
  const maximum = Number(issue.maximum);
  if (issue.code === 'too_small' && isText)
    return minimum <= 1 ? words.required : words.minChars(minimum);
  if (issue.code === 'too_big' && isText) return words.maxChars(maximum);
  if (issue.code === 'too_small') return words.min(minimum);
  if (issue.code === 'too_big') return words.max(maximum);
  if (issue.code === 'invalid_type' && issue.expected === 'number') return words.number;
  if (issue.code === 'invalid_type' && issue.expected === 'string') return words.required;
  if (issue.code === 'invalid_format' && (issue as { format?: string }).format === 'email')
    return words.email;
  return undefined;
}

/** The values a form edits (the schema's input) and what it submits (the schema's output). */
export type ZodForm<S extends z.ZodType<FieldValues, FieldValues>> = UseFormReturn<
  z.input<S>,
  unknown,
  z.output<S>
>;

/** The resolver `useZodForm` uses: the schema's checks, with `friendly` default messages. */
export function zodFormResolver<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  words: UiLabels['validation'] = ENGLISH_LABELS.validation,
) {
  return zodResolver(schema, { error: (issue) => friendly(issue as Issue, words) });
}

/**
 * A react-hook-form form validated in the browser by the procedure's own input schema (from
 * `@eventora/api/schemas`): the same fields, limits and messages the server checks again.
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): ZodForm<S> {
  const { validation } = useUiLabels();
  return useForm<z.input<S>, unknown, z.output<S>>({
    mode: 'onTouched',
    ...options,
    resolver: zodFormResolver(schema, validation),
  });
}

interface ServerError {
  data?: { fields?: { field: string; message: string }[] } | null;
}

/**
 * Puts a tRPC error's field messages (`data.fields`) on the form's fields, and what does not
 * belong to one of `fieldNames` (or the error's own message) on `root.server`.
 */
export function applyServerError<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, 'setError'>,
  error: unknown,
  fieldNames: readonly FieldPath<T>[],
  words: UiLabels['errors'] = ENGLISH_LABELS.errors,
): void {
  const { data } = error as ServerError;
  // The words people read: never an internal error's own, nor the browser's for a lost connection.
  const message = errorMessage(error, words);
  const rest: string[] = [];
  for (const { field, message: fieldMessage } of data?.fields ?? []) {
    // The server names nested fields by path (`hours.0.opensAt`): the nearest form field takes it.
    const name = fieldNames.find(
      (candidate) => field === candidate || field.startsWith(`${candidate}.`),
    );
    if (name) form.setError(name, { type: 'server', message: fieldMessage });
    else rest.push(fieldMessage);
  }
  form.setError('root.server' as Path<T>, {
    type: 'server',
    message: rest.length ? `${message} ${rest.join(' ')}` : message,
  });
}

/** The form-level error (from the server, or not tied to one field). */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Alert variant="destructive">
      <CircleAlert />
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}

/** What a FormField hands its control: registration plus the ARIA ties to label and messages. */
export type FormControlProps = UseFormRegisterReturn & ReturnType<typeof fieldAria>;

export interface FormFieldProps<T extends FieldValues, TOut = T> {
  form: UseFormReturn<T, unknown, TOut>;
  name: FieldPath<T>;
  label: ReactNode;
  description?: ReactNode;
  /** The control's id (defaults to the field's name). */
  id?: string;
  className?: string;
  /** Renders the control: spread the props on an Input, Textarea or NativeSelect. */
  children: (control: FormControlProps) => ReactNode;
}

/**
 * A labelled field wired to its form: registered, described, marked invalid and showing its
 * message (the browser's check or the server's, see `applyServerError`).
 */
export function FormField<T extends FieldValues, TOut = T>({
  form,
  name,
  label,
  description,
  id = name,
  className,
  children,
}: FormFieldProps<T, TOut>) {
  const { errors } = useFormState({ control: form.control, name });
  const error = (get(errors, name) as { message?: string } | undefined)?.message;
  return (
    <Field id={id} label={label} description={description} error={error} className={className}>
      {children({ ...form.register(name), ...fieldAria(id, error, description != null) })}
    </Field>
  );
}
