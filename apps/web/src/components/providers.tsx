'use client';

import { Toaster } from '@eventora/ui/toast';
import type { AbstractIntlMessages } from 'next-intl';
import type { ReactNode } from 'react';

import { IntlProvider } from '~/i18n/intl-provider';
import { PortalUiLabels } from '~/i18n/ui-labels';
import type { Locale } from '~/i18n/locales';
import { TRPCReactProvider } from '~/trpc/react';

/** Client-side providers for every page: translations (ours and @eventora/ui's), tRPC + TanStack Query, toasts. */
export function Providers({
  locale,
  messages,
  strictIntl,
  children,
}: {
  locale: Locale;
  messages: AbstractIntlMessages;
  /** Missing translations throw (development and tests) instead of showing a marker. */
  strictIntl: boolean;
  children: ReactNode;
}) {
  return (
    <IntlProvider locale={locale} messages={messages} strict={strictIntl}>
      <PortalUiLabels>
        <TRPCReactProvider>
          {children}
          <Toaster />
        </TRPCReactProvider>
      </PortalUiLabels>
    </IntlProvider>
  );
}
