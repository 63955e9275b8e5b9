import type { Metadata, Viewport } from 'next';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { CSSProperties, ReactNode } from 'react';

import { Providers } from '~/components/providers';
import { brandStyle } from '~/lib/brand';
import { serverEnv } from '~/server/env';
import { getClinic } from '~/server/portal';

import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const clinic = await getClinic();
  const t = await getTranslations('meta');
  const name = clinic?.name ?? 'Eventora';
  return {
    title: { default: name, template: `%s · ${name}` },
    description: clinic ? t('description', { clinic: clinic.name }) : t('descriptionNoClinic'),
    applicationName: name,
  };
}

export async function generateViewport(): Promise<Viewport> {
  const clinic = await getClinic();
  return { themeColor: clinic?.brandColor ?? '#0f766e', width: 'device-width', initialScale: 1 };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [clinic, locale, messages] = await Promise.all([getClinic(), getLocale(), getMessages()]);
  return (
    <html lang={locale} style={brandStyle(clinic?.brandColor ?? null) as CSSProperties | undefined}>
      <body className="min-h-dvh">
        <Providers
          locale={locale}
          messages={messages}
          strictIntl={serverEnv().NODE_ENV !== 'production'}
        >
          {children}
        </Providers>
      </body>
    </html>
  );
}
