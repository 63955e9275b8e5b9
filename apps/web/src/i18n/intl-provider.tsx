'use client';

import { NextIntlClientProvider, type AbstractIntlMessages } from 'next-intl';
import type { ReactNode } from 'react';

import type { Locale } from './locales';
import { missingMessage, reportIntlError } from './missing-message';

/**
 * next-intl for client components, with the same error handling as the server's (functions
 * cannot cross from the server, so they are set here).
 */
export function IntlProvider({
  locale,
  messages,
  strict,
  children,
}: {
  locale: Locale;
  messages: AbstractIntlMessages;
  strict: boolean;
  children: ReactNode;
}) {
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={messages}
      timeZone="UTC"
      onError={(error) => reportIntlError(error, strict)}
      getMessageFallback={missingMessage}
    >
      {children}
    </NextIntlClientProvider>
  );
}
