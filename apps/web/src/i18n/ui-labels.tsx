'use client';

import { UiLabelsProvider, type UiLabels } from '@eventora/ui/labels';
import { useTranslations } from 'next-intl';
import { useMemo, type ReactNode } from 'react';

/** The shared components' own words (@eventora/ui: "Close", "Try again", form checks) in the page's language. */
export function PortalUiLabels({ children }: { children: ReactNode }) {
  const t = useTranslations('ui');
  const labels = useMemo<UiLabels>(
    () => ({
      close: t('close'),
      cancel: t('cancel'),
      tryAgain: t('tryAgain'),
      notifications: t('notifications'),
      closeToast: t('closeToast'),
      errors: {
        clinicUpgrading: t('errors.clinicUpgrading'),
        serverFailed: t('errors.serverFailed'),
        noAnswer: t('errors.noAnswer'),
        generic: t('errors.generic'),
      },
      validation: {
        required: t('validation.required'),
        minChars: (minimum) => t('validation.minChars', { minimum }),
        maxChars: (maximum) => t('validation.maxChars', { maximum }),
        min: (minimum) => t('validation.min', { minimum }),
        max: (maximum) => t('validation.max', { maximum }),
        number: t('validation.number'),
        email: t('validation.email'),
      },
    }),
    [t],
  );
  return <UiLabelsProvider labels={labels}>{children}</UiLabelsProvider>;
}
