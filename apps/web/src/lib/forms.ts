'use client';

import { useZodForm } from '@eventora/ui/form';
import { useMemo } from 'react';
import type { DefaultValues, FieldValues, UseFormReturn } from 'react-hook-form';
import { z } from 'zod';

import type { FormSchema } from './form-schema';

/** A react-hook-form form validated by a procedure's input schema (JSON Schema from the server). */
export function useSchemaForm<T extends FieldValues>(
  schema: FormSchema,
  defaultValues: DefaultValues<T>,
): UseFormReturn<T> {
  const zodSchema = useMemo(() => z.fromJSONSchema(schema as never) as z.ZodType<T, T>, [schema]);
  return useZodForm(zodSchema, { defaultValues }) as UseFormReturn<T>;
}
