'use client';

import { errorCode, errorMessage, isClinicUpgrading } from '@eventora/ui/error-message';
import { applyServerError } from '@eventora/ui/form';
import { useUiLabels } from '@eventora/ui/labels';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';

import type messages from '../../messages/en.json';
import { codeOf } from './locales';

export type ErrorKey = keyof (typeof messages)['errors'];

/**
 * How a form words an API refusal: its sentence by tRPC code, and each field's by name (or a
 * function of the code and the refused fields, when one code has several reasons).
 */
export type ErrorWords =
  | { codes?: Partial<Record<string, ErrorKey>>; fields?: Partial<Record<string, ErrorKey>> }
  | ((code: string | undefined, fields: string[]) => ErrorWords);

interface ServerErrorShape {
  message?: string;
  data?: {
    code?: string;
    reason?: string | null;
    fields?: { field: string; message: string }[];
  } | null;
}

/**
 * The API answers in English. In English its own words are shown (they are the most precise:
 * the password policy's exact reasons, the minutes to wait); in another language a refusal is
 * worded by its code and fields from the catalog (`errors`), and anything not listed gets the
 * general sentence rather than English.
 */
export function useServerError() {
  const t = useTranslations('errors');
  const english = codeOf(useLocale()) === 'en';
  const { errors: words } = useUiLabels();

  const translate = useCallback(
    (error: unknown, wording: ErrorWords = {}): unknown => {
      if (english) return error;
      const { data } = (error ?? {}) as ServerErrorShape;
      const code = errorCode(error);
      let known = wording;
      const refused = (data?.fields ?? []).map(({ field }) => field);
      while (typeof known === 'function') known = known(code, refused);
      const key = code ? known.codes?.[code] : undefined;
      // A failure rather than a refusal (server failed, no answer, a move's freeze) has its own sentence.
      const failure = !data || code === 'INTERNAL_SERVER_ERROR' || isClinicUpgrading(error);
      const message = key ? t(key) : failure ? errorMessage(error, words) : words.generic;
      const fields = (data?.fields ?? []).map(({ field }) => {
        const fieldKey = known.fields?.[field];
        return { field, message: fieldKey ? t(fieldKey) : t('checkField') };
      });
      return { message, data: data ? { ...data, fields } : data };
    },
    [english, t, words],
  );

  return useMemo(
    () => ({
      /** A failed call's sentence for people, in the page's language. */
      text: (error: unknown, known?: ErrorWords) => errorMessage(translate(error, known), words),
      /** `applyServerError` in the page's language. */
      apply: <T extends FieldValues>(
        form: Pick<UseFormReturn<T>, 'setError'>,
        error: unknown,
        fieldNames: readonly FieldPath<T>[],
        known?: ErrorWords,
      ) => applyServerError(form, translate(error, known), fieldNames, words),
    }),
    [translate, words],
  );
}
