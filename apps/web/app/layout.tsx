import type { Metadata, Viewport } from 'next';
import type { CSSProperties, ReactNode } from 'react';

import { Providers } from '~/components/providers';
import { brandStyle } from '~/lib/brand';
import { getClinic } from '~/server/portal';

import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const clinic = await getClinic();
  const name = clinic?.name ?? 'Eventora';
  return {
    title: { default: name, template: `%s · ${name}` },
    description: clinic
      ? `Book sessions and manage your packages at ${clinic.name}.`
      : 'Book sessions at your clinic.',
    applicationName: name,
  };
}

export async function generateViewport(): Promise<Viewport> {
  const clinic = await getClinic();
  return { themeColor: clinic?.brandColor ?? '#0f766e', width: 'device-width', initialScale: 1 };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const clinic = await getClinic();
  return (
    <html lang="en" style={brandStyle(clinic?.brandColor ?? null) as CSSProperties | undefined}>
      <body className="min-h-dvh">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
